"""The achievements a school recorded for its students from outside (`u.recorded`; domain/brought_in.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from credentials.adapters.orm import recorded_achievement
from credentials.domain.brought_in import AchievementKind, Description, RecordedAchievement, Weight
from praxis_common.errors import Conflict


class RecordedRepository:
    """Achievements a school recorded for its students (domain/brought_in.py)."""

    def __init__(self, connection: AsyncConnection, *, track: Callable[..., None]) -> None:
        self.connection = connection
        self._track = track

    async def add(self, a: RecordedAchievement) -> None:
        """Conflict when the same badge already has a standing record at the school (a presentation racing another
        meets the unique index)."""
        try:
            async with self.connection.begin_nested():
                await self.connection.execute(insert(recorded_achievement).values(_recorded_row(a)))
        except IntegrityError:
            raise Conflict(
                "this badge is recorded for the school already (withdraw that record to record it again)"
            ) from None
        self._track(a)

    async def save(self, a: RecordedAchievement) -> None:
        t = recorded_achievement
        await self.connection.execute(update(t).where(t.c.id == a.id).values(_recorded_row(a)))
        self._track(a)

    async def get(self, achievement_id: uuid.UUID, *, lock: bool = False) -> RecordedAchievement | None:
        query = select(recorded_achievement).where(recorded_achievement.c.id == achievement_id)
        row = (await self.connection.execute(query.with_for_update() if lock else query)).first()
        return _recorded(row) if row else None

    async def of_school(
        self,
        school_org: str,
        *,
        student_ref: str | None,
        kind: AchievementKind | None,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> list[RecordedAchievement]:
        """The school's records, newest first (optionally one student's, one kind's)."""
        t = recorded_achievement
        query = select(t).where(t.c.school_org == school_org)
        if student_ref is not None:
            query = query.where(t.c.student_ref == student_ref)
        if kind is not None:
            query = query.where(t.c.kind == kind.value)
        if after is not None:
            query = query.where((t.c.recorded_at < after[0]) | ((t.c.recorded_at == after[0]) & (t.c.id < after[1])))
        rows = await self.connection.execute(query.order_by(t.c.recorded_at.desc(), t.c.id.desc()).limit(limit))
        return [_recorded(r) for r in rows]


def _recorded_row(a: RecordedAchievement) -> dict:
    d = a.description
    return {
        "id": a.id,
        "school_org": a.school_org,
        "student_ref": a.student_ref,
        "kind": d.kind.value,
        "title": d.title,
        "issuer_name": d.issuer_name,
        "issuer_id": d.issuer_id,
        "signed_by": d.signed_by,
        "issuer_known": d.issuer_known,
        "credential_ref": d.credential_ref,
        "awarded_on": d.awarded_on,
        "expires_on": d.expires_on,
        "level": d.level,
        "reference": d.reference,
        "points": a.weight.points,
        "credits": a.weight.credits,
        "presented": a.presented,
        "revision": a.revision,
        "recorded_by": a.recorded_by,
        "recorded_at": a.recorded_at,
        "weighed_by": a.weighed_by,
        "weighed_at": a.weighed_at,
        "withdrawn_by": a.withdrawn_by,
        "withdrawn_at": a.withdrawn_at,
        "withdraw_reason": a.withdraw_reason,
    }


def _recorded(row) -> RecordedAchievement:
    m = row._mapping
    return RecordedAchievement(
        id=m["id"],
        school_org=m["school_org"],
        student_ref=m["student_ref"],
        description=Description(
            kind=AchievementKind(m["kind"]),
            title=m["title"],
            issuer_name=m["issuer_name"],
            awarded_on=m["awarded_on"],
            level=m["level"],
            reference=m["reference"],
            expires_on=m["expires_on"],
            issuer_id=m["issuer_id"],
            signed_by=m["signed_by"],
            issuer_known=m["issuer_known"],
            credential_ref=m["credential_ref"],
        ),
        weight=Weight(m["points"], m["credits"]),
        recorded_by=m["recorded_by"],
        recorded_at=m["recorded_at"],
        presented=m["presented"],
        revision=m["revision"],
        weighed_by=m["weighed_by"],
        weighed_at=m["weighed_at"],
        withdrawn_by=m["withdrawn_by"],
        withdrawn_at=m["withdrawn_at"],
        withdraw_reason=m["withdraw_reason"],
    )
