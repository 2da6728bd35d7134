"""Project bodies: create, change a draft, platform targets, material, completion; the schools it is shared with
(a share's expiry and the confidentiality terms: schemas.material_access)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from praxis_common.feeds import ChangePage
from praxis_common.pages import Page
from praxis_common.validation import Date, Text
from projects.domain.metrics import CATALOGUE, Target
from projects.domain.projects import (
    MAX_CREDITS,
    MAX_STAGES,
    MAX_TEAM_SIZE,
    MAX_TEAMS,
    Material,
    MaterialKind,
    Project,
    Sensitivity,
    SharedSchool,
    Stage,
    Status,
    Weights,
)
from projects.handlers.credits import CompleteProject
from projects.handlers.projects import (
    AddMaterial,
    AmendProject,
    CreateProject,
    ListProjects,
    SetPlatformTargets,
)
from projects.schemas.fields import MAX_VALUE, MetricName, Score, StageKey, Tag, Unit, Weight


class StageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: StageKey
    name: Annotated[Text, Field(min_length=1, max_length=200)]

    def domain(self) -> Stage:
        return Stage(self.key, self.name)


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

    def to_command(self) -> CreateProject:
        return CreateProject(
            title=self.title,
            brief=self.brief,
            competencies=self.competencies,
            stages=[s.domain() for s in self.stages] if self.stages else None,
            team_capacity=self.team_capacity,
            min_team_size=self.min_team_size,
            max_team_size=self.max_team_size,
            credits=self.credits,
            pass_mark=self.pass_mark,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            parallel_stages=self.parallel_stages,
            weights=self.weights.domain() if self.weights else None,
            platform_targets=targets(self.platform_targets),
        )


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

    def to_command(self) -> AmendProject:
        changes = {name: getattr(self, name) for name in self.model_fields_set}
        if "stages" in changes:
            changes["stages"] = [s.domain() for s in self.stages]
        if "weights" in changes:
            changes["weights"] = self.weights.domain()
        return AmendProject(changes)


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

    def to_command(self) -> SetPlatformTargets:
        return SetPlatformTargets(targets(self.targets))


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
            free_team_slots=p.free_team_slots,
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


class ProjectChanges(ChangePage[ProjectRead]):
    """The projects changed since a cursor (`updated_since`), oldest change first; tombstones for the others."""


class ProjectPage(Page[ProjectRead]):
    """A page of projects, newest first."""


class SharedSchoolRead(BaseModel):
    school_org: str
    granted_at: datetime
    granted_by: str
    revoked_at: datetime | None
    revoked_by: str | None
    expires_at: datetime | None = Field(description="when the school loses access; null: until revoked")
    expired: bool = Field(description="expires_at has passed: the school sees the project no more, as if revoked")
    sees_project: bool = Field(description="not revoked, not expired and still a partner (an active agreement)")

    @classmethod
    def of(cls, s: SharedSchool) -> SharedSchoolRead:
        return cls(
            school_org=s.school_org,
            granted_at=s.granted_at,
            granted_by=s.granted_by,
            revoked_at=s.revoked_at,
            revoked_by=s.revoked_by,
            expires_at=s.expires_at,
            expired=s.expired,
            sees_project=s.sees_project,
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
    sensitivity: Literal["public", "internal", "confidential"] = Field(
        default="internal",
        description="public: the school may show it beyond its users; internal: the school's users; confidential: "
        "the school's staff and the students who accepted the current terms (docs/project-material.md)",
    )

    def to_command(self) -> AddMaterial:
        return AddMaterial(
            self.title, MaterialKind(self.kind), self.uri, self.description, Sensitivity(self.sensitivity)
        )


class MaterialRead(BaseModel):
    id: uuid.UUID
    project_id: uuid.UUID
    title: str
    kind: str
    uri: str
    description: str
    added_at: datetime
    added_by: str
    sensitivity: str = Field(description="public | internal | confidential")

    @classmethod
    def of(cls, m: Material) -> MaterialRead:
        return cls(**{**vars(m), "kind": m.kind.value, "sensitivity": m.sensitivity.value})


class CompleteIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"force": True, "reason": "the platform shut the store down"}]}
    )

    force: StrictBool = Field(
        default=False, description="complete although current teams have stages not accepted yet (needs a reason)"
    )
    reason: Annotated[Text, Field(min_length=1, max_length=1000)] | None = None

    def to_command(self) -> CompleteProject:
        return CompleteProject(force=self.force, reason=self.reason)


class MaterialPage(Page[MaterialRead]):
    """A page of a project's material, oldest first."""


class CompletionRead(BaseModel):
    project: ProjectRead
    teams_completed: list[uuid.UUID]
    students_scored: int
    credits_awarded: int


def list_query(status: str | None, competencies: list[str], page_size: int, page_token: str | None) -> ListProjects:
    """The ListProjects command of a validated query (GET /v1/projects, gRPC ListProjects)."""
    return ListProjects(
        status=Status(status) if status else None,
        competencies=tuple(competencies),
        page_size=page_size,
        page_token=page_token,
    )
