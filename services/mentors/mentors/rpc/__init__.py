"""gRPC edge of the mentors service: a module of methods per resource, each mapping protobuf -> the REST input
model -> its command -> the same handler REST calls (and never importing from http/).

GetAssignments and IsMentorOf are the questions other services (Projects) ask with deadlines: scoped to the
caller's organisation, or any organisation for a platform principal with role "service" — the only methods such a
principal may call (SERVICE_METHODS; the kernel refuses it on every other method and on every REST route)."""

from __future__ import annotations

import praxis_partnerships as partnerships
from mentors.rpc.assignments import AssignmentMethods
from mentors.rpc.audit import AuditServicer
from mentors.rpc.imports import MentorImportsServicer
from mentors.rpc.mentors import MentorMethods
from mentors.rpc.reports import ReportMethods
from mentors.rpc.sessions import SessionMethods
from praxis.mentors.v1 import audit_pb2, audit_pb2_grpc, imports_pb2, imports_pb2_grpc
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_common import pages
from praxis_common.rpc import principal
from praxis_common.service import Runtime

SERVICE_METHODS = ("GetAssignments", "IsMentorOf")


class MentorsServicer(MentorMethods, AssignmentMethods, SessionMethods, ReportMethods, pb_grpc.MentorsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.rule = rt.settings.dual_rule

    async def ListPartnerships(self, request: pb.ListPartnershipsRequest, context) -> pb.ListPartnershipsResponse:
        found, token = await partnerships.list_for(
            self.rt.engine,
            principal(),
            include_ended=request.include_ended,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListPartnershipsResponse(
            partnerships=[partnerships.to_message(pb.Partnership, p) for p in found], next_page_token=token or ""
        )


def services(rt: Runtime) -> list[tuple]:
    servicer = MentorsServicer(rt)
    name = pb.DESCRIPTOR.services_by_name["MentorsService"].full_name
    imports = MentorImportsServicer(rt)
    audit = AuditServicer(rt)
    return [
        (lambda server: pb_grpc.add_MentorsServiceServicer_to_server(servicer, server), name, SERVICE_METHODS),
        (
            lambda server: imports_pb2_grpc.add_MentorImportsServiceServicer_to_server(imports, server),
            imports_pb2.DESCRIPTOR.services_by_name["MentorImportsService"].full_name,
        ),
        (
            lambda server: audit_pb2_grpc.add_AuditServiceServicer_to_server(audit, server),
            audit_pb2.DESCRIPTOR.services_by_name["AuditService"].full_name,
        ),
    ]
