"""The compliance checks of a booking and of a published position, without I/O: the ratio, pay and first-year rules,
each broken once and met exactly at its boundary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from internships_compliance_cases import CN, NONE, START, book, fields, violation

from internships.domain.compliance import ComplianceViolation, check_position
from praxis_common.errors import InvalidInput

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


# ------------------------------------------------------------------------------------------------ first-year student


def test_a_first_year_student_breaks_first_year_student_and_the_second_year_passes():
    v = violation(book, study_year=1)
    assert v.rule == "first-year-student" and fields(v) == ["study_year"]
    book(study_year=2)
    book(study_year=None)  # unknown: not checked


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
