"""The internship course through REST on real processes: a placement's type, form, mode and cohort; the school's
programme requirements; amending a placement before its start; progress from approved logbook weeks with the 50% /
100% hours events and the ended-short event; who may see and do what (non-parties get 404)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday() + 21)  # the Monday three weeks ago
SCHOOL, ENTERPRISE = "school-crs", "ent-crs"
FUTURE = TODAY + timedelta(days=30)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def active(stack: Stack, start_placement) -> dict:
    """An active placement (a post internship, the default) that began three weeks ago, with a 60-hour requirement
    of four weeks for its type."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(
            c, SCHOOL, ENTERPRISE, "stu-crs", starts_on=MONDAY, duties=[{"name": "listings", "kind": "core"}]
        )
        r = await c.put(
            "/v1/programme-requirements/post_internship",
            headers=stack.auth(SCHOOL, "school", "coordinator"),
            json={"required_hours": "60", "min_weeks": 4, "min_weekly_reports": 4},
        )
        assert r.status_code == 200, r.text
    return made


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def booked(stack: Stack, internships) -> dict:
    """A requested placement of a graduation internship starting in a month, for the 2023 cohort."""
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, "ent-crs-2")
        position = await internships.position(c, "ent-crs-2", agreement, seats=3, starts_on=FUTURE, days=90)
        r = await internships.book(
            c,
            SCHOOL,
            position["id"],
            "stu-crs-2",
            internship_type="graduation_internship",
            organisation_form="centralised",
            cohort="2023",
        )
        assert r.status_code == 201, r.text
    return r.json() | {"position": position}


def student(stack: Stack, sub: str) -> dict[str, str]:
    return {"Authorization": "Bearer " + stack.token(SCHOOL, "school", "student", sub=sub)}


async def test_a_booking_keeps_its_course_fields_and_reads_show_them(stack, booked, active):
    assert (booked["internship_type"], booked["organisation_form"], booked["internship_mode"], booked["cohort"]) == (
        "graduation_internship",
        "centralised",
        "on_site",
        "2023",
    )
    assert (active["internship_type"], active["organisation_form"], active["cohort"]) == (
        "post_internship",
        "dispersed",
        None,
    )
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        seen = await c.get(f"/v1/placements/{booked['id']}", headers=stack.auth("ent-crs-2", "enterprise", "hr"))
        assert seen.json()["internship_type"] == "graduation_internship"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"internship_type": "odd_jobs"}, "internship_type"),
        ({"organisation_form": "scattered"}, "organisation_form"),
        ({"internship_mode": "remote"}, "internship_mode"),
        ({"cohort": "x" * 17}, "cohort"),
        ({"cohort": "20 23"}, "cohort"),
    ],
)
async def test_a_booking_with_a_bad_course_field_is_a_422_naming_it(stack, booked, internships, fields, field):
    async with internships.client() as c:
        r = await internships.book(c, SCHOOL, booked["position"]["id"], "stu-crs-bad", **fields)
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]]


async def test_the_school_sets_requirements_per_type_and_cohort_and_only_it_sees_them(stack, active):
    coordinator = stack.auth(SCHOOL, "school", "coordinator")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.put(
            "/v1/programme-requirements/post_internship?cohort=2023",
            headers=coordinator,
            json={"required_hours": "480", "min_weeks": 16, "min_weekly_reports": 16},
        )
        assert r.status_code == 200, r.text
        assert r.json()["cohort"] == "2023" and r.json()["required_hours"] == "480.00"
        listed = (await c.get("/v1/programme-requirements", headers=stack.auth(SCHOOL, "school", "teacher"))).json()
        assert {(x["internship_type"], x["cohort"]) for x in listed["requirements"]} >= {
            ("post_internship", None),
            ("post_internship", "2023"),
        }
        assert (
            await c.get("/v1/programme-requirements", headers=stack.auth("school-crs-other", "school", "admin"))
        ).json()["requirements"] == []
        assert (await c.get("/v1/programme-requirements", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))).json()[
            "requirements"
        ] == []
        by_enterprise = await c.put(
            "/v1/programme-requirements/observation",
            headers=stack.auth(ENTERPRISE, "enterprise", "admin"),
            json={"required_hours": "40", "min_weeks": 1},
        )
        assert by_enterprise.status_code == 403
        by_teacher = await c.put(
            "/v1/programme-requirements/observation",
            headers=stack.auth(SCHOOL, "school", "teacher"),
            json={"required_hours": "40", "min_weeks": 1},
        )
        assert by_teacher.status_code == 403


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/programme-requirements/post_internship", {"required_hours": "-1", "min_weeks": 1}, "required_hours"),
        ("/v1/programme-requirements/post_internship", {"required_hours": "99999", "min_weeks": 1}, "required_hours"),
        ("/v1/programme-requirements/post_internship", {"required_hours": "10", "min_weeks": 500}, "min_weeks"),
        ("/v1/programme-requirements/post_internship", {"required_hours": "10"}, "min_weeks"),
        ("/v1/programme-requirements/odd_jobs", {"required_hours": "10", "min_weeks": 1}, "path.internship_type"),
        (
            "/v1/programme-requirements/post_internship?cohort=%20",
            {"required_hours": "1", "min_weeks": 1},
            "query.cohort",
        ),
    ],
)
async def test_a_bad_requirement_is_a_422_naming_the_field(stack, path, body, field):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.put(path, headers=stack.auth(SCHOOL, "school", "admin"), json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert field in [e["field"] for e in r.json()["errors"]]


async def test_progress_counts_approved_weeks_and_the_hours_events_come_once(stack, active, read_event):
    pid = active["id"]
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        before = (await c.get(f"/v1/placements/{pid}/progress", headers=student(stack, "stu-crs"))).json()
        assert before["status"] == "on_track" and before["approved_hours"] == "0"
        assert before["requirement"]["required_hours"] == "60.00" and before["weekly_reports"] == 0  # none accepted yet
        for week in range(2):
            monday = MONDAY + timedelta(days=7 * week)
            lines = [
                {"day": (monday + timedelta(days=d)).isoformat(), "duty": "listings", "hours": "8"} for d in range(5)
            ]
            filed = await c.put(
                f"/v1/placements/{pid}/logbook/{monday}", headers=student(stack, "stu-crs"), json={"lines": lines}
            )
            assert filed.status_code == 200, filed.text
            approved = await c.post(
                f"/v1/placements/{pid}/logbook/{monday}/approve", headers=hr, json={"on_behalf_of_mentor": True}
            )
            assert approved.status_code == 200, approved.text
        after = (
            await c.get(f"/v1/placements/{pid}/progress", headers=stack.auth(ENTERPRISE, "enterprise", "mentor"))
        ).json()
    assert after["approved_hours"] == "80.00" and after["approved_weeks"] == 2
    assert after["hours_percent"] == "100.0" and after["weeks_percent"] == "50.0"
    assert after["short_of"] == {"weeks": "2", "weekly_reports": str(after["requirement"]["min_weekly_reports"])}
    assert after["hours_milestone"] == 100
    half = await read_event("internships.placement.hours_reached", pid)
    assert half["milestone"] == 50 and half["requiredHours"] == "60.00"


async def test_a_placement_terminated_below_its_requirement_ends_short(stack, active, read_event):
    pid = active["id"]
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        ended = await c.post(
            f"/v1/placements/{pid}/terminate", headers=stack.auth(SCHOOL, "school", "admin"), json={"reason": "ill"}
        )
        assert ended.status_code == 200, ended.text
        progress = (
            await c.get(f"/v1/placements/{pid}/progress", headers=stack.auth(SCHOOL, "school", "teacher"))
        ).json()
    assert progress["status"] == "ended_short" and "weeks" in progress["short_of"]
    short = await read_event("internships.placement.ended_short", pid)
    assert short["status"] == "terminated" and short["shortOf"]["weeks"] == progress["short_of"]["weeks"]


async def test_the_school_amends_a_placement_before_its_start(stack, booked, read_event):
    pid, position = booked["id"], booked["position"]
    coordinator = stack.auth(SCHOOL, "school", "coordinator")
    new_start = (FUTURE + timedelta(days=7)).isoformat()
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.patch(
            f"/v1/placements/{pid}",
            headers=coordinator,
            json={"starts_on": new_start, "internship_mode": "virtual", "cohort": None},
        )
        assert r.status_code == 200, r.text
        assert (r.json()["starts_on"], r.json()["internship_mode"], r.json()["cohort"]) == (new_start, "virtual", None)
        event = await read_event("internships.placement.amended", pid)
        assert {ch["field"] for ch in event["changes"]} == {"starts_on", "internship_mode", "cohort"}
        for headers in (stack.auth("ent-crs-2", "enterprise", "hr"), stack.auth(SCHOOL, "school", "teacher")):
            assert (await c.patch(f"/v1/placements/{pid}", headers=headers, json={"cohort": "2024"})).status_code == 403
        assert (
            await c.patch(f"/v1/placements/{pid}", headers=student(stack, "stu-crs-2"), json={"cohort": "2024"})
        ).status_code == 403
        assert position["ends_on"] > new_start


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ends_on": (FUTURE - timedelta(days=1)).isoformat(), "starts_on": FUTURE.isoformat()}, "ends_on"),
        ({"starts_on": (FUTURE - timedelta(days=1)).isoformat()}, "starts_on"),  # before the position's term
        ({"ends_on": (FUTURE + timedelta(days=91)).isoformat()}, "ends_on"),  # after it
        ({"starts_on": None}, "starts_on"),
        ({"internship_type": "odd_jobs"}, "internship_type"),
        ({"student_ref": "someone-else"}, "student_ref"),
        ({}, "body"),
    ],
)
async def test_a_bad_amendment_is_a_422_naming_the_field(stack, booked, body, field):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.patch(f"/v1/placements/{booked['id']}", headers=stack.auth(SCHOOL, "school", "admin"), json=body)
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]]


async def test_a_started_placement_is_not_amended(stack, active):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.patch(
            f"/v1/placements/{active['id']}", headers=stack.auth(SCHOOL, "school", "admin"), json={"cohort": "2023"}
        )
    assert r.status_code == 409 and r.json()["type"].endswith("illegal-transition")


OUTSIDERS = {
    "another school": lambda s: s.auth("school-crs-other", "school", "admin"),
    "another enterprise": lambda s: s.auth("ent-crs-other", "enterprise", "hr"),
    "a student of another placement": lambda s: student(s, "stu-crs-else"),
}
ROUTES = [
    ("PATCH", "/v1/placements/{id}", {"cohort": "2030"}),
    ("GET", "/v1/placements/{id}/progress", None),
]


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
async def test_non_parties_get_404_on_every_course_route_of_a_placement(stack, booked, who, method, path, body):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.request(method, path.format(id=booked["id"]), headers=OUTSIDERS[who](stack), json=body)
        assert r.status_code == 404, (who, method, path, r.text)
        unknown = await c.request(
            method, path.format(id="00000000-0000-4000-8000-000000000000"), headers=OUTSIDERS[who](stack), json=body
        )
        assert unknown.status_code == 404
