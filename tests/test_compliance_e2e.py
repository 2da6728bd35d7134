"""The compliance policy (default: China's 2021 vocational internship rules) at publishing, booking and the start.

One case per rule: the breaking publish, booking or start is a 422 problem naming the rule, and the compliant
one next to it passes. Publishing a position runs every rule that does not depend on the student, so a position no
booking could take is never published. Logbook rules (hours, night work) are in test_logbooks_e2e.py."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import httpx
import pytest
from course_start import ready_to_start

TODAY = date.today()
START = TODAY + timedelta(days=30)
_n = itertools.count()

COMPLIANT_BASE = {"staff": 100}
COMPLIANT_POSITION = {"post_staff": 10, "monthly_pay": "3600", "reference_monthly_wage": "4500"}  # exactly 80%
ADULT = (START - timedelta(days=20 * 365)).isoformat()


async def setup(c: httpx.AsyncClient, internships, base_extra: dict, position_extra: dict, seats: int = 3):
    n = next(_n)
    school, enterprise = f"school-c{n}", f"ent-c{n}"
    agreement = await internships.agreement(c, school, enterprise, quota=20, days=300)
    base = {"tier": 3, "country": "CN", "city": "Yiwu", "capacity": 50, **base_extra}
    position = await internships.position(
        c,
        enterprise,
        agreement,
        seats=seats,
        starts_on=START,
        days=60,
        base=base,
        duties=[{"name": "orders", "kind": "core"}],
        **_undeclared(position_extra),
    )
    return (
        position["id"],
        internships.stack.auth(school, "school", "admin"),
        internships.stack.auth(enterprise, "enterprise", "hr"),
    )


def _undeclared(extra: dict) -> dict:
    """The position's figures exactly as the case declares them: what it leaves out is undeclared."""
    return {"post_staff": None, "monthly_pay": None, "reference_monthly_wage": None, **extra}


async def book(c, position_id, s, student, **extra):
    return await c.post("/v1/placements", headers=s, json={"position_id": position_id, "student_ref": student, **extra})


@pytest.mark.parametrize(
    ("base_extra", "position_extra", "rule"),
    [
        # 10 staff at the unit: one intern is 10%, a second would be 20%
        ({"staff": 10}, {**COMPLIANT_POSITION, "post_staff": 10}, "interns-per-enterprise"),
        # 5 staff in the post: one intern is 20%, a second would be 40%
        (COMPLIANT_BASE, {**COMPLIANT_POSITION, "post_staff": 5}, "interns-per-post"),
    ],
)
async def test_a_booking_breaking_a_rule_is_422_naming_it(stack, internships, base_extra, position_extra, rule):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        position_id, s, _ = await setup(c, internships, base_extra, position_extra)
        first = await book(c, position_id, s, "stu-1", birth_date=ADULT)
        assert first.status_code == 201, first.text  # compliant up to the limit
        refused = await book(c, position_id, s, "stu-2", birth_date=ADULT)
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["type"] == "urn:praxis:problem:compliance-violation" and problem["rule"] == rule
        seats = (await c.get(f"/v1/positions/{position_id}", headers=s)).json()["seats_taken"]
        assert seats == 1  # a refused booking takes no seat


async def draft_position(c: httpx.AsyncClient, internships, base_extra: dict, position_extra: dict, **term):
    """A draft position at a base of its own under a fresh agreement (300 days from today); (its id, HR's headers,
    the school's headers)."""
    n = next(_n)
    school, enterprise = f"school-p{n}", f"ent-p{n}"
    e = internships.stack.auth(enterprise, "enterprise", "hr")
    agreement = await internships.agreement(c, school, enterprise, quota=20, days=300)
    base = await c.post(
        "/v1/bases",
        headers=e,
        json={"agreement_id": agreement, "name": "Hub", "tier": 3, "country": "CN", "city": "Yiwu", "capacity": 50}
        | base_extra,
    )
    assert base.status_code == 201, base.text
    starts_on = term.get("starts_on", START)
    made = await c.post(
        "/v1/positions",
        headers=e,
        json={
            "base_id": base.json()["id"],
            "title": "Store operations intern",
            "seats": 3,
            "starts_on": starts_on.isoformat(),
            "ends_on": term.get("ends_on", starts_on + timedelta(days=60)).isoformat(),
            "duties": [{"name": "orders", "kind": "core"}],
            **_undeclared(position_extra),
        },
    )
    assert made.status_code == 201, made.text
    return made.json()["id"], e, internships.stack.auth(school, "school", "admin")


@pytest.mark.parametrize(
    ("base_extra", "position_extra", "rule"),
    [
        (
            {"staff": 9},
            {**COMPLIANT_POSITION, "post_staff": 9},
            "interns-per-enterprise",
        ),  # 10% of 9 staff is 0 interns
        (COMPLIANT_BASE, {**COMPLIANT_POSITION, "post_staff": 4}, "interns-per-post"),  # 20% of 4 is 0
        (COMPLIANT_BASE, {**COMPLIANT_POSITION, "monthly_pay": "3599.99"}, "minimum-pay"),
        ({}, COMPLIANT_POSITION, "headcount-undeclared"),
        (COMPLIANT_BASE, {"post_staff": 10}, "pay-undeclared"),
    ],
)
async def test_publishing_a_position_no_booking_could_take_is_422_naming_the_rule(
    stack, internships, base_extra, position_extra, rule
):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        position_id, e, s = await draft_position(c, internships, base_extra, position_extra)
        refused = await c.post(f"/v1/positions/{position_id}/publish", headers=e)
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["type"] == "urn:praxis:problem:compliance-violation" and problem["rule"] == rule
        assert refused.headers["content-type"] == "application/problem+json"
        after = await c.get(f"/v1/positions/{position_id}", headers=e)
        assert after.json()["status"] == "draft"  # nothing published
        assert (await c.get(f"/v1/positions/{position_id}", headers=s)).status_code == 404  # no school sees it


async def test_publishing_a_position_whose_term_no_agreement_covers_is_409(stack, internships):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        # The agreement runs 300 days from today: a term ending on day 301, or starting after it, is not covered.
        for term in (
            {"starts_on": TODAY + timedelta(days=250), "ends_on": TODAY + timedelta(days=301)},
            {"starts_on": TODAY + timedelta(days=320), "ends_on": TODAY + timedelta(days=380)},
        ):
            position_id, e, _ = await draft_position(c, internships, COMPLIANT_BASE, COMPLIANT_POSITION, **term)
            refused = await c.post(f"/v1/positions/{position_id}/publish", headers=e)
            assert refused.status_code == 409, refused.text
            assert refused.json()["type"] == "urn:praxis:problem:no-agreement-for-term"
        position_id, e, _ = await draft_position(
            c, internships, COMPLIANT_BASE, COMPLIANT_POSITION, ends_on=TODAY + timedelta(days=300)
        )
        published = await c.post(f"/v1/positions/{position_id}/publish", headers=e)  # its last day is covered
        assert published.status_code == 200 and published.json()["status"] == "published", published.text


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        ({"birth_date": (START - timedelta(days=15 * 365)).isoformat()}, "minimum-age"),
        ({"birth_date": ADULT, "study_year": 1}, "first-year-student"),
    ],
)
async def test_student_rules_at_booking(stack, internships, extra, rule):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        position_id, s, _ = await setup(c, internships, COMPLIANT_BASE, COMPLIANT_POSITION)
        refused = await book(c, position_id, s, "stu-young", **extra)
        assert refused.status_code == 422 and refused.json()["rule"] == rule, refused.text
        ok = await book(c, position_id, s, "stu-ok", birth_date=ADULT, study_year=2)
        assert ok.status_code == 201, ok.text


async def start_case(c, internships, birth_date, signed):
    position_id, s, e = await setup(c, internships, COMPLIANT_BASE, COMPLIANT_POSITION)
    extra = {"birth_date": birth_date} if birth_date else {}
    placement = (await book(c, position_id, s, "stu-start", **extra)).json()
    await c.post(f"/v1/placements/{placement['id']}/confirm", headers=e)
    if signed:
        await ready_to_start(c, internships.stack, placement)
    return placement, s


@pytest.mark.parametrize(
    ("birth_date", "signed", "rule"),
    [
        (ADULT, False, "student-consent"),
        ((START - timedelta(days=17 * 365)).isoformat(), True, "guardian-consent"),
        (None, True, "age-undeclared"),
    ],
)
async def test_a_start_breaking_a_rule_is_422_naming_it(stack, internships, birth_date, signed, rule):
    """The start is refused at the door; the placement would start in 30 days, so only the rule can refuse it
    here — a compliant start is then refused only by its date (409), which shows the rules passed."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        placement, s = await start_case(c, internships, birth_date, signed)
        pid = placement["id"]
        refused = await c.post(f"/v1/placements/{pid}/start", headers=s)
        assert refused.status_code == 422 and refused.json()["rule"] == rule, refused.text
        if rule in ("student-consent", "guardian-consent"):
            if rule == "student-consent":
                await ready_to_start(c, stack, placement)
            else:
                await c.post(f"/v1/placements/{pid}/consent", headers=s, json={"guardian": True})
            too_early = await c.post(f"/v1/placements/{pid}/start", headers=s)
            assert too_early.status_code == 409 and too_early.json()["type"] == "urn:praxis:problem:illegal-transition"
