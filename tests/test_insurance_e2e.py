"""Insurance over real processes (REST): a school records its liability policy and attaches it to a roster of
placements, an enterprise records the cover of another; the placement's parties and its student read it; the gap
report lists what is not covered; the events leave through the outbox. Outsiders get 404 on every insurance route
(table-driven), and bad input is a 4xx problem naming the field, never a 500."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack

START = date.today() + timedelta(days=30)
END = START + timedelta(days=90)  # the position's term (conftest: 90 days)
SCHOOL, ENTERPRISE = "school-ins", "ent-ins"
OTHER_SCHOOL, OTHER_ENTERPRISE = "school-ins-else", "ent-ins-else"


def policy_body(**fields) -> dict:
    return {
        "insurer": "中国人民财产保险股份有限公司 广州分公司",
        "policy_number": "PICC-GZ-0001",
        "coverage_type": "internship_liability",
        "starts_on": (START - timedelta(days=30)).isoformat(),
        "ends_on": (END + timedelta(days=30)).isoformat(),
        "payer": "school",
    } | fields


def student(stack: Stack, school: str, ref: str) -> dict[str, str]:
    return {"Authorization": "Bearer " + stack.token(school, "school", "student", sub=ref)}


async def requested(internships, c, school: str, enterprise: str, students: list[str]) -> list[str]:
    agreement = await internships.agreement(c, school, enterprise, quota=10)
    position = await internships.position(c, enterprise, agreement, seats=len(students), starts_on=START)
    ids = []
    for s in students:
        booked = await internships.book(c, school, position["id"], s)
        assert booked.status_code == 201, booked.text
        ids.append(booked.json()["id"])
    return ids


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships) -> dict:
    """Three requested placements of SCHOOL at ENTERPRISE, one of the other school's at the other enterprise, and a
    policy of each school."""
    async with internships.client() as c:
        mine = await requested(internships, c, SCHOOL, ENTERPRISE, ["stu-ins-1", "stu-ins-2", "stu-ins-3"])
        (theirs,) = await requested(internships, c, OTHER_SCHOOL, OTHER_ENTERPRISE, ["stu-ins-9"])
        made = await c.post(
            "/v1/insurance-policies", headers=stack.auth(SCHOOL, "school", "coordinator"), json=policy_body()
        )
        assert made.status_code == 201, made.text
        other = await c.post(
            "/v1/insurance-policies", headers=stack.auth(OTHER_SCHOOL, "school", "admin"), json=policy_body()
        )
        assert other.status_code == 201, other.text
    return {"placements": mine, "foreign": theirs, "policy": made.json()["id"], "other_policy": other.json()["id"]}


async def test_a_policy_is_recorded_once_per_key_attached_to_a_roster_and_read_by_the_parties(
    stack, internships, world, read_event
):
    s = stack.auth(SCHOOL, "school", "coordinator")
    e = stack.auth(ENTERPRISE, "enterprise", "hr")
    one, two, three = world["placements"]
    async with internships.client() as c:
        key = {"Idempotency-Key": str(uuid.uuid4())}
        first = await c.post("/v1/insurance-policies", headers=s | key, json=policy_body(policy_number="PICC-GZ-0002"))
        again = await c.post("/v1/insurance-policies", headers=s | key, json=policy_body(policy_number="PICC-GZ-0002"))
        assert first.status_code == again.status_code == 201, first.text
        assert first.json()["id"] == again.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
        assert first.headers["Location"] == f"/v1/insurance-policies/{first.json()['id']}"
        listed = (await c.get("/v1/insurance-policies", headers=s, params={"page_size": 1})).json()
        assert [p["id"] for p in listed["items"]] == [first.json()["id"]] and listed["next_page_token"]
        assert (await c.get(f"/v1/insurance-policies/{world['policy']}", headers=s)).json()["payer"] == "school"

        before = (await c.get("/v1/reports/insurance-gaps", headers=s)).json()["items"]
        assert {g["placement_id"]: g["uncovered_from"] for g in before} == {
            p: START.isoformat() for p in (one, two, three)
        }

        attached = await c.post(
            f"/v1/insurance-policies/{world['policy']}/placements", headers=s, json={"placement_ids": [one, two]}
        )
        assert attached.status_code == 200, attached.text
        assert attached.json()["items"] == [
            {"placement_id": one, "newly_attached": True},
            {"placement_id": two, "newly_attached": True},
        ]
        # The enterprise records a policy that ends a week early for the third.
        short = await c.post(
            "/v1/insurance-policies",
            headers=e,
            json=policy_body(payer="enterprise", starts_on=START.isoformat(), ends_on=(END - timedelta(7)).isoformat()),
        )
        assert short.status_code == 201, short.text
        ok = await c.post(
            f"/v1/insurance-policies/{short.json()['id']}/placements", headers=e, json={"placement_ids": [three]}
        )
        assert ok.status_code == 200, ok.text

        for headers in (s, e, student(stack, SCHOOL, "stu-ins-1")):
            seen = await c.get(f"/v1/placements/{one}/insurance", headers=headers)
            assert seen.status_code == 200, seen.text
            assert seen.json()["covered"] is True and [p["id"] for p in seen.json()["policies"]] == [world["policy"]]
        third = (await c.get(f"/v1/placements/{three}/insurance", headers=s)).json()
        assert third["covered"] is False and third["uncovered_from"] == (END - timedelta(6)).isoformat()

        for headers in (s, e):
            gaps = (await c.get("/v1/reports/insurance-gaps", headers=headers)).json()
            assert [(g["placement_id"], g["covered_until"]) for g in gaps["items"]] == [
                (three, (END - timedelta(7)).isoformat())
            ]
    recorded = await read_event("internships.insurance.policy_recorded", world["policy"])
    assert (recorded["ownerOrg"], recorded["payer"], recorded["coverageType"]) == (
        SCHOOL,
        "school",
        "internship_liability",
    )
    insured = await read_event("internships.placement.insured", one)
    assert (insured["policyId"], insured["studentRef"]) == (world["policy"], "stu-ins-1")


async def test_a_roster_naming_a_placement_of_another_school_attaches_nothing(stack, internships, world):
    s = stack.auth(SCHOOL, "school", "admin")
    one = world["placements"][0]
    async with internships.client() as c:
        fresh = await c.post("/v1/insurance-policies", headers=s, json=policy_body(policy_number="PICC-GZ-0003"))
        refused = await c.post(
            f"/v1/insurance-policies/{fresh.json()['id']}/placements",
            headers=s,
            json={"placement_ids": [one, world["foreign"], str(uuid.uuid4())]},
        )
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert [(x["field"], x["message"]) for x in refused.json()["errors"]] == [
            ("placement_ids.1", "no such placement"),
            ("placement_ids.2", "no such placement"),
        ]
        policies = (await c.get(f"/v1/placements/{one}/insurance", headers=s)).json()["policies"]
        assert fresh.json()["id"] not in [p["id"] for p in policies]


OUTSIDERS = {
    "another school": (OTHER_SCHOOL, "school", "admin", None),
    "another enterprise": (OTHER_ENTERPRISE, "enterprise", "hr", None),
    "the owner school's id as an enterprise": (SCHOOL, "enterprise", "admin", None),
    "a student of another placement": (SCHOOL, "school", "student", "stu-ins-elsewhere"),
}


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_404_on_every_insurance_route(stack, internships, world, outsider):
    org, kind, role, sub = OUTSIDERS[outsider]
    headers = {"Authorization": "Bearer " + stack.token(org, kind, role, sub=sub)}
    pol, pl = world["policy"], world["placements"][0]
    calls = [
        ("GET", f"/v1/insurance-policies/{pol}", None),
        ("GET", f"/v1/placements/{pl}/insurance", None),
        ("POST", f"/v1/insurance-policies/{pol}/placements", {"placement_ids": [pl]}),
    ]
    async with internships.client() as c:
        for method, path, body in calls:
            r = await c.request(method, path, json=body, headers=headers)
            assert r.status_code == 404, (outsider, method, path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert pol not in r.text.replace(path, "") and pl not in r.text.replace(path, "")
        if role != "student":  # with a policy of its own, the owner's placement is still not found
            own = world["other_policy"] if org == OTHER_SCHOOL else None
            if own is not None:
                r = await c.post(
                    f"/v1/insurance-policies/{own}/placements", headers=headers, json={"placement_ids": [pl]}
                )
                assert r.status_code == 422 and r.json()["errors"][0]["message"] == "no such placement", r.text
        for path in ("/v1/insurance-policies", "/v1/reports/insurance-gaps"):
            r = await c.get(path, headers=headers)
            assert r.status_code in (200, 403), (path, r.text)
            assert pol not in r.text and pl not in r.text, (outsider, path)
        r = await c.get(f"/v1/insurance-policies/{pol}", headers=stack.auth("platform", "platform", "ops"))
        assert r.status_code == 403


BAD = {
    "a student paying": (policy_body(payer="student"), "payer"),
    "a period ending before it starts": (policy_body(starts_on="2027-05-01", ends_on="2027-04-30"), "ends_on"),
    "no coverage type": ({k: v for k, v in policy_body().items() if k != "coverage_type"}, "coverage_type"),
    "an unknown coverage type": (policy_body(coverage_type="fire"), "coverage_type"),
    "an insurer's name over 200 characters": (policy_body(insurer="x" * 201), "insurer"),
    "an empty policy number": (policy_body(policy_number=""), "policy_number"),
    "a date that is not one": (policy_body(starts_on="2027-02-30"), "starts_on"),
}


@pytest.mark.parametrize("case", list(BAD))
async def test_bad_policies_are_422_naming_the_field(stack, internships, world, case):
    body, field = BAD[case]
    async with internships.client() as c:
        r = await c.post("/v1/insurance-policies", headers=stack.auth(SCHOOL, "school", "admin"), json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in r.json()["errors"]], r.json()
    if case == "a student paying":
        assert r.json()["rule"] == "insurance-payer"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"placement_ids": [str(uuid.uuid4()) for _ in range(501)]}, "placement_ids"),
        ({"placement_ids": []}, "placement_ids"),
        ({"placement_ids": ["not-a-uuid"]}, "placement_ids.0"),
        ({"placement_ids": "one"}, "placement_ids"),
        ({}, "placement_ids"),
    ],
)
async def test_bad_rosters_are_422_naming_the_field(stack, internships, world, body, field):
    async with internships.client() as c:
        r = await c.post(
            f"/v1/insurance-policies/{world['policy']}/placements",
            headers=stack.auth(SCHOOL, "school", "admin"),
            json=body,
        )
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]], r.json()


async def test_roles_and_kinds_that_may_not_record_are_403(stack, internships, world):
    async with internships.client() as c:
        for headers in (
            stack.auth(SCHOOL, "school", "teacher"),
            stack.auth(ENTERPRISE, "enterprise", "mentor"),
            student(stack, SCHOOL, "stu-ins-1"),
            stack.auth("platform", "platform", "ops"),
        ):
            r = await c.post("/v1/insurance-policies", headers=headers, json=policy_body())
            assert r.status_code == 403, r.text
        r = await c.get("/v1/reports/insurance-gaps", headers=student(stack, SCHOOL, "stu-ins-1"))
        assert r.status_code == 403, r.text
