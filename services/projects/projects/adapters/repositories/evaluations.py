"""A team's platform metrics, its mentors' evaluations and its students' peer ratings."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from projects.adapters.orm import evaluation, peer_rating, team_metric
from projects.domain.metrics import DataPoint
from projects.domain.scores import Assessment, BaselineExists, Evaluation, Party, PeerAlreadyRated, PeerRating


class MetricRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def series_units(self, team_id: uuid.UUID) -> dict[str, str]:
        rows = await self.connection.execute(
            select(team_metric.c.metric, team_metric.c.unit).where(team_metric.c.team_id == team_id).distinct()
        )
        return {r.metric: r.unit for r in rows}

    async def record(self, team_id: uuid.UUID, points: list[DataPoint]) -> None:
        """Upsert: a period posted again replaces its value (a correction), keeping who posted it last."""
        statement = pg_insert(team_metric).values(
            [
                {
                    "team_id": team_id,
                    "metric": p.metric,
                    "period_start": p.period_start,
                    "period_end": p.period_end,
                    "value": p.value,
                    "unit": p.unit,
                    "recorded_at": p.recorded_at,
                    "recorded_by": p.recorded_by,
                }
                for p in points
            ]
        )
        await self.connection.execute(
            statement.on_conflict_do_update(
                index_elements=["team_id", "metric", "period_start"],
                set_={
                    name: statement.excluded[name]
                    for name in ("period_end", "value", "unit", "recorded_at", "recorded_by")
                },
            )
        )

    async def of_team(
        self,
        team_id: uuid.UUID,
        *,
        metric: str | None = None,
        from_date: date | None = None,
        to_date: date | None = None,
    ) -> list[DataPoint]:
        query = select(team_metric).where(team_metric.c.team_id == team_id)
        if metric is not None:
            query = query.where(team_metric.c.metric == metric)
        if from_date is not None:
            query = query.where(team_metric.c.period_end >= from_date)
        if to_date is not None:
            query = query.where(team_metric.c.period_start <= to_date)
        rows = await self.connection.execute(query.order_by(team_metric.c.metric, team_metric.c.period_start))
        return [
            DataPoint(r.metric, r.period_start, r.period_end, r.value, r.unit, r.recorded_at, r.recorded_by)
            for r in rows
        ]


# Evaluations and peer ratings


def _evaluation(row) -> Evaluation:
    m = row._mapping
    return Evaluation(
        id=m["id"],
        team_id=m["team_id"],
        student_ref=m["student_ref"],
        party=Party(m["party"]),
        assessment=Assessment(m["assessment"]),
        criteria={k: Decimal(v) for k, v in m["criteria"].items()},
        score=m["score"],
        comments=m["comments"],
        evaluator=m["evaluator"],
        mentor_id=m["mentor_id"],
        recorded_at=m["recorded_at"],
    )


class EvaluationRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, e: Evaluation) -> None:
        try:
            await self.connection.execute(
                insert(evaluation).values(
                    **{
                        **vars(e),
                        "party": e.party.value,
                        "assessment": e.assessment.value,
                        "criteria": {k: str(v) for k, v in e.criteria.items()},
                    }
                )
            )
        except IntegrityError as exc:
            if "uq_evaluation_baseline" in str(exc.orig):
                raise BaselineExists(
                    f"{e.student_ref} already has a baseline assessment from the {e.party} mentor"
                ) from exc
            raise

    async def of_team(self, team_id: uuid.UUID, *, student_ref: str | None = None) -> list[Evaluation]:
        query = select(evaluation).where(evaluation.c.team_id == team_id)
        if student_ref is not None:
            query = query.where(evaluation.c.student_ref == student_ref)
        rows = await self.connection.execute(query.order_by(evaluation.c.recorded_at, evaluation.c.id))
        return [_evaluation(r) for r in rows]

    async def add_rating(self, r: PeerRating) -> None:
        try:
            await self.connection.execute(insert(peer_rating).values(**vars(r)))
        except IntegrityError as exc:
            if "uq_peer_rating_once_per_stage" in str(exc.orig):
                raise PeerAlreadyRated(f"{r.rater_ref} already rated {r.ratee_ref} for stage {r.stage}") from exc
            raise

    async def ratings(self, team_id: uuid.UUID) -> list[PeerRating]:
        rows = await self.connection.execute(
            select(peer_rating)
            .where(peer_rating.c.team_id == team_id)
            .order_by(peer_rating.c.recorded_at, peer_rating.c.id)
        )
        return [PeerRating(**r._mapping) for r in rows]
