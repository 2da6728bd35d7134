"""The coordinator's last scrub when every service confirmed (internships.consumers.erasure_confirmations
.forget_in_streams), on a real JetStream: it deletes the school's request and the dead letters naming its student,
and keeps another school's messages about its own student of the same ref and messages that only contain the ref."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest

from internships.consumers.erasure_confirmations import forget_in_streams
from praxis_common.jetstream import Bus, dead_letter_stream, service_streams, stream_name


@pytest.fixture
async def bus(nats_server):
    bus = Bus(nats_server.url, name="erasure-completion-test")
    await bus.connect()
    yield bus
    await bus.close()


async def _left(bus: Bus, stream: str) -> list[bytes]:
    state = (await bus.js.stream_info(stream)).state
    out = []
    for seq in range(state.first_seq, state.last_seq + 1):
        try:
            out.append((await bus.js.get_msg(stream, seq)).data)
        except Exception:  # deleted
            continue
    return out


async def test_the_completion_scrub_keeps_other_schools_messages_and_dead_letters(bus):
    prefix = "ec" + uuid.uuid4().hex[:8]
    await bus.ensure_streams(service_streams(prefix, "internships"))
    mine = b'{"schoolOrg":"school-er","studentRef":"S-1"}'
    theirs = b'{"schoolOrg":"school-other","studentRef":"S-1"}'
    longer = b'{"schoolOrg":"school-er","studentRef":"S-10"}'
    for n, data in enumerate((mine, theirs, longer)):
        await bus.publish(
            f"{prefix}.internships.student.erasure_requested", data, headers={"Nats-Msg-Id": f"r{n}"}, timeout=5
        )
        await bus.publish(f"{prefix}.dlq.mentors.mentors-x", data, headers={"Nats-Msg-Id": f"d{n}"}, timeout=5)
    rt = SimpleNamespace(settings=SimpleNamespace(event_prefix=prefix), bus=bus)
    assert await forget_in_streams(rt, "S-1", "school-er") == 2
    assert await _left(bus, stream_name(prefix, "internships")) == [theirs, longer]
    assert await _left(bus, dead_letter_stream(prefix)) == [theirs, longer]
