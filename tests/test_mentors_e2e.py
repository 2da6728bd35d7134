"""Dual mentors end to end: real internships and mentors processes on real NATS JetStream and PostgreSQL.

Placements are confirmed, started and completed through the internships REST API only; what the mentors
service made of their events is read through its own REST API only."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta

import httpx
import nats
import pytest
from course_start import ready_to_start

from praxis_common.jetstream import stream_name
from praxis_dev.testing.stack import Stack, eventually

pytestmark = pytest.mark.destructive  # adds a second mentors process (a replica) to its stack
TODAY = date.today()
WAIT = 30  # seconds: a bounded wait for events to travel outbox → NATS → consumer


@pytest.fixture(scope="module")
def replica(stack: Stack):
    """A second mentors process on the same database: both consume the placement events."""
    return stack.add_replica("mentors")


async def booked_placements(
    c: httpx.AsyncClient, internships, school: str, enterprise: str, students: list[str], *, starts_on: date, **position
) -> list[str]:
    """Placements (requested) of the students in one position of an agreement of their own."""
    agreement = await internships.agreement(
        c, school, enterprise, quota=len(students) + 5, valid_from=min(starts_on, TODAY) - timedelta(days=7)
    )
    made = await internships.position(
        c,
        enterprise,
        agreement,
        seats=len(students),
        starts_on=starts_on,
        base={**internships.BASE, "capacity": 500},
        **position,
    )
    replies = await asyncio.gather(
        *(
            internships.book(
                c, school, made["id"], s, birth_date="2004-01-01", profile={"languages": ["ms"], "competencies": []}
            )
            for s in students
        )
    )
    assert all(r.status_code == 201 for r in replies), {r.text for r in replies if r.status_code != 201}
    return [r.json()["id"] for r in replies]


async def confirm(c: httpx.AsyncClient, stack: Stack, enterprise: str, placement_id: str) -> None:
    r = await c.post(f"/v1/placements/{placement_id}/confirm", headers=stack.auth(enterprise, "enterprise", "hr"))
    assert r.status_code == 200 and r.json()["status"] == "confirmed", r.text


async def test_a_confirmed_placement_gets_a_school_and_an_enterprise_mentor(stack, internships, mentors):
    school, enterprise = "school-dual", "ent-dual"
    async with internships.client() as c, mentors.client() as m:
        await mentors.mentor(m, school, "school", capacity=5, display_name="Generalist")
        teacher = await mentors.mentor(
            m, school, "school", capacity=5, display_name="Logistics teacher", expertise=["logistics"]
        )
        await mentors.mentor(m, enterprise, "enterprise", capacity=5, display_name="Chinese only", languages=["zh"])
        host = await mentors.mentor(
            m, enterprise, "enterprise", capacity=5, display_name="Malay speaker", languages=["ms"]
        )
        [placement] = await booked_placements(
            c,
            internships,
            school,
            enterprise,
            ["stu-dual"],
            starts_on=TODAY + timedelta(days=20),
            competencies=["logistics"],
        )
        assert await mentors.of_student(m, school, "school", "stu-dual") == {}  # requested: nothing yet
        await confirm(c, stack, enterprise, placement)

        pair = await eventually(
            lambda: _both_sides(mentors, m, school, "school", "stu-dual"),
            timeout=WAIT,
            what="a school and an enterprise mentor for the confirmed placement",
        )
        assert pair["school"]["mentor"]["id"] == teacher["id"]  # expertise overlap with the position
        assert pair["enterprise"]["mentor"]["id"] == host["id"]  # shares the student's language
        for side, org in (("school", school), ("enterprise", enterprise)):
            a = pair[side]
            assert (a["status"], a["context_kind"], a["context_id"], a["org"]) == (
                "active",
                "placement",
                placement,
                org,
            )
            assert a["competencies"] == ["logistics"]
        assert await mentors.of_student(m, enterprise, "enterprise", "stu-dual") == pair  # the host sees the same
        assert await mentors.of_student(m, "school-else", "school", "stu-dual") == {}  # another school sees nothing
        teacher_now = (await m.get(f"/v1/mentors/{teacher['id']}", headers=mentors.manager(school, "school"))).json()
        assert (teacher_now["load"], teacher_now["free_seats"]) == (1, 4)
        history = await m.get(
            f"/v1/assignments/{pair['school']['id']}/history", headers=mentors.manager(school, "school")
        )
        assert [(h["action"], h["how"]) for h in history.json()["items"]] == [("assigned", "automatic")]


async def test_a_redelivered_confirmation_creates_no_second_assignment(stack, internships, mentors):
    school, enterprise = "school-redo", "ent-redo"
    async with internships.client() as c, mentors.client() as m:
        teacher = await mentors.mentor(m, school, "school", capacity=5)
        await mentors.mentor(m, enterprise, "enterprise", capacity=5)
        [placement] = await booked_placements(
            c, internships, school, enterprise, ["stu-redo"], starts_on=TODAY + timedelta(days=20)
        )
        await confirm(c, stack, enterprise, placement)
        first = await eventually(
            lambda: _both_sides(mentors, m, school, "school", "stu-redo"), timeout=WAIT, what="the first assignment"
        )

        nc = await nats.connect(stack.nats_url)
        try:
            js = nc.jetstream()
            stream = stream_name(stack.prefix, "internships")
            original = await js.get_last_msg(stream, f"{stack.prefix}.internships.placement.confirmed")
            assert placement in original.data.decode()
            headers = dict(original.headers)
            # 1. The same event again (same ce-id) as a new message: JetStream's dedup does not stop it ...
            redelivered = await js.publish(
                original.subject, original.data, headers={**headers, "Nats-Msg-Id": str(uuid.uuid4())}
            )
            # 2. ... nor the same payload under a new event id (a replay, as from a restored backup).
            replayed_id = str(uuid.uuid4())
            replayed = await js.publish(
                original.subject,
                original.data,
                headers={**headers, "Nats-Msg-Id": replayed_id, "ce-id": replayed_id},
            )
            assert replayed.seq > redelivered.seq > original.seq
            await eventually(
                lambda: _consumed_up_to(js, stream, "mentors-placements", replayed.seq),
                timeout=WAIT,
                what="the mentors consumer to have applied and acknowledged both copies",
            )
        finally:
            await nc.close()

        everything = await m.get(
            "/v1/students/stu-redo/mentors", params={"include_ended": True}, headers=mentors.manager(school, "school")
        )
        assignments = everything.json()["assignments"]
        assert sorted(a["side"] for a in assignments) == ["enterprise", "school"]  # still one per side
        assert {a["id"] for a in assignments} == {first["school"]["id"], first["enterprise"]["id"]}
        again = (await m.get(f"/v1/mentors/{teacher['id']}", headers=mentors.manager(school, "school"))).json()
        assert again["load"] == 1


async def test_100_confirmations_at_once_for_60_school_seats_on_two_processes(stack, replica, internships, mentors):
    school, enterprise = "school-crowd", "ent-crowd"
    students = [f"stu-{n:03}" for n in range(100)]
    seats = [10, 15, 15, 20]
    async with internships.client() as c, mentors.client() as m:
        placements = await booked_placements(
            c, internships, school, enterprise, students, starts_on=TODAY + timedelta(days=30)
        )
        for n, capacity in enumerate(seats):
            await mentors.mentor(m, school, "school", capacity=capacity, display_name=f"Teacher {n}")
        await mentors.mentor(m, enterprise, "enterprise", capacity=100)
        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(base_url=c.base_url, limits=limits, timeout=60) as burst:
            await asyncio.gather(*(confirm(burst, stack, enterprise, p) for p in placements))

        s = mentors.manager(school, "school")

        async def school_side_settled():
            page = await m.get("/v1/assignments", params={"side": "school", "page_size": 200}, headers=s)
            items = page.json()["items"]
            return items if len(items) == 100 else None

        items = await eventually(school_side_settled, timeout=60, what="a school-side assignment for all 100")
        active = [a for a in items if a["status"] == "active"]
        pending = [a for a in items if a["status"] == "pending"]
        assert (len(active), len(pending)) == (60, 40)
        assert len({a["student_ref"] for a in active}) == 60
        listed = (await m.get("/v1/assignments/pending", headers=s)).json()["items"]
        assert sorted(a["id"] for a in listed) == sorted(a["id"] for a in pending)  # the needs-a-mentor list
        teachers = (await m.get("/v1/mentors", headers=s)).json()["items"]
        assert sorted((t["capacity"], t["load"]) for t in teachers) == [(c_, c_) for c_ in sorted(seats)]
        per_mentor: dict[str, int] = {}
        for a in active:
            per_mentor[a["mentor"]["id"]] = per_mentor.get(a["mentor"]["id"], 0) + 1
        assert all(per_mentor[t["id"]] == t["capacity"] for t in teachers)  # nobody over capacity
        report = (await m.get("/v1/reports/pending-assignments", headers=s)).json()
        assert report["by_side"] == {"school": 40, "enterprise": 0}
        load = (await m.get("/v1/reports/mentor-load", headers=s)).json()
        assert (load["total_capacity"], load["total_load"], load["buckets"]["full"]) == (60, 60, 4)
        host = mentors.manager(enterprise, "enterprise")
        enterprise_side = await m.get("/v1/assignments", params={"side": "enterprise", "page_size": 200}, headers=host)
        assert {a["status"] for a in enterprise_side.json()["items"]} == {"active"}
        assert len(enterprise_side.json()["items"]) == 100


async def test_completing_a_placement_frees_the_seat_for_the_oldest_waiting_student(stack, internships, mentors):
    school, enterprise = "school-free", "ent-free"
    s, e = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    async with internships.client() as c, mentors.client() as m:
        teacher = await mentors.mentor(m, school, "school", capacity=1)
        await mentors.mentor(m, enterprise, "enterprise", capacity=5)
        first, second = await booked_placements(c, internships, school, enterprise, ["stu-a", "stu-b"], starts_on=TODAY)
        await confirm(c, stack, enterprise, first)
        await eventually(
            lambda: _both_sides(mentors, m, school, "school", "stu-a"), timeout=WAIT, what="stu-a's mentors"
        )
        await confirm(c, stack, enterprise, second)
        waiting = await eventually(
            lambda: _side(mentors, m, school, "stu-b", "school", "pending"), timeout=WAIT, what="stu-b waiting"
        )
        assert waiting["mentor"] is None
        listed = (await m.get("/v1/assignments/pending", headers=mentors.manager(school, "school"))).json()["items"]
        assert [a["id"] for a in listed] == [waiting["id"]]

        await ready_to_start(c, stack, (await c.get(f"/v1/placements/{first}", headers=s)).json())
        started = await c.post(f"/v1/placements/{first}/start", headers=s)
        assert started.json()["status"] == "active", started.text
        done = await c.post(
            f"/v1/placements/{first}/complete", headers=e, json={"force": True, "reason": "finished the project early"}
        )
        assert done.json()["status"] == "completed", done.text

        filled = await eventually(
            lambda: _side(mentors, m, school, "stu-b", "school", "active"),
            timeout=WAIT,
            what="the freed seat to go to stu-b",
        )
        assert filled["id"] == waiting["id"] and filled["mentor"]["id"] == teacher["id"]
        assert await mentors.of_student(m, school, "school", "stu-a") == {}  # stu-a's assignments ended
        history = (
            await m.get(f"/v1/assignments/{filled['id']}/history", headers=mentors.manager(school, "school"))
        ).json()["items"]
        assert [(h["action"], h["how"]) for h in history] == [("pending", None), ("assigned", "filled")]
        assert history[-1]["reason"] == "capacity freed: placement completed"
        ended = await m.get(
            "/v1/students/stu-a/mentors", params={"include_ended": True}, headers=mentors.manager(school, "school")
        )
        assert {(a["status"], a["end_reason"]) for a in ended.json()["assignments"]} == {("ended", "completed")}
        teacher_now = (await m.get(f"/v1/mentors/{teacher['id']}", headers=mentors.manager(school, "school"))).json()
        assert teacher_now["load"] == 1 and teacher_now["capacity"] == 1


async def _both_sides(mentors, m, org: str, kind: str, student: str) -> dict | None:
    pair = await mentors.of_student(m, org, kind, student)
    if set(pair) == {"school", "enterprise"} and all(a["status"] == "active" for a in pair.values()):
        return pair
    return None


async def _side(mentors, m, school: str, student: str, side: str, status: str) -> dict | None:
    found = (await mentors.of_student(m, school, "school", student)).get(side)
    return found if found and found["status"] == status else None


async def _consumed_up_to(js, stream: str, durable: str, seq: int) -> bool:
    info = await js.consumer_info(stream, durable)
    return info.ack_floor.stream_seq >= seq and info.num_ack_pending == 0
