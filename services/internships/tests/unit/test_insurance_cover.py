"""Insurance without I/O: who may pay (insurance-payer), whether the attached policies cover a placement
(`covers`, insurance-cover), a policy's period, and attaching one policy to many placements all or nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from internships.domain.compliance import (
    INSURANCE_COVER,
    INSURANCE_PAYER,
    CompliancePolicy,
    ComplianceViolation,
    check_insurance_payer,
    check_start,
    first_uncovered_day,
)
from internships.domain.insurance import (
    CoverageType,
    InsurancePolicy,
    Payer,
    PlacementInsured,
    PolicyRecorded,
    covers,
    uncovered_from,
)
from internships.domain.placements import Placement, PlacementStatus
from praxis_common.errors import InvalidInput

CN, NONE = CompliancePolicy.CN_VOCATIONAL_2021, CompliancePolicy.NONE
NOW = datetime(2027, 1, 10, 9, tzinfo=UTC)
TERM = (date(2027, 3, 1), date(2027, 6, 30))


def policy(starts_on: date, ends_on: date, *, kind=CoverageType.INTERNSHIP_LIABILITY, payer=Payer.SCHOOL, rules=CN):
    return InsurancePolicy.record(
        owner_org="s1",
        owner_kind="school",
        insurer="PICC",
        policy_number=f"P-{uuid.uuid4().hex[:6]}",
        coverage_type=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        payer=payer,
        policy=rules,
        by="coord",
        now=NOW,
    )


def placement(status=PlacementStatus.CONFIRMED, starts_on=TERM[0], ends_on=TERM[1]) -> Placement:
    return Placement(
        id=uuid.uuid4(),
        position_id=uuid.uuid4(),
        agreement_id=uuid.uuid4(),
        school_org="s1",
        enterprise_org="e1",
        student_ref="stu-1",
        profile={},
        starts_on=starts_on,
        ends_on=ends_on,
        requested_at=NOW,
        hold_expires_at=NOW,
        status=status,
    )


# ------------------------------------------------------------------------------------------------- who pays


def test_the_student_never_pays_under_the_default_policy_and_the_refusal_names_the_payer():
    with pytest.raises(ComplianceViolation) as err:
        policy(*TERM, payer=Payer.STUDENT)
    assert err.value.rule == INSURANCE_PAYER
    assert [e.field for e in err.value.errors] == ["payer"]


def test_the_school_or_the_enterprise_pays_and_policy_none_lets_the_student_pay():
    assert policy(*TERM, payer=Payer.ENTERPRISE).payer is Payer.ENTERPRISE
    assert policy(*TERM, payer=Payer.STUDENT, rules=NONE).payer is Payer.STUDENT
    check_insurance_payer(CN.with_overrides(insurance_payers=None), payer="student")


def test_a_policy_that_ends_before_it_starts_is_invalid_input_naming_ends_on():
    with pytest.raises(InvalidInput) as err:
        policy(TERM[1], TERM[0])
    assert not isinstance(err.value, ComplianceViolation)
    assert [e.field for e in err.value.errors] == ["ends_on"]


def test_a_one_day_policy_is_a_period_and_recording_is_an_event():
    p = policy(TERM[0], TERM[0])
    assert [type(e) for e in p.pull_events()] == [PolicyRecorded]


def test_insurance_payers_accepts_only_known_payers():
    with pytest.raises(ValueError):
        CN.with_overrides(insurance_payers=("school", "parents"))


# ----------------------------------------------------------------------------------------------------- cover


def test_one_policy_over_the_whole_term_covers_it_exactly_at_both_ends():
    assert covers([policy(*TERM)], *TERM)
    assert not covers([policy(TERM[0], TERM[1] - timedelta(days=1))], *TERM)
    assert not covers([policy(TERM[0] + timedelta(days=1), TERM[1])], *TERM)


def test_the_union_of_adjacent_or_overlapping_policies_covers_and_a_one_day_gap_does_not():
    first = policy(date(2027, 1, 1), date(2027, 4, 30))
    adjacent = policy(date(2027, 5, 1), date(2027, 12, 31))
    overlapping = policy(date(2027, 4, 1), date(2027, 12, 31))
    assert covers([adjacent, first], *TERM)  # any order
    assert covers([first, overlapping], *TERM)
    gapped = policy(date(2027, 5, 2), date(2027, 12, 31))
    assert not covers([first, gapped], *TERM)
    assert uncovered_from([first, gapped], *TERM) == date(2027, 5, 1)


def test_no_policy_covers_nothing_and_cover_ending_early_names_the_first_uncovered_day():
    assert not covers([], *TERM) and uncovered_from([], *TERM) == TERM[0]
    assert uncovered_from([policy(date(2027, 1, 1), date(2027, 5, 31))], *TERM) == date(2027, 6, 1)


def test_only_liability_policies_count_for_cover():
    accident = policy(*TERM, kind=CoverageType.ACCIDENT)
    assert not covers([accident], *TERM)
    assert covers([accident, policy(*TERM)], *TERM)


def test_first_uncovered_day_is_the_union_of_inclusive_periods():
    d = date(2027, 3, 1)
    assert first_uncovered_day([(d, d)], d, d) is None
    assert first_uncovered_day([(d, d + timedelta(2)), (d + timedelta(4), d + timedelta(9))], d, d + timedelta(9)) == (
        d + timedelta(3)
    )
    assert first_uncovered_day([(d - timedelta(99), d - timedelta(1))], d, d + timedelta(1)) == d


def check_insurance(policy, *, periods, starts_on, ends_on) -> None:
    """A start that breaks nothing but, perhaps, the insurance rule: an adult, every signature there."""
    check_start(
        policy,
        missing_signatures=(),
        insurance_periods=periods,
        term=(starts_on, ends_on),
        student_birth_date=date(2000, 1, 1),
        guardian_consent_recorded=False,
        on=starts_on,
    )


def test_check_insurance_is_a_compliance_violation_naming_the_rule_and_policy_none_waives_it():
    with pytest.raises(ComplianceViolation) as err:
        check_insurance(CN, periods=[(TERM[0], date(2027, 5, 31))], starts_on=TERM[0], ends_on=TERM[1])
    assert err.value.rule == INSURANCE_COVER and [e.field for e in err.value.errors] == ["insurance"]
    assert "2027-06-01" in err.value.errors[0].message
    with pytest.raises(ComplianceViolation, match="insurance-cover"):
        check_insurance(CN, periods=[], starts_on=TERM[0], ends_on=TERM[1])
    check_insurance(CN, periods=[TERM], starts_on=TERM[0], ends_on=TERM[1])
    check_insurance(NONE, periods=[], starts_on=TERM[0], ends_on=TERM[1])


# ---------------------------------------------------------------------------------------------------- attach


def test_attaching_to_many_is_all_or_nothing_with_every_refused_item_named_by_index():
    p = policy(date(2027, 1, 1), date(2027, 12, 31))
    p.pull_events()
    ok, ended, outside = placement(), placement(PlacementStatus.WITHDRAWN), placement(starts_on=date(2028, 2, 1))
    outside.ends_on = date(2028, 5, 1)
    with pytest.raises(InvalidInput) as err:
        p.attach(
            [(ok.id, ok), (uuid.uuid4(), None), (ended.id, ended), (outside.id, outside)],
            attached=[],
            by="coord",
            now=NOW,
        )
    assert [e.field for e in err.value.errors] == ["placement_ids.1", "placement_ids.2", "placement_ids.3"]
    assert err.value.errors[0].message == "no such placement"
    assert p.pull_events() == []  # nothing attached, nothing to announce


def test_attaching_skips_what_is_attached_already_and_repeats_in_the_list():
    p = policy(date(2027, 1, 1), date(2027, 12, 31))
    p.pull_events()
    a, b, active = placement(), placement(PlacementStatus.REQUESTED), placement(PlacementStatus.ACTIVE)
    new = p.attach([(a.id, a), (b.id, b), (a.id, a), (active.id, active)], attached=[b.id], by="coord", now=NOW)
    assert new == [a.id, active.id]
    events = p.pull_events()
    assert [type(e) for e in events] == [PlacementInsured, PlacementInsured]
    assert [e.placement.id for e in events] == [a.id, active.id]
