"""The compliance policy and its checks, without I/O: each rule broken once and met exactly at its boundary."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from internships.domain.compliance import (
    CompliancePolicy,
    ComplianceViolation,
    WorkDay,
    check_booking,
    check_logbook_week,
    check_position,
    check_start,
)
from praxis_common.errors import InvalidInput

CN = CompliancePolicy.CN_VOCATIONAL_2021
NONE = CompliancePolicy.NONE
START = date(2026, 9, 1)
ADULT = date(2006, 3, 15)  # 20 on START
MONDAY = date(2026, 11, 16)  # ISO week 47 of 2026


def book(policy: CompliancePolicy = CN, **overrides) -> bool:
    """True when the booking complies (check_booking raised nothing)."""
    args = dict(
        enterprise_staff=100,
        enterprise_interns_after=5,
        post_staff=20,
        post_interns_after=2,
        monthly_pay=Decimal("4000"),
        probation_monthly_wage=Decimal("4500"),
        student_birth_date=ADULT,
        on=START,
    )
    check_booking(policy, **(args | overrides))
    return True


def start(policy: CompliancePolicy = CN, **overrides) -> bool:
    """True when the start complies (check_start raised nothing)."""
    args = dict(consent_recorded=True, student_birth_date=ADULT, guardian_consent_recorded=False, on=START)
    check_start(policy, **(args | overrides))
    return True


def week(*hours: str, start_at: time | None = None, end_at: time | None = None) -> list[WorkDay]:
    return [WorkDay(MONDAY + timedelta(days=i), Decimal(h), start_at, end_at) for i, h in enumerate(hours)]


def violation(fn, *args, **kwargs) -> ComplianceViolation:
    with pytest.raises(ComplianceViolation) as caught:
        fn(*args, **kwargs)
    return caught.value


def fields(v: ComplianceViolation) -> list[str]:
    return [e.field for e in v.errors]


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


# ------------------------------------------------------------------------------------------ interns per enterprise


def test_more_than_ten_percent_of_the_enterprise_staff_breaks_interns_per_enterprise():
    v = violation(book, enterprise_staff=100, enterprise_interns_after=11)
    assert v.rule == "interns-per-enterprise"
    assert fields(v) == ["enterprise_interns_after"]
    assert "11 interns for 100 staff" in v.errors[0].message and "10%" in v.errors[0].message


def test_exactly_ten_percent_of_the_enterprise_staff_passes():
    assert book(enterprise_staff=100, enterprise_interns_after=10, post_staff=10, post_interns_after=2)


def test_a_fractional_allowance_rounds_down():
    book(enterprise_staff=15, enterprise_interns_after=1, post_staff=5, post_interns_after=1)
    v = violation(book, enterprise_staff=15, enterprise_interns_after=2, post_staff=15, post_interns_after=2)
    assert v.rules == ("interns-per-enterprise",) and "at most 1" in v.errors[0].message


# ------------------------------------------------------------------------------------------------ interns per post


def test_more_than_twenty_percent_of_the_post_staff_breaks_interns_per_post():
    v = violation(book, post_staff=20, post_interns_after=5)
    assert v.rule == "interns-per-post"
    assert fields(v) == ["post_interns_after"]
    assert "5 interns for 20 staff" in v.errors[0].message and "20%" in v.errors[0].message


def test_exactly_twenty_percent_of_the_post_staff_passes():
    assert book(post_staff=20, post_interns_after=4)


# -------------------------------------------------------------------------------------------- undeclared headcounts


def test_undeclared_headcounts_are_refused_while_the_ratio_rules_apply():
    v = violation(book, enterprise_staff=None, post_staff=None)
    assert v.rules == ("headcount-undeclared",)
    assert fields(v) == ["enterprise_staff", "post_staff"]


def test_undeclared_headcounts_are_fine_when_the_ratio_rules_are_off():
    policy = CN.with_overrides(max_interns_share_of_staff=None, max_interns_share_of_post=None)
    assert book(policy, enterprise_staff=None, post_staff=None, enterprise_interns_after=500, post_interns_after=500)


# ---------------------------------------------------------------------------------------------------- minimum pay


def test_pay_under_eighty_percent_of_the_wage_breaks_minimum_pay():
    v = violation(book, monthly_pay=Decimal("3599.99"), probation_monthly_wage=Decimal("4500"))
    assert v.rule == "minimum-pay"
    assert fields(v) == ["monthly_pay"]
    assert "3599.99" in v.errors[0].message and "80%" in v.errors[0].message and "3600.00" in v.errors[0].message


def test_pay_of_exactly_eighty_percent_passes():
    assert book(monthly_pay=Decimal("3600"), probation_monthly_wage=Decimal("4500"))
    assert book(monthly_pay=Decimal("3600.00"), probation_monthly_wage=Decimal("4500.00"))


def test_undeclared_pay_or_wage_is_refused_while_minimum_pay_applies():
    v = violation(book, monthly_pay=None, probation_monthly_wage=None)
    assert v.rules == ("pay-undeclared",)
    assert fields(v) == ["monthly_pay", "probation_monthly_wage"]
    book(CN.with_overrides(min_pay_share_of_wage=None), monthly_pay=None, probation_monthly_wage=None)


# ---------------------------------------------------------------------------------------------------- minimum age


def test_a_student_under_sixteen_at_the_start_breaks_minimum_age_at_booking_and_at_start():
    fifteen = date(2010, 9, 2)  # 16 on 2026-09-02, the day after START
    v = violation(book, student_birth_date=fifteen)
    assert v.rule == "minimum-age" and fields(v) == ["student_birth_date"]
    assert "15" in v.errors[0].message and "16" in v.errors[0].message
    v = violation(start, student_birth_date=fifteen, guardian_consent_recorded=True)
    assert v.rules == ("minimum-age",)


def test_a_student_sixteen_on_the_start_date_passes():
    assert book(student_birth_date=date(2010, 9, 1))
    assert start(student_birth_date=date(2010, 9, 1), guardian_consent_recorded=True)


def test_a_booking_without_a_birth_date_is_not_refused_but_the_start_is():
    book(student_birth_date=None)
    v = violation(start, student_birth_date=None)
    assert v.rule == "age-undeclared" and fields(v) == ["student_birth_date"]


def test_a_leap_day_birthday_counts_from_the_first_of_march():
    born = date(2008, 2, 29)
    start(student_birth_date=born, on=date(2026, 3, 1))  # 18: no guardian needed
    v = violation(start, student_birth_date=born, on=date(2026, 2, 28))
    assert v.rule == "guardian-consent" and "17" in v.errors[0].message


# ------------------------------------------------------------------------------------------------ first-year student


def test_a_first_year_student_breaks_first_year_student_and_the_second_year_passes():
    v = violation(book, study_year=1)
    assert v.rule == "first-year-student" and fields(v) == ["study_year"]
    book(study_year=2)
    book(study_year=None)  # unknown: not checked


# ----------------------------------------------------------------------------------------------------- consents


def test_a_start_without_the_students_signature_breaks_student_consent():
    v = violation(start, consent_recorded=False)
    assert v.rule == "student-consent" and fields(v) == ["consent_recorded"]
    assert "tripartite" in v.errors[0].message


def test_a_minor_needs_the_guardians_consent():
    seventeen = date(2008, 9, 2)  # 18 the day after START
    v = violation(start, student_birth_date=seventeen, guardian_consent_recorded=False)
    assert v.rule == "guardian-consent" and fields(v) == ["guardian_consent_recorded"]
    assert "17" in v.errors[0].message and "18" in v.errors[0].message
    start(student_birth_date=seventeen, guardian_consent_recorded=True)


def test_an_adult_of_exactly_eighteen_needs_no_guardian():
    assert start(student_birth_date=date(2008, 9, 1), guardian_consent_recorded=False)


# ------------------------------------------------------------------------------------------------------- hours


def test_more_than_eight_hours_a_day_breaks_hours_per_day_summed_over_the_days_lines():
    entries = [
        WorkDay(MONDAY, Decimal("5")),
        WorkDay(MONDAY, Decimal("3.5")),
        WorkDay(MONDAY + timedelta(1), Decimal(8)),
    ]
    v = violation(check_logbook_week, CN, entries=entries)
    assert v.rules == ("hours-per-day",)
    assert fields(v) == ["entries[0].hours"]
    assert "8.5 h on 2026-11-16" in v.errors[0].message and "8 h a day" in v.errors[0].message


def test_exactly_eight_hours_a_day_and_forty_a_week_pass():
    check_logbook_week(CN, entries=week("8", "8", "8", "8", "8"))
    check_logbook_week(CN, entries=[WorkDay(MONDAY, Decimal("4.5")), WorkDay(MONDAY, Decimal("3.5"))])


def test_more_than_forty_hours_a_week_breaks_hours_per_week():
    v = violation(check_logbook_week, CN, entries=week("8", "8", "8", "8", "8", "0.5"))
    assert v.rules == ("hours-per-week",)
    assert fields(v) == ["entries"]
    assert "40.5 h" in v.errors[0].message and "40 h a week" in v.errors[0].message


def test_seven_working_days_break_weekly_rest_and_six_pass():
    check_logbook_week(CN, entries=week("6", "6", "6", "6", "6", "6"))
    v = violation(check_logbook_week, CN, entries=week("5", "5", "5", "5", "5", "5", "5"))
    assert v.rules == ("weekly-rest",) and fields(v) == ["entries"]


# --------------------------------------------------------------------------------------------------- night work


@pytest.mark.parametrize(
    ("start_at", "end_at"),
    [
        (time(15), time(22, 30)),  # runs into the night
        (time(5), time(12)),  # starts before 06:00
        (time(23), time(3)),  # crosses midnight
        (time(20), time(4)),  # crosses midnight, long span
    ],
)
def test_a_span_overlapping_22_to_06_breaks_night_work(start_at, end_at):
    v = violation(check_logbook_week, CN, entries=[WorkDay(MONDAY, Decimal(4), start_at, end_at)])
    assert v.rule == "night-work" and fields(v) == ["entries[0]"]
    assert "22:00-06:00" in v.errors[0].message


def test_a_span_touching_the_night_window_passes():
    check_logbook_week(CN, entries=[WorkDay(MONDAY, Decimal(8), time(6), time(14))])
    check_logbook_week(CN, entries=[WorkDay(MONDAY, Decimal(8), time(14), time(22))])


def test_the_night_window_is_configurable_and_may_not_cross_midnight():
    policy = CN.with_overrides(night_starts=time(0), night_ends=time(5))
    check_logbook_week(policy, entries=[WorkDay(MONDAY, Decimal(2), time(21), time(23, 30))])
    v = violation(check_logbook_week, policy, entries=[WorkDay(MONDAY, Decimal(2), time(23), time(1))])
    assert v.rule == "night-work"


# ---------------------------------------------------------------------------------------- nonsense is not a breach


@pytest.mark.parametrize(
    "entries",
    [
        [WorkDay(MONDAY, Decimal(0))],
        [WorkDay(MONDAY, Decimal(-1))],
        [WorkDay(MONDAY, Decimal("24.5"))],
        [WorkDay(MONDAY, Decimal(20)), WorkDay(MONDAY, Decimal(5))],  # 25 h in a day
        [WorkDay(MONDAY, Decimal(4)), WorkDay(MONDAY + timedelta(7), Decimal(4))],  # two ISO weeks
        [WorkDay(date(2026, 11, 22), Decimal(4)), WorkDay(date(2026, 11, 23), Decimal(4))],  # Sunday, then Monday
        [WorkDay(MONDAY, Decimal(4), time(9), None)],  # half a span
        [WorkDay(MONDAY, Decimal(4), time(9), time(9))],  # empty span
        [WorkDay(MONDAY, Decimal(5), time(9), time(13))],  # 5 h in 4
        [WorkDay(MONDAY, 4.0)],  # a float
    ],
)
def test_nonsense_entries_are_plain_invalid_input(entries):
    with pytest.raises(InvalidInput) as caught:
        check_logbook_week(CN, entries=entries)
    assert not isinstance(caught.value, ComplianceViolation)
    assert caught.value.errors


def test_an_empty_week_passes():
    check_logbook_week(CN, entries=[])


@pytest.mark.parametrize(
    "overrides",
    [
        {"enterprise_staff": -1},
        {"enterprise_interns_after": 0},
        {"post_interns_after": 6},  # more than the enterprise's 5
        {"post_staff": 101},  # more than the enterprise's 100
        {"monthly_pay": Decimal(-1)},
        {"student_birth_date": date(2027, 1, 1)},  # born after the start
        {"study_year": 0},
    ],
)
def test_nonsense_booking_figures_are_plain_invalid_input(overrides):
    with pytest.raises(InvalidInput) as caught:
        book(**overrides)
    assert not isinstance(caught.value, ComplianceViolation)


# ---------------------------------------------------------------------------------------------- several at once


def test_every_broken_rule_of_a_check_is_reported_in_one_violation_the_first_as_rule():
    v = violation(
        book,
        enterprise_interns_after=11,
        post_interns_after=5,
        monthly_pay=Decimal(1000),
        student_birth_date=date(2011, 1, 1),
        study_year=1,
    )
    assert v.rule == "interns-per-enterprise"
    assert v.rules == (
        "interns-per-enterprise",
        "interns-per-post",
        "minimum-pay",
        "minimum-age",
        "first-year-student",
    )
    assert fields(v) == [
        "enterprise_interns_after",
        "post_interns_after",
        "monthly_pay",
        "student_birth_date",
        "study_year",
    ]
    assert all(e.message.startswith(f"{rule}: ") for e, rule in zip(v.errors, v.rules, strict=True))


def test_a_week_can_break_several_rules_at_once():
    entries = week("9", "9", "9", "9", "9", "9", "9", start_at=time(14), end_at=time(23, 30))
    v = violation(check_logbook_week, CN, entries=entries)
    assert v.rules == ("hours-per-day", "hours-per-week", "weekly-rest", "night-work")
    assert len(v.errors) == 7 + 1 + 1 + 7


def test_a_start_can_break_both_consents():
    v = violation(start, consent_recorded=False, student_birth_date=date(2009, 1, 1))
    assert v.rules == ("student-consent", "guardian-consent")


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
    start(NONE, consent_recorded=False, student_birth_date=None)
    start(NONE, consent_recorded=False, student_birth_date=date(2012, 1, 1))
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
    start(policy, consent_recorded=False)


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


# ---------------------------------------------------------------------------------------------- a position's own rules


@pytest.mark.parametrize(
    ("figures", "rule"),
    [
        ({"enterprise_staff": 9}, "interns-per-enterprise"),  # not even one intern fits 10% of 9
        ({"post_staff": 4}, "interns-per-post"),  # nor 20% of 4
        ({"enterprise_staff": None}, "headcount-undeclared"),
        ({"post_staff": None}, "headcount-undeclared"),
        ({"monthly_pay": Decimal("3599.99")}, "minimum-pay"),
        ({"monthly_pay": None}, "pay-undeclared"),
        ({"probation_monthly_wage": None}, "pay-undeclared"),
    ],
)
def test_a_position_no_booking_could_take_breaks_the_rule_at_publishing(figures, rule):
    args = dict(
        enterprise_staff=10, post_staff=5, monthly_pay=Decimal("3600"), probation_monthly_wage=Decimal("4500"), on=START
    )
    check_position(CN, **args)  # the limits themselves pass: one intern, exactly 80%
    assert violation(check_position, CN, **(args | figures)).rule == rule
    check_position(NONE, **(args | figures))  # the rules are the policy's
