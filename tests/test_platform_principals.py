"""Platform principals (operators, other services) see no tenant content: every REST route of the services,
enumerated from each running service's own OpenAPI document and called with real ids of existing objects, answers
them 403 (problem+json, nothing of the tenants in it); over gRPC every method answers PERMISSION_DENIED, except the
two questions the mentors service declares for other services (GetAssignments, IsMentorOf), which admit a platform
principal with role `service` and nobody else of the platform. A platform authority (role `authority`) is refused
the same way everywhere but on the base tier routes and methods it is declared for (exercised in test_tiers_e2e.py)."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf.message_factory import GetMessageClass

from internships.rpc import FEATURE_SERVICES
from praxis.credentials.v1 import credentials_pb2
from praxis.exports.v1 import exports_pb2 as export_parts_pb2
from praxis.internships.v1 import exports_pb2, internships_pb2
from praxis.mentors.v1 import mentors_pb2
from praxis.notifications.v1 import notifications_pb2
from praxis.projects.v1 import projects_pb2
from praxis_dev import oneroster_bundles
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday() + 7)
SCHOOL, ENTERPRISE, STUDENT, TEAMMATE = "school-plat", "ent-plat", "stu-plat", "stu-plat-2"
TENANT_MARKERS = (SCHOOL, ENTERPRISE, STUDENT)
PLATFORM_PRINCIPALS = {
    "a service": ("platform", "platform", "service"),
    "an operator": ("platform", "platform", "ops"),
    "a platform admin": ("platform", "platform", "admin"),
    "a platform token naming the school": (SCHOOL, "platform", "admin", "service"),
    "a platform authority": ("edu-dept", "platform", "authority"),
}
# What a platform authority (role `authority`) may reach besides: deciding practice base tiers.
AUTHORITY_ROUTES = {"/v1/bases/{base_id}/tier", "/v1/bases/{base_id}/tier-evidence", "/v1/bases/{base_id}/tier-history"}
AUTHORITY_METHODS = {
    f"/praxis.internships.v1.BaseTiersService/{m}"
    for m in ("ConfirmBaseTier", "GetBaseTierEvidence", "GetBaseTierHistory")
}
# Answered without a token to anyone: probes and the API's own description.
PUBLIC = {"/healthz", "/readyz", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"}
PUBLIC_PREFIX = "/public/"  # what anyone may read (credentials' DID documents, status lists, checks): no tenant data
SERVICE_METHODS = {"/praxis.mentors.v1.MentorsService/GetAssignments", "/praxis.mentors.v1.MentorsService/IsMentorOf"}
EXPORT_PARTS = export_parts_pb2.DESCRIPTOR.services_by_name["ExportPartsService"]  # every service's
GRPC_SERVICES = {
    "internships": [  # InternshipsService and every feature's service beside it (grades, outcomes, tiers, …)
        internships_pb2.DESCRIPTOR.services_by_name["InternshipsService"],
        *(module.DESCRIPTOR.services_by_name[name] for module, _, name, _ in FEATURE_SERVICES),
        exports_pb2.DESCRIPTOR.services_by_name["ExportsService"],
        EXPORT_PARTS,
    ],
    "mentors": [mentors_pb2.DESCRIPTOR.services_by_name["MentorsService"], EXPORT_PARTS],
    "projects": [projects_pb2.DESCRIPTOR.services_by_name["ProjectsService"], EXPORT_PARTS],
    "notifications": [notifications_pb2.DESCRIPTOR.services_by_name["NotificationsService"], EXPORT_PARTS],
    "credentials": [credentials_pb2.DESCRIPTOR.services_by_name["CredentialsService"], EXPORT_PARTS],
}


def auth(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.token(org, kind, role, sub=sub)}"}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships, mentors, rounds) -> dict[str, str]:
    """Real objects of one school and one enterprise in all three services: an agreement, a base, a position, a
    confirmed placement with both mentors assigned and a guidance session, a mentor's practice period and
    certificate, an insurance policy, an import job, an allocation round with the position and the student, a shared project with material and a
    team with a deliverable. Returns a value for every path parameter name the services use."""
    school, enterprise = auth(stack, SCHOOL, "school", "admin"), auth(stack, ENTERPRISE, "enterprise", "hr")
    async with (
        internships.client() as c,
        mentors.client() as m,
        httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p,
        httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30) as n,
    ):
        hook = await n.post(
            "/v1/webhooks",
            headers=auth(stack, ENTERPRISE, "enterprise", "admin"),
            json={"url": "http://127.0.0.1:9/hooks", "event_types": ["praxis.internships.placement.requested.v1"]},
        )
        assert hook.status_code == 201, hook.text
        teacher = await mentors.mentor(m, SCHOOL, "school", capacity=5, account="t-plat")
        await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, account="m-plat")
        period = await m.post(
            f"/v1/mentors/{teacher['id']}/practice-periods",
            headers=school,
            json={"enterprise": "Sea", "role": "ops", "from": "2025-01-01", "to": "2025-08-31", "hours": 900},
        )
        certificate = await m.post(
            f"/v1/mentors/{teacher['id']}/certificates",
            headers=school,
            json={"name": "Forklift licence", "issued_on": "2024-01-01"},
        )
        assert period.status_code == certificate.status_code == 201, (period.text, certificate.text)
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, valid_from=TODAY - timedelta(days=40))
        position = await internships.position(c, ENTERPRISE, agreement, seats=2, starts_on=TODAY + timedelta(days=30))
        booked = await internships.book(c, SCHOOL, position["id"], STUDENT, birth_date="2004-01-01")
        assert booked.status_code == 201, booked.text
        placement = booked.json()["id"]
        assert (await c.post(f"/v1/placements/{placement}/confirm", headers=enterprise)).status_code == 200

        async def delivered():
            log = await n.get(
                f"/v1/webhooks/{hook.json()['id']}/deliveries", headers=auth(stack, ENTERPRISE, "enterprise", "admin")
            )
            return log.json()["items"]

        delivery = (await eventually(delivered, timeout=30, what="the booking's webhook delivery"))[0]
        policy = await c.post(
            "/v1/insurance-policies",
            headers=school,
            json={
                "insurer": "PICC",
                "policy_number": "P-plat",
                "coverage_type": "internship_liability",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=365)).isoformat(),
                "payer": "school",
            },
        )
        assert policy.status_code == 201, policy.text
        imported = await c.post(
            "/v1/imports/oneroster",
            headers={**school, "Content-Type": "application/zip"},
            content=oneroster_bundles.bundle(SCHOOL, 1),
        )
        assert imported.status_code == 202, imported.text

        rnd = await rounds.create(c, SCHOOL)
        await rounds.add_positions(c, SCHOOL, rnd["id"], position["id"])
        await rounds.add_students(c, SCHOOL, rnd["id"], {TEAMMATE: []})

        async def paired():
            pair = await mentors.of_student(m, SCHOOL, "school", STUDENT)
            return pair if len(pair) == 2 and all(a["status"] == "active" for a in pair.values()) else None

        pair = await eventually(paired, timeout=30, what="both mentors assigned")
        session = await m.post(
            f"/v1/assignments/{pair['enterprise']['id']}/sessions",
            headers=enterprise,
            json={"held_on": (TODAY - timedelta(days=2)).isoformat(), "mode": "onsite", "minutes": 60},
        )
        assert session.status_code == 201, session.text

        made = await p.post(
            "/v1/projects",
            headers=enterprise,
            json={
                "title": "Amazon listing optimisation",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=90)).isoformat(),
            },
        )
        assert made.status_code == 201, made.text
        project = made.json()["id"]
        assert (await p.post(f"/v1/projects/{project}/publish", headers=enterprise)).status_code == 200

        async def shared():
            return (await p.put(f"/v1/projects/{project}/schools/{SCHOOL}", headers=enterprise)).status_code == 200

        await eventually(shared, timeout=30, what="the partnership in projects")
        material = await p.post(
            f"/v1/projects/{project}/material",
            headers=enterprise,
            json={"title": "Listings", "kind": "file", "uri": "https://files.example.com/listings-anon.xlsx"},
        )
        team = await p.post(
            f"/v1/projects/{project}/teams",
            headers=school,
            json={"name": "Team", "members": [{"student_ref": STUDENT}, {"student_ref": TEAMMATE}]},
        )
        assert material.status_code == team.status_code == 201, (material.text, team.text)
        deliverable = await p.post(
            f"/v1/teams/{team.json()['id']}/stages/market-research/deliverables",
            headers=school,
            json={"kind": "plan", "title": "Plan", "link": "https://drive.example.edu/plan"},
        )
        assert deliverable.status_code == 201, deliverable.text
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as i:
        # an erasure of a student the world does not otherwise use (docs/erasure.md)
        erasure = await i.post("/v1/students/stu-plat-erased/erasure", headers=school)
        assert erasure.status_code == 202, erasure.text
    async with httpx.AsyncClient(base_url=stack["credentials"].base_url, timeout=30) as r:
        recorded = await r.post(
            "/v1/achievements",
            headers=school,
            json={
                "student_ref": STUDENT,
                "kind": "certificate",
                "title": "Forklift operation, intermediate",
                "issuer_name": "Vocational skills authority",
                "awarded_on": (TODAY - timedelta(days=10)).isoformat(),
            },
        )
        assert recorded.status_code == 201, recorded.text
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        export = await c.post("/v1/exports", headers=school)
        assert export.status_code == 202, export.text
    return {
        "export_id": export.json()["id"],  # the school's export
        "agreement_id": agreement,
        "base_id": position["base_id"],
        "position_id": position["id"],
        "action": "close",
        "placement_id": placement,
        "policy_id": policy.json()["id"],
        "week_start": MONDAY.isoformat(),  # a weekly report's week, an attestation's week
        "week": MONDAY.isoformat(),
        "day": MONDAY.isoformat(),  # attendance
        "request_id": str(uuid.uuid4()),  # a leave request (none exists: the placement has not started)
        "decision": "approve",
        "locale": "en",
        "internship_type": "post_internship",
        "version": "1",  # a rubric version of the agreement (none exists: refused before it is looked up)
        "cohort": "2024-cbec",  # a programme (its competencies)
        "year": str(date.today().year),  # a school year of outcomes
        "month": f"{date.today():%Y-%m}",
        "round_id": rnd["id"],
        "student_ref": STUDENT,
        "mentor_id": teacher["id"],
        "period_id": period.json()["id"],
        "certificate_id": certificate.json()["id"],
        "assignment_id": pair["enterprise"]["id"],
        "session_id": session.json()["id"],
        "project_id": project,
        "school_org": SCHOOL,
        "org": ENTERPRISE,
        "material_id": material.json()["id"],
        "team_id": team.json()["id"],
        "webhook_id": hook.json()["id"],
        "delivery_id": delivery["id"],
        "account": f"{ENTERPRISE}:user",  # a directory user (none needs to exist: refused before it is looked up)
        "job_id": imported.json()["id"],  # an import job
        "stage": "market-research",
        "erasure_id": erasure.json()["id"],
        "achievement_id": recorded.json()["id"],  # a student's certificate the school recorded
        "credential_id": str(uuid.uuid4()),  # a credential (none exists: refused before it is looked up)
    }


async def test_the_tenant_world_is_there_for_its_owners(stack, world):
    """The ids the table uses are real: their owners read them (so a refusal below is not a 404 in disguise)."""
    school = auth(stack, SCHOOL, "school", "admin")
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url) as m:
        listed = await m.get("/v1/assignments", headers=school)
    assert listed.status_code == 200 and STUDENT in listed.text


def _example_body(spec: dict, operation: dict) -> dict | None:
    """The operation's first documented request example (so a body the route accepts is what is refused)."""
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    schema = content.get("schema", {})
    ref = schema.get("$ref") or next((s["$ref"] for s in schema.get("anyOf", []) if "$ref" in s), None)
    examples = spec["components"]["schemas"][ref.split("/")[-1]].get("examples") if ref else None
    return examples[0] if examples else {}


def _without_instance(body: str) -> str:
    """A problem's text without its `instance` (the request's own path, which holds the ids the caller sent)."""
    return re.sub(r'"instance":"[^"]*"', "", body.replace(": ", ":"))


@pytest.mark.parametrize("service", ["internships", "mentors", "projects", "notifications", "credentials"])
@pytest.mark.parametrize("who", list(PLATFORM_PRINCIPALS))
async def test_every_rest_route_refuses_platform_principals(stack, world, service, who):
    org, kind, *roles = PLATFORM_PRINCIPALS[who]
    headers = {"Authorization": f"Bearer {stack.token(org, kind, *roles)}"}
    async with httpx.AsyncClient(base_url=stack[service].base_url, timeout=30) as client:
        spec = (await client.get("/openapi.json")).json()
        answered, leaks = 0, []
        for template, operations in spec["paths"].items():
            if template in PUBLIC or template.startswith(PUBLIC_PREFIX):
                continue
            if who == "a platform authority" and template in AUTHORITY_ROUTES:
                continue  # the authority's own routes: tests/test_tiers_e2e.py
            names = re.findall(r"{([^}:]+)(?::[^}]*)?}", template)
            missing = [n for n in names if n not in world]
            assert not missing, f"{service} {template}: give the test a real value for {missing}"
            path = re.sub(r"{([^}:]+)(?::[^}]*)?}", lambda found: world[found.group(1)], template)
            for method, operation in operations.items():
                r = await client.request(method, path, json=_example_body(spec, operation), headers=headers)
                answered += 1
                text = _without_instance(r.text)
                if (
                    r.status_code != 403
                    or r.headers.get("content-type") != "application/problem+json"
                    or any(marker in text for marker in TENANT_MARKERS)
                ):
                    leaks.append((method.upper(), path, r.status_code, r.text[:200]))
    assert answered > 5
    assert leaks == [], f"{who} on {service}: {len(leaks)} of {answered} operations not refused: {leaks}"


@pytest.mark.parametrize("service", ["internships", "mentors", "projects", "notifications", "credentials"])
@pytest.mark.parametrize("who", list(PLATFORM_PRINCIPALS))
async def test_every_grpc_method_refuses_platform_principals_but_the_declared_service_questions(
    stack, world, service, who
):
    org, kind, *roles = PLATFORM_PRINCIPALS[who]
    metadata = (("authorization", f"Bearer {stack.token(org, kind, *roles)}"),)
    is_service = kind == "platform" and "service" in roles
    wrong = []
    async with grpc.aio.insecure_channel(stack[service].grpc_target) as channel:
        for descriptor, method in ((d, m) for d in GRPC_SERVICES[service] for m in d.methods):
            name = f"/{descriptor.full_name}/{method.name}"
            request_type, response_type = GetMessageClass(method.input_type), GetMessageClass(method.output_type)
            call = channel.unary_unary(
                name, request_serializer=request_type.SerializeToString, response_deserializer=response_type.FromString
            )
            try:
                await call(request_type(), metadata=metadata, timeout=10)
                code = grpc.StatusCode.OK
            except grpc.aio.AioRpcError as exc:
                code = exc.code()
            admitted = (is_service and name in SERVICE_METHODS) or ("authority" in roles and name in AUTHORITY_METHODS)
            # An admitted service question with an empty request is refused as invalid, not as forbidden.
            if (code == grpc.StatusCode.PERMISSION_DENIED) == admitted:
                wrong.append((method.name, code.name))
    assert wrong == [], f"{who} on {service}: {wrong}"
