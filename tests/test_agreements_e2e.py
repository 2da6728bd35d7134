"""Agreements across services: signed in internships, seen by mentors and projects through their own APIs."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from organisation_profiles import register

from praxis.internships.v1 import internships_pb2 as ipb
from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc
from praxis.mentors.v1 import mentors_pb2 as mpb
from praxis.mentors.v1 import mentors_pb2_grpc as mpb_grpc
from praxis.projects.v1 import projects_pb2 as ppb
from praxis.projects.v1 import projects_pb2_grpc as ppb_grpc
from praxis_dev.testing.stack import eventually

SCHOOL, ENTERPRISE = "school-e2e", "enterprise-e2e"


@pytest.fixture(autouse=True)
async def profiles(stack) -> None:
    """The organisations these agreements name have profiles (an agreement needs them)."""
    pager = [("school-pager", "school"), *((f"ent-pager-{i}", "enterprise") for i in range(5))]
    await register(stack, (SCHOOL, "school"), (ENTERPRISE, "enterprise"), *pager)


def agreement_body(**overrides) -> dict:
    today = date.today()
    return {
        "school_org": SCHOOL,
        "enterprise_org": ENTERPRISE,
        "title": "Cross-border e-commerce",
        "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=365)).isoformat(),
        "intern_quota": 12,
    } | overrides


async def draft_and_sign(client: httpx.AsyncClient, stack, **overrides) -> dict:
    school, enterprise = stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")
    created = await client.post("/v1/agreements", json=agreement_body(**overrides), headers=school)
    assert created.status_code == 201, created.text
    agreement_id = created.json()["id"]
    assert created.headers["location"] == f"/v1/agreements/{agreement_id}"
    first = await client.post(f"/v1/agreements/{agreement_id}/sign", headers=school)
    assert first.status_code == 200 and first.json()["status"] == "draft"
    second = await client.post(f"/v1/agreements/{agreement_id}/sign", headers=enterprise)
    assert second.status_code == 200, second.text
    return second.json()


async def test_signed_agreement_becomes_active_and_reaches_both_read_models(stack):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await draft_and_sign(client, stack)
    assert agreement["status"] == "active"
    assert agreement["school_signed_at"] and agreement["enterprise_signed_at"] and agreement["activated_at"]

    for service in ("mentors", "projects"):
        async with httpx.AsyncClient(base_url=stack[service].base_url) as client:

            async def seen():
                r = await client.get("/v1/partnerships", headers=stack.auth(SCHOOL, "school", "teacher"))
                return [p for p in r.json()["items"] if p["agreement_id"] == agreement["id"]]

            [partnership] = await eventually(seen, timeout=10, what=f"{service} to learn of the agreement")
            assert partnership["active"] is True
            assert partnership["enterprise_org"] == ENTERPRISE and partnership["intern_quota"] == 12

    token = stack.token(ENTERPRISE, "enterprise", "mentor")
    metadata = (("authorization", f"Bearer {token}"),)
    for service, pb, pb_grpc in (("mentors", mpb, mpb_grpc), ("projects", ppb, ppb_grpc)):
        async with grpc.aio.insecure_channel(stack[service].grpc_target) as channel:
            stub = getattr(pb_grpc, f"{service.capitalize()}ServiceStub")(channel)
            reply = await stub.ListPartnerships(pb.ListPartnershipsRequest(), metadata=metadata, timeout=5)
            assert agreement["id"] in [p.agreement_id for p in reply.partnerships]


async def test_terminated_agreement_ends_in_both_read_models(stack):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await draft_and_sign(client, stack)
        ended = await client.post(
            f"/v1/agreements/{agreement['id']}/terminate",
            json={"reason": "programme closed"},
            headers=stack.auth(ENTERPRISE, "enterprise", "admin"),
        )
        assert ended.status_code == 200 and ended.json()["status"] == "terminated"
        again = await client.post(
            f"/v1/agreements/{agreement['id']}/terminate",
            json={"reason": "twice"},
            headers=stack.auth(SCHOOL, "school", "admin"),
        )
        assert again.status_code == 409
        assert again.headers["content-type"] == "application/problem+json"

    for service in ("mentors", "projects"):
        async with httpx.AsyncClient(base_url=stack[service].base_url) as client:

            async def ended_there():
                r = await client.get(
                    "/v1/partnerships",
                    params={"include_ended": "true"},
                    headers=stack.auth(ENTERPRISE, "enterprise", "hr"),
                )
                return [p for p in r.json()["items"] if p["agreement_id"] == agreement["id"] and not p["active"]]

            [partnership] = await eventually(ended_there, timeout=10, what=f"{service} to see the end")
            assert partnership["ended_at"]
            active = await client.get("/v1/partnerships", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
            assert agreement["id"] not in [p["agreement_id"] for p in active.json()["items"]]


async def test_agreement_through_grpc_matches_rest(stack):
    school = (("authorization", f"Bearer {stack.token(SCHOOL, 'school', 'admin')}"),)
    enterprise = (("authorization", f"Bearer {stack.token(ENTERPRISE, 'enterprise', 'hr')}"),)
    body = agreement_body()
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        created = (await stub.CreateAgreement(ipb.CreateAgreementRequest(**body), metadata=school, timeout=5)).agreement
        assert created.status == ipb.AGREEMENT_STATUS_DRAFT
        await stub.SignAgreement(ipb.SignAgreementRequest(id=created.id), metadata=enterprise, timeout=5)
        signed = (
            await stub.SignAgreement(ipb.SignAgreementRequest(id=created.id), metadata=school, timeout=5)
        ).agreement
        assert signed.status == ipb.AGREEMENT_STATUS_ACTIVE
        listed = await stub.ListAgreements(
            ipb.ListAgreementsRequest(status=ipb.AGREEMENT_STATUS_ACTIVE), metadata=enterprise, timeout=5
        )
        assert created.id in [a.id for a in listed.agreements]
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        r = await client.get(f"/v1/agreements/{created.id}", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
        assert r.json()["status"] == "active" and r.json()["version"] == signed.version


async def test_every_service_reports_serving_over_grpc_health_and_ready_over_http(stack):
    for name in ("internships", "mentors", "projects"):
        async with grpc.aio.insecure_channel(stack[name].grpc_target) as channel:
            reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        async with httpx.AsyncClient(base_url=stack[name].base_url) as client:
            ready = await client.get("/readyz")
            assert ready.status_code == 200 and ready.json()["checks"] == {
                "database": True,
                "schema": True,
                "nats": True,
            }


async def test_listing_pages_through_own_agreements_only(stack):
    school = "school-pager"
    headers = stack.auth(school, "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        ids = set()
        for i in range(5):
            r = await client.post(
                "/v1/agreements",
                headers=headers,
                json=agreement_body(school_org=school, enterprise_org=f"ent-pager-{i}"),
            )
            ids.add(r.json()["id"])
        seen, token = [], None
        while True:
            params = {"page_size": 2} | ({"page_token": token} if token else {})
            page = (await client.get("/v1/agreements", params=params, headers=headers)).json()
            seen += [a["id"] for a in page["items"]]
            token = page["next_page_token"]
            if not token:
                break
        assert len(seen) == 5 and set(seen) == ids
        bad = await client.get("/v1/agreements", params={"page_token": "bm9wZQ"}, headers=headers)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "page_token"


@pytest.mark.parametrize(
    "outsider",
    [
        ("school-other", "school", "admin"),
        ("enterprise-other", "enterprise", "hr"),
    ],  # platform principals are refused before any lookup: tests/test_platform_principals.py
)
async def test_a_third_organisation_gets_404_on_every_agreement_endpoint(stack, outsider):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        agreement = await draft_and_sign(client, stack)
        headers = stack.auth(*outsider)
        calls = [
            ("GET", f"/v1/agreements/{agreement['id']}", None),
            ("POST", f"/v1/agreements/{agreement['id']}/sign", None),
            ("POST", f"/v1/agreements/{agreement['id']}/terminate", {"reason": "not mine"}),
        ]
        for method, path, body in calls:
            r = await client.request(method, path, json=body, headers=headers)
            assert r.status_code == 404, (method, path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["detail"] == "no such agreement" and SCHOOL not in r.text
        listed = await client.get("/v1/agreements", headers=headers)
        assert agreement["id"] not in listed.text

    metadata = (("authorization", f"Bearer {stack.token(*outsider)}"),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        for call in (
            lambda: stub.GetAgreement(ipb.GetAgreementRequest(id=agreement["id"]), metadata=metadata, timeout=5),
            lambda: stub.SignAgreement(ipb.SignAgreementRequest(id=agreement["id"]), metadata=metadata, timeout=5),
            lambda: stub.TerminateAgreement(
                ipb.TerminateAgreementRequest(id=agreement["id"], reason="x"), metadata=metadata, timeout=5
            ),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as err:
                await call()
            assert err.value.code() == grpc.StatusCode.NOT_FOUND

    for service in ("mentors", "projects"):
        async with httpx.AsyncClient(base_url=stack[service].base_url) as client:
            r = await client.get("/v1/partnerships", params={"include_ended": "true"}, headers=stack.auth(*outsider))
            assert r.status_code == 200 and agreement["id"] not in r.text
