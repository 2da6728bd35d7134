"""Platform metric bodies: a team's data points, and the platform score computed from them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from praxis_common.pages import Page
from praxis_common.validation import Date
from projects.domain.metrics import DataPoint, MetricAchievement, PlatformScore
from projects.handlers.evaluations import RecordMetrics
from projects.schemas.fields import MAX_VALUE, MetricKey, Unit


class MetricPointIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: MetricKey
    value: Annotated[
        Decimal, Field(le=MAX_VALUE, decimal_places=4, description="at least 0 (percent at most 100, stars at most 5)")
    ]
    unit: Unit
    period_start: Date
    period_end: Date

    def domain(self) -> DataPoint:
        return DataPoint(self.name, self.period_start, self.period_end, self.value, self.unit)


class MetricsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "metrics": [
                        {
                            "name": "orders",
                            "value": 120,
                            "unit": "count",
                            "period_start": "2027-04-01",
                            "period_end": "2027-04-30",
                        },
                        {
                            "name": "gmv",
                            "value": "8450.50",
                            "unit": "MYR",
                            "period_start": "2027-04-01",
                            "period_end": "2027-04-30",
                        },
                        {
                            "name": "conversion_rate",
                            "value": 2.4,
                            "unit": "percent",
                            "period_start": "2027-04-01",
                            "period_end": "2027-04-30",
                        },
                    ]
                }
            ]
        },
    )

    metrics: Annotated[list[MetricPointIn], Field(min_length=1, max_length=500)]

    def to_command(self) -> RecordMetrics:
        return RecordMetrics([m.domain() for m in self.metrics])


class MetricPointRead(BaseModel):
    name: str
    value: Decimal
    unit: str
    period_start: date
    period_end: date
    recorded_at: datetime | None
    recorded_by: str | None

    @classmethod
    def of(cls, d: DataPoint) -> MetricPointRead:
        return cls(
            name=d.metric,
            value=d.value,
            unit=d.unit,
            period_start=d.period_start,
            period_end=d.period_end,
            recorded_at=d.recorded_at,
            recorded_by=d.recorded_by,
        )


class MetricPage(Page[MetricPointRead]):
    """A page of a team's data points, by metric and period."""


class MetricsRecorded(BaseModel):
    items: list[MetricPointRead] = Field(description="the data points posted, as stored")


class MetricAchievementRead(BaseModel):
    metric: str
    target: Decimal
    unit: str
    value: Decimal | None
    achievement: Decimal | None = Field(description="value / target, at most 1")

    @classmethod
    def of(cls, m: MetricAchievement) -> MetricAchievementRead:
        return cls(**vars(m))


class PlatformRead(BaseModel):
    score: Decimal | None
    metrics: list[MetricAchievementRead]
    missing: str | None

    @classmethod
    def of(cls, p: PlatformScore) -> PlatformRead:
        return cls(score=p.score, metrics=[MetricAchievementRead.of(m) for m in p.metrics], missing=p.missing)
