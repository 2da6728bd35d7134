"""REST routes for reports (/v1/reports): over the caller's own organisation only."""

from __future__ import annotations

from fastapi import APIRouter, Query

from mentors.handlers import reports as handlers
from mentors.schemas.assignments import AssignmentRead
from mentors.schemas.mentors import QualificationRead
from mentors.schemas.reports import (
    DualQualifiedMentor,
    DualQualifiedReportRead,
    GuidanceReportRead,
    LoadReportRead,
    MentorLoad,
    PendingReportRead,
    RuleRead,
)
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import Date


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/reports", tags=["reports"])
    rule = rt.settings.dual_rule

    @r.get(
        "/dual-qualified",
        operation_id="getDualQualifiedReport",
        response_model=DualQualifiedReportRead,
        summary="Dual-qualified ratio of your school",
    )
    async def dual_qualified(principal: PrincipalDep) -> DualQualifiedReportRead:
        """Active school mentors who are dual-qualified under the configured rule, with the list behind the
        ratio and each mentor's practice months, hours and qualifying certificates. Schools only."""
        report = await handlers.dual_qualified_report(principal, uow=rt.uow, rule=rule, clock=rt.clock)
        return DualQualifiedReportRead(
            school_org=report.school_org,
            as_of=report.as_of,
            rule=RuleRead(
                min_months=rule.min_months,
                window_years=rule.window_years,
                certificates=sorted(rt.settings.dual_qualified_certificates),
            ),
            mentors_total=report.mentors_total,
            dual_qualified=report.dual_qualified,
            ratio=report.ratio,
            mentors=[
                DualQualifiedMentor(mentor_id=m.id, display_name=m.display_name, qualification=QualificationRead.of(q))
                for m, q in report.mentors
            ],
        )

    @r.get(
        "/mentor-load",
        operation_id="getMentorLoadReport",
        response_model=LoadReportRead,
        summary="Mentor load distribution of your organisation",
    )
    async def mentor_load(principal: PrincipalDep) -> LoadReportRead:
        report = await handlers.load_report(principal, uow=rt.uow)
        return LoadReportRead(
            org=report.org,
            total_capacity=report.total_capacity,
            total_load=report.total_load,
            utilisation=report.utilisation,
            by_load=report.by_load,
            buckets=report.buckets,
            mentors=[
                MentorLoad(
                    mentor_id=m.id,
                    display_name=m.display_name,
                    kind=m.kind.value,
                    active=m.active,
                    capacity=m.capacity,
                    load=m.load,
                    free_seats=m.free_seats,
                )
                for m in report.mentors
            ],
        )

    @r.get(
        "/guidance",
        operation_id="getGuidanceReport",
        response_model=GuidanceReportRead,
        summary="Guidance frequency per mentor and student",
    )
    async def guidance(
        principal: PrincipalDep,
        from_date: Date | None = Query(default=None, alias="from"),
        to_date: Date | None = Query(default=None, alias="to"),
    ) -> GuidanceReportRead:
        """Sessions held in the period (default: the last 90 days) in your contexts: per mentor (sessions,
        on-site, minutes, confirmed, students) and per student; current mentors and students without any
        session appear with zeros."""
        report = await handlers.guidance_report(
            principal, uow=rt.uow, from_date=from_date, to_date=to_date, clock=rt.clock
        )
        return GuidanceReportRead.model_validate(
            {
                "org": report.org,
                "from": report.from_date,
                "to": report.to_date,
                "per_mentor": [vars(m) for m in report.per_mentor],
                "per_student": [vars(s) for s in report.per_student],
            }
        )

    @r.get(
        "/pending-assignments",
        operation_id="getPendingAssignmentsReport",
        response_model=PendingReportRead,
        summary="Assignments waiting for a mentor",
    )
    async def pending(
        principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> PendingReportRead:
        """In your contexts, on either side: a school also sees its students still waiting for an enterprise
        mentor, an enterprise the students it hosts still waiting for a school mentor."""
        report = await handlers.pending_report(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return PendingReportRead(
            org=report.org,
            total=report.total,
            by_side=report.by_side,
            oldest_since=report.oldest_since,
            items=[AssignmentRead.of(v) for v in report.items],
            next_page_token=report.next_page_token,
        )

    return r
