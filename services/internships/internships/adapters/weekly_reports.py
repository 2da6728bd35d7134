"""Weekly report repository: a placement's reports and their comments, rows to WeeklyReport and back, the counts
the progress view reads, and the review reports' queries over a school's placements."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, case, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import programme_requirement as requirement_t
from internships.adapters.course_tables import weekly_report as report_t
from internships.adapters.course_tables import weekly_report_comment as comment_t
from internships.adapters.mentoring import assigned_mentors
from internships.adapters.orm import placement
from internships.domain.report_reviews import PendingReport, ReviewRate, Shortfall
from internships.domain.weekly_reports import ReportComment, ReportKind, ReportStatus, WeeklyReport

REPORTING_PLACEMENTS = ("active", "completed")  # the placements a shortfall is counted for


class WeeklyReportRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def get(
        self, placement_id: uuid.UUID, kind: ReportKind, period_start: date, *, for_update: bool = False
    ) -> WeeklyReport | None:
        query = select(report_t).where(
            report_t.c.placement_id == placement_id,
            report_t.c.kind == kind.value,
            report_t.c.period_start == period_start,
        )
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        if row is None:
            return None
        report = _report(row)
        report.comments = await self._comments([report.id])
        return report

    async def reports(self, placement_id: uuid.UUID) -> list[WeeklyReport]:
        rows = await self.connection.execute(
            select(report_t)
            .where(report_t.c.placement_id == placement_id)
            .order_by(report_t.c.period_start, report_t.c.kind)
        )
        reports = [_report(r) for r in rows]
        comments = await self._comments([r.id for r in reports])
        for r in reports:
            r.comments = [c for c in comments if c.report_id == r.id]
        return reports

    async def save(self, r: WeeklyReport, *, new: bool) -> None:
        row = {c.name: getattr(r, c.name) for c in report_t.columns}
        row["kind"], row["status"] = r.kind.value, r.status.value
        if new:
            await self.connection.execute(insert(report_t).values(row))
        else:
            row["version"] = r.version + 1
            result = await self.connection.execute(
                update(report_t).where(report_t.c.id == r.id, report_t.c.version == r.version).values(row)
            )
            if result.rowcount != 1:
                raise RuntimeError(f"weekly report {r.id} changed concurrently")
            r.version += 1

    async def add_comment(self, c: ReportComment) -> None:
        await self.connection.execute(
            insert(comment_t).values({col.name: getattr(c, col.name) for col in comment_t.columns})
        )

    async def count_accepted(self, placement_id: uuid.UUID, kind: ReportKind = ReportKind.WEEKLY) -> int:
        """Accepted reports of the placement (weekly by default): what a programme's minimum counts."""
        return await self._count(placement_id, kind, ReportStatus.ACCEPTED)

    async def count_filed(self, placement_id: uuid.UUID, kind: ReportKind = ReportKind.WEEKLY) -> int:
        """Reports of the placement in any state (each period once)."""
        return await self._count(placement_id, kind, None)

    async def _count(self, placement_id: uuid.UUID, kind: ReportKind, status: ReportStatus | None) -> int:
        query = select(func.count()).where(report_t.c.placement_id == placement_id, report_t.c.kind == kind.value)
        if status is not None:
            query = query.where(report_t.c.status == status.value)
        return await self.connection.scalar(query)

    async def pending(self, school_org: str, *, mentor_account: str | None = None) -> list[PendingReport]:
        """Submitted reports of the school's placements, oldest first, with the assigned school mentor (only the
        ones assigned to `mentor_account`, when given)."""
        mentors = assigned_mentors("school")
        query = (
            select(
                report_t.c.id,
                report_t.c.placement_id,
                placement.c.student_ref,
                report_t.c.kind,
                report_t.c.period_start,
                report_t.c.submitted_at,
                mentors.c.mentor_id,
                mentors.c.account,
            )
            .select_from(
                report_t.join(placement, placement.c.id == report_t.c.placement_id).outerjoin(
                    mentors, mentors.c.placement_id == report_t.c.placement_id
                )
            )
            .where(placement.c.school_org == school_org, report_t.c.status == ReportStatus.SUBMITTED.value)
            .order_by(report_t.c.submitted_at, report_t.c.id)
        )
        if mentor_account is not None:
            query = query.where(mentors.c.account == mentor_account, mentors.c.org == school_org)
        return [PendingReport(*row) for row in await self.connection.execute(query)]

    async def rates(self, school_org: str) -> list[ReviewRate]:
        """Reports of the school's placements per assigned school mentor (None: not assigned)."""
        mentors = assigned_mentors("school")

        def count(status: ReportStatus):
            return func.count(case((report_t.c.status == status.value, 1)))

        rows = await self.connection.execute(
            select(
                mentors.c.mentor_id,
                func.max(mentors.c.account),
                func.count(),
                count(ReportStatus.ACCEPTED),
                count(ReportStatus.RETURNED),
                count(ReportStatus.SUBMITTED),
            )
            .select_from(
                report_t.join(placement, placement.c.id == report_t.c.placement_id).outerjoin(
                    mentors, mentors.c.placement_id == report_t.c.placement_id
                )
            )
            .where(placement.c.school_org == school_org)
            .group_by(mentors.c.mentor_id)
            .order_by(mentors.c.mentor_id.nulls_last())
        )
        return [ReviewRate(*row) for row in rows]

    async def shortfalls(self, school_org: str, minimum: int | None, default: int) -> list[Shortfall]:
        """The school's active and completed placements with fewer accepted weekly reports than their minimum:
        `minimum` when given, else the programme requirement for the placement's type and cohort (or the type's
        default), else `default`."""
        weekly = report_t.c.kind == ReportKind.WEEKLY.value
        accepted = func.count(case((and_(weekly, report_t.c.status == ReportStatus.ACCEPTED.value), 1)))
        filed = func.count(case((weekly, 1)))
        cohort, fallback = requirement_t.alias("cohort_requirement"), requirement_t.alias("type_requirement")

        def of_type(r):
            return and_(r.c.school_org == placement.c.school_org, r.c.internship_type == placement.c.internship_type)

        required = (
            literal(minimum)
            if minimum is not None
            else func.coalesce(func.min(cohort.c.min_weekly_reports), func.min(fallback.c.min_weekly_reports), default)
        )
        rows = await self.connection.execute(
            select(
                placement.c.id,
                placement.c.student_ref,
                placement.c.status,
                placement.c.starts_on,
                placement.c.ends_on,
                accepted,
                filed,
                required,
            )
            .select_from(
                placement.outerjoin(report_t, report_t.c.placement_id == placement.c.id)
                .outerjoin(cohort, and_(of_type(cohort), cohort.c.cohort == placement.c.cohort))
                .outerjoin(fallback, and_(of_type(fallback), fallback.c.cohort.is_(None)))
            )
            .where(placement.c.school_org == school_org, placement.c.status.in_(REPORTING_PLACEMENTS))
            .group_by(placement.c.id)
            .having(accepted < required)
            .order_by(accepted, placement.c.student_ref, placement.c.id)
        )
        return [Shortfall(*row) for row in rows]

    async def _comments(self, report_ids: list[uuid.UUID]) -> list[ReportComment]:
        if not report_ids:
            return []
        rows = await self.connection.execute(
            select(comment_t).where(comment_t.c.report_id.in_(report_ids)).order_by(comment_t.c.created_at)
        )
        return [ReportComment(**r._mapping) for r in rows]


def _report(row) -> WeeklyReport:
    data = dict(row._mapping)
    data["kind"], data["status"] = ReportKind(data["kind"]), ReportStatus(data["status"])
    return WeeklyReport(**data)
