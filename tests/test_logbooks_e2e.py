"""Weekly logbooks through REST: filing, compliance (hours, night work), review, core-work share, who sees what."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday() + 14)  # the Monday two weeks ago


MENTOR = "ent-log:mentor"  # the account the placement's enterprise mentor signs in with


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    """An active placement that began three weeks ago, with one core and one peripheral duty, and its assigned
    enterprise mentor."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        made = await start_placement(
            c,
            "school-log",
            "ent-log",
            "stu-log",
            starts_on=MONDAY - timedelta(days=7),
            base={"tier": 2, "country": "MY", "city": "Kuala Lumpur", "capacity": 10, "staff": 10_000},
            duties=[{"name": "listings", "kind": "core"}, {"name": "data entry", "kind": "peripheral"}],
        )
    await assign_mentor(made, MENTOR)
    return made


def mentor_auth(stack: Stack) -> dict[str, str]:
    return {"Authorization": "Bearer " + stack.token("ent-log", "enterprise", "mentor", sub=MENTOR)}


def day(n: int) -> str:
    return (MONDAY + timedelta(days=n)).isoformat()


async def test_a_week_is_filed_approved_and_counted_in_the_core_work_share(stack, placement):
    pid = placement["id"]
    student = {"Authorization": "Bearer " + stack.token("school-log", "school", "student", sub="stu-log")}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        lines = [{"day": day(d), "duty": "listings", "hours": "6", "start": "09:00", "end": "16:00"} for d in range(5)]
        lines += [{"day": day(d), "duty": "data entry", "hours": "2"} for d in range(5)]
        filed = await c.put(f"/v1/placements/{pid}/logbook/{MONDAY}", headers=student, json={"lines": lines})
        assert filed.status_code == 200, filed.text
        assert filed.json()["status"] == "submitted" and filed.json()["total_hours"] == "40.00"
        mentor = mentor_auth(stack)
        approved = await c.post(f"/v1/placements/{pid}/logbook/{MONDAY}/approve", headers=mentor)
        assert approved.json()["status"] == "approved"
        again = await c.post(f"/v1/placements/{pid}/logbook/{MONDAY}/approve", headers=mentor)
        assert again.status_code == 409
        book = (
            await c.get(f"/v1/placements/{pid}/logbook", headers=stack.auth("school-log", "school", "teacher"))
        ).json()
        assert book["approved_hours"] == "40.00" and book["approved_core_hours"] == "30.00"
        assert book["core_work_share"] == "0.7500"


@pytest.mark.parametrize(
    ("lines", "rule"),
    [
        ([{"day": day(7), "duty": "listings", "hours": "9"}], "hours-per-day"),
        ([{"day": day(7 + d), "duty": "listings", "hours": "7"} for d in range(6)], "hours-per-week"),
        ([{"day": day(7), "duty": "listings", "hours": "3", "start": "20:00", "end": "23:30"}], "night-work"),
    ],
)
async def test_a_week_that_breaks_the_rules_is_a_422_naming_the_rule(stack, placement, lines, rule):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.put(
            f"/v1/placements/{placement['id']}/logbook/{MONDAY + timedelta(days=7)}",
            headers=stack.auth("school-log", "school", "coordinator"),
            json={"lines": lines},
        )
    assert r.status_code == 422, r.text
    assert r.json()["type"] == "urn:praxis:problem:compliance-violation" and r.json()["rule"] == rule


NEXT = MONDAY + timedelta(days=7)


@pytest.mark.parametrize(
    ("week", "lines", "field"),
    [
        (NEXT, [{"day": day(7), "duty": "making tea", "hours": "2"}], "lines.0.duty"),
        (NEXT, [{"day": day(0), "duty": "listings", "hours": "2"}], "lines.0.day"),  # not in the filed week
        (NEXT, [{"day": day(7), "duty": "listings", "hours": "0"}], "lines.0.hours"),
        (MONDAY + timedelta(days=3), [{"day": day(3), "duty": "listings", "hours": "2"}], "week"),  # a Thursday
        (
            TODAY - timedelta(days=TODAY.weekday()),
            [{"day": (TODAY + timedelta(days=1)).isoformat(), "duty": "listings", "hours": "2"}],
            "lines.0.day",
        ),
    ],
)
async def test_bad_lines_are_422_naming_the_field(stack, placement, week, lines, field):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.put(
            f"/v1/placements/{placement['id']}/logbook/{week}",
            headers=stack.auth("school-log", "school", "coordinator"),
            json={"lines": lines},
        )
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]]


async def test_a_returned_week_can_be_filed_again(stack, placement):
    week = MONDAY + timedelta(days=7)
    school = stack.auth("school-log", "school", "coordinator")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        lines = [{"day": day(7), "duty": "data entry", "hours": "8"}]
        assert (
            await c.put(f"/v1/placements/{placement['id']}/logbook/{week}", headers=school, json={"lines": lines})
        ).status_code == 200
        mentor = mentor_auth(stack)
        no_reason = await c.post(f"/v1/placements/{placement['id']}/logbook/{week}/return", headers=mentor)
        assert no_reason.status_code == 422
        old_name = await c.post(
            f"/v1/placements/{placement['id']}/logbook/{week}/return", headers=mentor, json={"comment": "x"}
        )
        assert old_name.status_code == 422  # one name for a reviewer's text: `comments`, as a project review
        returned = await c.post(
            f"/v1/placements/{placement['id']}/logbook/{week}/return",
            headers=mentor,
            json={"comments": "that was a holiday"},
        )
        assert returned.json()["status"] == "returned" and returned.json()["comments"] == "that was a holiday"
        refiled = await c.put(
            f"/v1/placements/{placement['id']}/logbook/{week}",
            headers=school,
            json={"lines": [{"day": day(8), "duty": "listings", "hours": "8"}]},
        )
        assert refiled.json()["status"] == "submitted" and refiled.json()["comments"] is None


async def test_only_the_parties_and_the_student_themselves_see_the_logbook(stack, placement):
    pid = placement["id"]
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        for outsider in (
            stack.auth("school-other-l", "school", "admin"),
            stack.auth("ent-other", "enterprise", "hr"),
            {"Authorization": "Bearer " + stack.token("school-log", "school", "student", sub="stu-else")},
        ):
            assert (await c.get(f"/v1/placements/{pid}/logbook", headers=outsider)).status_code == 404
            assert (await c.get(f"/v1/placements/{pid}", headers=outsider)).status_code == 404
        classmate = {"Authorization": "Bearer " + stack.token("school-log", "school", "student", sub="stu-else")}
        assert (await c.get("/v1/placements", headers=classmate)).json()["items"] == []
        school_reviews = await c.post(
            f"/v1/placements/{pid}/logbook/{MONDAY}/approve", headers=stack.auth("school-log", "school", "admin")
        )
        assert school_reviews.status_code == 403
