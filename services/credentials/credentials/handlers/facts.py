"""Facts other services reported, applied to this service's read model (the consumers call these): a placement's
grade, a project's credit, a placement's competencies and approved weeks, an organisation's names. A grade amended
after a credential was asked for takes the credential back (for the school, with the amendment's reason): what it
says is no longer the record, and the school asks again if the placement still passed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from credentials.domain.issuance import LIVE, Passed
from praxis_common.uow import UowFactory

AMENDED = "the grade was amended to not passed"
CHANGED = "the grade was amended"


async def record_passed(p: Passed, *, updated_at: datetime, reason: str = "", uow: UowFactory) -> None:
    """A placement's grade (its latest revision stands) or a project's credit."""
    async with uow() as u:
        before = await u.achievements.get(p.kind, p.source_id, lock=True)
        await u.achievements.record_graded(p, updated_at)
        after = await u.achievements.get(p.kind, p.source_id)
        if before is not None and after is not None and _record(before) != _record(after):
            why = f"{AMENDED if not after.passed else CHANGED}{f': {reason}' if reason else ''}"[:500]
            for c in await u.credentials.of_source(p.kind, p.source_id):
                if c.stage in LIVE:
                    c.revoke(party="school", by="system", reason=why, now=updated_at)
                    await u.credentials.save(c)
        await u.commit()


def _record(p: Passed) -> tuple:
    """What a credential says of a grade: a change to any of it takes the credential back."""
    return (p.passed, p.grade, p.total, p.credits)


async def record_competencies(placement_id: str, competencies: list[str], *, uow: UowFactory) -> None:
    async with uow() as u:
        await u.achievements.record_competencies(placement_id, competencies)
        await u.commit()


async def record_week(placement_id: str, week_start: date, total: Decimal, core: Decimal, *, uow: UowFactory) -> None:
    async with uow() as u:
        await u.achievements.record_week(placement_id, week_start, total, core)
        await u.commit()


async def record_organisation(
    org: str, kind: str, name_zh: str, name_en: str, version: int, *, uow: UowFactory
) -> None:
    async with uow() as u:
        await u.achievements.record_organisation(org, kind, name_zh, name_en, version)
        await u.commit()
