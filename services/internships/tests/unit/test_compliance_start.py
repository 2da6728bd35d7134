"""The compliance checks of a placement's start, without I/O: minimum age and the consents, each broken once and met
exactly at its boundary."""

from __future__ import annotations

from datetime import date

from internships_compliance_cases import book, fields, start, violation

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


# ----------------------------------------------------------------------------------------------------- consents


def test_a_start_without_every_signature_of_the_agreement_breaks_student_consent():
    v = violation(start, missing_signatures=("enterprise", "student"))
    assert v.rule == "student-consent" and fields(v) == ["document.signatures"]
    assert "tripartite" in v.errors[0].message and "enterprise, student" in v.errors[0].message


def test_a_minor_needs_the_guardians_consent():
    seventeen = date(2008, 9, 2)  # 18 the day after START
    v = violation(start, student_birth_date=seventeen, guardian_consent_recorded=False)
    assert v.rule == "guardian-consent" and fields(v) == ["guardian_consent_recorded"]
    assert "17" in v.errors[0].message and "18" in v.errors[0].message
    start(student_birth_date=seventeen, guardian_consent_recorded=True)


def test_an_adult_of_exactly_eighteen_needs_no_guardian():
    assert start(student_birth_date=date(2008, 9, 1), guardian_consent_recorded=False)


def test_a_start_can_break_both_consents():
    v = violation(start, missing_signatures=("school",), student_birth_date=date(2009, 1, 1))
    assert v.rules == ("student-consent", "guardian-consent")
