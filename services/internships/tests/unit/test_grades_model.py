"""A placement's grade as plain objects: the grade at completion from a scorecard built with the evaluation engine
(the band, the pass mark's edge, the credits of a pass), the defaults without a requirement, custom scales, and the
amendment rules (a total recomputes, a grade stands, a reason is required, the terms at completion are kept)."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from internships.domain.course import InternshipType, ProgrammeRequirement
from internships.domain.grades import amend, at_completion
from praxis_common.errors import InvalidInput
from praxis_evaluation import Band, Missing, combine, part

NOW = datetime(2030, 7, 1, 9, tzinfo=UTC)
PID = uuid.uuid4()


def requirement(**grading) -> ProgrammeRequirement:
    return ProgrammeRequirement.set(
        existing=None,
        school_org="s",
        internship_type=InternshipType.POST_INTERNSHIP,
        cohort=None,
        required_hours=Decimal(480),
        min_weeks=12,
        min_weekly_reports=0,
        by="adm",
        now=NOW,
        **grading,
    )


def card(school: str | None, enterprise: str | None, **kwargs):
    """Half school mentor, half enterprise mentor (None: that part is missing)."""
    return combine(
        "stu-1",
        [
            part("school_mentor", Decimal("0.5"), None if school is None else Decimal(school), missing="no score"),
            part("enterprise_mentor", Decimal("0.5"), None if enterprise is None else Decimal(enterprise)),
        ],
        pass_mark=Decimal(60),
        **kwargs,
    )


def graded(c, req):
    return at_completion(c, req, placement_id=PID, now=NOW)


@pytest.mark.parametrize(
    ("school", "enterprise", "grade", "passed"),
    [
        ("95", "85", "优", True),  # 90.00: the band's lowest total
        ("90", "89.98", "良", True),  # 89.99
        ("60", "60", "及格", True),  # exactly the pass mark passes
        ("60", "59.98", "不及格", False),  # 59.99
        ("0", "0", "不及格", False),
    ],
)
def test_the_total_falls_in_a_band_and_passes_from_the_pass_mark(school, enterprise, grade, passed):
    g = graded(card(school, enterprise), requirement(credits=Decimal(4)))
    assert (g.grade, g.passed, g.revision, g.graded_by) == (grade, passed, 1, "system")
    assert g.credits == (Decimal("4.00") if passed else Decimal(0))
    assert g.credits_of_pass == Decimal("4.00") and g.pass_mark == Decimal("60.00")


def test_the_pass_mark_and_the_letter_scale_are_the_programmes():
    g = graded(card("75", "75"), requirement(pass_mark=Decimal(80), grade_scale="letter", credits=Decimal(2)))
    assert (g.total, g.grade, g.passed, g.credits) == (Decimal("75.00"), "C", False, Decimal(0))


def test_a_custom_scale_is_checked_and_used():
    bands = (Band("Distinction", Decimal(85)), Band("Pass", Decimal(50)), Band("Fail", Decimal(0)))
    g = graded(card("90", "80"), requirement(grade_scale="custom", grade_bands=bands, pass_mark=Decimal(50)))
    assert (g.grade, g.passed) == ("Distinction", True)
    with pytest.raises(InvalidInput) as bad:
        requirement(grade_scale="custom", grade_bands=(Band("A", Decimal(50)), Band("B", Decimal(60))))
    assert [e.field for e in bad.value.errors] == ["grade_bands"]
    with pytest.raises(InvalidInput):
        requirement(grade_scale="custom")  # no bands
    with pytest.raises(InvalidInput):
        requirement(grade_scale="five_level", grade_bands=bands)  # bands only with custom


def test_without_a_requirement_the_defaults_grade_and_no_credit_is_earned():
    g = graded(card("70", "70"), None)
    assert (g.grade, g.passed, g.pass_mark, g.credits, g.grade_scale) == ("中", True, Decimal(60), 0, "five_level")


def test_missing_parts_count_zero_and_are_listed():
    g = graded(card(None, "80", also_missing=[Missing("baseline", "none recorded")]), requirement(credits=Decimal(3)))
    assert (g.total, g.passed, g.complete) == (Decimal("40.00"), False, False)
    assert g.missing == ("school_mentor: no score", "baseline: none recorded")


def test_an_empty_card_is_total_zero_and_fails():
    g = graded(combine("stu-1", [], pass_mark=Decimal(60)), requirement(credits=Decimal(4)))
    assert (g.total, g.grade, g.passed, g.credits) == (Decimal(0), "不及格", False, Decimal(0))


def test_an_amended_total_recomputes_grade_passed_and_credits():
    first = graded(card("50", "50"), requirement(credits=Decimal(4)))
    second = amend(first, total=Decimal("82.5"), grade=None, reason="final score arrived", by="adm", now=NOW)
    assert (second.revision, second.total, second.grade, second.passed, second.credits) == (
        2,
        Decimal("82.50"),
        "良",
        True,
        Decimal("4.00"),
    )
    assert (second.graded_by, second.reason) == ("adm", "final score arrived")
    third = amend(second, total=Decimal(10), grade=None, reason="misconduct", by="adm", now=NOW)
    assert (third.revision, third.passed, third.credits, third.grade) == (3, False, Decimal(0), "不及格")


def test_an_amended_grade_stands_and_passes_by_its_band():
    first = graded(card("40", "40"), requirement(credits=Decimal(4), pass_mark=Decimal(65)))
    passed = amend(first, total=None, grade="中", reason="make-up exam", by="adm", now=NOW)
    assert (passed.grade, passed.total, passed.passed, passed.credits) == ("中", Decimal("40.00"), True, Decimal(4))
    # 及格 starts at 60, below this programme's pass mark of 65: it does not pass.
    low = amend(first, total=Decimal(62), grade="及格", reason="re-marked", by="adm", now=NOW)
    assert (low.grade, low.total, low.passed, low.credits) == ("及格", Decimal("62.00"), False, Decimal(0))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"total": None, "grade": None, "reason": "why"}, "total"),
        ({"total": Decimal(80), "grade": None, "reason": "  "}, "reason"),
        ({"total": None, "grade": "A", "reason": "why"}, "grade"),  # not on the five-level scale
        ({"total": Decimal("100.01"), "grade": None, "reason": "why"}, "total"),
        ({"total": Decimal("-1"), "grade": None, "reason": "why"}, "total"),
    ],
)
def test_a_bad_amendment_names_its_field(changes, field):
    first = graded(card("70", "70"), requirement())
    with pytest.raises(InvalidInput) as bad:
        amend(first, by="adm", now=NOW, **changes)
    assert field in [e.field for e in bad.value.errors]


def test_an_amendment_keeps_the_terms_the_placement_was_graded_on():
    first = graded(card("70", "70"), requirement(credits=Decimal(4), grade_scale="letter"))
    second = amend(first, total=Decimal(95), grade=None, reason="r", by="adm", now=NOW)
    assert (second.grade_scale, second.bands, second.credits_of_pass, second.pass_mark) == (
        "letter",
        first.bands,
        first.credits_of_pass,
        first.pass_mark,
    )
    assert second.grade == "A"
