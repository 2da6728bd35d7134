"""The data score of a placement: measures of its own records, each mapped to the 0–100 scale.

  attendance      attendance rate × 100 (domain/attendance_summary.py: days present and undisputed / days expected)
  hours           approved logbook hours / the programme requirement's required hours × 100, at most 100
  core_work       approved core hours / approved hours × 100 (domain/logbooks.core_work_share)
  weekly_reports  accepted / reviewed (accepted + returned) weekly and monthly reports × 100
A measure without its inputs (no day expected yet, no requirement set, no week approved, no report reviewed) has no
score, and the data part of the scorecard is missing until every data indicator of the rubric has one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from praxis_evaluation import quantize

MEASURES = ("attendance", "hours", "core_work", "weekly_reports")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class DataMeasures:
    attendance_rate: Decimal | None
    approved_hours: Decimal
    required_hours: Decimal | None  # None: no programme requirement applies
    core_share: Decimal | None
    reports_accepted: int
    reports_returned: int


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
    }
