"""The audit log of cross-organisation reads (praxis_common.audit, docs/audit.md).

A project's material is its enterprise's. A read of it by another organisation (a school the project is shared
with: its staff, its students) is logged with `audited_material_read`, one entry per material item shown, in the
read's own unit, which the read then commits. The enterprise's own reads are not logged.
Who reads the log, and how: praxis_common.audit_api (`/v1/audit/reads`: the enterprise's "who read our project
material"; `/v1/audit/verify`).
"""

from __future__ import annotations

from collections.abc import Sequence

from praxis_common.audit import AuditRead
from praxis_common.auth import Principal
from praxis_common.uow import Clock, utc_clock
from projects.domain.projects import Material, Project


async def audited_material_read(
    u, project: Project, material: Sequence[Material], principal: Principal, *, clock: Clock = utc_clock
) -> None:
    """Log each item of `project`'s material shown to `principal`, unless the principal is of its enterprise."""
    if (principal.org_kind, principal.org) == ("enterprise", project.enterprise_org):
        return
    reads = [
        AuditRead(
            actor=principal.sub,
            actor_org=principal.org,
            actor_org_kind=principal.org_kind,
            owner_org=project.enterprise_org,
            owner_org_kind="enterprise",
            subject_kind="project_material",
            subject_ref=str(project.id),
            resource_kind="material",
            resource_id=str(m.id),
        )
        for m in material
    ]
    await u.audit.append(reads, at=clock())
