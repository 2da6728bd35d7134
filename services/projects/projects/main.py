"""Bootstrap of the projects service: what runs in its process, and its migrations."""

from __future__ import annotations

from pathlib import Path

import praxis_partnerships as partnerships
from praxis_common import audit_api
from praxis_common.service import ServiceSpec
from projects import rpc
from projects.adapters import exports
from projects.adapters.mentors import MentorsOf, open_client
from projects.adapters.unit_of_work import ProjectsUnit
from projects.config import Settings
from projects.handlers.erasure import erase_student
from projects.http import credits, projects, teams

MIGRATIONS = Path(__file__).parent / "migrations"


SPEC = ServiceSpec(
    name="projects",
    exports=exports.RESOURCES,  # what an organisation owns here, for its export (docs/export.md)
    consumes=frozenset({"internships"}),
    settings=Settings,
    migrations=MIGRATIONS,
    unit=ProjectsUnit,
    erase_student=erase_student,  # its part in erasing a student (docs/erasure.md)
    resources=open_client,  # the mentors client, shared by REST and gRPC
    peers={"mentors_grpc_target": "mentors"},
    routers=lambda rt: [
        partnerships.router(rt.engine),
        projects.router(rt),
        teams.router(rt, MentorsOf(rt)),
        credits.router(rt),
        audit_api.router(rt),
    ],
    grpc_services=lambda rt: rpc.services(rt, MentorsOf(rt)),
    subscriptions=lambda rt: [partnerships.subscription("projects")],
)
