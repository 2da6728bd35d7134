"""Request and response bodies for assignments, their history, and a student's mentors (REST; gRPC validates its
messages with the same input models)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from mentors.domain.assignments import AssignmentStatus
from mentors.domain.mentors import Side
from mentors.domain.views import AssignmentView, HistoryEntry
from mentors.handlers.assignments import AssignMentor, ListAssignments
from praxis_common.feeds import ChangePage
from praxis_common.pages import DEFAULT_PAGE_SIZE, Page
from praxis_common.validation import PageToken, StudentRef, Text

Reason = Annotated[Text, Field(min_length=1, max_length=1000)]


class AssignmentQuery(BaseModel):
    """The query of GET /v1/assignments (and gRPC ListAssignments)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["pending", "active", "ended"] | None = None
    side: Literal["school", "enterprise"] | None = None
    student_ref: StudentRef | None = None
    mentor_id: uuid.UUID | None = None
    page_size: int = DEFAULT_PAGE_SIZE
    page_token: PageToken | None = None

    def to_command(self) -> ListAssignments:
        return ListAssignments(
            status=AssignmentStatus(self.status) if self.status else None,
            side=Side(self.side) if self.side else None,
            student_ref=self.student_ref,
            mentor_id=self.mentor_id,
            page_size=self.page_size,
            page_token=self.page_token,
        )


class MentorRef(BaseModel):
    id: uuid.UUID
    display_name: str | None


class AssignmentRead(BaseModel):
    id: uuid.UUID
    context_kind: str = Field(description="placement or project (a project team)")
    context_id: str = Field(description="what the pair of mentors is for: the placement id or the team id")
    side: str = Field(description="school or enterprise")
    org: str = Field(description="the side's organisation, which owns the assignment")
    school_org: str
    enterprise_org: str
    student_ref: str
    status: str = Field(description="pending (needs a mentor), active or ended")
    mentor: MentorRef | None
    created_at: datetime
    assigned_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    position_id: str | None
    starts_on: date | None
    ends_on: date | None
    competencies: list[str]
    members: list[str] = Field(description="project teams: the team's students (student_ref then names the team)")

    @classmethod
    def of(cls, v: AssignmentView) -> AssignmentRead:
        a = v.assignment
        return cls(
            id=a.id,
            context_kind=a.context_kind.value,
            context_id=a.context_id,
            side=a.side.value,
            org=a.org,
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            student_ref=a.student_ref,
            status=a.status.value,
            mentor=MentorRef(id=a.mentor_id, display_name=v.mentor_display_name) if a.mentor_id else None,
            created_at=a.created_at,
            assigned_at=a.assigned_at,
            ended_at=a.ended_at,
            end_reason=a.end_reason,
            position_id=v.position_id,
            starts_on=v.starts_on,
            ends_on=v.ends_on,
            competencies=v.competencies,
            members=v.members,
        )


class AssignmentPage(Page[AssignmentRead]):
    """A page of assignments."""


class AssignIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"mentor_id": "3f1d2c4b-5a69-4e7d-8c1b-2a3f4e5d6c7b", "reason": "speaks Malay with the host"}]
        },
    )

    mentor_id: uuid.UUID
    reason: Reason

    def to_command(self, assignment_id: uuid.UUID) -> AssignMentor:
        return AssignMentor(assignment_id, self.mentor_id, self.reason)


class HistoryRead(BaseModel):
    at: datetime
    action: str = Field(description="pending, assigned, reassigned or ended")
    mentor_id: uuid.UUID | None
    previous_mentor_id: uuid.UUID | None
    how: str | None = Field(description="automatic, manual or filled (capacity freed)")
    reason: str
    by: str = Field(description="the acting user's sub, or system")

    @classmethod
    def of(cls, h: HistoryEntry) -> HistoryRead:
        return cls.model_validate(h, from_attributes=True)


class HistoryPage(Page[HistoryRead]):
    """A page of an assignment's history, oldest first."""


class StudentMentorsRead(BaseModel):
    student_ref: str
    assignments: list[AssignmentRead] = Field(description="who mentors the student, and for what")


class OverdueRead(BaseModel):
    assignment: AssignmentRead
    last_onsite_session: date | None = Field(description="the last on-site session with the enterprise mentor")


class OverdueList(Page[OverdueRead]):
    """A page of the assignments overdue for on-site guidance, oldest first."""

    days: int = Field(description="the threshold used")


class AssignmentChanges(ChangePage[AssignmentRead]):
    """The assignments changed since a cursor (`updated_since`), oldest change first; tombstones for the others."""
