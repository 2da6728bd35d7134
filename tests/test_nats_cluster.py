"""The services against a 3-node NATS cluster whose first node is down: NATS_URL lists the cluster's servers,
any reachable one will do, and events flow between the services through R3 streams."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from organisation_profiles import ensure_partners

from praxis_dev.testing.stack import Stack, eventually

pytestmark = [pytest.mark.slow, pytest.mark.destructive]  # stops a NATS node; services with STREAM_REPLICAS=3


@pytest.fixture
def cluster_stack(nats_cluster, event_prefix, database_factory, tmp_path):
    nats_cluster.nodes[0].stop()  # the first server of NATS_URL
    s = Stack(nats_cluster, event_prefix, tmp_path, database_factory, settings={"STREAM_REPLICAS": "3"})
    try:
        yield s.start()
    finally:
        s.stop()


async def test_services_start_with_the_first_nats_server_down_and_events_flow(cluster_stack):
    stack = cluster_stack
    assert stack.nats_url.count(",") == 2
    agreement = await sign_agreement(stack, "school-c1", "enterprise-c1")
    for service in ("mentors", "projects"):
        await eventually(
            lambda s=service: _knows(stack, s, "school-c1", agreement),
            timeout=30,
            what=f"{service} to learn of the agreement",
        )


async def _knows(stack: Stack, service: str, school: str, agreement: str) -> bool:
    async with httpx.AsyncClient(base_url=stack[service].base_url, timeout=10) as client:
        r = await client.get("/v1/partnerships", headers=stack.auth(school, "school", "admin"))
        return r.status_code == 200 and agreement in {p["agreement_id"] for p in _items(r.json())}


def _items(body) -> list[dict]:
    return body["items"] if isinstance(body, dict) else body


async def sign_agreement(stack: Stack, school: str, enterprise: str) -> str:
    s, e = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=10) as client:
        await ensure_partners(client, stack, school, enterprise)
        r = await client.post(
            "/v1/agreements",
            headers=s,
            json={
                "school_org": school,
                "enterprise_org": enterprise,
                "valid_from": date.today().isoformat(),
                "valid_to": (date.today() + timedelta(days=90)).isoformat(),
                "intern_quota": 3,
            },
        )
        assert r.status_code == 201, r.text
        for headers in (s, e):
            signed = await client.post(f"/v1/agreements/{r.json()['id']}/sign", headers=headers)
            assert signed.status_code == 200, signed.text
        return r.json()["id"]
