"""Tenant isolation over every base, position, placement, logbook, insurance and report endpoint (table-driven).

Another school, another enterprise and an enterprise with no agreement at all each get 404 for objects that are
not theirs (403 where their kind may never do the thing, e.g. an enterprise booking), never the object, and lists
and reports never show it. Platform staff get 403 everywhere, before any lookup."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio
from organisation_profiles import ensure_partners

from praxis_dev.testing.stack import Stack

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday() + 7)
OWNER_SCHOOL, OWNER_ENTERPRISE = "school-own", "ent-own"
OUTSIDERS = {
    "another school (with an agreement of its own)": ("school-else", "school", "admin"),
    "another enterprise (with an agreement of its own)": ("ent-else", "enterprise", "hr"),
    "an enterprise without any agreement": ("ent-alone", "enterprise", "admin"),
    "the owner enterprise's id as a school": (OWNER_ENTERPRISE, "school", "admin"),
    "platform staff": ("platform", "platform", "ops"),
}


async def world(
    c: httpx.AsyncClient, stack: Stack, start_placement, school: str, enterprise: str, student: str
) -> dict:
    """An active placement (and so an agreement, a base and a position) with one filed logbook week."""
    placement = await start_placement(
        c,
        school,
        enterprise,
        student,
        starts_on=MONDAY - timedelta(days=7),
        duties=[{"name": "orders", "kind": "core"}],
        base={"tier": 1, "country": "TH", "city": "Bangkok", "capacity": 20, "staff": 10_000},
    )
    s = stack.auth(school, "school", "admin")
    filed = await c.put(
        f"/v1/placements/{placement['id']}/logbook/{MONDAY}",
        headers=s,
        json={"lines": [{"day": MONDAY.isoformat(), "duty": "orders", "hours": "6"}]},
    )
    assert filed.status_code == 200, filed.text
    policy = await c.post(
        "/v1/insurance-policies",
        headers=s,
        json={
            "insurer": "PICC",
            "policy_number": f"P-{student}",
            "coverage_type": "internship_liability",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + timedelta(days=365)).isoformat(),
            "payer": "school",
        },
    )
    assert policy.status_code == 201, policy.text
    position = (
        await c.get(f"/v1/positions/{placement['position_id']}", headers=stack.auth(enterprise, "enterprise", "hr"))
    ).json()
    return {
        "agreement": placement["agreement_id"],
        "base": position["base_id"],
        "position": position["id"],
        "placement": placement["id"],
        "policy": policy.json()["id"],
    }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack, start_placement) -> dict:
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        ids = await world(c, stack, start_placement, OWNER_SCHOOL, OWNER_ENTERPRISE, "stu-own")
        await world(
            c, stack, start_placement, "school-else", "ent-else", "stu-else"
        )  # the outsiders have lives of their own
    return ids


ANY, SCHOOLS, ENTERPRISES, PARTIES = (
    {"school", "enterprise"},
    {"school"},
    {"enterprise"},
    {"school", "enterprise"},
)


def calls(ids: dict) -> list[tuple[str, str, dict | None, set[str]]]:
    """(method, path, body, the organisation kinds that may ever call it: others are refused with 403 before
    any lookup, so the answer says nothing about the object)."""
    b, p, pl = ids["base"], ids["position"], ids["placement"]
    line = {"lines": [{"day": MONDAY.isoformat(), "duty": "orders", "hours": "1"}]}
    position_body = {
        "base_id": b,
        "title": "x",
        "seats": 1,
        "starts_on": TODAY.isoformat(),
        "ends_on": TODAY.isoformat(),
        "duties": [{"name": "d", "kind": "core"}],
    }
    return [
        ("GET", f"/v1/bases/{b}", None, ANY),
        ("GET", f"/v1/positions/{p}", None, ANY),
        ("POST", f"/v1/positions/{p}/publish", None, ENTERPRISES),
        ("POST", f"/v1/positions/{p}/close", None, ENTERPRISES),
        ("POST", "/v1/positions", position_body, ENTERPRISES),
        ("POST", "/v1/placements", {"position_id": p, "student_ref": "intruder"}, SCHOOLS),
        ("GET", f"/v1/placements/{pl}", None, ANY),
        *[
            ("POST", f"/v1/placements/{pl}/{action}", {"reason": "x"}, PARTIES)
            for action in ("confirm", "reject", "withdraw", "start", "complete", "terminate")
        ],
        ("POST", f"/v1/placements/{pl}/consent", {"guardian": True}, SCHOOLS),
        ("GET", f"/v1/placements/{pl}/logbook", None, ANY),
        ("PUT", f"/v1/placements/{pl}/logbook/{MONDAY}", line, ANY),
        ("POST", f"/v1/placements/{pl}/logbook/{MONDAY}/approve", None, ANY),
        ("POST", f"/v1/placements/{pl}/logbook/{MONDAY}/return", {"comments": "x"}, ANY),
        ("GET", f"/v1/placements/{pl}/document", None, ANY),
        ("GET", f"/v1/placements/{pl}/document.pdf", None, ANY),
        ("POST", f"/v1/placements/{pl}/document/signatures", {"document_sha256": "0" * 64}, ANY),
        ("GET", f"/v1/placements/{pl}/insurance", None, ANY),
        ("GET", f"/v1/insurance-policies/{ids['policy']}", None, PARTIES),
        ("POST", f"/v1/insurance-policies/{ids['policy']}/placements", {"placement_ids": [pl]}, PARTIES),
    ]


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_404_on_every_endpoint(stack, owned, outsider):
    org, kind, role = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        for method, path, body, kinds in calls(owned):
            r = await c.request(method, path, json=body, headers=headers)
            expected = 404 if kind in kinds else 403
            assert r.status_code == expected, (outsider, method, path, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert not any(value in r.text.replace(path, "") for value in owned.values())  # nothing leaks
        for path in (
            "/v1/bases",
            "/v1/placements",
            "/v1/positions",
            "/v1/reports/placements",
            "/v1/insurance-policies",
            "/v1/reports/insurance-gaps",
        ):
            r = await c.get(path, headers=headers)
            assert r.status_code in (200, 403), (path, r.text)
            assert not any(value in r.text for value in owned.values()), (outsider, path)


async def test_the_owners_report_counts_their_own_placements_only(stack, owned):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        e = stack.auth(OWNER_ENTERPRISE, "enterprise", "hr")
        week = f"/v1/placements/{owned['placement']}/logbook/{MONDAY}/approve"
        approved = await c.post(week, headers=e, json={"on_behalf_of_mentor": True})  # no mentor assigned yet
        assert approved.status_code == 200, approved.text
        for headers in (stack.auth(OWNER_SCHOOL, "school", "admin"), e):
            report = (await c.get("/v1/reports/placements", headers=headers)).json()
            assert report["by_status"] == {"active": 1}
            assert report["by_tier"] == {} and report["by_proposed_tier"] == {"1": 1}  # the tier is not confirmed
            assert report["by_country"] == {"TH": 1}
            assert [(p["position_id"], p["seats_taken"], p["fill_rate"]) for p in report["positions"]] == [
                (owned["position"], 1, "0.5000")  # 1 of the 2 seats
            ]
            assert report["core_share_buckets"]["75-100%"] == 1 and report["core_share_mean"] == "1.0000"
            assert report["agreements_without_placements"] == []
        lonely = stack.auth("school-paper", "school", "admin")
        await ensure_partners(c, stack, "school-paper", "ent-paper")
        paper = (
            await c.post(
                "/v1/agreements",
                headers=lonely,
                json={
                    "school_org": "school-paper",
                    "enterprise_org": "ent-paper",
                    "valid_from": TODAY.isoformat(),
                    "valid_to": (TODAY + timedelta(days=30)).isoformat(),
                    "intern_quota": 1,
                },
            )
        ).json()["id"]
        for h in (lonely, stack.auth("ent-paper", "enterprise", "hr")):
            await c.post(f"/v1/agreements/{paper}/sign", headers=h)
        report = (await c.get("/v1/reports/placements", headers=lonely)).json()
        assert report["agreements_without_placements"] == [paper] and report["by_status"] == {}
