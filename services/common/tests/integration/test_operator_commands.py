"""The operator's commands run as an operator runs them (a real `praxis` process) against a real PostgreSQL and
NATS: a dead-lettered event is listed, and replayed once its handler works, applied exactly once; the outbox's
backlog shows while NATS is down and is gone after; an unreachable server is one clear line and a failing status."""

from __future__ import annotations

import json

from praxis_command import praxis
from praxis_kernel_harness import Kernel, _value, applied, event, running
from sqlalchemy import insert

from praxis_common.consumer import Consumer, Subscription
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.jetstream import dead_letter_stream, stream_name
from praxis_common.uow import UowFactory
from praxis_dev.testing.servers import free_port
from praxis_dev.testing.stack import eventually


def nats_env(k: Kernel) -> dict[str, str]:
    return {"PRAXIS_NATS_URL": k.bus.url, "PRAXIS_EVENT_PREFIX": k.prefix}


def database_env(k: Kernel) -> dict[str, str]:
    # The kernel's test database stands in for the internships service's: the command reads its variable.
    return {"INTERNSHIPS_DATABASE_URL": k.engine.url.render_as_string(hide_password=False)}


async def dead_letters(k: Kernel) -> int:
    try:
        return (await k.bus.js.stream_info(dead_letter_stream(k.prefix))).state.messages
    except Exception:
        return 0


async def test_a_dead_lettered_event_is_listed_and_replayed_once_its_handler_works(k):
    broken = True

    async def mentoring(received: ReceivedEvent, uow: UowFactory) -> None:
        """A handler failing for a cause outside the event (a misconfiguration), until an operator fixes it."""
        if broken:
            raise RuntimeError("mentor directory misconfigured")
        async with uow() as u:
            await u.connection.execute(insert(applied).values(event_id=f"fixed:{received.id}"))
            await u.commit()

    flaky = Consumer(
        k.bus,
        k.uow,
        Subscription("flaky", "producer", ["producer.>"], mentoring),
        service="test",
        prefix=k.prefix,
        max_deliver=2,
    )
    steady = k.consumer("steady")  # another consumer of the same event, which applies it at once
    e = event("agg-dlq", 1)
    row = e.outbox_row(k.prefix)
    await k.bus.publish(row["subject"], row["payload"], headers=row["headers"], timeout=5)
    async with running(flaky, steady):
        await eventually(lambda: dead_letters(k), timeout=20, what="the flaky consumer to dead-letter the event")
        assert await k.applied_ids() == [str(e.id)]  # the steady consumer applied it

        listed = await praxis("dlq", "list", "--json", **nats_env(k))
        assert listed.returncode == 0, listed.stderr
        [letter] = [json.loads(line) for line in listed.stdout.splitlines()]
        assert letter["service"] == "test" and letter["consumer"] == "flaky"
        assert letter["event_id"] == str(e.id) and letter["event_type"] == "praxis.producer.thing.happened.v1"
        assert letter["subject"] == row["subject"]
        assert "gave up after 2 handler failures" in letter["reason"] and "misconfigured" in letter["reason"]
        readable = await praxis("dlq", "list", "--since", "10m", **nats_env(k))
        assert str(e.id) in readable.stdout and "test/flaky" in readable.stdout, readable.stdout
        other = await praxis("dlq", "list", "--service", "mentors", **nats_env(k))
        assert other.stdout.strip() == "no dead letters", other.stdout

        dry = await praxis("dlq", "replay", "--all", "--dry-run", **nats_env(k))
        assert dry.returncode == 0 and f"would replay {letter['id']} " in dry.stdout, dry.stdout + dry.stderr
        assert await dead_letters(k) == 1  # a dry run changes nothing

        broken = False  # the operator fixed the cause
        replayed = await praxis("dlq", "replay", str(letter["id"]), **nats_env(k))
        assert replayed.returncode == 0, replayed.stderr
        assert f"replayed {letter['id']} " in replayed.stdout and row["subject"] in replayed.stdout
        expected = sorted([str(e.id), f"fixed:{e.id}"])

        async def settled():
            info = await k.bus.js.consumer_info(stream_name(k.prefix, "producer"), "steady")
            ids = sorted(await k.applied_ids())
            return info.num_pending == 0 and info.num_ack_pending == 0 and ids == expected

        await eventually(settled, timeout=20, what="the replay applied by the flaky consumer, skipped by the other")
    assert sorted(await k.applied_ids()) == expected  # each consumer applied the event exactly once
    assert await dead_letters(k) == 0  # the replayed letter left the dead-letter stream
    again = await praxis("dlq", "replay", str(letter["id"]), **nats_env(k))
    assert again.returncode == 1 and "no dead letter" in again.stderr, again.stderr


async def test_a_poison_event_replayed_unchanged_is_dead_lettered_again(k):
    subject = f"{k.prefix}.producer.thing.happened"
    envelope = {"ce-id": "poison-op", "ce-type": "praxis.producer.thing.happened.v1", "ce-source": "/praxis/producer"}
    await k.bus.publish(subject, b"not json", timeout=5, headers=envelope)
    consumer = k.consumer("poison-op")
    async with running(consumer):
        await eventually(lambda: dead_letters(k), timeout=20, what="the poison event dead-lettered")
        [first] = [json.loads(x) for x in (await praxis("dlq", "list", "--json", **nats_env(k))).stdout.splitlines()]
        assert first["event_id"] == "poison-op" and first["reason"].startswith("poison:")
        replayed = await praxis("dlq", "replay", "--all", "--service", "test", **nats_env(k))
        assert replayed.returncode == 0, replayed.stderr

        async def letter_again():
            out = (await praxis("dlq", "list", "--json", **nats_env(k))).stdout.splitlines()
            return [json.loads(x) for x in out if json.loads(x)["id"] != first["id"]]

        [second] = await eventually(letter_again, timeout=20, what="the replayed poison event dead-lettered again")
    assert second["event_id"] == "poison-op" and second["id"] > first["id"]
    assert await dead_letters(k) == 1 and await k.applied_ids() == []


async def test_outbox_status_shows_the_backlog_while_nats_is_down_and_none_after(k_restartable):
    k, nats = k_restartable
    uow = k.uow
    relay = k.relay(uow)
    async with running(relay):
        nats.stop()
        await eventually(lambda: _value(not k.bus.connected), timeout=10, what="the client to notice")
        sent = [await k.emit(uow, event("agg-out", i)) for i in range(3)]
        down = await praxis(
            "outbox", "status", "--service", "internships", "--stuck-after", "0", "--json", **database_env(k)
        )
        assert down.returncode == 0, down.stderr
        report = json.loads(down.stdout)
        assert report["service"] == "internships" and report["unsent"] == 3 and report["stuck"] == 3
        assert report["oldest_age_seconds"] >= 0
        assert [r["event_id"] for r in report["stuck_rows"]] == sent  # oldest first
        assert {r["aggregate"] for r in report["stuck_rows"]} == {"thing/agg-out"}
        readable = await praxis("outbox", "status", "--service", "internships", "--stuck-after", "0", **database_env(k))
        assert "internships: 3 unsent" in readable.stdout and "3 stuck" in readable.stdout, readable.stdout
        assert "thing/agg-out" in readable.stdout

        nats.start()
        await eventually(lambda: _drained(relay), timeout=30, what="the relay to publish the backlog")
    after = await praxis("outbox", "status", "--service", "internships", "--stuck-after", "0", **database_env(k))
    assert after.returncode == 0, after.stderr
    assert after.stdout.startswith("internships: 0 unsent; 0 stuck"), after.stdout


async def test_outbox_status_names_a_stuck_rows_aggregate_and_the_relays_last_error(k):
    uow = k.uow
    lost = IntegrationEvent(  # a subject no stream holds: every publish fails, the row stays unsent
        source="nowhere",
        topic="nowhere.thing.happened",
        aggregate_type="thing",
        aggregate_id="agg-stuck",
        payload=event("agg-stuck", 1).payload,
    )
    relay = k.relay(uow)
    async with running(relay):
        await k.emit(uow, lost)

        async def failed_once() -> dict | None:
            status = await praxis(
                "outbox", "status", "--service", "internships", "--stuck-after", "0", "--json", **database_env(k)
            )
            [row] = json.loads(status.stdout)["stuck_rows"]
            return row if row["attempts"] >= 1 else None

        row = await eventually(failed_once, timeout=20, what="the relay to fail publishing the row")
    assert row["event_id"] == str(lost.id) and row["aggregate"] == "thing/agg-stuck"
    assert row["subject"] == f"{k.prefix}.nowhere.thing.happened"
    assert row["last_error"].startswith("NoStreamResponseError"), row
    readable = await praxis("outbox", "status", "--service", "internships", "--stuck-after", "0", **database_env(k))
    assert "thing/agg-stuck" in readable.stdout and "last error: NoStreamResponseError" in readable.stdout, (
        readable.stdout
    )


async def _drained(relay) -> bool:
    return await relay.unsent() == 0


async def test_an_unreachable_server_is_one_clear_line_and_a_failing_status(k, nats_server):
    nowhere = f"nats://127.0.0.1:{free_port()}"
    listed = await praxis("dlq", "list", "--nats-url", nowhere)
    assert listed.returncode == 1
    assert f"cannot reach NATS at {nowhere}" in listed.stderr and "Traceback" not in listed.stderr, listed.stderr
    if nats_server.access is not None:  # our server: it refuses an operator without the admin's credentials
        anonymous = await praxis("dlq", "list", "--nats-url", nats_server.bare_url)
        assert anonymous.returncode == 1 and "Traceback" not in anonymous.stderr
        assert f"NATS at {nats_server.bare_url} refused the credentials" in anonymous.stderr, anonymous.stderr
    url = f"postgresql+asyncpg://praxis:secret@127.0.0.1:{free_port()}/internships"
    status = await praxis("outbox", "status", "--service", "internships", INTERNSHIPS_DATABASE_URL=url)
    assert status.returncode == 1
    assert "internships: cannot read the outbox" in status.stderr and "Traceback" not in status.stderr
    assert "secret" not in status.stderr  # the password is not printed
    unset = await praxis("outbox", "status", "--service", "mentors")
    assert unset.returncode == 1 and "MENTORS_DATABASE_URL is not set" in unset.stderr
