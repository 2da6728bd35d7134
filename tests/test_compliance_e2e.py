"""The compliance policy (default: China's 2021 vocational internship rules) at booking and at the start.

One case per rule: the breaking booking or start is a 422 problem naming the rule, and the compliant
one next to it passes. Logbook rules (hours, night work) are in test_logbooks_e2e.py."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import httpx
import pytest

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
    ("base_extra", "position_extra", "first_ok", "rule"),
    [
        # 10 staff at the unit: one intern is 10%, a second would be 20%
        ({"staff": 10}, {**COMPLIANT_POSITION, "post_staff": 10}, True, "interns-per-enterprise"),
        # 5 staff in the post: one intern is 20%, a second would be 40%
        (COMPLIANT_BASE, {**COMPLIANT_POSITION, "post_staff": 5}, True, "interns-per-post"),
        (COMPLIANT_BASE, {**COMPLIANT_POSITION, "monthly_pay": "3599.99"}, False, "minimum-pay"),
        ({}, COMPLIANT_POSITION, False, "headcount-undeclared"),
        (COMPLIANT_BASE, {"post_staff": 10}, False, "pay-undeclared"),
    ],
)
async def test_a_booking_breaking_a_rule_is_422_naming_it(
    stack, internships, base_extra, position_extra, first_ok, rule
):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        position_id, s, _ = await setup(c, internships, base_extra, position_extra)
        first = await book(c, position_id, s, "stu-1", birth_date=ADULT)
        if first_ok:
            assert first.status_code == 201, first.text  # compliant up to the limit
            refused = await book(c, position_id, s, "stu-2", birth_date=ADULT)
        else:
            refused = first
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["type"] == "urn:praxis:problem:compliance-violation" and problem["rule"] == rule
        seats = (await c.get(f"/v1/positions/{position_id}", headers=s)).json()["seats_taken"]
        assert seats == (1 if first_ok else 0)  # a refused booking takes no seat


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


async def start_case(c, internships, birth_date, consents):
    position_id, s, e = await setup(c, internships, COMPLIANT_BASE, COMPLIANT_POSITION)
    extra = {"birth_date": birth_date} if birth_date else {}
    pid = (await book(c, position_id, s, "stu-start", **extra)).json()["id"]
    await c.post(f"/v1/placements/{pid}/confirm", headers=e)
    if consents:
        await c.post(f"/v1/placements/{pid}/consent", headers=s, json=consents)
    return pid, s


@pytest.mark.parametrize(
    ("birth_date", "consents", "rule"),
    [
        (ADULT, None, "student-consent"),
        ((START - timedelta(days=17 * 365)).isoformat(), {"student": True}, "guardian-consent"),
        (None, {"student": True}, "age-undeclared"),
    ],
)
async def test_a_start_breaking_a_rule_is_422_naming_it(stack, internships, birth_date, consents, rule):
    """The start is refused at the door; the placement would start in 30 days, so only the rule can refuse it
    here — a compliant start is then refused only by its date (409), which shows the rules passed."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        pid, s = await start_case(c, internships, birth_date, consents)
        refused = await c.post(f"/v1/placements/{pid}/start", headers=s)
        assert refused.status_code == 422 and refused.json()["rule"] == rule, refused.text
        fixed = {"student-consent": {"student": True}, "guardian-consent": {"student": True, "guardian": True}}
        if rule in fixed:
            await c.post(f"/v1/placements/{pid}/consent", headers=s, json=fixed[rule])
            too_early = await c.post(f"/v1/placements/{pid}/start", headers=s)
            assert too_early.status_code == 409 and too_early.json()["type"] == "urn:praxis:problem:illegal-transition"
