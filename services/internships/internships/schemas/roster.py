"""The student roster's rows as imported (validated like a booking's student profile: one copy of each rule) and
as read (GET /v1/students)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StrictInt, ValidationError

from internships.domain.roster import RosterStudent
from internships.schemas.placements import StudentProfile
from praxis_common.imports.files import RowError
from praxis_common.imports.oneroster import USERS, users
from praxis_common.imports.runner import Parsed
from praxis_common.pages import Page
from praxis_common.validation import StudentRef, field_errors


class RosterEntry(StudentProfile):
    """One student of the roster: the school's reference and the profile it shares."""

    student_ref: StudentRef
    study_year: Annotated[StrictInt, Field(ge=1, le=10)] | None = None

    def to_command(self) -> RosterStudent:
        return RosterStudent(
            student_ref=self.student_ref,
            display_name=self.display_name,
            programme=self.programme,
            competencies=tuple(self.competencies),
            languages=tuple(self.languages),
            study_year=self.study_year,
        )


class RosterStudentRead(RosterEntry):
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, s) -> RosterStudentRead:
        return cls.model_validate(s, from_attributes=True)


class RosterPage(Page[RosterStudentRead]):
    """A page of the school's roster, by student_ref."""


def student_ref(user: dict[str, str]) -> str:
    """A OneRoster student's reference: `identifier` (the school's student number), else `sourcedId`."""
    return user.get("identifier", "").strip() or user["sourcedId"].strip()


def parse_oneroster(data: bytes, org: str, org_kind: str) -> Parsed:
    """A OneRoster bundle's students of the school, each validated as a RosterEntry (a bad field is its row's
    error, named by users.csv line)."""
    found = users(data, org, "student", student_ref, "identifier")
    parsed = Parsed(total=found.total, errors=list(found.errors))
    for line, user in found.rows:
        fields = {"student_ref": user.key, "display_name": user.display_name, "programme": user.programme}
        try:
            parsed.items.append((line, RosterEntry.model_validate(fields).to_command()))
        except ValidationError as exc:
            for e in field_errors(exc.errors()):
                parsed.errors.append(RowError(line, e.field, e.message, USERS))
    parsed.errors.sort(key=lambda e: e.line)
    return parsed
