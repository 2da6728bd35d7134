"""Who may export an organisation's data, and the part a caller may read: an admin of the organisation that owns it
(anyone else: not found, as if there were none); a part that is gone (erased, expired) is not found either, and
the coordinator says so as `PartGone`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.exports.parts import Part, get_part
from praxis_common.validation import parse_uuid

ADMIN = "admin"


class PartGone(Conflict):
    """A service's part of a ready job is no longer there (an erasure deleted it, or it expired): the archive cannot
    be assembled; the organisation exports again."""

    code, title = "export-incomplete", "A part of the export is gone"

    def __init__(self, service: str, detail: str = "") -> None:
        super().__init__(
            detail or f"the {service} service's part of this export is gone (erased); start a new export",
            service=service,
        )
        self.service = service


def may_export(p: Principal) -> None:
    """Who may start, follow and download an organisation's export: its admin (a school's or an enterprise's)."""
    if p.org_kind not in ("school", "enterprise") or not p.has_any_role(ADMIN):
        raise Forbidden("needs the role admin of a school or an enterprise")


def usable(part: Part | None, now: datetime | None = None) -> bool:
    """The part is there, written and not expired."""
    return part is not None and part.state == "ready" and part.expires_at > (now or datetime.now(UTC))


async def ready_part(engine: Any, job_id: str, p: Principal) -> Part:
    """The caller's organisation's ready part of the job (an expired one is not found, as if already pruned)."""
    may_export(p)
    key = parse_uuid(job_id, "job_id")
    async with engine.connect() as conn:
        part = await get_part(conn, key)
    if part is None or (part.org, part.org_kind) != (p.org, p.org_kind) or part.expires_at <= datetime.now(UTC):
        raise NotFound("no such export part")
    if part.state != "ready":
        raise Conflict(f"the export part is {part.state}, not ready")
    return part
