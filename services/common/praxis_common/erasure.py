"""Erasing a student everywhere: the request every taking-part service receives, and the kernel's part of it.

The flow and what each service keeps are in docs/erasure.md. A service takes part by naming its hook in its
ServiceSpec (`erase_student`): `async def erase_student(uow, request) -> dict[str, int]` changes the service's own
tables on `uow.connection`, in the kernel's open transaction, and returns table -> rows changed. The kernel then
(`subscription`, wired for every spec with a hook by service.py):

1. in one transaction: the hook, and the kernel's own tables (`erase_kernel_rows`: the outbox, cached idempotent
   responses, import job errors, the audit log); committed;
2. scrubs the service's own JetStream stream: every retained message mentioning the ref is deleted (secure erase:
   the server overwrites it), after the commit, so that no event about the student is published behind it;
3. confirms with `<service>.student.erased` (no ref in it), committed with the request's inbox claim.

Each step is idempotent, so a crash or a database outage anywhere is completed by the request's redelivery; a
service that was down consumes the request when it returns (a durable consumer on the coordinator's stream).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from nats.js.api import DeliverPolicy
from nats.js.errors import NotFoundError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from praxis.events.v1 import erasure_pb2
from praxis_common import erasure_match as match
from praxis_common.audit import AuditLog
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.exports.parts import EXPORT_CLAIM_LOCK
from praxis_common.jetstream import Bus, stream_name

if TYPE_CHECKING:
    from praxis_common.uow import UnitOfWork, UowFactory

log = logging.getLogger("praxis.erasure")

PSEUDONYM_PREFIX = "erased-"
# The coordinator (ServiceSettings.erasure_coordinator) publishes the request under this topic; every service
# confirms under `<service>.student.erased`.
REQUESTED = "student.erasure_requested"
ERASED = "student.erased"
MAX_REF_LENGTH = 128
READ_TIMEOUT_SECONDS = 2.0  # a stream read that gets nothing for this long before the last message failed


@dataclass(frozen=True)
class ErasureRequest:
    """A school's request to erase one of its students (`student_ref`) from this service."""

    erasure_id: uuid.UUID
    school_org: str
    student_ref: str

    @property
    def pseudonym(self) -> str:
        """What replaces the ref where a row must stay (aggregates): the same in every service, unlinkable."""
        return PSEUDONYM_PREFIX + self.erasure_id.hex[:16]

    @classmethod
    def from_event(cls, event: ReceivedEvent) -> ErasureRequest:
        e = event.parse(erasure_pb2.StudentErasureRequested)
        try:
            erasure_id = uuid.UUID(e.erasure_id)
        except ValueError:
            raise InvalidInput(f"event {event.id}: bad erasure_id {e.erasure_id!r}") from None
        if not e.school_org or not e.student_ref or len(e.student_ref) > MAX_REF_LENGTH:
            raise InvalidInput(f"event {event.id}: an erasure request needs a school_org and a student_ref")
        return cls(erasure_id, e.school_org, e.student_ref)


# A service's hook: its own tables, in the kernel's open transaction; table -> rows changed. Idempotent.
EraseStudent = Callable[["UnitOfWork", ErasureRequest], Awaitable[dict[str, int]]]


def requested_topic(coordinator: str) -> str:
    return f"{coordinator}.{REQUESTED}"


def erased_topic(service: str) -> str:
    return f"{service}.{ERASED}"


def erased_event(service: str, request: ErasureRequest, rows: dict[str, int]) -> IntegrationEvent:
    """The service's confirmation: which erasure, which school, how many rows per table. Never the ref."""
    return IntegrationEvent(
        source=service,
        topic=erased_topic(service),
        aggregate_type="erasure",
        aggregate_id=str(request.erasure_id),
        payload=erasure_pb2.StudentErased(
            erasure_id=str(request.erasure_id),
            school_org=request.school_org,
            service=service,
            rows_changed={k: v for k, v in rows.items() if v},
            erased_at=datetime.now(UTC).isoformat(),
        ),
    )


# ---- the kernel's tables


# An event's school, as protobuf's JSON mapping writes it (`"schoolOrg": "<org>"`).
_SCHOOL_FIELD = r'"schoolOrg":\s*'
_TABLES = (
    "SELECT to_regclass('outbox'), to_regclass('idempotency_key'), to_regclass('import_job'), "
    "to_regclass('audit_entry'), to_regclass('export_part')"
)
# Which rows name the student: the one rule of erasure_match (a whole JSON value, a header ending in /<ref>, a whole
# token of free text). An event naming only another school (`"schoolOrg": "<other>"`) is about that school's student
# of the same ref and is left as it is, sent or not.
_OUTBOX_MENTIONS = (
    f"({match.sql_json_mentions('payload')} OR {match.sql_header_mentions('headers')} OR aggregate_id = :ref) "
    "AND (convert_from(payload, 'UTF8') !~ :any_school OR convert_from(payload, 'UTF8') ~ :our_school)"
)
# Unsent events about the student still go out (other services keep their counts), under the pseudonym; the consumer
# waits for the relay to send them before it scrubs the stream. Sent ones (kept for the outbox report and pruned after
# outbox_retention_hours) are deleted. Unsent first: a row the relay is publishing right now is locked; once the
# relay committed it as sent, the DELETE takes it.
_OUTBOX_UNSENT = text(
    "UPDATE outbox SET "
    "payload = convert_to(replace(replace(convert_from(payload, 'UTF8'), :json_a, :pseudonym_json), "
    ":json_u, :pseudonym_json), 'UTF8'), "
    "headers = coalesce((SELECT jsonb_object_agg(hd.key, CASE "
    f"WHEN lower(hd.key) NOT IN {match.SQL_RESOURCE_HEADERS} THEN hd.value "
    "WHEN hd.value = :ref THEN :pseudonym WHEN right(hd.value, :suffix_length) = :suffix "
    "THEN left(hd.value, length(hd.value) - :suffix_length) || '/' || :pseudonym ELSE hd.value END) "
    "FROM jsonb_each_text(headers) hd), '{}'::jsonb), "
    "aggregate_id = CASE WHEN aggregate_id = :ref THEN :pseudonym ELSE aggregate_id END "
    f"WHERE sent_at IS NULL AND {_OUTBOX_MENTIONS}"
)
_OUTBOX_SENT = text(f"DELETE FROM outbox WHERE sent_at IS NOT NULL AND {_OUTBOX_MENTIONS}")
# Events under the pseudonym the relay has not sent yet (step 1 rewrote them): the stream is scrubbed after them.
_OUTBOX_PENDING = text(
    "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND "
    f"({match.sql_json_mentions('payload')} OR {match.sql_header_mentions('headers')} OR aggregate_id = :ref)"
)
# A cached response of the school naming the student: a retry with its key then runs again instead of replaying it.
_IDEMPOTENCY = text(
    "DELETE FROM idempotency_key WHERE org = :school "
    f"AND ({match.sql_json_mentions('body')} OR {match.sql_header_mentions('headers')})"
)
# The school's import reports: the row errors naming the student go (any string in the error, as free text); a
# finished job's upload naming it (a whole cell, whatever the file's encoding) is emptied.
_ERROR_MENTIONS = (
    "EXISTS (SELECT 1 FROM jsonb_path_query(e, 'strict $.**') v "
    "WHERE jsonb_typeof(v) = 'string' AND (v #>> '{}') ~ :token)"
)
_IMPORT_ERRORS = text(
    "UPDATE import_job SET errors = (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) "
    f"FROM jsonb_array_elements(errors) WITH ORDINALITY AS x(e, n) WHERE NOT {_ERROR_MENTIONS}), "
    f"detail = CASE WHEN {match.sql_text_mentions('detail')} THEN NULL ELSE detail END "
    f"WHERE org = :school AND (EXISTS (SELECT 1 FROM jsonb_array_elements(errors) AS x(e) WHERE {_ERROR_MENTIONS}) "
    f"OR {match.sql_text_mentions('detail')})"
)
_IMPORT_UPLOADS = text(
    "UPDATE import_job SET upload = ''::bytea WHERE org = :school AND finished_at IS NOT NULL "
    "AND encode(upload, 'escape') ~ :bytes_token"
)
# Export parts not yet expired (docs/export.md) are copies of the tables just erased. A part being built (or waiting)
# read its snapshot before this transaction commits: it goes back to the queue, unclaimed, without the chunks it
# stored so far, and is built again after the erasure (its builder finds its claim gone at its next chunk and stores
# nothing more; one being stored is waited for: parts.ClaimedPart); claims wait for this transaction
# (EXPORT_CLAIM_LOCK). A stored part whose files name the student is deleted whole, with its chunks,
# whichever organisation it is for (an enterprise's part lists its placements too); its job then says the part is
# gone and the organisation exports again. A needle cut by a chunk boundary is found in the chunk joined with the
# head of the next one.
_EXPORT_CLAIMS = text(f"SELECT pg_advisory_xact_lock({EXPORT_CLAIM_LOCK})")
# The requeue waits for a chunk being stored; the deletion after it (a new statement, a new snapshot) sees that chunk.
_EXPORT_REQUEUE = text("UPDATE export_part SET state = 'queued', heartbeat_at = NULL WHERE state = 'building'")
_EXPORT_UNBUILT = text(
    "DELETE FROM export_chunk c USING export_part p WHERE p.job_id = c.job_id AND p.state = 'queued'"
)
_EXPORT_PARTS = text(
    "DELETE FROM export_part p WHERE EXISTS (SELECT 1 FROM export_chunk c LEFT JOIN export_chunk nx "
    "ON nx.job_id = c.job_id AND nx.file = c.file AND nx.seq = c.seq + 1 WHERE c.job_id = p.job_id AND "
    + match.sql_json_mentions("(c.data || substring(coalesce(nx.data, ''::bytea) FROM 1 FOR :json_needle_length))")
    + ")"
)


def _params(request: ErasureRequest) -> dict[str, Any]:
    params = match.sql_params(request.student_ref)
    json_a, *rest = match.json_values(request.student_ref)
    params.update(
        json_a=json_a,
        json_u=rest[0] if rest else json_a,
        pseudonym=request.pseudonym,
        pseudonym_json=json.dumps(request.pseudonym),
        school=request.school_org,
        any_school=_SCHOOL_FIELD + '"',
        our_school=_SCHOOL_FIELD + '"' + re.sub(r"([^A-Za-z0-9])", r"\\\1", request.school_org) + '"',
    )
    return params


async def erase_kernel_rows(conn: AsyncConnection, request: ErasureRequest) -> dict[str, int]:
    """The kernel's tables of this service's database, in the caller's transaction: table -> rows changed."""
    params = _params(request)
    outbox, idempotency, import_job, audit, export_part = (await conn.execute(text(_TABLES))).one()
    rows: dict[str, int] = {}
    if outbox:
        rows["outbox"] = (await conn.execute(_OUTBOX_UNSENT, params)).rowcount
        rows["outbox"] += (await conn.execute(_OUTBOX_SENT, params)).rowcount
    if idempotency:
        rows["idempotency_key"] = (await conn.execute(_IDEMPOTENCY, params)).rowcount
    if import_job:
        rows["import_job"] = (await conn.execute(_IMPORT_ERRORS, params)).rowcount
        rows["import_job"] += (await conn.execute(_IMPORT_UPLOADS, params)).rowcount
    if audit:
        rows["audit_entry"] = await AuditLog(conn).forget_student(request.school_org, request.student_ref)
    if export_part:
        await conn.execute(_EXPORT_CLAIMS)
        rows["export_part"] = (await conn.execute(_EXPORT_REQUEUE)).rowcount
        await conn.execute(_EXPORT_UNBUILT)
        rows["export_part"] += (await conn.execute(_EXPORT_PARTS, params)).rowcount
    return rows


async def unsent_under_pseudonym(conn: AsyncConnection, request: ErasureRequest) -> int:
    """Events naming the erasure's pseudonym that the relay has not sent yet."""
    if not (await conn.execute(text("SELECT to_regclass('outbox')"))).scalar():
        return 0
    return (await conn.execute(_OUTBOX_PENDING, match.sql_params(request.pseudonym))).scalar_one()


# ---- the stream


def mentions(msg: Any, ref: str) -> bool:
    """A stored message's data (JSON) or headers name the ref (erasure_match)."""
    return match.message_mentions(msg.data, msg.headers, ref)


_SCHOOL_VALUE = re.compile(rb'"schoolOrg":\s*"((?:[^"\\]|\\.)*)"')


def another_schools(msg: Any, school_org: str | None) -> bool:
    """The message names schools (`schoolOrg`) and the erasing school is not among them: it is about another
    school's student who has the same ref, and stays."""
    if school_org is None:
        return False
    named = _SCHOOL_VALUE.findall(msg.data or b"")
    return bool(named) and school_org.encode() not in named


class StreamNotRead(Exception):
    """The stream's retained messages could not all be read (a read timed out before the last one): nothing may be
    confirmed; the request is redelivered."""


async def read_retained(next_msg: Callable[[float], Awaitable[Any]], last_seq: int) -> AsyncIterator[Any]:
    """The messages an ordered consumer delivers, up to the stream's `last_seq` when the read began. It stops at that
    sequence or at a message with nothing pending after it, never on a timeout: a read that times out before (a slow
    server, a stalled consumer) raises StreamNotRead."""
    while True:
        try:
            msg = await next_msg(READ_TIMEOUT_SECONDS)
        except TimeoutError:  # nats' TimeoutError is one too
            raise StreamNotRead(f"no message for {READ_TIMEOUT_SECONDS} s before sequence {last_seq}") from None
        seq = msg.metadata.sequence.stream
        if seq > last_seq:
            return
        yield msg
        if seq == last_seq or not msg.metadata.num_pending:
            return


async def scrub_stream(
    bus: Bus,
    stream: str,
    subjects: str,
    ref: str,
    *,
    keep: Collection[str] = (),
    school_org: str | None = None,
) -> list[int]:
    """Delete every retained message of `stream` (on `subjects`, a filter such as `<prefix>.mentors.>`) that names
    `ref` (erasure_match: a whole JSON value, a header ending in /<ref>), except those on a subject in `keep` and,
    given `school_org`, those naming only other schools (`another_schools`); the sequences deleted. The server
    overwrites a deleted message's bytes (secure erase, the default of STREAM.MSG.DELETE). Reads the messages there
    were when it started through an ephemeral ordered consumer (docs/erasure.md has the cost)."""
    assert bus.js is not None
    try:
        state = (await bus.js.stream_info(stream)).state
    except NotFoundError:
        return []
    if not state.messages:
        return []
    deleted: list[int] = []
    sub = await bus.js.subscribe(subjects, stream=stream, ordered_consumer=True, deliver_policy=DeliverPolicy.ALL)
    try:
        info = await sub.consumer_info()
        if not info.num_pending and not info.delivered.consumer_seq:
            return []  # nothing retained on these subjects
        async for msg in read_retained(lambda timeout: sub.next_msg(timeout=timeout), state.last_seq):
            if msg.subject not in keep and mentions(msg, ref) and not another_schools(msg, school_org):
                seq = msg.metadata.sequence.stream
                try:
                    await bus.js.delete_msg(stream, seq)
                except NotFoundError:
                    pass  # deleted meanwhile (expired, or another replica's scrub)
                deleted.append(seq)
    finally:
        await sub.unsubscribe()
    return deleted


# ---- the consumer


class RelayBehind(Exception):
    """Events rewritten under the pseudonym are still unsent after the wait: the request is redelivered."""


async def wait_for_relay(uow: UowFactory, request: ErasureRequest, *, timeout: float, poll: float = 0.2) -> None:
    """Until the relay has sent every event step 1 rewrote (they name the pseudonym): the stream is scrubbed only
    after them, so nothing published about the student is left behind the scrub."""
    deadline = time.monotonic() + timeout
    while True:
        async with uow() as u:
            left = await unsent_under_pseudonym(u.connection, request)
        if not left:
            return
        if time.monotonic() >= deadline:
            raise RelayBehind(f"{left} events under the pseudonym still unsent after {timeout} s")
        await asyncio.sleep(poll)  # polling the outbox with a deadline, not synchronisation


def subscription(rt: Any, service: str, hook: EraseStudent) -> Subscription:
    """The service's durable consumer of the coordinator's erasure requests (`<service>-erasure`)."""
    settings = rt.settings
    coordinator = settings.erasure_coordinator
    prefix = settings.event_prefix
    # The coordinator's own requests stay in its stream until every service confirmed (it deletes them then).
    keep = {f"{prefix}.{requested_topic(coordinator)}"} if service == coordinator else set()

    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        request = ErasureRequest.from_event(event)
        rows = await erase(rt.uow, hook, request)
        await wait_for_relay(rt.uow, request, timeout=settings.erasure_relay_wait_seconds)
        scrubbed = await scrub_stream(
            rt.bus,
            stream_name(prefix, service),
            f"{prefix}.{service}.>",
            request.student_ref,
            keep=keep,
            school_org=request.school_org,
        )
        rows["stream"] = len(scrubbed)
        async with uow() as u:  # the request's inbox claim and the confirmation commit together
            if await u.claim_event(durable, event.id, event.type):
                u.emit(erased_event(service, request, rows))
            await u.commit()
        log.info("student erased", extra={"erasure_id": str(request.erasure_id), "rows": rows})

    durable = f"{service}-erasure"
    # Its own transactions: no transaction stays open while it waits for the relay and reads its stream.
    return Subscription(
        durable=durable,
        source=coordinator,
        topics=[requested_topic(coordinator)],
        handler=handle,
        own_transactions=True,
    )


async def erase(uow: UowFactory, hook: EraseStudent, request: ErasureRequest) -> dict[str, int]:
    """Step 1 in a transaction of its own: the service's hook and the kernel's tables; committed."""
    async with uow() as u:
        rows = dict(await hook(u, request))
        for table, n in (await erase_kernel_rows(u.connection, request)).items():
            rows[table] = rows.get(table, 0) + n
        await u.commit()
    return rows
