"""Organisation profiles over REST against the real service: each organisation puts its own, partners read it,
others get 404; a wrong unified social credit code is a 422 naming `uscc`; an agreement is drafted only between
organisations with profiles of their kind (422 naming the field holding the org otherwise)."""

from __future__ import annotations

import random

import httpx
import pytest
from organisation_profiles import ensure_partners, profile_body, uscc

from praxis_dev.testing.stack import Stack

SCHOOL, ENTERPRISE = "school-orgp", "ent-orgp"
OTHER_SCHOOL, OTHER_ENTERPRISE = "school-orgp-other", "ent-orgp-other"
PERIOD = {"valid_from": "2027-02-01", "valid_to": "2028-01-31", "intern_quota": 3}


def client(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30)


async def test_an_organisation_puts_its_profile_and_each_change_is_an_event(stack, read_event):
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    code = uscc(random.Random(7))
    body = {"name_zh": "海贸电商", "name_en": "Sea Commerce", "uscc": code.lower(), "contact_name": "Li Na"}
    async with client(stack) as c:
        assert (await c.get("/v1/organisations/me", headers=hr)).status_code == 404  # none yet
        put = await c.put("/v1/organisations/me", headers=hr, json=body)
        assert put.status_code == 200, put.text
        mine = (await c.get("/v1/organisations/me", headers=stack.auth(ENTERPRISE, "enterprise", "mentor"))).json()
        again = (await c.put("/v1/organisations/me", headers=hr, json=body)).json()
        moved = (await c.put("/v1/organisations/me", headers=hr, json={**body, "name_en": "Sea Commerce Group"})).json()
    assert mine == put.json() == again  # a repeated PUT changes nothing
    assert mine["kind"] == "enterprise" and mine["uscc"] == code and mine["school_code"] is None  # upper-cased
    assert (mine["version"], moved["version"], moved["name_en"]) == (1, 2, "Sea Commerce Group")
    event = await read_event("internships.organisation.profile_updated", "Sea Commerce Group")
    assert (
        event["org"] == ENTERPRISE and event["uscc"] == code and event["version"] == 2 and event["nameZh"] == "海贸电商"
    )
    assert "contactName" not in event  # contact details stay with the profile


@pytest.mark.parametrize(
    ("who", "body", "field"),
    [
        ("enterprise", {"name_en": "x", "uscc": "WRONG"}, "uscc"),
        ("enterprise", {"name_en": "x"}, "uscc"),  # an enterprise gives its code
        ("enterprise", {"name_en": "x", "uscc": 91350100}, "uscc"),
        ("enterprise", {"uscc": "91350100M000100Y43"}, "name_zh"),  # no display name at all
        ("enterprise", {"name_en": "x", "uscc": "91350100M000100Y43", "school_code": "4144012345"}, "school_code"),
        ("school", {"name_en": "x", "school_code": "4144012345", "uscc": "91350100M000100Y43"}, "uscc"),
        ("school", {"name_en": "x", "school_code": "41440"}, "school_code"),
        ("school", {"name_en": "x"}, "school_code"),
        ("school", {"name_en": "x" * 201, "school_code": "4144012345"}, "name_en"),
        ("school", {"name_en": "a\u0000b", "school_code": "4144012345"}, "name_en"),
        ("school", {"name_en": "x", "school_code": "4144012345", "contact_email": "not an address"}, "contact_email"),
        ("school", {"name_en": "x", "school_code": "4144012345", "contact_phone": "call me"}, "contact_phone"),
        ("school", {"name_en": "x", "school_code": "4144012345", "fax": "1"}, "fax"),
    ],
)
async def test_bad_profiles_are_422_naming_the_field(stack, who, body, field):
    org = "ent-orgp-bad" if who == "enterprise" else "school-orgp-bad"
    async with client(stack) as c:
        r = await c.put("/v1/organisations/me", headers=stack.auth(org, who, "admin"), json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in r.json()["errors"]], r.json()


async def test_a_wrong_check_character_is_refused_and_says_so(stack):
    code = uscc(random.Random(11))
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    async with client(stack) as c:
        r = await c.put(
            "/v1/organisations/me",
            headers=stack.auth("ent-orgp-bad", "enterprise", "hr"),
            json={"name_en": "x", "uscc": wrong},
        )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "uscc"
    assert "check character" in r.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "caller",
    [
        ("school-orgp", "school", "coordinator"),
        ("school-orgp", "school", "teacher"),
        ("ent-orgp", "enterprise", "mentor"),
    ],
)
async def test_only_admins_and_hr_put_a_profile(stack, caller):
    org, kind, _ = caller
    async with client(stack) as c:
        r = await c.put("/v1/organisations/me", headers=stack.auth(*caller), json=profile_body(org, kind))
    assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"


async def test_drafting_with_an_organisation_without_a_profile_is_a_422_naming_the_field(stack):
    school = stack.auth(SCHOOL, "school", "admin")
    async with client(stack) as c:
        await ensure_partners(c, stack, SCHOOL, ENTERPRISE)
        typo = await c.post(
            "/v1/agreements", headers=school, json={"school_org": SCHOOL, "enterprise_org": "ent-orgp-typo", **PERIOD}
        )
        a_school = await c.post(
            "/v1/agreements", headers=school, json={"school_org": SCHOOL, "enterprise_org": OTHER_SCHOOL, **PERIOD}
        )
        unregistered = stack.auth("school-orgp-none", "school", "admin")
        own = await c.post(
            "/v1/agreements",
            headers=unregistered,
            json={"school_org": "school-orgp-none", "enterprise_org": ENTERPRISE, **PERIOD},
        )
        fine = await c.post(
            "/v1/agreements", headers=school, json={"school_org": SCHOOL, "enterprise_org": ENTERPRISE, **PERIOD}
        )
    for refused, field, says in (
        (typo, "enterprise_org", "has no profile"),
        (a_school, "enterprise_org", ""),
        (own, "school_org", "has no profile"),
    ):
        assert refused.status_code == 422, refused.text
        [error] = refused.json()["errors"]
        assert error["field"] == field and says in error["message"], error
    assert "PUT /v1/organisations/me" in typo.json()["errors"][0]["message"]  # tells the drafter what to do
    assert fine.status_code == 201, fine.text


async def test_partners_see_a_profile_and_everyone_else_gets_404(stack):
    async with client(stack) as c:
        await ensure_partners(c, stack, SCHOOL, ENTERPRISE)
        await ensure_partners(c, stack, OTHER_SCHOOL, OTHER_ENTERPRISE)
        drafted = await c.post(
            "/v1/agreements",
            headers=stack.auth(ENTERPRISE, "enterprise", "hr"),
            json={"school_org": SCHOOL, "enterprise_org": ENTERPRISE, **PERIOD},
        )
        assert drafted.status_code == 201, drafted.text
        school_staff = stack.auth(SCHOOL, "school", "teacher")
        unsigned = await c.get(f"/v1/organisations/{ENTERPRISE}", headers=school_staff)
        assert unsigned.status_code == 404  # drafting alone makes nobody a partner: the enterprise must sign
        for side in (stack.auth(ENTERPRISE, "enterprise", "hr"), stack.auth(SCHOOL, "school", "admin")):
            signed = await c.post(f"/v1/agreements/{drafted.json()['id']}/sign", headers=side)
            assert signed.status_code == 200, signed.text
        seen = {
            (org, who): (await c.get(f"/v1/organisations/{org}", headers=stack.auth(*who))).status_code
            for org in (SCHOOL, ENTERPRISE)
            for who in (
                (SCHOOL, "school", "teacher"),
                (ENTERPRISE, "enterprise", "mentor"),
                (OTHER_SCHOOL, "school", "admin"),  # another school
                (OTHER_ENTERPRISE, "enterprise", "hr"),  # another enterprise
                (OTHER_SCHOOL, "school", "student"),  # a student of another school
                (SCHOOL, "enterprise", "hr"),  # an enterprise named like the school
            )
        }
        missing = await c.get("/v1/organisations/nobody-orgp", headers=stack.auth(SCHOOL, "school", "admin"))
        bad_id = await c.get("/v1/organisations/no%20spaces", headers=stack.auth(SCHOOL, "school", "admin"))
    # each partner's staff see both profiles (their own and the partner's); every outsider gets 404
    insiders = {(SCHOOL, "school", "teacher"), (ENTERPRISE, "enterprise", "mentor")}
    assert {key: status for key, status in seen.items() if key[1] in insiders} == dict.fromkeys(
        [(org, who) for org in (SCHOOL, ENTERPRISE) for who in insiders], 200
    )
    assert set(status for key, status in seen.items() if key[1] not in insiders) == {404}
    assert missing.status_code == 404 and bad_id.status_code == 422
