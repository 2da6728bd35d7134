"""gRPC methods of an allocation round's runs and results."""

from __future__ import annotations

import asyncio

from internships.domain.rounds import split_student_key
from internships.handlers import rounds as round_handlers
from internships.rpc.messages import Servicer, profile_out, ts
from internships.schemas.round_results import RESULT_PAGE_DEFAULT, RESULT_PAGE_MAX
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import pages
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid


def run_to_pb(run, *, published_run_id=None) -> pb.RoundRun:
    return pb.RoundRun(
        id=str(run.id),
        seq=run.seq,
        input_hash=run.input_hash,
        algorithm_version=run.algorithm_version,
        seed=run.seed,
        computed_at=ts(run.computed_at),
        computed_by=run.computed_by,
        students=run.students,
        matched=run.matched,
        published=run.id == published_run_id,
    )


def _standing_to_pb(standing: dict | None) -> pb.Standing | None:
    return None if standing is None else pb.Standing(**standing)


def rejection_to_pb(r: dict) -> pb.Rejection:
    return pb.Rejection(
        position_id=r["position_id"],
        reason=r["reason"],
        seats=r["seats"],
        position_tags=r["position_tags"],
        you=_standing_to_pb(r["you"]),
        cutoff=_standing_to_pb(r["cutoff"]),
        lost_on_draw=r["lost_on_draw"],
        text=r["text"],
    )


def result_to_pb(result: round_handlers.Result) -> pb.GetRoundResultResponse:
    """The result as the handler shaped it for the caller (explanations only where it kept them)."""
    return pb.GetRoundResultResponse(
        round_id=str(result.round.id),
        run=run_to_pb(result.run, published_run_id=result.round.published_run_id),
        published=result.published,
        students=[
            pb.RoundMatch(
                school_org=m.school_org,
                student_ref=m.student_ref,
                position_id=str(m.position_id or ""),
                choice=m.choice,
                profile=profile_out(m.profile),
                explanation=[rejection_to_pb(r) for r in m.explanation or ()],
            )
            for m in result.matches
        ],
        positions=[
            pb.RoundPositionFill(
                position_id=str(f.position_id),
                enterprise_org=f.enterprise_org,
                title=f.title,
                offered_seats=f.offered_seats,
                offered_limit=f.offered_limit or "",
                filled=f.filled,
            )
            for f in result.positions
        ],
        next_page_token=result.next_page_token or "",
    )


class RoundResultsServicer(Servicer):
    async def ListRoundRuns(self, request: pb.ListRoundRunsRequest, context) -> pb.ListRoundRunsResponse:
        rnd, runs, token = await round_handlers.list_runs(
            parse_uuid(request.id, "id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundRunsResponse(
            runs=[run_to_pb(r, published_run_id=rnd.published_run_id) for r in runs], next_page_token=token or ""
        )

    async def GetRoundResult(self, request: pb.GetRoundResultRequest, context) -> pb.GetRoundResultResponse:
        round_id = parse_uuid(request.id, "id")
        run_id = parse_uuid(request.run_id, "run_id") if request.run_id else None
        result = await round_handlers.get_result(
            round_id,
            principal(),
            uow=self.rt.uow,
            run_id=run_id,
            page_size=pages.page_size(request.page_size, default=RESULT_PAGE_DEFAULT, most=RESULT_PAGE_MAX),
            page_token=request.page_token or None,
        )
        return await asyncio.to_thread(result_to_pb, result)

    async def CompareRoundRuns(self, request: pb.CompareRoundRunsRequest, context) -> pb.CompareRoundRunsResponse:
        run_a, run_b, moves, token = await round_handlers.compare_runs(
            parse_uuid(request.id, "id"),
            parse_uuid(request.run_a, "run_a"),
            parse_uuid(request.run_b, "run_b"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size, default=RESULT_PAGE_DEFAULT, most=RESULT_PAGE_MAX),
            page_token=request.page_token or None,
        )
        return pb.CompareRoundRunsResponse(
            run_a=run_to_pb(run_a),
            run_b=run_to_pb(run_b),
            moves=[
                pb.RoundMove(
                    school_org=split_student_key(m.student_id)[0],
                    student_ref=split_student_key(m.student_id)[1],
                    before=m.before or "",
                    after=m.after or "",
                    why=m.why,
                )
                for m in moves
            ],
            next_page_token=token or "",
        )
