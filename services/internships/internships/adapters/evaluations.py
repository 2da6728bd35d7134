"""Evaluation repository: rubric versions, the rubric a placement is bound to, placement evaluations, the windows
the calendar announced, and the placement records the data score is computed from."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import weekly_report as wr_t
from internships.adapters.evaluation_tables import evaluation_window as win_t
from internships.adapters.evaluation_tables import placement_evaluation as ev_t
from internships.adapters.evaluation_tables import placement_rubric as bind_t
from internships.adapters.evaluation_tables import rubric_version as rv_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.placements import _placement as placement_of
from internships.domain.course import InternshipType
from internships.domain.evaluation_windows import Window
from internships.domain.placement_evaluations import PlacementEvaluation
from internships.domain.placements import PlacementStatus
from internships.domain.rubrics import RubricVersion
from praxis_evaluation import Indicator, Level, Scorer


class EvaluationRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    # ---- rubric versions

    async def versions(self, agreement_id: uuid.UUID, *, for_share: bool = False) -> list[RubricVersion]:
        """The agreement's versions; `for_share`: held FOR SHARE until the transaction ends, so no version is
        revised or accepted meanwhile (those take the row FOR UPDATE)."""
        query = select(rv_t).where(rv_t.c.agreement_id == agreement_id).order_by(rv_t.c.version)
        rows = await self.connection.execute(query.with_for_update(read=True) if for_share else query)
        return [_version(r) for r in rows]

    async def version(self, agreement_id: uuid.UUID, version: int, *, for_update: bool = False) -> RubricVersion | None:
        query = select(rv_t).where(rv_t.c.agreement_id == agreement_id, rv_t.c.version == version)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _version(row) if row else None

    async def next_version(self, agreement_id: uuid.UUID) -> int:
        found = await self.connection.scalar(
            select(func.coalesce(func.max(rv_t.c.version), 0)).where(rv_t.c.agreement_id == agreement_id)
        )
        return int(found) + 1

    async def add_version(self, v: RubricVersion) -> None:
        await self.connection.execute(insert(rv_t).values(_version_row(v)))

    async def save_version(self, v: RubricVersion) -> None:
        row = _version_row(v)
        await self.connection.execute(
            update(rv_t).where(rv_t.c.agreement_id == v.agreement_id, rv_t.c.version == v.version).values(row)
        )

    async def in_use(self, rubric_id: str, version: int) -> bool:
        found = await self.connection.scalar(
            select(bind_t.c.placement_id)
            .where(bind_t.c.rubric_id == rubric_id, bind_t.c.rubric_version == version)
            .limit(1)
        )
        return found is not None

    # ---- a placement's rubric and evaluations

    async def bound(self, placement_id: uuid.UUID) -> tuple[str, int] | None:
        row = (
            await self.connection.execute(
                select(bind_t.c.rubric_id, bind_t.c.rubric_version).where(bind_t.c.placement_id == placement_id)
            )
        ).first()
        return (row.rubric_id, row.rubric_version) if row else None

    async def bind(self, placement_id: uuid.UUID, rubric_id: str, version: int, *, at: datetime) -> tuple[str, int]:
        """Bind the placement to the rubric version unless it is bound already; the binding that holds."""
        await self.connection.execute(
            pg_insert(bind_t)
            .values(placement_id=placement_id, rubric_id=rubric_id, rubric_version=version, bound_at=at)
            .on_conflict_do_nothing()
        )
        found = await self.bound(placement_id)
        assert found is not None
        return found

    async def add(self, e: PlacementEvaluation) -> None:
        row = {c.name: getattr(e, c.name) for c in ev_t.columns}
        row["window"], row["scorer"] = e.window.value, e.scorer.value
        row["scores"] = {k: str(v) for k, v in e.scores.items()}
        await self.connection.execute(insert(ev_t).values(row))

    async def of_placement(self, placement_id: uuid.UUID) -> list[PlacementEvaluation]:
        rows = await self.connection.execute(
            select(ev_t).where(ev_t.c.placement_id == placement_id).order_by(ev_t.c.recorded_at, ev_t.c.id)
        )
        return [_evaluation(r) for r in rows]

    # ---- the calendar

    async def due_candidates(self, today: date, limit: int) -> list:
        """Active placements with a window whose due day has come and that is not announced yet (the midterm at
        the mid-point, the final at the end; domain/evaluation_windows.windows_of), oldest start first."""

        def announced(window: Window):
            return (
                select(win_t.c.placement_id)
                .where(win_t.c.placement_id == pl_t.c.id, win_t.c.window == window.value)
                .exists()
            )

        mid_point = pl_t.c.starts_on + (pl_t.c.ends_on - pl_t.c.starts_on) // 2  # date - date: days
        rows = await self.connection.execute(
            select(pl_t)
            .where(
                pl_t.c.status == PlacementStatus.ACTIVE.value,
                or_(
                    and_(mid_point <= today, ~announced(Window.MIDTERM)),
                    and_(pl_t.c.ends_on <= today, ~announced(Window.FINAL)),
                ),
            )
            .order_by(pl_t.c.starts_on, pl_t.c.id)
            .limit(limit)
        )
        return [placement_of(r) for r in rows]

    async def announced(self, placement_id: uuid.UUID) -> set[Window]:
        rows = await self.connection.execute(select(win_t.c.window).where(win_t.c.placement_id == placement_id))
        return {Window(w) for w in rows.scalars()}

    async def announce(self, placement_id: uuid.UUID, window: Window, due_on: date, *, at: datetime) -> bool:
        """Record the window as announced; False when another runner did first (then it emits nothing)."""
        result = await self.connection.execute(
            pg_insert(win_t)
            .values(placement_id=placement_id, window=window.value, due_on=due_on, opened_at=at)
            .on_conflict_do_nothing()
        )
        return result.rowcount == 1

    # ---- records behind the data score

    async def report_reviews(self, placement_id: uuid.UUID) -> tuple[int, int]:
        """(accepted, returned) weekly and monthly reports of the placement."""
        rows = await self.connection.execute(
            select(wr_t.c.status, func.count())
            .where(and_(wr_t.c.placement_id == placement_id, wr_t.c.status.in_(("accepted", "returned"))))
            .group_by(wr_t.c.status)
        )
        found = {status: n for status, n in rows}
        return found.get("accepted", 0), found.get("returned", 0)


def _indicator_json(i: Indicator) -> dict:
    return {
        "key": i.key,
        "name_zh": i.name_zh,
        "name_en": i.name_en,
        "scorer": i.scorer.value,
        "weight": str(i.weight),
        "levels": [
            {
                "name": lv.name,
                "min_score": str(lv.min_score),
                "max_score": str(lv.max_score),
                "descriptor": lv.descriptor,
            }
            for lv in i.levels
        ],
        "competencies": list(i.competencies),
        "origin": i.origin,
        "description": i.description,
    }


def _indicator(d: dict) -> Indicator:
    return Indicator(
        key=d["key"],
        name_zh=d["name_zh"],
        name_en=d["name_en"],
        scorer=Scorer(d["scorer"]),
        weight=Decimal(d["weight"]),
        levels=tuple(
            Level(lv["name"], Decimal(lv["min_score"]), Decimal(lv["max_score"]), lv.get("descriptor", ""))
            for lv in d.get("levels", ())
        ),
        competencies=tuple(d.get("competencies", ())),
        origin=d.get("origin", "school"),
        description=d.get("description", ""),
    )


def _version_row(v: RubricVersion) -> dict:
    return {
        "agreement_id": v.agreement_id,
        "version": v.version,
        "internship_type": v.internship_type.value,
        "indicators": [_indicator_json(i) for i in v.indicators],
        "proposed_by_side": v.proposed_by_side,
        "proposed_by": v.proposed_by,
        "proposed_at": v.proposed_at,
        "accepted_by": v.accepted_by,
        "accepted_at": v.accepted_at,
    }


def _version(row) -> RubricVersion:
    return RubricVersion(
        agreement_id=row.agreement_id,
        version=row.version,
        internship_type=InternshipType(row.internship_type),
        indicators=tuple(_indicator(d) for d in row.indicators),
        proposed_by_side=row.proposed_by_side,
        proposed_by=row.proposed_by,
        proposed_at=row.proposed_at,
        accepted_by=row.accepted_by,
        accepted_at=row.accepted_at,
    )


def _evaluation(row) -> PlacementEvaluation:
    return PlacementEvaluation(
        id=row.id,
        placement_id=row.placement_id,
        window=Window(row.window),
        scorer=Scorer(row.scorer),
        scores={k: Decimal(v) for k, v in row.scores.items()},
        score=row.score,
        comments=row.comments,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        rubric_id=row.rubric_id,
        rubric_version=row.rubric_version,
        mentor_id=row.mentor_id,
        expert_name=row.expert_name,
    )
