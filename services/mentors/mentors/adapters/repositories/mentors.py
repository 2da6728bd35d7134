"""Mentors, their enterprise-practice periods and certificates; a mentor's seats (load) and sign-in."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import mentor, mentor_certificate, practice_period
from mentors.domain.matching import Candidate
from mentors.domain.mentors import Certificate, Mentor, PracticePeriod, Side
from praxis_common.errors import Conflict, FieldError

_MENTOR_FIELDS = [c.name for c in mentor.columns]


class AccountTaken(Conflict):
    code, title = "account-taken", "Another mentor of the organisation signs in with this account"


def _mentor(row) -> Mentor:
    data = {c: row._mapping[c] for c in _MENTOR_FIELDS}
    data["kind"] = Side(data["kind"])
    data["expertise"], data["languages"] = list(data["expertise"]), list(data["languages"])
    return Mentor(**data)


def _mentor_row(m: Mentor) -> dict:
    row = {name: getattr(m, name) for name in _MENTOR_FIELDS}
    row["kind"] = m.kind.value
    return row


def _account_conflict(exc: IntegrityError) -> bool:
    return "uq_mentor_account" in str(exc.orig)


class MentorRepository:
    def __init__(self, connection: AsyncConnection, *, track: Callable[..., None] = lambda *_: None) -> None:
        self.connection = connection
        self._track = track  # the unit's: a saved mentor's events become integration events at commit

    async def add(self, m: Mentor) -> None:
        try:
            await self.connection.execute(insert(mentor).values(_mentor_row(m)))
        except IntegrityError as exc:
            if _account_conflict(exc):
                raise AccountTaken(errors=[FieldError("account", "already used by another mentor")]) from exc
            raise

    async def by_account(self, org: str, kind: Side, account: str) -> uuid.UUID | None:
        """The mentor of the organisation who signs in with this account (a token's `sub`), if any."""
        return await self.connection.scalar(
            select(mentor.c.id).where(mentor.c.org == org, mentor.c.kind == kind.value, mentor.c.account == account)
        )

    async def by_accounts(self, org: str, accounts: list[str]) -> dict[str, Mentor]:
        """The organisation's mentors signing in with these accounts, by account, locked (an import's batch)."""
        rows = await self.connection.execute(
            select(mentor).where(mentor.c.org == org, mentor.c.account.in_(accounts)).with_for_update()
        )
        return {r.account: _mentor(r) for r in rows}

    async def get(self, mentor_id: uuid.UUID, *, for_update: bool = False) -> Mentor | None:
        query = select(mentor).where(mentor.c.id == mentor_id)
        row = (await self.connection.execute(query.with_for_update(key_share=True) if for_update else query)).first()
        return _mentor(row) if row else None

    async def save(self, m: Mentor) -> None:
        """Write back a mentor loaded FOR UPDATE (so `load` cannot have moved); the version check catches
        writers that skipped the lock. `load` itself is only ever changed by take_seat / release_seat."""
        row = _mentor_row(m)
        del row["load"]
        row["version"] = m.version + 1
        try:
            result = await self.connection.execute(
                update(mentor).where(mentor.c.id == m.id, mentor.c.version == m.version).values(row)
            )
        except IntegrityError as exc:
            if _account_conflict(exc):
                raise AccountTaken(errors=[FieldError("account", "already used by another mentor")]) from exc
            raise
        if result.rowcount != 1:
            raise RuntimeError(f"mentor {m.id} changed concurrently")
        m.version += 1
        self._track(m)

    async def list_for(
        self,
        org: str,
        kind: Side,
        *,
        active_only: bool = False,
        after: tuple[str, uuid.UUID] | None = None,
        limit: int | None = None,
    ) -> list[Mentor]:
        """The organisation's mentors by display name (an organisation id is an organisation only together with
        its kind), after `after` (a display name and id), at most `limit`."""
        query = select(mentor).where(mentor.c.org == org, mentor.c.kind == kind.value)
        if active_only:
            query = query.where(mentor.c.active.is_(True))
        if after is not None:
            query = query.where(tuple_(mentor.c.display_name, mentor.c.id) > tuple_(*after))
        query = query.order_by(mentor.c.display_name, mentor.c.id)
        if limit is not None:
            query = query.limit(limit)
        return [_mentor(r) for r in await self.connection.execute(query)]

    async def candidates(self, org: str, side: Side) -> list[Candidate]:
        """Active mentors of the organisation and side with a free seat right now (a snapshot: take_seat decides)."""
        rows = await self.connection.execute(
            select(mentor.c.id, mentor.c.expertise, mentor.c.languages, mentor.c.load, mentor.c.capacity).where(
                mentor.c.org == org,
                mentor.c.kind == side.value,
                mentor.c.active.is_(True),
                mentor.c.load < mentor.c.capacity,
            )
        )
        return [Candidate(r.id, frozenset(r.expertise), frozenset(r.languages), r.load, r.capacity) for r in rows]

    async def take_seat(self, mentor_id: uuid.UUID) -> bool:
        """One conditional statement: under READ COMMITTED a concurrent taker waits on the row and re-checks
        `load < capacity` against the committed value, so the capacity cannot be exceeded."""
        taken = await self.connection.scalar(
            update(mentor)
            .where(mentor.c.id == mentor_id, mentor.c.active.is_(True), mentor.c.load < mentor.c.capacity)
            .values(load=mentor.c.load + 1)
            .returning(mentor.c.id)
        )
        return taken is not None

    async def release_seat(self, mentor_id: uuid.UUID) -> None:
        result = await self.connection.execute(
            update(mentor).where(mentor.c.id == mentor_id, mentor.c.load > 0).values(load=mentor.c.load - 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"mentor {mentor_id} had no seat taken to release")

    async def names(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not ids:
            return {}
        rows = await self.connection.execute(select(mentor.c.id, mentor.c.display_name).where(mentor.c.id.in_(ids)))
        return {r.id: r.display_name for r in rows}

    async def account_of(self, mentor_id: uuid.UUID) -> str | None:
        return await self.connection.scalar(select(mentor.c.account).where(mentor.c.id == mentor_id))

    async def sign_ins(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[str | None, int, str]]:
        """The mentors' sign-in accounts, the versions of the records they were read at, and their names."""
        if not ids:
            return {}
        rows = await self.connection.execute(
            select(mentor.c.id, mentor.c.account, mentor.c.version, mentor.c.display_name).where(mentor.c.id.in_(ids))
        )
        return {r.id: (r.account, r.version, r.display_name) for r in rows}

    # Enterprise practice and certificates (school mentors)

    async def add_period(self, p: PracticePeriod) -> None:
        await self.connection.execute(insert(practice_period).values(vars(p)))

    async def add_certificate(self, c: Certificate) -> None:
        await self.connection.execute(insert(mentor_certificate).values(vars(c)))

    async def remove_period(self, mentor_id: uuid.UUID, period_id: uuid.UUID) -> bool:
        result = await self.connection.execute(
            delete(practice_period).where(practice_period.c.id == period_id, practice_period.c.mentor_id == mentor_id)
        )
        return result.rowcount == 1

    async def remove_certificate(self, mentor_id: uuid.UUID, certificate_id: uuid.UUID) -> bool:
        result = await self.connection.execute(
            delete(mentor_certificate).where(
                mentor_certificate.c.id == certificate_id, mentor_certificate.c.mentor_id == mentor_id
            )
        )
        return result.rowcount == 1

    async def periods(self, mentor_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[PracticePeriod]]:
        found: dict[uuid.UUID, list[PracticePeriod]] = defaultdict(list)
        if mentor_ids:
            rows = await self.connection.execute(
                select(practice_period)
                .where(practice_period.c.mentor_id.in_(mentor_ids))
                .order_by(practice_period.c.from_date, practice_period.c.id)
            )
            for r in rows:
                found[r.mentor_id].append(PracticePeriod(**r._mapping))
        return found

    async def certificates(self, mentor_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Certificate]]:
        found: dict[uuid.UUID, list[Certificate]] = defaultdict(list)
        if mentor_ids:
            rows = await self.connection.execute(
                select(mentor_certificate)
                .where(mentor_certificate.c.mentor_id.in_(mentor_ids))
                .order_by(mentor_certificate.c.issued_on, mentor_certificate.c.id)
            )
            for r in rows:
                found[r.mentor_id].append(Certificate(**r._mapping))
        return found
