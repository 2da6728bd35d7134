"""Outcomes use cases on a real, migrated PostgreSQL: hires (only of students placed with the enterprise, with their
event), programme profiles, and the value ledger and yearly outcomes computed from the read model its consumers keep
(fed here with the outbox's own events, as the relay and the consumer would, plus the events of other services)."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from google.protobuf import json_format
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.consumers.guidance import apply_guidance_event
from internships.consumers.value_ledger import LEDGER_DURABLE, apply_ledger_event
from internships.domain import commands
from internships.domain.outcomes import HireKind
from internships.domain.positions import Duty, DutyKind
from internships.handlers import outcomes
from internships.handlers.placements import BookPlacement, book_placement, change_placement
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from internships.main import MIGRATIONS
from praxis.events.v1 import guidance_pb2, placements_pb2, projects_pb2
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 1)
END = START + timedelta(days=90)
T0 = datetime(2030, 2, 1, 8, tzinfo=UTC)
LATER = datetime(2030, 6, 15, 8, tzinfo=UTC)  # when hires are reported
TAGS = ["platform-operation", "digital-marketing"]
_worlds = itertools.count(1)


def clock():
    return T0


def later():
    return LATER


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_outcomes", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=10)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


def staff(org: str, kind: str, role: str, sub: str = "u") -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset({role}))


async def world(uow, students: list[str], *, cohort: str | None = "2029-cbec"):
    """An active agreement between a fresh school and enterprise, one published position tagged TAGS, and a
    confirmed placement per student."""
    n = next(_worlds)
    school, enterprise = staff(f"os{n}", "school", "coordinator"), staff(f"oe{n}", "enterprise", "hr")
    admin = staff(school.org, "school", "admin")
    await register(uow, (school.org, "school"), (enterprise.org, "enterprise"))
    agreement = await handlers.draft_agreement(
        commands.DraftAgreement(
            school_org=school.org,
            enterprise_org=enterprise.org,
            title="",
            valid_from=START - timedelta(days=60),
            valid_to=START + timedelta(days=365),
            intern_quota=50,
        ),
        admin,
        uow=uow,
        clock=clock,
    )
    for who in (admin, enterprise):
        await handlers.sign_agreement(commands.SignAgreement(agreement.id), who, uow=uow, clock=clock)
    base = await create_base(
        CreateBase(agreement.id, "Hub", 1, "CN", "Shenzhen", capacity=100, staff=10_000),
        enterprise,
        uow=uow,
        clock=clock,
    )
    position = await create_position(
        CreatePosition(
            base_id=base.id,
            title="Store operations",
            description="",
            seats=max(len(students), 1),
            starts_on=START,
            ends_on=END,
            languages=["en"],
            competencies=TAGS,
            duties=[Duty("listings", DutyKind.CORE)],
            post_staff=5_000,
            monthly_pay=Decimal("4000"),
            reference_monthly_wage=Decimal("4500"),
        ),
        enterprise,
        uow=uow,
        clock=clock,
    )
    await change_position(position.id, "publish", enterprise, uow=uow, clock=clock)
    placements = []
    for s in students:
        p = await book_placement(BookPlacement(position.id, s), school, uow=uow, clock=clock)
        placements.append(await change_placement(p.id, "confirm", enterprise, uow=uow, clock=clock))
    return agreement, school, enterprise, placements


async def relay(uow) -> None:
    """Every outbox row, through the ledger's consumer, once per event (the inbox), as in production."""
    async with uow() as u:
        rows = (await u.connection.execute(text("SELECT headers, payload FROM outbox ORDER BY position"))).all()
    for row in rows:
        event = ReceivedEvent.from_message(row.headers, bytes(row.payload))
        await deliver(uow, event)


async def deliver(uow, event: ReceivedEvent, handler=apply_ledger_event) -> None:
    async with uow() as u:
        if await u.claim_event(LEDGER_DURABLE, event.id, event.type):
            await handler(event, lambda: u)
            await u.commit()


def received(type_: str, message) -> ReceivedEvent:
    return ReceivedEvent(
        id=str(uuid.uuid4()),
        type=type_,
        source="test",
        subject="",
        time="",
        data=json_format.MessageToJson(message).encode(),
    )


def placement_event(p, status: str, kind: str, cohort: str = "2029-cbec") -> ReceivedEvent:
    return received(
        f"praxis.internships.placement.{kind}.v1",
        placements_pb2.PlacementChanged(
            placement_id=str(p.id),
            position_id=str(p.position_id),
            agreement_id=str(p.agreement_id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            status=status,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            cohort=cohort,
        ),
    )


async def test_an_enterprise_reports_hires_of_students_placed_with_it_only(uow):
    agreement, school, enterprise, (ana, bo) = await world(uow, ["ana", "bo"])
    _, _, other, (dee,) = await world(uow, ["dee"])
    hire = await outcomes.record_hire(
        outcomes.RecordHire("ana", ana.id, HireKind.RETURN_OFFER, date(2030, 6, 1), "Store operator"),
        enterprise,
        uow=uow,
        clock=later,
    )
    assert (hire.school_org, hire.agreement_id, hire.placement_id) == (school.org, agreement.id, ana.id)
    async with uow() as u:
        subjects = (
            await u.connection.execute(
                text("SELECT subject FROM outbox WHERE aggregate_id = :id"), {"id": str(hire.id)}
            )
        ).all()
    assert [s.subject for s in subjects] == ["t.internships.hire.recorded"]
    # without a placement id: the student's latest placement with the enterprise
    bo_hire = await outcomes.record_hire(
        outcomes.RecordHire("bo", None, HireKind.HIRED, date(2030, 6, 10)),
        enterprise,
        uow=uow,
        clock=lambda: LATER + timedelta(hours=1),  # reported after Ana's: listed first
    )
    assert bo_hire.placement_id == bo.id

    def hire_of(student, placement_id, on=date(2030, 6, 1)):
        return outcomes.RecordHire(student, placement_id, HireKind.HIRED, on)

    with pytest.raises(NotFound):  # another enterprise's placement does not exist for this one
        await outcomes.record_hire(hire_of("dee", dee.id), enterprise, uow=uow, clock=later)
    with pytest.raises(InvalidInput) as refused:  # a student never placed with it
        await outcomes.record_hire(hire_of("dee", None), enterprise, uow=uow, clock=later)
    assert refused.value.errors[0].field == "student_ref"
    with pytest.raises(InvalidInput) as refused:  # the placement of another student
        await outcomes.record_hire(hire_of("bo", ana.id), enterprise, uow=uow, clock=later)
    assert refused.value.errors[0].field == "student_ref"
    with pytest.raises(InvalidInput) as refused:  # before the placement started
        await outcomes.record_hire(hire_of("ana", ana.id, date(2030, 2, 1)), enterprise, uow=uow, clock=later)
    assert refused.value.errors[0].field == "on"
    with pytest.raises(Forbidden):  # the school does not report hires
        await outcomes.record_hire(hire_of("ana", ana.id), staff(school.org, "school", "admin"), uow=uow, clock=later)
    with pytest.raises(Forbidden):  # nor does the enterprise's mentor
        await outcomes.record_hire(hire_of("ana", ana.id), staff(enterprise.org, "enterprise", "mentor"), uow=uow)

    mine, _ = await outcomes.list_hires(outcomes.Page(), enterprise, uow=uow)
    theirs, _ = await outcomes.list_hires(outcomes.Page(), school, uow=uow)
    assert [h.id for h in mine] == [h.id for h in theirs] == [bo_hire.id, hire.id]
    assert await outcomes.list_hires(outcomes.Page(), other, uow=uow) == ([], None)
    first, token = await outcomes.list_hires(outcomes.Page(page_size=1), school, uow=uow)
    rest, _ = await outcomes.list_hires(outcomes.Page(page_size=1, page_token=token), school, uow=uow)
    assert [h.id for h in first + rest] == [bo_hire.id, hire.id]


async def test_a_school_declares_its_programmes_and_only_its_staff_read_them(uow):
    _, school, enterprise, _ = await world(uow, [])
    admin, teacher = staff(school.org, "school", "admin"), staff(school.org, "school", "teacher")
    p = await outcomes.set_programme(
        outcomes.SetProgramme("2029-cbec", ["english", "platform-operation", "english"]), admin, uow=uow, clock=clock
    )
    assert p.competencies == ["english", "platform-operation"]
    again = await outcomes.set_programme(
        outcomes.SetProgramme("2029-cbec", ["digital-marketing"]), school, uow=uow, clock=clock
    )
    assert (await outcomes.get_programme("2029-cbec", teacher, uow=uow)).competencies == again.competencies
    listed, _ = await outcomes.list_programmes(outcomes.Page(), teacher, uow=uow)
    assert [x.cohort for x in listed] == ["2029-cbec"]
    async with uow() as u:
        count = (
            await u.connection.execute(
                text(
                    "SELECT count(*) FROM outbox WHERE subject = 't.internships.programme.competencies_set' "
                    "AND aggregate_id = :id"
                ),
                {"id": school.org},
            )
        ).scalar()
    assert count == 2
    with pytest.raises(Forbidden):  # a teacher reads, the admin or coordinator declares
        await outcomes.set_programme(outcomes.SetProgramme("2029-cbec", ["x"]), teacher, uow=uow, clock=clock)
    student = Principal(sub="stu", org=school.org, org_kind="school", roles=frozenset({"student"}))
    for stranger in (enterprise, student, staff("another-school", "school", "admin")):
        with pytest.raises(NotFound):
            await outcomes.get_programme("2029-cbec", stranger, uow=uow)
    with pytest.raises(NotFound):
        await outcomes.list_programmes(outcomes.Page(), enterprise, uow=uow)
    with pytest.raises(NotFound):
        await outcomes.get_programme("2030-none", school, uow=uow)
    longest = staff("s" * 64, "school", "admin")  # the longest organisation id and cohort still publish
    await outcomes.set_programme(outcomes.SetProgramme("c" * 16, ["english"]), longest, uow=uow, clock=clock)


async def test_the_value_ledger_and_the_years_outcomes_from_events(uow):
    agreement, school, enterprise, (ana, bo, cy) = await world(uow, ["ana", "bo", "cy"])
    other_agreement, other_school, _, _ = await world(uow, ["zed"])
    await outcomes.set_programme(
        outcomes.SetProgramme("2029-cbec", [*TAGS, "data-analysis"]), school, uow=uow, clock=clock
    )  # 2 of 3 tags: aligned
    await outcomes.record_hire(
        outcomes.RecordHire("ana", ana.id, HireKind.RETURN_OFFER, date(2030, 6, 1)), enterprise, uow=uow, clock=later
    )
    await relay(uow)  # position.published, placement.requested / confirmed, hire.recorded, …
    for p in (ana, bo):
        await deliver(uow, placement_event(p, "active", "started"))
    await deliver(uow, placement_event(ana, "completed", "completed"))
    await deliver(uow, placement_event(bo, "terminated", "terminated"))
    await deliver(uow, placement_event(bo, "active", "started"))  # late and out of order: changes nothing
    for week, core, total in ((date(2030, 3, 4), "30", "40"), (date(2030, 3, 11), "20", "40")):
        await deliver(
            uow,
            received(
                "praxis.internships.logbook.approved.v1",
                placements_pb2.LogbookApproved(
                    placement_id=str(ana.id),
                    week_start=week.isoformat(),
                    core_hours=core,
                    total_hours=total,
                    approved_at="2030-03-20T10:00:00+00:00",
                ),
            ),
        )
    for team, project in (("t1", "p1"), ("t2", "p1"), ("t3", "p2")):
        await deliver(
            uow,
            received(
                "praxis.projects.team.completed.v1",
                projects_pb2.TeamChanged(
                    team_id=team,
                    project_id=project,
                    school_org=school.org,
                    enterprise_org=enterprise.org,
                    status="completed",
                    occurred_at="2030-05-30T10:00:00+00:00",
                ),
            ),
        )
    await deliver(
        uow,
        received(
            "praxis.projects.project.published.v1",
            projects_pb2.ProjectPublished(
                project_id=f"proj-{uuid.uuid4()}",
                enterprise_org=enterprise.org,
                competencies=["tiktok-live", *TAGS],
                starts_on="2030-04-01",
                ends_on="2030-06-30",
            ),
        ),
    )
    guidance = [
        (str(ana.id), "placement", 60, "onsite"),
        (str(bo.id), "placement", 30, "online"),
        ("t1", "project", 45, "onsite"),
    ]
    for context, kind, minutes, mode in guidance:
        await apply_guidance_event(
            received(
                "praxis.mentors.guidance.recorded.v1",
                guidance_pb2.GuidanceRecorded(
                    session_id=str(uuid.uuid4()),
                    context_kind=kind,
                    context_id=context,
                    side="enterprise",
                    school_org=school.org,
                    enterprise_org=enterprise.org,
                    student_ref="ana",
                    mode=mode,
                    minutes=minutes,
                    held_on="2030-04-02",
                    recorded_at="2030-04-02T10:00:00+00:00",
                ),
            ),
            uow,
        )

    seen_by_school = await outcomes.agreement_value(agreement.id, school, uow=uow)
    seen_by_enterprise = await outcomes.agreement_value(agreement.id, enterprise, uow=uow)
    assert seen_by_school == seen_by_enterprise
    v = seen_by_school
    assert (v.interns_hosted, v.interns_completed) == (2, 1)  # cy was confirmed, never started
    assert (v.core_hours, v.total_hours, v.core_share) == (Decimal(50), Decimal(80), Decimal("0.6250"))
    assert (v.projects_delivered, v.teams_completed) == (2, 3)
    assert (v.guidance_sessions, v.guidance_minutes, v.onsite_guidance_minutes) == (3, 135, 105)
    assert (v.students_hired, v.return_offers, v.hires) == (1, 1, 0)
    assert (v.alignment.aligned, v.alignment.with_profile, v.alignment.rate) == (2, 2, Decimal("1.0000"))

    for stranger in (other_school, staff(enterprise.org, "school", "admin"), staff("elsewhere", "enterprise", "hr")):
        with pytest.raises(NotFound):
            await outcomes.agreement_value(agreement.id, stranger, uow=uow)
    with pytest.raises(NotFound):  # a student of the school is not a party's staff
        await outcomes.agreement_value(
            agreement.id, Principal(sub="ana", org=school.org, org_kind="school", roles=frozenset({"student"})), uow=uow
        )
    for party_staff in (staff(school.org, "school", "teacher"), staff(enterprise.org, "enterprise", "mentor")):
        with pytest.raises(Forbidden):  # the figures are the partnership's managers'
            await outcomes.agreement_value(agreement.id, party_staff, uow=uow)
    assert (await outcomes.agreement_value(other_agreement.id, other_school, uow=uow)).interns_hosted == 0

    year = await outcomes.school_outcomes(2030, school, uow=uow)
    assert (year.placements, year.completed, year.ended, year.hired) == (2, 1, 2, 1)
    assert (year.hire_rate, year.completion_rate, year.alignment.rate) == (Decimal(1), Decimal("0.5"), Decimal(1))
    demanded = {t.tag: t.count for t in year.demanded}
    assert demanded == {"platform-operation": 2, "digital-marketing": 2, "tiktok-live": 1}  # the position, the project
    assert [(t.tag, t.count) for t in year.gaps] == [("tiktok-live", 1)]
    assert (await outcomes.school_outcomes(2031, school, uow=uow)).placements == 0
    with pytest.raises(NotFound):
        await outcomes.school_outcomes(2030, enterprise, uow=uow)


async def test_a_draft_agreement_makes_no_partner_whose_demand_a_school_reads(uow):
    """A school drafts an agreement with any enterprise on its own; until both parties sign, the enterprise is no
    partner of it: its positions' competency tags (which only partner schools see) never reach the school's yearly
    demand."""
    _, _, enterprise, _ = await world(uow, [])
    await relay(uow)  # the enterprise's published position becomes demand
    n = next(_worlds)
    drafter = staff(f"os{n}-drafter", "school", "admin")
    await register(uow, (drafter.org, "school"))
    await handlers.draft_agreement(
        commands.DraftAgreement(
            school_org=drafter.org,
            enterprise_org=enterprise.org,
            title="",
            valid_from=START - timedelta(days=60),
            valid_to=START + timedelta(days=365),
            intern_quota=5,
        ),
        drafter,
        uow=uow,
        clock=clock,
    )
    year = await outcomes.school_outcomes(START.year, drafter, uow=uow)
    assert year.demanded == [], "a draft agreement showed the enterprise's demand to the school that drafted it"
