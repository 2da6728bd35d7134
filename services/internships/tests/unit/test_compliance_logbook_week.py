"""The compliance checks of a logbook week, without I/O: hours a day and a week, weekly rest and night work, each
broken once and met exactly at its boundary; nonsense entries are plain invalid input."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from internships_compliance_cases import CN, MONDAY, fields, violation, week

from internships.domain.compliance import ComplianceViolation, WorkDay, check_logbook_week
from praxis_common.errors import InvalidInput

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


def test_a_week_can_break_several_rules_at_once():
    entries = week("9", "9", "9", "9", "9", "9", "9", start_at=time(14), end_at=time(23, 30))
    v = violation(check_logbook_week, CN, entries=entries)
    assert v.rules == ("hours-per-day", "hours-per-week", "weekly-rest", "night-work")
    assert len(v.errors) == 7 + 1 + 1 + 7
