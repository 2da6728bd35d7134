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


_TABLES = "SELECT to_regclass('outbox'), to_regclass('idempotency_key'), to_regclass('import_job'), to_regclass('audit_entry')"

# Unsent events about the student still go out (other services keep their counts), under the pseudonym; sent ones
# (kept for the outbox report and pruned after outbox_retention_hours) are deleted. Unsent first: a row the relay
# is publishing right now is locked; once the relay committed it as sent, the DELETE takes it.
_OUTBOX_UNSENT = text(
    "UPDATE outbox SET "
    "payload = convert_to(regexp_replace(convert_from(payload, 'UTF8'), :pattern, :pseudonym, 'g'), 'UTF8'), "
    "headers = regexp_replace(headers::text, :pattern, :pseudonym, 'g')::jsonb, "
    "aggregate_id = regexp_replace(aggregate_id, :pattern, :pseudonym, 'g') "
    "WHERE sent_at IS NULL AND position(:needle IN payload) + position(:ref IN headers::text || aggregate_id) > 0 "
    "AND (convert_from(payload, 'UTF8') ~ :pattern OR headers::text ~ :pattern OR aggregate_id ~ :pattern)"
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
    }
    outbox, idempotency, import_job, audit = (await conn.execute(text(_TABLES))).one()
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
    return rows


# ---- the stream


def mentions(msg: Any, needle: bytes) -> bool:
    """A stored message's data or headers hold the needle."""
    if needle in (msg.data or b""):
        return True
    return any(needle in f"{k}:{v}".encode() for k, v in (msg.headers or {}).items())


async def scrub_stream(bus: Bus, stream: str, subjects: str, needle: str, *, keep: Collection[str] = ()) -> list[int]:
    """Delete every retained message of `stream` (on `subjects`, a filter such as `<prefix>.mentors.>`) whose data
    or headers mention `needle`, except those on a subject in `keep`; the sequences deleted. The server overwrites
    a deleted message's bytes (secure erase, the default of STREAM.MSG.DELETE). Reads the messages there were when
    it started, one request each (docs/erasure.md has the cost)."""
    assert bus.js is not None
    try:
        state = (await bus.js.stream_info(stream)).state
    except NotFoundError:
        return []
    raw, seq, deleted = needle.encode(), state.first_seq, []
    while seq <= state.last_seq:
        try:
            msg = await bus.js.get_msg(stream, seq=seq, subject=subjects, next=True)
        except NotFoundError:
            break  # nothing at or after seq
        if msg.seq > state.last_seq:
            break
        if msg.subject not in keep and mentions(msg, raw):
            try:
                await bus.js.delete_msg(stream, msg.seq)
            except NotFoundError:
                pass  # deleted meanwhile (expired, or another replica's scrub)
            deleted.append(msg.seq)
        seq = msg.seq + 1
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
            rt.bus, stream_name(prefix, service), f"{prefix}.{service}.>", request.student_ref, keep=keep
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
