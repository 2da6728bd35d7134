"""A practice base's tier: proposed by its enterprise, confirmed by the school of its agreement or a platform
authority, and recommended by Praxis from the evidence of the base's placements.

The evidence (each item over the base's placements that have started: active, completed or terminated):

| item | value | rests on | tier 1 at least | tier 2 at least |
|---|---|---|---|---|
| core_work_share | mean of the placements' approved core hours / approved hours (domain/reports.core_shares) | placements with approved logbook hours | 0.60 | 0.40 |
| onsite_guidance_per_month | on-site guidance sessions per placement-month (a month = 30.44 days of the placement so far) | started placements | 1.00 | 0.50 |
| attendance_rate | days present / days expected, summed (domain/attendance_summary.summarise) | placements with attendance records | 0.95 | 0.85 |
| completion_rate | completed / (completed + terminated) | ended placements | 0.90 | 0.75 |
| student_rating | mean of the survey's two 1–5 ratings (domain/feedback.figures) | survey answers | 4.00 | 3.00 |
| would_recommend_share | share of answers that would recommend the base | survey answers | 0.80 | 0.60 |

An item resting on fewer than MIN_PLACEMENTS placements (or answers) is "insufficient" and does not count. The
recommended tier is the lowest tier any sufficient item meets (an item below its tier-2 minimum meets tier 3); tier 1
needs every item sufficient, so a base with gaps in its evidence is recommended tier 2 at best. With fewer than
MIN_PLACEMENTS started placements, or no sufficient item, there is no recommendation ("insufficient evidence").
The recommendation informs the decision; the school (or platform authority) decides, with a reason, and the evidence
as it stood is kept beside the decision.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from internships.domain.attendance_summary import AttendanceSummary
from internships.domain.feedback import MIN_ANSWERS, Feedback, figures
from internships.domain.placements import Placement, PlacementStatus
from internships.domain.positions import PracticeBase, Tier
from internships.domain.rates import rate
from internships.domain.reports import core_shares
from praxis_common.errors import FieldError, InvalidInput

MIN_PLACEMENTS = MIN_ANSWERS  # 3: the same floor for placements and for answers
DAYS_PER_MONTH = Decimal("30.44")
STARTED = frozenset({PlacementStatus.ACTIVE, PlacementStatus.COMPLETED, PlacementStatus.TERMINATED})
REASON_MOST = 1000


class Measure(StrEnum):
    CORE_WORK_SHARE = "core_work_share"
    ONSITE_GUIDANCE = "onsite_guidance_per_month"
    ATTENDANCE = "attendance_rate"
    COMPLETION = "completion_rate"
    STUDENT_RATING = "student_rating"
    WOULD_RECOMMEND = "would_recommend_share"


# The minimum value of each item for tier 1 and tier 2; below the tier-2 minimum it meets tier 3.
THRESHOLDS: dict[Measure, dict[Tier, Decimal]] = {
    Measure.CORE_WORK_SHARE: {Tier.FLAGSHIP: Decimal("0.60"), Tier.SCHOOL: Decimal("0.40")},
    Measure.ONSITE_GUIDANCE: {Tier.FLAGSHIP: Decimal("1.00"), Tier.SCHOOL: Decimal("0.50")},
    Measure.ATTENDANCE: {Tier.FLAGSHIP: Decimal("0.95"), Tier.SCHOOL: Decimal("0.85")},
    Measure.COMPLETION: {Tier.FLAGSHIP: Decimal("0.90"), Tier.SCHOOL: Decimal("0.75")},
    Measure.STUDENT_RATING: {Tier.FLAGSHIP: Decimal("4.00"), Tier.SCHOOL: Decimal("3.00")},
    Measure.WOULD_RECOMMEND: {Tier.FLAGSHIP: Decimal("0.80"), Tier.SCHOOL: Decimal("0.60")},
}


@dataclass(frozen=True)
class PlacementRecord:
    """What the evidence needs of one placement at the base."""

    placement: Placement
    approved_hours: Decimal  # approved logbook hours
    approved_core_hours: Decimal
    attendance: AttendanceSummary | None  # None: no attendance recorded for it
    onsite_sessions: int  # on-site guidance sessions (either mentor)


@dataclass(frozen=True)
class EvidenceItem:
    measure: Measure
    value: Decimal | None  # None: insufficient evidence
    rests_on: int  # placements (or survey answers) the value is computed over
    thresholds: dict[Tier, Decimal]
    meets: Tier | None  # the best tier the value meets; None when insufficient
    note: str = ""

    @property
    def sufficient(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Recommendation:
    tier: Tier | None  # None: insufficient evidence
    reason: str
    started_placements: int
    needed: int  # MIN_PLACEMENTS
    items: list[EvidenceItem]


def months_so_far(placement: Placement, *, now: datetime) -> Decimal:
    """Placement-months from the start to the earliest of the end date, the early end and today."""
    if placement.status not in STARTED:
        return Decimal(0)
    ended = placement.ended_at.astimezone(now.tzinfo).date() if placement.ended_at else placement.ends_on
    last = min(placement.ends_on, ended, now.date())
    days = (last - placement.starts_on).days + 1
    return Decimal(max(days, 0)) / DAYS_PER_MONTH


def _item(measure: Measure, value: Decimal | None, rests_on: int, note: str = "") -> EvidenceItem:
    thresholds = THRESHOLDS[measure]
    if value is None or rests_on < MIN_PLACEMENTS:
        what = "answers" if measure in (Measure.STUDENT_RATING, Measure.WOULD_RECOMMEND) else "placements"
        return EvidenceItem(
            measure, None, rests_on, thresholds, None, f"insufficient evidence: needs {MIN_PLACEMENTS} {what}"
        )
    meets = next((t for t in (Tier.FLAGSHIP, Tier.SCHOOL) if value >= thresholds[t]), Tier.BASIC)
    return EvidenceItem(measure, value, rests_on, thresholds, meets, note)


def evidence(records: Sequence[PlacementRecord], answers: Sequence[Feedback], *, now: datetime) -> list[EvidenceItem]:
    started = [r for r in records if r.placement.status in STARTED]
    shares = [r.approved_core_hours / r.approved_hours for r in started if r.approved_hours > 0]
    months = sum((months_so_far(r.placement, now=now) for r in started), Decimal(0))
    sessions = sum(r.onsite_sessions for r in started)
    attended = [r.attendance for r in started if r.attendance is not None and r.attendance.expected_days > 0]
    expected = sum(a.expected_days for a in attended)
    ended = [r for r in started if r.placement.status is not PlacementStatus.ACTIVE]
    completed = sum(r.placement.status is PlacementStatus.COMPLETED for r in ended)
    survey = figures(answers)
    return [
        _item(Measure.CORE_WORK_SHARE, core_shares(shares)[1], len(shares)),
        _item(
            Measure.ONSITE_GUIDANCE,
            rate(sessions, months) if months > 0 else None,
            len(started),
            f"{sessions} on-site session{'' if sessions == 1 else 's'} over {months.quantize(Decimal('0.1'))} "
            "placement-months",
        ),
        _item(
            Measure.ATTENDANCE,
            rate(sum(a.present_days for a in attended), expected),
            len(attended),
        ),
        _item(
            Measure.COMPLETION,
            rate(completed, len(ended)),
            len(ended),
            f"{completed} of {len(ended)} ended placements completed",
        ),
        _item(Measure.STUDENT_RATING, survey.rating_mean, survey.answers),
        _item(Measure.WOULD_RECOMMEND, survey.would_recommend_share, survey.answers),
    ]


def recommend(records: Sequence[PlacementRecord], answers: Sequence[Feedback], *, now: datetime) -> Recommendation:
    """The recommended tier and the evidence it rests on (the rule is in the module's docstring)."""
    items = evidence(records, answers, now=now)
    started = sum(r.placement.status in STARTED for r in records)
    sufficient = [i for i in items if i.sufficient]
    if started < MIN_PLACEMENTS or not sufficient:
        return Recommendation(
            None,
            f"insufficient evidence: needs at least {MIN_PLACEMENTS} started placements at the base "
            f"(has {started}) and one item resting on {MIN_PLACEMENTS} or more",
            started,
            MIN_PLACEMENTS,
            items,
        )
    worst = max(i.meets for i in sufficient)
    if worst is Tier.FLAGSHIP and len(sufficient) < len(items):
        missing = ", ".join(i.measure.value for i in items if not i.sufficient)
        why = f"meets tier 1 where evidenced, but tier 1 needs every item ({missing} missing)"
        return Recommendation(Tier.SCHOOL, why, started, MIN_PLACEMENTS, items)
    below = ", ".join(i.measure.value for i in sufficient if i.meets is worst)
    why = f"tier {int(worst)}: the lowest tier an evidenced item meets ({below})"
    return Recommendation(worst, why, started, MIN_PLACEMENTS, items)


def snapshot(r: Recommendation) -> dict:
    """The recommendation as kept beside a decision (JSON)."""
    return {
        "recommended_tier": int(r.tier) if r.tier else None,
        "reason": r.reason,
        "started_placements": r.started_placements,
        "needed": r.needed,
        "items": [
            {
                "measure": i.measure.value,
                "value": str(i.value) if i.value is not None else None,
                "rests_on": i.rests_on,
                "thresholds": {str(int(t)): str(v) for t, v in i.thresholds.items()},
                "meets": int(i.meets) if i.meets else None,
                "sufficient": i.sufficient,
                "note": i.note,
            }
            for i in r.items
        ],
    }


# ---- decisions


@dataclass(frozen=True)
class TierDecision:
    id: uuid.UUID
    base_id: uuid.UUID
    from_tier: Tier  # the tier in force before
    from_confirmed: bool  # whether it was confirmed (False: the enterprise's proposal)
    to_tier: Tier
    reason: str
    decided_by: str
    decided_by_org: str
    decided_by_kind: str  # school | platform
    decided_at: datetime
    recommended_tier: Tier | None
    evidence: dict  # snapshot(recommendation) when decided


@dataclass(frozen=True)
class TierConfirmed:
    base: PracticeBase
    decision: TierDecision


def confirm(
    base: PracticeBase,
    tier: int,
    reason: str,
    recommendation: Recommendation,
    *,
    by: str,
    org: str,
    kind: str,
    now: datetime,
) -> TierDecision:
    """Set the base's confirmed tier (who may is the handler's: the school of its agreement or a platform
    authority), with the reason and the evidence as it stands; the base records TierConfirmed."""
    problems = []
    if tier not in {t.value for t in Tier}:
        problems.append(FieldError("tier", "must be 1 (flagship/regional), 2 (school-level) or 3 (basic)"))
    if not reason.strip():
        problems.append(FieldError("reason", "say why this tier"))
    if problems:
        raise InvalidInput("the tier cannot be confirmed", errors=problems)
    decision = TierDecision(
        id=uuid.uuid4(),
        base_id=base.id,
        from_tier=base.tier,
        from_confirmed=base.tier_confirmed,
        to_tier=Tier(tier),
        reason=reason.strip(),
        decided_by=by,
        decided_by_org=org,
        decided_by_kind=kind,
        decided_at=now,
        recommended_tier=recommendation.tier,
        evidence=snapshot(recommendation),
    )
    base.tier, base.tier_confirmed_at, base.tier_confirmed_by = Tier(tier), now, by
    base.events.append(TierConfirmed(base, decision))
    return decision
