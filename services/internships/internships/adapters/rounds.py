"""Round repository: rounds, their positions and students, runs and matches (SQLAlchemy Core)."""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    Text,
    and_,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB, array
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import agreement as agr_t
from internships.adapters.orm import allocation_round as t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.adapters.orm import round_match as match_t
from internships.adapters.orm import round_position as rp_t
from internships.adapters.orm import round_run as run_t
from internships.adapters.orm import round_student as rs_t
from internships.adapters.repositories import LOCK_SCHOOLS_FOR_BOOKING
from internships.domain.agreements import Status
from internships.domain.rounds import PublishAs, Round, RoundStatus

_ROUND_FIELDS = [c.name for c in t.columns if c.name != "publish_as"]


@dataclass(frozen=True)
class RoundPosition:
    """A position in a round, with what the round needs of the position and its base."""

    round_id: uuid.UUID
    position_id: uuid.UUID
    enterprise_org: str
    added_by_org: str
    added_at: datetime
    ranking: list[list[list[str]]] | None  # tie groups of [school_org, student_ref]; None when not read
    ranked: bool  # the enterprise gave a ranking (read even when the ranking itself is not)
    ranked_at: datetime | None
    offered_seats: int | None
    offered_limit: str | None
    tags: list[str] | None
    title: str
    status: str
    seats: int
    seats_taken: int
    interns_current: int
    starts_on: date
    ends_on: date
    competencies: list[str]
    post_staff: int | None
    monthly_pay: object
    reference_monthly_wage: object
    base_id: uuid.UUID
    base_staff: int | None
    base_interns_current: int
    applicants: int


@dataclass(frozen=True)
class RoundStudent:
    round_id: uuid.UUID
    school_org: str
    student_ref: str
    profile: dict
    birth_date: date | None
    study_year: int | None
    preferences: list[uuid.UUID]
    preferences_at: datetime | None
    added_at: datetime


@dataclass(frozen=True)
class Run:
    id: uuid.UUID
    round_id: uuid.UUID
    seq: int
    input_hash: str
    algorithm_version: str
    seed: int | None  # None only in a copy for a reader who may not see it (handlers.rounds.shown)
    computed_at: datetime
    computed_by: str
    students: int
    matched: int


@dataclass(frozen=True)
class Match:
    school_org: str
    student_ref: str
    position_id: uuid.UUID | None
    choice: int | None
    explanation: list[dict] | None  # None: not shown to this reader (enterprises; handlers.rounds.get_result)
    profile: dict


@dataclass(frozen=True)
class CoveringAgreement:
    id: uuid.UUID
    school_org: str
    enterprise_org: str
    valid_from: date
    valid_to: date
    remaining: int  # intern_quota - interns_placed


def _round(row) -> Round:
    m = row._mapping
    data = {name: m[name] for name in _ROUND_FIELDS}
    data["status"] = RoundStatus(data["status"])
    data["schools"] = list(data["schools"])
    data["invited_schools"] = list(data["invited_schools"])
    return Round(**data, publish_as=PublishAs(m["publish_as"]))


def _round_row(r: Round) -> dict:
    row = {name: getattr(r, name) for name in _ROUND_FIELDS}
    row["status"] = r.status.value
    row["publish_as"] = r.publish_as.value
    return row


def _lists(position_id):
    """The students whose list names the position: `preferences @> ARRAY[id]`, which the GIN index answers."""
    return rs_t.c.preferences.contains(array([position_id]))


_applicants = (
    select(func.count()).where(rs_t.c.round_id == rp_t.c.round_id, _lists(rp_t.c.position_id)).scalar_subquery()
)


def _positions_query(with_ranking: bool):
    """The round's positions with their post and base; a ranking (up to 50,000 students) only when asked for."""
    ranking = rp_t.c.ranking if with_ranking else null().label("ranking")
    return (
        select(
            *(c for c in rp_t.c if c.name != "ranking"),
            ranking,
            rp_t.c.ranking.is_not(None).label("ranked"),
            pos_t.c.title,
            pos_t.c.status,
            pos_t.c.seats,
            pos_t.c.seats_taken,
            pos_t.c.interns_current,
            pos_t.c.starts_on,
            pos_t.c.ends_on,
            pos_t.c.competencies,
            pos_t.c.post_staff,
            pos_t.c.monthly_pay,
            pos_t.c.reference_monthly_wage,
            pos_t.c.base_id,
            base_t.c.staff.label("base_staff"),
            base_t.c.interns_current.label("base_interns_current"),
        )
        .join(pos_t, pos_t.c.id == rp_t.c.position_id)
        .join(base_t, base_t.c.id == pos_t.c.base_id)
    )


_ROUND_LOCK = {
    "update": text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 2))"),
    "share": text("SELECT pg_advisory_xact_lock_shared(hashtextextended(:key, 2))"),
}


def _position(row) -> RoundPosition:
    return RoundPosition(**row._mapping)


def _match(row) -> Match:
    return Match(**row._mapping)


def _student(row) -> RoundStudent:
    data = dict(row._mapping)
    data["preferences"] = list(data.get("preferences") or [])
    return RoundStudent(**data)


# Rows converted per await: a national round's 50,000 students are read in slices, so converting them never holds
# the event loop for long.
FETCH_SLICE = 2_000


class RoundRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def _all(self, query, convert) -> list:
        """Every row of a query that may return a national round's worth, converted a slice at a time."""
        result = await self.session.stream(query)
        out: list = []
        async for rows in result.partitions(FETCH_SLICE):
            out.extend(convert(r) for r in rows)
        return out

    # ---- the round

    async def add(self, r: Round) -> None:
        await self.session.execute(insert(t).values(_round_row(r)))

    async def get(self, round_id: uuid.UUID, *, lock: str | None = None) -> Round | None:
        """`lock`: "update" to change the round's state, "share" to change its inputs (which closing freezes).

        Both take the round's advisory lock first (exclusive / shared) and then read the row, so an edit of the
        inputs either commits before a close reads them or sees the round closed. A shared advisory lock, not
        FOR SHARE: thousands of list edits would otherwise rewrite the round's row with a new multixact each."""
        if lock is not None:
            await self.session.execute(_ROUND_LOCK[lock], {"key": f"round\x1f{round_id}"})
        query = select(t).where(t.c.id == round_id)
        if lock == "update":
            query = query.with_for_update()
        row = (await self.session.execute(query)).first()
        return _round(row) if row else None

    async def save(self, r: Round) -> None:
        row = _round_row(r)
        row["version"] = r.version + 1
        result = await self.session.execute(update(t).where(t.c.id == r.id, t.c.version == r.version).values(row))
        if result.rowcount != 1:
            raise RuntimeError(f"round {r.id} changed concurrently")
        r.version += 1

    async def enterprise_takes_part(self, round_id: uuid.UUID, enterprise_org: str) -> bool:
        found = await self.session.scalar(
            select(exists().where(rp_t.c.round_id == round_id, rp_t.c.enterprise_org == enterprise_org))
        )
        return bool(found)

    async def list_for(
        self, org: str, kind: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Round]:
        """A school's rounds (as owner or co-owner); an enterprise's (order classes for it, or rounds with its
        positions). Newest first."""
        if kind == "school":
            query = select(t).where(t.c.schools.contains([org]))
        elif kind == "enterprise":
            query = select(t).where(
                or_(
                    t.c.enterprise_org == org,
                    exists().where(rp_t.c.round_id == t.c.id, rp_t.c.enterprise_org == org),
                )
            )
        else:
            return []
        if after is not None:
            at, last_id = after
            query = query.where(or_(t.c.created_at < at, and_(t.c.created_at == at, t.c.id < last_id)))
        rows = await self.session.execute(query.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit))
        return [_round(r) for r in rows]

    async def invitations(self, school: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int) -> list[Round]:
        """The rounds inviting the school as a co-owner that it has not answered yet, newest first."""
        query = select(t).where(t.c.invited_schools.contains([school]))
        if after is not None:
            at, last_id = after
            query = query.where(or_(t.c.created_at < at, and_(t.c.created_at == at, t.c.id < last_id)))
        rows = await self.session.execute(query.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit))
        return [_round(r) for r in rows]

    async def counts(self, round_id: uuid.UUID) -> tuple[int, int]:
        """(positions, students) in the round."""
        row = (
            await self.session.execute(
                select(
                    select(func.count()).where(rp_t.c.round_id == round_id).scalar_subquery(),
                    select(func.count()).where(rs_t.c.round_id == round_id).scalar_subquery(),
                )
            )
        ).one()
        return row[0], row[1]

    # ---- positions

    async def add_position(
        self, round_id: uuid.UUID, position_id: uuid.UUID, enterprise_org: str, added_by: str, now: datetime
    ) -> None:
        await self.session.execute(
            pg_insert(rp_t)
            .values(
                round_id=round_id,
                position_id=position_id,
                enterprise_org=enterprise_org,
                added_by_org=added_by,
                added_at=now,
            )
            .on_conflict_do_nothing()
        )

    async def remove_position(self, round_id: uuid.UUID, position_id: uuid.UUID) -> None:
        await self.session.execute(delete(rp_t).where(rp_t.c.round_id == round_id, rp_t.c.position_id == position_id))

    async def positions(
        self,
        round_id: uuid.UUID,
        *,
        ids: list[uuid.UUID] | None = None,
        enterprise: str | None = None,
        visible_to_school: str | None = None,
        with_applicants: bool = False,
        with_ranking: bool = True,
        after: uuid.UUID | None = None,
        limit: int | None = None,
    ) -> list[RoundPosition]:
        """The round's positions (all, the given ones, one enterprise's, or those a school may see: of enterprises
        it holds an active agreement with), by position id (after `after`, at most `limit`); `applicants` is
        counted only when asked for (0 otherwise): it reads every list naming the position."""
        query = (
            _positions_query(with_ranking)
            .add_columns((_applicants if with_applicants else literal_column("0")).label("applicants"))
            .where(rp_t.c.round_id == round_id)
        )
        if ids is not None:
            query = query.where(rp_t.c.position_id.in_(ids))
        if enterprise is not None:
            query = query.where(rp_t.c.enterprise_org == enterprise)
        if visible_to_school is not None:
            query = query.where(
                exists().where(
                    agr_t.c.school_org == visible_to_school,
                    agr_t.c.enterprise_org == rp_t.c.enterprise_org,
                    agr_t.c.status == Status.ACTIVE.value,
                )
            )
        if after is not None:
            query = query.where(rp_t.c.position_id > after)
        query = query.order_by(rp_t.c.position_id)
        if limit is not None:
            query = query.limit(limit)
        return await self._all(query, _position)

    async def listed_anywhere(self, round_id: uuid.UUID, position_id: uuid.UUID) -> bool:
        return bool(await self.session.scalar(select(exists().where(rs_t.c.round_id == round_id, _lists(position_id)))))

    async def set_ranking(
        self, round_id: uuid.UUID, position_id: uuid.UUID, ranking: list | None, now: datetime | None
    ) -> None:
        await self.session.execute(
            update(rp_t)
            .where(rp_t.c.round_id == round_id, rp_t.c.position_id == position_id)
            .values(ranking=ranking, ranked_at=now)
        )

    async def freeze_positions(self, round_id: uuid.UUID, offered: dict[uuid.UUID, tuple[int, str, list[str]]]) -> None:
        """Record, at close, each position's offered seats, what limited them, and its competency tags."""
        if not offered:
            return
        await self.session.execute(
            text(
                "UPDATE round_position rp SET offered_seats = x.seats, offered_limit = x.limit_, tags = x.tags "
                "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(position_id uuid, seats integer, limit_ text, "
                "tags varchar(64)[]) WHERE rp.round_id = :round_id AND rp.position_id = x.position_id"
            ),
            {
                "round_id": round_id,
                "rows": json.dumps(
                    [
                        {"position_id": str(pid), "seats": seats, "limit_": limit, "tags": tags}
                        for pid, (seats, limit, tags) in offered.items()
                    ]
                ),
            },
        )

    async def thaw_positions(self, round_id: uuid.UUID) -> None:
        await self.session.execute(
            update(rp_t).where(rp_t.c.round_id == round_id).values(offered_seats=None, offered_limit=None, tags=None)
        )

    # ---- students

    async def upsert_students(self, round_id: uuid.UUID, school_org: str, entries: list[dict], now: datetime) -> None:
        """Add a school's students (student_ref, profile, birth_date, study_year) or update their shared profile.

        One JSON parameter, serialised off the event loop: a thousand rows as a multi-row VALUES would cost
        SQLAlchemy ~0.1 s of compiling 7,000 bind parameters on the loop."""
        rows = await asyncio.to_thread(json.dumps, entries, default=str)
        await self.session.execute(
            text(
                "INSERT INTO round_student (round_id, school_org, student_ref, profile, birth_date, study_year, "
                "added_at) SELECT :round_id, :school_org, x.student_ref, x.profile, x.birth_date, x.study_year, "
                ":now FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(student_ref text, profile jsonb, "
                "birth_date date, study_year smallint) ON CONFLICT (round_id, school_org, student_ref) DO UPDATE "
                "SET profile = excluded.profile, birth_date = excluded.birth_date, study_year = excluded.study_year"
            ),
            {"round_id": round_id, "school_org": school_org, "now": now, "rows": rows},
        )

    async def remove_student(self, round_id: uuid.UUID, school_org: str, student_ref: str) -> bool:
        result = await self.session.execute(
            delete(rs_t).where(
                rs_t.c.round_id == round_id, rs_t.c.school_org == school_org, rs_t.c.student_ref == student_ref
            )
        )
        return result.rowcount == 1

    async def students(
        self,
        round_id: uuid.UUID,
        *,
        school: str | None = None,
        refs: list[str] | None = None,
        applicants_of: uuid.UUID | None = None,
        with_preferences: bool = True,
        after: tuple[str, str] | None = None,
        limit: int | None = None,
    ) -> list[RoundStudent]:
        """The round's students by school and reference (after `after`, at most `limit`); without their lists
        (left empty) when not needed, which saves decoding every array."""
        columns = rs_t.columns if with_preferences else [c for c in rs_t.columns if c.name != "preferences"]
        query = select(*columns).where(rs_t.c.round_id == round_id)
        if school is not None:
            query = query.where(rs_t.c.school_org == school)
        if refs is not None:
            query = query.where(rs_t.c.student_ref.in_(refs))
        if applicants_of is not None:
            query = query.where(_lists(applicants_of))
        if after is not None:
            query = query.where(
                or_(
                    rs_t.c.school_org > after[0],
                    and_(rs_t.c.school_org == after[0], rs_t.c.student_ref > after[1]),
                )
            )
        query = query.order_by(rs_t.c.school_org, rs_t.c.student_ref)
        if limit is not None:
            query = query.limit(limit)
        return await self._all(query, _student)

    async def student_count(self, round_id: uuid.UUID) -> int:
        return int(await self.session.scalar(select(func.count()).where(rs_t.c.round_id == round_id)))

    async def not_applicants(
        self, round_id: uuid.UUID, position_id: uuid.UUID, keys: list[tuple[str, str]], *, first: int
    ) -> set[tuple[str, str]]:
        """The first `first` of these (school_org, student_ref), in their order, that do not list the position in
        the round: the database answers for a ranking of 50,000 without sending the applicants here, and a
        refusal needs to name only the first few."""
        if not keys:
            return set()
        rows = await self.session.execute(
            text(
                "SELECT k.school_org, k.student_ref FROM unnest(CAST(:schools AS text[]), CAST(:refs AS text[])) "
                "WITH ORDINALITY AS k(school_org, student_ref, n) WHERE NOT EXISTS (SELECT 1 FROM round_student rs "
                "WHERE rs.round_id = :round_id AND rs.school_org = k.school_org AND rs.student_ref = k.student_ref "
                "AND rs.preferences @> ARRAY[CAST(:position_id AS uuid)]) ORDER BY k.n LIMIT :first"
            ),
            {
                "round_id": round_id,
                "position_id": position_id,
                "schools": [k[0] for k in keys],
                "refs": [k[1] for k in keys],
                "first": first,
            },
        )
        return {(school, ref) for school, ref in rows}

    async def set_preferences(
        self, round_id: uuid.UUID, school_org: str, student_ref: str, positions: list[uuid.UUID], now: datetime
    ) -> RoundStudent | None:
        row = (
            await self.session.execute(
                update(rs_t)
                .where(rs_t.c.round_id == round_id, rs_t.c.school_org == school_org, rs_t.c.student_ref == student_ref)
                .values(preferences=positions, preferences_at=now)
                .returning(*rs_t.columns)
            )
        ).first()
        return _student(row) if row else None

    # ---- agreements the round books under

    async def active_agreements(self, schools: list[str], enterprises: list[str]) -> list[CoveringAgreement]:
        rows = await self.session.execute(
            select(
                agr_t.c.id,
                agr_t.c.school_org,
                agr_t.c.enterprise_org,
                agr_t.c.valid_from,
                agr_t.c.valid_to,
                (agr_t.c.intern_quota - agr_t.c.interns_placed).label("remaining"),
            ).where(
                agr_t.c.school_org.in_(schools),
                agr_t.c.enterprise_org.in_(enterprises),
                agr_t.c.status == Status.ACTIVE.value,
            )
        )
        return [CoveringAgreement(**r._mapping) for r in rows]

    # ---- runs

    async def next_seq(self, round_id: uuid.UUID) -> int:
        return int(
            await self.session.scalar(
                select(func.coalesce(func.max(run_t.c.seq), 0) + 1).where(run_t.c.round_id == round_id)
            )
        )

    async def add_run(self, run: Run, inputs_json: str, matches_json: str) -> None:
        """`inputs_json`, `matches_json`: the run's inputs and match rows as JSON, serialised off the event loop."""
        await self.session.execute(
            insert(run_t).values({**run.__dict__, "inputs": cast(literal(inputs_json, Text), JSONB)})
        )
        await self.session.execute(
            text(
                "INSERT INTO round_match (run_id, school_org, student_ref, position_id, choice, explanation) "
                "SELECT CAST(:run_id AS uuid), x.school_org, x.student_ref, x.position_id, x.choice, x.explanation "
                "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(school_org text, student_ref text, position_id uuid, "
                "choice smallint, explanation jsonb)"
            ),
            {"run_id": str(run.id), "rows": matches_json},
        )

    async def runs(self, round_id: uuid.UUID, *, after: int | None = None, limit: int | None = None) -> list[Run]:
        query = select(*(c for c in run_t.columns if c.name != "inputs")).where(run_t.c.round_id == round_id)
        if after is not None:
            query = query.where(run_t.c.seq > after)
        query = query.order_by(run_t.c.seq)
        if limit is not None:
            query = query.limit(limit)
        return [Run(**r._mapping) for r in await self.session.execute(query)]

    async def run(self, round_id: uuid.UUID, run_id: uuid.UUID) -> Run | None:
        row = (
            await self.session.execute(
                select(*(c for c in run_t.columns if c.name != "inputs")).where(
                    run_t.c.round_id == round_id, run_t.c.id == run_id
                )
            )
        ).first()
        return Run(**row._mapping) if row else None

    async def run_inputs(self, run_id: uuid.UUID) -> dict:
        return await self.session.scalar(select(run_t.c.inputs).where(run_t.c.id == run_id))

    async def matches(
        self,
        run: Run,
        *,
        school: str | None = None,
        student_ref: str | None = None,
        enterprise: str | None = None,
        matched_only: bool = False,
        with_explanation: bool = True,
        after: tuple[str, str] | None = None,
        limit: int | None = None,
    ) -> list[Match]:
        """The run's matches with the students' shared profiles, by school and student: one school's students,
        or the students matched to one enterprise's positions (explanations left empty unless wanted)."""
        query = (
            select(
                match_t.c.school_org,
                match_t.c.student_ref,
                match_t.c.position_id,
                match_t.c.choice,
                match_t.c.explanation if with_explanation else literal_column("'[]'::jsonb").label("explanation"),
                func.coalesce(rs_t.c.profile, literal_column("'{}'::jsonb")).label("profile"),
            )
            .outerjoin(
                rs_t,
                and_(
                    rs_t.c.round_id == run.round_id,
                    rs_t.c.school_org == match_t.c.school_org,
                    rs_t.c.student_ref == match_t.c.student_ref,
                ),
            )
            .where(match_t.c.run_id == run.id)
        )
        if school is not None:
            query = query.where(match_t.c.school_org == school)
        if student_ref is not None:
            query = query.where(match_t.c.student_ref == student_ref)
        if enterprise is not None:
            query = query.where(
                match_t.c.position_id.in_(
                    select(rp_t.c.position_id).where(
                        rp_t.c.round_id == run.round_id, rp_t.c.enterprise_org == enterprise
                    )
                )
            )
        if matched_only:
            query = query.where(match_t.c.position_id.is_not(None))
        if after is not None:
            query = query.where(
                or_(
                    match_t.c.school_org > after[0],
                    and_(match_t.c.school_org == after[0], match_t.c.student_ref > after[1]),
                )
            )
        query = query.order_by(match_t.c.school_org, match_t.c.student_ref)
        if limit is not None:
            query = query.limit(limit)
        return await self._all(query, _match)

    async def filled(self, run_id: uuid.UUID) -> dict[uuid.UUID, int]:
        rows = await self.session.execute(
            select(match_t.c.position_id, func.count())
            .where(match_t.c.run_id == run_id, match_t.c.position_id.is_not(None))
            .group_by(match_t.c.position_id)
        )
        return {pid: n for pid, n in rows}

    # ---- publishing

    async def lock_for_booking(
        self,
        schools: list[str],
        position_ids: list[uuid.UUID],
        base_ids: list[uuid.UUID],
        agreement_ids: list[uuid.UUID],
    ) -> None:
        """Take, up front and each kind in a fixed order, the locks `book_placement` takes row by row: each school's
        booking lock EXCLUSIVELY (instead of one lock per student, which would overflow PostgreSQL's lock table
        on a national round; the booking rows are then called with `school_locked`), then the positions, their
        bases, the agreements. Booking takes them in that same order of kinds (its school's lock shared), so a
        concurrent booking and a publishing round wait for each other instead of deadlocking."""
        await self.session.execute(LOCK_SCHOOLS_FOR_BOOKING, {"schools": sorted(set(schools))})
        for table, ids in ((pos_t, position_ids), (base_t, base_ids), (agr_t, agreement_ids)):
            await self.session.execute(
                select(table.c.id).where(table.c.id.in_(sorted(set(ids)))).order_by(table.c.id).with_for_update()
            )
