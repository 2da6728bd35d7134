"""The audit log of cross-organisation reads (praxis_common.audit, docs/audit.md).

A placement's student data (the shared profile on the placement, its logbook, ...) is the school's: a read by its
host enterprise (HR, a mentor) is a read of another organisation's data and is logged with `audited_read`, in the
read's own unit, which the read then commits. Reads by the school (its staff, the student) are not logged.
Who reads the log, and how: praxis_common.audit_api (`/v1/audit/reads`, `/v1/audit/verify`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from internships.domain.placements import Party, Placement
from internships.policy import MentorAct
from praxis_common.audit import AuditRead
from praxis_common.auth import Principal
from praxis_common.uow import Clock, utc_clock


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


LINK_ROUTE = "GET /links/{token}"


async def audited_link_read(
    u, placement: Placement, act: MentorAct, resource_kind: str, *, clock: Clock = utc_clock
) -> None:
    """Log the read of a placement's student data through an action link's page (docs/action-links.md): no session,
    so the reader is the enterprise mentor the link names (their account, else `mentor:<id>`), of the link's
    enterprise. A mail scanner fetching the link reads as that mentor too: the page was served."""
    read = AuditRead(
        actor=act.by,
        actor_org=act.by_org,
        actor_org_kind="enterprise",
        owner_org=placement.school_org,
        owner_org_kind="school",
        subject_kind="student",
        subject_ref=placement.student_ref,
        resource_kind=resource_kind,
        resource_id=str(placement.id),
    )
    await u.audit.append([read], at=clock(), route=LINK_ROUTE)
