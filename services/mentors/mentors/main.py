"""Bootstrap of the mentors service: what runs in its process, and its migrations."""

from __future__ import annotations

from pathlib import Path

import praxis_partnerships as partnerships
from mentors import rpc
from mentors.adapters import exports
from mentors.adapters.unit_of_work import MentorsUnit
from mentors.config import Settings
from mentors.consumers import placements, teams
from mentors.handlers.assignments import sweep_pending
from mentors.handlers.erasure import erase_student
from mentors.handlers.sessions import tell_overdue_guidance
from mentors.http import assignments, imports, mentors, reports
from mentors.schemas import import_kinds
from praxis_common import audit_api
from praxis_common.imports.http import MAX_UPLOAD_BYTES
from praxis_common.imports.runner import ImportRunner
from praxis_common.service import ServiceSpec, every

MIGRATIONS = Path(__file__).parent / "migrations"


SPEC = ServiceSpec(
    name="mentors",
    exports=exports.RESOURCES,  # what an organisation owns here, for its export (docs/export.md)
    consumes=frozenset({"internships", "projects"}),
    settings=Settings,
    migrations=MIGRATIONS,
    unit=MentorsUnit,
    erase_student=erase_student,  # its part in erasing a student (docs/erasure.md)
    routers=lambda rt: [
        partnerships.router(rt.engine),
        mentors.router(rt),
        assignments.router(rt),
        assignments.students_router(rt),
        reports.router(rt),
        imports.router(rt),
        audit_api.router(rt),
    ],
    grpc_services=rpc.services,
    grpc_message_limits={"ImportOneRoster": MAX_UPLOAD_BYTES, "ImportMentors": MAX_UPLOAD_BYTES},
    subscriptions=lambda rt: [
        partnerships.subscription("mentors"),
        placements.subscription(clock=rt.clock),
        teams.subscription(clock=rt.clock),
    ],
    workers=lambda rt: [
        every(
            rt.settings.pending_sweep_seconds,
            lambda: sweep_pending(uow=rt.uow, clock=rt.clock),
            name="pending assignment sweep",
        ),
        every(
            rt.settings.overdue_guidance_scan_seconds,
            lambda: tell_overdue_guidance(uow=rt.uow, days=rt.settings.overdue_guidance_days, clock=rt.clock),
            name="overdue guidance",
        ),
        ImportRunner.of(rt, import_kinds.KINDS).run,
    ],
)
