"""Fixtures for cross-service tests: the three services as real processes on real servers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import nats
import pytest
from course_start import ready_to_start
from organisation_profiles import ensure_partners

from praxis_dev.testing.stack import Stack, eventually


async def published_event(stack: Stack, subject: str, about: str, *, timeout: float = 30) -> dict:
    """The payload of the first event on `<prefix>.<subject>` whose payload mentions `about` (e.g. an id), read from
    the stream (it must have left through the outbox); polled with a deadline."""
    nc = await nats.connect(stack.nats_url)
    try:
        sub = await nc.jetstream().subscribe(f"{stack.prefix}.{subject}", ordered_consumer=True)

        async def next_one():
            try:
                msg = await sub.next_msg(timeout=0.5)
            except Exception:
                return None
            return json.loads(msg.data) if about in msg.data.decode() else None

        return await eventually(next_one, timeout=timeout, what=f"a {subject} event about {about}")
    finally:
        await nc.close()


@pytest.fixture(scope="module")
def read_event(stack: Stack):
    """`await read_event("internships.placement.completed", placement_id)`: see published_event."""

    async def read(subject: str, about: str, *, timeout: float = 30) -> dict:
        return await published_event(stack, subject, about, timeout=timeout)

    return read


@pytest.fixture(scope="session")
def shared_stack(nats_server, session_event_prefix, session_database_factory, tmp_path_factory) -> Iterator[Stack]:
    """The one stack of the session that every module not marked `destructive` talks to (over REST, gRPC and the
    event stream only): modules keep apart by using organisations of their own."""
    s = Stack(nats_server, session_event_prefix, tmp_path_factory.mktemp("shared-stack"), session_database_factory)
    try:
        yield s.start()
    finally:
        s.stop()


@pytest.fixture(scope="module")
def stack(request: pytest.FixtureRequest) -> Iterator[Stack]:
    """The session's shared stack; a stack of the module's own (its own databases and event prefix) for a module
    marked `pytestmark = pytest.mark.destructive` (it stops, restarts or adds processes, or changes settings)."""
    if request.node.get_closest_marker("destructive") is None:
        shared: Stack = request.getfixturevalue("shared_stack")
        yield shared
        stopped = [name for name, service in shared.services.items() if service.proc.poll() is not None]
        assert not stopped, f"{request.node.name} stopped {stopped} of the shared stack: mark it destructive"
        return
    nats_server = request.getfixturevalue("nats_server")
    prefix, databases = request.getfixturevalue("event_prefix"), request.getfixturevalue("database_factory")
    s = Stack(nats_server, prefix, request.getfixturevalue("tmp_path_factory").mktemp("stack"), databases)
    try:
        yield s.start()
    finally:
        s.stop()


class Steps(dict):
    """What a scenario's ordered step tests hand on (`steps["tid"] = tid`): a module's steps run in file order, and
    a step needing what an earlier step did not leave (it failed) is skipped, naming what is missing."""

    def __getitem__(self, key: str):
        self.after(key)
        return super().__getitem__(key)

    def after(self, *keys: str) -> None:
        missing = [k for k in keys if k not in self]
        if missing:
            pytest.skip(f"an earlier step failed: no {', '.join(missing)}")


@pytest.fixture(scope="module")
def steps() -> Steps:
    return Steps()


class Internships:
    """REST set-up shared by the internships tests: agreements (with both parties' profiles) signed by both sides,
    bases, positions, bookings.

    Figures default to what the default compliance policy accepts; pass overrides to test the rules."""

    BASE = {"tier": 1, "country": "CN", "city": "Shenzhen", "capacity": 500, "staff": 10_000}
    POSITION = {
        "post_staff": 5_000,
        "monthly_pay": "4000",
        "reference_monthly_wage": "4500",
        "duties": [{"name": "listings", "kind": "core"}],
    }

    def __init__(self, stack: Stack) -> None:
        self.stack = stack

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.stack["internships"].base_url, timeout=30)

    async def agreement(
        self,
        c: httpx.AsyncClient,
        school: str,
        enterprise: str,
        *,
        quota: int = 5,
        valid_from: date | None = None,
        days: int = 365,
    ) -> str:
        start = valid_from or date.today()
        s, e = self.stack.auth(school, "school", "admin"), self.stack.auth(enterprise, "enterprise", "hr")
        await ensure_partners(c, self.stack, school, enterprise)
        r = await c.post(
            "/v1/agreements",
            headers=s,
            json={
                "school_org": school,
                "enterprise_org": enterprise,
                "valid_from": start.isoformat(),
                "valid_to": (start + timedelta(days=days)).isoformat(),
                "intern_quota": quota,
            },
        )
        assert r.status_code == 201, r.text
        for headers in (s, e):
            signed = await c.post(f"/v1/agreements/{r.json()['id']}/sign", headers=headers)
            assert signed.status_code == 200, signed.text
        return r.json()["id"]

    async def position(
        self,
        c: httpx.AsyncClient,
        enterprise: str,
        agreement_id: str,
        *,
        seats: int,
        starts_on: date,
        days: int = 90,
        base: dict | None = None,
        **fields,
    ) -> dict:
        """A published position at a base of its own."""
        e = self.stack.auth(enterprise, "enterprise", "hr")
        made = await c.post(
            "/v1/bases",
            headers=e,
            json={"agreement_id": agreement_id, "name": "Hub", **(self.BASE if base is None else base)},
        )
        assert made.status_code == 201, made.text
        position = await c.post(
            "/v1/positions",
            headers=e,
            json={
                "base_id": made.json()["id"],
                "title": "Store operations intern",
                "seats": seats,
                "starts_on": starts_on.isoformat(),
                "ends_on": (starts_on + timedelta(days=days)).isoformat(),
                **(self.POSITION | fields),
            },
        )
        assert position.status_code == 201, position.text
        published = await c.post(f"/v1/positions/{position.json()['id']}/publish", headers=e)
        assert published.status_code == 200, published.text
        return published.json()

    async def book(self, c: httpx.AsyncClient, school: str, position_id: str, student: str, **fields):
        return await c.post(
            "/v1/placements",
            headers=self.stack.auth(school, "school", "admin"),
            json={"position_id": position_id, "student_ref": student, **fields},
        )


@pytest.fixture(scope="module")
def internships(stack: Stack) -> Internships:
    return Internships(stack)


async def active_placement(
    internships: Internships,
    c: httpx.AsyncClient,
    school: str,
    enterprise: str,
    student: str,
    *,
    starts_on: date,
    duties: list[dict],
    base: dict | None = None,
    days: int = 120,
) -> dict:
    """A placement that has started (booked, confirmed, its agreement signed, started), at a position of its own
    running `days` days."""
    stack = internships.stack
    s, e = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    agreement = await internships.agreement(c, school, enterprise, valid_from=starts_on - timedelta(days=7))
    position = await internships.position(
        c, enterprise, agreement, seats=2, starts_on=starts_on, days=days, base=base, duties=duties
    )
    booked = await internships.book(c, school, position["id"], student, birth_date="2004-01-01")
    assert booked.status_code == 201, booked.text
    placement = booked.json()["id"]
    await c.post(f"/v1/placements/{placement}/confirm", headers=e)
    await ready_to_start(c, stack, booked.json())
    started = await c.post(f"/v1/placements/{placement}/start", headers=s)
    assert started.json()["status"] == "active", started.text
    return started.json()


@pytest.fixture(scope="module")
def start_placement(internships: Internships):
    """`await start_placement(client, school, enterprise, student, starts_on=…, duties=[…])`."""

    async def start(c: httpx.AsyncClient, school: str, enterprise: str, student: str, **kwargs) -> dict:
        return await active_placement(internships, c, school, enterprise, student, **kwargs)

    return start


async def assign_enterprise_mentor(
    stack: Stack, placement: dict, account: str, *, capacity: int = 5, wait: bool = True
) -> dict:
    """A mentor of the placement's enterprise, created in the mentors service and signing in as `account` (a token's
    `sub`), who takes the placement's waiting enterprise-side assignment; returned once internships knows of the
    assignment (from mentors' events) and so lets that mentor review the placement's logbook (`wait`), or at once."""
    enterprise = placement["enterprise_org"]
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        made = await m.post(
            "/v1/mentors",
            headers=stack.auth(enterprise, "enterprise", "hr"),
            json={"kind": "enterprise", "display_name": account, "capacity": capacity, "account": account},
        )
        assert made.status_code == 201, made.text
        mentor = made.json()
    if wait:
        await reviewer_known(stack, placement, mentor["id"])
    return mentor


async def reviewer_known(stack: Stack, placement: dict, mentor_id: str, *, timeout: float = 30) -> None:
    """Wait until internships names `mentor_id` as the placement's enterprise mentor (its logbook's reviewer)."""
    school = stack.auth(placement["school_org"], "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:

        async def known() -> bool:
            book = await c.get(f"/v1/placements/{placement['id']}/logbook", headers=school)
            return book.json().get("enterprise_mentor_id") == mentor_id

        await eventually(known, timeout=timeout, what=f"internships to learn that mentor {mentor_id} reviews")


@pytest.fixture(scope="module")
def assign_mentor(stack: Stack):
    """`await assign_mentor(placement, account)`: see assign_enterprise_mentor."""

    async def assign(placement: dict, account: str, **kwargs) -> dict:
        return await assign_enterprise_mentor(stack, placement, account, **kwargs)

    return assign


@pytest.fixture(scope="module")
def reviewer(stack: Stack):
    """`await reviewer(placement, mentor_id)`: see reviewer_known."""

    async def wait(placement: dict, mentor_id: str) -> None:
        await reviewer_known(stack, placement, mentor_id)

    return wait


class Mentors:
    """REST set-up shared by the mentors tests: mentors of an organisation, and a student's current mentors."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack

    def client(self, replica: str = "mentors") -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.stack[replica].base_url, timeout=30)

    def manager(self, org: str, kind: str) -> dict[str, str]:
        return self.stack.auth(org, kind, "admin" if kind == "school" else "hr")

    async def mentor(self, c: httpx.AsyncClient, org: str, kind: str, *, capacity: int, **fields) -> dict:
        """A mentor of `org` (created by one of its managers); `fields` as in POST /v1/mentors."""
        body = {"kind": kind, "display_name": f"{org} mentor", "capacity": capacity, **fields}
        r = await c.post("/v1/mentors", headers=self.manager(org, kind), json=body)
        assert r.status_code == 201, r.text
        return r.json()

    async def of_student(self, c: httpx.AsyncClient, org: str, kind: str, student: str) -> dict[str, dict]:
        """The student's current assignments as `org` sees them, by side ({} when it sees none)."""
        r = await c.get(f"/v1/students/{student}/mentors", headers=self.manager(org, kind))
        if r.status_code == 404:
            return {}
        assert r.status_code == 200, r.text
        return {a["side"]: a for a in r.json()["assignments"]}


@pytest.fixture(scope="module")
def mentors(stack: Stack) -> Mentors:
    return Mentors(stack)


class Rounds:
    """REST set-up shared by the allocation round tests: a round with positions and students, lists, rankings."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack

    def school(self, org: str) -> dict[str, str]:
        return self.stack.auth(org, "school", "coordinator")

    def enterprise(self, org: str) -> dict[str, str]:
        return self.stack.auth(org, "enterprise", "hr")

    async def create(self, c: httpx.AsyncClient, school: str, **fields) -> dict:
        r = await c.post("/v1/rounds", headers=self.school(school), json={"title": "Spring placements", **fields})
        assert r.status_code == 201, r.text
        return r.json()

    async def accept(self, c: httpx.AsyncClient, school: str, round_id: str) -> dict:
        """The invited co-owner `school` joins the round."""
        r = await c.post(f"/v1/rounds/{round_id}/accept", headers=self.school(school))
        assert r.status_code == 200, r.text
        return r.json()

    async def add_positions(self, c: httpx.AsyncClient, school: str, round_id: str, *position_ids: str) -> None:
        for pid in position_ids:
            r = await c.put(f"/v1/rounds/{round_id}/positions/{pid}", headers=self.school(school))
            assert r.status_code == 200, r.text

    async def add_students(self, c: httpx.AsyncClient, school: str, round_id: str, students: dict[str, list[str]]):
        """`students`: student_ref -> shared competencies."""
        body = {
            "students": [
                {"student_ref": ref, "profile": {"display_name": ref.upper(), "competencies": tags}}
                for ref, tags in students.items()
            ]
        }
        r = await c.post(f"/v1/rounds/{round_id}/students", headers=self.school(school), json=body)
        assert r.status_code == 200, r.text
        return r.json()

    async def prefer(self, c: httpx.AsyncClient, school: str, round_id: str, student: str, positions: list[str]):
        return await c.put(
            f"/v1/rounds/{round_id}/students/{student}/preferences",
            headers=self.school(school),
            json={"positions": positions},
        )

    async def rank(self, c: httpx.AsyncClient, enterprise: str, round_id: str, position_id: str, groups):
        """`groups`: tie groups of (school_org, student_ref)."""
        return await c.put(
            f"/v1/rounds/{round_id}/positions/{position_id}/ranking",
            headers=self.enterprise(enterprise),
            json={"groups": [[{"school_org": s, "student_ref": r} for s, r in g] for g in groups]},
        )

    async def act(self, c: httpx.AsyncClient, school: str, round_id: str, action: str) -> httpx.Response:
        """close, reopen, compute or publish, as `school`."""
        return await c.post(f"/v1/rounds/{round_id}/{action}", headers=self.school(school))


@pytest.fixture(scope="module")
def rounds(stack: Stack) -> Rounds:
    return Rounds(stack)
