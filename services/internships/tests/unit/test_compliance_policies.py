"""The compliance policies themselves, without I/O: the violation error, the built-in policies and their overrides."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from internships_compliance_cases import CN, MONDAY, NONE, book, start, violation, week

from internships.domain.compliance import CompliancePolicy, WorkDay, check_logbook_week
from praxis_common.errors import InvalidInput

# ------------------------------------------------------------------------------------------------- the error itself


def test_violation_is_invalid_input_with_its_own_stable_problem_type():
    v = violation(book, enterprise_interns_after=11)
    assert isinstance(v, InvalidInput)
    assert (v.code, v.title) == ("compliance-violation", "Breaks the compliance policy")
    assert v.rule == "interns-per-enterprise"
    assert v.rules == ("interns-per-enterprise",)
    assert "cn-vocational-2021" in v.detail and "interns-per-enterprise" in v.detail
    assert v.extensions["rule"] == "interns-per-enterprise"


def test_a_compliant_booking_start_and_week_pass():
    book()
    start()
    check_logbook_week(CN, entries=week("8", "8", "8", "8", "8", start_at=time(9), end_at=time(18)))


# -------------------------------------------------------------------------------------------------- the policies


def test_policy_none_passes_everything():
    book(
        NONE,
        enterprise_staff=None,
        enterprise_interns_after=50,
        post_staff=None,
        post_interns_after=50,
        monthly_pay=None,
        probation_monthly_wage=None,
        student_birth_date=date(2012, 1, 1),
        study_year=1,
    )
    start(NONE, missing_signatures=("student",), student_birth_date=None)
    start(NONE, missing_signatures=("student",), student_birth_date=date(2012, 1, 1))
    check_logbook_week(NONE, entries=week("12", "12", "12", "12", "12", "12", "12", start_at=time(20), end_at=time(8)))


def test_policies_are_found_by_name():
    assert CompliancePolicy.named("cn-vocational-2021") is CN
    assert CompliancePolicy.named("CN_VOCATIONAL_2021") is CN
    assert CompliancePolicy.named(" none ") is NONE


def test_an_unknown_policy_name_raises():
    with pytest.raises(ValueError, match="unknown compliance policy"):
        CompliancePolicy.named("eu-2024")


def test_overrides_change_a_threshold_and_mark_the_name():
    policy = CN.with_overrides(max_hours_per_week=44, max_interns_share_of_staff="0.15")
    assert policy.max_hours_per_week == Decimal(44) and isinstance(policy.max_hours_per_week, Decimal)
    assert policy.name == "cn-vocational-2021+custom"
    assert CN.max_hours_per_week == Decimal(40)  # the built-in is untouched
    check_logbook_week(policy, entries=week("8", "8", "8", "8", "8", "4"))
    book(policy, enterprise_interns_after=15, post_interns_after=4)
    v = violation(check_logbook_week, policy, entries=week("8", "8", "8", "8", "8", "4.5"))
    assert v.rule == "hours-per-week" and v.policy == "cn-vocational-2021+custom"
    assert CN.with_overrides(name="shenzhen").name == "shenzhen"


def test_overrides_switch_a_rule_off():
    policy = CN.with_overrides(night_work_forbidden=False, student_consent_required=False)
    check_logbook_week(policy, entries=[WorkDay(MONDAY, Decimal(4), time(23), time(3))])
    start(policy, missing_signatures=("student",))


@pytest.mark.parametrize(
    "overrides",
    [
        {"no_such_rule": 1},
        {"max_hours_per_day": 8.5},  # floats are refused
        {"max_hours_per_day": 25},
        {"max_interns_share_of_staff": 10},  # a share, not a percentage
        {"minimum_age": -1},
        {"night_starts": time(6), "night_ends": time(6)},
        {"name": ""},
    ],
)
def test_bad_overrides_raise_value_error(overrides):
    with pytest.raises(ValueError):
        CN.with_overrides(**overrides)
