"""gRPC methods for the reports over the caller's own organisation."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from mentors.domain.mentors import DualQualificationRule, Side
from mentors.handlers import reports as handlers
from mentors.rpc.messages import SIDE_TO_PB, assignment_to_pb, dec, given, qualification_to_pb, ts
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis_common import pages
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import Date, validate


class Period(BaseModel):
    """The from/to query of GET /v1/reports/guidance."""

    model_config = ConfigDict(extra="forbid")

    from_date: Date | None = None
    to_date: Date | None = None


class ReportMethods:
    rt: Runtime
    rule: DualQualificationRule

    async def GetDualQualifiedReport(
        self, request: pb.GetDualQualifiedReportRequest, context
    ) -> pb.GetDualQualifiedReportResponse:
        report = await handlers.dual_qualified_report(principal(), uow=self.rt.uow, rule=self.rule, clock=self.rt.clock)
        return pb.GetDualQualifiedReportResponse(
            school_org=report.school_org,
            as_of=ts(report.as_of),
            rule=pb.DualQualificationRule(
                min_months=self.rule.min_months,
                window_years=self.rule.window_years,
                certificates=sorted(self.rt.settings.dual_qualified_certificates),
            ),
            mentors_total=report.mentors_total,
            dual_qualified=report.dual_qualified,
            ratio=dec(report.ratio),
            mentors=[
                pb.DualQualifiedMentor(
                    mentor_id=str(m.id), display_name=m.display_name, qualification=qualification_to_pb(q)
                )
                for m, q in report.mentors
            ],
        )

    async def GetMentorLoadReport(
        self, request: pb.GetMentorLoadReportRequest, context
    ) -> pb.GetMentorLoadReportResponse:
        report = await handlers.load_report(principal(), uow=self.rt.uow)
        return pb.GetMentorLoadReportResponse(
            org=report.org,
            total_capacity=report.total_capacity,
            total_load=report.total_load,
            utilisation=dec(report.utilisation),
            by_load=report.by_load,
            buckets=report.buckets,
            mentors=[
                pb.MentorLoad(
                    mentor_id=str(m.id),
                    display_name=m.display_name,
                    kind=SIDE_TO_PB[m.kind],
                    active=m.active,
                    capacity=m.capacity,
                    load=m.load,
                    free_seats=m.free_seats,
                )
                for m in report.mentors
            ],
        )

    async def GetGuidanceReport(self, request: pb.GetGuidanceReportRequest, context) -> pb.GetGuidanceReportResponse:
        period = validate(Period, given(from_date=request.from_date, to_date=request.to_date))
        report = await handlers.guidance_report(
            principal(), uow=self.rt.uow, from_date=period.from_date, to_date=period.to_date, clock=self.rt.clock
        )
        return pb.GetGuidanceReportResponse(
            org=report.org,
            from_date=ts(report.from_date),
            to_date=ts(report.to_date),
            per_mentor=[
                pb.MentorGuidance(
                    mentor_id=str(m.mentor_id),
                    display_name=m.display_name,
                    side=SIDE_TO_PB[Side(m.side)],
                    org=m.org,
                    sessions=m.sessions,
                    onsite_sessions=m.onsite_sessions,
                    minutes=m.minutes,
                    confirmed_sessions=m.confirmed_sessions,
                    students=m.students,
                    current_mentees=m.current_mentees,
                    sessions_per_30_days=dec(m.sessions_per_30_days),
                )
                for m in report.per_mentor
            ],
            per_student=[
                pb.StudentGuidance(
                    school_org=g.school_org,
                    student_ref=g.student_ref,
                    sessions=g.sessions,
                    onsite_sessions=g.onsite_sessions,
                    minutes=g.minutes,
                    last_held_on=ts(g.last_held_on),
                    sessions_per_30_days=dec(g.sessions_per_30_days),
                )
                for g in report.per_student
            ],
        )

    async def GetPendingAssignmentsReport(
        self, request: pb.GetPendingAssignmentsReportRequest, context
    ) -> pb.GetPendingAssignmentsReportResponse:
        report = await handlers.pending_report(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.GetPendingAssignmentsReportResponse(
            org=report.org,
            total=report.total,
            by_side=report.by_side,
            oldest_since=ts(report.oldest_since),
            items=[assignment_to_pb(v) for v in report.items],
            next_page_token=report.next_page_token or "",
        )
