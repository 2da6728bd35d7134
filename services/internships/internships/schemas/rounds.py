"""Request and response bodies of allocation rounds' set-up: rounds, invitations, positions and rankings,
students and their lists. Shared by the REST and gRPC edges (results and runs: schemas/round_results.py)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from internships.domain.rounds import MAX_CO_OWNERS, MAX_LIST_LIMIT, MAX_ROUND_STUDENTS, STUDENTS_PER_REQUEST
from internships.handlers.rounds import Applicant, CreateRound, StudentEntry
from internships.schemas.placements import StudentProfile
from praxis_common import bulk
from praxis_common.pages import Page
from praxis_common.validation import OrgId, PastDate, StudentRef, Text

# Bulk bodies (larger than the kernel's 1 MiB default): the largest valid ranking (50,000 students with the longest
# references and organisation ids) is 11.1 MiB of JSON; 1,000 students with every field at its longest 4.5 MiB,
# up to ~8 MiB written with \u escapes. REST routes and their gRPC twins take the same (main.SPEC.grpc_message_limits).
RANKING_MAX_BYTES = 12 << 20
STUDENTS_MAX_BYTES = 8 << 20

# A page of a position's applicants (REST and gRPC alike).
APPLICANTS_PAGE_DEFAULT = 200
APPLICANTS_PAGE_MAX = 5_000


class RoundCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Cross-border e-commerce spring placements 2027",
                    "co_owner_schools": ["szpt"],
                    "list_limit": 10,
                    "placement_status_on_publish": "requested",
                },
                {"title": "SEA Commerce order class 2027", "enterprise_org": "sea-commerce-ltd"},
            ]
        },
    )

    title: Annotated[Text, Field(min_length=1, max_length=200)]
    co_owner_schools: Annotated[list[OrgId], Field(max_length=MAX_CO_OWNERS)] = Field(
        default=[],
        description="Schools invited to run the round jointly with the owner (the caller's school); each takes part "
        "only once it accepts",
    )
    enterprise_org: OrgId | None = Field(
        default=None,
        description="An order class: the round takes only this enterprise's positions; your school must hold an "
        "active agreement with it (409 no-active-agreement otherwise)",
    )
    list_limit: Annotated[StrictInt, Field(ge=1, le=MAX_LIST_LIMIT)] | None = Field(
        default=None, description="Longest ranked list a student may give (default: the deployment's, usually 10)"
    )
    placement_status_on_publish: Literal["requested", "confirmed"] = Field(
        default="requested",
        description="requested: enterprises confirm each placement afterwards; confirmed: their rankings count as "
        "confirmation",
    )
    seed: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] | None = Field(
        default=None, description="Seed of the tie-breaking lottery (default: derived from the round's id)"
    )
    tie_rule: Literal["lottery", "lottery-then-improvement-cycles"] = Field(
        default="lottery-then-improvement-cycles",
        description="lottery-then-improvement-cycles: ties are broken by the lottery, then students trade seats "
        "inside tie bands while that makes some better off and nobody worse off (stable improvement cycles); "
        "lottery: the lottery's deferred acceptance alone (docs/allocation.md)",
    )

    def to_command(self) -> CreateRound:
        return CreateRound(
            title=self.title,
            co_owner_schools=tuple(self.co_owner_schools),
            enterprise_org=self.enterprise_org,
            list_limit=self.list_limit,
            publish_as=self.placement_status_on_publish,
            seed=self.seed,
            tie_rule=self.tie_rule,
        )


class RoundRead(BaseModel):
    id: uuid.UUID
    title: str
    owner_org: str
    schools: list[str] = Field(description="The owner school first, then the co-owners that accepted")
    invited_schools: list[str] = Field(
        description="Co-owner schools invited that have not accepted yet: the round does not exist for them (404) "
        "until they do (POST /v1/rounds/{id}/accept)"
    )
    enterprise_org: str | None = Field(description="Set for an order class")
    list_limit: int
    placement_status_on_publish: str
    seed: int | None = Field(
        description="Seed of the tie-breaking lottery: shown to the staff of the round's schools only (null to "
        "students and enterprises)"
    )
    tie_rule: str = Field(description="lottery-then-improvement-cycles or lottery (docs/allocation.md)")
    status: str = Field(description="open → closed → computed → published (reopen: closed/computed → open)")
    created_at: datetime
    closed_at: datetime | None
    computed_at: datetime | None
    published_at: datetime | None
    latest_run_id: uuid.UUID | None
    published_run_id: uuid.UUID | None
    positions: int | None = Field(default=None, description="Positions in the round (shown to its schools)")
    students: int | None = Field(default=None, description="Students in the round (shown to its schools)")

    @classmethod
    def of(cls, r, *, positions: int | None = None, students: int | None = None) -> RoundRead:
        return cls(
            **{n: getattr(r, n) for n in cls.model_fields if hasattr(r, n) and n not in ("positions", "students")},
            placement_status_on_publish=r.publish_as.value,
            positions=positions,
            students=students,
        )


class RoundPage(Page[RoundRead]):
    """A page of rounds."""


class RoundInvitationRead(BaseModel):
    """What an invited co-owner school sees of a round before it accepts."""

    id: uuid.UUID
    title: str
    owner_org: str = Field(description="The school inviting you")
    enterprise_org: str | None = Field(description="Set for an order class: the round takes only its positions")
    status: str
    created_at: datetime

    @classmethod
    def of(cls, r) -> RoundInvitationRead:
        return cls(**{n: getattr(r, n) for n in cls.model_fields if n != "status"}, status=r.status.value)


class RoundInvitationPage(Page[RoundInvitationRead]):
    """A page of the rounds inviting the caller's school, newest first."""


class StudentKey(BaseModel):
    model_config = ConfigDict(extra="forbid")

    school_org: OrgId
    student_ref: StudentRef


class RoundPositionRead(BaseModel):
    position_id: uuid.UUID
    enterprise_org: str
    title: str
    seats: int
    seats_taken: int = Field(description="Seats taken now, by any placement")
    starts_on: date
    ends_on: date
    competencies: list[str]
    added_by_org: str
    added_at: datetime
    applicants: int = Field(description="Students listing the position")
    ranked: bool = Field(description="The enterprise gave a ranking (else the default competency-fit ranking)")
    ranking: list[list[StudentKey]] | None = Field(
        default=None,
        description="The ranking's tie groups, best first: in the answer to setting it (to the position's enterprise "
        "only; lists show `ranked`, and the applicants page each applicant's `group`)",
    )
    offered_seats: int | None = Field(description="Seats the round offers, decided at close")
    offered_limit: str | None = Field(
        description="What decided them: seats, post-intern-cap, base-intern-cap, agreement-quota or not-bookable"
    )

    @classmethod
    def of(cls, p) -> RoundPositionRead:
        """The ranking as the handler returned it: read for the position's enterprise setting it, None otherwise."""
        ranking = None
        if p.ranking is not None:
            ranking = [[StudentKey(school_org=s, student_ref=r) for s, r in group] for group in p.ranking]
        return cls(
            **{n: getattr(p, n) for n in cls.model_fields if n not in ("ranked", "ranking")},
            ranked=p.ranked,
            ranking=ranking,
        )


class RoundPositionPage(Page[RoundPositionRead]):
    """A page of a round's positions."""


class RoundStudentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef
    profile: StudentProfile = StudentProfile()
    birth_date: PastDate | None = Field(
        default=None, description="Kept by Praxis for the age rules, never shown to the enterprise"
    )
    study_year: Annotated[StrictInt, Field(ge=1, le=10)] | None = Field(default=None, description="1 = first year")


class RoundStudentsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "students": [
                        {
                            "student_ref": "2024-ECOM-0317",
                            "profile": {
                                "display_name": "Li Wei",
                                "competencies": ["platform-operation", "data-analysis"],
                                "languages": ["zh", "en"],
                            },
                            "birth_date": "2005-04-12",
                            "study_year": 3,
                        }
                    ]
                }
            ]
        },
    )

    students: Annotated[list[RoundStudentIn], Field(min_length=1, max_length=STUDENTS_PER_REQUEST)] = Field(
        description=f"1 to {STUDENTS_PER_REQUEST} students per request, each once; a round holds at most "
        f"{MAX_ROUND_STUDENTS}"
    )

    @staticmethod
    def check(data: object) -> RoundStudentsIn:
        """Validated a slice at a time: run in a worker thread."""
        return bulk.validate_bulk(
            RoundStudentsIn, data, entries=("students", "*"), entry=RoundStudentIn, most=STUDENTS_PER_REQUEST
        )

    def to_command(self) -> list[StudentEntry]:
        """The students as the add_students use case takes them (its command is the list)."""
        return [
            StudentEntry(s.student_ref, s.profile.model_dump(exclude_none=True), s.birth_date, s.study_year)
            for s in self.students
        ]


class RoundStudentRead(BaseModel):
    school_org: str
    student_ref: str
    profile: dict
    birth_date: date | None
    study_year: int | None
    preferences: list[uuid.UUID] = Field(description="The student's ranked list of round positions, best first")
    preferences_at: datetime | None
    added_at: datetime

    @classmethod
    def of(cls, s) -> RoundStudentRead:
        return cls.model_validate(s, from_attributes=True)


class RoundStudentPage(Page[RoundStudentRead]):
    """A page of a round's students."""


class RoundStudentsAdded(BaseModel):
    items: list[RoundStudentRead] = Field(description="The students sent, as the round now holds them")


class PreferencesIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "positions": [
                        "5f0c2b7e-4c1d-4f57-9a0e-2b1f8d6a3c11",
                        "0d9a1f0e-7a55-4a5c-b4a4-9d9c1f7e1a10",
                    ]
                }
            ]
        },
    )

    positions: Annotated[list[uuid.UUID], Field(max_length=MAX_LIST_LIMIT)] = Field(
        description=f"Positions of the round, best first, each once; at most the round's list_limit (the "
        f"deployment's INTERNSHIPS_ROUND_LIST_LIMIT unless the round sets one; never more than {MAX_LIST_LIMIT})"
    )


class RankingIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "groups": [
                        [{"school_org": "gdpi", "student_ref": "2024-ECOM-0317"}],
                        [
                            {"school_org": "gdpi", "student_ref": "2024-ECOM-0102"},
                            {"school_org": "szpt", "student_ref": "S-88"},
                        ],
                    ]
                }
            ]
        },
    )

    groups: Annotated[
        list[Annotated[list[StudentKey], Field(min_length=1, max_length=MAX_ROUND_STUDENTS)]],
        Field(max_length=MAX_ROUND_STUDENTS),
    ] = Field(
        description="Tie groups of applicants, best first; applicants left out are not accepted for the position. "
        f"Only applicants can be ranked, so at most {MAX_ROUND_STUDENTS} students in all (a round's most)"
    )

    @staticmethod
    def check(data: object) -> RankingIn:
        """Validated a slice at a time (a ranking can name 50,000 students): run in a worker thread."""
        return bulk.validate_bulk(
            RankingIn, data, entries=("groups", "*", "*"), entry=StudentKey, most=MAX_ROUND_STUDENTS
        )

    def to_command(self) -> list[list[tuple[str, str]]]:
        """The tie groups as the set_ranking use case takes them: (school_org, student_ref) pairs."""
        return [[(k.school_org, k.student_ref) for k in group] for group in self.groups]


class ApplicantRead(BaseModel):
    school_org: str
    student_ref: str
    profile: dict = Field(description="What the school shares with enterprises")
    group: int | None = Field(description="The applicant's tie group in your ranking (1 = first); null: not ranked")


class ApplicantPage(Page[ApplicantRead]):
    """A page of a position's applicants, with the position."""

    position: RoundPositionRead

    @classmethod
    def of(cls, position, applicants: list[Applicant], next_page_token: str | None) -> ApplicantPage:
        return cls(
            position=RoundPositionRead.of(position),
            items=[
                ApplicantRead(
                    school_org=a.student.school_org,
                    student_ref=a.student.student_ref,
                    profile=a.student.profile,
                    group=a.group,
                )
                for a in applicants
            ],
            next_page_token=next_page_token,
        )
