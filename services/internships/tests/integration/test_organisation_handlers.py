"""Organisation profile use cases on a real PostgreSQL: put (create, replace, no-op), who sees a profile, the event
each change leaves in the outbox, and the drafting rule (both parties need a profile of their kind)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from internships_profiles import details, register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import commands
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound
from praxis_common.uow import UnitOfWorkFactory


def who(org: str, kind: str, *roles: str) -> Principal:
    return Principal(sub=f"{org}-{roles[0]}", org=org, org_kind=kind, roles=frozenset(roles))


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=10)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def events_of(uow, org: str) -> list[dict]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT subject, payload FROM outbox WHERE aggregate_id = :org ORDER BY position"), {"org": org}
        )
        return [
            {"subject": r.subject, **(r.payload if isinstance(r.payload, dict) else json.loads(r.payload))}
            for r in rows
        ]


def put(org: str, kind: str, **changes) -> commands.PutOwnProfile:
    return commands.PutOwnProfile(replace(details(org, kind), **changes))


async def test_put_creates_replaces_and_a_repeat_changes_nothing(uow):
    hr = who("ent-p1", "enterprise", "hr")
    first = await handlers.put_own_profile(put("ent-p1", "enterprise", contact_phone="+86 20 1234 5678"), hr, uow=uow)
    again = await handlers.put_own_profile(put("ent-p1", "enterprise", contact_phone="+86 20 1234 5678"), hr, uow=uow)
    assert first.version == again.version == 1
    changed = await handlers.put_own_profile(put("ent-p1", "enterprise", name_zh="海贸"), hr, uow=uow)
    assert changed.version == 2 and changed.name_zh == "海贸" and changed.contact_phone is None  # PUT replaces
    events = await events_of(uow, "ent-p1")
    assert [e["subject"] for e in events] == ["t.internships.organisation.profile_updated"] * 2
    assert events[-1]["version"] == 2 and events[-1]["uscc"] == changed.uscc and events[-1]["nameZh"] == "海贸"
    assert not any("contact" in key.lower() for e in events for key in e), events  # no contact details in events


async def test_only_a_schools_admin_and_an_enterprises_admin_or_hr_put(uow):
    for principal in (
        who("s-p2", "school", "coordinator"),
        who("s-p2", "school", "teacher"),
        who("s-p2", "school", "student"),
        who("e-p2", "enterprise", "mentor"),
        who("platform", "platform", "admin"),
    ):
        with pytest.raises(Forbidden):
            await handlers.put_own_profile(put("s-p2", "school"), principal, uow=uow)


async def test_an_org_id_keeps_the_kind_of_its_first_profile(uow):
    await handlers.put_own_profile(put("twice-p3", "school"), who("twice-p3", "school", "admin"), uow=uow)
    with pytest.raises(Conflict) as err:
        await handlers.put_own_profile(put("twice-p3", "enterprise"), who("twice-p3", "enterprise", "hr"), uow=uow)
    assert err.value.code == "organisation-kind-differs"
    with pytest.raises(NotFound):  # the enterprise of that name is not that school
        await handlers.get_own_profile(who("twice-p3", "enterprise", "hr"), uow=uow)


async def test_concurrent_first_puts_of_one_org_create_it_once(uow):
    admin = who("s-p4", "school", "admin")
    results = await asyncio.gather(
        *(handlers.put_own_profile(put("s-p4", "school", name_en=f"S{i}"), admin, uow=uow) for i in range(5))
    )
    assert {r.org for r in results} == {"s-p4"}
    assert (await handlers.get_own_profile(admin, uow=uow)).version == 5  # four replacements after one creation


async def test_the_organisation_and_its_partners_see_a_profile_others_get_404(uow):
    await register(
        uow, ("s-p5", "school"), ("e-p5", "enterprise"), ("s-other-p5", "school"), ("e-other-p5", "enterprise")
    )
    drafted = await handlers.draft_agreement(
        commands.DraftAgreement("s-p5", "e-p5", "", date.today(), date.today() + timedelta(days=30), 1),
        who("s-p5", "school", "admin"),
        uow=uow,
    )
    with pytest.raises(NotFound):  # the school's draft makes it no partner of the enterprise until that one signs
        await handlers.get_profile("e-p5", who("s-p5", "school", "teacher"), uow=uow)
    for signer in (who("s-p5", "school", "admin"), who("e-p5", "enterprise", "hr")):
        await handlers.sign_agreement(commands.SignAgreement(drafted.id), signer, uow=uow)
    for viewer in (who("e-p5", "enterprise", "mentor"), who("s-p5", "school", "teacher")):
        assert (await handlers.get_profile("s-p5", viewer, uow=uow)).org == "s-p5"
    assert (await handlers.get_profile("s-p5", who("s-p5", "school", "student"), uow=uow)).org == "s-p5"
    with pytest.raises(NotFound):  # a student sees their own school's profile, not the partners' (staff business)
        await handlers.get_profile("e-p5", who("s-p5", "school", "student"), uow=uow)
    for viewer in (
        who("s-other-p5", "school", "admin"),  # another school
        who("e-other-p5", "enterprise", "hr"),  # another enterprise
        who("e-p5", "school", "admin"),  # a school named like the partner enterprise
        who("platform", "platform", "admin"),
    ):
        with pytest.raises(NotFound):
            await handlers.get_profile("s-p5", viewer, uow=uow)
    with pytest.raises(NotFound):
        await handlers.get_profile("nobody-p5", who("s-p5", "school", "admin"), uow=uow)


async def test_an_agreement_needs_both_parties_profiles_of_their_kind(uow):
    await register(uow, ("s-p6", "school"), ("s-as-e-p6", "school"))
    admin = who("s-p6", "school", "admin")
    period = (date.today(), date.today() + timedelta(days=30))

    async def refused(enterprise: str, school: Principal = admin) -> dict[str, str]:
        cmd = commands.DraftAgreement(school.org, enterprise, "", *period, 1)
        with pytest.raises(InvalidInput) as err:
            await handlers.draft_agreement(cmd, school, uow=uow)
        return {e.field: e.message for e in err.value.errors}

    missing = await refused("e-typo-p6")
    assert list(missing) == ["enterprise_org"] and "has no profile" in missing["enterprise_org"]
    assert "registered as a school" in (await refused("s-as-e-p6"))["enterprise_org"]
    await register(uow, ("e-p6", "enterprise"))
    assert list(await refused("e-p6", who("s-none-p6", "school", "admin"))) == ["school_org"]  # the drafter's own
    drafted = await handlers.draft_agreement(commands.DraftAgreement("s-p6", "e-p6", "", *period, 1), admin, uow=uow)
    assert drafted.enterprise_org == "e-p6"
    async with uow() as u:
        stored = await u.connection.execute(text("SELECT count(*) FROM agreement WHERE school_org = 's-p6'"))
        assert stored.scalar() == 1  # the refusals left nothing behind
