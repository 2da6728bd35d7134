"""Request and response bodies of rubrics, placement evaluations and scorecards, shared by the REST and gRPC edges.
Scores are numbers from 0 to 100 (two decimals kept, half up); weights numbers from 0 to 1 that sum to 1. The rules
themselves are the evaluation engine's (praxis_evaluation): these models only shape the input."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from internships.domain.course import InternshipType
from internships.domain.evaluation_windows import Window
from internships.domain.placement_evaluations import PlacementEvaluation
from internships.domain.rubrics import RubricVersion
from internships.handlers.placement_evaluations import PlacementScorecard, RecordPlacementEvaluation
from internships.handlers.rubrics import AgreementRubrics, ProposeRubric
from praxis_common.validation import Tag, Text
from praxis_evaluation import Indicator, Level, Scorer

IndicatorKey = Annotated[str, StringConstraints(min_length=1, max_length=48, pattern=r"^[a-z][a-z0-9_]*$")]
Name = Annotated[Text, Field(min_length=1, max_length=200)]


class LevelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    min_score: Decimal
    max_score: Decimal
    descriptor: Annotated[Text, Field(max_length=1000)] = ""


class IndicatorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: IndicatorKey
    name_zh: Name
    name_en: Name
    scorer: Scorer = Field(
        description="school_mentor | enterprise_mentor | self | data | expert; peer is refused (placements have no "
        "peer scoring); a data indicator's key is its measure: attendance, hours, core_work, weekly_reports or "
        "achievements"
    )
    weight: Decimal = Field(description="0 to 1; the indicators' weights sum to 1")
    levels: Annotated[list[LevelIn], Field(max_length=10)] = []
    competencies: Annotated[list[Tag], Field(max_length=20)] = []
    description: Annotated[Text, Field(max_length=1000)] = ""

    def to_indicator(self) -> Indicator:
        return Indicator(
            key=self.key,
            name_zh=self.name_zh,
            name_en=self.name_en,
            scorer=self.scorer,
            weight=self.weight,
            levels=tuple(Level(lv.name, lv.min_score, lv.max_score, lv.descriptor) for lv in self.levels),
            competencies=tuple(self.competencies),
            description=self.description,
        )


class RubricCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "internship_type": "post_internship",
                    "indicators": [
                        {
                            "key": "job_skills",
                            "name_zh": "岗位技能",
                            "name_en": "Job skills",
                            "scorer": "enterprise_mentor",
                            "weight": "0.5",
                            "competencies": ["platform_operation"],
                        },
                        {
                            "key": "professional_knowledge",
                            "name_zh": "专业知识应用",
                            "name_en": "Applying professional knowledge",
                            "scorer": "school_mentor",
                            "weight": "0.3",
                        },
                        {
                            "key": "attendance",
                            "name_zh": "出勤率",
                            "name_en": "Attendance rate",
                            "scorer": "data",
                            "weight": "0.2",
                        },
                    ],
                }
            ]
        },
    )

    internship_type: InternshipType
    indicators: Annotated[list[IndicatorIn], Field(min_length=1, max_length=50)]

    def to_command(self) -> ProposeRubric:
        return ProposeRubric(self.internship_type, [i.to_indicator() for i in self.indicators])


class LevelRead(BaseModel):
    name: str
    min_score: Decimal
    max_score: Decimal
    descriptor: str


class IndicatorRead(BaseModel):
    key: str
    name_zh: str
    name_en: str
    scorer: Scorer
    weight: Decimal
    levels: list[LevelRead]
    competencies: list[str]
    origin: str = Field(description="school, or enterprise for the enterprise's own employee indicators")
    description: str

    @classmethod
    def of(cls, i: Indicator) -> IndicatorRead:
        return cls(
            key=i.key,
            name_zh=i.name_zh,
            name_en=i.name_en,
            scorer=i.scorer,
            weight=i.weight,
            levels=[
                LevelRead(name=lv.name, min_score=lv.min_score, max_score=lv.max_score, descriptor=lv.descriptor)
                for lv in i.levels
            ],
            competencies=list(i.competencies),
            origin=i.origin,
            description=i.description,
        )


class RubricRead(BaseModel):
    agreement_id: uuid.UUID
    version: int
    internship_type: InternshipType
    indicators: list[IndicatorRead]
    proposed_by_side: str
    proposed_by: str
    proposed_at: datetime
    accepted_by: str | None
    accepted_at: datetime | None = Field(description="null: waiting for the other party's acceptance")

    @classmethod
    def of(cls, v: RubricVersion) -> RubricRead:
        return cls(
            agreement_id=v.agreement_id,
            version=v.version,
            internship_type=v.internship_type,
            indicators=[IndicatorRead.of(i) for i in v.indicators],
            proposed_by_side=v.proposed_by_side,
            proposed_by=v.proposed_by,
            proposed_at=v.proposed_at,
            accepted_by=v.accepted_by,
            accepted_at=v.accepted_at,
        )


class AgreementRubricsRead(BaseModel):
    versions: list[RubricRead]
    agreed: dict[str, int] = Field(description="internship type -> the version both parties accepted (latest)")

    @classmethod
    def of(cls, r: AgreementRubrics) -> AgreementRubricsRead:
        return cls(versions=[RubricRead.of(v) for v in r.versions], agreed={t.value: n for t, n in r.agreed.items()})


class DefaultRubricRead(BaseModel):
    internship_type: InternshipType
    rubric_id: str
    version: int
    indicators: list[IndicatorRead]


class RubricDefaultsRead(BaseModel):
    rubrics: list[DefaultRubricRead]


class EvaluationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "window": "final",
                    "scores": {"job_skills": 86, "work_quality": 82.5, "professionalism": 90},
                    "comments": "Runs the store's listings on her own now.",
                }
            ]
        },
    )

    window: Window
    scores: Annotated[dict[IndicatorKey, Decimal], Field(min_length=1, max_length=50)] = Field(
        description="indicator key -> score 0 to 100: exactly the indicators of the caller's party in the rubric"
    )
    comments: Annotated[Text, Field(max_length=4000)] = ""
    expert_name: Annotated[Text, Field(min_length=1, max_length=200)] | None = Field(
        default=None, description="the school's admin or teacher records an invited expert's score, naming the expert"
    )

    def to_command(self) -> RecordPlacementEvaluation:
        return RecordPlacementEvaluation(self.window, dict(self.scores), self.comments, self.expert_name)


class EvaluationRead(BaseModel):
    id: uuid.UUID
    placement_id: uuid.UUID
    window: Window
    scorer: Scorer
    scores: dict[str, Decimal]
    score: Decimal = Field(description="the party's weighted mean over its indicators, 0 to 100")
    comments: str
    recorded_by: str
    recorded_at: datetime
    rubric_id: str
    rubric_version: int
    mentor_id: uuid.UUID | None
    expert_name: str | None

    @classmethod
    def of(cls, e: PlacementEvaluation) -> EvaluationRead:
        return cls(**{n: getattr(e, n) for n in cls.model_fields})


class PartRead(BaseModel):
    party: str
    weight: Decimal
    score: Decimal | None
    weighted: Decimal
    given_by: list[str]
    at: datetime | None
    missing: str | None


class MissingRead(BaseModel):
    part: str
    reason: str


class ValueAddedRead(BaseModel):
    baseline: Decimal
    latest: Decimal
    absolute: Decimal
    relative: Decimal | None
    parties: list[str]


class ScorecardRead(BaseModel):
    placement_id: uuid.UUID
    student_ref: str
    rubric_id: str
    rubric_version: int
    rubric_bound: bool = Field(description="true: the placement's scores use this version; false: its first will")
    parts: list[PartRead]
    weighted_total: Decimal
    complete: bool
    missing: list[MissingRead]
    value_added: ValueAddedRead | None
    pass_mark: Decimal
    passes: bool
    data: dict[str, Decimal | None] = Field(description="each data measure's score now; null: no score yet")
    evaluations: list[EvaluationRead]

    @classmethod
    def of(cls, s: PlacementScorecard) -> ScorecardRead:
        c = s.scorecard
        return cls(
            placement_id=s.placement.id,
            student_ref=c.student_ref,
            rubric_id=s.rubric.rubric_id,
            rubric_version=s.rubric.version,
            rubric_bound=s.bound,
            parts=[PartRead(**vars(p)) for p in c.parts],
            weighted_total=c.weighted_total,
            complete=c.complete,
            missing=[MissingRead(part=m.part, reason=m.reason) for m in c.missing],
            value_added=ValueAddedRead(**vars(c.value_added)) if c.value_added else None,
            pass_mark=c.pass_mark,
            passes=c.passes,
            data=s.data,
            evaluations=[EvaluationRead.of(e) for e in s.evaluations],
        )
