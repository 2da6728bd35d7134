"""The guidance sessions internships keeps from mentors' guidance.recorded events, on a real, migrated PostgreSQL:
kept once per session, summed per placement and per agreement (its placements and its pair's project teams), and
payloads that can never apply refused."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from google.protobuf import json_format
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.consumers.guidance import apply_guidance_event
from internships.main import MIGRATIONS
from praxis.events.v1 import guidance_pb2
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_guidance", migrated=MIGRATIONS)


@pytest.fixture
async def engine(database_url):
    engine = create_async_engine(database_url)
    yield engine
    await engine.dispose()


def units(engine) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)


def recorded(context_id: str, *, kind="placement", minutes=30, mode="onsite", school="s", enterprise="e", **over):
    fields = dict(
        session_id=str(uuid.uuid4()),
        assignment_id=str(uuid.uuid4()),
        context_kind=kind,
        context_id=context_id,
        side="enterprise",
        school_org=school,
        enterprise_org=enterprise,
        student_ref="stu" if kind == "placement" else f"team:{context_id}",
        mentor_id=str(uuid.uuid4()),
        mode=mode,
        minutes=minutes,
        held_on="2026-11-02",
        recorded_at="2026-11-03T08:00:00+00:00",
    )
    fields.update(over)
    return ReceivedEvent(
        id=str(uuid.uuid4()),
        type="praxis.mentors.guidance.recorded.v1",
        source="mentors",
        subject="",
        time="",
        data=json_format.MessageToJson(guidance_pb2.GuidanceRecorded(**fields)).encode(),
    )


async def test_sessions_are_kept_once_and_listed_per_placement(engine):
    p1, p2 = uuid.uuid4(), uuid.uuid4()
    first = recorded(str(p1), minutes=40)
    await apply_guidance_event(first, units(engine))
    await apply_guidance_event(first, units(engine))  # a replay (another event id would be the same session too)
    await apply_guidance_event(recorded(str(p1), minutes=20, mode="online"), units(engine))
    await apply_guidance_event(recorded(str(p2), minutes=15), units(engine))
    async with units(engine)() as u:
        found = await u.guidance.of_placements([p1, p2, uuid.uuid4()])
    assert sorted(found) == sorted([p1, p2])
    assert sorted(r.minutes for r in found[p1]) == [20, 40]
    assert {r.mode for r in found[p1]} == {"onsite", "online"}
    assert found[p2][0].held_on == date(2026, 11, 2)


async def test_an_organisations_sums_count_its_placements_and_teams(engine):
    school, enterprise = f"s-{uuid.uuid4().hex[:8]}", f"e-{uuid.uuid4().hex[:8]}"
    await apply_guidance_event(
        recorded(str(uuid.uuid4()), school=school, enterprise=enterprise, minutes=30), units(engine)
    )
    await apply_guidance_event(
        recorded(str(uuid.uuid4()), kind="project", school=school, enterprise=enterprise, minutes=50, mode="online"),
        units(engine),
    )
    await apply_guidance_event(recorded(str(uuid.uuid4()), school="other", enterprise=enterprise), units(engine))
    async with units(engine)() as u:
        mine = await u.guidance.of_org(school)
        theirs = await u.guidance.of_org(enterprise)
        # no placement of this (fresh) agreement: only the pair's project team counts
        agreement = await u.guidance.of_agreement(
            uuid.uuid4(),
            school_org=school,
            enterprise_org=enterprise,
            valid_from=date(2026, 1, 1),
            valid_to=date(2026, 12, 31),
        )
    assert (mine.sessions, mine.minutes, mine.onsite_minutes) == (2, 80, 30)
    assert (theirs.sessions, theirs.minutes) == (3, 110)
    assert (agreement.sessions, agreement.minutes, agreement.onsite_minutes) == (1, 50, 0)


@pytest.mark.parametrize(
    "over",
    [
        {"minutes": 0},
        {"mode": "telepathy"},
        {"context_kind": "course"},
        {"session_id": "not-a-uuid"},
        {"held_on": "yesterday"},
        {"school_org": ""},
    ],
)
async def test_payloads_that_can_never_apply_are_refused(engine, over):
    with pytest.raises(InvalidInput):
        await apply_guidance_event(recorded(str(uuid.uuid4()), **over), units(engine))
