"""The end of an agreement, end to end on real processes: terminating it winds down what hangs off it (REST and gRPC),
the events leave through the outbox and the mentors service releases the mentors it had assigned; bookings racing a
termination never leave a booking under the ended agreement."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import grpc
import httpx
import pytest
from course_start import ready_to_start

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import eventually

TODAY = date.today()
WAIT = 30  # seconds: a bounded wait for events to travel outbox → NATS → consumer


async def load_of(mentors, m: httpx.AsyncClient, org: str, kind: str, mentor_id: str) -> int:
    r = await m.get(f"/v1/mentors/{mentor_id}", headers=mentors.manager(org, kind))
    assert r.status_code == 200, r.text
    return r.json()["load"]


async def test_terminating_releases_the_mentors_of_what_had_not_started_and_keeps_the_active_internship(
    stack, internships, mentors, read_event
):
    school, enterprise = "school-wd", "ent-wd"
    s, e = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    async with internships.client() as c, mentors.client() as m:
        teacher = await mentors.mentor(m, school, "school", capacity=5)
        host = await mentors.mentor(m, enterprise, "enterprise", capacity=5)
        agreement = await internships.agreement(c, school, enterprise, quota=10, valid_from=TODAY - timedelta(days=7))
        soon = await internships.position(c, enterprise, agreement, seats=3, starts_on=TODAY + timedelta(days=20))
        now = await internships.position(c, enterprise, agreement, seats=3, starts_on=TODAY)
        requested = (await internships.book(c, school, soon["id"], "stu-req", birth_date="2004-01-01")).json()["id"]
        confirmed = (await internships.book(c, school, soon["id"], "stu-conf", birth_date="2004-01-01")).json()["id"]
        active = (await internships.book(c, school, now["id"], "stu-act", birth_date="2004-01-01")).json()["id"]
        for pid in (confirmed, active):
            assert (await c.post(f"/v1/placements/{pid}/confirm", headers=e)).status_code == 200
        await ready_to_start(c, stack, (await c.get(f"/v1/placements/{active}", headers=s)).json())
        assert (await c.post(f"/v1/placements/{active}/start", headers=s)).json()["status"] == "active"
        await eventually(
            lambda: _equals(load_of(mentors, m, enterprise, "enterprise", host["id"]), 2),
            timeout=WAIT,
            what="both confirmed placements' enterprise mentor",
        )

        ended = await c.post(f"/v1/agreements/{agreement}/terminate", headers=s, json={"reason": "programme closed"})
        assert ended.status_code == 200, ended.text
        assert ended.json()["status"] == "terminated"
        assert ended.json()["wind_down"] == {
            "rejected": [requested],
            "withdrawn": [confirmed],
            "terminated": [],
            "expired": [],
            "continuing": [active],
            "positions_closed": sorted([soon["id"], now["id"]]),
        }
        for pid, status in ((requested, "rejected"), (confirmed, "withdrawn"), (active, "active")):
            placement = (await c.get(f"/v1/placements/{pid}", headers=s)).json()
            assert placement["status"] == status
            assert placement["reason"] == (None if status == "active" else "agreement-ended")
        for position in (soon, now):
            assert (await c.get(f"/v1/positions/{position['id']}", headers=e)).json()["status"] == "closed"
            assert (await c.get(f"/v1/positions/{position['id']}", headers=s)).status_code == 404

        # Mentors learns it from the events alone: the withdrawn placement's mentors are free again, the active
        # internship keeps its pair.
        for org, kind, mentor in ((enterprise, "enterprise", host), (school, "school", teacher)):
            await eventually(
                lambda org=org, kind=kind, mentor=mentor: _equals(load_of(mentors, m, org, kind, mentor["id"]), 1),
                timeout=WAIT,
                what=f"the {kind} mentor's load to drop to the active internship",
            )
        assert set(await mentors.of_student(m, school, "school", "stu-act")) == {"school", "enterprise"}
        assert await mentors.of_student(m, school, "school", "stu-conf") == {}
    withdrawn = await read_event("internships.placement.withdrawn", confirmed)
    assert withdrawn["reason"] == "agreement-ended"
    assert (await read_event("internships.position.closed", soon["id"]))["status"] == "closed"


async def _equals(value, expected) -> bool:
    return await value == expected


async def test_over_grpc_the_terminating_party_may_end_active_placements_too_with_a_reason(stack, internships):
    school, enterprise = "school-wdg", "ent-wdg"
    s = stack.auth(school, "school", "admin")
    async with internships.client() as c:
        agreement = await internships.agreement(c, school, enterprise, quota=5, valid_from=TODAY - timedelta(days=7))
        position = await internships.position(c, enterprise, agreement, seats=2, starts_on=TODAY)
        active = (await internships.book(c, school, position["id"], "stu-g", birth_date="2004-01-01")).json()["id"]
        await c.post(f"/v1/placements/{active}/confirm", headers=stack.auth(enterprise, "enterprise", "hr"))
        await ready_to_start(c, stack, (await c.get(f"/v1/placements/{active}", headers=s)).json())
        assert (await c.post(f"/v1/placements/{active}/start", headers=s)).json()["status"] == "active"
    hr = (("authorization", f"Bearer {stack.token(enterprise, 'enterprise', 'hr')}"),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.InternshipsServiceStub(channel)
        request = pb.TerminateAgreementRequest(id=agreement, reason="site closed", end_active_placements=True)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.TerminateAgreement(request, metadata=hr, timeout=10)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "active_placements_reason" in refused.value.details()
        request.active_placements_reason = "the warehouse is shut"
        done = await stub.TerminateAgreement(request, metadata=hr, timeout=10)
    assert done.agreement.status == pb.AGREEMENT_STATUS_TERMINATED
    assert list(done.wind_down.terminated) == [active] and list(done.wind_down.positions_closed) == [position["id"]]
    async with internships.client() as c:
        placement = (await c.get(f"/v1/placements/{active}", headers=s)).json()
    assert (placement["status"], placement["reason"]) == ("terminated", "agreement-ended: the warehouse is shut")


async def test_bookings_racing_a_termination_leave_nothing_booked_under_the_ended_agreement(stack, internships):
    school, enterprise = "school-wdr", "ent-wdr"
    s = stack.auth(school, "school", "admin")
    async with internships.client() as c:
        agreement = await internships.agreement(c, school, enterprise, quota=100)
        position = await internships.position(c, enterprise, agreement, seats=100, starts_on=TODAY + timedelta(days=9))
        limits = httpx.Limits(max_connections=50)
        async with httpx.AsyncClient(base_url=stack["internships"].base_url, limits=limits, timeout=30) as rush:

            async def book(i: int) -> httpx.Response:
                return await rush.post(
                    "/v1/placements", headers=s, json={"position_id": position["id"], "student_ref": f"rush-{i}"}
                )

            async def terminate() -> httpx.Response:
                await asyncio.sleep(0.05)  # a few bookings first, the rest around and after it
                return await rush.post(
                    f"/v1/agreements/{agreement}/terminate", headers=s, json={"reason": "called off"}
                )

            ended, *replies = await asyncio.gather(terminate(), *(book(i) for i in range(40)))
        assert ended.status_code == 200, ended.text
        booked = {r.json()["id"] for r in replies if r.status_code == 201}
        refused = [r for r in replies if r.status_code != 201]
        # Refused: decided under the agreement's lock (409), or after the end, when the school no longer sees the
        # position at all (404).
        kinds = {r.json()["type"].rsplit(":", 1)[-1] for r in refused}
        assert kinds <= {"agreement-not-active", "no-agreement-for-term", "seats-exhausted", "not-found"}, kinds
        assert set(ended.json()["wind_down"]["rejected"]) == booked  # every booking that won was wound down
        listed = await c.get("/v1/placements", params={"page_size": 200}, headers=s)
        assert {p["status"] for p in listed.json()["items"]} <= {"rejected"}
        assert (
            await c.get(f"/v1/positions/{position['id']}", headers=stack.auth(enterprise, "enterprise", "hr"))
        ).json()["seats_taken"] == 0
