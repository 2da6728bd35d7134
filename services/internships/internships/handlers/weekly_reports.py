"""Weekly report use cases: file a report (the student or their school), review it (the placement's assigned school
mentor), comment on it (the placement's assigned mentors), read a placement's reports.

Who files: as for logbooks (handlers.logbooks), the student (role student, `sub` = the placement's student_ref) or
the student's school (admin, coordinator, teacher); the host enterprise files nothing.
Who reviews: the school mentor the mentors service assigned to the placement (internships keeps the assignment from
mentors' events; the token's `sub` must be the mentor's sign-in account). The placement's other parties get 403,
everyone else 404 (the placement does not exist for them).
Who comments: the placement's assigned enterprise mentor, and its assigned school mentor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from internships import policy
from internships.domain.placements import Placement
from internships.domain.weekly_reports import ReportKind, WeeklyReport
from internships.handlers.audit import audited_read
from internships.policy import visible_placement
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class FileReport:
    kind: ReportKind
    period_start: date
    text: str
    evidence: list[str]
    duties: list[str]


@dataclass(frozen=True)
class ReviewReport:
    kind: ReportKind
    period_start: date
    accept: bool
    comments: str | None = None
    score: int | None = None


@dataclass(frozen=True)
class CommentReport:
    kind: ReportKind
    period_start: date
    text: str


@dataclass(frozen=True)
class PlacementReports:
    placement: Placement
    reports: list[WeeklyReport]
    weekly_accepted: int
    weekly_filed: int
    school_mentor_id: uuid.UUID | None  # who reviews, as internships knows it; None until mentors assigns one


async def file_report(
    placement_id: uuid.UUID, cmd: FileReport, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> WeeklyReport:
    async with uow() as u:
        placement = visible_placement(await u.placements.get(placement_id, for_update=True), principal)[0]
        if not policy.files_for_student(principal, placement):
            raise Forbidden("the student, or the student's school on their behalf, files weekly reports")
        position = await u.positions.get(placement.position_id)
        existing = await u.weekly_reports.get(placement.id, cmd.kind, cmd.period_start, for_update=True)
        report = WeeklyReport.file(
            placement=placement,
            kind=cmd.kind,
            period_start=cmd.period_start,
            text=cmd.text,
            evidence=cmd.evidence,
            duties=cmd.duties,
            known_duties={d.name for d in position.duties},
            by=principal.sub,
            by_org=principal.org,
            now=clock(),
            existing=existing,
        )
        await u.weekly_reports.save(report, new=existing is None)
        u.track(report)
        await u.commit()
    return report


async def review_report(
    placement_id: uuid.UUID, cmd: ReviewReport, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> WeeklyReport:
    async with uow() as u:
        placement = visible_placement(await u.placements.get(placement_id), principal)[0]
        mentor = await u.mentoring.mentor_of(placement.id, "school")
        if not policy.is_assigned_mentor(principal, mentor, "school", placement.school_org):
            raise Forbidden(
                "only the placement's assigned school mentor (signed in with the account the mentors service records "
                "for them) reviews its reports"
            )
        report = await _report(u, placement, cmd.kind, cmd.period_start)
        report.review(
            placement,
            accept=cmd.accept,
            comments=cmd.comments,
            score=cmd.score,
            by=principal.sub,
            by_org=principal.org,
            mentor_id=mentor.mentor_id,
            now=clock(),
        )
        await u.weekly_reports.save(report, new=False)
        u.track(report)
        await u.commit()
    return report


async def comment_report(
    placement_id: uuid.UUID, cmd: CommentReport, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> WeeklyReport:
    async with uow() as u:
        placement = visible_placement(await u.placements.get(placement_id), principal)[0]
        side = "enterprise" if principal.org_kind == "enterprise" else "school"
        org = placement.enterprise_org if side == "enterprise" else placement.school_org
        mentor = await u.mentoring.mentor_of(placement.id, side)
        if not policy.is_assigned_mentor(principal, mentor, side, org):
            raise Forbidden("only the placement's assigned enterprise or school mentor comments on its reports")
        report = await _report(u, placement, cmd.kind, cmd.period_start)
        note = report.comment(
            placement,
            body=cmd.text,
            side=side,
            by=principal.sub,
            by_org=principal.org,
            mentor_id=mentor.mentor_id,
            now=clock(),
        )
        await u.weekly_reports.add_comment(note)
        u.track(report)
        await u.commit()
    return report


async def get_reports(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> PlacementReports:
    async with uow() as u:
        placement = visible_placement(await u.placements.get(placement_id), principal)[0]
        reports = await u.weekly_reports.reports(placement.id)
        accepted = await u.weekly_reports.count_accepted(placement.id)
        filed = await u.weekly_reports.count_filed(placement.id)
        mentor = await u.mentoring.mentor_of(placement.id, "school")
        await audited_read(u, placement, principal, "weekly_reports")
        await u.commit()
    return PlacementReports(placement, reports, accepted, filed, mentor.mentor_id if mentor else None)


async def _report(u, placement: Placement, kind: ReportKind, period_start: date) -> WeeklyReport:
    report = await u.weekly_reports.get(placement.id, kind, period_start, for_update=True)
    if report is None:
        raise NotFound(f"no {kind} report for {period_start}")
    return report
