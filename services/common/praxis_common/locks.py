"""Advisory locks: how a lock's scope and names become the key PostgreSQL's advisory locks take, written once.

A key is `praxis_lock_key(scope, name, …)`, a database function (created by `migrations.create_kernel_functions`)
that hashes `scope ␟ name ␟ …` (␟ = chr(31), which no name holds). Python takes locks through the statements
below; a service's SQL functions call `praxis_lock_key` themselves, so a lock the service's code takes and one its
database function takes are the same lock by construction. All locks here last to the end of the transaction.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

# The kernel's SQL function; created by migrations.create_kernel_functions (never edited: a change is a new version).
LOCK_KEY_FUNCTION = """
CREATE FUNCTION praxis_lock_key(scope text, VARIADIC names text[]) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT hashtextextended(scope || chr(31) || array_to_string(names, chr(31)), 1)
$$
"""
DROP_LOCK_KEY_FUNCTION = "DROP FUNCTION praxis_lock_key(text, text[])"

_LOCK = {
    False: text("SELECT pg_advisory_xact_lock(praxis_lock_key(:scope, VARIADIC CAST(:names AS text[])))"),
    True: text("SELECT pg_advisory_xact_lock_shared(praxis_lock_key(:scope, VARIADIC CAST(:names AS text[])))"),
}
# One lock per name, in key order: two transactions locking overlapping sets never deadlock.
_LOCK_EACH = text(
    "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT praxis_lock_key(:scope, n) AS k "
    "FROM unnest(CAST(:names AS text[])) AS u(n) ORDER BY k) AS keys"
)


async def lock(connection: AsyncConnection, scope: str, *names: str, shared: bool = False) -> None:
    """The lock of (scope, names…), exclusive or shared."""
    await connection.execute(_LOCK[shared], {"scope": scope, "names": [str(n) for n in names]})


async def lock_each(connection: AsyncConnection, scope: str, names: list[str]) -> None:
    """The locks of (scope, name) for every name, exclusively, in key order."""
    await connection.execute(_LOCK_EACH, {"scope": scope, "names": sorted({str(n) for n in names})})
