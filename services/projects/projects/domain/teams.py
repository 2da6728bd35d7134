"""Teams ("simulated companies") of one school's students on a project, and their stage milestones.

    formed ──(the school dissolves it)──▶ dissolved
       └────(the project completes)─────▶ completed

A team takes one of the project's team slots (the database takes it with one conditional UPDATE, so concurrent
formations never exceed the capacity) and gives it back when dissolved. A student is in at most one current team
of a project. Forming asks the mentors service (an event) for the team's dual-mentor pair.

Milestones: each stage of the project has one per team.

    not_started ──(deliverable)──▶ submitted ──(mentor review)──▶ accepted
                                      ▲  └──────────────────────▶ returned (with comments)
                                      └──────(deliverable)───────────┘

Stages open in order: a team submits for a stage only once every earlier stage is accepted, unless the project
allows parallel stages. An accepted stage takes no more deliverables.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from praxis_common.errors import Conflict, FieldError, InvalidInput
from projects.domain.projects import Project, Status


class TeamStatus(StrEnum):
    FORMED = "formed"
    DISSOLVED = "dissolved"
    COMPLETED = "completed"


class TeamsFull(Conflict):
    code, title = "teams-full", "The project takes no more teams"


class AlreadyInTeam(Conflict):
    code, title = "already-in-a-team", "A student is already in a team of this project"


class StageLocked(Conflict):
    code, title = "stage-locked", "The stage is not open yet"


class StageClosed(Conflict):
    code, title = "stage-closed", "The stage was accepted and takes no more deliverables"


class AccessRevoked(Conflict):
    code, title = "access-revoked", "The enterprise no longer shares this project with the team's school"


class TeamNotActive(Conflict):
    code, title = "team-not-active", "The team was dissolved or its project completed"


@dataclass(frozen=True)
class Member:
    student_ref: str
    display_name: str | None = None  # what the school chose to share; None for nothing


@dataclass(frozen=True)
class TeamFormed:
    team: Team
    project: Project


@dataclass(frozen=True)
class TeamEnded:
    team: Team
    project: Project


TeamEvent = TeamFormed | TeamEnded


@dataclass
class Team:
    id: uuid.UUID
    project_id: uuid.UUID
    school_org: str
    enterprise_org: str
    name: str
    members: list[Member]
    formed_at: datetime
    formed_by: str
    status: TeamStatus = TeamStatus.FORMED
    ended_at: datetime | None = None
    end_reason: str | None = None
    version: int = 0
    events: list[TeamEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def form(
        cls, project: Project, *, school_org: str, name: str, members: list[Member], by: str, now: datetime
    ) -> Team:
        if project.status is not Status.PUBLISHED:
            raise Conflict(f"teams form on a published project; this one is {project.status}")
        if now.date() > project.ends_on:
            raise Conflict("the project has ended")
        refs = [m.student_ref for m in members]
        if len(set(refs)) != len(refs):
            raise InvalidInput("a student is listed twice", errors=[FieldError("members", "distinct students")])
        if not project.min_team_size <= len(members) <= project.max_team_size:
            raise InvalidInput(
                f"this project's teams have {project.min_team_size} to {project.max_team_size} students",
                errors=[FieldError("members", f"{project.min_team_size} to {project.max_team_size} students")],
            )
        if not name.strip():
            raise InvalidInput("the team needs a name", errors=[FieldError("name", "must not be blank")])
        team = cls(
            id=uuid.uuid4(),
            project_id=project.id,
            school_org=school_org,
            enterprise_org=project.enterprise_org,
            name=name.strip(),
            members=list(members),
            formed_at=now,
            formed_by=by,
        )
        team.events.append(TeamFormed(team, project))
        return team

    @property
    def member_refs(self) -> list[str]:
        return [m.student_ref for m in self.members]

    @property
    def active(self) -> bool:
        return self.status is TeamStatus.FORMED

    def require_active(self) -> None:
        if not self.active:
            raise TeamNotActive(f"the team is {self.status}")

    def dissolve(self, project: Project, *, now: datetime, reason: str) -> None:
        if self.status is not TeamStatus.FORMED:
            raise Conflict(f"the team is {self.status}")
        self.status, self.ended_at, self.end_reason = TeamStatus.DISSOLVED, now, reason
        self.events.append(TeamEnded(self, project))

    def complete(self, project: Project, *, now: datetime) -> None:
        if self.status is not TeamStatus.FORMED:
            return  # a dissolved team stays dissolved
        self.status, self.ended_at, self.end_reason = TeamStatus.COMPLETED, now, "project completed"
        self.events.append(TeamEnded(self, project))

    def pull_events(self) -> list[TeamEvent]:
        events, self.events = self.events, []
        return events


class StageStatus(StrEnum):
    NOT_STARTED = "not_started"
    SUBMITTED = "submitted"  # waiting for a mentor's review
    RETURNED = "returned"  # with comments: the team submits again
    ACCEPTED = "accepted"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    RETURNED = "returned"


class DeliverableKind(StrEnum):
    PROJECT_REPORT = "project_report"
    OPERATION_LOG = "operation_log"
    PLAN = "plan"
    ROADSHOW_DEFENCE = "roadshow_defence"


@dataclass
class Milestone:
    team_id: uuid.UUID
    stage: str
    position: int  # the stage's place in the project, from 0
    status: StageStatus = StageStatus.NOT_STARTED
    updated_at: datetime | None = None
    version: int = 0


@dataclass(frozen=True)
class Deliverable:
    id: uuid.UUID
    team_id: uuid.UUID
    stage: str
    kind: DeliverableKind
    title: str
    link: str | None  # a URL the team shares ...
    file_ref: str | None  # ... or the reference of a file uploaded to the school's store
    submitted_at: datetime
    submitted_by: str

    @property
    def reference(self) -> str:
        return self.link or self.file_ref or ""


@dataclass(frozen=True)
class Review:
    id: uuid.UUID
    team_id: uuid.UUID
    stage: str
    decision: Decision
    comments: str
    reviewer: str  # the mentor's sub
    side: str  # school | enterprise
    mentor_id: str | None
    reviewed_at: datetime


@dataclass(frozen=True)
class DeliverableSubmitted:
    deliverable: Deliverable
    team: Team


@dataclass(frozen=True)
class StageReviewed:
    review: Review
    team: Team


class Milestones:
    """A team's milestones in stage order, with the ordering rule."""

    def __init__(self, milestones: list[Milestone], *, parallel: bool) -> None:
        self.items = sorted(milestones, key=lambda m: m.position)
        self.parallel = parallel

    @classmethod
    def start(cls, team: Team, project: Project) -> Milestones:
        return cls(
            [Milestone(team.id, key, i) for i, key in enumerate(project.stage_keys())],
            parallel=project.parallel_stages,
        )

    def get(self, stage: str) -> Milestone:
        found = next((m for m in self.items if m.stage == stage), None)
        if found is None:
            raise InvalidInput(f"no stage {stage!r} in this project", errors=[FieldError("stage", "unknown stage")])
        return found

    def is_open(self, stage: str) -> bool:
        m = self.get(stage)
        if m.status is StageStatus.ACCEPTED:
            return False
        return self.parallel or all(p.status is StageStatus.ACCEPTED for p in self.items[: m.position])

    def submit(self, stage: str, *, now: datetime) -> Milestone:
        m = self.get(stage)
        if m.status is StageStatus.ACCEPTED:
            raise StageClosed(f"stage {stage} was accepted")
        if not self.is_open(stage):
            waiting = next(p.stage for p in self.items[: m.position] if p.status is not StageStatus.ACCEPTED)
            raise StageLocked(f"stage {stage} opens when stage {waiting} is accepted")
        m.status, m.updated_at = StageStatus.SUBMITTED, now
        return m

    def review(self, stage: str, decision: Decision, comments: str, *, now: datetime) -> Milestone:
        m = self.get(stage)
        if m.status is not StageStatus.SUBMITTED:
            raise Conflict(f"stage {stage} has nothing waiting for review (it is {m.status})")
        if decision is Decision.RETURNED and not comments.strip():
            raise InvalidInput("say why it is returned", errors=[FieldError("comments", "required when returning")])
        m.status = StageStatus.ACCEPTED if decision is Decision.ACCEPTED else StageStatus.RETURNED
        m.updated_at = now
        return m

    @property
    def all_accepted(self) -> bool:
        return all(m.status is StageStatus.ACCEPTED for m in self.items)
