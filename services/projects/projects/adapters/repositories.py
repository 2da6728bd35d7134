"""Repositories of the projects service: rows ↔ domain objects, in SQLAlchemy Core statements only.

Team slots are never counted in Python: a slot is taken with one conditional UPDATE (`teams_formed <
team_capacity`, under READ COMMITTED a concurrent taker waits on the row and re-checks the condition) and given
back with another; the CHECK constraint stands behind both. Rows are locked FOR NO KEY UPDATE / KEY SHARE (keys
never change), so inserting a row that references a team does not wait on it.

Lock order (so transactions cannot deadlock): the project row before its teams; a team's row before its
milestones.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, delete, exists, insert, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from praxis_common.errors import Conflict
from praxis_partnerships import partnership
from projects.adapters.orm import (
    credit,
    deliverable,
    evaluation,
    material,
    milestone,
    peer_rating,
    project,
    project_school,
    stage_review,
    team,
    team_member,
    team_metric,
)
from projects.domain.credits import Credit
from projects.domain.metrics import DataPoint, Target
from projects.domain.projects import Material, MaterialKind, Project, Stage, Status, Weights
from projects.domain.scores import Assessment, Evaluation, Party, PeerAlreadyRated, PeerRating
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

After = tuple[datetime, uuid.UUID] | None


class BaselineExists(Conflict):
    code, title = "baseline-exists", "The student already has a baseline assessment from this party"


# Projects


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


def school_sees(school_org: str):
    """The SQL condition: the school sees the project — published or completed, shared with the school and not
    revoked, and the school and the enterprise still partners (an active agreement)."""
    return and_(
        project.c.status.in_([Status.PUBLISHED.value, Status.COMPLETED.value]),
        exists().where(
            project_school.c.project_id == project.c.id,
            project_school.c.school_org == school_org,
            project_school.c.revoked_at.is_(None),
        ),
        exists().where(
            partnership.c.school_org == school_org,
            partnership.c.enterprise_org == project.c.enterprise_org,
            partnership.c.active.is_(True),
        ),
    )


@dataclass(frozen=True)
class SharedSchool:
    school_org: str
    granted_at: datetime
    granted_by: str
    revoked_at: datetime | None
    revoked_by: str | None
    partner: bool  # an active partnership now


def _page(query, column_at, column_id, after: After, limit: int):
    if after is not None:
        query = query.where(or_(column_at < after[0], and_(column_at == after[0], column_id < after[1])))
    return query.order_by(column_at.desc(), column_id.desc()).limit(limit)


class ProjectRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, p: Project) -> None:
        await self.session.execute(insert(project).values(**_project_row(p), version=p.version))

    async def get(self, project_id: uuid.UUID, *, for_update: bool = False) -> Project | None:
        query = select(project).where(project.c.id == project_id)
        if for_update:
            query = query.with_for_update(key_share=True)
        row = (await self.session.execute(query)).first()
        return _project(row) if row else None

    async def save(self, p: Project) -> None:
        """Write back a project loaded FOR UPDATE; `teams_formed` is only changed by take/release_team_slot."""
        row = _project_row(p)
        result = await self.session.execute(
            update(project)
            .where(project.c.id == p.id, project.c.version == p.version)
            .values(**row, version=p.version + 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"project {p.id} changed concurrently")
        p.version += 1

    async def visible_to_school(self, project_id: uuid.UUID, school_org: str) -> bool:
        found = await self.session.scalar(
            select(project.c.id).where(project.c.id == project_id, school_sees(school_org))
        )
        return found is not None

    async def list_for_enterprise(
        self, org: str, *, status: Status | None, competencies: tuple[str, ...], after: After, limit: int
    ) -> list[Project]:
        query = select(project).where(project.c.enterprise_org == org)
        if status is not None:
            query = query.where(project.c.status == status.value)
        if competencies:
            query = query.where(project.c.competencies.overlap(list(competencies)))
        rows = await self.session.execute(_page(query, project.c.created_at, project.c.id, after, limit))
        return [_project(r) for r in rows]

    async def list_for_school(
        self, school_org: str, *, status: Status | None, competencies: tuple[str, ...], after: After, limit: int
    ) -> list[Project]:
        query = select(project).where(school_sees(school_org))
        if status is not None:
            query = query.where(project.c.status == status.value)
        if competencies:
            query = query.where(project.c.competencies.overlap(list(competencies)))
        rows = await self.session.execute(_page(query, project.c.created_at, project.c.id, after, limit))
        return [_project(r) for r in rows]

    async def take_team_slot(self, project_id: uuid.UUID) -> bool:
        """One conditional statement: concurrent formations can never take more slots than the capacity."""
        taken = await self.session.scalar(
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
        result = await self.session.execute(
            update(project)
            .where(project.c.id == project_id, project.c.teams_formed > 0)
            .values(teams_formed=project.c.teams_formed - 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"project {project_id} had no team slot taken to release")

    # Schools it is shared with

    async def share(self, project_id: uuid.UUID, school_org: str, *, by: str, now: datetime) -> None:
        """Grant (or re-grant after a revocation) the school's access."""
        await self.session.execute(
            pg_insert(project_school)
            .values(project_id=project_id, school_org=school_org, granted_at=now, granted_by=by)
            .on_conflict_do_update(
                index_elements=["project_id", "school_org"],
                set_={"granted_at": now, "granted_by": by, "revoked_at": None, "revoked_by": None},
                where=project_school.c.revoked_at.is_not(None),
            )
        )

    async def revoke(self, project_id: uuid.UUID, school_org: str, *, by: str, now: datetime) -> bool:
        result = await self.session.execute(
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
        rows = await self.session.execute(
            select(project_school, partner)
            .where(project_school.c.project_id == project_id)
            .order_by(project_school.c.school_org)
        )
        return [
            SharedSchool(r.school_org, r.granted_at, r.granted_by, r.revoked_at, r.revoked_by, r.partner) for r in rows
        ]

    async def school_access(self, project_id: uuid.UUID, school_org: str) -> bool:
        """The school's grant on the project is current and the partnership active (whatever the status)."""
        found = await self.session.scalar(
            select(project.c.id).where(
                project.c.id == project_id,
                exists().where(
                    project_school.c.project_id == project.c.id,
                    project_school.c.school_org == school_org,
                    project_school.c.revoked_at.is_(None),
                ),
                exists().where(
                    partnership.c.school_org == school_org,
                    partnership.c.enterprise_org == project.c.enterprise_org,
                    partnership.c.active.is_(True),
                ),
            )
        )
        return found is not None

    async def partners(self, school_org: str, enterprise_org: str) -> bool:
        found = await self.session.scalar(
            select(partnership.c.agreement_id).where(
                partnership.c.school_org == school_org,
                partnership.c.enterprise_org == enterprise_org,
                partnership.c.active.is_(True),
            )
        )
        return found is not None

    # Material

    async def add_material(self, m: Material) -> None:
        await self.session.execute(insert(material).values(**{**vars(m), "kind": m.kind.value}))

    async def remove_material(self, project_id: uuid.UUID, material_id: uuid.UUID) -> bool:
        result = await self.session.execute(
            delete(material).where(material.c.id == material_id, material.c.project_id == project_id)
        )
        return result.rowcount == 1

    async def material_of(self, project_id: uuid.UUID) -> list[Material]:
        rows = await self.session.execute(
            select(material).where(material.c.project_id == project_id).order_by(material.c.added_at, material.c.id)
        )
        return [Material(**{**r._mapping, "kind": MaterialKind(r.kind)}) for r in rows]


# Teams

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
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, t: Team, milestones: Milestones) -> None:
        await self.session.execute(
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
            await self.session.execute(
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
        await self.session.execute(
            insert(milestone),
            [
                {"team_id": m.team_id, "stage": m.stage, "position": m.position, "status": m.status.value, "version": 0}
                for m in milestones.items
            ],
        )

    async def _members(self, team_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Member]]:
        found: dict[uuid.UUID, list[Member]] = {i: [] for i in team_ids}
        if team_ids:
            rows = await self.session.execute(
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
        row = (await self.session.execute(query)).first()
        if row is None:
            return None
        return _team(row, (await self._members([team_id]))[team_id])

    async def save_status(self, t: Team) -> None:
        result = await self.session.execute(
            update(team)
            .where(team.c.id == t.id, team.c.version == t.version)
            .values(status=t.status.value, ended_at=t.ended_at, end_reason=t.end_reason, version=t.version + 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"team {t.id} changed concurrently")
        t.version += 1
        if t.status is TeamStatus.DISSOLVED:
            await self.session.execute(update(team_member).where(team_member.c.team_id == t.id).values(current=False))

    async def of_project(
        self,
        project_id: uuid.UUID,
        *,
        school_org: str | None = None,
        lock: bool = False,
        after: TeamKey | None = None,
        limit: int | None = None,
    ) -> list[Team]:
        query = select(team).where(team.c.project_id == project_id)
        if school_org is not None:
            query = query.where(team.c.school_org == school_org)
        if lock:
            query = query.with_for_update(key_share=True)
        return await self._teams(query, after, limit)

    async def of_school(
        self,
        school_org: str,
        *,
        project_id: uuid.UUID | None = None,
        after: TeamKey | None = None,
        limit: int | None = None,
    ) -> list[Team]:
        query = select(team).where(team.c.school_org == school_org)
        if project_id is not None:
            query = query.where(team.c.project_id == project_id)
        return await self._teams(query, after, limit)

    async def of_student(
        self,
        school_org: str,
        student_ref: str,
        *,
        project_id: uuid.UUID | None = None,
        after: TeamKey | None = None,
        limit: int | None = None,
    ) -> list[Team]:
        query = (
            select(team)
            .join(team_member, team_member.c.team_id == team.c.id)
            .where(team.c.school_org == school_org, team_member.c.student_ref == student_ref)
        )
        if project_id is not None:
            query = query.where(team.c.project_id == project_id)
        return await self._teams(query, after, limit)

    async def _teams(self, query, after: TeamKey | None, limit: int | None) -> list[Team]:
        """Teams in the order they were formed (after `after`: a formation time and id), with their members."""
        if after is not None:
            query = query.where(tuple_(team.c.formed_at, team.c.id) > tuple_(*after))
        query = query.order_by(team.c.formed_at, team.c.id)
        if limit is not None:
            query = query.limit(limit)
        rows = (await self.session.execute(query)).all()
        members = await self._members([r.id for r in rows])
        return [_team(r, members[r.id]) for r in rows]

    # Milestones, deliverables, reviews

    async def milestones(self, team_id: uuid.UUID, *, parallel: bool, for_update: bool = False) -> Milestones:
        query = select(milestone).where(milestone.c.team_id == team_id).order_by(milestone.c.position)
        if for_update:
            query = query.with_for_update(key_share=True)
        rows = await self.session.execute(query)
        return Milestones(
            [Milestone(r.team_id, r.stage, r.position, StageStatus(r.status), r.updated_at, r.version) for r in rows],
            parallel=parallel,
        )

    async def save_milestone(self, m: Milestone) -> None:
        result = await self.session.execute(
            update(milestone)
            .where(milestone.c.team_id == m.team_id, milestone.c.stage == m.stage, milestone.c.version == m.version)
            .values(status=m.status.value, updated_at=m.updated_at, version=m.version + 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"milestone {m.team_id}/{m.stage} changed concurrently")
        m.version += 1

    async def add_deliverable(self, d: Deliverable) -> None:
        await self.session.execute(insert(deliverable).values(**{**vars(d), "kind": d.kind.value}))

    async def add_review(self, r: Review) -> None:
        await self.session.execute(insert(stage_review).values(**{**vars(r), "decision": r.decision.value}))

    async def deliverables(self, team_id: uuid.UUID) -> list[Deliverable]:
        rows = await self.session.execute(
            select(deliverable)
            .where(deliverable.c.team_id == team_id)
            .order_by(deliverable.c.submitted_at, deliverable.c.id)
        )
        return [Deliverable(**{**r._mapping, "kind": DeliverableKind(r.kind)}) for r in rows]

    async def reviews(self, team_id: uuid.UUID) -> list[Review]:
        rows = await self.session.execute(
            select(stage_review)
            .where(stage_review.c.team_id == team_id)
            .order_by(stage_review.c.reviewed_at, stage_review.c.id)
        )
        return [Review(**{**r._mapping, "decision": Decision(r.decision)}) for r in rows]


# Metrics


class MetricRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def series_units(self, team_id: uuid.UUID) -> dict[str, str]:
        rows = await self.session.execute(
            select(team_metric.c.metric, team_metric.c.unit).where(team_metric.c.team_id == team_id).distinct()
        )
        return {r.metric: r.unit for r in rows}

    async def record(self, team_id: uuid.UUID, points: list[DataPoint]) -> None:
        """Upsert: a period posted again replaces its value (a correction), keeping who posted it last."""
        statement = pg_insert(team_metric).values(
            [
                {
                    "team_id": team_id,
                    "metric": p.metric,
                    "period_start": p.period_start,
                    "period_end": p.period_end,
                    "value": p.value,
                    "unit": p.unit,
                    "recorded_at": p.recorded_at,
                    "recorded_by": p.recorded_by,
                }
                for p in points
            ]
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["team_id", "metric", "period_start"],
                set_={
                    name: statement.excluded[name]
                    for name in ("period_end", "value", "unit", "recorded_at", "recorded_by")
                },
            )
        )

    async def of_team(
        self,
        team_id: uuid.UUID,
        *,
        metric: str | None = None,
        from_date: date | None = None,
        to_date: date | None = None,
    ) -> list[DataPoint]:
        query = select(team_metric).where(team_metric.c.team_id == team_id)
        if metric is not None:
            query = query.where(team_metric.c.metric == metric)
        if from_date is not None:
            query = query.where(team_metric.c.period_end >= from_date)
        if to_date is not None:
            query = query.where(team_metric.c.period_start <= to_date)
        rows = await self.session.execute(query.order_by(team_metric.c.metric, team_metric.c.period_start))
        return [
            DataPoint(r.metric, r.period_start, r.period_end, r.value, r.unit, r.recorded_at, r.recorded_by)
            for r in rows
        ]


# Evaluations and peer ratings


def _evaluation(row) -> Evaluation:
    m = row._mapping
    return Evaluation(
        id=m["id"],
        team_id=m["team_id"],
        student_ref=m["student_ref"],
        party=Party(m["party"]),
        assessment=Assessment(m["assessment"]),
        criteria={k: Decimal(v) for k, v in m["criteria"].items()},
        score=m["score"],
        comments=m["comments"],
        evaluator=m["evaluator"],
        mentor_id=m["mentor_id"],
        recorded_at=m["recorded_at"],
    )


class EvaluationRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, e: Evaluation) -> None:
        try:
            await self.session.execute(
                insert(evaluation).values(
                    **{
                        **vars(e),
                        "party": e.party.value,
                        "assessment": e.assessment.value,
                        "criteria": {k: str(v) for k, v in e.criteria.items()},
                    }
                )
            )
        except IntegrityError as exc:
            if "uq_evaluation_baseline" in str(exc.orig):
                raise BaselineExists(
                    f"{e.student_ref} already has a baseline assessment from the {e.party} mentor"
                ) from exc
            raise

    async def of_team(self, team_id: uuid.UUID, *, student_ref: str | None = None) -> list[Evaluation]:
        query = select(evaluation).where(evaluation.c.team_id == team_id)
        if student_ref is not None:
            query = query.where(evaluation.c.student_ref == student_ref)
        rows = await self.session.execute(query.order_by(evaluation.c.recorded_at, evaluation.c.id))
        return [_evaluation(r) for r in rows]

    async def add_rating(self, r: PeerRating) -> None:
        try:
            await self.session.execute(insert(peer_rating).values(**vars(r)))
        except IntegrityError as exc:
            if "uq_peer_rating_once_per_stage" in str(exc.orig):
                raise PeerAlreadyRated(f"{r.rater_ref} already rated {r.ratee_ref} for stage {r.stage}") from exc
            raise

    async def ratings(self, team_id: uuid.UUID) -> list[PeerRating]:
        rows = await self.session.execute(
            select(peer_rating)
            .where(peer_rating.c.team_id == team_id)
            .order_by(peer_rating.c.recorded_at, peer_rating.c.id)
        )
        return [PeerRating(**r._mapping) for r in rows]


# Credits


class CreditRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, credits: list[Credit]) -> None:
        if credits:
            await self.session.execute(insert(credit), [vars(c) for c in credits])

    async def list(
        self,
        *,
        school_org: str | None = None,
        enterprise_org: str | None = None,
        student_ref: str | None = None,
        project_id: uuid.UUID | None = None,
        after: After = None,
        limit: int = 10_000,
    ) -> list[Credit]:
        query = select(credit)
        if school_org is not None:
            query = query.where(credit.c.school_org == school_org)
        if enterprise_org is not None:
            query = query.where(credit.c.enterprise_org == enterprise_org)
        if student_ref is not None:
            query = query.where(credit.c.student_ref == student_ref)
        if project_id is not None:
            query = query.where(credit.c.project_id == project_id)
        rows = await self.session.execute(_page(query, credit.c.awarded_at, credit.c.id, after, limit))
        return [Credit(**r._mapping) for r in rows]
