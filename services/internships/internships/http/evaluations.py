"""REST routes of rubrics (/v1/agreements/{id}/rubrics, /v1/rubric-defaults) and placement evaluations
(/v1/placements/{id}/evaluations, /scorecard); thin."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from internships.domain.rubric_defaults import DEFAULT_RUBRIC_VERSION, default_rubric_id
from internships.handlers import placement_evaluations as evaluations
from internships.handlers import rubrics
from internships.handlers.placement_evaluations import MentorDirectory
from internships.schemas.evaluations import (
    AgreementRubricsRead,
    DefaultRubricRead,
    EvaluationCreate,
    EvaluationRead,
    IndicatorRead,
    RubricCreate,
    RubricDefaultsRead,
    RubricRead,
    ScorecardRead,
)
from praxis_common.auth import bearer_token
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.service import Runtime

Version = Annotated[int, Path(ge=1, le=1_000_000)]
MENTOR_CHECK = {
    403: {"description": "not the placement's mentor of your side, as the mentors service knows (problem+json)"},
    503: {"description": "the mentors service could not confirm it in time; nothing was recorded (problem+json)"},
}


def router(rt: Runtime, mentors: MentorDirectory) -> APIRouter:
    r = APIRouter(tags=["evaluation"])

    @r.post(
        "/v1/agreements/{agreement_id}/rubrics",
        operation_id="proposeRubric",
        status_code=201,
        response_model=RubricRead,
        summary="Propose a rubric version for an agreement and internship type",
    )
    async def propose(
        request: Request,
        agreement_id: uuid.UUID,
        body: RubricCreate,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """The school's admin or teacher proposes; the enterprise's admin or HR may propose a version adding its
        own indicators (scored by its mentor) that keeps every school indicator (weights aside). Weights must sum
        to 1 and `peer` is refused (422). The other party accepts it. Send an Idempotency-Key."""

        async def make(uow) -> tuple[RubricRead, str]:
            v = await rubrics.propose_rubric(agreement_id, body.to_command(), principal, uow=uow, clock=rt.clock)
            return RubricRead.of(v), f"/v1/agreements/{agreement_id}/rubrics/{v.version}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=make)

    @r.get(
        "/v1/agreements/{agreement_id}/rubrics",
        operation_id="listRubrics",
        response_model=AgreementRubricsRead,
        summary="An agreement's rubric versions and the agreed one of each type",
    )
    async def list_(agreement_id: uuid.UUID, principal: PrincipalDep) -> AgreementRubricsRead:
        return AgreementRubricsRead.of(await rubrics.list_rubrics(agreement_id, principal, uow=rt.uow))

    @r.get(
        "/v1/agreements/{agreement_id}/rubrics/{version}",
        operation_id="getRubric",
        response_model=RubricRead,
        summary="One rubric version (the agreement's parties; others get 404)",
    )
    async def get(agreement_id: uuid.UUID, version: Version, principal: PrincipalDep) -> RubricRead:
        return RubricRead.of(await rubrics.get_rubric(agreement_id, version, principal, uow=rt.uow))

    @r.put(
        "/v1/agreements/{agreement_id}/rubrics/{version}",
        operation_id="reviseRubric",
        response_model=RubricRead,
        summary="Change a rubric version no placement's scores use yet",
    )
    async def revise(
        agreement_id: uuid.UUID, version: Version, body: RubricCreate, principal: PrincipalDep
    ) -> RubricRead:
        """Its proposer only; it then waits for the other party's acceptance again. Once a placement's scores use
        the version it never changes: 409 `rubric-in-use` — propose a new version."""
        v = await rubrics.revise_rubric(agreement_id, version, body.to_command(), principal, uow=rt.uow, clock=rt.clock)
        return RubricRead.of(v)

    @r.post(
        "/v1/agreements/{agreement_id}/rubrics/{version}/acceptance",
        operation_id="acceptRubric",
        response_model=RubricRead,
        summary="Accept the other party's rubric version",
    )
    async def accept(agreement_id: uuid.UUID, version: Version, principal: PrincipalDep) -> RubricRead:
        return RubricRead.of(await rubrics.accept_rubric(agreement_id, version, principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/v1/rubric-defaults",
        operation_id="getRubricDefaults",
        response_model=RubricDefaultsRead,
        summary="The rubric of each internship type used when an agreement has none agreed",
    )
    async def defaults(principal: PrincipalDep) -> RubricDefaultsRead:
        return RubricDefaultsRead(
            rubrics=[
                DefaultRubricRead(
                    internship_type=t,
                    rubric_id=default_rubric_id(t),
                    version=DEFAULT_RUBRIC_VERSION,
                    indicators=[IndicatorRead.of(i) for i in indicators],
                )
                for t, indicators in rubrics.rubric_defaults().items()
            ]
        )

    @r.post(
        "/v1/placements/{placement_id}/evaluations",
        operation_id="recordPlacementEvaluation",
        status_code=201,
        response_model=EvaluationRead,
        responses=MENTOR_CHECK,
        summary="A party's midterm or final score of a placement",
    )
    async def record(
        request: Request,
        placement_id: uuid.UUID,
        body: EvaluationCreate,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """The placement's assigned school and enterprise mentors (confirmed by the mentors service; when it cannot
        answer, 503 and nothing recorded), its student (self-assessment), or the school's admin or teacher with
        `expert_name` score their indicators of the placement's rubric, 0 to 100. The midterm window opens at the
        placement's mid-point, the final 7 days before its end (409 `window-not-open` before). Send an
        Idempotency-Key."""
        command = body.to_command()

        async def confirm():
            return await evaluations.confirm_evaluator(
                placement_id,
                command,
                principal,
                token=bearer_token(request.headers.get("authorization")),
                uow=rt.uow,
                mentors=mentors,
                clock=rt.clock,
            )

        async def record_it(uow, evaluator) -> tuple[EvaluationRead, str]:
            e = await evaluations.record_placement_evaluation(
                placement_id, command, principal, evaluator, uow=uow, clock=rt.clock
            )
            return EvaluationRead.of(e), f"/v1/placements/{placement_id}/scorecard"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=record_it, prepare=confirm)

    @r.get(
        "/v1/placements/{placement_id}/scorecard",
        operation_id="getPlacementScorecard",
        response_model=ScorecardRead,
        summary="A placement's scorecard: parts, data score, value-added, what is missing",
    )
    async def scorecard(placement_id: uuid.UUID, principal: PrincipalDep) -> ScorecardRead:
        """To the placement's school and enterprise staff, its mentors and its student; 404 to anyone else."""
        return ScorecardRead.of(await evaluations.get_scorecard(placement_id, principal, uow=rt.uow, clock=rt.clock))

    return r
