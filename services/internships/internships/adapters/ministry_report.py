"""The monthly ministry report's queries: the rows of a school's placements that ran in a month (placement,
position, both organisations' profiles, the attached insurance, the assigned school mentor), and the downloads kept
to show what changed since the previous month's."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

from sqlalchemy import Date, and_, cast, func, insert, or_, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import insurance_policy as ins_t
from internships.adapters.course_tables import ministry_report_download as download_t
from internships.adapters.course_tables import organisation_profile as profile_t
from internships.adapters.course_tables import placement_insurance as attached_t
from internships.adapters.mentoring import assigned_mentors
from internships.adapters.orm import placement as pl_t
from internships.adapters.orm import position as pos_t
from internships.domain.insurance import COVERING
from internships.domain.ministry_report import REPORTED_STATUSES, Month, Row


class MinistryReportRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def rows(self, school_org: str, month: Month) -> dict[str, Row]:
        school = profile_t.alias("school")
        enterprise = profile_t.alias("enterprise")
        teacher = assigned_mentors("school")
        # Of the attached liability policies that cover part of the month, the one that runs longest.
        insurance = (
            select(ins_t.c.insurer, ins_t.c.policy_number, ins_t.c.starts_on, ins_t.c.ends_on)
            .select_from(attached_t.join(ins_t, ins_t.c.id == attached_t.c.policy_id))
            .where(
                attached_t.c.placement_id == pl_t.c.id,
                ins_t.c.coverage_type.in_([c.value for c in COVERING]),
                ins_t.c.starts_on <= month.last_day,
                ins_t.c.ends_on >= month.first_day,
            )
            .order_by(ins_t.c.ends_on.desc(), ins_t.c.starts_on)
            .limit(1)
            .lateral("insurance")
        )
        query = (
            select(
                pl_t.c.id,
                pl_t.c.internship_type,
                pl_t.c.organisation_form,
                pl_t.c.internship_mode,
                pl_t.c.profile["display_name"].astext.label("student_name"),
                pl_t.c.student_ref,
                func.coalesce(school.c.name_zh, school.c.name_en).label("school_name"),
                school.c.school_code,
                func.coalesce(enterprise.c.name_zh, enterprise.c.name_en).label("enterprise_name"),
                enterprise.c.uscc.label("enterprise_uscc"),
                pos_t.c.title.label("position_title"),
                pl_t.c.starts_on,
                func.least(pl_t.c.ends_on, cast(pl_t.c.ended_at, Date)).label("ends_on"),
                insurance.c.insurer,
                insurance.c.policy_number,
                insurance.c.starts_on.label("insurance_starts_on"),
                insurance.c.ends_on.label("insurance_ends_on"),
                teacher.c.display_name.label("guidance_teacher"),
                pos_t.c.monthly_pay,
                pl_t.c.status,
            )
            .select_from(
                pl_t.join(pos_t, pos_t.c.id == pl_t.c.position_id)
                .outerjoin(school, school.c.org == pl_t.c.school_org)
                .outerjoin(enterprise, enterprise.c.org == pl_t.c.enterprise_org)
                .outerjoin(insurance, true())
                # a teacher released before the month began is not this month's teacher
                .outerjoin(
                    teacher,
                    and_(
                        teacher.c.placement_id == pl_t.c.id,
                        or_(teacher.c.ended_at.is_(None), teacher.c.ended_at >= _start_of(month)),
                    ),
                )
            )
            .where(
                pl_t.c.school_org == school_org,
                pl_t.c.status.in_(REPORTED_STATUSES),
                pl_t.c.starts_on <= month.last_day,
                pl_t.c.ends_on >= month.first_day,
                or_(pl_t.c.ended_at.is_(None), pl_t.c.ended_at >= _start_of(month)),  # ended early: not after
            )
        )
        found: dict[str, Row] = {}
        for r in (await self.connection.execute(query)).mappings():
            found[str(r["id"])] = {key: _text(value) for key, value in r.items() if key != "id"}
        return found

    async def record_download(
        self, *, school_org: str, month: Month, fmt: str, rows: dict[str, Row], sha256: str, by: str, at: datetime
    ) -> uuid.UUID:
        download_id = uuid.uuid4()
        await self.connection.execute(
            insert(download_t).values(
                id=download_id,
                school_org=school_org,
                month=str(month),
                format=fmt,
                rows=rows,
                sha256=sha256,
                downloaded_by=by,
                downloaded_at=at,
            )
        )
        return download_id

    async def last_download(self, school_org: str, month: Month) -> dict[str, Row] | None:
        """The rows of the school's latest download for `month`, None if it never downloaded it."""
        return await self.connection.scalar(
            select(download_t.c.rows)
            .where(download_t.c.school_org == school_org, download_t.c.month == str(month))
            .order_by(download_t.c.downloaded_at.desc())
            .limit(1)
        )


def _text(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _start_of(month: Month) -> datetime:
    return datetime.combine(month.first_day, time.min, UTC)
