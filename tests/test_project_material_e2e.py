"""Time-boxed, revocable access to an enterprise's project material, through the REST and gRPC APIs of real
internships and projects processes on real NATS JetStream and PostgreSQL (docs/project-material.md).

A share with an expiry a few seconds ahead: the school sees the project and its material, then — with no timer,
the moment the expiry passes — gets 404 exactly as after a revocation; sharing again restores it. Confidentiality
terms: a student is refused the material (403 terms-not-accepted) until they accept the current version; a new
version asks for acceptance again; confidential items never open to a student without accepted terms; staff need
no acceptance. The new routes are refused (404) to another school, its students and another enterprise."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

WAIT = 30  # seconds: a bounded wait for the partnership to reach projects, or for an expiry to pass
SCHOOL, ENTERPRISE = "school-mat", "ent-mat"
OTHER_SCHOOL, OTHER_ENTERPRISE = "school-mat-else", "ent-mat-else"
OUTSIDERS = {
    "another school": (OTHER_SCHOOL, "school", "admin", None),
    "another school's student": (OTHER_SCHOOL, "school", "student", "stu-else"),
    "another enterprise": (OTHER_ENTERPRISE, "enterprise", "hr", None),
    "the owner enterprise's id used by a school": (ENTERPRISE, "school", "admin", None),
}


def auth(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.token(org, kind, role, sub=sub)}"}


async def new_project(p: httpx.AsyncClient, enterprise: dict) -> str:
    today = date.today()
    made = await p.post(
        "/v1/projects",
        headers=enterprise,
        json={"title": "Listing audit", "starts_on": today.isoformat(), "ends_on": (today + timedelta(30)).isoformat()},
    )
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    assert (await p.post(f"/v1/projects/{pid}/publish", headers=enterprise)).status_code == 200
    return pid


async def share(p: httpx.AsyncClient, enterprise: dict, pid: str, school: str, **body) -> httpx.Response:
    async def shared():
        r = await p.put(f"/v1/projects/{pid}/schools/{school}", headers=enterprise, json=body or None)
        return r if r.status_code != 422 or "agreement" not in r.text else None  # the partnership still travelling

    return await eventually(shared, timeout=WAIT, what=f"the partnership with {school} in projects")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def partners(stack: Stack, internships) -> None:
    async with internships.client() as i:
        for s, e in ((SCHOOL, ENTERPRISE), (OTHER_SCHOOL, ENTERPRISE), (OTHER_SCHOOL, OTHER_ENTERPRISE)):
            await internships.agreement(i, s, e)


@pytest.fixture
def client(stack: Stack):
    return httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30)


async def test_an_expired_share_is_refused_at_once_like_a_revoked_one(stack, partners, client):
    enterprise, school = auth(stack, ENTERPRISE, "enterprise", "hr"), auth(stack, SCHOOL, "school", "teacher")
    admin = auth(stack, SCHOOL, "school", "admin")
    async with client as p:
        pid = await new_project(p, enterprise)
        past = await p.put(
            f"/v1/projects/{pid}/schools/{SCHOOL}",
            headers=enterprise,
            json={"expires_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat()},
        )
        assert past.status_code == 422 and past.json()["errors"][0]["field"] == "expires_at", past.text
        naive = await p.put(
            f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise, json={"expires_at": "2030-01-01T00:00:00"}
        )
        assert naive.status_code == 422, naive.text
        for far in ("9999-12-31T23:59:59-14:00", "2999-01-01T00:00:00Z"):
            r = await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise, json={"expires_at": far})
            assert r.status_code == 422 and r.json()["errors"][0]["field"] == "expires_at", (far, r.text)

        first = (await share(p, enterprise, pid, SCHOOL)).json()  # once the partnership is here
        assert first["expires_at"] is None
        expires_at = datetime.now(UTC) + timedelta(seconds=8)  # a current share takes the new expiry
        shared = await p.put(
            f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise, json={"expires_at": expires_at.isoformat()}
        )
        assert shared.status_code == 200, shared.text
        assert datetime.fromisoformat(shared.json()["expires_at"]) == expires_at
        assert shared.json()["sees_project"] is True and shared.json()["expired"] is False
        assert shared.json()["granted_at"] == first["granted_at"]  # the same grant, with an expiry now
        added = await p.post(
            f"/v1/projects/{pid}/material",
            headers=enterprise,
            json={"title": "Orders", "kind": "dataset", "uri": "https://data.example.com/orders.csv"},
        )
        assert added.status_code == 201 and added.json()["sensitivity"] == "internal", added.text
        assert (await p.get(f"/v1/projects/{pid}", headers=school)).status_code == 200
        formed = await p.post(
            f"/v1/projects/{pid}/teams", headers=admin, json={"name": "Team", "members": [{"student_ref": "stu-x1"}]}
        )
        assert formed.status_code == 201, formed.text
        tid = formed.json()["id"]
        assert [m["title"] for m in (await p.get(f"/v1/projects/{pid}/material", headers=school)).json()["items"]] == [
            "Orders"
        ]

        async def refused():
            return (await p.get(f"/v1/projects/{pid}/material", headers=school)).status_code == 404

        await eventually(refused, timeout=WAIT, what="the expiry to take effect")
        assert datetime.now(UTC) >= expires_at - timedelta(seconds=1)  # not before it was due (clock skew allowed)
        assert (await p.get(f"/v1/projects/{pid}", headers=school)).status_code == 404
        assert pid not in (await p.get("/v1/projects", headers=school)).text
        # As after a revocation: the team's records stay the school's, nothing more can be added.
        assert (await p.get(f"/v1/teams/{tid}", headers=admin)).status_code == 200
        frozen = await p.post(
            f"/v1/teams/{tid}/stages/market-research/deliverables",
            headers=admin,
            json={"kind": "plan", "title": "Plan", "file_ref": "upload:1"},
        )
        assert frozen.status_code == 409 and frozen.json()["type"] == "urn:praxis:problem:access-revoked", frozen.text
        listed = (await p.get(f"/v1/projects/{pid}/schools", headers=enterprise)).json()["items"]
        assert [(s["school_org"], s["expired"], s["sees_project"]) for s in listed] == [(SCHOOL, True, False)]

        again = await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise)  # until revoked
        assert again.status_code == 200 and again.json()["expires_at"] is None and again.json()["sees_project"]
        granted = [datetime.fromisoformat(x["granted_at"]) for x in (first, again.json())]
        assert granted[1] > granted[0]  # granted anew after the expiry
        assert (await p.get(f"/v1/projects/{pid}/material", headers=school)).status_code == 200


async def test_a_student_opens_the_material_only_after_accepting_the_current_terms(stack, partners, client):
    enterprise = auth(stack, ENTERPRISE, "enterprise", "hr")
    teacher = auth(stack, SCHOOL, "school", "teacher", "t-mat")
    student = auth(stack, SCHOOL, "school", "student", "stu-mat")
    async with client as p:
        pid = await new_project(p, enterprise)
        assert (await share(p, enterprise, pid, SCHOOL)).status_code == 200
        for title, sensitivity in (("Brief", "public"), ("Orders", "internal"), ("Margins", "confidential")):
            r = await p.post(
                f"/v1/projects/{pid}/material",
                headers=enterprise,
                json={
                    "title": title,
                    "kind": "file",
                    "uri": f"https://files.example.com/{title}",
                    "sensitivity": sensitivity,
                },
            )
            assert r.status_code == 201 and r.json()["sensitivity"] == sensitivity, r.text
        bad = await p.post(
            f"/v1/projects/{pid}/material",
            headers=enterprise,
            json={"title": "x", "kind": "file", "uri": "https://x.example", "sensitivity": "secret"},
        )
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "sensitivity", bad.text

        async def titles(headers) -> list[str]:
            r = await p.get(f"/v1/projects/{pid}/material", headers=headers)
            assert r.status_code == 200, r.text
            return [m["title"] for m in r.json()["items"]]

        # No terms yet: confidential material stays with the staff.
        assert (await p.get(f"/v1/projects/{pid}/terms", headers=student)).status_code == 404
        assert await titles(student) == ["Brief", "Orders"]
        assert await titles(teacher) == await titles(enterprise) == ["Brief", "Orders", "Margins"]

        v1 = await p.put(f"/v1/projects/{pid}/terms", headers=enterprise, json={"text": "Keep it to this project."})
        assert v1.status_code == 200 and v1.json()["version"] == 1, v1.text
        assert (await p.put(f"/v1/projects/{pid}/terms", headers=teacher, json={"text": "x"})).status_code == 403
        refused = await p.get(f"/v1/projects/{pid}/material", headers=student)
        assert refused.status_code == 403 and refused.json()["type"] == "urn:praxis:problem:terms-not-accepted"
        assert refused.json()["current_version"] == 1
        read = (await p.get(f"/v1/projects/{pid}/terms", headers=student)).json()
        assert (read["version"], read["text"], read["accepted"]) == (1, "Keep it to this project.", False)
        assert await titles(teacher) == ["Brief", "Orders", "Margins"]  # staff need no acceptance
        staff_accepts = await p.post(f"/v1/projects/{pid}/terms/acceptance", headers=teacher, json={"version": 1})
        assert staff_accepts.status_code == 403, staff_accepts.text

        accepted = await p.post(f"/v1/projects/{pid}/terms/acceptance", headers=student, json={"version": 1})
        assert accepted.status_code == 200, accepted.text
        assert (accepted.json()["student_ref"], accepted.json()["school_org"]) == ("stu-mat", SCHOOL)
        twice = await p.post(f"/v1/projects/{pid}/terms/acceptance", headers=student, json={"version": 1})
        assert twice.json() == accepted.json()  # recorded once
        assert await titles(student) == ["Brief", "Orders", "Margins"]
        assert (await p.get(f"/v1/projects/{pid}/terms", headers=student)).json()["accepted"] is True

        v2 = await p.put(f"/v1/projects/{pid}/terms", headers=enterprise, json={"text": "Also: no screenshots."})
        assert v2.json()["version"] == 2
        again = await p.get(f"/v1/projects/{pid}/material", headers=student)
        assert again.status_code == 403 and again.json()["current_version"] == 2
        stale = await p.post(f"/v1/projects/{pid}/terms/acceptance", headers=student, json={"version": 1})
        assert stale.status_code == 409 and stale.json()["type"] == "urn:praxis:problem:terms-changed", stale.text
        assert (
            await p.post(f"/v1/projects/{pid}/terms/acceptance", headers=student, json={"version": 2})
        ).status_code == 200
        assert await titles(student) == ["Brief", "Orders", "Margins"]


async def test_the_terms_and_material_routes_are_refused_to_outsiders(stack, partners, client):
    enterprise = auth(stack, ENTERPRISE, "enterprise", "hr")
    async with client as p:
        pid = await new_project(p, enterprise)
        assert (await share(p, enterprise, pid, SCHOOL)).status_code == 200
        assert (
            await p.put(f"/v1/projects/{pid}/terms", headers=enterprise, json={"text": "Terms."})
        ).status_code == 200
        calls = [
            ("PUT", f"/v1/projects/{pid}/terms", {"text": "Mine now"}),
            ("GET", f"/v1/projects/{pid}/terms", None),
            ("POST", f"/v1/projects/{pid}/terms/acceptance", {"version": 1}),
            ("GET", f"/v1/projects/{pid}/material", None),
            ("PUT", f"/v1/projects/{pid}/schools/{OTHER_SCHOOL}", {"expires_at": "2030-01-01T00:00:00Z"}),
        ]
        for who, (org, kind, role, sub) in OUTSIDERS.items():
            headers = auth(stack, org, kind, role, sub)
            for method, path, body in calls:
                r = await p.request(method, path, json=body, headers=headers)
                assert r.status_code == 404, (who, method, path, r.text)
                assert r.headers["content-type"] == "application/problem+json"
                assert "Terms." not in r.text
        assert (await p.get(f"/v1/projects/{pid}/terms", headers=enterprise)).json()["version"] == 1  # unchanged


async def test_expiry_sensitivity_and_terms_over_grpc(stack, partners):
    enterprise = auth(stack, ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        pid = await new_project(p, enterprise)
        assert (await share(p, enterprise, pid, SCHOOL)).status_code == 200

    def meta(org, kind, role, sub=None):
        return (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)

    owner, student = meta(ENTERPRISE, "enterprise", "hr"), meta(SCHOOL, "school", "student", "stu-grpc")
    async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel:
        stub = pb_grpc.ProjectsServiceStub(channel)
        until = (datetime.now(UTC) + timedelta(days=30)).isoformat()
        shared = await stub.ShareProject(
            pb.ShareProjectRequest(id=pid, school_org=SCHOOL, expires_at=until), metadata=owner, timeout=10
        )
        assert datetime.fromisoformat(shared.school.expires_at) == datetime.fromisoformat(until)
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await stub.ShareProject(
                pb.ShareProjectRequest(id=pid, school_org=SCHOOL, expires_at="tomorrow"), metadata=owner, timeout=10
            )
        assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        m = await stub.AddMaterial(
            pb.AddMaterialRequest(
                project_id=pid, title="Margins", kind="file", uri="https://f.example/m", sensitivity="confidential"
            ),
            metadata=owner,
            timeout=10,
        )
        assert m.material.sensitivity == "confidential"
        terms = await stub.PublishTerms(
            pb.PublishTermsRequest(project_id=pid, text="Confidential."), metadata=owner, timeout=10
        )
        assert terms.terms.version == 1
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.ListMaterial(pb.ListMaterialRequest(project_id=pid), metadata=student, timeout=10)
        assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED
        accepted = await stub.AcceptTerms(
            pb.AcceptTermsRequest(project_id=pid, version=1), metadata=student, timeout=10
        )
        assert accepted.acceptance.student_ref == "stu-grpc"
        assert (await stub.GetTerms(pb.GetTermsRequest(project_id=pid), metadata=student, timeout=10)).terms.accepted
        opened = await stub.ListMaterial(pb.ListMaterialRequest(project_id=pid), metadata=student, timeout=10)
        assert [x.title for x in opened.material] == ["Margins"]
