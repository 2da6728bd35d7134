"""The internship course as plain objects: which requirement applies, a placement's progress and status, the hours
milestones (once each), ending short, and amending a placement before its start."""

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from internships.domain.amendments import amend
from internships.domain.course import (
    InternshipType,
    ProgrammeRequirement,
    ProgressStatus,
    applicable,
    ended_short,
    progress,
    record_hours,
)
from internships.domain.placements import IllegalTransition, Party, Placement
from praxis_common.errors import InvalidInput

START = date(2030, 3, 4)
NOW = datetime(2030, 3, 1, 9, tzinfo=UTC)
TERM = (START, START + timedelta(days=120))
AGREEMENT = (START - timedelta(days=30), START + timedelta(days=365))


def placement(**course) -> Placement:
    return Placement.request(
        position_id=uuid.uuid4(),
        agreement_id=uuid.uuid4(),
        school_org="school",
        enterprise_org="ent",
        student_ref="stu",
        profile={},
        starts_on=START,
        ends_on=START + timedelta(days=90),
        now=NOW,
        hold=timedelta(hours=72),
        course=course,
    )


def active(**course) -> Placement:
    p = placement(**course)
    p.apply("confirm", Party.ENTERPRISE, now=NOW)
    p.apply("start", Party.SCHOOL, now=datetime(2030, 3, 4, 8, tzinfo=UTC))
    return p


def requirement(kind=InternshipType.POST_INTERNSHIP, cohort=None, hours="400", weeks=10, reports=12):
    return ProgrammeRequirement.set(
        existing=None,
        school_org="school",
        internship_type=kind,
        cohort=cohort,
        required_hours=Decimal(hours),
        min_weeks=weeks,
        min_weekly_reports=reports,
        by="coordinator",
        now=NOW,
    )


def test_a_booking_without_course_fields_is_a_dispersed_on_site_post_internship():
    p = placement()
    assert (p.internship_type, p.organisation_form, p.internship_mode, p.cohort) == (
        "post_internship",
        "dispersed",
        "on_site",
        None,
    )


def test_the_cohorts_requirement_applies_else_the_types_default_else_none():
    default, cohort_2023 = requirement(hours="400"), requirement(cohort="2023", hours="480")
    other_type = requirement(kind=InternshipType.OBSERVATION, hours="40")
    found = [default, cohort_2023, other_type]
    assert applicable(found, InternshipType.POST_INTERNSHIP, "2023") is cohort_2023
    assert applicable(found, InternshipType.POST_INTERNSHIP, "2024") is default
    assert applicable(found, InternshipType.POST_INTERNSHIP, None) is default
    assert applicable(found, InternshipType.GRADUATION_INTERNSHIP, "2023") is None
    assert applicable([cohort_2023], InternshipType.POST_INTERNSHIP, "2024") is None


def test_progress_counts_hours_and_weeks_against_the_requirement():
    g = progress(active(), requirement(), approved_hours=Decimal("100"), approved_weeks=3, weekly_reports=None)
    assert g.status is ProgressStatus.ON_TRACK
    assert g.hours_percent == Decimal("25.0") and g.weeks_percent == Decimal("30.0")
    assert g.reports_percent is None and g.weekly_reports is None  # not counted yet: neither met nor missed
    assert g.short_of == {"hours": "300.00", "weeks": "7"}


def test_progress_is_reached_when_every_requirement_is_met_and_percentages_stop_at_100():
    g = progress(active(), requirement(), approved_hours=Decimal("450"), approved_weeks=12, weekly_reports=12)
    assert g.status is ProgressStatus.REACHED and g.short_of == {}
    assert g.hours_percent == Decimal("100.0")


def test_known_weekly_reports_below_the_minimum_keep_the_placement_short():
    g = progress(active(), requirement(), approved_hours=Decimal("400"), approved_weeks=10, weekly_reports=5)
    assert g.status is ProgressStatus.ON_TRACK and g.short_of == {"weekly_reports": "7"}


def test_status_follows_the_placement_when_no_requirement_or_not_running():
    assert (
        progress(active(), None, approved_hours=Decimal(0), approved_weeks=0, weekly_reports=None).status
        is ProgressStatus.NO_REQUIREMENT
    )
    assert (
        progress(placement(), requirement(), approved_hours=Decimal(0), approved_weeks=0, weekly_reports=None).status
        is ProgressStatus.NOT_STARTED
    )
    withdrawn = placement()
    withdrawn.apply("withdraw", Party.SCHOOL, now=NOW)
    assert (
        progress(withdrawn, requirement(), approved_hours=Decimal(0), approved_weeks=0, weekly_reports=None).status
        is ProgressStatus.CLOSED
    )


def test_the_hours_milestones_are_passed_once_each():
    p, req = active(), requirement(hours="400")
    assert record_hours(p, req, Decimal("150")) == []
    first = record_hours(p, req, Decimal("200"))
    assert [e.milestone for e in first] == [50] and p.hours_milestone == 50
    assert record_hours(p, req, Decimal("300")) == []
    assert [e.milestone for e in record_hours(p, req, Decimal("400"))] == [100]
    assert record_hours(p, req, Decimal("800")) == [] and p.hours_milestone == 100


def test_one_approval_can_pass_both_milestones_and_no_requirement_passes_none():
    p = active()
    assert [e.milestone for e in record_hours(p, requirement(hours="40"), Decimal("40"))] == [50, 100]
    q = active()
    assert record_hours(q, None, Decimal("1000")) == [] and q.hours_milestone == 0
    assert record_hours(q, requirement(hours="0"), Decimal("10")) == []


def test_a_placement_terminated_below_its_requirement_ended_short_and_says_what_is_missing():
    p, req = active(), requirement(hours="400", weeks=10)
    p.apply("terminate", Party.SCHOOL, now=datetime(2030, 4, 1, tzinfo=UTC), reason="moved away")
    g = progress(p, req, approved_hours=Decimal("120"), approved_weeks=3, weekly_reports=None)
    event = ended_short(p, g)
    assert event is not None and event.progress.short_of == {"hours": "280.00", "weeks": "7"}
    met = progress(p, req, approved_hours=Decimal("400"), approved_weeks=10, weekly_reports=None)
    assert ended_short(p, met) is None
    assert ended_short(active(), g) is None  # still running: not ended


def test_an_amendment_changes_the_dates_and_course_fields_and_says_what_changed():
    p = placement()
    event = amend(
        p,
        {"starts_on": START + timedelta(days=7), "internship_type": "graduation_internship", "cohort": "2023"},
        term=TERM,
        agreement_valid=AGREEMENT,
        by="coordinator",
        by_org="school",
    )
    assert p.starts_on == START + timedelta(days=7) and p.internship_type == "graduation_internship"
    assert event.changes == {
        "starts_on": (START.isoformat(), (START + timedelta(days=7)).isoformat()),
        "internship_type": ("post_internship", "graduation_internship"),
        "cohort": (None, "2023"),
    }


def test_an_amendment_that_changes_nothing_has_no_event():
    p = placement()
    assert amend(p, {"starts_on": START}, term=TERM, agreement_valid=AGREEMENT, by="c", by_org="school") is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": START - timedelta(days=1)}, "ends_on"),  # before the start
        ({"starts_on": START - timedelta(days=1)}, "starts_on"),  # before the position's term
        ({"ends_on": TERM[1] + timedelta(days=1)}, "ends_on"),  # after the position's term
        ({"student_ref": "someone else"}, "student_ref"),
    ],
)
def test_an_amendment_outside_the_rules_is_refused_naming_the_field(changes, field):
    p = placement()
    with pytest.raises(InvalidInput) as refused:
        amend(p, changes, term=TERM, agreement_valid=AGREEMENT, by="c", by_org="school")
    assert field in [e.field for e in refused.value.errors]
    assert p.starts_on == START and p.ends_on == START + timedelta(days=90)


def test_a_start_the_agreement_does_not_cover_is_refused():
    p = placement()
    with pytest.raises(InvalidInput) as refused:
        amend(
            p,
            {"starts_on": START + timedelta(days=20)},
            term=TERM,
            agreement_valid=(AGREEMENT[0], START + timedelta(days=10)),
            by="c",
            by_org="school",
        )
    assert [e.field for e in refused.value.errors] == ["starts_on"]


def test_a_started_placement_is_not_amended():
    p = active()
    with pytest.raises(IllegalTransition):
        amend(p, {"cohort": "2023"}, term=TERM, agreement_valid=AGREEMENT, by="c", by_org="school")
