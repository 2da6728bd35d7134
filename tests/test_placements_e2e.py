"""Placements through REST against real processes: capacity and quota under concurrency, lifecycle, isolation."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import httpx
import pytest
from course_start import ready_to_start

from praxis_dev.testing.stack import Stack, eventually

pytestmark = pytest.mark.destructive  # adds a second internships process (a replica) to its stack
TODAY = date.today()


@pytest.fixture(scope="module")
def replica(stack: Stack):
    """A second internships process sharing the first one's database."""
    return stack.add_replica("internships")


async def published_position(
    client,
    internships,
    enterprise: str,
    agreement_id: str,
    seats: int,
    *,
    capacity: int = 500,
    competencies=("platform-operation",),
    starts_in: int = 30,
) -> dict:
    return await internships.position(
        client,
        enterprise,
        agreement_id,
        seats=seats,
        starts_on=TODAY + timedelta(days=starts_in),
        base={**internships.BASE, "capacity": capacity},
        competencies=list(competencies),
        languages=["en"],
        description="listings and promotions",
    )


async def storm(stack: Stack, replica, school: str, position_id: str, n: int) -> list[httpx.Response]:
    """n bookings at once for n different students, spread over two service processes."""
    headers = stack.auth(school, "school", "admin")
    limits = httpx.Limits(max_connections=100)
    async with (
        httpx.AsyncClient(base_url=stack["internships"].base_url, limits=limits, timeout=30) as a,
        httpx.AsyncClient(base_url=replica.base_url, limits=limits, timeout=30) as b,
    ):
        return await asyncio.gather(
            *(
                (a if i % 2 else b).post(
                    "/v1/placements", headers=headers, json={"position_id": position_id, "student_ref": f"stu-{i}"}
                )
                for i in range(n)
            )
        )


async def test_200_concurrent_bookings_for_10_seats_on_two_processes(stack, replica, internships):
    school, enterprise = "school-rush", "ent-rush"
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await internships.agreement(client, school, enterprise, quota=1000)
        position = await published_position(client, internships, enterprise, agreement, seats=10)
        replies = await storm(stack, replica, school, position["id"], 200)
        booked = [r for r in replies if r.status_code == 201]
        refused = [r for r in replies if r.status_code == 409]
        assert (len(booked), len(refused)) == (10, 190), sorted({r.status_code for r in replies})
        assert {r.json()["type"] for r in refused} == {"urn:praxis:problem:seats-exhausted"}
        assert all(r.headers["content-type"] == "application/problem+json" for r in refused)
        after = await client.get(f"/v1/positions/{position['id']}", headers=stack.auth(enterprise, "enterprise", "hr"))
        assert after.json()["seats_taken"] == 10 and after.json()["open_seats"] == 0
        listed = await client.get(
            "/v1/placements", params={"page_size": 200}, headers=stack.auth(school, "school", "admin")
        )
        assert len(listed.json()["items"]) == 10


async def test_200_concurrent_bookings_against_an_intern_quota_of_10(stack, replica, internships):
    school, enterprise = "school-quota", "ent-quota"
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await internships.agreement(client, school, enterprise, quota=10)
        first = await published_position(client, internships, enterprise, agreement, seats=150)
        second = await published_position(client, internships, enterprise, agreement, seats=150, starts_in=200)
        replies = await asyncio.gather(
            storm(stack, replica, school, first["id"], 100), storm(stack, replica, school, second["id"], 100)
        )
        replies = [r for batch in replies for r in batch]
        booked = [r for r in replies if r.status_code == 201]
        refused = [r for r in replies if r.status_code == 409]
        assert (len(booked), len(refused)) == (10, 190), sorted({r.status_code for r in replies})
        assert {r.json()["type"] for r in refused} <= {
            "urn:praxis:problem:quota-exhausted",
            "urn:praxis:problem:overlapping-placement",
        }


async def test_lifecycle_frees_and_keeps_seats_as_it_should(stack, internships):
    school, enterprise = "school-life", "ent-life"
    s, e = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await internships.agreement(client, school, enterprise, quota=5)
        position = await published_position(client, internships, enterprise, agreement, seats=1, starts_in=0)

        async def book(student, attempt=1):
            return await client.post(
                "/v1/placements",
                headers={**s, "Idempotency-Key": f"book-{student}-{attempt}"},
                json={
                    "position_id": position["id"],
                    "student_ref": student,
                    "profile": {"display_name": "Li Wei", "languages": ["zh"]},
                    "birth_date": "2005-05-05",
                },
            )

        first = await book("stu-a")
        assert first.status_code == 201 and first.json()["status"] == "requested"
        assert (await book("stu-b")).status_code == 409  # the only seat is held
        assert (await book("stu-a")).headers.get("idempotent-replayed") == "true"
        pid = first.json()["id"]
        rejected = await client.post(f"/v1/placements/{pid}/reject", headers=e, json={"reason": "not this term"})
        assert rejected.json()["status"] == "rejected"
        assert (await book("stu-b")).status_code == 409  # same key: the first answer is the answer
        second = await book("stu-b", attempt=2)
        assert second.status_code == 201  # the seat came back
        pid = second.json()["id"]
        wrong_side = await client.post(f"/v1/placements/{pid}/confirm", headers=s)
        assert wrong_side.status_code == 403
        assert (await client.post(f"/v1/placements/{pid}/confirm", headers=e)).json()["status"] == "confirmed"
        early = await client.post(f"/v1/placements/{pid}/complete", headers=e)
        assert early.status_code == 409 and early.json()["type"] == "urn:praxis:problem:illegal-transition"
        unsigned = await client.post(f"/v1/placements/{pid}/start", headers=s)
        assert unsigned.status_code == 422 and unsigned.json()["rule"] == "student-consent"
        await ready_to_start(client, stack, second.json())
        started = await client.post(f"/v1/placements/{pid}/start", headers=s)
        assert started.json()["status"] == "active", started.text
        no_reason = await client.post(f"/v1/placements/{pid}/terminate", headers=s)
        assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reason", no_reason.text
        done = await client.post(f"/v1/placements/{pid}/terminate", headers=s, json={"reason": "moved city"})
        assert done.json()["status"] == "terminated" and done.json()["reason"] == "moved city"
        seats = (await client.get(f"/v1/positions/{position['id']}", headers=e)).json()
        assert seats["seats_taken"] == 1  # a terminated placement still counts
        shared = (await client.get(f"/v1/placements/{pid}", headers=e)).json()["profile"]
        assert shared == {"display_name": "Li Wei", "languages": ["zh"], "competencies": []}


async def test_a_student_cannot_hold_two_overlapping_placements(stack, internships):
    school, enterprise = "school-overlap", "ent-overlap"
    s = stack.auth(school, "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await internships.agreement(client, school, enterprise, quota=5)
        one = await published_position(client, internships, enterprise, agreement, seats=3)
        two = await published_position(client, internships, enterprise, agreement, seats=3, starts_in=60)
        later = await published_position(client, internships, enterprise, agreement, seats=3, starts_in=200)
        replies = await asyncio.gather(
            *(
                client.post("/v1/placements", headers=s, json={"position_id": p["id"], "student_ref": "stu-x"})
                for p in (one, two)
            )
        )
        assert sorted(r.status_code for r in replies) == [201, 409]
        assert [r.json()["type"] for r in replies if r.status_code == 409] == [
            "urn:praxis:problem:overlapping-placement"
        ]
        assert (
            await client.post("/v1/placements", headers=s, json={"position_id": later["id"], "student_ref": "stu-x"})
        ).status_code == 201


async def test_schools_see_positions_only_of_enterprises_they_hold_an_agreement_with(stack, internships):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await internships.agreement(client, "school-see", "ent-see", quota=5)
        position = await published_position(
            client, internships, "ent-see", agreement, seats=2, competencies=("data-analysis",)
        )
        mine = await client.get(
            "/v1/positions", params={"competency": "data-analysis"}, headers=stack.auth("school-see", "school", "admin")
        )
        assert [p["id"] for p in mine.json()["items"]] == [position["id"]]
        outsider = stack.auth("school-stranger", "school", "admin")
        assert (await client.get("/v1/positions", headers=outsider)).json()["items"] == []
        assert (await client.get(f"/v1/positions/{position['id']}", headers=outsider)).status_code == 404
        booked = await client.post(
            "/v1/placements", headers=outsider, json={"position_id": position["id"], "student_ref": "s1"}
        )
        assert booked.status_code == 404


async def test_completing_long_before_the_end_date_needs_force_with_a_reason_and_says_so(
    stack, start_placement, read_event
):
    school, enterprise = "school-force", "ent-force"
    e = stack.auth(enterprise, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        placement = await start_placement(
            client, school, enterprise, "stu-force", starts_on=TODAY, duties=[{"name": "listings", "kind": "core"}]
        )  # a 120-day term that began today
        pid = placement["id"]
        early = await client.post(f"/v1/placements/{pid}/complete", headers=e)
        assert early.status_code == 409 and early.json()["type"] == "urn:praxis:problem:completion-before-end"
        assert placement["ends_on"] in early.json()["detail"]
        no_reason = await client.post(f"/v1/placements/{pid}/complete", headers=e, json={"force": True})
        assert no_reason.status_code == 422 and [x["field"] for x in no_reason.json()["errors"]] == ["reason"]
        not_a_flag = await client.post(f"/v1/placements/{pid}/complete", headers=e, json={"force": "yes"})
        assert not_a_flag.status_code == 422
        still = (await client.get(f"/v1/placements/{pid}", headers=e)).json()
        assert (still["status"], still["forced"]) == ("active", False)
        done = await client.post(
            f"/v1/placements/{pid}/complete", headers=e, json={"force": True, "reason": "the store closed for good"}
        )
        assert done.status_code == 200, done.text
        assert (done.json()["status"], done.json()["forced"], done.json()["reason"]) == (
            "completed",
            True,
            "the store closed for good",
        )
    event = await read_event("internships.placement.completed", pid)
    assert (event["forced"], event["reason"]) == (True, "the store closed for good")


async def test_events_reach_the_stream(stack, internships):
    """placement.requested leaves through the outbox (the other services will consume it)."""
    import nats

    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await internships.agreement(client, "school-ev", "ent-ev", quota=5)
        position = await published_position(client, internships, "ent-ev", agreement, seats=2)
        booked = await client.post(
            "/v1/placements",
            headers=stack.auth("school-ev", "school", "admin"),
            json={"position_id": position["id"], "student_ref": "stu-ev"},
        )
    nc = await nats.connect(stack.nats_url)
    try:
        js = nc.jetstream()
        sub = await js.subscribe(f"{stack.prefix}.internships.placement.requested", ordered_consumer=True)

        async def mine():
            try:
                msg = await sub.next_msg(timeout=0.5)
            except Exception:
                return None
            return msg if booked.json()["id"] in msg.data.decode() else None

        msg = await eventually(mine, timeout=10, what="the placement.requested event")
        assert msg.headers["ce-type"] == "praxis.internships.placement.requested.v1"
    finally:
        await nc.close()
