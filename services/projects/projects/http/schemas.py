"""REST request and response bodies of the projects service (also the validation the gRPC edge applies).

Scores are numbers from 0 to 100 (two decimals kept, half up); weights numbers from 0 to 1 that sum to 1."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StrictBool, StrictInt

from praxis_common.pages import Page
from praxis_common.queries import value_list
from praxis_common.validation import Date, StudentRef, Text
from projects.adapters.repositories import SharedSchool
from projects.domain.credits import Credit
from projects.domain.metrics import CATALOGUE, DataPoint, MetricAchievement, PlatformScore, Target
from projects.domain.projects import (
    MAX_CREDITS,
    MAX_STAGES,
    MAX_TEAM_SIZE,
    MAX_TEAMS,
    Material,
    Project,
    Stage,
    Weights,
)
from projects.domain.scores import Evaluation, PartScore, PeerRating, Scorecard
from projects.domain.teams import Deliverable, Member, Milestones, Review, Team

Tag = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._ -]*$")]
# A query's competency tags (any of them): repeated or comma-separated, case-insensitive.
Competencies = value_list(Tag, most=20)
StageKey = Annotated[
    str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$", description="e.g. market-research")
]
Score = Annotated[Decimal, Field(ge=0, le=100, description="0 to 100")]
Weight = Annotated[Decimal, Field(ge=0, le=1, decimal_places=4)]
MetricName = Literal["sessions", "orders", "gmv", "conversion_rate", "rating"]
Unit = Annotated[
    str,
    Field(
        min_length=1,
        max_length=16,
        pattern=r"^[A-Za-z][A-Za-z0-9_-]*$",
        description="count, percent, stars or a currency code",
    ),
]
Comments = Annotated[Text, Field(max_length=4000)]
MAX_VALUE = Decimal("1e15")  # a metric's value or target (stored with four decimals)


# Projects


class StageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: StageKey
    name: Annotated[Text, Field(min_length=1, max_length=200)]


class WeightsIn(BaseModel):
    """The four parties' weights in the total: each 0 to 1, together exactly 1."""

    model_config = ConfigDict(extra="forbid")

    teacher: Weight
    enterprise: Weight
    platform: Weight
    peer: Weight

    def domain(self) -> Weights:
        return Weights(self.teacher, self.enterprise, self.platform, self.peer)


class TargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: Annotated[Decimal, Field(gt=0, le=MAX_VALUE, decimal_places=4, description="the value that scores 100")]
    unit: Unit


def targets(values: dict[str, TargetIn]) -> dict[str, Target]:
    return {k: Target(v.value, v.unit) for k, v in values.items()}


_PROJECT_EXAMPLE = {
    "title": "Launch a Lazada store for handmade ceramics",
    "brief": "Desensitised sales and listing data of our Malaysian store; take a product line to market.",
    "competencies": ["platform-operation", "digital-marketing", "data-analysis"],
    "team_capacity": 4,
    "min_team_size": 3,
    "max_team_size": 6,
    "credits": "2",
    "pass_mark": "60",
    "starts_on": "2027-03-01",
    "ends_on": "2027-06-30",
    "weights": {"teacher": "0.3", "enterprise": "0.3", "platform": "0.2", "peer": "0.2"},
    "platform_targets": {
        "gmv": {"value": "20000", "unit": "MYR"},
        "conversion_rate": {"value": "3", "unit": "percent"},
    },
}


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_PROJECT_EXAMPLE]})

    title: Annotated[Text, Field(min_length=1, max_length=200)]
    brief: Annotated[Text, Field(max_length=20_000)] = ""
    competencies: Annotated[list[Tag], Field(max_length=50)] = []
    stages: Annotated[
        list[StageIn] | None,
        Field(min_length=1, max_length=MAX_STAGES, description="default: the six stages of a cross-border store"),
    ] = None
    team_capacity: Annotated[StrictInt, Field(ge=1, le=MAX_TEAMS, description="how many teams the project takes")] = 10
    min_team_size: Annotated[StrictInt, Field(ge=1, le=MAX_TEAM_SIZE)] = 1
    max_team_size: Annotated[StrictInt, Field(ge=1, le=MAX_TEAM_SIZE)] = 6
    credits: Annotated[Decimal, Field(gt=0, le=MAX_CREDITS, decimal_places=2)] = Decimal(2)
    pass_mark: Annotated[
        Score, Field(decimal_places=2, description="0 to 100: a weighted total at or above passes")
    ] = Decimal(60)
    starts_on: Date
    ends_on: Date
    parallel_stages: StrictBool = False
    weights: WeightsIn | None = Field(default=None, description="default 0.3 / 0.3 / 0.2 / 0.2")
    platform_targets: Annotated[dict[MetricName, TargetIn], Field(max_length=len(CATALOGUE))] = {}


class ProjectUpdate(BaseModel):
    """A draft's terms; only the fields sent change."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"team_capacity": 6, "weights": {"teacher": 0.25, "enterprise": 0.35, "platform": 0.2, "peer": 0.2}}
            ]
        },
    )

    title: Annotated[Text, Field(min_length=1, max_length=200)] = None  # type: ignore[assignment]
    brief: Annotated[Text, Field(max_length=20_000)] = None  # type: ignore[assignment]
    competencies: Annotated[list[Tag], Field(max_length=50)] = None  # type: ignore[assignment]
    stages: Annotated[list[StageIn], Field(min_length=1, max_length=MAX_STAGES)] = None  # type: ignore[assignment]
    team_capacity: Annotated[StrictInt, Field(ge=1, le=MAX_TEAMS)] = None  # type: ignore[assignment]
    min_team_size: Annotated[StrictInt, Field(ge=1, le=MAX_TEAM_SIZE)] = None  # type: ignore[assignment]
    max_team_size: Annotated[StrictInt, Field(ge=1, le=MAX_TEAM_SIZE)] = None  # type: ignore[assignment]
    credits: Annotated[Decimal, Field(gt=0, le=MAX_CREDITS, decimal_places=2)] = None  # type: ignore[assignment]
    pass_mark: Annotated[Score, Field(decimal_places=2)] = None  # type: ignore[assignment]
    starts_on: Date = None  # type: ignore[assignment]
    ends_on: Date = None  # type: ignore[assignment]
    parallel_stages: StrictBool = None  # type: ignore[assignment]
    weights: WeightsIn = None  # type: ignore[assignment]

    def changes(self) -> dict:
        changes = {name: getattr(self, name) for name in self.model_fields_set}
        if "stages" in changes:
            changes["stages"] = [Stage(s.key, s.name) for s in self.stages]
        if "weights" in changes:
            changes["weights"] = self.weights.domain()
        return changes


class PlatformTargetsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"targets": {"orders": {"value": 300, "unit": "count"}, "gmv": {"value": 20000, "unit": "MYR"}}}
            ]
        },
    )

    targets: Annotated[
        dict[MetricName, TargetIn],
        Field(max_length=len(CATALOGUE), description="metric → the value that scores 100 (replaces the rule)"),
    ]


class StageRead(BaseModel):
    key: str
    name: str


class TargetRead(BaseModel):
    value: Decimal
    unit: str


class ProjectRead(BaseModel):
    id: uuid.UUID
    enterprise_org: str
    title: str
    brief: str
    competencies: list[str]
    stages: list[StageRead] = Field(description="in order")
    parallel_stages: bool = Field(description="whether a team may work on a stage before the previous is accepted")
    team_capacity: int
    teams_formed: int = Field(description="current teams")
    free_team_slots: int
    min_team_size: int
    max_team_size: int
    credits: Decimal
    pass_mark: Decimal = Field(description="0 to 100")
    starts_on: date
    ends_on: date
    weights: dict[str, Decimal] = Field(description="teacher, enterprise, platform, peer: sum to 1")
    platform_targets: dict[str, TargetRead] = Field(description="metric → the value that scores 100")
    status: str = Field(description="draft, published or completed")
    created_at: datetime
    published_at: datetime | None
    completed_at: datetime | None
    completion_forced: bool = Field(description="completed with stages of current teams not accepted (force)")
    completion_reason: str | None = Field(description="why it was completed with force")

    @classmethod
    def of(cls, p: Project) -> ProjectRead:
        return cls(
            id=p.id,
            enterprise_org=p.enterprise_org,
            title=p.title,
            brief=p.brief,
            competencies=p.competencies,
            stages=[StageRead(key=s.key, name=s.name) for s in p.stages],
            parallel_stages=p.parallel_stages,
            team_capacity=p.team_capacity,
            teams_formed=p.teams_formed,
            free_team_slots=p.team_capacity - p.teams_formed,
            min_team_size=p.min_team_size,
            max_team_size=p.max_team_size,
            credits=p.credits,
            pass_mark=p.pass_mark,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            weights=p.weights.as_dict(),
            platform_targets={k: TargetRead(value=t.value, unit=t.unit) for k, t in p.platform_targets.items()},
            status=p.status.value,
            created_at=p.created_at,
            published_at=p.published_at,
            completed_at=p.completed_at,
            completion_forced=p.completion_forced,
            completion_reason=p.completion_reason,
        )


class ProjectPage(Page[ProjectRead]):
    """A page of projects, newest first."""


class SharedSchoolRead(BaseModel):
    school_org: str
    granted_at: datetime
    granted_by: str
    revoked_at: datetime | None
    revoked_by: str | None
    sees_project: bool = Field(description="not revoked and still a partner (an active agreement)")

    @classmethod
    def of(cls, s: SharedSchool) -> SharedSchoolRead:
        return cls(
            school_org=s.school_org,
            granted_at=s.granted_at,
            granted_by=s.granted_by,
            revoked_at=s.revoked_at,
            revoked_by=s.revoked_by,
            sees_project=s.revoked_at is None and s.partner,
        )


class SharedSchoolPage(Page[SharedSchoolRead]):
    """A page of the schools a project is shared with, by school."""


class MaterialIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Orders 2025 (desensitised)",
                    "kind": "dataset",
                    "uri": "https://data.example.com/shares/orders-2025-anon.csv",
                    "description": "Customer names and addresses removed; prices scaled.",
                }
            ]
        },
    )

    title: Annotated[Text, Field(min_length=1, max_length=200)]
    kind: Literal["dataset", "file", "link"]
    uri: Annotated[Text, Field(min_length=1, max_length=2000, description="where the enterprise serves it")]
    description: Annotated[Text, Field(max_length=4000)] = ""


class MaterialRead(BaseModel):
    id: uuid.UUID
    project_id: uuid.UUID
    title: str
    kind: str
    uri: str
    description: str
    added_at: datetime
    added_by: str

    @classmethod
    def of(cls, m: Material) -> MaterialRead:
        return cls(**{**vars(m), "kind": m.kind.value})


class CompleteIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"force": True, "reason": "the platform shut the store down"}]}
    )

    force: StrictBool = Field(
        default=False, description="complete although current teams have stages not accepted yet (needs a reason)"
    )
    reason: Annotated[Text, Field(min_length=1, max_length=1000)] | None = None


class MaterialPage(Page[MaterialRead]):
    """A page of a project's material, oldest first."""


class CompletionRead(BaseModel):
    project: ProjectRead
    teams_completed: list[uuid.UUID]
    students_scored: int
    credits_awarded: int


# Teams


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

    def domain_members(self) -> list[Member]:
        return [Member(m.student_ref, m.display_name) for m in self.members]


class DissolveIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "two students left the programme"}]}
    )

    reason: Annotated[Text, Field(min_length=1, max_length=200)]


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


# Metrics

# A metric's name as a client writes it (in a body or a filter); the catalogue decides which exist.
MetricKey = Annotated[
    str, Field(min_length=1, max_length=32, pattern=r"^[a-z_]+$", description=f"one of {', '.join(CATALOGUE)}")
]


class MetricPointIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: MetricKey
    value: Annotated[
        Decimal, Field(le=MAX_VALUE, decimal_places=4, description="at least 0 (percent at most 100, stars at most 5)")
    ]
    unit: Unit
    period_start: Date
    period_end: Date

    def domain(self) -> DataPoint:
        return DataPoint(self.name, self.period_start, self.period_end, self.value, self.unit)


class MetricsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "metrics": [
                        {
                            "name": "orders",
                            "value": 120,
                            "unit": "count",
                            "period_start": "2027-04-01",
                            "period_end": "2027-04-30",
                        },
                        {
                            "name": "gmv",
                            "value": "8450.50",
                            "unit": "MYR",
                            "period_start": "2027-04-01",
                            "period_end": "2027-04-30",
                        },
                        {
                            "name": "conversion_rate",
                            "value": 2.4,
                            "unit": "percent",
                            "period_start": "2027-04-01",
                            "period_end": "2027-04-30",
                        },
                    ]
                }
            ]
        },
    )

    metrics: Annotated[list[MetricPointIn], Field(min_length=1, max_length=500)]


class MetricPointRead(BaseModel):
    name: str
    value: Decimal
    unit: str
    period_start: date
    period_end: date
    recorded_at: datetime | None
    recorded_by: str | None

    @classmethod
    def of(cls, d: DataPoint) -> MetricPointRead:
        return cls(
            name=d.metric,
            value=d.value,
            unit=d.unit,
            period_start=d.period_start,
            period_end=d.period_end,
            recorded_at=d.recorded_at,
            recorded_by=d.recorded_by,
        )


class MetricPage(Page[MetricPointRead]):
    """A page of a team's data points, by metric and period."""


class MetricsRecorded(BaseModel):
    items: list[MetricPointRead] = Field(description="the data points posted, as stored")


# Evaluations


class EvaluationIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "student_ref": "2024-0117",
                    "assessment": "progress",
                    "scores": {"process": 84, "knowledge": 78.5},
                    "comments": "Clear weekly operation logs.",
                }
            ]
        },
    )

    student_ref: StudentRef
    assessment: Literal["baseline", "progress"] = Field(
        default="progress", description="baseline: once, at the start; progress: any time, the latest counts"
    )
    scores: Annotated[
        dict[Literal["process", "knowledge", "skills", "qualities"], Score],
        Field(
            min_length=1,
            max_length=2,
            description="school mentors (party teacher): process and knowledge; "
            "enterprise mentors (party enterprise): skills and qualities; each 0 to 100",
        ),
    ]
    comments: Comments = ""


class EvaluationRead(BaseModel):
    id: uuid.UUID
    team_id: uuid.UUID
    student_ref: str
    party: str = Field(description="teacher or enterprise")
    assessment: str
    scores: dict[str, Decimal]
    score: Decimal = Field(description="the mean of the scores, 0 to 100")
    comments: str
    evaluator: str = Field(description="who gave it (their sub)")
    mentor_id: str | None
    recorded_at: datetime

    @classmethod
    def of(cls, e: Evaluation) -> EvaluationRead:
        return cls(
            id=e.id,
            team_id=e.team_id,
            student_ref=e.student_ref,
            party=e.party.value,
            assessment=e.assessment.value,
            scores=e.criteria,
            score=e.score,
            comments=e.comments,
            evaluator=e.evaluator,
            mentor_id=e.mentor_id,
            recorded_at=e.recorded_at,
        )


class EvaluationPage(Page[EvaluationRead]):
    """A page of a team's assessments, oldest first."""


class PeerRatingIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"stage": "market-research", "ratee_ref": "2024-0254", "score": 90, "comments": "Always there."}
            ]
        },
    )

    stage: StageKey
    ratee_ref: StudentRef
    score: Annotated[Score, Field(description="collaboration, 0 to 100")]
    comments: Comments = ""


class PeerRatingRead(BaseModel):
    id: uuid.UUID
    team_id: uuid.UUID
    stage: str
    rater_ref: str
    ratee_ref: str
    score: Decimal
    comments: str
    recorded_at: datetime

    @classmethod
    def of(cls, r: PeerRating) -> PeerRatingRead:
        return cls(**vars(r))


class PeerRatingPage(Page[PeerRatingRead]):
    """A page of a team's peer ratings, oldest first."""


# Scorecards


class PartRead(BaseModel):
    party: str
    weight: Decimal
    score: Decimal | None = Field(description="0 to 100; null while missing")
    weighted: Decimal = Field(description="weight × score (0 while missing)")
    given_by: list[str]
    at: datetime | None
    missing: str | None

    @classmethod
    def of(cls, p: PartScore) -> PartRead:
        return cls(
            party=p.party.value,
            weight=p.weight,
            score=p.score,
            weighted=p.weighted,
            given_by=p.given_by,
            at=p.at,
            missing=p.missing,
        )


class ValueAddedRead(BaseModel):
    baseline: Decimal
    latest: Decimal
    absolute: Decimal = Field(description="latest − baseline, in points")
    relative: Decimal | None = Field(description="absolute / baseline (0.25 = +25%); null for a baseline of 0")
    parties: list[str]


class MissingRead(BaseModel):
    part: str
    reason: str


class ScorecardRead(BaseModel):
    student_ref: str
    team_id: uuid.UUID
    project_id: uuid.UUID
    parts: list[PartRead]
    weighted_total: Decimal = Field(description="Σ weight × score, 0 to 100; a missing part counts 0")
    complete: bool
    missing: list[MissingRead]
    value_added: ValueAddedRead | None
    pass_mark: Decimal
    passes: bool

    @classmethod
    def of(cls, c: Scorecard, team: Team) -> ScorecardRead:
        va = c.value_added
        return cls(
            student_ref=c.student_ref,
            team_id=team.id,
            project_id=team.project_id,
            parts=[PartRead.of(p) for p in c.parts],
            weighted_total=c.weighted_total,
            complete=c.complete,
            missing=[MissingRead(part=m.part, reason=m.reason) for m in c.missing],
            value_added=(
                ValueAddedRead(
                    baseline=va.baseline,
                    latest=va.latest,
                    absolute=va.absolute,
                    relative=va.relative,
                    parties=[p.value for p in va.parties],
                )
                if va
                else None
            ),
            pass_mark=c.pass_mark,
            passes=c.passes,
        )


class MetricAchievementRead(BaseModel):
    metric: str
    target: Decimal
    unit: str
    value: Decimal | None
    achievement: Decimal | None = Field(description="value / target, at most 1")

    @classmethod
    def of(cls, m: MetricAchievement) -> MetricAchievementRead:
        return cls(**vars(m))


class PlatformRead(BaseModel):
    score: Decimal | None
    metrics: list[MetricAchievementRead]
    missing: str | None

    @classmethod
    def of(cls, p: PlatformScore) -> PlatformRead:
        return cls(score=p.score, metrics=[MetricAchievementRead.of(m) for m in p.metrics], missing=p.missing)


class TeamScorecardsRead(BaseModel):
    team_id: uuid.UUID
    platform: PlatformRead = Field(description="the team's platform score and how it was computed")
    scorecards: list[ScorecardRead]


# Credits


class CreditRead(BaseModel):
    id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    project_id: uuid.UUID
    project_title: str
    team_id: uuid.UUID
    credits: Decimal
    score: Decimal = Field(description="the weighted total, 0 to 100")
    awarded_on: date

    @classmethod
    def of(cls, c: Credit) -> CreditRead:
        return cls(**{k: v for k, v in vars(c).items() if k != "awarded_at"})


class CreditPage(Page[CreditRead]):
    """A page of credit records, newest first."""


class CreditExport(BaseModel):
    exported_at: datetime
    org: str
    count: int
    credits: list[CreditRead]
