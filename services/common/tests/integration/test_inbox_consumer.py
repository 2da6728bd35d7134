"""The inbox consumer against a real PostgreSQL and a real JetStream server: duplicates applied once, poison messages
dead-lettered."""

from __future__ import annotations

from praxis_kernel_harness import event, running
from sqlalchemy import text

from praxis_common.jetstream import dead_letter_stream, stream_name
from praxis_dev.testing.stack import eventually


async def test_same_event_delivered_twice_is_applied_once(k):
    e = event("dup", 1)
    row = e.outbox_row(k.prefix)
    for msg_id in ("first-delivery", "second-delivery"):  # different Nats-Msg-Id: JetStream keeps both
        await k.bus.publish(
            row["subject"], row["payload"], headers={**row["headers"], "Nats-Msg-Id": msg_id}, timeout=5
        )
    consumer = k.consumer("dup-test")
    await consumer.provision()

    async def both_acked():
        info = await k.bus.js.consumer_info(stream_name(k.prefix, "producer"), "dup-test")
        return info.ack_floor.stream_seq == 2 and info.num_ack_pending == 0

    async with running(consumer):
        await eventually(both_acked, timeout=10, what="both deliveries to be acknowledged")
    assert await k.applied_ids() == [str(e.id)]
    async with k.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM inbox"))).scalar_one() == 1


async def test_poison_messages_go_to_the_dead_letter_stream(k):
    subject = f"{k.prefix}.producer.thing.happened"
    envelope = {"ce-id": "poison-1", "ce-type": "praxis.producer.thing.happened.v1", "ce-source": "/praxis/producer"}
    await k.bus.publish(subject, b"not json", timeout=5, headers=envelope)
    await k.bus.publish(subject, b"{}", timeout=5, headers={"no": "envelope"})
    consumer = k.consumer("poison-test")
    await consumer.provision()

    async def dead_lettered():
        try:
            return (await k.bus.js.stream_info(dead_letter_stream(k.prefix))).state.messages == 2
        except Exception:
            return False

    async with running(consumer):
        await eventually(dead_lettered, timeout=10, what="two dead letters")
    letters = await k.stream(dead_letter_stream(k.prefix), f"{k.prefix}.dlq.>")
    assert {m.subject for m in letters} == {f"{k.prefix}.dlq.test.poison-test"}
    assert all("praxis-dlq-reason" in m.headers for m in letters)
    assert await k.applied_ids() == []
