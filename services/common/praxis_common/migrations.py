"""Applies a service's alembic migrations, the DDL of the kernel's own tables (outbox, inbox, idempotency_key),
what alembic's autogenerate compares a service's database with, and whether a database is at the revision this
code expects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.operations import Operations
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, text
from sqlalchemy.dialects.postgresql import JSONB

from praxis_common import idempotency, locks
from praxis_common.auth import MAX_SUB_LENGTH
from praxis_common.inbox import inbox
from praxis_common.outbox import APPEND_FUNCTION, DROP_APPEND_FUNCTION, outbox

# Tables a service's own metadata (adapters/orm.py) does not declare: the kernel's, and the partnership read model
# of the services that install praxis_partnerships. schema_drift leaves them out; autogenerate sees them all.
KERNEL_TABLES = {"outbox", "inbox", "idempotency_key", "partnership"}


def target_metadata(*metadata: MetaData) -> list[MetaData]:
    """Everything a service's database holds, for alembic's autogenerate (migrations/env.py): the given metadata
    (the service's tables, the read models it keeps) and the kernel's tables. Autogenerate proposes to drop any
    table missing here."""
    return [*metadata, outbox.metadata, inbox.metadata, idempotency.idempotency_key.metadata]


def alembic_config(script_location: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(script_location: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(script_location, database_url), revision)


def create_messaging_tables(op: Operations) -> None:
    """Kernel tables every service has (outbox, inbox), with their indexes.

    Called from each service's first migration. Changing these tables later takes a new kernel
    function called from a new migration in each service, never an edit here."""
    bind = op.get_bind()
    outbox.create(bind)
    inbox.create(bind)


def create_idempotency_table(op: Operations) -> None:
    """The kernel's idempotency-key table as first released (schema version 1), for services with create
    endpoints; later versions are added by the functions below, each called from a new migration."""
    op.create_table(
        "idempotency_key",
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("key", sa.String(idempotency.MAX_KEY_LENGTH), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("headers", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("org", "key", name="pk_idempotency_key"),
    )


def add_idempotency_subject(op: Operations) -> None:
    """Version 2: the subject that first used each key (only they get its replays). Keys stored before have no
    known subject (''), so nobody gets their replay: a retry across the upgrade is refused, never answered with
    another user's response."""
    op.add_column("idempotency_key", sa.Column("subject", sa.String(MAX_SUB_LENGTH), nullable=False, server_default=""))
    op.alter_column("idempotency_key", "subject", server_default=None)


def drop_idempotency_subject(op: Operations) -> None:
    op.drop_column("idempotency_key", "subject")


def create_kernel_functions(op: Operations) -> None:
    """The kernel's SQL functions for a service's own database functions (version 1): `praxis_lock_key` (the
    advisory-lock keys, praxis_common.locks) and `outbox_append` (outbox rows, praxis_common.outbox). Called from
    a migration of each service that locks or writes events in SQL, before it creates functions calling them."""
    op.execute(locks.LOCK_KEY_FUNCTION)
    op.execute(APPEND_FUNCTION)


def drop_kernel_functions(op: Operations) -> None:
    op.execute(DROP_APPEND_FUNCTION)
    op.execute(locks.DROP_LOCK_KEY_FUNCTION)


def drop_messaging_tables(op: Operations) -> None:
    op.drop_table("inbox")
    op.drop_table("outbox")


def run_env(context, metadata: list[MetaData], settings_url: Callable[[], str]) -> None:
    """The body of every service's migrations/env.py: online migrations over the async engine. `metadata` is all
    the database holds (target_metadata()), so `alembic revision --autogenerate` proposes only real
    changes.

    The URL comes from `praxis migrate` (set on the config) or, when the plain `alembic` command
    runs from the service's directory, from the service's settings (<PREFIX>DATABASE_URL)."""
    import asyncio

    from sqlalchemy import pool
    from sqlalchemy.ext.asyncio import create_async_engine

    url = context.config.get_main_option("sqlalchemy.url") or settings_url()

    def do_run(connection) -> None:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    else:
        asyncio.run(run_async())


async def schema_drift(metadata, database_url: str) -> dict[str, list]:
    """What alembic's autogenerate would change to make the migrated database match `metadata`, by table,
    leaving out the kernel's tables (created by the kernel's own helpers): {} when migrations and table
    declarations agree. Used by each service's schema test."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import pool
    from sqlalchemy.ext.asyncio import create_async_engine

    def compare(sync_conn) -> list:
        return compare_metadata(MigrationContext.configure(sync_conn, opts={"compare_type": True}), metadata)

    engine = create_async_engine(database_url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as conn:
            changes = await conn.run_sync(compare)
    finally:
        await engine.dispose()
    drift: dict[str, list] = {}
    for change in changes:
        table = _table_of(change)
        if table not in KERNEL_TABLES | {"alembic_version"}:
            drift.setdefault(table, []).append(change)
    return drift


def _table_of(change) -> str | None:
    """The table an autogenerate change is about; column modifications come as lists of tuples."""
    if isinstance(change, list):
        return _table_of(change[0])
    kind, target = change[0], change[1]
    if kind in ("add_table", "remove_table"):
        return target.name
    if kind in ("add_column", "remove_column") or kind.startswith("modify_"):
        return change[2]
    return target.table.name  # indexes, constraints, foreign keys


@dataclass(frozen=True)
class Revisions:
    """The revisions of a service's migrations: where this code's schema ends (heads), and every one it knows."""

    heads: frozenset[str]
    known: frozenset[str]

    @classmethod
    def of(cls, script_location: Path) -> Revisions:
        scripts = ScriptDirectory.from_config(alembic_config(script_location, ""))
        return cls(frozenset(scripts.get_heads()), frozenset(r.revision for r in scripts.walk_revisions()))

    def state(self, applied: frozenset[str]) -> str:
        """How a database at `applied` stands to this code: "current"; "missing" (never migrated) or "behind" (an
        older revision): API calls would fail; "ahead": a revision this code does not know, i.e. a newer release
        migrated it (a rolling upgrade; migrations keep the previous release working)."""
        if not applied:
            return "missing"
        if applied == self.heads:
            return "current"
        return "behind" if applied <= self.known else "ahead"


async def applied_revisions(conn) -> frozenset[str]:
    """What the database's alembic_version holds; empty when it was never migrated."""
    if (await conn.execute(text("SELECT to_regclass('alembic_version')"))).scalar() is None:
        return frozenset()
    return frozenset((await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars())
