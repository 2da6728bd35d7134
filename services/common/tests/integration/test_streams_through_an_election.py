"""A service that starts while its NATS cluster has no JetStream leader (a majority of nodes down, or an election
under way) waits for one to create its streams, instead of failing its start on the first "no responders" or
timeout. On a real 3-node cluster: two nodes stop, the third alone cannot elect; ensure_streams keeps trying and
finishes once the two are back."""

from __future__ import annotations

import asyncio
import logging
import uuid

import pytest

from praxis_common.jetstream import Bus, service_streams
from praxis_dev.testing.stack import eventually

pytestmark = pytest.mark.slow


async def test_streams_are_created_once_the_cluster_can_elect_a_leader(nats_cluster, caplog):
    caplog.set_level(logging.WARNING, logger="praxis.nats")
    survivor, *others = nats_cluster.nodes
    for node in others:
        await asyncio.to_thread(node.stop)
    bus = Bus(survivor.url, name="starting-service")
    await bus.connect()
    streams = service_streams("q" + uuid.uuid4().hex[:8], "producer", replicas=3)
    ensuring = asyncio.create_task(bus.ensure_streams(streams, deadline=120))
    try:
        await eventually(
            lambda: _retried(caplog, ensuring),
            timeout=60,
            what="ensure_streams to meet a cluster without a leader and retry",
        )
        for node in others:
            await asyncio.to_thread(node.start)
        await asyncio.wait_for(ensuring, timeout=120)
        info = await bus.js.stream_info(streams[0].name)
    finally:
        ensuring.cancel()
        await bus.close()
    assert info.config.num_replicas == 3
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def _retried(caplog, ensuring: asyncio.Task) -> bool:
    if ensuring.done():
        ensuring.result()  # it gave up (raises what it met) or finished without a leader: either is the failure
        raise AssertionError("ensure_streams finished while the cluster had no JetStream leader")
    return any("did not answer" in r.getMessage() for r in caplog.records)
