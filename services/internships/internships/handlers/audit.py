"""The audit log of cross-organisation reads (praxis_common.audit, docs/audit.md).

A placement's student data (the shared profile on the placement, its logbook, ...) is the school's: a read by its
host enterprise (HR, a mentor) is a read of another organisation's data and is logged with `audited_read`, in the
read's own unit, which the read then commits. Reads by the school (its staff, the student) are not logged.

Who reads the log: a school asks "who read student S's data" (`student_ref`) or lists every read of its data; an
enterprise, every read of its data (none in internships yet). Only entries whose owner is the caller's organisation:
another organisation gets an empty page. The chain's verification reveals no data: any tenant admin may run it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from internships.domain.placements import Party, Placement
from praxis_common import pages
from praxis_common.audit import AuditEntry, AuditRead, Verification
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden
from praxis_common.uow import Clock, UowFactory, utc_clock

# Who may read their organisation's audit log, by organisation kind.
READER_ROLES = {"school": ("admin", "coordinator"), "enterprise": ("admin", "hr")}


async def audited_read(
    u,
    placements: Placement | Sequence[Placement],
    principal: Principal,
    resource_kind: str,
    resource_id: uuid.UUID | str | None = None,
    *,
    clock: Clock = utc_clock,
) -> None:
    """Log the read of each placement's student data by `principal`, unless the principal reads for the placement's
    school (its staff, the student: the owner). A list logs one entry per placement it returned; `resource_id` is the
    record read when it is not the placement (a leave request)."""
    many = [placements] if isinstance(placements, Placement) else placements
    reads = [
        AuditRead(
            actor=principal.sub,
            actor_org=principal.org,
            actor_org_kind=principal.org_kind,
            owner_org=p.school_org,
            owner_org_kind="school",
            subject_kind="student",
            subject_ref=p.student_ref,
            resource_kind=resource_kind,
            resource_id=str(resource_id or p.id),
        )
        for p in many
        if p.party(principal.org, principal.org_kind) != Party.SCHOOL
    ]
    await u.audit.append(reads, at=clock())


def _reader(principal: Principal) -> None:
    roles = READER_ROLES.get(principal.org_kind, ())
    if not principal.has_any_role(*roles):
        raise Forbidden(f"needs one of the roles {', '.join(roles) or 'admin'} of a school or an enterprise")


async def list_reads(
    principal: Principal, *, student_ref: str | None, page_size: int, page_token: str | None, uow: UowFactory
) -> tuple[list[AuditEntry], str | None]:
    """A page of the reads of the caller's organisation's data (of one student's, with `student_ref`), oldest
    first, and the token of the next page."""
    _reader(principal)
    after = pages.decode_page_token(page_token, int)[0] if page_token else None
    async with uow() as u:
        rows = await u.audit.reads(
            principal.org, principal.org_kind, subject_ref=student_ref, after=after, limit=page_size + 1
        )
    return pages.next_page(rows, page_size, lambda e: (e.seq,))


async def verify(principal: Principal, *, uow: UowFactory) -> Verification:
    """Check the whole chain (it is the service's, not an organisation's: the answer names no data)."""
    _reader(principal)
    async with uow() as u:
        return await u.audit.verify()
