"""Set-up shared by the weekly report tests over real processes: an active placement with an assigned school mentor
(a teacher created in the mentors service, signing in with an account of their own) and an assigned enterprise
mentor, both known to internships (from mentors' events) before a test uses them."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 35)  # the Monday five weeks ago: the placement's first day
WEEKS = [FIRST + timedelta(days=7 * i) for i in range(6)]  # every week so far (the last one is this week)
DUTIES = [{"name": "listings", "kind": "core"}, {"name": "customer chat", "kind": "peripheral"}]


async def school_mentor_known(stack: Stack, placement: dict, mentor_id: str, *, timeout: float = 30) -> None:
    """Wait until internships names `mentor_id` as the placement's school mentor (who reviews its reports)."""
    school = stack.auth(placement["school_org"], "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:

        async def known() -> bool:
            r = await c.get(f"/v1/placements/{placement['id']}/weekly-reports", headers=school)
            assert r.status_code == 200, r.text
            return r.json()["school_mentor_id"] == mentor_id

        await eventually(known, timeout=timeout, what=f"internships to learn that teacher {mentor_id} reviews")


async def mentored_placement(
    stack: Stack,
    start_placement,
    assign_mentor,
    *,
    school: str,
    enterprise: str,
    student: str,
    teacher: str,
    mentor: str,
) -> dict:
    """An active placement since FIRST, its school mentor signing in as `teacher` and its enterprise mentor as
    `mentor` (each with room for this one placement only), both known to internships."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(c, school, enterprise, student, starts_on=FIRST, duties=DUTIES)
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        created = await m.post(
            "/v1/mentors",
            headers=stack.auth(school, "school", "admin"),
            json={"kind": "school", "display_name": teacher, "capacity": 1, "account": teacher},
        )
        assert created.status_code == 201, created.text
    made["teacher"] = created.json()
    made["mentor"] = await assign_mentor(made, mentor, capacity=1)
    await school_mentor_known(stack, made, made["teacher"]["id"])
    return made
