"""Grades and the credit ledger on a real, migrated PostgreSQL: a programme requirement's grading terms, the grade
given when a placement completes (with placement.graded in the completion's transaction), the school's amendment
(a new revision and event), who reads and who amends, and the ledger kept from the events (the highest revision
wins, a replay changes nothing) with its filters, totals and readers."""

from __future__ import annotations

import itertools
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from internships_course_start import ready_to_start
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.consumers import credit_ledger as consumers
from internships.domain import commands
from internships.domain.course import InternshipType
from internships.domain.credit_ledger import LedgerEntry, LedgerFilter, SourceKind
from internships.domain.positions import Duty, DutyKind
from internships.handlers import course, credit_ledger, grades, placement_evaluations
from internships.handlers.placements import BookPlacement, book_placement, change_placement
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 4)
END = START + timedelta(days=60)
T0 = datetime(2030, 2, 1, 8, tzinfo=UTC)
_worlds = itertools.count(1)


def at(day: date):
    return lambda: datetime(day.year, day.month, day.day, 18, tzinfo=UTC)


def person(org: str, kind: str, *roles: str, sub: str = "x") -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset(roles))


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_grades", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def completed(uow, student: str = "stu-1", *, requirement: dict | None = None):
    """A school (admin `adm`) and an enterprise with an agreement, a position, and `student`'s placement taken to
    completion on its end date; the school's post-internship requirement set first when given."""
    n = next(_worlds)
    admin, hr = person(f"gs{n}", "school", "admin", sub="adm"), person(f"ge{n}", "enterprise", "hr", sub="hr")
    clock = at(T0.date())
    await register(uow, (admin.org, "school"), (hr.org, "enterprise"))
    if requirement is not None:
        await course.set_requirement(
            course.SetRequirement(InternshipType.POST_INTERNSHIP, None, Decimal(0), 0, 0, **requirement),
            admin,
            uow=uow,
            clock=clock,
        )
    agreement = await handlers.draft_agreement(
        commands.DraftAgreement(admin.org, hr.org, "", START - timedelta(days=60), START + timedelta(days=365), 10),
        admin,
        uow=uow,
        clock=clock,
    )
    for who in (admin, hr):
        await handlers.sign_agreement(commands.SignAgreement(agreement.id), who, uow=uow, clock=clock)
    base = await create_base(
        CreateBase(agreement.id, "Hub", 1, "CN", "Shenzhen", capacity=100, staff=10_000), hr, uow=uow, clock=clock
    )
    position = await create_position(
        CreatePosition(
            base_id=base.id,
            title="Store operations",
            description="",
            seats=5,
            starts_on=START,
            ends_on=END,
            languages=["en"],
            competencies=[],
            duties=[Duty("listings", DutyKind.CORE)],
            post_staff=5_000,
            monthly_pay=Decimal("4000"),
            reference_monthly_wage=Decimal("4500"),
        ),
        hr,
        uow=uow,
        clock=clock,
    )
    await change_position(position.id, "publish", hr, uow=uow, clock=clock)
    p = await book_placement(
        BookPlacement(position.id, student, {}, birth_date=date(2004, 1, 1)), admin, uow=uow, clock=clock
    )
    await change_placement(p.id, "confirm", hr, uow=uow, clock=clock)
    await ready_to_start(p.id, school=admin, enterprise=hr, uow=uow, clock=clock)
    await change_placement(p.id, "start", admin, uow=uow, clock=at(START))
    await change_placement(p.id, "complete", hr, uow=uow, clock=at(END))
    return admin, hr, p


async def graded_events(uow, placement_id) -> list[ReceivedEvent]:
    async with uow() as u:
        rows = await u.connection.execute(
            text(
                "SELECT headers, payload FROM outbox WHERE aggregate_id = :id AND subject LIKE '%.placement.graded' "
                "ORDER BY position"
            ),
            {"id": str(placement_id)},
        )
        return [ReceivedEvent.from_message(r.headers, r.payload) for r in rows]


async def test_a_requirement_keeps_its_grading_terms_and_publishes_them(uow):
    admin = person("gs-req", "school", "admin", sub="adm")
    req = await course.set_requirement(
        course.SetRequirement(
            InternshipType.POST_INTERNSHIP, None, Decimal(480), 12, 0, Decimal(70), Decimal("4.5"), "letter"
        ),
        admin,
        uow=uow,
        clock=at(T0.date()),
    )
    [found] = await course.list_requirements(admin, uow=uow)
    assert (found.pass_mark, found.credits, found.grade_scale) == (Decimal(70), Decimal("4.50"), "letter")
    assert [b.grade for b in found.bands] == ["A", "B", "C", "D", "F"]
    async with uow() as u:
        payload = (
            await u.connection.execute(text("SELECT payload FROM outbox WHERE aggregate_id = :id"), {"id": str(req.id)})
        ).scalar_one()
    event = json.loads(payload)
    assert (event["passMark"], event["credits"], event["gradeScale"]) == ("70.00", "4.50", "letter")
    with pytest.raises(InvalidInput):
        await course.set_requirement(
            course.SetRequirement(InternshipType.OBSERVATION, None, Decimal(0), 0, 0, grade_scale="custom"),
            admin,
            uow=uow,
            clock=at(T0.date()),
        )


async def test_completion_grades_the_placement_in_the_same_transaction(uow):
    admin, hr, p = await completed(uow, requirement={"credits": Decimal(4)})
    history = await grades.placement_grade(p.id, admin, uow=uow)
    g = history.current
    # No evaluation is recorded on this branch: the empty scorecard totals 0 and fails.
    assert (g.revision, g.total, g.grade, g.passed, g.credits, g.graded_by) == (1, 0, "不及格", False, 0, "system")
    assert (g.credits_of_pass, g.complete) == (Decimal(4), False)
    [event] = await graded_events(uow, p.id)
    data = event.parse(consumers.grades_pb2.PlacementGraded)
    assert (data.revision, data.total, data.passed, data.credits, data.position_title) == (
        1,
        "0.00",
        False,
        "0.00",
        "Store operations",
    )
    assert (data.school_org, data.enterprise_org, data.student_ref) == (admin.org, hr.org, "stu-1")


async def test_the_scorecard_judges_against_the_programmes_pass_mark_as_the_grade_does(uow):
    """The scorecard a school reads and the grade it gets are on the same pass mark: the programme's, not 60."""
    admin, hr, p = await completed(uow, requirement={"credits": Decimal(4), "pass_mark": Decimal(70)})
    card = (await placement_evaluations.get_scorecard(p.id, admin, uow=uow, clock=at(END))).scorecard
    grade = (await grades.placement_grade(p.id, admin, uow=uow)).current
    assert card.pass_mark == grade.pass_mark == Decimal(70)
    assert card.passes is grade.passed is False


async def test_the_school_amends_with_a_reason_and_the_parties_read_the_history(uow):
    admin, hr, p = await completed(uow, requirement={"credits": Decimal(4), "pass_mark": Decimal(60)})
    amended = await grades.amend_grade(
        p.id, grades.AmendGrade(Decimal("85.5"), None, "scores arrived late"), admin, uow=uow, clock=at(END)
    )
    assert (amended.current.revision, amended.current.grade, amended.current.passed) == (2, "良", True)
    assert amended.current.credits == Decimal(4)
    student = person(admin.org, "school", "student", sub="stu-1")
    for reader in (admin, hr, student, person(admin.org, "school", "teacher")):
        seen = await grades.placement_grade(p.id, reader, uow=uow)
        assert [(r.revision, r.graded_by, r.reason) for r in seen.revisions] == [
            (1, "system", None),
            (2, "adm", "scores arrived late"),
        ]
    for outsider in (
        person("gs-else", "school", "admin"),
        person(admin.org, "school", "student", sub="stu-other"),
        person("ge-else", "enterprise", "hr"),
    ):
        with pytest.raises(NotFound):
            await grades.placement_grade(p.id, outsider, uow=uow)
        with pytest.raises(NotFound):
            await grades.amend_grade(p.id, grades.AmendGrade(Decimal(99), None, "r"), outsider, uow=uow)
    # an enterprise account that is only a mentor, of none of this placement: no grade, as no scorecard
    with pytest.raises(NotFound):
        await grades.placement_grade(p.id, person(hr.org, "enterprise", "mentor", sub="bo"), uow=uow)
    for party in (hr, student, person(admin.org, "school", "coordinator")):
        with pytest.raises(Forbidden):
            await grades.amend_grade(p.id, grades.AmendGrade(Decimal(99), None, "r"), party, uow=uow)
    with pytest.raises(InvalidInput):
        await grades.amend_grade(p.id, grades.AmendGrade(Decimal(99), None, " "), admin, uow=uow)
    events = await graded_events(uow, p.id)
    assert [e.parse(consumers.grades_pb2.PlacementGraded).revision for e in events] == [1, 2]
    assert events[1].parse(consumers.grades_pb2.PlacementGraded).reason == "scores arrived late"


async def test_an_ungraded_placement_has_no_grade_to_read_or_amend(uow):
    admin, hr, p = await completed(uow)
    async with uow() as u:  # as if it completed before grading existed
        await u.connection.execute(text("DELETE FROM placement_grade WHERE placement_id = :id"), {"id": p.id})
        await u.commit()
    with pytest.raises(NotFound):
        await grades.placement_grade(p.id, admin, uow=uow)
    with pytest.raises(grades.NotGraded):
        await grades.amend_grade(p.id, grades.AmendGrade(Decimal(70), None, "r"), admin, uow=uow)


async def test_the_ledger_keeps_the_highest_revision_and_its_readers(uow):
    admin, hr, p = await completed(uow, "stu-led", requirement={"credits": Decimal(4)})
    await grades.amend_grade(p.id, grades.AmendGrade(Decimal(90), None, "passed"), admin, uow=uow, clock=at(END))
    first, second = await graded_events(uow, p.id)
    for event in (second, first, second):  # out of order, and a replay: the highest revision stays
        await consumers.apply_graded(event, uow)
    await credit_ledger.record_entry(
        LedgerEntry(
            admin.org, SourceKind.PROJECT, p.position_id, "stu-led", "Lazada store", "ent-p", Decimal(2),
            Decimal("81.40"), None, True, END, 1, datetime(2030, 5, 1, tzinfo=UTC),
        ),
        uow=uow,
    )  # fmt: skip
    page = await credit_ledger.list_ledger(credit_ledger.ListLedger(LedgerFilter()), admin, uow=uow)
    by_kind = {e.source_kind: e for e in page.entries}
    placement = by_kind[SourceKind.PLACEMENT]
    assert (placement.revision, placement.credits, placement.grade, placement.passed) == (2, Decimal(4), "优", True)
    assert placement.title == "Store operations" and placement.awarded_on == END
    assert [(t.student_ref, t.credits, t.entries) for t in page.totals] == [("stu-led", Decimal(6), 2)]
    # An amendment to a fail keeps the entry, with 0 credits.
    await grades.amend_grade(p.id, grades.AmendGrade(Decimal(30), None, "plagiarism"), admin, uow=uow)
    await consumers.apply_graded((await graded_events(uow, p.id))[-1], uow)
    summary = await credit_ledger.student_summary("stu-led", admin, uow=uow)
    assert (summary.total.credits, summary.total.entries, summary.total.passed) == (Decimal(2), 2, 1)
    # Filters, and who reads.
    only = credit_ledger.ListLedger(LedgerFilter(source_kind=SourceKind.PROJECT, enterprise_org="ent-p"))
    assert [e.title for e in (await credit_ledger.list_ledger(only, admin, uow=uow)).entries] == ["Lazada store"]
    before = credit_ledger.ListLedger(LedgerFilter(awarded_to=END - timedelta(days=1)))
    assert (await credit_ledger.list_ledger(before, admin, uow=uow)).entries == []
    own = person(admin.org, "school", "student", sub="stu-led")
    assert len((await credit_ledger.list_ledger(credit_ledger.ListLedger(LedgerFilter()), own, uow=uow)).entries) == 2
    other = person(admin.org, "school", "student", sub="stu-x")
    for query in (LedgerFilter(), LedgerFilter(student_ref="stu-led")):
        assert (await credit_ledger.list_ledger(credit_ledger.ListLedger(query), other, uow=uow)).entries == []
    for nobody in (other, person("gs-else", "school", "admin")):
        with pytest.raises(NotFound):
            await credit_ledger.student_summary("stu-led", nobody, uow=uow)
    with pytest.raises(Forbidden):
        await credit_ledger.list_ledger(credit_ledger.ListLedger(LedgerFilter()), hr, uow=uow)
    with pytest.raises(Forbidden):
        await credit_ledger.student_summary("stu-led", hr, uow=uow)
    rows = [e async for e in credit_ledger.export_ledger(LedgerFilter(), admin, uow=uow)]
    assert {e.source_kind for e in rows} == {SourceKind.PLACEMENT, SourceKind.PROJECT}


def awarded(**fields) -> ReceivedEvent:
    payload = {
        "creditId": "c1",
        "studentRef": "stu-proj",
        "schoolOrg": "gs-proj",
        "enterpriseOrg": "ge-proj",
        "projectId": "5a3c1c1e-8d5e-4a37-9a43-0d6f3c1b2a10",
        "teamId": "0b0c3c1e-8d5e-4a37-9a43-0d6f3c1b2a10",
        "projectTitle": "Lazada store",
        "credits": "2",
        "score": "86.5",
        "awardedOn": "2030-06-30",
    } | fields
    return ReceivedEvent(
        id=str(fields), type=consumers.CREDIT_AWARDED, source="projects", subject="", time="", data=json.dumps(payload)
    )


async def test_a_projects_credit_enters_the_ledger_and_a_bad_one_is_refused(uow):
    await consumers.apply_credit_awarded(awarded(), uow)
    school = person("gs-proj", "school", "teacher")
    [entry] = (await credit_ledger.list_ledger(credit_ledger.ListLedger(LedgerFilter()), school, uow=uow)).entries
    assert (entry.source_kind, entry.credits, entry.score, entry.grade, entry.passed) == (
        SourceKind.PROJECT,
        Decimal("2.00"),
        Decimal("86.50"),
        None,
        True,
    )
    assert (entry.title, entry.awarded_on, entry.enterprise_org) == ("Lazada store", date(2030, 6, 30), "ge-proj")
    for bad in ({"credits": "lots"}, {"studentRef": ""}, {"projectId": "nope"}, {"awardedOn": "soon"}):
        with pytest.raises(InvalidInput):
            await consumers.apply_credit_awarded(awarded(**bad), uow)


async def test_a_score_from_an_event_is_kept_to_the_cent_half_up_as_every_score(uow):
    """The engine's rule (praxis_evaluation.quantize): 86.125 is kept as 86.13, never banker's 86.12."""
    await consumers.apply_credit_awarded(awarded(schoolOrg="gs-half", score="86.125", credits="2.005"), uow)
    school = person("gs-half", "school", "admin")
    [entry] = (await credit_ledger.list_ledger(credit_ledger.ListLedger(LedgerFilter()), school, uow=uow)).entries
    assert (entry.score, entry.credits) == (Decimal("86.13"), Decimal("2.01"))


async def test_an_export_read_slowly_holds_no_transaction_open_between_batches(uow):
    """A download's reader may be slow or stop reading: while it has not asked for the next row, the service holds
    no connection in an open transaction (one per slow download would drain the pool, and every request would
    wait); each batch is read in a short transaction of its own, and the export still lists every entry once."""
    school = "gs-export-slow"
    for i in range(3):
        await credit_ledger.record_entry(
            LedgerEntry(
                school, SourceKind.PROJECT, uuid.uuid4(), f"stu-e{i}", "Store", "ge-e", Decimal(2), Decimal(80),
                None, True, END, 1, datetime(2030, 5, 1, tzinfo=UTC),
            ),
            uow=uow,
        )  # fmt: skip

    async def in_transaction() -> int:
        async with uow() as u:
            return await u.connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state LIKE 'idle in transaction%'"
                )
            )

    rows = credit_ledger.export_ledger(LedgerFilter(), person(school, "school", "admin"), uow=uow)
    first = await anext(rows)
    assert await in_transaction() == 0, "a transaction stays open while the reader has not asked for more"
    rest = [e async for e in rows]
    assert sorted(e.student_ref for e in [first, *rest]) == ["stu-e0", "stu-e1", "stu-e2"]
