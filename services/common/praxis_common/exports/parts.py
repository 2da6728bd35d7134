"""A service's part of an export job: its table (`export_part`, one row per job, and `export_chunk`, the files' bytes
in chunks of at most CHUNK_BYTES), and the build that writes it in one snapshot.

The build reads every resource in ONE `REPEATABLE READ, READ ONLY` transaction (one snapshot: a parent and its
children agree, whatever commits meanwhile), each with `COPY (SELECT row_to_json(r) FROM (<query>) r) TO STDOUT`
straight from asyncpg, hashing and counting the bytes as they stream. Each chunk is stored in a short transaction of
its own, only while the claim is still the builder's (`ClaimedPart`): a build of a large part must not hold a
transaction id for its whole length, since every change feed of the database server waits for the oldest running
one (feeds.py). Chunks are read only once their part is ready: the part marked ready and its
`<service>.export.part_ready` event (outbox) are one last transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from praxis_common.db import new_metadata
from praxis_common.exports import ExportResource

CHUNK_BYTES = 1 << 20
# An erasure holds this advisory lock (exclusive) while it sends the parts being built back to the queue; a claim takes
# it shared, so a part claimed while an erasure runs is claimed after it committed and built from a snapshot without
# the student (erasure.py).
EXPORT_CLAIM_LOCK = 0x70726178  # "prax"
_DELETE_CHUNKS = "DELETE FROM export_chunk WHERE job_id = :job"  # a build started again, or failed
# COPY's CSV format with a quote and a delimiter that JSON text never holds raw (it escapes control characters):
# each row is then its JSON exactly, one line, where the text format would double every backslash.
_COPY_OPTIONS = {"format": "csv", "delimiter": "\x02", "quote": "\x01"}


def export_part_tables(metadata: MetaData) -> tuple[Table, Table]:
    """`export_part` and `export_chunk` on a service's metadata (its migration creates them with
    `create_export_part_tables`)."""
    part = Table(
        "export_part",
        metadata,
        Column("job_id", UUID(as_uuid=True), primary_key=True),
        Column("org", String(64), nullable=False),
        Column("org_kind", String(16), nullable=False),
        Column("state", String(16), nullable=False),
        Column("files", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
        Column("detail", Text),
        Column("requested_at", DateTime(timezone=True), nullable=False),
        Column("expires_at", DateTime(timezone=True), nullable=False),
        Column("heartbeat_at", DateTime(timezone=True)),
        Column("taken_at", DateTime(timezone=True)),
        CheckConstraint("state IN ('queued','building','ready','failed')", name="state"),
        Index("ix_export_part_pending", "requested_at", postgresql_where=text("state IN ('queued','building')")),
        Index("ix_export_part_expires", "expires_at"),
    )
    chunk = Table(
        "export_chunk",
        metadata,
        Column("job_id", UUID(as_uuid=True), primary_key=True),
        Column("file", String(64), primary_key=True),
        Column("seq", Integer, primary_key=True),
        Column("data", LargeBinary, nullable=False),
        ForeignKeyConstraint(["job_id"], ["export_part.job_id"], ondelete="CASCADE"),
    )
    return part, chunk


def create_export_part_tables(op) -> None:
    """The tables as first released, for a service's migration (a later change is a new function)."""
    metadata = new_metadata()
    export_part_tables(metadata)
    metadata.create_all(op.get_bind())


def drop_export_part_tables(op) -> None:
    op.drop_table("export_chunk")
    op.drop_table("export_part")


@dataclass
class FileWritten:
    name: str
    schema_version: int
    count: int = 0
    bytes: int = 0
    sha256: str = ""

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class _Sink:
    """Takes COPY's output as it streams: hashes and counts it, stores it in chunks."""

    store: Callable[[str, int, bytes], Awaitable[None]]  # (file, seq, data): one chunk stored
    written: FileWritten
    digest: Any = field(default_factory=hashlib.sha256)
    buffer: bytearray = field(default_factory=bytearray)
    seq: int = 0

    async def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.written.count += data.count(b"\n")
        self.written.bytes += len(data)
        self.buffer += data
        while len(self.buffer) >= CHUNK_BYTES:
            await self.flush(CHUNK_BYTES)

    async def flush(self, size: int | None = None) -> None:
        piece = bytes(self.buffer[:size]) if size else bytes(self.buffer)
        del self.buffer[: len(piece)]
        if piece:
            await self.store(self.written.name, self.seq, piece)
            self.seq += 1

    async def close(self) -> FileWritten:
        await self.flush()
        self.written.sha256 = self.digest.hexdigest()
        return self.written


class PartLost(Exception):
    """The claim on a part being built is gone (an erasure sent it back to the queue, or another builder took it
    over): what the build read is not stored."""


class ClaimedPart:
    """A part this builder holds. Each chunk is stored in its own transaction, which first locks the part's row
    `FOR SHARE` with the claim unchanged: an erasure's requeue (or a takeover) waits for a chunk being stored and
    then deletes it, and no chunk is stored after it. The claim is renewed under the same lock, so a chunk never
    checks a claim that its own builder has just replaced."""

    def __init__(self, engine, part: Part) -> None:
        self.engine = engine
        self.job_id = part.job_id
        self.claim = part.heartbeat_at
        self._lock = asyncio.Lock()

    async def _in_claim(self, statement: str, params: dict) -> None:
        async with self._lock, self.engine.begin() as conn:
            ours = await conn.execute(
                text(
                    "SELECT 1 FROM export_part WHERE job_id = :job AND state = 'building' AND heartbeat_at = :claim "
                    "FOR SHARE"
                ),
                {"job": self.job_id, "claim": self.claim},
            )
            if ours.first() is None:
                raise PartLost(str(self.job_id))
            await conn.execute(text(statement), {"job": self.job_id, **params})

    async def clear(self) -> None:
        """Drop the chunks of an earlier build of this part (one taken over, or that failed)."""
        await self._in_claim(_DELETE_CHUNKS, {})

    async def store(self, file: str, seq: int, data: bytes) -> None:
        await self._in_claim(
            "INSERT INTO export_chunk (job_id, file, seq, data) VALUES (:job, :file, :seq, :data)",
            {"file": file, "seq": seq, "data": data},
        )

    async def renew(self) -> bool:
        """Renew the claim; False when it is no longer ours."""
        async with self._lock:
            async with self.engine.begin() as conn:
                renewed = await heartbeat(conn, self.job_id, self.claim)
            if renewed is None:
                return False
            self.claim = renewed
            return True


async def write_snapshot(
    reader, part: ClaimedPart, resources: list[ExportResource], *, org: str, org_kind: str
) -> tuple[datetime, list[FileWritten]]:
    """Every resource of `org`, read on `reader` (an asyncpg connection) in one REPEATABLE READ, READ ONLY snapshot
    and stored as the chunks of `part`. Returns the snapshot's time and the files; PartLost once the claim is gone."""
    await part.clear()
    files: list[FileWritten] = []
    async with reader.transaction(isolation="repeatable_read", readonly=True):
        taken_at = await reader.fetchval("SELECT now()")  # the transaction's start: the snapshot's time
        for resource in resources:
            sink = _Sink(part.store, FileWritten(resource.name, resource.schema_version))
            await reader.copy_from_query(resource.copy_query(), org, org_kind, output=sink.write, **_COPY_OPTIONS)
            files.append(await sink.close())
    return taken_at, files


@dataclass(frozen=True)
class Part:
    job_id: uuid.UUID
    org: str
    org_kind: str
    state: str
    files: list[dict]
    taken_at: datetime | None
    expires_at: datetime
    heartbeat_at: datetime | None = None  # the claim: the builder's last heartbeat (finish_part compares it)


_PART_COLUMNS = "job_id, org, org_kind, state, files, taken_at, expires_at, heartbeat_at"


async def request_part(conn, *, job_id: uuid.UUID, org: str, org_kind: str, requested_at, expires_at) -> None:
    """Queue the part of a job (once: a redelivered request changes nothing)."""
    await conn.execute(
        text(
            "INSERT INTO export_part (job_id, org, org_kind, state, requested_at, expires_at) "
            "VALUES (:job, :org, :kind, 'queued', :at, :expires) ON CONFLICT (job_id) DO NOTHING"
        ),
        {"job": job_id, "org": org, "kind": org_kind, "at": requested_at, "expires": expires_at},
    )


async def claim_part(conn, stale_seconds: float) -> Part | None:
    """The oldest queued part (or one whose builder went silent for `stale_seconds`), now building and ours: the
    `heartbeat_at` it returns is the claim, which `heartbeat` renews and `finish_part` checks."""
    await conn.execute(text(f"SELECT pg_advisory_xact_lock_shared({EXPORT_CLAIM_LOCK})"))
    row = (
        await conn.execute(
            text(f"""
                UPDATE export_part SET state = 'building', heartbeat_at = clock_timestamp()
                WHERE job_id = (
                    SELECT job_id FROM export_part
                    WHERE expires_at > now() AND (state = 'queued'
                       OR (state = 'building' AND heartbeat_at < now() - make_interval(secs => :stale)))
                    ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING {_PART_COLUMNS}
            """),
            {"stale": stale_seconds},
        )
    ).first()
    return Part(**row._mapping) if row else None


async def heartbeat(conn, job_id: uuid.UUID, claim: datetime) -> datetime | None:
    """Renew the claim `claim` of a part still building: its new value, or None when the part is no longer ours (an
    erasure sent it back to the queue, or another builder took it over)."""
    return (
        await conn.execute(
            text(
                "UPDATE export_part SET heartbeat_at = clock_timestamp() "
                "WHERE job_id = :job AND state = 'building' AND heartbeat_at = :claim RETURNING heartbeat_at"
            ),
            {"job": job_id, "claim": claim},
        )
    ).scalar()


async def finish_part(
    conn, job_id: uuid.UUID, claim: datetime, *, state: str, files: list[dict], taken_at, detail=None
) -> bool:
    """Mark the part `state` if it is still the one claimed with `claim` (compare-and-set); False: it is not (what
    the build stored is then the next builder's to clear). A failed part keeps no chunk."""
    result = await conn.execute(
        text(
            "UPDATE export_part SET state = :state, files = CAST(:files AS jsonb), taken_at = :taken, "
            "detail = :detail WHERE job_id = :job AND state = 'building' AND heartbeat_at = :claim"
        ),
        {
            "job": job_id,
            "claim": claim,
            "state": state,
            "files": json.dumps(files),
            "taken": taken_at,
            "detail": detail,
        },
    )
    if result.rowcount != 1:
        return False
    if state == "failed":
        await conn.execute(text(_DELETE_CHUNKS), {"job": job_id})
    return True


async def get_part(conn, job_id: uuid.UUID) -> Part | None:
    row = (
        await conn.execute(text(f"SELECT {_PART_COLUMNS} FROM export_part WHERE job_id = :job"), {"job": job_id})
    ).first()
    return Part(**row._mapping) if row else None


async def read_chunks(engine, job_id: uuid.UUID, files: list[dict]) -> AsyncIterator[tuple[str, int, bytes]]:
    """The part's bytes, file by file in the manifest's order, a chunk per short query (no transaction stays open
    while the caller streams them on)."""
    for f in files:
        seq = 0
        while True:
            async with engine.connect() as conn:
                data = (
                    await conn.execute(
                        text("SELECT data FROM export_chunk WHERE job_id = :job AND file = :file AND seq = :seq"),
                        {"job": job_id, "file": f["name"], "seq": seq},
                    )
                ).scalar()
            if data is None:
                break
            yield f["name"], seq, bytes(data)
            seq += 1


async def prune_parts(conn) -> int:
    """Forget expired parts (their chunks go with them)."""
    return (await conn.execute(text("DELETE FROM export_part WHERE expires_at <= now()"))).rowcount
