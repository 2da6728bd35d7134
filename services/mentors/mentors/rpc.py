"""gRPC edge of the mentors service."""

from __future__ import annotations

from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_common import partnerships
from praxis_common.rpc import principal
from praxis_common.service import Runtime


class MentorsServicer(pb_grpc.MentorsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    async def ListPartnerships(self, request: pb.ListPartnershipsRequest, context) -> pb.ListPartnershipsResponse:
        found = await partnerships.list_for(self.rt.session_factory, principal(), include_ended=request.include_ended)
        return pb.ListPartnershipsResponse(partnerships=[partnerships.to_message(pb.Partnership, p) for p in found])


def services(rt: Runtime) -> list[tuple]:
    servicer = MentorsServicer(rt)
    name = pb.DESCRIPTOR.services_by_name["MentorsService"].full_name
    return [(lambda server: pb_grpc.add_MentorsServiceServicer_to_server(servicer, server), name)]
