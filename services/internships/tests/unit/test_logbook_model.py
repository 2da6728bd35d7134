"""A logbook week's review as a plain object: nobody reviews a week they filed; HR's review for the mentor is
recorded as such; a refiled week forgets its last review."""

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from internships.domain.compliance import CompliancePolicy
from internships.domain.logbooks import LogbookWeek, LogLine, WeekStatus
from internships.domain.placements import Party, Placement
from internships.domain.positions import DutyKind
from praxis_common.errors import Forbidden

START = date(2030, 3, 4)  # a Monday
NOW = datetime(2030, 3, 9, 18, tzinfo=UTC)


def active() -> Placement:
    p = Placement.request(
        position_id=uuid.uuid4(),
        agreement_id=uuid.uuid4(),
        school_org="school",
        enterprise_org="ent",
        student_ref="stu",
        profile={},
        starts_on=START,
        ends_on=START + timedelta(days=90),
        now=NOW - timedelta(days=20),
        hold=timedelta(hours=72),
    )
    p.apply("confirm", Party.ENTERPRISE, now=NOW - timedelta(days=19))
    p.apply("start", Party.SCHOOL, now=datetime(2030, 3, 4, 8, tzinfo=UTC))
    return p


def filed(placement: Placement, by: str, by_org: str) -> LogbookWeek:
    return LogbookWeek.file(
        placement=placement,
        week_start=START,
        lines=[LogLine(START, "listings", Decimal(6))],
        duties={"listings": DutyKind.CORE},
        policy=CompliancePolicy.CN_VOCATIONAL_2021,
        by=by,
        by_org=by_org,
        now=NOW,
    )


def test_nobody_reviews_a_week_they_filed():
    p = active()
    week = filed(p, "t-wang", "school")
    with pytest.raises(Forbidden, match="filed"):
        week.review(p, approve=True, by="t-wang", by_org="school", now=NOW, comment=None)
    assert week.status is WeekStatus.SUBMITTED
    week.review(p, approve=True, by="t-wang", by_org="ent", now=NOW, comment=None)  # a namesake elsewhere is not them
    assert week.status is WeekStatus.APPROVED


def test_a_week_filed_before_organisations_were_kept_is_refused_to_the_same_subject():
    p = active()
    week = filed(p, "t-wang", "school")
    week.submitted_by_org = None
    with pytest.raises(Forbidden):
        week.review(p, approve=True, by="t-wang", by_org="ent", now=NOW, comment=None)


def test_a_review_on_the_mentors_behalf_is_recorded_and_a_refiled_week_forgets_it():
    p = active()
    week = filed(p, "stu", "school")
    mentor = uuid.uuid4()
    week.review(
        p, approve=False, by="hr-li", by_org="ent", now=NOW, comment="holiday", mentor_id=mentor, on_behalf=True
    )
    assert (week.status, week.reviewed_on_behalf, week.reviewer_mentor_id) == (WeekStatus.RETURNED, True, mentor)
    again = LogbookWeek.file(
        placement=p,
        week_start=START,
        lines=[LogLine(START, "listings", Decimal(5))],
        duties={"listings": DutyKind.CORE},
        policy=CompliancePolicy.CN_VOCATIONAL_2021,
        by="stu",
        by_org="school",
        now=NOW,
        existing=week,
    )
    assert (again.status, again.reviewed_on_behalf, again.reviewer_mentor_id, again.comment) == (
        WeekStatus.SUBMITTED,
        False,
        None,
        None,
    )


def test_filing_and_returning_a_week_become_events_for_reminders():
    from internships.outgoing import integration_event
    from praxis.events.v1 import placements_pb2

    p, mentor = active(), uuid.uuid4()
    week = LogbookWeek.file(
        placement=p,
        week_start=START,
        lines=[LogLine(START, "listings", Decimal(6))],
        duties={"listings": DutyKind.CORE},
        policy=CompliancePolicy.CN_VOCATIONAL_2021,
        by="stu",
        by_org="school",
        now=NOW,
        mentor_id=mentor,
        mentor_account="m-chen",
    )
    [submitted] = [integration_event(e) for e in week.pull_events()]
    assert submitted.topic == "internships.logbook.submitted"
    assert submitted.payload == placements_pb2.LogbookSubmitted(
        placement_id=str(p.id),
        school_org="school",
        enterprise_org="ent",
        student_ref="stu",
        week_start=START.isoformat(),
        submitted_at=NOW.isoformat(),
        submitted_by="stu",
        mentor_id=str(mentor),
        mentor_account="m-chen",
    )
    week.review(p, approve=False, by="m-chen", by_org="ent", now=NOW, comment="hours?", mentor_id=mentor)
    [returned] = [integration_event(e) for e in week.pull_events()]
    assert returned.topic == "internships.logbook.returned"
    assert (returned.payload.week_start, returned.payload.returned_by, returned.payload.mentor_id) == (
        START.isoformat(),
        "m-chen",
        str(mentor),
    )


def test_a_placement_request_carries_when_its_hold_expires():
    from internships.outgoing import integration_event

    p = Placement.request(
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
    )
    [requested] = [integration_event(e) for e in p.pull_events()]
    assert requested.payload.hold_expires_at == (NOW + timedelta(hours=72)).isoformat()
