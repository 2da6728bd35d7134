"""The data score of a placement: measures of its own records and of its student's achievements in its period, each
mapped to the 0–100 scale.

  attendance      attendance rate × 100 (domain/attendance_summary.py: days present and undisputed / days expected)
  hours           approved logbook hours / the programme requirement's required hours × 100, at most 100
  core_work       approved core hours / approved hours × 100 (domain/logbooks.core_work_share)
  weekly_reports  accepted / reviewed (accepted + returned) weekly and monthly reports × 100
  achievements    the sum of the points of the student's achievements the placement's school recorded (certificates,
                  competitions, badges: domain/credit_ledger.Achievement), not withdrawn, awarded within the
                  placement's period (starts_on..ends_on), at most 100; none scores 0
A measure without its inputs (no day expected yet, no requirement set, no week approved, no report reviewed) has no
score, and the data part of the scorecard is missing until every data indicator of the rubric has one. `achievements`
always has one: no achievement in the period is an input too."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from praxis_evaluation import quantize

MEASURES = ("attendance", "hours", "core_work", "weekly_reports", "achievements")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class DataMeasures:
    attendance_rate: Decimal | None
    approved_hours: Decimal
    required_hours: Decimal | None  # None: no programme requirement applies
    core_share: Decimal | None
    reports_accepted: int
    reports_returned: int
    achievement_points: tuple[Decimal, ...] = ()  # each live achievement's points, of those awarded in the period


WHY_NONE = {
    "attendance": "no attendance day is expected yet",
    "hours": "no programme requirement sets the required hours",
    "core_work": "no logbook week is approved yet",
    "weekly_reports": "no weekly report is reviewed yet",
}


def measure_scores(m: DataMeasures) -> dict[str, Decimal | None]:
    reviewed = m.reports_accepted + m.reports_returned
    return {
        "attendance": quantize(m.attendance_rate * HUNDRED) if m.attendance_rate is not None else None,
        "hours": quantize(min(HUNDRED, m.approved_hours * HUNDRED / m.required_hours)) if m.required_hours else None,
        "core_work": quantize(m.core_share * HUNDRED) if m.core_share is not None else None,
        "weekly_reports": quantize(Decimal(m.reports_accepted) * HUNDRED / reviewed) if reviewed else None,
        "achievements": quantize(min(HUNDRED, sum(m.achievement_points, Decimal(0)))),
    }
