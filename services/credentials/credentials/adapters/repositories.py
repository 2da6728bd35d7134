"""The credentials service's repositories: organisations' keys (`u.keys`), the achievements events reported
(`u.achievements`) and credentials (`u.credentials`); the achievements schools recorded from outside are
recorded.py's."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from credentials.adapters.orm import (
    achievement,
    approved_week,
    credential,
    organisation,
    placement_competencies,
    signing_key,
)
from credentials.domain.issuance import LIVE, Credential, Passed, Stage
from credentials.domain.keys import SigningKey
from credentials.domain.open_badges import Kind


# Built once, executed with a dict of values (docs/measured.md, "Applying events: statements built once").
def _upsert(table, key: list[str], *, newer=None):
    stmt = pg_insert(table)
    changed = [c.name for c in table.columns if c.name not in key]
    where = newer(stmt) if newer else None
    return stmt.on_conflict_do_update(index_elements=key, set_={c: stmt.excluded[c] for c in changed}, where=where)


_UPSERT_GRADED = _upsert(
    achievement, ["kind", "source_id"], newer=lambda s: achievement.c.revision < s.excluded.revision
)
_UPSERT_COMPETENCIES = _upsert(placement_competencies, ["placement_id"])
_UPSERT_WEEK = _upsert(approved_week, ["placement_id", "week_start"])
_UPSERT_ORGANISATION = _upsert(
    organisation, ["org", "kind"], newer=lambda s: organisation.c.version < s.excluded.version
)


class KeyRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def of(
        self, org: str, org_kind: str, open_: Callable[[bytes], dict] | None = None, *, lock: bool = False
    ) -> list[SigningKey]:
        """The organisation's keys, oldest first (locked for a change: two rotations never race). `open_`: the key
        that signs is opened with it; a retired or withdrawn key's private half never is (nothing signs with it),
        and without `open_` none is (a list, a change of states)."""
        query = select(signing_key).where(signing_key.c.org == org, signing_key.c.org_kind == org_kind)
        if lock:
            query = query.with_for_update()
        rows = await self.connection.execute(query.order_by(signing_key.c.number))
        return [
            SigningKey(
                kid=r.kid,
                org=r.org,
                number=r.number,
                private_jwk=open_(r.private_jwk) if open_ and r.retired_at is None and r.withdrawn_at is None else {},
                created_at=r.created_at,
                retired_at=r.retired_at,
                withdrawn_at=r.withdrawn_at,
            )
            for r in rows
        ]

    async def published(self, org: str, org_kind: str) -> list[dict]:
        """The public JWKs of the organisation's DID document (no private half is read)."""
        rows = await self.connection.execute(
            select(signing_key.c.public_jwk)
            .where(signing_key.c.org == org, signing_key.c.org_kind == org_kind, signing_key.c.withdrawn_at.is_(None))
            .order_by(signing_key.c.number)
        )
        return [r.public_jwk for r in rows]

    async def add(
        self, key: SigningKey, org_kind: str, seal: Callable[[dict], bytes], *, if_absent: bool = False
    ) -> None:
        """Store a new key; `if_absent`: unless the organisation already has a key of that number (two first
        signatures at once: one key wins, the caller reads it back)."""
        statement = pg_insert(signing_key) if if_absent else insert(signing_key)
        statement = statement.values(
            org=key.org,
            org_kind=org_kind,
            number=key.number,
            kid=key.kid,
            public_jwk=key.public_jwk(),
            private_jwk=seal(key.private_jwk),
            created_at=key.created_at,
        )
        if if_absent:
            statement = statement.on_conflict_do_nothing()
        await self.connection.execute(statement)

    async def save_states(self, keys: list[SigningKey], org_kind: str) -> None:
        for k in keys:
            await self.connection.execute(
                update(signing_key)
                .where(signing_key.c.org == k.org, signing_key.c.org_kind == org_kind, signing_key.c.number == k.number)
                .values(retired_at=k.retired_at, withdrawn_at=k.withdrawn_at)
            )


class AchievementRepository:
    """The read model of achievements (written by the consumers only)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def record_graded(self, p: Passed, updated_at: datetime) -> None:
        row = {
            "kind": p.kind.value,
            "source_id": p.source_id,
            "school_org": p.school_org,
            "enterprise_org": p.enterprise_org,
            "student_ref": p.student_ref,
            "title": p.title,
            "passed": p.passed,
            "credits": p.credits,
            "revision": p.revision,
            "grade": p.grade,
            "total": p.total,
            "internship_type": p.internship_type,
            "programme": p.programme,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "updated_at": updated_at,
        }
        await self.connection.execute(_UPSERT_GRADED, row)

    async def record_competencies(self, placement_id: str, competencies: list[str]) -> None:
        await self.connection.execute(
            _UPSERT_COMPETENCIES, {"placement_id": placement_id, "competencies": competencies}
        )

    async def record_week(self, placement_id: str, week_start: date, total: Decimal, core: Decimal) -> None:
        await self.connection.execute(
            _UPSERT_WEEK,
            {"placement_id": placement_id, "week_start": week_start, "total_hours": total, "core_hours": core},
        )

    async def record_organisation(self, org: str, kind: str, name_zh: str, name_en: str, version: int) -> None:
        await self.connection.execute(
            _UPSERT_ORGANISATION, {"org": org, "kind": kind, "name_zh": name_zh, "name_en": name_en, "version": version}
        )

    async def name_of(self, org: str, kind: str) -> str:
        """The organisation's name as its profile says (Chinese and English when both), else its id."""
        row = (
            await self.connection.execute(
                select(organisation.c.name_zh, organisation.c.name_en).where(
                    organisation.c.org == org, organisation.c.kind == kind
                )
            )
        ).first()
        names = [n for n in (row or ("", "")) if n]
        return " / ".join(dict.fromkeys(names)) or org

    async def get(self, kind: Kind, source_id: str, *, lock: bool = False) -> Passed | None:
        """The achievement with its competencies and hours; `lock`: held (FOR UPDATE) until the transaction ends, so
        a credential asked for and an amended grade (or an erasure) apply one after the other."""
        query = select(achievement).where(achievement.c.kind == kind.value, achievement.c.source_id == source_id)
        row = (await self.connection.execute(query.with_for_update() if lock else query)).first()
        if row is None:
            return None
        competencies: list[str] = []
        hours = core = None
        if kind is Kind.PLACEMENT:
            competencies = (
                await self.connection.scalar(
                    select(placement_competencies.c.competencies).where(
                        placement_competencies.c.placement_id == source_id
                    )
                )
            ) or []
            sums = (
                await self.connection.execute(
                    select(func.sum(approved_week.c.total_hours), func.sum(approved_week.c.core_hours)).where(
                        approved_week.c.placement_id == source_id
                    )
                )
            ).one()
            hours, core = sums
        m = row._mapping
        return Passed(
            kind=Kind(m["kind"]),
            source_id=m["source_id"],
            school_org=m["school_org"],
            enterprise_org=m["enterprise_org"],
            student_ref=m["student_ref"],
            title=m["title"],
            passed=m["passed"],
            credits=m["credits"],
            revision=m["revision"],
            grade=m["grade"],
            total=m["total"],
            internship_type=m["internship_type"],
            programme=m["programme"],
            competencies=tuple(competencies),
            starts_on=m["starts_on"],
            ends_on=m["ends_on"],
            hours=hours,
            core_hours=core,
        )


class CredentialRepository:
    def __init__(self, connection: AsyncConnection, *, track: Callable[..., None]) -> None:
        self.connection = connection
        self._track = track

    async def add(self, c: Credential) -> None:
        await self.connection.execute(insert(credential).values(_row(c)))
        self._track(c)

    async def save(self, c: Credential) -> None:
        row = _row(c)
        await self.connection.execute(update(credential).where(credential.c.id == c.id).values(row))
        self._track(c)

    async def get(self, credential_id: uuid.UUID, *, lock: bool = False) -> Credential | None:
        query = select(credential).where(credential.c.id == credential_id)
        if lock:
            query = query.with_for_update()
        row = (await self.connection.execute(query)).first()
        return _credential(row) if row else None

    async def live_for(self, kind: Kind, source_id: str) -> bool:
        found = await self.connection.scalar(
            select(credential.c.id).where(
                credential.c.kind == kind.value,
                credential.c.source_id == source_id,
                credential.c.stage.in_([s.value for s in LIVE]),
            )
        )
        return found is not None

    async def of_source(self, kind: Kind, source_id: str) -> list[Credential]:
        rows = await self.connection.execute(
            select(credential)
            .where(credential.c.kind == kind.value, credential.c.source_id == source_id)
            .with_for_update()
        )
        return [_credential(r) for r in rows]

    async def taken_indexes(self, school_org: str) -> set[int]:
        rows = await self.connection.execute(
            select(credential.c.status_index).where(credential.c.school_org == school_org)
        )
        return {r.status_index for r in rows}

    async def revoked_indexes(self, school_org: str) -> set[int]:
        rows = await self.connection.execute(
            select(credential.c.status_index).where(
                credential.c.school_org == school_org,
                credential.c.stage.in_([Stage.REVOKED.value, Stage.DECLINED.value]),
            )
        )
        return {r.status_index for r in rows}

    async def of_party(
        self, column: str, org: str, *, student_ref: str | None, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Credential]:
        """The credentials of an organisation on one side (`school_org` or `enterprise_org`), newest first."""
        side = credential.c[column]
        query = select(credential).where(side == org)
        if student_ref is not None:
            query = query.where(credential.c.student_ref == student_ref)
        if after is not None:
            query = query.where(
                (credential.c.requested_at < after[0])
                | ((credential.c.requested_at == after[0]) & (credential.c.id < after[1]))
            )
        rows = await self.connection.execute(
            query.order_by(credential.c.requested_at.desc(), credential.c.id.desc()).limit(limit)
        )
        return [_credential(r) for r in rows]


def _row(c: Credential) -> dict:
    return {
        "id": c.id,
        "kind": c.kind.value,
        "source_id": c.source_id,
        "school_org": c.school_org,
        "enterprise_org": c.enterprise_org,
        "student_ref": c.student_ref,
        "status_index": c.status_index,
        "secured": c.secured,
        "stage": c.stage.value,
        "requested_by": c.requested_by,
        "requested_at": c.requested_at,
        "countersigned_by": c.countersigned_by,
        "countersigned_at": c.countersigned_at,
        "ended_by": c.ended_by,
        "ended_for": c.ended_for,
        "ended_at": c.ended_at,
        "end_reason": c.end_reason,
    }


def _credential(row) -> Credential:
    m = dict(row._mapping)
    m["kind"], m["stage"] = Kind(m["kind"]), Stage(m["stage"])
    return Credential(**m)
