"""The feedback survey and the base tier rule without I/O: when the survey opens, what the enterprise may see of the
answers (nothing under 3), the evidence items with their thresholds and the placements they rest on, the
recommended tier (insufficient evidence, tier 1 only with every item evidenced, the lowest tier an item meets), and
a confirmation's decision with the evidence kept beside it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from internships.domain.attendance_summary import AttendanceSummary
from internships.domain.base_tiers import (
    MIN_PLACEMENTS,
    Measure,
    PlacementRecord,
    TierConfirmed,
    confirm,
    months_so_far,
    recommend,
)
from internships.domain.feedback import (
    MIN_ANSWERS,
    Answers,
    Feedback,
    FeedbackGiven,
    FeedbackNotOpen,
    figures,
)
from internships.domain.placements import Placement, PlacementStatus
from internships.domain.positions import PracticeBase, Tier
from praxis_common.errors import InvalidInput

START, END = date(2027, 3, 1), date(2027, 6, 28)
NOW = datetime(2027, 7, 10, 9, tzinfo=UTC)
BASE = uuid.uuid4()


def placement(status=PlacementStatus.COMPLETED, *, ended: datetime | None = None) -> Placement:
    return Placement(
        id=uuid.uuid4(),
        position_id=uuid.uuid4(),
        agreement_id=uuid.uuid4(),
        school_org="s1",
        enterprise_org="e1",
        student_ref=f"stu-{uuid.uuid4().hex[:6]}",
        profile={},
        starts_on=START,
        ends_on=END,
        requested_at=NOW,
        hold_expires_at=NOW,
        status=status,
        ended_at=ended or (datetime(2027, 6, 28, 17, tzinfo=UTC) if status is not PlacementStatus.ACTIVE else None),
    )


def answers(work=4, guidance=4, recommend_=True, offer=False, comment=None) -> Answers:
    return Answers(work, guidance, recommend_, offer, comment)


def feedback(p: Placement | None = None, **kw) -> Feedback:
    return Feedback.give(p or placement(), BASE, answers(**kw), by="stu", now=NOW)


def attendance(present: int, expected: int) -> AttendanceSummary:
    return AttendanceSummary(expected, present, expected - present, 0, 0, 0, 4, Decimal(present) / expected)


def record(p: Placement, *, hours="400", core="300", present=80, expected=80, onsite=4) -> PlacementRecord:
    return PlacementRecord(
        p, Decimal(hours), Decimal(core), attendance(present, expected) if expected else None, onsite
    )


def item(rec, measure: Measure):
    return next(i for i in rec.items if i.measure is measure)


# ------------------------------------------------------------------------------------------------ the survey


@pytest.mark.parametrize(
    ("status", "today", "open_"),
    [
        (PlacementStatus.ACTIVE, END - timedelta(days=8), False),  # more than a week before the end
        (PlacementStatus.ACTIVE, END - timedelta(days=7), True),  # a week before: opens
        (PlacementStatus.ACTIVE, END + timedelta(days=3), True),
        (PlacementStatus.COMPLETED, START, True),  # completed (even early): open
        (PlacementStatus.TERMINATED, START + timedelta(days=10), True),
        (PlacementStatus.CONFIRMED, END, False),  # never started
        (PlacementStatus.WITHDRAWN, END, False),
        (PlacementStatus.REQUESTED, END, False),
    ],
)
def test_the_survey_opens_a_week_before_the_end_or_once_the_placement_ended(status, today, open_):
    p = placement(status)
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    if open_:
        f = Feedback.give(p, BASE, answers(), by=p.student_ref, now=now)
        assert f.given_at == now and isinstance(f.pull_events()[0], FeedbackGiven)
    else:
        with pytest.raises(FeedbackNotOpen) as refused:
            Feedback.give(p, BASE, answers(), by=p.student_ref, now=now)
        assert refused.value.code == "feedback-not-open"


def test_the_answers_are_kept_with_the_placements_parties_and_a_blank_comment_is_none():
    p = placement()
    f = Feedback.give(p, BASE, answers(work=5, guidance=2, comment="   "), by=p.student_ref, now=NOW)
    assert (f.placement_id, f.base_id, f.student_ref, f.enterprise_org) == (p.id, BASE, p.student_ref, "e1")
    assert (f.work_match, f.guidance_quality, f.comment) == (5, 2, None)


def test_the_enterprise_sees_no_figure_under_three_answers_and_means_and_shares_from_three():
    two = [feedback(work=5, guidance=5), feedback(work=1, guidance=1, recommend_=False)]
    withheld = figures(two)
    assert MIN_ANSWERS == 3 and not withheld.shown and withheld.answers == 2
    assert (withheld.rating_mean, withheld.would_recommend_share, withheld.return_offer_share) == (None, None, None)
    shown = figures([*two, feedback(work=3, guidance=4, offer=True)])
    assert shown.shown and shown.work_match_mean == Decimal("3.00") and shown.guidance_quality_mean == Decimal("3.33")
    assert shown.rating_mean == Decimal("3.17")  # (5+5+1+1+3+4) / 6
    assert (shown.would_recommend_share, shown.return_offer_share) == (Decimal("0.6667"), Decimal("0.3333"))


# -------------------------------------------------------------------------------------------- the evidence


def test_placement_months_run_to_the_earliest_of_the_end_the_early_end_and_today():
    assert months_so_far(placement(), now=NOW) == Decimal(120) / Decimal("30.44")  # 1 March .. 28 June
    early = placement(PlacementStatus.TERMINATED, ended=datetime(2027, 3, 30, 12, tzinfo=UTC))
    assert months_so_far(early, now=NOW) == Decimal(30) / Decimal("30.44")
    running = placement(PlacementStatus.ACTIVE)
    assert months_so_far(running, now=datetime(2027, 3, 10, tzinfo=UTC)) == Decimal(10) / Decimal("30.44")
    assert months_so_far(placement(PlacementStatus.CONFIRMED), now=NOW) == 0


def test_with_fewer_than_three_started_placements_there_is_no_recommendation_and_it_says_how_many_are_needed():
    rec = recommend([record(placement()), record(placement())], [], now=NOW)
    assert rec.tier is None and rec.needed == MIN_PLACEMENTS == 3 and rec.started_placements == 2
    assert "insufficient evidence" in rec.reason and "3" in rec.reason
    core = item(rec, Measure.CORE_WORK_SHARE)
    assert core.value is None and core.rests_on == 2 and not core.sufficient and "needs 3" in core.note


def test_a_base_meeting_every_tier_1_threshold_with_every_item_evidenced_is_recommended_tier_1():
    ps = [placement() for _ in range(4)]
    rec = recommend([record(p) for p in ps], [feedback(p, work=5, guidance=4) for p in ps], now=NOW)
    assert rec.tier is Tier.FLAGSHIP, rec.reason
    assert item(rec, Measure.CORE_WORK_SHARE).value == Decimal("0.7500")
    assert item(rec, Measure.COMPLETION).value == Decimal("1.0000") and item(rec, Measure.COMPLETION).rests_on == 4
    guidance = item(rec, Measure.ONSITE_GUIDANCE)  # 16 sessions over 4 × 120 days
    assert guidance.value == (Decimal(16) / (Decimal(480) / Decimal("30.44"))).quantize(Decimal("0.0001"))
    assert guidance.thresholds == {Tier.FLAGSHIP: Decimal("1.00"), Tier.SCHOOL: Decimal("0.50")}
    assert item(rec, Measure.STUDENT_RATING).value == Decimal("4.50")
    assert all(i.meets is Tier.FLAGSHIP for i in rec.items)


def test_tier_1_needs_every_item_evidenced_so_missing_answers_cap_it_at_tier_2():
    rec = recommend([record(placement()) for _ in range(3)], [feedback(), feedback()], now=NOW)
    assert rec.tier is Tier.SCHOOL and "student_rating" in rec.reason
    assert item(rec, Measure.STUDENT_RATING).rests_on == 2 and not item(rec, Measure.STUDENT_RATING).sufficient


def test_the_lowest_tier_an_item_meets_is_the_recommendation():
    # odd jobs: a fifth of the hours are core work (below tier 2's 0.40), everything else is flagship-grade
    ps = [placement() for _ in range(3)]
    rec = recommend([record(p, core="80") for p in ps], [feedback(p, work=5, guidance=5) for p in ps], now=NOW)
    assert rec.tier is Tier.BASIC and "core_work_share" in rec.reason
    assert item(rec, Measure.CORE_WORK_SHARE).meets is Tier.BASIC


def test_completion_counts_terminated_placements_and_active_ones_are_not_ended_yet():
    ended = [placement(), placement(), placement(PlacementStatus.TERMINATED), placement(PlacementStatus.TERMINATED)]
    rec = recommend([record(p) for p in [*ended, placement(PlacementStatus.ACTIVE)]], [], now=NOW)
    completion = item(rec, Measure.COMPLETION)
    assert (completion.value, completion.rests_on, completion.meets) == (Decimal("0.5000"), 4, Tier.BASIC)
    assert rec.started_placements == 5 and rec.tier is Tier.BASIC


def test_placements_without_attendance_records_or_approved_hours_do_not_count_for_those_items():
    rec = recommend(
        [record(placement(), hours="0", core="0", expected=0) for _ in range(3)] + [record(placement())], [], now=NOW
    )
    assert item(rec, Measure.ATTENDANCE).rests_on == 1 and item(rec, Measure.ATTENDANCE).value is None
    assert item(rec, Measure.CORE_WORK_SHARE).rests_on == 1
    attended = recommend([record(placement(), present=76, expected=80) for _ in range(3)], [], now=NOW)
    assert item(attended, Measure.ATTENDANCE).value == Decimal("0.9500")  # exactly tier 1's minimum meets it
    assert item(attended, Measure.ATTENDANCE).meets is Tier.FLAGSHIP


# -------------------------------------------------------------------------------------------- a decision


def base() -> PracticeBase:
    return PracticeBase.create(
        agreement_id=uuid.uuid4(),
        school_org="s1",
        enterprise_org="e1",
        name="Hub",
        tier=1,
        country="CN",
        city="Yiwu",
        capacity=10,
        now=NOW,
    )


def test_a_new_base_has_the_enterprises_proposal_in_force_unconfirmed():
    b = base()
    assert (b.tier, b.proposed_tier, b.tier_confirmed) == (Tier.FLAGSHIP, Tier.FLAGSHIP, False)


def test_confirming_sets_the_tier_in_force_and_keeps_the_decision_with_its_evidence():
    b = base()
    b.pull_events()
    rec = recommend([record(placement()) for _ in range(3)], [], now=NOW)
    decision = confirm(
        b, 2, "  school-level until the guidance improves ", rec, by="adm", org="s1", kind="school", now=NOW
    )
    assert (b.tier, b.proposed_tier, b.tier_confirmed, b.tier_confirmed_by) == (Tier.SCHOOL, Tier.FLAGSHIP, True, "adm")
    assert (decision.from_tier, decision.from_confirmed, decision.to_tier) == (Tier.FLAGSHIP, False, Tier.SCHOOL)
    assert decision.reason == "school-level until the guidance improves"
    assert decision.recommended_tier is rec.tier and decision.evidence["recommended_tier"] == int(rec.tier)
    assert {i["measure"] for i in decision.evidence["items"]} == {m.value for m in Measure}
    [event] = b.pull_events()
    assert isinstance(event, TierConfirmed) and event.decision is decision
    again = confirm(b, 3, "downgraded", rec, by="ops", org="platform", kind="platform", now=NOW)
    assert (again.from_tier, again.from_confirmed, again.to_tier) == (Tier.SCHOOL, True, Tier.BASIC)


@pytest.mark.parametrize(("tier", "reason", "field"), [(4, "why", "tier"), (0, "why", "tier"), (2, "  ", "reason")])
def test_a_tier_outside_1_to_3_or_no_reason_is_refused_naming_the_field(tier, reason, field):
    b = base()
    rec = recommend([], [], now=NOW)
    with pytest.raises(InvalidInput) as refused:
        confirm(b, tier, reason, rec, by="adm", org="s1", kind="school", now=NOW)
    assert [e.field for e in refused.value.errors] == [field] and b.tier is Tier.FLAGSHIP and not b.tier_confirmed
