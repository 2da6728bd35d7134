"""gRPC methods of an allocation round's positions and the enterprises' rankings."""

from __future__ import annotations

import asyncio

from internships.handlers import rounds as round_handlers
from internships.rpc.messages import Servicer, profile_out, ts
from internships.schemas.rounds import APPLICANTS_PAGE_DEFAULT, APPLICANTS_PAGE_MAX, RankingIn
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import pages
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid


def round_position_to_pb(p) -> pb.RoundPosition:
    """The ranking as the handler returned it: read for the position's enterprise setting it, None otherwise."""
    ranking = []
    if p.ranking is not None:
        ranking = [
            pb.TieGroup(students=[pb.StudentKey(school_org=s, student_ref=r) for s, r in group]) for group in p.ranking
        ]
    return pb.RoundPosition(
        position_id=str(p.position_id),
        enterprise_org=p.enterprise_org,
        title=p.title,
        seats=p.seats,
        seats_taken=p.seats_taken,
        starts_on=p.starts_on.isoformat(),
        ends_on=p.ends_on.isoformat(),
        competencies=p.competencies,
        added_by_org=p.added_by_org,
        added_at=ts(p.added_at),
        applicants=p.applicants,
        ranked=p.ranked,
        ranking=ranking,
        offered_seats=p.offered_seats,
        offered_limit=p.offered_limit or "",
    )


def _ranking(request: pb.SetRankingRequest) -> list[list[tuple[str, str]]]:
    groups = [[{"school_org": k.school_org, "student_ref": k.student_ref} for k in g.students] for g in request.groups]
    return RankingIn.check({"groups": groups}).to_command()


class RoundPositionsServicer(Servicer):
    async def AddRoundPosition(self, request: pb.AddRoundPositionRequest, context) -> pb.AddRoundPositionResponse:
        added = await round_handlers.add_position(
            parse_uuid(request.round_id, "round_id"),
            parse_uuid(request.position_id, "position_id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return pb.AddRoundPositionResponse(position=round_position_to_pb(added))

    async def RemoveRoundPosition(
        self, request: pb.RemoveRoundPositionRequest, context
    ) -> pb.RemoveRoundPositionResponse:
        await round_handlers.remove_position(
            parse_uuid(request.round_id, "round_id"),
            parse_uuid(request.position_id, "position_id"),
            principal(),
            uow=self.rt.uow,
        )
        return pb.RemoveRoundPositionResponse()

    async def ListRoundPositions(self, request: pb.ListRoundPositionsRequest, context) -> pb.ListRoundPositionsResponse:
        _, items, token = await round_handlers.list_positions(
            parse_uuid(request.round_id, "round_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundPositionsResponse(
            positions=[round_position_to_pb(p) for p in items], next_page_token=token or ""
        )

    async def ListApplicants(self, request: pb.ListApplicantsRequest, context) -> pb.ListApplicantsResponse:
        position, found, token = await round_handlers.list_applicants(
            parse_uuid(request.round_id, "round_id"),
            parse_uuid(request.position_id, "position_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size, default=APPLICANTS_PAGE_DEFAULT, most=APPLICANTS_PAGE_MAX),
            page_token=request.page_token or None,
        )
        return await asyncio.to_thread(
            lambda: pb.ListApplicantsResponse(
                position=round_position_to_pb(position),
                applicants=[
                    pb.Applicant(
                        school_org=a.student.school_org,
                        student_ref=a.student.student_ref,
                        profile=profile_out(a.student.profile),
                        group=a.group,
                    )
                    for a in found
                ],
                next_page_token=token or "",
            )
        )

    async def SetRanking(self, request: pb.SetRankingRequest, context) -> pb.SetRankingResponse:
        round_id = parse_uuid(request.round_id, "round_id")
        position_id = parse_uuid(request.position_id, "position_id")
        groups = None
        if request.use_default:
            if request.groups:
                raise InvalidInput(
                    "use_default drops the ranking", errors=[FieldError("groups", "must be empty with use_default")]
                )
        else:
            groups = await asyncio.to_thread(_ranking, request)  # up to 50,000 students: off the event loop
        ranked = await round_handlers.set_ranking(
            round_id, position_id, groups, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return await asyncio.to_thread(lambda: pb.SetRankingResponse(position=round_position_to_pb(ranked)))
