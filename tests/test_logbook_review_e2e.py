"""Who files and who reviews a logbook week, end to end on real processes.

Filing belongs to the student and the student's school; the host enterprise files nothing. Approving or returning
belongs to the placement's assigned enterprise mentor — internships learns the assignment (and the account the
mentor signs in with) from the mentors service's events, with no call to it — or to the enterprise's admin / HR
acting explicitly on the mentor's behalf, which the week and the logbook.approved event record. Reassigning the
mentor, or changing the account a mentor signs in with, moves the right with it."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 56)  # the Monday eight weeks ago: the placement's first day
WEEKS = [FIRST + timedelta(days=7 * i) for i in range(9)]  # every week of it so far (the last one is this week's)
SCHOOL, ENTERPRISE, STUDENT = "school-lr", "ent-lr", "stu-lr"
ANN, BO = f"{ENTERPRISE}:ann", f"{ENTERPRISE}:bo"  # accounts enterprise mentors sign in with
WAIT = 30


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    """An active placement that began eight weeks ago; Ann is its enterprise mentor in the mentors service (the
    tests that need internships to know it yet wait for it: `reviewer`)."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        made = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=[{"name": "listings", "kind": "core"}]
        )
    made["ann"] = await assign_mentor(made, ANN, wait=False)
    return made


def week_path(placement: dict, week: date) -> str:
    return f"/v1/placements/{placement['id']}/logbook/{week}"


def lines(week: date, hours: str = "6") -> dict:
    return {"lines": [{"day": week.isoformat(), "duty": "listings", "hours": hours}]}


async def file_as_student(stack: Stack, c: httpx.AsyncClient, placement: dict, week: date) -> dict:
    filed = await c.put(
        week_path(placement, week), headers=stack.auth(SCHOOL, "school", "student", sub=STUDENT), json=lines(week)
    )
    assert filed.status_code == 200, filed.text
    return filed.json()


async def test_the_host_enterprise_neither_files_nor_overwrites_a_week(stack, placement):
    week = WEEKS[0]
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        host_staff = [stack.auth(ENTERPRISE, "enterprise", role) for role in ("admin", "coordinator", "teacher", "hr")]
        host_staff.append(stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN))  # its assigned mentor too
        for headers in host_staff:
            r = await c.put(week_path(placement, week), headers=headers, json=lines(week))
            assert r.status_code == 403, r.text
        filed = await file_as_student(stack, c, placement, week)
        assert filed["submitted_by"] == STUDENT
        for headers in host_staff:
            r = await c.put(week_path(placement, week), headers=headers, json=lines(week, "9"))
            assert r.status_code == 403, r.text
        book = (await c.get(f"/v1/placements/{placement['id']}/logbook", headers=host_staff[0])).json()
        [kept] = [w for w in book["weeks"] if w["week_start"] == week.isoformat()]
        assert (kept["submitted_by"], kept["total_hours"]) == (STUDENT, "6.00")  # untouched
        school = await c.put(
            week_path(placement, week), headers=stack.auth(SCHOOL, "school", "teacher"), json=lines(week, "7")
        )
        assert school.status_code == 200 and school.json()["total_hours"] == "7.00"  # the school files for them


async def test_only_the_assigned_enterprise_mentor_approves(stack, placement, reviewer):
    week = WEEKS[1]
    path = week_path(placement, week)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        await file_as_student(stack, c, placement, week)
        for headers, status in (
            *((stack.auth(ENTERPRISE, "enterprise", role), 403) for role in ("admin", "hr", "coordinator", "teacher")),
            (stack.auth(ENTERPRISE, "enterprise", "mentor"), 403),  # a mentor, but not this placement's
            (stack.auth(ENTERPRISE, "enterprise", "mentor", sub=BO), 403),
            (stack.auth(SCHOOL, "school", "admin"), 403),
            (stack.auth(SCHOOL, "school", "student", sub=STUDENT), 403),  # the student who filed it
            (stack.auth("ent-lr-other", "enterprise", "mentor", sub=ANN), 404),  # Ann's account, another tenant
        ):
            for decision in ("approve", "return"):
                r = await c.post(f"{path}/{decision}", headers=headers, json={"comments": "no"})
                assert r.status_code == status, (decision, r.text)
                assert r.headers["content-type"] == "application/problem+json"
        refused = await c.post(f"{path}/approve", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
        assert "on_behalf_of_mentor" in refused.json()["detail"]  # the refusal says how HR may act
        await reviewer(placement, placement["ann"]["id"])
        approved = await c.post(f"{path}/approve", headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN))
        assert approved.status_code == 200, approved.text
        assert (approved.json()["status"], approved.json()["reviewed_by"]) == ("approved", ANN)
        assert (approved.json()["reviewed_on_behalf"], approved.json()["reviewer_mentor_id"]) == (
            False,
            placement["ann"]["id"],
        )


async def test_hr_reviews_on_the_mentors_behalf_only_explicitly_and_it_is_recorded(
    stack, placement, read_event, reviewer
):
    week, returned_week = WEEKS[2], WEEKS[3]
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        for w in (week, returned_week):
            await file_as_student(stack, c, placement, w)
        for role in ("coordinator", "teacher", "mentor"):  # on_behalf is for the enterprise's admin or HR only
            r = await c.post(
                f"{week_path(placement, week)}/approve",
                headers=stack.auth(ENTERPRISE, "enterprise", role),
                json={"on_behalf_of_mentor": True},
            )
            assert r.status_code == 403, r.text
        await reviewer(placement, placement["ann"]["id"])
        hr = stack.auth(ENTERPRISE, "enterprise", "hr", sub=f"{ENTERPRISE}:hr-li")
        approved = await c.post(f"{week_path(placement, week)}/approve", headers=hr, json={"on_behalf_of_mentor": True})
        assert approved.status_code == 200, approved.text
        assert (approved.json()["reviewed_by"], approved.json()["reviewed_on_behalf"]) == (f"{ENTERPRISE}:hr-li", True)
        assert approved.json()["reviewer_mentor_id"] == placement["ann"]["id"]
        returned = await c.post(
            f"{week_path(placement, returned_week)}/return",
            headers=stack.auth(ENTERPRISE, "enterprise", "admin"),
            json={"on_behalf_of_mentor": True, "comments": "Ann says: Tuesday was a holiday"},
        )
        assert returned.status_code == 200 and returned.json()["reviewed_on_behalf"] is True, returned.text
    event = await read_event("internships.logbook.approved", week.isoformat())
    assert (event["onBehalfOfMentor"], event["mentorId"], event["approvedBy"]) == (
        True,
        placement["ann"]["id"],
        f"{ENTERPRISE}:hr-li",
    )


async def test_the_right_follows_a_reassignment_and_the_mentors_account(stack, placement, mentors, reviewer):
    await reviewer(placement, placement["ann"]["id"])
    async with internships_client(stack) as c, mentors.client() as m:
        hr = mentors.manager(ENTERPRISE, "enterprise")
        bo = await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, display_name="Bo", account=BO)
        sides = await mentors.of_student(m, ENTERPRISE, "enterprise", STUDENT)
        moved = await m.post(
            f"/v1/assignments/{sides['enterprise']['id']}/assign",
            headers=hr,
            json={"mentor_id": bo["id"], "reason": "Ann moved to another store"},
        )
        assert moved.status_code == 200, moved.text

        async def internships_knows(mentor_id: str) -> bool:
            book = await c.get(
                f"/v1/placements/{placement['id']}/logbook", headers=stack.auth(SCHOOL, "school", "admin")
            )
            return book.json()["enterprise_mentor_id"] == mentor_id

        await eventually(
            lambda: internships_knows(bo["id"]), timeout=WAIT, what="the reassignment to reach internships"
        )
        week = WEEKS[4]
        await file_as_student(stack, c, placement, week)
        ann = await c.post(
            f"{week_path(placement, week)}/approve", headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
        )
        assert ann.status_code == 403, ann.text
        by_bo = await c.post(
            f"{week_path(placement, week)}/approve", headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=BO)
        )
        assert by_bo.status_code == 200 and by_bo.json()["reviewer_mentor_id"] == bo["id"], by_bo.text

        # Bo now signs in with another account: the new one reviews, the old one no longer does.
        renamed = await m.patch(f"/v1/mentors/{bo['id']}", headers=hr, json={"account": f"{BO}-2"})
        assert renamed.status_code == 200, renamed.text
        week = WEEKS[5]
        await file_as_student(stack, c, placement, week)
        new_account = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=f"{BO}-2")

        async def approved_by_the_new_account() -> bool:
            r = await c.post(f"{week_path(placement, week)}/approve", headers=new_account)
            assert r.status_code in (200, 403), r.text
            return r.status_code == 200

        await eventually(approved_by_the_new_account, timeout=WAIT, what="the account change to reach internships")
        week = WEEKS[6]
        await file_as_student(stack, c, placement, week)
        old = await c.post(
            f"{week_path(placement, week)}/approve", headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=BO)
        )
        assert old.status_code == 403, old.text


def internships_client(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30)


@pytest.mark.parametrize("role", ["admin", "coordinator", "teacher"])
async def test_the_students_school_files_for_them(stack, placement, role):
    week = WEEKS[7]
    async with internships_client(stack) as c:
        r = await c.put(week_path(placement, week), headers=stack.auth(SCHOOL, "school", role), json=lines(week))
        assert r.status_code == 200 and r.json()["status"] == "submitted", r.text
