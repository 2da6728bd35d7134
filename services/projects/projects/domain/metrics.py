"""Platform data: measured performance of a team's store, per period, and the platform score computed from it.

The catalogue below is the closed list of metrics and the units each may be given in; anything else is refused
(a number whose unit nobody knows cannot be scored). A team's series of one metric keeps one unit.

How the platform score is computed (0–100): the enterprise sets a target per metric (in that metric's unit).
A metric's achievement is its value over the project — the sum of its periods for counts and money (sessions,
orders, GMV), the latest period's value for rates and ratings (conversion rate, rating) — divided by the target,
capped at 1. The platform score is the mean achievement of the targeted metrics × 100. It is missing while the
project has no targets, or while a targeted metric has no data for the team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from praxis_common.errors import FieldError, InvalidInput
from praxis_evaluation import quantize

MAX_PERIOD_DAYS = 366


class Aggregate(StrEnum):
    SUM = "sum"  # counts and money add up over periods
    LATEST = "latest"  # rates and ratings: the most recent period stands


CURRENCIES = frozenset(
    "AED AUD BRL CAD CNY EUR GBP HKD IDR INR JPY KRW KZT MXN MYR PHP RUB SAR SGD THB TRY USD VND".split()
)


@dataclass(frozen=True)
class MetricKind:
    name: str
    units: frozenset[str]
    aggregate: Aggregate
    maximum: Decimal | None = None  # the largest value that makes sense (percent: 100; stars: 5)


CATALOGUE = {
    m.name: m
    for m in (
        MetricKind("sessions", frozenset({"count"}), Aggregate.SUM),
        MetricKind("orders", frozenset({"count"}), Aggregate.SUM),
        MetricKind("gmv", CURRENCIES, Aggregate.SUM),  # gross merchandise value, in a currency (ISO 4217)
        MetricKind("conversion_rate", frozenset({"percent"}), Aggregate.LATEST, Decimal(100)),
        MetricKind("rating", frozenset({"stars"}), Aggregate.LATEST, Decimal(5)),
    )
}


def unit_hint(metric: str) -> str:
    kind = CATALOGUE[metric]
    return "an ISO 4217 currency code, e.g. CNY or USD" if kind.units is CURRENCIES else " or ".join(sorted(kind.units))


@dataclass(frozen=True)
class Target:
    value: Decimal
    unit: str


def check_target(metric: str, target: Target) -> list[FieldError]:
    field = f"platform_targets.{metric}"
    if metric not in CATALOGUE:
        return [FieldError(field, f"unknown metric; known: {', '.join(CATALOGUE)}")]
    kind, errors = CATALOGUE[metric], []
    if target.unit not in kind.units:
        errors.append(FieldError(f"{field}.unit", f"unknown unit {target.unit!r} for {metric}: {unit_hint(metric)}"))
    if target.value <= 0 or (kind.maximum is not None and target.value > kind.maximum):
        most = f", at most {kind.maximum}" if kind.maximum is not None else ""
        errors.append(FieldError(f"{field}.value", f"more than 0{most}"))
    return errors


@dataclass(frozen=True)
class DataPoint:
    """One measured value of one metric of a team for one period (start and end inclusive)."""

    metric: str
    period_start: date
    period_end: date
    value: Decimal
    unit: str
    recorded_at: datetime | None = None
    recorded_by: str | None = None


def check_points(points: list[DataPoint], *, series_units: dict[str, str]) -> None:
    """Refuse what cannot be scored: unknown metrics or units, impossible values or periods, a unit other than
    the one the team's series of that metric already has, or the same metric and period twice in one batch."""
    errors: list[FieldError] = []
    seen: set[tuple[str, date]] = set()
    for i, p in enumerate(points):
        where = f"metrics.{i}"
        kind = CATALOGUE.get(p.metric)
        if kind is None:
            errors.append(FieldError(f"{where}.name", f"unknown metric; known: {', '.join(CATALOGUE)}"))
            continue
        if p.unit not in kind.units:
            errors.append(FieldError(f"{where}.unit", f"unknown unit {p.unit!r} for {p.metric}: {unit_hint(p.metric)}"))
        elif series_units.get(p.metric, p.unit) != p.unit:
            errors.append(
                FieldError(f"{where}.unit", f"this team's {p.metric} is recorded in {series_units[p.metric]}")
            )
        if p.value < 0 or (kind.maximum is not None and p.value > kind.maximum):
            most = f" and at most {kind.maximum}" if kind.maximum is not None else ""
            errors.append(FieldError(f"{where}.value", f"must be at least 0{most}"))
        if p.period_end < p.period_start:
            errors.append(FieldError(f"{where}.period_end", "must not be before period_start"))
        elif (p.period_end - p.period_start).days >= MAX_PERIOD_DAYS:
            errors.append(FieldError(f"{where}.period_end", f"a period is at most {MAX_PERIOD_DAYS} days"))
        if (p.metric, p.period_start) in seen:
            errors.append(FieldError(f"{where}.period_start", "the same metric and period twice"))
        seen.add((p.metric, p.period_start))
    if errors:
        raise InvalidInput(f"invalid metrics: {', '.join(e.field for e in errors)}", errors=errors)


@dataclass(frozen=True)
class MetricAchievement:
    metric: str
    target: Decimal
    unit: str
    value: Decimal | None  # the aggregated value; None without data
    achievement: Decimal | None  # value / target, capped at 1


@dataclass(frozen=True)
class PlatformScore:
    score: Decimal | None  # 0–100; None when missing
    metrics: list[MetricAchievement]
    missing: str | None  # why the score is missing


def aggregate(metric: str, points: list[DataPoint]) -> Decimal | None:
    mine = sorted((p for p in points if p.metric == metric), key=lambda p: p.period_start)
    if not mine:
        return None
    if CATALOGUE[metric].aggregate is Aggregate.SUM:
        return sum((p.value for p in mine), Decimal(0))
    return mine[-1].value


def platform_score(targets: dict[str, Target], points: list[DataPoint]) -> PlatformScore:
    if not targets:
        return PlatformScore(None, [], "the enterprise has set no platform targets")
    rows = []
    for metric, target in sorted(targets.items()):
        value = aggregate(metric, points)
        achieved = None if value is None else min(Decimal(1), value / target.value)
        rows.append(MetricAchievement(metric, target.value, target.unit, value, achieved))
    without = [r.metric for r in rows if r.achievement is None]
    if without:
        return PlatformScore(None, rows, f"no data yet for {', '.join(without)}")
    mean = sum((r.achievement for r in rows), Decimal(0)) / len(rows)
    return PlatformScore(quantize(mean * 100), rows, None)
