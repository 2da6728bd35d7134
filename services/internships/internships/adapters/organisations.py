"""Organisation profile repository: rows of organisation_profile to OrganisationProfile and back (optimistic
versions), and whether two organisations are partners (share an agreement in any state)."""

from __future__ import annotations

from sqlalchemy import exists, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import organisation_profile as t
from internships.adapters.orm import agreement
from internships.domain.organisations import Kind, OrganisationProfile
from praxis_common import locks

PROFILES = "organisation-profile"  # advisory-lock scope (praxis_common.locks): one writer per organisation

_FIELDS = [c.name for c in t.columns]


def _to_domain(row) -> OrganisationProfile:
    data = {c: row._mapping[c] for c in _FIELDS}
    data["kind"] = Kind(data["kind"])
    return OrganisationProfile(**data)


def _to_row(p: OrganisationProfile) -> dict:
    row = {name: getattr(p, name) for name in _FIELDS}
    row["kind"] = p.kind.value
    return row


class OrganisationRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def lock(self, org: str) -> None:
        """Serialise writers of one organisation's profile (a row lock cannot cover the first PUT)."""
        await locks.lock(self.connection, PROFILES, org)

    async def get(self, org: str, *, for_update: bool = False) -> OrganisationProfile | None:
        query = select(t).where(t.c.org == org)
        if for_update:
            query = query.with_for_update()
        row = (await self.connection.execute(query)).first()
        return _to_domain(row) if row else None

    async def get_many(self, orgs: list[str]) -> dict[str, OrganisationProfile]:
        rows = (await self.connection.execute(select(t).where(t.c.org.in_(orgs)))).all()
        return {r.org: _to_domain(r) for r in rows}

    async def add(self, p: OrganisationProfile) -> None:
        """Insert a new profile (the caller holds the advisory lock of its org, so a concurrent first PUT waits)."""
        await self.connection.execute(insert(t).values(_to_row(p)))

    async def save(self, p: OrganisationProfile) -> None:
        row = _to_row(p)
        row["version"] = p.version + 1
        result = await self.connection.execute(update(t).where(t.c.org == p.org, t.c.version == p.version).values(row))
        if result.rowcount != 1:
            raise RuntimeError(f"organisation profile {p.org} changed concurrently")
        p.version += 1

    async def partners(self, org: str, kind: Kind, other: str) -> bool:
        """Whether `other` signed an agreement with `org` (as a `kind`), `other` on the opposite side, in any state
        since: a profile is shown to an organisation the owner chose to deal with, not to anyone who drafts."""
        if kind is Kind.SCHOOL:
            where = (agreement.c.school_org == org) & (agreement.c.enterprise_org == other)
            where &= agreement.c.enterprise_signed_at.is_not(None)
        else:
            where = (agreement.c.enterprise_org == org) & (agreement.c.school_org == other)
            where &= agreement.c.school_signed_at.is_not(None)
        return bool((await self.connection.execute(select(exists().where(where)))).scalar())
