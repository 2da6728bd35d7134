"""REST request and response bodies for agreements."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from internships.domain.agreements import MAX_QUOTA, Agreement, Status
from internships.domain.placements import EARLY_COMPLETION_GRACE
from internships.domain.rounds import MAX_CO_OWNERS, MAX_LIST_LIMIT, MAX_ROUND_STUDENTS, STUDENTS_PER_REQUEST
from praxis_common import bulk
from praxis_common.pages import Page
from praxis_common.validation import Date, Language, OrgId, PastDate, StudentRef, Tag, Text


class AgreementCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "school_org": "gdpi",
                    "enterprise_org": "sea-commerce-ltd",
                    "title": "Cross-border e-commerce 2027",
                    "valid_from": "2027-02-01",
                    "valid_to": "2028-01-31",
                    "intern_quota": 30,
                }
            ]
        },
    )

    school_org: OrgId
    enterprise_org: OrgId
    title: Annotated[Text, Field(max_length=200)] = ""
    valid_from: Date
    valid_to: Date
    intern_quota: Annotated[StrictInt, Field(ge=0, le=MAX_QUOTA)]


class AgreementTerminate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"reason": "programme closed"},
                {
                    "reason": "the site closed",
                    "end_active_placements": True,
                    "active_placements_reason": "the warehouse is shut; students return to school",
                },
            ]
        },
    )

    reason: Annotated[Text, Field(min_length=1, max_length=1000)]
    end_active_placements: StrictBool = Field(
        default=False,
        description="also terminate placements under way (by default they run to their end date)",
    )
    active_placements_reason: Annotated[Text, Field(min_length=1, max_length=1000)] | None = Field(
        default=None, description="required with end_active_placements; each terminated placement carries it"
    )


class AgreementRead(BaseModel):
    id: uuid.UUID
    school_org: str
    enterprise_org: str
    title: str
    valid_from: date
    valid_to: date
    intern_quota: int
    status: Status
    drafted_by_org: str
    school_signed_at: datetime | None
    enterprise_signed_at: datetime | None
    activated_at: datetime | None
    ended_at: datetime | None
    termination_reason: str | None
    terminated_by_org: str | None
    created_at: datetime
    version: int

    @classmethod
    def of(cls, a: Agreement) -> AgreementRead:
        return cls.model_validate(a, from_attributes=True)


class WindDownRead(BaseModel):
    """What the end of the agreement did, by placement id and position id."""

    rejected: list[uuid.UUID] = Field(description="requested placements, rejected (agreement-ended)")
    withdrawn: list[uuid.UUID] = Field(description="confirmed placements not started, withdrawn (agreement-ended)")
    terminated: list[uuid.UUID] = Field(description="active placements ended on request (end_active_placements)")
    expired: list[uuid.UUID] = Field(description="requests whose hold had lapsed already")
    continuing: list[uuid.UUID] = Field(description="active placements that run to their end date")
    positions_closed: list[uuid.UUID] = Field(description="positions no remaining agreement covers")


class AgreementTerminated(AgreementRead):
    wind_down: WindDownRead

    @classmethod
    def of_termination(cls, done) -> AgreementTerminated:
        return cls(
            **AgreementRead.of(done.agreement).model_dump(),
            wind_down=WindDownRead.model_validate(done.wind_down, from_attributes=True),
        )


class AgreementPage(Page[AgreementRead]):
    """A page of agreements."""


class BaseCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "agreement_id": "6b3d5e61-2435-4fc0-a24a-a28c086b40de",
                    "name": "Shenzhen cross-border hub",
                    "tier": 1,
                    "country": "CN",
                    "city": "Shenzhen",
                    "capacity": 40,
                }
            ]
        },
    )

    agreement_id: uuid.UUID = Field(description="The active agreement the base belongs to")
    name: Annotated[Text, Field(min_length=1, max_length=200)]
    tier: Annotated[StrictInt, Field(ge=1, le=3, description="1 flagship/regional, 2 school-level, 3 basic")]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2, e.g. CN, MY, TH")]
    city: Annotated[Text, Field(min_length=1, max_length=100)]
    capacity: Annotated[StrictInt, Field(ge=0, le=100_000, description="Most interns the base can host at once")]
    staff: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = Field(
        default=None, description="On-post staff of the unit; interns may be at most 10% of it (compliance policy)"
    )


class BaseRead(BaseModel):
    id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    name: str
    tier: int
    country: str
    city: str
    capacity: int
    staff: int | None
    created_at: datetime


class BasePage(Page[BaseRead]):
    """A page of practice bases."""


class DutyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[Text, Field(min_length=1, max_length=200)]
    kind: Literal["core", "peripheral"] = Field(description="core work (store operation, marketing…) or peripheral")


class PositionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "base_id": "0d9a1f0e-7a55-4a5c-b4a4-9d9c1f7e1a10",
                    "title": "Cross-border store operations intern",
                    "description": "Runs listings and promotions for the Southeast Asia storefront.",
                    "seats": 4,
                    "starts_on": "2027-03-01",
                    "ends_on": "2027-06-30",
                    "languages": ["en", "zh"],
                    "competencies": ["platform-operation", "digital-marketing"],
                    "duties": [
                        {"name": "listing optimisation", "kind": "core"},
                        {"name": "customer chat", "kind": "peripheral"},
                    ],
                }
            ]
        },
    )

    base_id: uuid.UUID
    title: Annotated[Text, Field(min_length=1, max_length=200)]
    description: Annotated[Text, Field(max_length=10_000)] = ""
    seats: Annotated[StrictInt, Field(ge=1, le=10_000)]
    starts_on: Date
    ends_on: Date
    languages: Annotated[list[Language], Field(max_length=20)] = []
    competencies: Annotated[list[Tag], Field(max_length=50)] = []
    duties: Annotated[list[DutyIn], Field(min_length=1, max_length=50)]
    post_staff: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = Field(
        default=None, description="Staff in this kind of post; interns may be at most 20% of it"
    )
    monthly_pay: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = Field(
        default=None, description="The intern's monthly pay"
    )
    reference_monthly_wage: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = Field(
        default=None, description="The post's (probation) wage; pay must be at least 80% of it"
    )


class PositionRead(BaseModel):
    id: uuid.UUID
    base_id: uuid.UUID
    enterprise_org: str
    title: str
    description: str
    seats: int
    seats_taken: int
    open_seats: int
    starts_on: date
    ends_on: date
    languages: list[str]
    competencies: list[str]
    duties: list[DutyIn]
    status: str
    created_at: datetime
    published_at: datetime | None
    closed_at: datetime | None
    post_staff: int | None
    monthly_pay: Decimal | None
    reference_monthly_wage: Decimal | None

    @classmethod
    def of(cls, p) -> PositionRead:
        return cls(
            **{name: getattr(p, name) for name in cls.model_fields if name != "duties"},
            duties=[DutyIn(name=d.name, kind=d.kind.value) for d in p.duties],
        )


class PositionPage(Page[PositionRead]):
    """A page of positions."""


class StudentProfile(BaseModel):
    """The minimum the school chooses to share with the enterprise; nothing else about the student."""

    model_config = ConfigDict(extra="forbid")

    display_name: Annotated[Text, Field(max_length=100)] | None = None
    programme: Annotated[Text, Field(max_length=200)] | None = None
    competencies: Annotated[list[Tag], Field(max_length=50)] = []
    languages: Annotated[list[Language], Field(max_length=20)] = []


class PlacementCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "position_id": "5f0c2b7e-4c1d-4f57-9a0e-2b1f8d6a3c11",
                    "student_ref": "2024-ECOM-0317",
                    "profile": {
                        "display_name": "Li Wei",
                        "programme": "Cross-border e-commerce",
                        "competencies": ["platform-operation"],
                        "languages": ["zh", "en"],
                    },
                }
            ]
        },
    )

    position_id: uuid.UUID
    student_ref: StudentRef = Field(description="The school's opaque id for the student")
    profile: StudentProfile = StudentProfile()
    birth_date: PastDate | None = Field(
        default=None, description="Kept by Praxis for the age rules, never shown to the enterprise"
    )
    study_year: Annotated[StrictInt, Field(ge=1, le=10)] | None = Field(default=None, description="1 = first year")


class PlacementAction(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"reason": "moved to another city"}, {"force": True, "reason": "the store closed early"}]
        },
    )

    reason: Annotated[Text, Field(min_length=1, max_length=1000)] | None = None
    force: StrictBool = Field(
        default=False,
        description=f"complete only: completing more than {EARLY_COMPLETION_GRACE.days} days before the end date "
        "needs force with a reason",
    )


class PlacementRead(BaseModel):
    id: uuid.UUID
    position_id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    student_ref: str
    profile: dict
    status: str
    starts_on: date
    ends_on: date
    requested_at: datetime
    hold_expires_at: datetime
    decided_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    reason: str | None
    student_consent_at: datetime | None
    guardian_consent_at: datetime | None
    forced: bool = Field(description="completed long before its end date with force; `reason` says why")

    @classmethod
    def of(cls, p) -> PlacementRead:
        return cls.model_validate(p, from_attributes=True)


class PlacementPage(Page[PlacementRead]):
    """A page of placements."""


class LogLineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: Date
    duty: Annotated[Text, Field(min_length=1, max_length=200, description="one of the position's duties")]
    hours: Annotated[Decimal, Field(gt=0, le=24, max_digits=4, decimal_places=2)]
    start: time | None = Field(default=None, description="when work began (with `end`; checked for night work)")
    end: time | None = None


class LogbookWeekIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "lines": [
                        {"day": "2027-03-01", "duty": "listings", "hours": "6", "start": "09:00", "end": "16:00"},
                        {"day": "2027-03-01", "duty": "customer chat", "hours": "1.5"},
                    ]
                }
            ]
        },
    )

    lines: Annotated[list[LogLineIn], Field(min_length=1, max_length=100)]


class ReviewIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"comments": "Tuesday was a holiday"}, {"on_behalf_of_mentor": True, "comments": "mentor ill"}]
        },
    )

    comments: Annotated[Text, Field(min_length=1, max_length=2000)] | None = Field(
        default=None, description="optional to approve, required to return (the same name as a project review's)"
    )
    on_behalf_of_mentor: StrictBool = Field(
        default=False,
        description="the enterprise's admin or HR reviews for the placement's assigned mentor (recorded on the week)",
    )


class LogbookWeekRead(BaseModel):
    week_start: date
    status: str
    lines: list[LogLineIn]
    total_hours: Decimal
    core_hours: Decimal
    submitted_at: datetime
    submitted_by: str
    reviewed_at: datetime | None
    reviewed_by: str | None
    comments: str | None = Field(description="the reviewer's comments")
    reviewed_on_behalf: bool = Field(description="the enterprise's admin or HR reviewed for the assigned mentor")
    reviewer_mentor_id: uuid.UUID | None = Field(description="the assigned mentor who reviewed (or was acted for)")

    @classmethod
    def of(cls, w) -> LogbookWeekRead:
        return cls(
            **{n: getattr(w, n) for n in cls.model_fields if n not in ("lines", "comments")},
            comments=w.comment,
            lines=[LogLineIn.model_validate(ln, from_attributes=True) for ln in w.lines],
        )


class LogbookRead(BaseModel):
    placement_id: uuid.UUID
    weeks: list[LogbookWeekRead]
    approved_hours: Decimal
    approved_core_hours: Decimal
    core_work_share: Decimal | None = Field(description="approved core hours / approved hours; null before any")
    enterprise_mentor_id: uuid.UUID | None = Field(
        description="the enterprise mentor the mentors service assigned, who reviews the weeks; null until one is"
    )


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"student": True, "guardian": False}]})

    student: StrictBool = Field(description="the student signed the tripartite internship agreement")
    guardian: StrictBool = Field(default=False, description="the guardian consented (required for minors)")


# ---- allocation rounds


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
    def of(cls, p, *, show_ranking: bool) -> RoundPositionRead:
        ranking = None
        if show_ranking and p.ranking is not None:
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


class ApplicantRead(BaseModel):
    school_org: str
    student_ref: str
    profile: dict = Field(description="What the school shares with enterprises")
    group: int | None = Field(description="The applicant's tie group in your ranking (1 = first); null: not ranked")


class ApplicantPage(Page[ApplicantRead]):
    """A page of a position's applicants, with the position."""

    position: RoundPositionRead


class RunRead(BaseModel):
    id: uuid.UUID
    seq: int = Field(description="1 for the round's first run, then 2, 3…")
    input_hash: str = Field(description="sha256 of the inputs, the seed and the algorithm version")
    algorithm_version: str
    seed: int | None = Field(description="The tie lottery's seed: to the staff of the round's schools only")
    computed_at: datetime
    computed_by: str
    students: int
    matched: int
    published: bool = False

    @classmethod
    def of(cls, run, *, published_run_id=None) -> RunRead:
        return cls(
            **{n: getattr(run, n) for n in cls.model_fields if n != "published"},
            published=run.id == published_run_id,
        )


class RunPage(Page[RunRead]):
    """A page of a round's runs, oldest first."""


class StandingRead(BaseModel):
    """A tie band of the position's order, shared by every student in it (never a lottery place)."""

    group: int | None = Field(description="Tie group in the enterprise's ranking (1 = first); null under the default")
    shared_tags: int | None = Field(description="Competency fit under the default ranking: tags shared")


class RejectionRead(BaseModel):
    position_id: str
    reason: str = Field(description="full, not-ranked or no-seats")
    seats: int
    position_tags: int
    you: StandingRead | None = Field(description="For full: your band")
    cutoff: StandingRead | None = Field(description="For full: the lowest band the position admitted anyone from")
    lost_on_draw: bool = Field(
        description="You were in the cutoff band and the round's lottery gave its last seats to others"
    )
    text: str


class MatchRead(BaseModel):
    school_org: str
    student_ref: str
    position_id: uuid.UUID | None = Field(description="The match; null: none")
    choice: int | None = Field(description="Place of the match in the student's list (1 = first choice)")
    profile: dict
    explanation: list[RejectionRead] | None = Field(
        description="For each position listed above the match (all, if unmatched): why not. Schools and students only"
    )


class PositionFillRead(BaseModel):
    position_id: uuid.UUID
    enterprise_org: str
    title: str
    offered_seats: int | None
    offered_limit: str | None
    filled: int


class ResultRead(Page[MatchRead]):
    """A page of the students' matches (`items`), with the run and the seats of the positions the caller sees."""

    round_id: uuid.UUID
    run: RunRead
    published: bool = Field(description="This run is the published one")
    positions: list[PositionFillRead]


class MoveRead(BaseModel):
    school_org: str
    student_ref: str
    before: str | None = Field(description="Position in run a (null: none)")
    after: str | None = Field(description="Position in run b (null: none)")
    why: str


class CompareRead(Page[MoveRead]):
    """A page of the students who moved (`items`), by student."""

    run_a: RunRead
    run_b: RunRead


class PositionPlacements(BaseModel):
    position_id: uuid.UUID
    placements: int


class PublishedRead(BaseModel):
    round: RoundRead
    run_id: uuid.UUID
    placements: int
    by_position: list[PositionPlacements]
