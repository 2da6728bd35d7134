"""gRPC edge of the projects service (ProjectsService), a module per resource: protobuf → the request body REST
takes (projects.schemas) → its `to_command()` → the same handler as REST → protobuf. Protobuf never reaches the
domain, and nothing here imports the REST edge."""

from __future__ import annotations

from praxis.projects.v1 import audit_pb2, audit_pb2_grpc
from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_common.service import Runtime
from projects.handlers import MentorDirectory
from projects.rpc.audit import AuditServicer
from projects.rpc.credits import CreditMethods
from projects.rpc.evaluations import EvaluationMethods
from projects.rpc.projects import ProjectMethods
from projects.rpc.teams import TeamMethods
from projects.rpc.terms import TermsMethods


class ProjectsServicer(
    ProjectMethods, TeamMethods, EvaluationMethods, CreditMethods, TermsMethods, pb_grpc.ProjectsServiceServicer
):
    """The one ProjectsService, its methods grouped by resource."""


def services(rt: Runtime, mentors: MentorDirectory) -> list[tuple]:
    servicer = ProjectsServicer(rt, mentors)
    name = pb.DESCRIPTOR.services_by_name["ProjectsService"].full_name
    audit = AuditServicer(rt)
    return [
        (lambda server: pb_grpc.add_ProjectsServiceServicer_to_server(servicer, server), name),
        (
            lambda server: audit_pb2_grpc.add_AuditServiceServicer_to_server(audit, server),
            audit_pb2.DESCRIPTOR.services_by_name["AuditService"].full_name,
        ),
    ]
