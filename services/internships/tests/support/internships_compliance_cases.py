"""What the compliance tests share: the policies, a compliant booking and start to vary one figure of, a logbook
week, and the violation a call raises."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from internships.domain.compliance import CompliancePolicy, ComplianceViolation, WorkDay, check_booking, check_start

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
    args = dict(
        missing_signatures=(),
        insurance_periods=[(START, START + timedelta(days=90))],
        term=(START, START + timedelta(days=90)),
        student_birth_date=ADULT,
        guardian_consent_recorded=False,
        on=START,
    )
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
