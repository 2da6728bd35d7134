"""Losing the NATS node that leads a stream (issue 16; docs/operations.md): a 3-node cluster runs the shipped cluster
configuration (deploy/nats/cluster/nats.conf, as the Kubernetes StatefulSet mounts it; only its addresses are local),
the services run with the settings the Kubernetes ConfigMaps give them (streams with 3 replicas), and while a school
signs agreements the node leading internships' stream is killed (SIGKILL, no lame duck). Publishing resumes within
10 s, and every event is in the stream once and applied once by each consumer: nothing lost, nothing twice.

Its own cluster and stack (destructive: it kills a node)."""

from __future__ import annotations

import asyncio
import collections
import re
import time

import httpx
import nats
import pytest
from compose_files import DEPLOY, SERVICES, k8s_documents
from prometheus_client.parser import text_string_to_metric_families

from praxis_common.jetstream import stream_name
from praxis_dev.testing.nats import ShippedNatsCluster
from praxis_dev.testing.stack import Stack, eventually

pytestmark = [pytest.mark.slow, pytest.mark.destructive]
RESUMED_WITHIN = 10.0
# What a pod's ConfigMap holds that the test gives each process itself: its addresses, its peers' addresses, its
# identity provider and its environment (prod refuses the test's development keys).
LOCAL = re.compile(r"(HTTP|GRPC|METRICS)_(HOST|PORT)|NATS_(URL|USER|PASSWORD_FILE)|GRPC_TARGET|JWT_|ENVIRONMENT|_URL$")


def manifest_settings() -> dict[str, str]:
    """The services' ConfigMap settings, without their prefixes, as every service's deployment gives them."""
    found: dict[str, str] = {}
    for _, doc in k8s_documents():
        name = doc["metadata"]["name"]
        if doc["kind"] != "ConfigMap" or name.removesuffix("-config") not in SERVICES:
            continue
        prefix = name.removesuffix("-config").upper() + "_"
        for key, value in doc["data"].items():
            setting = key.removeprefix(prefix)
            if not LOCAL.search(setting):
                assert found.setdefault(setting, str(value)) == str(value), f"{key}: the services disagree"
    return found


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = ShippedNatsCluster(DEPLOY / "nats" / "cluster" / "nats.conf", tmp_path_factory.mktemp("nats"))
    try:
        c.start()
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def stack(cluster, database_factory, tmp_path_factory):
    settings = manifest_settings()
    assert settings["STREAM_REPLICAS"] == "3" and settings["EVENT_PREFIX"] == ShippedNatsCluster.PREFIX
    s = Stack(cluster, settings["EVENT_PREFIX"], tmp_path_factory.mktemp("stack"), database_factory, settings=settings)
    try:
        yield s.start(("internships", "mentors", "projects"))
    finally:
        s.stop()


async def applied(stack: Stack, service: str, consumer: str) -> dict[str, float]:
    """A consumer's events by outcome, from the service's metrics."""
    async with httpx.AsyncClient(timeout=10) as c:
        text = (await c.get(stack[service].metrics_url)).text
    return {
        s.labels["outcome"]: s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "praxis_consumer_events_total" and s.labels["consumer"] == consumer
    }


@pytest.mark.asyncio(loop_scope="module")
async def test_killing_the_leader_of_a_stream_pauses_publishing_under_10_s_and_loses_or_doubles_nothing(
    stack: Stack, cluster, internships
):
    stream = stream_name(stack.prefix, "internships")
    nc = await nats.connect(servers=cluster.url.split(","), max_reconnect_attempts=-1)
    js = nc.jetstream(timeout=2)
    info = await js.stream_info(stream)
    assert info.config.num_replicas == 3 and len(info.cluster.replicas) == 2
    leader = cluster.node(info.cluster.leader)

    agreements: list[str] = []
    stop = asyncio.Event()

    async def school_signs_agreements() -> None:
        async with internships.client() as c:
            while not stop.is_set():
                i = len(agreements)
                agreements.append(await internships.agreement(c, f"school-fo{i}", f"enterprise-fo{i}"))

    async def last_seq() -> int | None:
        try:
            return (await js.stream_info(stream)).state.last_seq
        except Exception:  # no leader yet: the cluster is electing one
            return None

    writer = asyncio.create_task(school_signs_agreements())
    try:
        await eventually(lambda: _at_least(last_seq, 10), timeout=60, what="the first agreements' events")
        seq_at_kill = await last_seq()
        leader.kill()
        killed = time.monotonic()
        resumed = await eventually(
            lambda: _beyond(last_seq, seq_at_kill, killed), timeout=60, what="publishing to resume", interval=0.1
        )
        assert resumed < RESUMED_WITHIN, f"publishing resumed {resumed:.1f} s after the leader was killed"
        new_leader = (await js.stream_info(stream)).cluster.leader
        assert new_leader != leader.workdir.name
        count = len(agreements)
        await eventually(lambda: _true(len(agreements) >= count + 3), timeout=60, what="agreements after the kill")
    finally:
        stop.set()
        await writer

    # Nothing lost: internships' outbox is empty and mentors and projects learn of every agreement.
    async def everything_known() -> bool:
        for service in ("mentors", "projects"):
            async with httpx.AsyncClient(base_url=stack[service].base_url, timeout=10) as c:
                for i, agreement in enumerate(agreements):
                    r = await c.get("/v1/partnerships", headers=stack.auth(f"school-fo{i}", "school", "admin"))
                    if r.status_code != 200 or agreement not in {p["agreement_id"] for p in r.json()["items"]}:
                        return False
        return True

    await eventually(everything_known, timeout=60, what="mentors and projects to know every agreement")

    # Nothing twice: each event is in the stream once, and each consumer applied each event once.
    ids: collections.Counter[str] = collections.Counter()
    state = (await js.stream_info(stream)).state
    for seq in range(state.first_seq, state.last_seq + 1):
        msg = await js.get_msg(stream, seq)
        if ".agreement." in msg.subject:
            ids[msg.headers["ce-id"]] += 1
    assert ids and set(ids.values()) == {1}, [i for i, n in ids.items() if n > 1]
    for service in ("mentors", "projects"):
        outcomes = await applied(stack, service, f"{service}-partnerships")
        assert outcomes.get("applied") == len(ids), (service, outcomes, len(ids))
        assert not outcomes.get("dead_lettered")
    await nc.close()


async def _at_least(probe, n: int) -> bool:
    value = await probe()
    return value is not None and value >= n


async def _beyond(probe, seq: int, since: float) -> float | None:
    """Seconds since `since` once the stream holds a message past `seq`."""
    value = await probe()
    return time.monotonic() - since if value is not None and value > seq else None


async def _true(value: bool) -> bool:
    return value
