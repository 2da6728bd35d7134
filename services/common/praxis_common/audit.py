"""The audit log of cross-organisation reads: append-only, each entry chaining the hash of the one before it.

A service appends an entry for every read by one organisation of data another organisation owns (an enterprise
reading a student's logbook: the school owns it), in the read's own transaction (`u.audit.append(...)` then
`u.commit()`): the read and its entry commit together. An entry names who read (token subject, organisation and its
kind), whose data it was (`owner_org`), the subject (`student` + its opaque ref, `project_material` + the project),
the resource read (kind + id), the action and the route (the REST route template or the gRPC method, never a URL
with values). It never holds the data read.

Tamper evidence: `hash = sha256(prev_hash || canonical JSON of the entry)`, `prev_hash` the hash of the entry before
(GENESIS for the first). Appends take a transaction-scoped advisory lock and read the chain head inside it, so
concurrent appends from any number of connections and processes keep one total order. The migration adds a trigger
refusing UPDATE, DELETE and TRUNCATE; a superuser can still disable it and alter rows, which is what `verify` finds.
Deleting the newest entries is the one change the chain alone cannot show (nothing points at them); see
docs/audit.md.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, DateTime, Index, MetaData, String, Table, text

from praxis_common.db import new_metadata

GENESIS = "0" * 64
# The advisory lock key of the chain (each service has its own database, so one key per database suffices).
CHAIN_LOCK_KEY = 0x70726178_6175_64  # "prax" "au" "d"
VERIFY_PAGE = 1000

# The route a read came through: the REST route template ("GET /v1/placements/{placement_id}/logbook") or the gRPC
# method ("/praxis.internships.v1.Logbooks/GetLogbook"); the edges set it beside the principal.
current_route: contextvars.ContextVar[str] = contextvars.ContextVar("audit_route", default="internal")


@dataclass(frozen=True)
class AuditRead:
    """One cross-organisation read, as a use case states it (the log adds when, route, the chain)."""

    actor: str
    actor_org: str
    actor_org_kind: str
    owner_org: str
    owner_org_kind: str  # an organisation is its id and its kind: an enterprise named like a school is not it
    subject_kind: str  # student | project_material | ...
    subject_ref: str  # the opaque ref (student_ref, project id): never a name or a text
    resource_kind: str  # placement | logbook | weekly_reports | ...
    resource_id: str
    action: str = "read"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    actor_org: str
    actor_org_kind: str
    owner_org: str
    owner_org_kind: str
    subject_kind: str
    subject_ref: str
    resource_kind: str
    resource_id: str
    action: str
    route: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int  # entries checked (all of them when ok)
    broken_at: int | None = None  # the seq of the first entry whose hash or link does not hold
    head_seq: int | None = None  # when ok: the newest entry, for a checkpoint kept outside the database
    head_hash: str | None = None


def audit_entry_table(metadata: MetaData) -> Table:
    """The `audit_entry` table on a service's metadata (its migration creates it with `create_audit_entry_table`)."""
    return Table(
        "audit_entry",
        metadata,
        Column("seq", BigInteger, primary_key=True, autoincrement=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("actor", String(128), nullable=False),
        Column("actor_org", String(64), nullable=False),
        Column("actor_org_kind", String(32), nullable=False),
        Column("owner_org", String(64), nullable=False),
        Column("owner_org_kind", String(32), nullable=False),
        Column("subject_kind", String(32), nullable=False),
        Column("subject_ref", String(128), nullable=False),
        Column("resource_kind", String(64), nullable=False),
        Column("resource_id", String(128), nullable=False),
        Column("action", String(16), nullable=False),
        Column("route", String(300), nullable=False),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
        Index("ix_audit_entry_owner_subject", "owner_org", "owner_org_kind", "subject_ref", "seq"),
        Index("ix_audit_entry_owner", "owner_org", "owner_org_kind", "seq"),
    )


_SEQUENCE = "audit_entry_seq"
_APPEND_ONLY = (
    "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'insufficient_privilege'; END $$",
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
)


def create_audit_entry_table(op) -> None:
    """The table as first released, its sequence and its append-only triggers, for a service's migration."""
    audit_entry_table(new_metadata()).create(op.get_bind())
    op.execute(f"CREATE SEQUENCE {_SEQUENCE}")
    for statement in _APPEND_ONLY:
        op.execute(statement)


def drop_audit_entry_table(op) -> None:
    op.drop_table("audit_entry")
    op.execute("DROP FUNCTION audit_entry_append_only()")
    op.execute(f"DROP SEQUENCE {_SEQUENCE}")


def _canonical(entry: dict) -> bytes:
    fields = {k: v for k, v in entry.items() if k != "hash"}
    fields["at"] = fields["at"].astimezone(UTC).isoformat()
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: dict) -> str:
    """sha256 over the previous hash and the entry's canonical JSON (every column but `hash`, prev_hash included)."""
    return hashlib.sha256(entry["prev_hash"].encode() + _canonical(entry)).hexdigest()


_COLUMNS = (
    "seq, at, actor, actor_org, actor_org_kind, owner_org, owner_org_kind, subject_kind, subject_ref, resource_kind, resource_id, "
    "action, route, prev_hash, hash"
)


class AuditLog:
    """A service's audit log, on a unit of work's connection (`u.audit`)."""

    def __init__(self, connection) -> None:
        self.connection = connection

    async def append(self, reads: Sequence[AuditRead], *, at: datetime, route: str | None = None) -> list[AuditEntry]:
        """Chain `reads` onto the log in the caller's transaction; the chain stays locked until it commits."""
        if not reads:
            return []
        route = route or current_route.get()
        await self.connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
        head = (await self.connection.execute(text("SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1"))).first()
        seqs = (
            await self.connection.execute(
                text(f"SELECT nextval('{_SEQUENCE}') FROM generate_series(1, :n)"), {"n": len(reads)}
            )
        ).scalars()
        prev = head[0] if head else GENESIS
        rows = []
        for seq, read in zip(sorted(seqs), reads, strict=True):
            row = {"seq": seq, "at": at, **asdict(read), "route": route, "prev_hash": prev}
            row["hash"] = prev = entry_hash(row)
            rows.append(row)
        names = _COLUMNS.split(", ")
        await self.connection.execute(
            text(f"INSERT INTO audit_entry ({_COLUMNS}) VALUES ({', '.join(':' + n for n in names)})"), rows
        )
        return [AuditEntry(**row) for row in rows]

    async def reads(
        self,
        owner_org: str,
        owner_org_kind: str,
        *,
        subject_ref: str | None = None,
        after: int | None = None,
        limit: int = 50,
    ) -> list[AuditEntry]:
        """The owner's entries, oldest first (optionally of one subject), after the seq `after`."""
        where = "owner_org = :owner AND owner_org_kind = :kind AND seq > :after" + (
            " AND subject_ref = :ref" if subject_ref is not None else ""
        )
        rows = await self.connection.execute(
            text(f"SELECT {_COLUMNS} FROM audit_entry WHERE {where} ORDER BY seq LIMIT :limit"),
            {"owner": owner_org, "kind": owner_org_kind, "after": after or 0, "ref": subject_ref, "limit": limit},
        )
        return [AuditEntry(**r._mapping) for r in rows]

    async def verify(self, *, page: int = VERIFY_PAGE) -> Verification:
        """Walk the whole chain in pages of `page`: each entry's hash recomputed, each linked to the one before."""
        prev, after, count = GENESIS, None, 0
        while True:
            rows = (
                await self.connection.execute(
                    text(f"SELECT {_COLUMNS} FROM audit_entry WHERE seq > :after ORDER BY seq LIMIT :page"),
                    {"after": after or 0, "page": page},
                )
            ).all()
            for r in rows:
                entry = dict(r._mapping)
                if entry["prev_hash"] != prev or entry_hash(entry) != entry["hash"]:
                    return Verification(False, count, entry["seq"])
                prev, after, count = entry["hash"], entry["seq"], count + 1
            if len(rows) < page:
                return Verification(True, count, head_seq=after, head_hash=prev if after is not None else None)
