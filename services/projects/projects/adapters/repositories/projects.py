"""Projects: their rows, the schools they are shared with (and whether a school sees one), their material."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, case, delete, exists, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from praxis_partnerships import partnership
from projects.adapters.orm import material, project, project_school
from projects.adapters.repositories import After, newest_first
from projects.domain.metrics import Target
from projects.domain.projects import (
    Material,
    MaterialKind,
    Project,
    Sensitivity,
    SharedSchool,
    Stage,
    Status,
    Weights,
)


def _project(row) -> Project:
    m = row._mapping
    return Project(
        id=m["id"],
        enterprise_org=m["enterprise_org"],
        title=m["title"],
        brief=m["brief"],
        competencies=list(m["competencies"]),
        stages=[Stage(s["key"], s["name"]) for s in m["stages"]],
        team_capacity=m["team_capacity"],
        min_team_size=m["min_team_size"],
        max_team_size=m["max_team_size"],
        credits=m["credits"],
        pass_mark=m["pass_mark"],
        starts_on=m["starts_on"],
        ends_on=m["ends_on"],
        weights=Weights(m["weight_teacher"], m["weight_enterprise"], m["weight_platform"], m["weight_peer"]),
        created_at=m["created_at"],
        created_by=m["created_by"],
        parallel_stages=m["parallel_stages"],
        platform_targets={k: Target(Decimal(v["value"]), v["unit"]) for k, v in m["platform_targets"].items()},
        status=Status(m["status"]),
        teams_formed=m["teams_formed"],
        published_at=m["published_at"],
        completed_at=m["completed_at"],
        completion_forced=m["completion_forced"],
        completion_reason=m["completion_reason"],
        version=m["version"],
    )


def _project_row(p: Project) -> dict:
    return {
        "id": p.id,
        "enterprise_org": p.enterprise_org,
        "title": p.title,
        "brief": p.brief,
        "competencies": p.competencies,
        "stages": [{"key": s.key, "name": s.name} for s in p.stages],
        "team_capacity": p.team_capacity,
        "min_team_size": p.min_team_size,
        "max_team_size": p.max_team_size,
        "credits": p.credits,
        "pass_mark": p.pass_mark,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "parallel_stages": p.parallel_stages,
        "weight_teacher": p.weights.teacher,
        "weight_enterprise": p.weights.enterprise,
        "weight_platform": p.weights.platform,
        "weight_peer": p.weights.peer,
        "platform_targets": {k: {"value": str(t.value), "unit": t.unit} for k, t in p.platform_targets.items()},
        "status": p.status.value,
        "created_at": p.created_at,
        "created_by": p.created_by,
        "published_at": p.published_at,
        "completed_at": p.completed_at,
        "completion_forced": p.completion_forced,
        "completion_reason": p.completion_reason,
    }


def share_current():
    """The SQL condition on a project_school row: not revoked and not expired. The one place expiry is decided:
    it compares with the database clock of this service when read, so an expiry needs no timer and an expired
    share is refused exactly like a revoked one."""
    return and_(
        project_school.c.revoked_at.is_(None),
        or_(project_school.c.expires_at.is_(None), project_school.c.expires_at > func.now()),
    )


def school_access(school_org: str):
    """The SQL condition: the project is shared with the school (not revoked, not expired), and the school and the
    enterprise are still partners (an active agreement), whatever the project's status."""
    return and_(
        exists().where(
            project_school.c.project_id == project.c.id,
            project_school.c.school_org == school_org,
            share_current(),
        ),
        exists().where(
            partnership.c.school_org == school_org,
            partnership.c.enterprise_org == project.c.enterprise_org,
            partnership.c.active.is_(True),
        ),
    )


def school_sees(school_org: str):
    """The SQL condition: the school sees the project — published or completed, and the school has access."""
    return and_(project.c.status.in_([Status.PUBLISHED.value, Status.COMPLETED.value]), school_access(school_org))


class ProjectRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, p: Project) -> None:
        await self.connection.execute(insert(project).values(**_project_row(p), version=p.version))

    async def get(self, project_id: uuid.UUID, *, for_update: bool = False) -> Project | None:
        query = select(project).where(project.c.id == project_id)
        if for_update:
            query = query.with_for_update(key_share=True)
        row = (await self.connection.execute(query)).first()
        return _project(row) if row else None

    async def save(self, p: Project) -> None:
        """Write back a project loaded FOR UPDATE; `teams_formed` is only changed by take/release_team_slot."""
        row = _project_row(p)
        result = await self.connection.execute(
            update(project)
            .where(project.c.id == p.id, project.c.version == p.version)
            .values(**row, version=p.version + 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"project {p.id} changed concurrently")
        p.version += 1

    async def visible_to_school(self, project_id: uuid.UUID, school_org: str) -> bool:
        found = await self.connection.scalar(
            select(project.c.id).where(project.c.id == project_id, school_sees(school_org))
        )
        return found is not None

    async def list_for_enterprise(
        self,
        org: str,
        *,
        status: Status | None,
        competencies: tuple[str, ...],
        after: After,
        limit: int,
        ids: list[uuid.UUID] | None = None,
    ) -> list[Project]:
        query = select(project).where(project.c.enterprise_org == org)
        if ids is not None:  # a change feed's rows (praxis_common.feeds)
            query = query.where(project.c.id.in_(ids))
        if status is not None:
            query = query.where(project.c.status == status.value)
        if competencies:
            query = query.where(project.c.competencies.overlap(list(competencies)))
        rows = await self.connection.execute(newest_first(query, project.c.created_at, project.c.id, after, limit))
        return [_project(r) for r in rows]

    async def list_for_school(
        self,
        school_org: str,
        *,
        status: Status | None,
        competencies: tuple[str, ...],
        after: After,
        limit: int,
        ids: list[uuid.UUID] | None = None,
    ) -> list[Project]:
        query = select(project).where(school_sees(school_org))
        if ids is not None:  # a change feed's rows (praxis_common.feeds)
            query = query.where(project.c.id.in_(ids))
        if status is not None:
            query = query.where(project.c.status == status.value)
        if competencies:
            query = query.where(project.c.competencies.overlap(list(competencies)))
        rows = await self.connection.execute(newest_first(query, project.c.created_at, project.c.id, after, limit))
        return [_project(r) for r in rows]

    async def take_team_slot(self, project_id: uuid.UUID) -> bool:
        """One conditional statement: concurrent formations can never take more slots than the capacity."""
        taken = await self.connection.scalar(
            update(project)
            .where(
                project.c.id == project_id,
                project.c.status == Status.PUBLISHED.value,
                project.c.teams_formed < project.c.team_capacity,
            )
            .values(teams_formed=project.c.teams_formed + 1)
            .returning(project.c.id)
        )
        return taken is not None

    async def release_team_slot(self, project_id: uuid.UUID) -> None:
        result = await self.connection.execute(
            update(project)
            .where(project.c.id == project_id, project.c.teams_formed > 0)
            .values(teams_formed=project.c.teams_formed - 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"project {project_id} had no team slot taken to release")

    # Schools it is shared with

    async def share(
        self, project_id: uuid.UUID, school_org: str, *, by: str, now: datetime, expires_at: datetime | None
    ) -> None:
        """Grant (or re-grant after a revocation or an expiry) the school's access, until `expires_at` (None: until
        revoked). A current grant keeps its granted_at/by and takes the new expiry."""
        ended = ~share_current()
        await self.connection.execute(
            pg_insert(project_school)
            .values(project_id=project_id, school_org=school_org, granted_at=now, granted_by=by, expires_at=expires_at)
            .on_conflict_do_update(
                index_elements=["project_id", "school_org"],
                set_={
                    "granted_at": case((ended, now), else_=project_school.c.granted_at),
                    "granted_by": case((ended, by), else_=project_school.c.granted_by),
                    "revoked_at": None,
                    "revoked_by": None,
                    "expires_at": expires_at,
                },
            )
        )

    async def revoke(self, project_id: uuid.UUID, school_org: str, *, by: str, now: datetime) -> bool:
        result = await self.connection.execute(
            update(project_school)
            .where(
                project_school.c.project_id == project_id,
                project_school.c.school_org == school_org,
                project_school.c.revoked_at.is_(None),
            )
            .values(revoked_at=now, revoked_by=by)
        )
        return result.rowcount == 1

    async def shared_schools(self, project_id: uuid.UUID, enterprise_org: str) -> list[SharedSchool]:
        partner = (
            exists()
            .where(
                partnership.c.school_org == project_school.c.school_org,
                partnership.c.enterprise_org == enterprise_org,
                partnership.c.active.is_(True),
            )
            .label("partner")
        )
        expired = and_(project_school.c.expires_at.is_not(None), project_school.c.expires_at <= func.now())
        rows = await self.connection.execute(
            select(project_school, partner, expired.label("expired"))
            .where(project_school.c.project_id == project_id)
            .order_by(project_school.c.school_org)
        )
        return [
            SharedSchool(
                r.school_org,
                r.granted_at,
                r.granted_by,
                r.revoked_at,
                r.revoked_by,
                r.partner,
                expires_at=r.expires_at,
                expired=r.expired,
            )
            for r in rows
        ]

    async def school_access(self, project_id: uuid.UUID, school_org: str) -> bool:
        """The school's grant on the project is current and the partnership active (whatever the status)."""
        found = await self.connection.scalar(
            select(project.c.id).where(project.c.id == project_id, school_access(school_org))
        )
        return found is not None

    async def partners(self, school_org: str, enterprise_org: str) -> bool:
        found = await self.connection.scalar(
            select(partnership.c.agreement_id).where(
                partnership.c.school_org == school_org,
                partnership.c.enterprise_org == enterprise_org,
                partnership.c.active.is_(True),
            )
        )
        return found is not None

    # Material

    async def add_material(self, m: Material) -> None:
        await self.connection.execute(
            insert(material).values(**{**vars(m), "kind": m.kind.value, "sensitivity": m.sensitivity.value})
        )

    async def remove_material(self, project_id: uuid.UUID, material_id: uuid.UUID) -> bool:
        result = await self.connection.execute(
            delete(material).where(material.c.id == material_id, material.c.project_id == project_id)
        )
        return result.rowcount == 1

    async def material_of(self, project_id: uuid.UUID) -> list[Material]:
        rows = await self.connection.execute(
            select(material).where(material.c.project_id == project_id).order_by(material.c.added_at, material.c.id)
        )
        return [
            Material(**{**r._mapping, "kind": MaterialKind(r.kind), "sensitivity": Sensitivity(r.sensitivity)})
            for r in rows
        ]
