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

import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from nats.js.api import DeliverPolicy
from nats.js.errors import NotFoundError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from praxis.events.v1 import erasure_pb2
from praxis_common.audit import AuditLog
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import IntegrationEvent, ReceivedEvent
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
READ_TIMEOUT_SECONDS = 2.0  # a stream read that gets nothing for this long has read everything


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


def _bounded(ref: str) -> str:
    """A PostgreSQL regular expression matching the ref as a whole token (not inside a longer ref: S-1 in S-10)."""
    return r"(?<![A-Za-z0-9_.:\-])" + re.sub(r"([^A-Za-z0-9])", r"\\\1", ref) + r"(?![A-Za-z0-9_.:\-])"


# An event's school, as protobuf's JSON mapping writes it (`"schoolOrg": "<org>"`).
_SCHOOL_FIELD = r'"schoolOrg":\s*'
_TABLES = (
    "SELECT to_regclass('outbox'), to_regclass('idempotency_key'), to_regclass('import_job'), "
    "to_regclass('audit_entry'), to_regclass('export_part')"
)

# Unsent events about the student still go out (other services keep their counts), under the pseudonym; sent ones
# (kept for the outbox report and pruned after outbox_retention_hours) are deleted. Unsent first: a row the relay
# is publishing right now is locked; once the relay committed it as sent, the DELETE takes it. An event naming only
# another school (`"schoolOrg": "<other>"`) is about that school's student of the same ref and is left as it is.
_OUTBOX_UNSENT = text(
    "UPDATE outbox SET "
    "payload = convert_to(regexp_replace(convert_from(payload, 'UTF8'), :pattern, :pseudonym, 'g'), 'UTF8'), "
    "headers = regexp_replace(headers::text, :pattern, :pseudonym, 'g')::jsonb, "
    "aggregate_id = regexp_replace(aggregate_id, :pattern, :pseudonym, 'g') "
    "WHERE sent_at IS NULL AND position(:needle IN payload) + position(:ref IN headers::text || aggregate_id) > 0 "
    "AND (convert_from(payload, 'UTF8') ~ :pattern OR headers::text ~ :pattern OR aggregate_id ~ :pattern) "
    "AND (convert_from(payload, 'UTF8') !~ :any_school OR convert_from(payload, 'UTF8') ~ :our_school)"
)
_OUTBOX_SENT = text(
    "DELETE FROM outbox WHERE sent_at IS NOT NULL AND (position(:needle IN payload) > 0 "
    "OR position(:ref IN headers::text) > 0 OR position(:ref IN aggregate_id) > 0)"
)
# A cached response naming the student: a retry with its key then runs again instead of replaying it.
_IDEMPOTENCY = text(
    "DELETE FROM idempotency_key WHERE position(:needle IN body) > 0 OR position(:ref IN headers::text) > 0"
)
# Import reports: the row errors naming the student go; a finished job's upload naming it is emptied.
_IMPORT_ERRORS = text(
    "UPDATE import_job SET errors = (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) "
    "FROM jsonb_array_elements(errors) WITH ORDINALITY AS x(e, n) WHERE position(:ref IN e::text) = 0), "
    "detail = CASE WHEN position(:ref IN coalesce(detail, '')) > 0 THEN NULL ELSE detail END "
    "WHERE position(:ref IN errors::text) > 0 OR position(:ref IN coalesce(detail, '')) > 0"
)
# Export parts not yet expired (docs/export.md) are copies of the tables just erased: a part whose files mention
# the student is deleted whole, with its chunks, whichever organisation it is for (an enterprise's part lists its
# placements too); its job then says the part is gone and the organisation exports again. A needle cut by a chunk
# boundary is found in the chunk joined with the head of the next one.
_EXPORT_PARTS = text(
    "DELETE FROM export_part p WHERE EXISTS (SELECT 1 FROM export_chunk c LEFT JOIN export_chunk n "
    "ON n.job_id = c.job_id AND n.file = c.file AND n.seq = c.seq + 1 WHERE c.job_id = p.job_id "
    "AND position(:needle IN c.data || substring(coalesce(n.data, ''::bytea) FROM 1 FOR :needle_length)) > 0)"
)
_IMPORT_UPLOADS = text(
    "UPDATE import_job SET upload = ''::bytea WHERE finished_at IS NOT NULL AND position(:needle IN upload) > 0"
)


async def erase_kernel_rows(conn: AsyncConnection, request: ErasureRequest) -> dict[str, int]:
    """The kernel's tables of this service's database, in the caller's transaction: table -> rows changed."""
    ref = request.student_ref
    params: dict[str, Any] = {
        "ref": ref,
        "needle": ref.encode(),
        "pattern": _bounded(ref),
        "pseudonym": request.pseudonym,
        "any_school": _SCHOOL_FIELD + '"',
        "our_school": _SCHOOL_FIELD + '"' + re.sub(r"([^A-Za-z0-9])", r"\\\1", request.school_org) + '"',
        "needle_length": len(ref.encode()),
    }
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
        rows["audit_entry"] = await AuditLog(conn).forget_student(request.school_org, ref)
    if export_part:
        rows["export_part"] = (await conn.execute(_EXPORT_PARTS, params)).rowcount
    return rows


# ---- the stream


def mentions(msg: Any, needle: bytes) -> bool:
    """A stored message's data or headers hold the needle."""
    if needle in (msg.data or b""):
        return True
    return any(needle in f"{k}:{v}".encode() for k, v in (msg.headers or {}).items())


_SCHOOL_VALUE = re.compile(rb'"schoolOrg":\s*"((?:[^"\\]|\\.)*)"')


def another_schools(msg: Any, school_org: str | None) -> bool:
    """The message names schools (`schoolOrg`) and the erasing school is not among them: it is about another
    school's student who has the same ref, and stays."""
    if school_org is None:
        return False
    named = _SCHOOL_VALUE.findall(msg.data or b"")
    return bool(named) and school_org.encode() not in named


async def scrub_stream(
    bus: Bus,
    stream: str,
    subjects: str,
    needle: str,
    *,
    keep: Collection[str] = (),
    school_org: str | None = None,
) -> list[int]:
    """Delete every retained message of `stream` (on `subjects`, a filter such as `<prefix>.mentors.>`) whose data
    or headers mention `needle`, except those on a subject in `keep` and, given `school_org`, those naming only
    other schools (`another_schools`); the sequences deleted. The server overwrites
    a deleted message's bytes (secure erase, the default of STREAM.MSG.DELETE). Reads the messages there were when
    it started through an ephemeral ordered consumer (docs/erasure.md has the cost)."""
    assert bus.js is not None
    try:
        state = (await bus.js.stream_info(stream)).state
    except NotFoundError:
        return []
    if not state.messages:
        return []
    raw, deleted = needle.encode(), []
    sub = await bus.js.subscribe(subjects, stream=stream, ordered_consumer=True, deliver_policy=DeliverPolicy.ALL)
    try:
        while True:
            try:
                msg = await sub.next_msg(timeout=READ_TIMEOUT_SECONDS)
            except TimeoutError:  # nothing more on these subjects (nats' TimeoutError is one too)
                break
            seq = msg.metadata.sequence.stream
            if seq > state.last_seq:
                break
            if msg.subject not in keep and mentions(msg, raw) and not another_schools(msg, school_org):
                try:
                    await bus.js.delete_msg(stream, seq)
                except NotFoundError:
                    pass  # deleted meanwhile (expired, or another replica's scrub)
                deleted.append(seq)
            if seq == state.last_seq or not msg.metadata.num_pending:
                break
    finally:
        await sub.unsubscribe()
    return deleted


# ---- the consumer


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
            u.emit(erased_event(service, request, rows))
            await u.commit()
        log.info("student erased", extra={"erasure_id": str(request.erasure_id), "rows": rows})

    return Subscription(
        durable=f"{service}-erasure", source=coordinator, topics=[requested_topic(coordinator)], handler=handle
    )


async def erase(uow: UowFactory, hook: EraseStudent, request: ErasureRequest) -> dict[str, int]:
    """Step 1 in a transaction of its own: the service's hook and the kernel's tables; committed."""
    async with uow() as u:
        rows = dict(await hook(u, request))
        for table, n in (await erase_kernel_rows(u.connection, request)).items():
            rows[table] = rows.get(table, 0) + n
        await u.commit()
    return rows
