"""Insurance use cases on a real, migrated PostgreSQL: record a policy, attach it to a roster of placements (all or
nothing, a foreign placement refused as not found), the events in the outbox, and the coverage gap report."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import commands
from internships.domain.compliance import ComplianceViolation
from internships.domain.insurance import CoverageType, Payer
from internships.domain.positions import Duty, DutyKind
from internships.handlers import insurance
from internships.handlers.placements import BookPlacement, book_placement
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 1)  # the placements run START .. START + 60 days
END = START + timedelta(days=60)
T0 = datetime(2030, 2, 1, 8, tzinfo=UTC)
_worlds = itertools.count(1)


def clock():
    return T0


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_insurance", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=10)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def world(uow, students: list[str]):
    """A school coordinator and an enterprise HR with an active agreement, one position from START to END, and a
    requested placement per student."""
    n = next(_worlds)
    school = Principal(sub="coord", org=f"is{n}", org_kind="school", roles=frozenset({"coordinator"}))
    enterprise = Principal(sub="hr", org=f"ie{n}", org_kind="enterprise", roles=frozenset({"hr"}))
    admin = Principal(sub="adm", org=school.org, org_kind="school", roles=frozenset({"admin"}))
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
            competencies=[],
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
    placements = [await book_placement(BookPlacement(position.id, s), school, uow=uow, clock=clock) for s in students]
    return school, enterprise, placements


def liability(starts_on=START, ends_on=END, payer=Payer.SCHOOL, kind=CoverageType.INTERNSHIP_LIABILITY):
    return insurance.RecordPolicy("PICC Guangzhou", "PICC-2030-0001", kind, starts_on, ends_on, payer)


async def subjects(uow, aggregate_id) -> list[str]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(aggregate_id)}
        )
        return [r.subject for r in rows]


async def test_a_school_records_a_policy_with_its_event_and_the_student_may_not_pay(uow):
    school, enterprise, _ = await world(uow, [])
    policy = await insurance.record_policy(liability(), school, uow=uow, clock=clock)
    assert (await insurance.get_policy(policy.id, school, uow=uow)).policy_number == "PICC-2030-0001"
    assert await subjects(uow, policy.id) == ["t.internships.insurance.policy_recorded"]
    with pytest.raises(ComplianceViolation) as err:
        await insurance.record_policy(liability(payer=Payer.STUDENT), school, uow=uow, clock=clock)
    assert err.value.rule == "insurance-payer" and err.value.errors[0].field == "payer"
    with pytest.raises(NotFound):  # the partner enterprise does not see the school's policy by id
        await insurance.get_policy(policy.id, enterprise, uow=uow)
    teacher = Principal(sub="t", org=school.org, org_kind="school", roles=frozenset({"teacher"}))
    with pytest.raises(Forbidden):
        await insurance.record_policy(liability(), teacher, uow=uow, clock=clock)
    page, token = await insurance.list_policies(insurance.Page(), school, uow=uow)
    assert [p.id for p in page] == [policy.id] and token is None
    assert await insurance.list_policies(insurance.Page(), enterprise, uow=uow) == ([], None)


async def test_a_roster_with_a_foreign_placement_attaches_nothing_and_names_the_item(uow):
    school, _, mine = await world(uow, ["ana", "bo", "cy"])
    _, _, foreign = await world(uow, ["dee"])
    policy = await insurance.record_policy(liability(), school, uow=uow, clock=clock)
    roster = [p.id for p in mine]
    with pytest.raises(InvalidInput) as err:
        await insurance.attach_policy(
            insurance.AttachPolicy(policy.id, [roster[0], foreign[0].id, roster[1]]), school, uow=uow, clock=clock
        )
    assert [(e.field, e.message) for e in err.value.errors] == [("placement_ids.1", "no such placement")]
    for p in mine:
        assert (await insurance.placement_insurance(p.id, school, uow=uow)).policies == []

    done = await insurance.attach_policy(
        insurance.AttachPolicy(policy.id, roster + [roster[0]]), school, uow=uow, clock=clock
    )
    assert done == [(pid, True) for pid in roster]
    again = await insurance.attach_policy(insurance.AttachPolicy(policy.id, roster[:1]), school, uow=uow, clock=clock)
    assert again == [(roster[0], False)]
    for p in mine:
        assert await subjects(uow, p.id) == ["t.internships.placement.requested", "t.internships.placement.insured"]
        seen = await insurance.placement_insurance(p.id, school, uow=uow)
        assert seen.covered and seen.uncovered_from is None and [a.policy.id for a in seen.policies] == [policy.id]
    async with uow() as u:  # what the start rule reads at merge
        assert [a.policy.id for a in await u.insurance.policies_of(roster[2])] == [policy.id]


async def test_the_gap_report_lists_placements_whose_cover_ends_early_or_is_missing_for_both_parties(uow):
    school, enterprise, (full, short, none, gapped) = await world(uow, ["ana", "bo", "cy", "dee"])
    whole = await insurance.record_policy(liability(), school, uow=uow, clock=clock)
    early = await insurance.record_policy(liability(ends_on=END - timedelta(days=10)), enterprise, uow=uow, clock=clock)
    first = await insurance.record_policy(liability(ends_on=START + timedelta(days=9)), school, uow=uow, clock=clock)
    later = await insurance.record_policy(liability(starts_on=START + timedelta(days=20)), school, uow=uow, clock=clock)
    accident = await insurance.record_policy(liability(kind=CoverageType.ACCIDENT), school, uow=uow, clock=clock)
    await insurance.attach_policy(insurance.AttachPolicy(whole.id, [full.id]), school, uow=uow, clock=clock)
    await insurance.attach_policy(insurance.AttachPolicy(early.id, [short.id]), enterprise, uow=uow, clock=clock)
    await insurance.attach_policy(insurance.AttachPolicy(accident.id, [none.id]), school, uow=uow, clock=clock)
    for p in (first, later):
        await insurance.attach_policy(insurance.AttachPolicy(p.id, [gapped.id]), school, uow=uow, clock=clock)

    for who in (school, enterprise):
        gaps, token = await insurance.insurance_gaps(insurance.Page(), who, uow=uow)
        assert token is None
        found = {g.placement.id: (g.uncovered_from, g.covered_until) for g in gaps}
        assert found == {
            short.id: (END - timedelta(days=9), END - timedelta(days=10)),
            none.id: (START, None),  # an accident policy is not liability cover
            gapped.id: (START + timedelta(days=10), START + timedelta(days=9)),
        }
    first_page, token = await insurance.insurance_gaps(insurance.Page(page_size=2), school, uow=uow)
    rest, last = await insurance.insurance_gaps(insurance.Page(page_size=2, page_token=token), school, uow=uow)
    assert len(first_page) == 2 and len(rest) == 1 and last is None
    assert {g.placement.id for g in first_page + rest} == {short.id, none.id, gapped.id}
    student = Principal(sub="ana", org=school.org, org_kind="school", roles=frozenset({"student"}))
    with pytest.raises(Forbidden):
        await insurance.insurance_gaps(insurance.Page(), student, uow=uow)
    assert (await insurance.placement_insurance(full.id, student, uow=uow)).covered
    with pytest.raises(NotFound):  # a student of another placement
        await insurance.placement_insurance(short.id, student, uow=uow)


async def test_two_rosters_of_one_policy_at_once_attach_and_publish_each_placement_once(uow):
    school, _, mine = await world(uow, ["ana", "bo", "cy", "dee"])
    policy = await insurance.record_policy(liability(), school, uow=uow, clock=clock)
    roster = [p.id for p in mine]
    for attempt in range(5):  # the race is a window, not a certainty: several tries with fresh policies
        policy = await insurance.record_policy(liability(), school, uow=uow, clock=clock)
        answers = await asyncio.gather(
            *(
                insurance.attach_policy(insurance.AttachPolicy(policy.id, roster), school, uow=uow, clock=clock)
                for _ in range(4)
            )
        )
        newly = [pid for answer in answers for pid, fresh in answer if fresh]
        assert sorted(newly) == sorted(roster), attempt  # each placement newly attached by exactly one request
    for p in mine:  # five policies, so five events per placement: one per policy, never two
        assert (await subjects(uow, p.id)).count("t.internships.placement.insured") == 5
