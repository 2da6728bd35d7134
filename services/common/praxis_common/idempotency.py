"""Idempotency keys for create endpoints (IETF httpapi Idempotency-Key draft; Stripe's behaviour).

Keyed by (organisation, key), and owned by the subject (the token's `sub`) that first used it. The
first request runs its handler and stores its response in the same transaction as the change and its
outbox rows, so a key is never stored without its effect or the reverse. A retry by the same subject
with the same request gets the stored response back (REST adds `Idempotent-Replayed: true`); the same
key used by another subject of the organisation is a 422, whatever its request (checked first, so the
stored response and whether the request matched it stay the owner's); the same key with a different
request is a 422; a retry while the first is still running is a 409 (the first holds a transaction-scoped advisory lock on the key, so
nobody waits on it). Problems the handler raised (e.g. no seat left) are stored and replayed too:
the first answer is the answer. Keys are kept `retention` (24 h by default), then pruned.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from praxis_common.auth import MAX_SUB_LENGTH
from praxis_common.errors import Conflict, FieldError, InvalidInput, PraxisError
from praxis_common.uow import UnitOfWork, joining

RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 255

_metadata = MetaData()

idempotency_key = Table(
    "idempotency_key",
    _metadata,
    Column("org", String(64), nullable=False),
    Column("key", String(MAX_KEY_LENGTH), nullable=False),
    Column("subject", String(MAX_SUB_LENGTH), nullable=False),  # who used the key first: only they get replays
    Column("fingerprint", String(64), nullable=False),
    Column("status", Integer, nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("headers", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("org", "key", name="pk_idempotency_key"),
)


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: bytes
    headers: dict[str, str]
    replayed: bool = False


Run = Callable[[Callable[[], UnitOfWork]], Awaitable[StoredResponse]]
OnError = Callable[[PraxisError], StoredResponse]


def check_key(key: str) -> str:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise InvalidInput(
            "bad Idempotency-Key",
            errors=[FieldError("Idempotency-Key", f"1 to {MAX_KEY_LENGTH} printable ASCII characters")],
        )
    return key


def fingerprint(*parts: object) -> str:
    """A stable digest of what makes two requests "the same" (method, path, canonical body…)."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _live(org: str, key: str):
    return select(idempotency_key).where(
        idempotency_key.c.org == org, idempotency_key.c.key == key, idempotency_key.c.expires_at > func.now()
    )


def _replay(row, subject: str, request_fingerprint: str) -> StoredResponse:
    """The stored response for its own subject's same request; InvalidInput for anyone or anything else."""
    if row.subject != subject:
        raise InvalidInput(
            "this Idempotency-Key was used by someone else in your organisation",
            errors=[FieldError("Idempotency-Key", "already used by another user; choose a key of your own")],
        )
    if row.fingerprint != request_fingerprint:
        raise InvalidInput(
            "this Idempotency-Key was used for a different request",
            errors=[FieldError("Idempotency-Key", "already used with another method, path or body")],
        )
    return StoredResponse(row.status, row.body, dict(row.headers), replayed=True)


async def stored(
    uow_factory: Callable[[], UnitOfWork], *, org: str, subject: str, key: str, request_fingerprint: str
) -> StoredResponse | None:
    """The replay a retry gets, if the key is already answered (InvalidInput as in `run_once`); None otherwise.

    A plain read that neither takes nor waits for the key's lock: a create whose first step calls another
    service looks here first, so a retry is answered without asking that service again."""
    async with uow_factory() as u:
        row = (await u.connection.execute(_live(org, key))).first()
    return None if row is None else _replay(row, subject, request_fingerprint)


async def run_once(
    uow_factory: Callable[[], UnitOfWork],
    *,
    org: str,
    subject: str,
    key: str,
    request_fingerprint: str,
    run: Run,
    on_error: OnError,
    retention: timedelta = RETENTION,
) -> StoredResponse:
    async with uow_factory() as owner:
        session = owner.connection
        locked = await session.scalar(
            text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"{org}\x1f{key}"}
        )
        if not locked:
            raise Conflict("a request with this Idempotency-Key is still being processed; retry later")
        row = (await session.execute(_live(org, key))).first()
        if row is not None:
            return _replay(row, subject, request_fingerprint)
        await session.execute(delete(idempotency_key).where(idempotency_key.c.org == org, idempotency_key.c.key == key))
        savepoint = await session.begin_nested()
        try:
            response = await run(joining(owner))  # the use case joins this unit
            await savepoint.commit()
        except PraxisError as exc:
            await savepoint.rollback()
            owner.discard_events()
            response = on_error(exc)
        await session.execute(
            insert(idempotency_key).values(
                org=org,
                key=key,
                subject=subject,
                fingerprint=request_fingerprint,
                status=response.status,
                body=response.body,
                headers=response.headers,
                expires_at=func.now() + retention,
            )
        )
        await owner.commit()
        return response


async def prune(conn) -> None:
    await conn.execute(delete(idempotency_key).where(idempotency_key.c.expires_at < func.now()))
