"""Team bodies: form and dissolve a team, its milestones, deliverables and reviews."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from praxis_common.feeds import ChangePage
from praxis_common.pages import Page
from praxis_common.validation import StudentRef, Text
from projects.domain.projects import MAX_TEAM_SIZE
from projects.domain.teams import Decision, Deliverable, DeliverableKind, Member, Milestones, Review, Team
from projects.handlers.teams import DissolveTeam, FormTeam, ReviewStage, SubmitDeliverable
from projects.schemas.fields import Comments


class MemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef
    display_name: Annotated[Text, Field(min_length=1, max_length=200)] | None = Field(
        default=None, description="what the school chooses to share; omit to share nothing"
    )


class TeamCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Blue Dragon Trading Co.",
                    "members": [
                        {"student_ref": "2024-0117"},
                        {"student_ref": "2024-0254"},
                        {"student_ref": "2024-0311"},
                    ],
                }
            ]
        },
    )

    name: Annotated[Text, Field(min_length=1, max_length=200, description="the simulated company's name")]
    members: Annotated[list[MemberIn], Field(min_length=1, max_length=MAX_TEAM_SIZE)]

    def to_command(self, project_id: uuid.UUID) -> FormTeam:
        return FormTeam(project_id, self.name, [Member(m.student_ref, m.display_name) for m in self.members])


class DissolveIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "two students left the programme"}]}
    )

    reason: Annotated[Text, Field(min_length=1, max_length=200)]

    def to_command(self) -> DissolveTeam:
        return DissolveTeam(self.reason)


class MemberRead(BaseModel):
    student_ref: str
    display_name: str | None


class MilestoneRead(BaseModel):
    stage: str
    position: int
    status: str = Field(description="not_started, submitted, returned or accepted")
    open: bool = Field(description="the team may submit for it now")
    updated_at: datetime | None


def milestones_read(ms: Milestones) -> list[MilestoneRead]:
    return [
        MilestoneRead(
            stage=m.stage, position=m.position, status=m.status.value, open=ms.is_open(m.stage), updated_at=m.updated_at
        )
        for m in ms.items
    ]


class TeamRead(BaseModel):
    id: uuid.UUID
    project_id: uuid.UUID
    project_title: str | None
    school_org: str
    enterprise_org: str
    name: str
    members: list[MemberRead]
    status: str = Field(description="formed, dissolved or completed")
    formed_at: datetime
    formed_by: str
    ended_at: datetime | None
    end_reason: str | None
    milestones: list[MilestoneRead] | None = Field(description="in stage order (single team reads)")

    @classmethod
    def of(cls, t: Team, *, project_title: str | None = None, milestones: Milestones | None = None) -> TeamRead:
        return cls(
            id=t.id,
            project_id=t.project_id,
            project_title=project_title,
            school_org=t.school_org,
            enterprise_org=t.enterprise_org,
            name=t.name,
            members=[MemberRead(student_ref=m.student_ref, display_name=m.display_name) for m in t.members],
            status=t.status.value,
            formed_at=t.formed_at,
            formed_by=t.formed_by,
            ended_at=t.ended_at,
            end_reason=t.end_reason,
            milestones=milestones_read(milestones) if milestones is not None else None,
        )


class TeamPage(Page[TeamRead]):
    """A page of teams, in the order they were formed."""


class DeliverableIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "project_report",
                    "title": "Market research: ceramics in Malaysia",
                    "link": "https://drive.example.edu/team-blue/market-research.pdf",
                }
            ]
        },
    )

    kind: Literal["project_report", "operation_log", "plan", "roadshow_defence"]
    title: Annotated[Text, Field(min_length=1, max_length=200)]
    link: AnyHttpUrl | None = Field(default=None, description="a link the team shares, or …")
    file_ref: Annotated[Text, Field(min_length=1, max_length=500)] | None = Field(
        default=None, description="… the reference of a file uploaded to the school's store (exactly one of the two)"
    )

    def to_command(self, stage: str) -> SubmitDeliverable:
        return SubmitDeliverable(
            stage=stage,
            kind=DeliverableKind(self.kind),
            title=self.title,
            link=str(self.link) if self.link else None,
            file_ref=self.file_ref,
        )


class DeliverableRead(BaseModel):
    id: uuid.UUID
    team_id: uuid.UUID
    stage: str
    kind: str
    title: str
    link: str | None
    file_ref: str | None
    submitted_at: datetime
    submitted_by: str

    @classmethod
    def of(cls, d: Deliverable) -> DeliverableRead:
        return cls(**{**vars(d), "kind": d.kind.value})


class ReviewIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"decision": "returned", "comments": "Add the competitor price table for Shopee."}]
        },
    )

    decision: Literal["accepted", "returned"]
    comments: Comments = Field(default="", description="required when returning")

    def to_command(self, stage: str) -> ReviewStage:
        return ReviewStage(stage, Decision(self.decision), self.comments)


class ReviewRead(BaseModel):
    id: uuid.UUID
    team_id: uuid.UUID
    stage: str
    decision: str
    comments: str
    reviewer: str
    side: str
    mentor_id: str | None
    reviewed_at: datetime

    @classmethod
    def of(cls, r: Review) -> ReviewRead:
        return cls(**{**vars(r), "decision": r.decision.value})


class ProgressRead(BaseModel):
    team_id: uuid.UUID
    milestones: list[MilestoneRead]
    deliverables: list[DeliverableRead]
    reviews: list[ReviewRead]


class TeamChanges(ChangePage[TeamRead]):
    """The teams changed since a cursor (`updated_since`), oldest change first."""
