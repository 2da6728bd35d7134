"""Teams with their members, and their milestones, deliverables and reviews."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from projects.adapters.orm import deliverable, milestone, stage_review, team, team_member
from projects.domain.teams import (
    AlreadyInTeam,
    Decision,
    Deliverable,
    DeliverableKind,
    Member,
    Milestone,
    Milestones,
    Review,
    StageStatus,
    Team,
    TeamStatus,
)

TeamKey = tuple[datetime, uuid.UUID]  # a team's formation time and id: the order teams are listed in


def _team(row, members: list[Member]) -> Team:
    m = row._mapping
    return Team(
        id=m["id"],
        project_id=m["project_id"],
        school_org=m["school_org"],
        enterprise_org=m["enterprise_org"],
        name=m["name"],
        members=members,
        formed_at=m["formed_at"],
        formed_by=m["formed_by"],
        status=TeamStatus(m["status"]),
        ended_at=m["ended_at"],
        end_reason=m["end_reason"],
        version=m["version"],
    )


class TeamRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, t: Team, milestones: Milestones) -> None:
        await self.connection.execute(
            insert(team).values(
                id=t.id,
                project_id=t.project_id,
                school_org=t.school_org,
                enterprise_org=t.enterprise_org,
                name=t.name,
                status=t.status.value,
                formed_at=t.formed_at,
                formed_by=t.formed_by,
                version=t.version,
            )
        )
        try:
            await self.connection.execute(
                insert(team_member),
                [
                    {
                        "team_id": t.id,
                        "student_ref": m.student_ref,
                        "project_id": t.project_id,
                        "display_name": m.display_name,
                        "position": i,
                        "current": True,
                    }
                    for i, m in enumerate(t.members)
                ],
            )
        except IntegrityError as exc:
            if "uq_team_member_current" in str(exc.orig):
                raise AlreadyInTeam("a student of this team is already in a current team of the project") from exc
            raise
        await self.connection.execute(
            insert(milestone),
            [
                {"team_id": m.team_id, "stage": m.stage, "position": m.position, "status": m.status.value, "version": 0}
                for m in milestones.items
            ],
        )

    async def _members(self, team_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Member]]:
        found: dict[uuid.UUID, list[Member]] = {i: [] for i in team_ids}
        if team_ids:
            rows = await self.connection.execute(
                select(team_member)
                .where(team_member.c.team_id.in_(team_ids))
                .order_by(team_member.c.team_id, team_member.c.position)
            )
            for r in rows:
                found[r.team_id].append(Member(r.student_ref, r.display_name))
        return found

    async def get(self, team_id: uuid.UUID, *, lock: str | None = None) -> Team | None:
        """lock: None; "share" (FOR SHARE: the team's status cannot change until this transaction ends, e.g. while
        an evaluation is added to it) or "update" (FOR NO KEY UPDATE, to change it)."""
        query = select(team).where(team.c.id == team_id)
        if lock == "share":
            query = query.with_for_update(read=True)
        elif lock == "update":
            query = query.with_for_update(key_share=True)
        row = (await self.connection.execute(query)).first()
        if row is None:
            return None
        return _team(row, (await self._members([team_id]))[team_id])

    async def save_status(self, t: Team) -> None:
        result = await self.connection.execute(
            update(team)
            .where(team.c.id == t.id, team.c.version == t.version)
            .values(status=t.status.value, ended_at=t.ended_at, end_reason=t.end_reason, version=t.version + 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"team {t.id} changed concurrently")
        t.version += 1
        if t.status is TeamStatus.DISSOLVED:
            await self.connection.execute(
                update(team_member).where(team_member.c.team_id == t.id).values(current=False)
            )

    async def of_project(
        self,
        project_id: uuid.UUID,
        *,
        school_org: str | None = None,
        lock: bool = False,
        after: TeamKey | None = None,
        limit: int | None = None,
        ids: list[uuid.UUID] | None = None,
    ) -> list[Team]:
        query = select(team).where(team.c.project_id == project_id)
        if school_org is not None:
            query = query.where(team.c.school_org == school_org)
        if lock:
            query = query.with_for_update(key_share=True)
        return await self._teams(query, after, limit, ids)

    async def of_school(
        self,
        school_org: str,
        *,
        project_id: uuid.UUID | None = None,
        after: TeamKey | None = None,
        limit: int | None = None,
        ids: list[uuid.UUID] | None = None,
    ) -> list[Team]:
        query = select(team).where(team.c.school_org == school_org)
        if project_id is not None:
            query = query.where(team.c.project_id == project_id)
        return await self._teams(query, after, limit, ids)

    async def of_student(
        self,
        school_org: str,
        student_ref: str,
        *,
        project_id: uuid.UUID | None = None,
        after: TeamKey | None = None,
        limit: int | None = None,
        ids: list[uuid.UUID] | None = None,
    ) -> list[Team]:
        query = (
            select(team)
            .join(team_member, team_member.c.team_id == team.c.id)
            .where(team.c.school_org == school_org, team_member.c.student_ref == student_ref)
        )
        if project_id is not None:
            query = query.where(team.c.project_id == project_id)
        return await self._teams(query, after, limit, ids)

    async def _teams(
        self, query, after: TeamKey | None, limit: int | None, ids: list[uuid.UUID] | None = None
    ) -> list[Team]:
        """Teams in the order they were formed (after `after`: a formation time and id), with their members; `ids`:
        only those (a change feed's rows, praxis_common.feeds)."""
        if ids is not None:
            query = query.where(team.c.id.in_(ids))
        if after is not None:
            query = query.where(tuple_(team.c.formed_at, team.c.id) > tuple_(*after))
        query = query.order_by(team.c.formed_at, team.c.id)
        if limit is not None:
            query = query.limit(limit)
        rows = (await self.connection.execute(query)).all()
        members = await self._members([r.id for r in rows])
        return [_team(r, members[r.id]) for r in rows]

    # Milestones, deliverables, reviews

    async def milestones(self, team_id: uuid.UUID, *, parallel: bool, for_update: bool = False) -> Milestones:
        query = select(milestone).where(milestone.c.team_id == team_id).order_by(milestone.c.position)
        if for_update:
            query = query.with_for_update(key_share=True)
        rows = await self.connection.execute(query)
        return Milestones(
            [Milestone(r.team_id, r.stage, r.position, StageStatus(r.status), r.updated_at, r.version) for r in rows],
            parallel=parallel,
        )

    async def save_milestone(self, m: Milestone) -> None:
        result = await self.connection.execute(
            update(milestone)
            .where(milestone.c.team_id == m.team_id, milestone.c.stage == m.stage, milestone.c.version == m.version)
            .values(status=m.status.value, updated_at=m.updated_at, version=m.version + 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"milestone {m.team_id}/{m.stage} changed concurrently")
        m.version += 1

    async def add_deliverable(self, d: Deliverable) -> None:
        await self.connection.execute(insert(deliverable).values(**{**vars(d), "kind": d.kind.value}))

    async def add_review(self, r: Review) -> None:
        await self.connection.execute(insert(stage_review).values(**{**vars(r), "decision": r.decision.value}))

    async def deliverables(self, team_id: uuid.UUID) -> list[Deliverable]:
        rows = await self.connection.execute(
            select(deliverable)
            .where(deliverable.c.team_id == team_id)
            .order_by(deliverable.c.submitted_at, deliverable.c.id)
        )
        return [Deliverable(**{**r._mapping, "kind": DeliverableKind(r.kind)}) for r in rows]

    async def reviews(self, team_id: uuid.UUID) -> list[Review]:
        rows = await self.connection.execute(
            select(stage_review)
            .where(stage_review.c.team_id == team_id)
            .order_by(stage_review.c.reviewed_at, stage_review.c.id)
        )
        return [Review(**{**r._mapping, "decision": Decision(r.decision)}) for r in rows]
