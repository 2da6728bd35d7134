"""The kernel's part of erasing a student (praxis_common.erasure), on a real PostgreSQL (a migrated mentors database:
it has every kernel table) and a real JetStream: the kernel tables forget the ref, the stream scrub deletes the
messages mentioning it, and the erasure consumer runs a service's hook, scrubs and confirms without the ref."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from google.protobuf import json_format
from nats.js.errors import NotFoundError
from praxis_kernel_harness import running
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis.events.v1 import erasure_pb2
from praxis_common.audit import AuditLog, AuditRead
from praxis_common.consumer import Consumer
from praxis_common.erasure import ErasureRequest, erase, erase_kernel_rows, scrub_stream, subscription
from praxis_common.events import IntegrationEvent
from praxis_common.jetstream import Bus, service_streams, stream_name
from praxis_common.outbox import OutboxRelay
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.stack import eventually

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
REQUEST = ErasureRequest(uuid.UUID("0f0e0d0c-0b0a-4908-8706-050403020100"), "school-er", "S-1")


@pytest.fixture
async def engine(database_factory):
    engine = create_async_engine(database_factory("erasure", migrated="mentors"))
    yield engine
    await engine.dispose()


@pytest.fixture
async def bus(nats_server):
    bus = Bus(nats_server.url, name="erasure-test")
    await bus.connect()
    yield bus
    await bus.close()


async def _outbox(conn, payload: dict, *, sent: bool, subject: str = "s") -> None:
    await conn.execute(
        text(
            "INSERT INTO outbox (id, subject, aggregate_type, aggregate_id, headers, payload, occurred_at, sent_at) "
            "VALUES (:id, :subject, 'a', 'x', CAST(:headers AS jsonb), :payload, now(), :sent)"
        ),
        {
            "id": (id := uuid.uuid4()),
            "subject": subject,
            "headers": json.dumps({"Nats-Msg-Id": str(id), "ce-id": str(id)}),
            "payload": json.dumps(payload).encode(),
            "sent": NOW if sent else None,
        },
    )


async def _world(engine, subject: str = "s") -> None:
    """`subject`: where the relay publishes the unsent events (a test running one gives a subject of a stream)."""
    async with engine.begin() as conn:
        await _outbox(conn, {"studentRef": "S-1", "name": "Ann"}, sent=True, subject=subject)
        await _outbox(conn, {"studentRef": "S-1", "peer": "S-10"}, sent=False, subject=subject)
        await _outbox(conn, {"studentRef": "S-2"}, sent=True, subject=subject)
        # the same ref at another school: its unsent event is that student's, and goes out as it is
        await _outbox(conn, {"schoolOrg": "school-other", "studentRef": "S-1"}, sent=False, subject=subject)
        # export parts: one whose file names the student across a chunk boundary, one that does not name them
        for job, chunks in (("1" * 32, [b'{"student_ref": "S', b'-1"}\n']), ("2" * 32, [b'{"student_ref": "S-2"}\n'])):
            await conn.execute(
                text(
                    "INSERT INTO export_part (job_id, org, org_kind, state, requested_at, expires_at) "
                    "VALUES (:job, 'school-er', 'school', 'ready', now(), now() + interval '1 day')"
                ),
                {"job": uuid.UUID(job)},
            )
            for seq, data in enumerate(chunks):
                await conn.execute(
                    text("INSERT INTO export_chunk (job_id, file, seq, data) VALUES (:job, 'p.jsonl', :seq, :data)"),
                    {"job": uuid.UUID(job), "seq": seq, "data": data},
                )
        for key, ref in (("k1", "S-1"), ("k2", "S-2")):
            await conn.execute(
                text(
                    "INSERT INTO idempotency_key (org, key, subject, fingerprint, status, body, headers, expires_at) "
                    "VALUES ('school-er', :key, 'u', 'f', 201, :body, '{}'::jsonb, :exp)"
                ),
                {"key": key, "body": json.dumps({"student_ref": ref}).encode(), "exp": NOW + timedelta(days=1)},
            )
        errors = [{"row": 2, "message": "unknown student S-1"}, {"row": 3, "message": "S-2: bad date"}]
        await conn.execute(
            text(
                "INSERT INTO import_job (id, org, org_kind, kind, state, dry_run, file_sha256, upload, errors, "
                "created_by, created_at, finished_at) VALUES (:id, 'school-er', 'school', 'k', 'succeeded', false, 'h', "
                ":upload, CAST(:errors AS jsonb), 'u', now(), now())"
            ),
            {"id": uuid.uuid4(), "upload": b"ref,name\nS-1,Ann\n", "errors": json.dumps(errors)},
        )
        reads = [
            AuditRead("hr", "acme", "enterprise", "school-er", "school", "student", ref, "assignment", "a")
            for ref in ("S-1", "S-2")
        ]
        await AuditLog(conn).append(reads, at=NOW, route="r")


async def test_the_kernel_tables_forget_the_student_and_a_second_run_changes_nothing(engine):
    await _world(engine)
    async with engine.begin() as conn:
        rows = await erase_kernel_rows(conn, REQUEST)
    assert rows == {"outbox": 2, "idempotency_key": 1, "import_job": 2, "audit_entry": 1, "export_part": 1}
    async with engine.connect() as conn:
        payloads = [
            json.loads(p) for p in (await conn.execute(text("SELECT payload FROM outbox ORDER BY position"))).scalars()
        ]
        keys = (await conn.execute(text("SELECT key FROM idempotency_key"))).scalars().all()
        job = (await conn.execute(text("SELECT errors, upload FROM import_job"))).one()
        refs = (await conn.execute(text("SELECT subject_ref FROM audit_entry ORDER BY seq"))).scalars().all()
        parts = (await conn.execute(text("SELECT job_id FROM export_part"))).scalars().all()
        chunks = (await conn.execute(text("SELECT count(*) FROM export_chunk"))).scalar_one()
        assert (await AuditLog(conn).verify()).ok
    # the unsent event still goes out, under the pseudonym (another ref containing this one untouched)
    assert payloads == [
        {"studentRef": REQUEST.pseudonym, "peer": "S-10"},
        {"studentRef": "S-2"},
        {"schoolOrg": "school-other", "studentRef": "S-1"},
    ]
    assert (parts, chunks) == ([uuid.UUID("2" * 32)], 1)
    assert keys == ["k2"]
    assert (job.errors, job.upload) == ([{"row": 3, "message": "S-2: bad date"}], b"")
    assert refs == [None, "S-2"]
    async with engine.begin() as conn:
        assert await erase_kernel_rows(conn, REQUEST) == {
            "outbox": 0,
            "idempotency_key": 0,
            "import_job": 0,
            "audit_entry": 0,
            "export_part": 0,
        }


async def _stream_contents(bus: Bus, stream: str, subjects: str) -> list[tuple[int, str, bytes]]:
    info = (await bus.js.stream_info(stream)).state
    out, seq = [], info.first_seq
    while seq <= info.last_seq:
        try:
            msg = await bus.js.get_msg(stream, seq=seq, subject=subjects, next=True)
        except NotFoundError:  # the last messages were deleted
            break
        out.append((msg.seq, msg.subject, msg.data))
        seq = msg.seq + 1
    return out


async def test_the_scrub_deletes_the_messages_mentioning_the_ref_and_keeps_the_others(bus):
    prefix = "er" + uuid.uuid4().hex[:8]
    await bus.ensure_streams(service_streams(prefix, "svc"))
    stream, subjects = stream_name(prefix, "svc"), f"{prefix}.svc.>"
    sent = [
        ("a.b", b'{"studentRef":"S-1"}', {}),
        ("a.b", b'{"studentRef":"S-2"}', {}),
        ("a.c", b"{}", {"ce-subject": "student/S-1"}),
        ("keep.me", b'{"studentRef":"S-1"}', {}),
        ("a.b", b'{"name":"nobody"}', {}),
        ("a.b", b'{"schoolOrg": "school-other", "studentRef": "S-1"}', {}),  # another school's S-1
        ("a.b", b'{"schoolOrg": "school-er", "studentRef": "S-1"}', {}),
    ]
    for n, (subject, data, headers) in enumerate(sent):
        await bus.publish(f"{prefix}.svc.{subject}", data, headers={"Nats-Msg-Id": f"m{n}", **headers}, timeout=5)
    keep = {f"{prefix}.svc.keep.me"}
    deleted = await scrub_stream(bus, stream, subjects, "S-1", keep=keep, school_org="school-er")
    assert deleted == [1, 3, 7]
    left = await _stream_contents(bus, stream, subjects)
    assert [(seq, data) for seq, _, data in left] == [
        (2, b'{"studentRef":"S-2"}'),
        (4, b'{"studentRef":"S-1"}'),
        (5, b'{"name":"nobody"}'),
        (6, b'{"schoolOrg": "school-other", "studentRef": "S-1"}'),
    ]
    assert await scrub_stream(bus, stream, subjects, "S-1", keep=keep, school_org="school-er") == []


def _request_event() -> IntegrationEvent:
    return IntegrationEvent(
        source="coord",
        topic="coord.student.erasure_requested",
        aggregate_type="erasure",
        aggregate_id=str(REQUEST.erasure_id),
        payload=erasure_pb2.StudentErasureRequested(
            erasure_id=str(REQUEST.erasure_id), school_org="school-er", student_ref="S-1", requested_at=NOW.isoformat()
        ),
    )


@dataclass
class _Settings:
    event_prefix: str
    erasure_coordinator: str = "coord"
    erasure_relay_wait_seconds: float = 15.0


def _relay(engine, bus: Bus, uow: UnitOfWorkFactory) -> OutboxRelay:
    return OutboxRelay(engine, bus, wakeup=uow.committed, poll_seconds=0.1)


async def _hook(uow, request: ErasureRequest) -> dict[str, int]:
    """A service's hook: on the kernel's open transaction (uow.connection), no commit of its own."""
    result = await uow.connection.execute(
        text("UPDATE mentor SET display_name = '' WHERE display_name = :ref"), {"ref": request.student_ref}
    )
    return {"mentor": result.rowcount}


async def test_the_erasure_consumer_runs_the_hook_scrubs_the_stream_and_confirms_without_the_ref(engine, bus):
    prefix = "er" + uuid.uuid4().hex[:8]
    uow = UnitOfWorkFactory(engine, event_prefix=prefix)
    await bus.ensure_streams(service_streams(prefix, "svc") + service_streams(prefix, "coord"))
    await _world(engine, subject=f"{prefix}.svc.thing.queued")
    await bus.publish(f"{prefix}.svc.thing.done", b'{"studentRef":"S-1"}', headers={"Nats-Msg-Id": "t"}, timeout=5)
    row = _request_event().outbox_row(prefix)
    for msg_id in ("first", "again"):  # delivered twice: applied and confirmed once
        await bus.publish(row["subject"], row["payload"], headers={**row["headers"], "Nats-Msg-Id": msg_id}, timeout=5)
    rt = SimpleNamespace(settings=_Settings(prefix), uow=uow, bus=bus)
    consumer = Consumer(bus, uow, subscription(rt, "svc", _hook), service="svc", prefix=prefix)

    async def confirmations():
        async with engine.connect() as conn:
            return (
                (
                    await conn.execute(
                        text("SELECT payload FROM outbox WHERE subject = :s"), {"s": f"{prefix}.svc.student.erased"}
                    )
                )
                .scalars()
                .all()
            )

    async with running(consumer):
        # the relay starts once the request rewrote the unsent event: the consumer waits for it to be sent
        await eventually(lambda: _under_pseudonym(engine), timeout=15, what="the unsent event rewritten")
        assert await confirmations() == []
        async with running(_relay(engine, bus, uow)):
            await eventually(confirmations, timeout=15, what="the confirmation in the outbox")
            # the second delivery is acknowledged without a second confirmation
            await eventually(lambda: _acked(bus, prefix), timeout=15, what="both deliveries acknowledged")
    (payload,) = await confirmations()
    assert b"S-1" not in payload
    confirmed = json_format.Parse(payload, erasure_pb2.StudentErased())
    assert (confirmed.erasure_id, confirmed.school_org, confirmed.service) == (
        str(REQUEST.erasure_id),
        "school-er",
        "svc",
    )
    assert dict(confirmed.rows_changed) == {
        "outbox": 2,
        "idempotency_key": 1,
        "import_job": 2,
        "audit_entry": 1,
        "export_part": 1,
        "stream": 1,
    }
    # the unsent events went out before the scrub: the student's under the pseudonym, the other school's S-1 as it was
    left = await _stream_contents(bus, stream_name(prefix, "svc"), f"{prefix}.svc.>")
    assert [json.loads(data) for _, subject, data in left if subject.endswith(".thing.queued")] == [
        {"studentRef": REQUEST.pseudonym, "peer": "S-10"},
        {"schoolOrg": "school-other", "studentRef": "S-1"},
    ]


async def _acked(bus: Bus, prefix: str) -> bool:
    info = await bus.js.consumer_info(stream_name(prefix, "coord"), "svc-erasure")
    return info.ack_floor.stream_seq == 2 and info.num_ack_pending == 0


async def test_a_ref_with_dots_and_colons_is_replaced_only_as_a_whole_value(engine):
    request = ErasureRequest(uuid.uuid4(), "school-er", "2024.s:7")
    async with engine.begin() as conn:
        await _outbox(conn, {"a": "2024.s:7", "b": "2024Xs:7", "c": "2024.s:70", "d": "x/2024.s:7"}, sent=False)
        rows = await erase_kernel_rows(conn, request)
        payload = (await conn.execute(text("SELECT payload FROM outbox"))).scalar_one()
    assert rows["outbox"] == 1
    assert json.loads(payload) == {
        "a": request.pseudonym,
        "b": "2024Xs:7",  # a regex metacharacter in the ref matches only itself
        "c": "2024.s:70",
        "d": "x/2024.s:7",  # not the whole value: a JSON value names the ref only as a whole
    }


async def test_a_run_stopped_after_its_transaction_is_completed_by_the_redelivery(engine, bus):
    """The first run committed the hook and the kernel's part and died before the scrub and the confirmation: the
    redelivered request scrubs the stream and confirms (zero rows left to change in the tables)."""
    prefix = "er" + uuid.uuid4().hex[:8]
    uow = UnitOfWorkFactory(engine, event_prefix=prefix)
    await bus.ensure_streams(service_streams(prefix, "svc") + service_streams(prefix, "coord"))
    await _world(engine, subject=f"{prefix}.svc.thing.queued")
    await bus.publish(f"{prefix}.svc.thing.done", b'{"studentRef":"S-1"}', headers={"Nats-Msg-Id": "t"}, timeout=5)
    assert (await erase(uow, _hook, REQUEST))["outbox"] == 2  # the first run's transaction
    row = _request_event().outbox_row(prefix)
    await bus.publish(row["subject"], row["payload"], headers=row["headers"], timeout=5)
    rt = SimpleNamespace(settings=_Settings(prefix, erasure_relay_wait_seconds=1.0), uow=uow, bus=bus)
    consumer = Consumer(bus, uow, subscription(rt, "svc", _hook), service="svc", prefix=prefix)

    async def confirmation():
        async with engine.connect() as conn:
            found = await conn.execute(
                text("SELECT payload FROM outbox WHERE subject = :s"), {"s": f"{prefix}.svc.student.erased"}
            )
            return found.scalar_one_or_none()

    # the redelivered run waits for the events the first one rewrote, which no relay has sent yet
    async with running(consumer):
        await eventually(lambda: _redelivered(bus, prefix), timeout=15, what="the request failing while unsent")
        assert await confirmation() is None
    async with running(consumer, _relay(engine, bus, uow)):
        payload = await eventually(confirmation, timeout=15, what="the confirmation in the outbox")
    assert dict(json_format.Parse(payload, erasure_pb2.StudentErased()).rows_changed) == {"stream": 1}
    left = await _stream_contents(bus, stream_name(prefix, "svc"), f"{prefix}.svc.>")
    assert [json.loads(data)["studentRef"] for _, subject, data in left if not subject.endswith(".erased")] == [
        REQUEST.pseudonym,
        "S-1",  # the other school's
    ]


async def _under_pseudonym(engine) -> bool:
    async with engine.connect() as conn:
        found = await conn.execute(
            text("SELECT 1 FROM outbox WHERE position(:p IN payload) > 0"), {"p": REQUEST.pseudonym.encode()}
        )
        return found.first() is not None


async def _redelivered(bus: Bus, prefix: str) -> bool:
    """The request was delivered again: its first run failed."""
    try:
        info = await bus.js.consumer_info(stream_name(prefix, "coord"), "svc-erasure")
    except NotFoundError:  # the consumer is not there yet
        return False
    return info.num_redelivered > 0
