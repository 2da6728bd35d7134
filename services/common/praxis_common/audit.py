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

Erasure (docs/erasure.md): the hash covers `subject_digest = sha256(salt || subject_ref)` with a random salt per
entry, not the ref itself, and likewise `actor_digest` for the actor (a student reading project material is the
actor). Erasing a student nulls the ref and its salt — the one UPDATE the trigger allows — and the chain still
verifies: the digest stays, and without the salt it cannot be linked back to the ref. While a value and its salt
are there, `verify` also checks that they give the digest, so altering the value still fails it.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import secrets
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
    actor: str | None  # None once the actor (a student) was erased
    actor_org: str
    actor_org_kind: str
    owner_org: str
    owner_org_kind: str
    subject_kind: str
    subject_ref: str | None  # None once the subject was erased
    resource_kind: str
    resource_id: str
    action: str
    route: str
    prev_hash: str
    hash: str
    salt: str | None = None  # None once the subject was erased
    subject_digest: str = ""  # sha256(salt || subject_ref): what the chain covers instead of the ref
    actor_salt: str | None = None
    actor_digest: str = ""


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int  # entries checked (all of them when ok)
    broken_at: int | None = None  # the seq of the first entry whose hash or link does not hold
    head_seq: int | None = None  # when ok: the newest entry, for a checkpoint kept outside the database
    head_hash: str | None = None


def audit_entry_table(metadata: MetaData, *, first_release: bool = False) -> Table:
    """The `audit_entry` table on a service's metadata (its migrations: `create_audit_entry_table`, then
    `add_erasable_digests`); `first_release`: as the first of them creates it."""
    digests = (
        ()
        if first_release
        else (
            Column("salt", String(32), nullable=True),  # hex; NULL once the subject was erased
            Column("subject_digest", String(64), nullable=False),
            Column("actor_salt", String(32), nullable=True),  # hex; NULL once the actor (a student) was erased
            Column("actor_digest", String(64), nullable=False),
        )
    )
    return Table(
        "audit_entry",
        metadata,
        Column("seq", BigInteger, primary_key=True, autoincrement=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("actor", String(128), nullable=not first_release),  # NULL once the actor was erased
        Column("actor_org", String(64), nullable=False),
        Column("actor_org_kind", String(32), nullable=False),
        Column("owner_org", String(64), nullable=False),
        Column("owner_org_kind", String(32), nullable=False),
        Column("subject_kind", String(32), nullable=False),
        Column("subject_ref", String(128), nullable=not first_release),  # NULL once the subject was erased
        Column("resource_kind", String(64), nullable=False),
        Column("resource_id", String(128), nullable=False),
        Column("action", String(16), nullable=False),
        Column("route", String(300), nullable=False),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
        *digests,
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


# What an erasure may forget, each with its salt and the digest the chain covers instead: column -> (salt, digest).
ERASABLE = {"subject_ref": ("salt", "subject_digest"), "actor": ("actor_salt", "actor_digest")}
_KEPT = (
    "seq, at, actor_org, actor_org_kind, owner_org, owner_org_kind, subject_kind, subject_digest, actor_digest, "
    "resource_kind, resource_id, action, route, prev_hash, hash"
)
# The one UPDATE allowed: forgetting a value and its salt (both to NULL), every other column unchanged.
_FORGETTABLE = (
    "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'UPDATE' "
    + "".join(
        f"AND ((NEW.{c}, NEW.{salt}) IS NOT DISTINCT FROM (OLD.{c}, OLD.{salt}) "
        f"OR (NEW.{c} IS NULL AND NEW.{salt} IS NULL)) "
        for c, (salt, _) in ERASABLE.items()
    )
    + f"AND ({', '.join('NEW.' + c for c in _KEPT.split(', '))}) IS NOT DISTINCT FROM "
    f"({', '.join('OLD.' + c for c in _KEPT.split(', '))}) THEN RETURN NEW; END IF; "
    "RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'insufficient_privilege'; END $$"
)


def create_audit_entry_table(op) -> None:
    """The table as first released, its sequence and its append-only triggers, for a service's migration."""
    audit_entry_table(new_metadata(), first_release=True).create(op.get_bind())
    op.execute(f"CREATE SEQUENCE {_SEQUENCE}")
    for statement in _APPEND_ONLY:
        op.execute(statement)


def add_erasable_digests(op) -> None:
    """For a service's migration: the chain covers salted digests of the subject and the actor instead of their
    values, so an erasure can forget them. Existing entries get salts and digests and the chain is recomputed from
    the first entry: their hashes change (a checkpoint of the head kept outside the database must be taken again)."""
    conn = op.get_bind()
    for column, (salt, digest) in ERASABLE.items():
        conn.exec_driver_sql(f"ALTER TABLE audit_entry ADD COLUMN {salt} varchar(32), ADD COLUMN {digest} varchar(64)")
        conn.exec_driver_sql(f"ALTER TABLE audit_entry ALTER COLUMN {column} DROP NOT NULL")
    conn.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update")
    rows = conn.execute(text(f"SELECT {_FIRST_COLUMNS} FROM audit_entry ORDER BY seq")).mappings().all()
    prev = GENESIS
    for row in rows:
        entry = {**row, "prev_hash": prev, **_salted(row)}
        entry["hash"] = prev = entry_hash(entry)
        conn.execute(
            text(
                "UPDATE audit_entry SET salt = :salt, subject_digest = :subject_digest, actor_salt = :actor_salt, "
                "actor_digest = :actor_digest, prev_hash = :prev_hash, hash = :hash WHERE seq = :seq"
            ),
            entry,
        )
    for _, digest in ERASABLE.values():
        conn.exec_driver_sql(f"ALTER TABLE audit_entry ALTER COLUMN {digest} SET NOT NULL")
    conn.exec_driver_sql(_FORGETTABLE)
    conn.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update")


def drop_erasable_digests(op) -> None:
    """The downgrade: the chain back to the raw values; it refuses while any entry was erased (nothing to put back)."""
    conn = op.get_bind()
    erased = conn.exec_driver_sql("SELECT count(*) FROM audit_entry WHERE subject_ref IS NULL OR actor IS NULL")
    if n := erased.scalar():
        raise RuntimeError(f"{n} audit entries were erased: their subject or actor cannot be restored")
    conn.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update")
    rows = conn.execute(text(f"SELECT {_FIRST_COLUMNS} FROM audit_entry ORDER BY seq")).mappings().all()
    prev = GENESIS
    for row in rows:
        entry = {**row, "prev_hash": prev}
        entry["hash"] = prev = _first_release_hash(entry)
        conn.execute(text("UPDATE audit_entry SET prev_hash = :prev_hash, hash = :hash WHERE seq = :seq"), entry)
    for column, (salt, digest) in ERASABLE.items():
        conn.exec_driver_sql(f"ALTER TABLE audit_entry DROP COLUMN {salt}, DROP COLUMN {digest}")
        conn.exec_driver_sql(f"ALTER TABLE audit_entry ALTER COLUMN {column} SET NOT NULL")
    conn.exec_driver_sql(_APPEND_ONLY[0].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
    conn.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update")


def drop_audit_entry_table(op) -> None:
    op.drop_table("audit_entry")
    op.execute("DROP FUNCTION audit_entry_append_only()")
    op.execute(f"DROP SEQUENCE {_SEQUENCE}")


# Not in the hash: the hash itself, and what an erasure may forget (their digests stand for them).
_UNHASHED = ("hash", *ERASABLE, *(salt for salt, _ in ERASABLE.values()))


def _canonical(entry: dict, unhashed: tuple[str, ...] = _UNHASHED) -> bytes:
    fields = {k: v for k, v in entry.items() if k not in unhashed}
    fields["at"] = fields["at"].astimezone(UTC).isoformat()
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: dict) -> str:
    """sha256 over the previous hash and the entry's canonical JSON: every column but `hash` and the erasable values
    with their salts (prev_hash and the digests included)."""
    return hashlib.sha256(entry["prev_hash"].encode() + _canonical(entry)).hexdigest()


def _first_release_hash(entry: dict) -> str:
    """The hash as first released (the raw values in it): for the downgrade only."""
    return hashlib.sha256(entry["prev_hash"].encode() + _canonical(entry, ("hash",))).hexdigest()


def salted_digest(salt: str, value: str) -> str:
    """sha256(salt || value), the salt given in hex."""
    return hashlib.sha256(bytes.fromhex(salt) + value.encode()).hexdigest()


def _salted(entry: dict) -> dict:
    """A fresh salt and the digest of each erasable value of `entry`."""
    out = {}
    for column, (salt, digest) in ERASABLE.items():
        out[salt] = secrets.token_hex(16)
        out[digest] = salted_digest(out[salt], entry[column])
    return out


def _values_hold(entry: dict) -> bool:
    """Each erasable value and its salt give its digest, or both were erased."""
    for column, (salt, digest) in ERASABLE.items():
        value, s = entry[column], entry[salt]
        if (value, s) == (None, None):
            continue
        if value is None or s is None or salted_digest(s, value) != entry[digest]:
            return False
    return True


_FIRST_COLUMNS = (
    "seq, at, actor, actor_org, actor_org_kind, owner_org, owner_org_kind, subject_kind, subject_ref, resource_kind, "
    "resource_id, action, route, prev_hash, hash"
)
_COLUMNS = (
    "seq, at, actor, actor_org, actor_org_kind, owner_org, owner_org_kind, subject_kind, subject_ref, resource_kind, resource_id, "
    "action, route, prev_hash, hash, salt, subject_digest, actor_salt, actor_digest"
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
            row = {"seq": seq, "at": at, **asdict(read), "route": route, "prev_hash": prev, **_salted(asdict(read))}
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
                if entry["prev_hash"] != prev or entry_hash(entry) != entry["hash"] or not _values_hold(entry):
                    return Verification(False, count, entry["seq"])
                prev, after, count = entry["hash"], entry["seq"], count + 1
            if len(rows) < page:
                return Verification(True, count, head_seq=after, head_hash=prev if after is not None else None)

    async def forget_student(self, school_org: str, student_ref: str) -> int:
        """Erasure: the school's entries about the student, and the entries of the student's own reads (as a member
        of that school), forget the ref and its salt; the chain keeps the digests and still verifies."""
        about = await self.connection.execute(
            text(
                "UPDATE audit_entry SET subject_ref = NULL, salt = NULL "
                "WHERE owner_org = :school AND subject_kind = 'student' AND subject_ref = :ref"
            ),
            {"school": school_org, "ref": student_ref},
        )
        by = await self.connection.execute(
            text("UPDATE audit_entry SET actor = NULL, actor_salt = NULL WHERE actor_org = :school AND actor = :ref"),
            {"school": school_org, "ref": student_ref},
        )
        return about.rowcount + by.rowcount
