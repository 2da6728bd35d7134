"""Change feeds (`updated_since`) of agreements and placements over REST and gRPC against real processes: a feed
from the beginning lists the caller's rows once across pages, a later change comes again after the cursor, a row
that left the caller's filtered view is a tombstone, a student hears only of their own placement, another school
or enterprise never sees these rows, and a cursor that is not one is a 422 / INVALID_ARGUMENT naming
updated_since. Agreements and placements are never deleted: their tombstones are rows that left the view."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import pytest
import pytest_asyncio

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

START = date.today() + timedelta(days=30)
SCHOOL, ENTERPRISE = "school-feed", "ent-feed"
OTHER_SCHOOL, OTHER_ENTERPRISE = "school-feed-2", "ent-feed-2"
STUDENTS = ("stu-feed-1", "stu-feed-2", "stu-feed-3")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships) -> dict:
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, quota=10)
        position = await internships.position(c, ENTERPRISE, agreement, seats=3, starts_on=START)
        placements = []
        for s in STUDENTS:
            booked = await internships.book(c, SCHOOL, position["id"], s)
            assert booked.status_code == 201, booked.text
            placements.append(booked.json()["id"])
        other = await internships.agreement(c, OTHER_SCHOOL, OTHER_ENTERPRISE, quota=10)
    return {"agreement": agreement, "other_agreement": other, "placements": placements}


async def drain_after(c, path: str, headers: dict, cursor: str = "0", *, count: int, **params):
    """`drain` as a reader polls after a write: a feed shows a change once every older transaction of the database
    server has ended (praxis_common.feeds), and the stack's background work may hold one a moment. Polls until
    `count` changes came (the caller then asserts on exactly what came)."""

    async def came():
        items, next_cursor = await drain(c, path, headers, cursor, **params)
        return (items, next_cursor) if len(items) >= count else None

    return await eventually(came, timeout=15, what=f"{count} change(s) in the feed of {path}", interval=0.2)


async def drain(c, path: str, headers: dict, cursor: str = "0", **params) -> tuple[list[dict], str]:
    """Every change after `cursor`, page by page (page_size 1: the most pages), and the cursor to poll with next."""
    items: list[dict] = []
    while True:
        r = await c.get(path, headers=headers, params={"updated_since": cursor, "page_size": 1, **params})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        assert len(body["items"]) <= 1
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return items, cursor


async def test_a_placement_feed_lists_each_row_once_then_only_what_changed(stack, internships, world):
    school = stack.auth(SCHOOL, "school", "admin")
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    async with internships.client() as c:
        items, cursor = await drain_after(c, "/v1/placements", school, count=len(world["placements"]))
        assert [i["id"] for i in items] == world["placements"]  # oldest change first, each once
        assert all(i["status"] == "requested" and "deleted" not in i for i in items)
        nothing, same = await drain(c, "/v1/placements", school, cursor)
        assert nothing == [] and same == cursor

        rejected = await c.post(f"/v1/placements/{world['placements'][0]}/reject", headers=hr, json={})
        assert rejected.status_code == 200, rejected.text
        changed, _ = await drain_after(c, "/v1/placements", school, cursor, count=1)
        assert [(i["id"], i["status"]) for i in changed] == [(world["placements"][0], "rejected")]
        # The enterprise's feed saw the same rows, and sees the change too.
        theirs, _ = await drain(c, "/v1/placements", hr)
        assert {i["id"] for i in theirs} == set(world["placements"])

        # Filtered by status, the rejected placement left the view: a tombstone, not its data.
        open_only, _ = await drain(c, "/v1/placements", school, status="requested")
        assert open_only[-1] == {
            "id": world["placements"][0],
            "deleted": True,
            "changed_at": open_only[-1]["changed_at"],
        }
        assert [i["id"] for i in open_only[:-1]] == world["placements"][1:]


async def test_a_student_hears_only_of_their_own_placement(stack, internships, world):
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENTS[1])  # whether or not another was rejected
    async with internships.client() as c:
        items, _ = await drain(c, "/v1/placements", student)
    assert [i["id"] for i in items] == [world["placements"][1]]  # no tombstones of the other students' ids


@pytest.mark.parametrize(
    ("org", "kind", "role"), [(OTHER_SCHOOL, "school", "admin"), (OTHER_ENTERPRISE, "enterprise", "hr")]
)
async def test_another_tenant_never_sees_these_rows(stack, internships, world, org, kind, role):
    who = stack.auth(org, kind, role)
    async with internships.client() as c:
        agreements, _ = await drain(c, "/v1/agreements", who)
        placements, _ = await drain(c, "/v1/placements", who)
    assert [a["id"] for a in agreements] == [world["other_agreement"]]
    assert placements == []


async def test_an_agreement_feed_and_its_bad_cursors_over_rest(stack, internships, world):
    school = stack.auth(SCHOOL, "school", "admin")
    async with internships.client() as c:
        items, _ = await drain(c, "/v1/agreements", school)
        assert [(i["id"], i["status"]) for i in items] == [(world["agreement"], "active")]
        plain = await c.get("/v1/agreements", headers=school)  # without updated_since: the list as it always was
        assert set(plain.json()) == {"items", "next_page_token"}
        for bad in ("1", "x.y", "not a cursor!"):
            r = await c.get("/v1/agreements", headers=school, params={"updated_since": bad})
            assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
            assert [e["field"] for e in r.json()["errors"]][-1].endswith("updated_since")
        _, cursor = await drain(c, "/v1/placements", school)
        wrong_feed = await c.get("/v1/agreements", headers=school, params={"updated_since": cursor})
        assert wrong_feed.status_code == 422  # a placement cursor does not page agreements
        both = await c.get("/v1/agreements", headers=school, params={"updated_since": "0", "page_token": "abc"})
        assert both.status_code == 422 and both.json()["errors"][0]["field"] == "page_token"


@pytest.fixture
async def stub(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield pb_grpc.InternshipsServiceStub(ch)


async def test_the_feeds_over_grpc_match_rest(stack, stub, internships):
    school_org, enterprise_org = "school-feed-g", "ent-feed-g"
    async with internships.client() as c:
        agreement = await internships.agreement(c, school_org, enterprise_org, quota=5)
        position = await internships.position(c, enterprise_org, agreement, seats=2, starts_on=START)
        ids = []
        for s in ("stu-feed-g1", "stu-feed-g2"):
            booked = await internships.book(c, school_org, position["id"], s)
            assert booked.status_code == 201, booked.text
            ids.append(booked.json()["id"])
        hr = stack.auth(enterprise_org, "enterprise", "hr")
        assert (await c.post(f"/v1/placements/{ids[0]}/reject", headers=hr, json={})).status_code == 200

    school = (("authorization", f"Bearer {stack.token(school_org, 'school', 'admin')}"),)
    got = await stub.ListAgreements(pb.ListAgreementsRequest(updated_since="0"), metadata=school)
    assert [c.agreement.id for c in got.changes] == [agreement] and not got.has_more and got.next_cursor
    assert list(got.agreements) == []

    changes, cursor = [], "0"
    while True:
        page = await stub.ListPlacements(
            pb.ListPlacementsRequest(updated_since=cursor, page_size=1, status=pb.PLACEMENT_STATUS_REQUESTED),
            metadata=school,
        )
        changes += page.changes
        cursor = page.next_cursor
        if not page.has_more:
            break
    # The rejected placement changed last, and left the requested view: its tombstone comes after the other.
    assert [c.WhichOneof("change") for c in changes] == ["placement", "deleted"]
    assert changes[0].placement.id == ids[1]
    assert changes[1].deleted.id == ids[0] and changes[1].deleted.changed_at

    for request in (
        pb.ListPlacementsRequest(updated_since="forged"),
        pb.ListPlacementsRequest(updated_since="0", page_token="abc"),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await stub.ListPlacements(request, metadata=school)
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "updated_since" in err.value.details() or "page_token" in err.value.details()


async def test_a_position_feed_shows_what_the_search_shows_and_a_closed_one_leaves_a_schools_view(
    stack, stub, internships
):
    school_org, enterprise_org = "school-feed-p", "ent-feed-p"
    school, hr = stack.auth(school_org, "school", "admin"), stack.auth(enterprise_org, "enterprise", "hr")
    outsider = stack.auth(OTHER_SCHOOL, "school", "admin")  # holds no agreement with this enterprise
    async with internships.client() as c:
        agreement = await internships.agreement(c, school_org, enterprise_org, quota=5)
        position = (await internships.position(c, enterprise_org, agreement, seats=2, starts_on=START))["id"]
        seen_by_school, school_cursor = await drain_after(c, "/v1/positions", school, count=1)
        seen_by_hr, hr_cursor = await drain_after(c, "/v1/positions", hr, count=1)
        assert [p["id"] for p in seen_by_school] == [position] == [p["id"] for p in seen_by_hr]
        assert position not in {p["id"] for p in (await drain(c, "/v1/positions", outsider))[0]}

        closed = await c.post(f"/v1/positions/{position}/close", headers=hr)
        assert closed.status_code == 200, closed.text
        school_now, _ = await drain_after(c, "/v1/positions", school, school_cursor, count=1)
        assert school_now == [{"id": position, "deleted": True, "changed_at": school_now[0]["changed_at"]}]
        hr_now, _ = await drain(c, "/v1/positions", hr, hr_cursor)
        assert [(p["id"], p["status"]) for p in hr_now] == [(position, "closed")]

    meta = (("authorization", f"Bearer {stack.token(enterprise_org, 'enterprise', 'hr')}"),)
    got = await stub.SearchPositions(pb.SearchPositionsRequest(updated_since="0"), metadata=meta)
    assert [(c.position.id, c.position.status) for c in got.changes] == [(position, pb.POSITION_STATUS_CLOSED)]


async def test_a_logbook_feed_lists_filed_weeks_then_the_reviewed_one_again(stack, stub, internships, start_placement):
    school_org, enterprise_org, sub = "school-feed-l", "ent-feed-l", "stu-feed-l"
    monday = date.today() - timedelta(days=date.today().weekday() + 21)
    student = stack.auth(school_org, "school", "student", sub=sub)
    hr = stack.auth(enterprise_org, "enterprise", "hr")
    async with internships.client() as c:
        placement = await start_placement(
            c, school_org, enterprise_org, sub, starts_on=monday, duties=[{"name": "listings", "kind": "core"}]
        )
        path = f"/v1/placements/{placement['id']}/logbook"
        weeks = [monday + timedelta(days=7 * w) for w in range(2)]
        for week in weeks:
            lines = [
                {"day": (week + timedelta(days=d)).isoformat(), "duty": "listings", "hours": "8"} for d in range(5)
            ]
            filed = await c.put(f"{path}/{week}", headers=student, json={"lines": lines})
            assert filed.status_code == 200, filed.text
        items, cursor = await drain_after(c, path, student, count=len(weeks))
        assert [(w["week_start"], w["status"]) for w in items] == [(w.isoformat(), "submitted") for w in weeks]

        approved = await c.post(f"{path}/{weeks[0]}/approve", headers=hr, json={"on_behalf_of_mentor": True})
        assert approved.status_code == 200, approved.text
        items, _ = await drain_after(c, path, hr, cursor, count=1)
        assert [(w["week_start"], w["status"]) for w in items] == [(weeks[0].isoformat(), "approved")]

        # Outsiders see no logbook, and no feed of it.
        for outsider in (
            stack.auth(OTHER_SCHOOL, "school", "admin"),
            stack.auth(school_org, "school", "student", sub="x"),
        ):
            r = await c.get(path, headers=outsider, params={"updated_since": "0"})
            assert r.status_code == 404, r.text

    meta = (("authorization", f"Bearer {stack.token(school_org, 'school', 'admin')}"),)
    got = await stub.GetLogbook(pb.GetLogbookRequest(placement_id=placement["id"], updated_since="0"), metadata=meta)
    assert [c.week.week_start for c in got.changes] == [weeks[1].isoformat(), weeks[0].isoformat()]
    assert list(got.weeks) == [] and not got.has_more
