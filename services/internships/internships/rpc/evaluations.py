"""gRPC methods of rubrics and placement evaluations (praxis.internships.v1.EvaluationService): protobuf →
schemas.evaluations → handler → protobuf."""

from __future__ import annotations

from internships.domain.placement_evaluations import PlacementEvaluation
from internships.domain.rubric_defaults import DEFAULT_RUBRIC_VERSION, default_rubric_id
from internships.domain.rubrics import RubricVersion
from internships.handlers import placement_evaluations as evaluations
from internships.handlers import rubrics
from internships.handlers.placement_evaluations import MentorDirectory
from internships.rpc.messages import Servicer, decimal, ts
from internships.schemas.evaluations import EvaluationCreate, RubricCreate
from praxis.internships.v1 import evaluation_pb2 as pb
from praxis.internships.v1 import evaluation_pb2_grpc as pb_grpc
from praxis_common import rpc
from praxis_common.auth import bearer_token
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate
from praxis_evaluation import Indicator


def indicator_to_pb(i: Indicator) -> pb.RubricIndicator:
    return pb.RubricIndicator(
        key=i.key,
        name_zh=i.name_zh,
        name_en=i.name_en,
        scorer=i.scorer.value,
        weight=str(i.weight),
        levels=[
            pb.RubricLevel(
                name=lv.name, min_score=str(lv.min_score), max_score=str(lv.max_score), descriptor=lv.descriptor
            )
            for lv in i.levels
        ],
        competencies=list(i.competencies),
        origin=i.origin,
        description=i.description,
    )


def rubric_to_pb(v: RubricVersion) -> pb.RubricVersion:
    return pb.RubricVersion(
        agreement_id=str(v.agreement_id),
        version=v.version,
        internship_type=v.internship_type.value,
        indicators=[indicator_to_pb(i) for i in v.indicators],
        proposed_by_side=v.proposed_by_side,
        proposed_by=v.proposed_by,
        proposed_at=ts(v.proposed_at),
        accepted_by=v.accepted_by or "",
        accepted_at=ts(v.accepted_at),
    )


def evaluation_to_pb(e: PlacementEvaluation) -> pb.PlacementEvaluation:
    return pb.PlacementEvaluation(
        id=str(e.id),
        placement_id=str(e.placement_id),
        window=e.window.value,
        scorer=e.scorer.value,
        scores={k: str(v) for k, v in e.scores.items()},
        score=str(e.score),
        comments=e.comments,
        recorded_by=e.recorded_by,
        recorded_at=ts(e.recorded_at),
        rubric_id=e.rubric_id,
        rubric_version=e.rubric_version,
        mentor_id=str(e.mentor_id) if e.mentor_id else "",
        expert_name=e.expert_name or "",
    )


def _rubric_in(request) -> RubricCreate:
    return validate(
        RubricCreate,
        {
            "internship_type": request.internship_type or None,
            "indicators": [
                {
                    "key": i.key,
                    "name_zh": i.name_zh,
                    "name_en": i.name_en,
                    "scorer": i.scorer or None,
                    "weight": i.weight or None,
                    "levels": [
                        {
                            "name": lv.name,
                            "min_score": lv.min_score or None,
                            "max_score": lv.max_score or None,
                            "descriptor": lv.descriptor,
                        }
                        for lv in i.levels
                    ],
                    "competencies": list(i.competencies),
                    "description": i.description,
                }
                for i in request.indicators
            ],
        },
    )


def _version(value: int) -> int:
    if value < 1:
        raise InvalidInput("version is a number from 1", errors=[FieldError("version", "from 1")])
    return value


class EvaluationServicer(Servicer, pb_grpc.EvaluationServiceServicer):
    """praxis.internships.v1.EvaluationService."""

    def __init__(self, rt: Runtime, mentors: MentorDirectory) -> None:
        super().__init__(rt)
        self.mentors = mentors

    async def ProposeRubric(self, request: pb.ProposeRubricRequest, context) -> pb.ProposeRubricResponse:
        agreement_id = parse_uuid(request.agreement_id, "agreement_id")
        body = _rubric_in(request)

        async def make(uow) -> pb.ProposeRubricResponse:
            v = await rubrics.propose_rubric(agreement_id, body.to_command(), principal(), uow=uow, clock=self.rt.clock)
            return pb.ProposeRubricResponse(rubric=rubric_to_pb(v))

        return await rpc.created(context, self.rt.uow, request, make, pb.ProposeRubricResponse)

    async def ReviseRubric(self, request: pb.ReviseRubricRequest, context) -> pb.ReviseRubricResponse:
        agreement_id = parse_uuid(request.agreement_id, "agreement_id")
        body = _rubric_in(request)
        v = await rubrics.revise_rubric(
            agreement_id,
            _version(request.version),
            body.to_command(),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.ReviseRubricResponse(rubric=rubric_to_pb(v))

    async def AcceptRubric(self, request: pb.AcceptRubricRequest, context) -> pb.AcceptRubricResponse:
        agreement_id = parse_uuid(request.agreement_id, "agreement_id")
        v = await rubrics.accept_rubric(
            agreement_id, _version(request.version), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.AcceptRubricResponse(rubric=rubric_to_pb(v))

    async def ListRubrics(self, request: pb.ListRubricsRequest, context) -> pb.ListRubricsResponse:
        found = await rubrics.list_rubrics(
            parse_uuid(request.agreement_id, "agreement_id"), principal(), uow=self.rt.uow
        )
        return pb.ListRubricsResponse(
            versions=[rubric_to_pb(v) for v in found.versions], agreed={t.value: n for t, n in found.agreed.items()}
        )

    async def GetRubric(self, request: pb.GetRubricRequest, context) -> pb.GetRubricResponse:
        v = await rubrics.get_rubric(
            parse_uuid(request.agreement_id, "agreement_id"), _version(request.version), principal(), uow=self.rt.uow
        )
        return pb.GetRubricResponse(rubric=rubric_to_pb(v))

    async def GetRubricDefaults(self, request: pb.GetRubricDefaultsRequest, context) -> pb.GetRubricDefaultsResponse:
        principal()
        return pb.GetRubricDefaultsResponse(
            rubrics=[
                pb.DefaultRubric(
                    internship_type=t.value,
                    rubric_id=default_rubric_id(t),
                    version=DEFAULT_RUBRIC_VERSION,
                    indicators=[indicator_to_pb(i) for i in indicators],
                )
                for t, indicators in rubrics.rubric_defaults().items()
            ]
        )

    async def RecordPlacementEvaluation(
        self, request: pb.RecordPlacementEvaluationRequest, context
    ) -> pb.RecordPlacementEvaluationResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        command = validate(
            EvaluationCreate,
            {
                "window": request.window or None,
                "scores": dict(request.scores),
                "comments": request.comments,
                "expert_name": request.expert_name or None,
            },
        ).to_command()

        async def confirm():
            return await evaluations.confirm_evaluator(
                placement_id,
                command,
                principal(),
                token=bearer_token(dict(context.invocation_metadata() or ()).get("authorization")),
                uow=self.rt.uow,
                mentors=self.mentors,
                clock=self.rt.clock,
            )

        async def record(uow, evaluator) -> pb.RecordPlacementEvaluationResponse:
            e = await evaluations.record_placement_evaluation(
                placement_id, command, principal(), evaluator, uow=uow, clock=self.rt.clock
            )
            return pb.RecordPlacementEvaluationResponse(evaluation=evaluation_to_pb(e))

        return await rpc.created(
            context, self.rt.uow, request, record, pb.RecordPlacementEvaluationResponse, prepare=confirm
        )

    async def GetPlacementScorecard(
        self, request: pb.GetPlacementScorecardRequest, context
    ) -> pb.GetPlacementScorecardResponse:
        s = await evaluations.get_scorecard(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        c = s.scorecard
        va = c.value_added
        return pb.GetPlacementScorecardResponse(
            placement_id=str(s.placement.id),
            student_ref=c.student_ref,
            rubric_id=s.rubric.rubric_id,
            rubric_version=s.rubric.version,
            rubric_bound=s.bound,
            parts=[
                pb.ScorecardPart(
                    party=p.party,
                    weight=str(p.weight),
                    score=decimal(p.score),
                    weighted=str(p.weighted),
                    given_by=p.given_by,
                    at=ts(p.at),
                    missing=p.missing or "",
                )
                for p in c.parts
            ],
            weighted_total=str(c.weighted_total),
            complete=c.complete,
            missing=[pb.ScorecardMissing(part=m.part, reason=m.reason) for m in c.missing],
            value_added=pb.ScorecardValueAdded(
                baseline=str(va.baseline),
                latest=str(va.latest),
                absolute=str(va.absolute),
                relative=decimal(va.relative),
                parties=va.parties,
            )
            if va
            else None,
            pass_mark=str(c.pass_mark),
            passes=c.passes,
            data={k: str(v) for k, v in s.data.items() if v is not None},
            evaluations=[evaluation_to_pb(e) for e in s.evaluations],
        )
