"""The mentors service's assignment feed (`updated_since`) over REST and gRPC against real processes: the
assignments a placement opens reach both organisations' feeds once, taking a mentor brings the enterprise-side one
again, a pending-only feed turns it into a tombstone, and another school never sees them."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import httpx

from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

SCHOOL, ENTERPRISE, STUDENT = "school-feed-m", "ent-feed-m", "stu-feed-m"


async def drain(c: httpx.AsyncClient, headers: dict, cursor: str = "0", **params) -> tuple[list[dict], str]:
    items: list[dict] = []
    while True:
        r = await c.get("/v1/assignments", headers=headers, params={"updated_since": cursor, "page_size": 1, **params})
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if not r.json()["has_more"]:
            return items, cursor


async def test_assignments_reach_the_feeds_once_and_a_taken_one_comes_again(
    stack: Stack, start_placement, assign_mentor
):
    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        placement = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=monday, duties=[{"name": "listings", "kind": "core"}]
        )
    school, hr = stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:

        async def both_sides() -> tuple[list[dict], str] | None:
            items, cursor = await drain(m, hr)
            return (items, cursor) if {i["side"] for i in items} == {"school", "enterprise"} else None

        items, hr_cursor = await eventually(both_sides, timeout=30, what="the placement's two assignments")
        assert len(items) == 2 and {i["context_id"] for i in items} == {placement["id"]}
        pending, pending_cursor = await drain(m, hr, status="pending")
        ours = next(i["id"] for i in pending if i["side"] == "enterprise")

        await assign_mentor(placement, "mentor-feed-m")

        # A change shows once every older transaction of the database server has ended (docs/change-feeds.md).
        async def taken() -> list | None:
            again, _ = await drain(m, hr, hr_cursor)
            return [(i["id"], i["status"]) for i in again if i["id"] == ours] or None

        assert await eventually(taken, timeout=15, what="the taken assignment again") == [(ours, "active")]

        async def tombstones() -> list | None:
            gone, _ = await drain(m, hr, pending_cursor, status="pending")
            return [{k: i[k] for k in ("id", "deleted")} for i in gone if "deleted" in i] or None

        assert {"id": ours, "deleted": True} in await eventually(tombstones, timeout=15, what="the pending tombstone")

        schools_view, _ = await drain(m, school)
        assert {i["id"] for i in schools_view} == {i["id"] for i in items}
        outsider, _ = await drain(m, stack.auth("school-feed-m-2", "school", "admin"))
        assert outsider == []
        bad = await m.get("/v1/assignments", headers=hr, params={"updated_since": "made-up"})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "updated_since"

    async with grpc.aio.insecure_channel(stack["mentors"].grpc_target) as ch:
        stub = pb_grpc.MentorsServiceStub(ch)
        meta = (("authorization", f"Bearer {stack.token(ENTERPRISE, 'enterprise', 'hr')}"),)
        got = await stub.ListAssignments(pb.ListAssignmentsRequest(updated_since="0"), metadata=meta)
        assert {c.assignment.id for c in got.changes} == {i["id"] for i in items} and not got.has_more
