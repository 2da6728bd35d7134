"""Weekly report use cases on a real, migrated PostgreSQL, with the placement's school mentor arriving in the read
model from mentors' events: only the assigned teacher (by the account the event carries) reviews, a reassignment
moves the right, each change writes its event in the same transaction, and the counts the progress view reads."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from google.protobuf import json_format
from internships_course_start import ready_to_start
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.consumers.mentoring import apply_mentors_event
from internships.domain import commands
from internships.domain.course import InternshipType
from internships.domain.positions import Duty, DutyKind
from internships.domain.weekly_reports import PlacementNotReporting, ReportAccepted, ReportKind
from internships.handlers.course import SetRequirement, set_requirement
from internships.handlers.placements import BookPlacement, book_placement, change_placement
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from internships.handlers.report_reviews import report_shortfalls, review_queue, review_rates
from internships.handlers.weekly_reports import FileReport, ReviewReport, file_report, review_report
from internships.main import MIGRATIONS
from praxis.events.v1 import mentors_pb2
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 4)  # a Monday
_worlds = itertools.count(1)


def at(day: date, hour: int = 8):
    return lambda: datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_weekly_reports", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


def person(org: str, kind: str, role: str, sub: str) -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset({role}))


class World:
    """A school and an enterprise with an active agreement and a position (duty `listings`); placements started on
    START; school mentors assigned through mentors' events."""

    def __init__(self, uow) -> None:
        n = next(_worlds)
        self.uow = uow
        self.school, self.enterprise = f"wrs{n}", f"wre{n}"
        self.admin = person(self.school, "school", "admin", "adm")
        self.hr = person(self.enterprise, "enterprise", "hr", "hr")

    async def setup(self) -> None:
        early = at(START - timedelta(days=30))
        await register(self.uow, (self.school, "school"), (self.enterprise, "enterprise"))
        a = await handlers.draft_agreement(
            commands.DraftAgreement(
                self.school, self.enterprise, "", START - timedelta(days=30), START.replace(2031), 9
            ),
            self.admin,
            uow=self.uow,
            clock=early,
        )
        for who in (self.admin, self.hr):
            await handlers.sign_agreement(commands.SignAgreement(a.id), who, uow=self.uow, clock=early)
        base = await create_base(
            CreateBase(a.id, "Hub", 1, "CN", "Shenzhen", capacity=100, staff=10_000), self.hr, uow=self.uow, clock=early
        )
        p = await create_position(
            CreatePosition(
                base_id=base.id,
                title="Store operations",
                description="",
                seats=5,
                starts_on=START,
                ends_on=START + timedelta(days=120),
                languages=["en"],
                competencies=[],
                duties=[Duty("listings", DutyKind.CORE)],
                post_staff=5_000,
                monthly_pay=Decimal("4000"),
                reference_monthly_wage=Decimal("4500"),
            ),
            self.hr,
            uow=self.uow,
            clock=early,
        )
        await change_position(p.id, "publish", self.hr, uow=self.uow, clock=early)
        self.position = p.id

    async def placement(self, student: str, *, start: bool = True) -> uuid.UUID:
        day = START - timedelta(days=10)
        placement = await book_placement(
            BookPlacement(self.position, student, birth_date=date(2008, 1, 1), study_year=2),
            self.admin,
            uow=self.uow,
            clock=at(day),
        )
        await change_placement(placement.id, "confirm", self.hr, uow=self.uow, clock=at(day))
        if start:
            await ready_to_start(placement.id, school=self.admin, enterprise=self.hr, uow=self.uow, clock=at(START))
            await change_placement(placement.id, "start", self.admin, uow=self.uow, clock=at(START))
        return placement.id

    async def assign_teacher(self, placement: uuid.UUID, account: str, *, day: int = 0) -> uuid.UUID:
        """mentor.assigned from mentors: a school mentor signing in as `account` takes the placement's school side."""
        mentor = uuid.uuid4()
        message = mentors_pb2.MentorAssigned(
            assignment=mentors_pb2.MentoringAssignment(
                assignment_id=str(uuid.uuid5(placement, "school")),
                context_kind="placement",
                context_id=str(placement),
                side="school",
                org=self.school,
                school_org=self.school,
                enterprise_org=self.enterprise,
                student_ref="s",
            ),
            mentor_id=str(mentor),
            assigned_at=datetime(2030, 3, 1 + day, tzinfo=UTC).isoformat(),
            mentor_account=account,
            mentor_version=1,
        )
        received = ReceivedEvent(
            id=str(uuid.uuid4()),
            type="praxis.mentors.mentor.assigned.v1",
            source="mentors",
            subject="",
            time="",
            data=json_format.MessageToJson(message).encode(),
        )
        await apply_mentors_event(received, self.uow)
        return mentor

    def teacher(self, account: str) -> Principal:
        return person(self.school, "school", "teacher", account)

    def student(self, ref: str) -> Principal:
        return person(self.school, "school", "student", ref)

    async def subjects(self, report_id) -> list[str]:
        async with self.uow() as u:
            rows = await u.connection.execute(
                text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(report_id)}
            )
            return [r.subject.split(".", 1)[1] for r in rows]


def weekly(week: int, text_: str = "Listed the spring catalogue.") -> FileReport:
    return FileReport(
        ReportKind.WEEKLY, START + timedelta(weeks=week), text_, ["https://e.example.com/1"], ["listings"]
    )


def decide(week: int, accept: bool = True, **fields) -> ReviewReport:
    return ReviewReport(ReportKind.WEEKLY, START + timedelta(weeks=week), accept, **fields)


async def test_only_the_assigned_teacher_reviews_and_a_reassignment_moves_the_right(uow):
    w = World(uow)
    await w.setup()
    pid = await w.placement("s1")
    on = at(START + timedelta(days=9))
    report = await file_report(pid, weekly(0), w.student("s1"), uow=uow, clock=on)
    with pytest.raises(Forbidden):  # nobody is assigned yet
        await review_report(pid, decide(0), w.teacher("ann"), uow=uow, clock=on)
    ann = await w.assign_teacher(pid, "ann")
    with pytest.raises(Forbidden):
        await review_report(pid, decide(0), w.teacher("bo"), uow=uow, clock=on)
    bo = await w.assign_teacher(pid, "bo", day=2)  # reassigned to Bo
    with pytest.raises(Forbidden):
        await review_report(pid, decide(0), w.teacher("ann"), uow=uow, clock=on)
    reviewed = await review_report(pid, decide(0, score=70), w.teacher("bo"), uow=uow, clock=on)
    assert (reviewed.status.value, reviewed.score, reviewed.reviewer_mentor_id) == ("accepted", 70, bo)
    assert bo != ann
    assert await w.subjects(report.id) == ["internships.weekly_report.submitted", "internships.weekly_report.accepted"]
    with pytest.raises(ReportAccepted):
        await file_report(pid, weekly(0, "changed"), w.student("s1"), uow=uow, clock=on)
    async with uow() as u:
        assert (await u.weekly_reports.count_accepted(pid), await u.weekly_reports.count_filed(pid)) == (1, 1)


async def test_filing_rules_and_the_review_reports(uow):
    w = World(uow)
    await w.setup()
    pid, waiting = await w.placement("s1"), await w.placement("s2", start=False)
    await w.assign_teacher(pid, "tan")
    on = at(START + timedelta(days=16))
    with pytest.raises(PlacementNotReporting):  # confirmed, not started
        await file_report(waiting, weekly(0), w.admin, uow=uow, clock=on)
    with pytest.raises(InvalidInput) as refused:
        await file_report(pid, weekly(3), w.student("s1"), uow=uow, clock=on)  # a week that has not begun
    assert [e.field for e in refused.value.errors] == ["week_start"]
    with pytest.raises(Forbidden):  # the host enterprise files nothing
        await file_report(pid, weekly(0), w.hr, uow=uow, clock=on)
    await file_report(pid, weekly(0), w.student("s1"), uow=uow, clock=at(START + timedelta(days=7)))
    await file_report(pid, weekly(1), w.student("s1"), uow=uow, clock=on)
    await review_report(pid, decide(1, accept=False, comments="more"), w.teacher("tan"), uow=uow, clock=on)

    queue = await review_queue(w.teacher("tan"), uow=uow, clock=at(START + timedelta(days=17)))
    assert [(p.period_start, p.waiting_hours(queue.now)) for p in queue.pending] == [(START, Decimal("240.0"))]
    rates = await review_rates(w.admin, uow=uow)
    assert (rates.school.filed, rates.school.returned, rates.school.pending, rates.school.rate) == (
        2,
        1,
        1,
        Decimal("0.5000"),
    )
    short = await report_shortfalls(w.admin, uow=uow, minimum=1)
    assert [(s.placement_id, s.accepted, s.filed, s.missing) for s in short] == [(pid, 0, 2, 1)]  # not `waiting`
    by_default = await report_shortfalls(w.admin, uow=uow)  # no programme requirement: 校友邦's 12
    assert [(s.placement_id, s.minimum, s.missing) for s in by_default] == [(pid, 12, 12)]
    requirement = SetRequirement(InternshipType.POST_INTERNSHIP, None, Decimal(100), 4, 5)
    await set_requirement(requirement, w.admin, uow=uow)
    by_programme = await report_shortfalls(w.admin, uow=uow)  # the placement's type now asks for 5
    assert [(s.placement_id, s.minimum, s.missing) for s in by_programme] == [(pid, 5, 5)]
    with pytest.raises(Forbidden):
        await review_queue(w.student("s1"), uow=uow)
