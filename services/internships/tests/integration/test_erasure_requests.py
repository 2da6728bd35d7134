"""The erasure requests internships coordinates, on a real migrated PostgreSQL: a school's admin asks (the request
and `internships.student.erasure_requested` commit together; asking again while pending answers the same request),
only that school's admin sees it, confirmations are recorded per service (a repeated, unknown or other school's one
changes nothing), and once every service confirmed the request completes and no longer names the student."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.handlers import erasure_requests as erasures
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.uow import UnitOfWorkFactory

T0 = datetime(2030, 2, 1, 8, tzinfo=UTC)
SERVICES = ["internships", "mentors", "notifications", "projects"]
SCHOOL = "school-erq"


def clock():
    return T0


def person(org: str, kind: str, *roles: str, sub: str = "x") -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset(roles))


ADMIN = person(SCHOOL, "school", "admin", sub="school-erq:dpo")


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_erasures", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def _request(uow, ref: str, principal: Principal = ADMIN, max_pending: int = 100):
    return await erasures.request_erasure(
        ref, principal, uow=uow, clock=clock, services=SERVICES, max_pending=max_pending
    )


async def test_the_request_and_its_event_commit_together_and_asking_again_answers_the_same(uow):
    first = await _request(uow, "stu-erq-1")
    again = await _request(uow, "stu-erq-1")
    assert (first.created, again.created, again.erasure.id) == (True, False, first.erasure.id)
    assert first.erasure.state.value == "pending"
    assert {s: c.state.value for s, c in first.erasure.services.items()} == dict.fromkeys(SERVICES, "pending")
    async with uow.engine.connect() as conn:
        events = (
            await conn.execute(
                text("SELECT payload FROM outbox WHERE subject = 't.internships.student.erasure_requested'")
            )
        ).scalars()
        payloads = [json.loads(p) for p in events]
    mine = [p for p in payloads if p["erasureId"] == str(first.erasure.id)]
    assert mine == [
        {
            "erasureId": str(first.erasure.id),
            "schoolOrg": SCHOOL,
            "studentRef": "stu-erq-1",
            "requestedAt": T0.isoformat(),
        }
    ]


@pytest.mark.parametrize(
    "who, error",
    [
        (person(SCHOOL, "school", "coordinator"), Forbidden),
        (person(SCHOOL, "school", "student", sub="stu-erq-2"), Forbidden),
        (person("ent-erq", "enterprise", "admin"), Forbidden),
        (person("platform", "platform", "admin"), Forbidden),
    ],
)
async def test_only_a_school_admin_asks(uow, who, error):
    with pytest.raises(error):
        await _request(uow, "stu-erq-2", who)


@pytest.mark.parametrize(
    "who, error",
    [
        (person("school-erq-else", "school", "admin"), NotFound),  # another school's: not there
        (person(SCHOOL, "enterprise", "admin"), NotFound),  # an enterprise named like the school is not it
        (person(SCHOOL, "school", "coordinator"), Forbidden),
        (person(SCHOOL, "school", "student", sub="stu-erq-3"), Forbidden),
    ],
)
async def test_only_the_schools_admin_sees_it(uow, who, error):
    made = (await _request(uow, "stu-erq-3")).erasure
    assert (await erasures.get_erasure(made.id, ADMIN, uow=uow)).id == made.id
    with pytest.raises(error):
        await erasures.get_erasure(made.id, who, uow=uow)


async def test_the_list_is_the_schools_own_newest_first_in_pages(uow):
    other = person("school-erq-list", "school", "admin")
    made = [(await _request(uow, f"stu-erq-l{n}", other)).erasure.id for n in range(3)]
    first, token = await erasures.list_erasures(other, page_size=2, page_token=None, uow=uow)
    rest, end = await erasures.list_erasures(other, page_size=2, page_token=token, uow=uow)
    assert {r.id for r in first + rest} == set(made) and len(first) == 2 and end is None
    assert all(r.school_org == "school-erq-list" for r in first + rest)
    with pytest.raises(Forbidden):
        await erasures.list_erasures(person("ent-erq", "enterprise", "admin"), page_size=2, page_token=None, uow=uow)


async def test_confirmations_complete_the_request_which_then_forgets_the_student(uow):
    made = (await _request(uow, "stu-erq-4")).erasure
    # another school's confirmation of this request, and one of an unknown request, change nothing
    assert await erasures.record_confirmation(made.id, "mentors", "school-x", {}, uow=uow, clock=clock) is None
    for n, service in enumerate(SERVICES):
        r = await erasures.record_confirmation(made.id, service, SCHOOL, {"t": n + 1}, uow=uow, clock=clock)
        again = await erasures.record_confirmation(made.id, service, SCHOOL, {"t": 99}, uow=uow, clock=clock)
        assert r.all_confirmed is (n == len(SERVICES) - 1)
        assert again.services[service].rows_changed == {"t": n + 1}  # the first confirmation stands
    assert await erasures.complete(made.id, uow=uow, clock=clock)
    assert not await erasures.complete(made.id, uow=uow, clock=clock)
    done = await erasures.get_erasure(made.id, ADMIN, uow=uow)
    assert (done.state.value, done.student_ref, done.completed_at) == ("completed", None, T0)
    async with uow.engine.connect() as conn:
        named = await conn.execute(text("SELECT count(*) FROM erasure_request WHERE student_ref = 'stu-erq-4'"))
        assert named.scalar_one() == 0
    # the school may erase the ref again later (e.g. a re-enrolled student): a new request
    assert (await _request(uow, "stu-erq-4")).created


async def test_completion_waits_for_every_service(uow):
    made = (await _request(uow, "stu-erq-5")).erasure
    await erasures.record_confirmation(made.id, "mentors", SCHOOL, {}, uow=uow, clock=clock)
    assert not await erasures.complete(made.id, uow=uow, clock=clock)
    assert (await erasures.get_erasure(made.id, ADMIN, uow=uow)).student_ref == "stu-erq-5"


async def test_a_school_has_at_most_the_cap_of_requests_pending(uow):
    admin = person("school-cap", "school", "admin", sub="school-cap:dpo")
    first = (await _request(uow, "stu-cap-1", admin, max_pending=2)).erasure
    await _request(uow, "stu-cap-2", admin, max_pending=2)
    with pytest.raises(Conflict):
        await _request(uow, "stu-cap-3", admin, max_pending=2)
    assert not (await _request(uow, "stu-cap-1", admin, max_pending=2)).created  # a pending one still answers
    other = person("school-cap-2", "school", "admin")
    assert (await _request(uow, "stu-cap-3", other, max_pending=2)).created  # another school's cap is its own
    for service in SERVICES:
        await erasures.record_confirmation(first.id, service, "school-cap", {}, uow=uow, clock=clock)
    assert await erasures.complete(first.id, uow=uow, clock=clock)
    assert (await _request(uow, "stu-cap-3", admin, max_pending=2)).created  # room again
