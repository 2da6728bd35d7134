"""The audit log of cross-organisation reads (praxis_common.audit, docs/audit.md).

A student's mentoring records (their assignments, the assignment's history, its guidance sessions) belong to the
student's school. A read of them by another organisation (the host enterprise's staff or mentor) is logged with
`audited_read`, in the read's own unit, which the read then commits. Reads by the school (its staff, its mentors,
the student) are not logged, nor the questions other services ask (a platform principal: not an organisation).
Who reads the log, and how: praxis_common.audit_api (`/v1/audit/reads`, `/v1/audit/verify`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from mentors.domain.assignments import Assignment
from praxis_common.audit import AuditRead
from praxis_common.auth import Principal
from praxis_common.uow import Clock, utc_clock

TENANT_KINDS = ("school", "enterprise")


async def audited_read(
    u,
    assignments: Assignment | Sequence[Assignment],
    principal: Principal,
    resource_kind: str,
    resource_id: uuid.UUID | str | None = None,
    *,
    clock: Clock = utc_clock,
) -> None:
    """Log the read of each assignment's student records by `principal`, unless the principal is of the student's
    school. A list logs one entry per assignment it returned."""
    if principal.org_kind not in TENANT_KINDS:
        return
    many = [assignments] if isinstance(assignments, Assignment) else assignments
    reads = [
        AuditRead(
            actor=principal.sub,
            actor_org=principal.org,
            actor_org_kind=principal.org_kind,
            owner_org=a.school_org,
            owner_org_kind="school",
            subject_kind="student",
            subject_ref=a.student_ref,
            resource_kind=resource_kind,
            resource_id=str(resource_id or a.id),
        )
        for a in many
        if (principal.org_kind, principal.org) != ("school", a.school_org)
    ]
    await u.audit.append(reads, at=clock())
