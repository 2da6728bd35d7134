"""Bootstrap of the internships service: what runs in its process, and its migrations."""

from __future__ import annotations

from pathlib import Path

from internships import consumers, handlers, rpc
from internships.adapters import exports
from internships.adapters.export_setup import ExportSetup
from internships.adapters.mentors import MentorsOf, open_client
from internships.adapters.unit_of_work import InternshipsUnit
from internships.config import Settings
from internships.consumers import erasure_confirmations
from internships.consumers import exports as export_consumers
from internships.handlers import evaluation_windows
from internships.handlers import exports as export_handlers
from internships.handlers import placements as placement_handlers
from internships.handlers.erasure import erase_student
from internships.http import (
    action_links,
    agreements,
    attendance,
    course,
    credits,
    documents,
    erasures,
    evaluations,
    imports,
    insurance,
    ministry_report,
    organisations,
    outcomes,
    placements,
    positions,
    reports,
    round_positions,
    round_results,
    round_students,
    rounds,
    tiers,
    weekly_reports,
)
from internships.http import (
    exports as export_routes,
)
from internships.schemas import import_kinds
from internships.schemas.rounds import RANKING_MAX_BYTES, STUDENTS_MAX_BYTES
from praxis_common import audit_api
from praxis_common.exports.worker import PRUNE_SECONDS as EXPORT_PRUNE_SECONDS
from praxis_common.imports.http import MAX_UPLOAD_BYTES
from praxis_common.imports.runner import ImportRunner
from praxis_common.service import ServiceSpec, every

MIGRATIONS = Path(__file__).parent / "migrations"
CALENDAR_SECONDS = 60.0  # agreements start and end by date
HOLD_SECONDS = 30.0  # unanswered placement requests expire
WINDOW_SECONDS = 300.0  # evaluation windows open by date


SPEC = ServiceSpec(
    name="internships",
    exports=exports.RESOURCES,  # what an organisation owns here, for its export (docs/export.md)
    consumes=frozenset({"mentors", "projects", "notifications", "credentials"}),
    coordinator=True,
    settings=Settings,
    migrations=MIGRATIONS,
    demo_path="/v1/agreements",
    unit=InternshipsUnit,
    resources=open_client,  # the mentors client, shared by REST and gRPC
    # Mentors (also asked about mentors), projects, notifications, credentials: their export parts, read for an
    # export's archive.
    peers={
        "mentors_grpc_target": "mentors",
        "projects_grpc_target": "projects",
        "notifications_grpc_target": "notifications",
        "credentials_grpc_target": "credentials",
    },
    routers=lambda rt: [
        agreements.router(rt),
        positions.router(rt),
        placements.router(rt),
        reports.router(rt),
        documents.router(rt),
        insurance.router(rt),
        outcomes.router(rt),
        rounds.router(rt),
        organisations.router(rt),
        round_positions.router(rt),
        round_students.router(rt),
        round_results.router(rt),
        weekly_reports.router(rt),
        attendance.router(rt),
        ministry_report.router(rt),
        course.router(rt),
        tiers.router(rt),
        evaluations.router(rt, MentorsOf(rt)),
        credits.router(rt),
        action_links.router(rt),  # /links/{token}: outside /v1, the OpenAPI document and the token gate
        imports.router(rt),
        imports.students_router(rt),
        audit_api.router(rt),
        erasures.router(rt),
        export_routes.router(rt, ExportSetup(rt)),
    ],
    grpc_services=lambda rt: rpc.services(rt, MentorsOf(rt), ExportSetup(rt)),
    grpc_message_limits={
        "SetRanking": RANKING_MAX_BYTES,
        "AddRoundStudents": STUDENTS_MAX_BYTES,
        "ImportOneRoster": MAX_UPLOAD_BYTES,
        "ImportPositions": MAX_UPLOAD_BYTES,
    },
    subscriptions=lambda rt: [
        *consumers.subscriptions(),
        *erasure_confirmations.subscriptions(rt),
        *export_consumers.subscriptions(rt.settings.export_service_names),
    ],
    erase_student=erase_student,  # its own part of erasing a student (handlers/erasure.py)
    workers=lambda rt: [
        every(CALENDAR_SECONDS, lambda: handlers.apply_calendar(uow=rt.uow, clock=rt.clock), name="agreement calendar"),
        every(HOLD_SECONDS, lambda: placement_handlers.expire_holds(uow=rt.uow, clock=rt.clock), name="hold expiry"),
        every(
            WINDOW_SECONDS,
            lambda: evaluation_windows.open_windows(uow=rt.uow, clock=rt.clock),
            name="evaluation windows",
        ),
        ImportRunner.of(rt, import_kinds.KINDS).run,
        every(EXPORT_PRUNE_SECONDS, lambda: export_handlers.prune_exports(uow=rt.uow), name="export jobs expiry"),
    ],
)
