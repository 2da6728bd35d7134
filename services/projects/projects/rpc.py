"""gRPC edge of the projects service."""

from __future__ import annotations

from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_common import partnerships
from praxis_common.rpc import principal
from praxis_common.service import Runtime


class ProjectsServicer(pb_grpc.ProjectsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    async def ListPartnerships(self, request: pb.ListPartnershipsRequest, context) -> pb.ListPartnershipsResponse:
        found = await partnerships.list_for(self.rt.session_factory, principal(), include_ended=request.include_ended)
        return pb.ListPartnershipsResponse(partnerships=[partnerships.to_message(pb.Partnership, p) for p in found])


def services(rt: Runtime) -> list[tuple]:
    servicer = ProjectsServicer(rt)
    name = pb.DESCRIPTOR.services_by_name["ProjectsService"].full_name
    return [(lambda server: pb_grpc.add_ProjectsServiceServicer_to_server(servicer, server), name)]
