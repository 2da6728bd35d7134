"""Who may export an organisation's data, and the part a caller may read: an admin of the organisation that owns it
(anyone else: not found, as if there were none)."""

from __future__ import annotations

import uuid
from typing import Any

from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.exports.parts import Part, get_part

ADMIN = "admin"


def may_export(p: Principal) -> None:
    """Who may start, follow and download an organisation's export: its admin (a school's or an enterprise's)."""
    if p.org_kind not in ("school", "enterprise") or not p.has_any_role(ADMIN):
        raise Forbidden("needs the role admin of a school or an enterprise")


async def ready_part(engine: Any, job_id: str, p: Principal) -> Part:
    """The caller's organisation's ready part of the job."""
    may_export(p)
    try:
        key = uuid.UUID(job_id)
    except ValueError:
        raise NotFound("no such export part") from None
    async with engine.connect() as conn:
        part = await get_part(conn, key)
    if part is None or (part.org, part.org_kind) != (p.org, p.org_kind):
        raise NotFound("no such export part")
    if part.state != "ready":
        raise Conflict(f"the export part is {part.state}, not ready")
    return part
