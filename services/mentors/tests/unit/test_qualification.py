"""The dual-qualified rule, derived from enterprise practice and certificates (never typed in)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from mentors.domain.mentors import (
    Certificate,
    DualQualificationRule,
    Mentor,
    PracticePeriod,
)
from praxis_common.errors import Conflict, InvalidInput

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)
RULE = DualQualificationRule(min_months=6, window_years=5, certificates=frozenset({"Enterprise Practice Instructor"}))


def teacher(kind: str = "school") -> Mentor:
    return Mentor.create(
        org="s1", org_kind=kind, kind=kind, display_name="Chen", expertise=[], languages=[], capacity=3, now=NOW
    )


def period(start: date, end: date, hours: int = 0) -> PracticePeriod:
    return PracticePeriod.record(
        mentor=teacher(), enterprise="Sea", role="ops", from_date=start, to_date=end, hours=hours, today=TODAY, now=NOW
    )


def certificate(name: str, issued_on: date = date(2024, 1, 1), expires_on: date | None = None) -> Certificate:
    return Certificate.record(
        mentor=teacher(), name=name, issuer="x", issued_on=issued_on, expires_on=expires_on, today=TODAY, now=NOW
    )


def test_six_thirty_day_months_in_the_window_qualify_and_one_day_less_does_not():
    start = date(2025, 1, 1)
    enough = RULE.assess([period(start, start + timedelta(days=179))], [], TODAY)  # 180 days
    assert enough.dual_qualified and enough.practice_days == 180 and str(enough.practice_months) == "6.0"
    short = RULE.assess([period(start, start + timedelta(days=178))], [], TODAY)
    assert not short.dual_qualified and short.practice_days == 179


def test_overlapping_periods_count_once():
    a = period(date(2025, 1, 1), date(2025, 3, 31))  # 90 days
    b = period(date(2025, 2, 1), date(2025, 4, 30))  # overlaps; adds April (30 days)
    q = RULE.assess([a, b], [], TODAY)
    assert q.practice_days == 120 and not q.dual_qualified


def test_only_the_part_inside_the_window_counts():
    window_from = RULE.window_start(TODAY)
    assert window_from == date(2021, 11, 22)
    old = period(date(2021, 1, 1), window_from + timedelta(days=9), hours=800)  # only 10 days inside
    q = RULE.assess([old], [], TODAY)
    assert q.practice_days == 10 and not q.dual_qualified
    assert q.practice_hours == 24  # 800 hours over 335 days, 10 of them inside


def test_a_listed_certificate_valid_today_qualifies_on_its_own_whatever_the_spelling():
    q = RULE.assess([], [certificate("  enterprise   practice INSTRUCTOR ")], TODAY)
    assert q.dual_qualified and q.qualifying_certificates == ["  enterprise   practice INSTRUCTOR "]


def test_expired_or_unlisted_certificates_do_not_qualify():
    expired = certificate("Enterprise Practice Instructor", expires_on=date(2025, 12, 31))
    unlisted = certificate("Forklift licence")
    q = RULE.assess([], [expired, unlisted], TODAY)
    assert not q.dual_qualified and q.qualifying_certificates == []


def test_the_rule_is_configurable():
    year = period(date(2025, 1, 1), date(2025, 12, 31))
    assert RULE.assess([year], [], TODAY).dual_qualified
    last_year_only = DualQualificationRule(min_months=6, window_years=1)
    q = last_year_only.assess([year], [], TODAY)
    assert q.practice_days == 40 and not q.dual_qualified  # 2025-11-22 .. 2025-12-31
    assert not DualQualificationRule(min_months=13).assess([year], [], TODAY).dual_qualified


def test_window_from_29_february():
    assert DualQualificationRule(window_years=1).window_start(date(2028, 2, 29)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("start", "end", "hours", "field"),
    [
        (date(2025, 2, 1), date(2025, 1, 1), 10, "to"),
        (TODAY + timedelta(days=1), TODAY + timedelta(days=30), 10, "from"),
        (date(2025, 1, 1), date(2025, 1, 1), 25, "hours"),
        (date(2025, 1, 1), date(2025, 1, 31), -1, "hours"),
    ],
)
def test_bad_periods_name_the_field(start, end, hours, field):
    with pytest.raises(InvalidInput) as raised:
        period(start, end, hours)
    assert field in [e.field for e in raised.value.errors]


def test_enterprise_mentors_carry_no_practice_record():
    with pytest.raises(Conflict):
        PracticePeriod.record(
            mentor=teacher("enterprise"),
            enterprise="Sea",
            role="ops",
            from_date=date(2025, 1, 1),
            to_date=date(2025, 2, 1),
            hours=1,
            today=TODAY,
            now=NOW,
        )
    with pytest.raises(Conflict):
        Certificate.record(
            mentor=teacher("enterprise"), name="x", issuer="", issued_on=TODAY, expires_on=None, today=TODAY, now=NOW
        )


def test_certificates_issued_in_the_future_or_expiring_before_issue_are_refused():
    with pytest.raises(InvalidInput):
        certificate("x", issued_on=TODAY + timedelta(days=1))
    with pytest.raises(InvalidInput):
        certificate("x", issued_on=date(2025, 1, 1), expires_on=date(2024, 1, 1))


def test_ids_are_fresh():
    assert period(date(2025, 1, 1), date(2025, 1, 2)).id != period(date(2025, 1, 1), date(2025, 1, 2)).id
    assert isinstance(period(date(2025, 1, 1), date(2025, 1, 2)).id, uuid.UUID)
