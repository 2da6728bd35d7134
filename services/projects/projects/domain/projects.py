"""Enterprise projects: a real (desensitised) piece of work that student teams carry out in stages.

    draft ──(publish)──▶ published ──(complete)──▶ completed

An enterprise owns its projects. While a project is a draft its terms may change: title, brief, competency tags,
stages (the six of a cross-border store by default), how many teams it takes, team size, credits and pass mark,
dates, whether stages may run in parallel, and the evaluation weights of the four parties, which must sum to 1.
Published, its terms are fixed (teams work and are scored against them); the platform-data rule (targets per
metric) and the shared material may still change until it completes. Which partner schools see it is decided
per school by the enterprise, among its active partners (the handlers check the partnership read model).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from praxis_common.errors import Conflict, FieldError, InvalidInput
from praxis_evaluation import check_weights, quantize
from projects.domain.credits import Credit, CreditAwarded
from projects.domain.metrics import Target, check_target
from projects.domain.scores import Party

MAX_STAGES = 12
MAX_TEAMS = 1_000
MAX_TEAM_SIZE = 50
MAX_CREDITS = Decimal(30)
STAGE_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class StagesNotAccepted(Conflict):
    code, title = "stages-not-accepted", "Teams have stages not accepted yet; completing needs force and a reason"


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    COMPLETED = "completed"


@dataclass(frozen=True)
class Stage:
    key: str  # e.g. market-research; what deliverables and peer ratings name
    name: str


DEFAULT_STAGES = (
    Stage("market-research", "Market research"),
    Stage("product-selection", "Product selection"),
    Stage("store-opening", "Store or site opening"),
    Stage("marketing", "Marketing and promotion"),
    Stage("fulfilment", "Order fulfilment and delivery"),
    Stage("after-sales", "After-sales review"),
)


@dataclass(frozen=True)
class Weights:
    """How much each party's score counts in the total: each between 0 and 1, together exactly 1."""

    teacher: Decimal
    enterprise: Decimal
    platform: Decimal
    peer: Decimal

    def __post_init__(self) -> None:
        checked = check_weights({p.value: self.of(p) for p in Party}, field="weights", what="the four weights")
        for p in Party:  # as stored: four decimals
            object.__setattr__(self, p.value, checked[p.value])

    def of(self, party: Party) -> Decimal:
        return getattr(self, party.value)

    def as_dict(self) -> dict[str, Decimal]:
        return {p.value: self.of(p) for p in Party}


DEFAULT_WEIGHTS = Weights(Decimal("0.3"), Decimal("0.3"), Decimal("0.2"), Decimal("0.2"))


@dataclass(frozen=True)
class ProjectPublished:
    project: Project


@dataclass(frozen=True)
class ProjectCompleted:
    project: Project
    team_ids: list[uuid.UUID]  # the teams that completed with it
    credits_awarded: int


ProjectEvent = ProjectPublished | CreditAwarded | ProjectCompleted

# The terms a draft may change (PATCH); everything else has its own command.
EDITABLE = (
    "title",
    "brief",
    "competencies",
    "stages",
    "team_capacity",
    "min_team_size",
    "max_team_size",
    "credits",
    "pass_mark",
    "starts_on",
    "ends_on",
    "parallel_stages",
    "weights",
)


@dataclass
class Project:
    id: uuid.UUID
    enterprise_org: str
    title: str
    brief: str
    competencies: list[str]
    stages: list[Stage]
    team_capacity: int  # how many teams the project takes
    min_team_size: int
    max_team_size: int
    credits: Decimal  # what a passing student earns
    pass_mark: Decimal  # on the 0–100 scale of the weighted total
    starts_on: date
    ends_on: date
    weights: Weights
    created_at: datetime
    created_by: str
    parallel_stages: bool = False
    platform_targets: dict[str, Target] = field(default_factory=dict)
    status: Status = Status.DRAFT
    teams_formed: int = 0  # current teams; only the database changes it (a conditional UPDATE)
    published_at: datetime | None = None
    completed_at: datetime | None = None
    # Completed with stages of current teams not accepted: only explicitly (force), with the reason kept here.
    completion_forced: bool = False
    completion_reason: str | None = None
    version: int = 0
    events: list[ProjectEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def create(cls, *, enterprise_org: str, by: str, now: datetime, **terms) -> Project:
        terms.setdefault("stages", list(DEFAULT_STAGES))
        terms.setdefault("weights", DEFAULT_WEIGHTS)
        targets = terms.pop("platform_targets", {}) or {}
        project = cls(id=uuid.uuid4(), enterprise_org=enterprise_org, created_at=now, created_by=by, **terms)
        project._check_terms()
        project.set_platform_targets(targets)
        return project

    def amend(self, changes: dict) -> None:
        """Change the terms of a draft; the whole project is checked again."""
        if self.status is not Status.DRAFT:
            raise Conflict("only a draft's terms may change; a published project's terms are fixed")
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput(f"cannot change {', '.join(sorted(unknown))}")
        amended = replace(self, **changes, events=[])
        amended._check_terms()
        for name in changes:
            setattr(self, name, getattr(amended, name))

    def set_platform_targets(self, targets: dict[str, Target]) -> None:
        if self.status is Status.COMPLETED:
            raise Conflict("the project has completed")
        errors = [e for metric, t in targets.items() for e in check_target(metric, t)]
        if errors:
            raise InvalidInput("bad platform targets", errors=errors)
        self.platform_targets = dict(sorted(targets.items()))

    def publish(self, *, now: datetime) -> None:
        if self.status is not Status.DRAFT:
            raise Conflict(f"the project is {self.status}, not a draft")
        self.status, self.published_at = Status.PUBLISHED, now
        self.events.append(ProjectPublished(self))

    def require_published(self) -> None:
        if self.status is not Status.PUBLISHED:
            raise Conflict(f"only a published project completes; this one is {self.status}")

    def require_completable(self, unaccepted: dict[uuid.UUID, list[str]], *, force: bool, reason: str | None) -> bool:
        """Completing settles every current team's scorecard for good. With stages not accepted yet (`unaccepted`:
        team -> its stages not accepted) it takes an explicit `force` with a reason. Returns whether it is forced."""
        self.require_published()
        if force and not (reason and reason.strip()):
            raise InvalidInput("force needs a reason", errors=[FieldError("reason", "say why the project is forced")])
        open_stages = {team: stages for team, stages in unaccepted.items() if stages}
        if open_stages and not force:
            raise StagesNotAccepted(
                f"{len(open_stages)} team(s) have stages not accepted yet; completing now settles their scorecards "
                "as they stand and needs force with a reason",
                teams=[{"team_id": str(t), "stages": s} for t, s in sorted(open_stages.items())],
            )
        return bool(open_stages)

    def complete(
        self,
        *,
        now: datetime,
        team_ids: list[uuid.UUID],
        credits: list[Credit],
        forced: bool = False,
        reason: str | None = None,
    ) -> None:
        """Completed after its teams' scorecards were settled and `credits` awarded (see handlers.credits): each
        credit.awarded comes before project.completed. `forced` when stages were still open (require_completable),
        with the reason."""
        self.require_published()
        self.status, self.completed_at = Status.COMPLETED, now
        self.completion_forced, self.completion_reason = forced, reason if forced else None
        self.events.extend(CreditAwarded(c) for c in credits)
        self.events.append(ProjectCompleted(self, team_ids, len(credits)))

    def stage_keys(self) -> list[str]:
        return [s.key for s in self.stages]

    def stage(self, key: str) -> Stage:
        found = next((s for s in self.stages if s.key == key), None)
        if found is None:
            raise InvalidInput(f"no stage {key!r} in this project", errors=[FieldError("stage", "unknown stage")])
        return found

    @property
    def free_team_slots(self) -> int:
        return self.team_capacity - self.teams_formed

    @property
    def open_for_work(self) -> bool:
        return self.status is Status.PUBLISHED

    def pull_events(self) -> list[ProjectEvent]:
        events, self.events = self.events, []
        return events

    def _check_terms(self) -> None:
        errors: list[FieldError] = []
        if not self.title.strip():
            errors.append(FieldError("title", "must not be blank"))
        if not 1 <= len(self.stages) <= MAX_STAGES:
            errors.append(FieldError("stages", f"1 to {MAX_STAGES} stages"))
        keys = [s.key for s in self.stages]
        if len(set(keys)) != len(keys):
            errors.append(FieldError("stages", "stage keys must be distinct"))
        for i, s in enumerate(self.stages):
            if not STAGE_KEY.match(s.key):
                errors.append(FieldError(f"stages.{i}.key", "lowercase letters, digits and '-', 1 to 40"))
            if not s.name.strip():
                errors.append(FieldError(f"stages.{i}.name", "must not be blank"))
        if not 1 <= self.team_capacity <= MAX_TEAMS:
            errors.append(FieldError("team_capacity", f"1 to {MAX_TEAMS} teams"))
        if not 1 <= self.min_team_size <= self.max_team_size <= MAX_TEAM_SIZE:
            errors.append(FieldError("max_team_size", f"1 <= min_team_size <= max_team_size <= {MAX_TEAM_SIZE}"))
        if not Decimal(0) < self.credits <= MAX_CREDITS:
            errors.append(FieldError("credits", f"more than 0, at most {MAX_CREDITS}"))
        if not Decimal(0) <= self.pass_mark <= Decimal(100):
            errors.append(FieldError("pass_mark", "0 to 100"))
        if self.ends_on < self.starts_on:
            errors.append(FieldError("ends_on", "must not be before starts_on"))
        if errors:
            raise InvalidInput(f"invalid project: {', '.join(e.field for e in errors)}", errors=errors)
        # As stored: tags normalised, credits and pass mark to two decimals.
        self.competencies = normalise_tags(self.competencies)
        self.credits, self.pass_mark = quantize(self.credits), quantize(self.pass_mark)


def normalise_tags(values: list[str]) -> list[str]:
    """Competency tags compare case-insensitively; stored sorted and distinct."""
    return sorted({v.strip().lower() for v in values if v.strip()})


class MaterialKind(StrEnum):
    DATASET = "dataset"  # desensitised data (orders, listings, reviews)
    FILE = "file"  # a document in the enterprise's store
    LINK = "link"


class Sensitivity(StrEnum):
    """Who of a school that sees the project may open a material item (docs/project-material.md)."""

    PUBLIC = "public"  # the school may show it beyond its users (e.g. a course page)
    INTERNAL = "internal"  # the school's users only
    CONFIDENTIAL = "confidential"  # the school's staff, and students who accepted the current terms


@dataclass(frozen=True)
class Material:
    """A reference to desensitised data or a file the enterprise shares with the schools that see the project.
    Praxis keeps the reference, not the content: the enterprise's store serves it."""

    id: uuid.UUID
    project_id: uuid.UUID
    title: str
    kind: MaterialKind
    uri: str
    description: str
    added_at: datetime
    added_by: str
    sensitivity: Sensitivity = Sensitivity.INTERNAL


@dataclass(frozen=True)
class SharedSchool:
    """A school the enterprise shared the project with (or revoked), as its managers see it."""

    school_org: str
    granted_at: datetime
    granted_by: str
    revoked_at: datetime | None
    revoked_by: str | None
    partner: bool  # an active partnership now
    expires_at: datetime | None = None  # None: until revoked
    expired: bool = False  # expires_at has passed (by the service's database clock, when read)

    @property
    def sees_project(self) -> bool:
        """Not revoked, not expired and still a partner (an active agreement)."""
        return self.revoked_at is None and not self.expired and self.partner


@dataclass(frozen=True)
class SchoolShared:
    """The enterprise shared (or shared again, or changed the expiry of) a project with a school."""

    project_id: uuid.UUID
    enterprise_org: str
    school: SharedSchool
