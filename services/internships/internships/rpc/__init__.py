"""gRPC edge of the internships service: protobuf → the REST schemas (internships.schemas) → commands → the same
handlers as REST → protobuf. A module per resource; InternshipsServicer combines them into the one service.

Inputs are validated by building the schema a REST route takes (praxis_common.validation.validate), so both edges
apply the same rules and a bad field is INVALID_ARGUMENT naming it; create calls go through
praxis_common.rpc.created for `idempotency-key` metadata. No business rules, and no decisions about what a caller
may see, live here: the handlers return results already shaped for the caller."""

from __future__ import annotations

from internships.handlers.placement_evaluations import MentorDirectory
from internships.rpc.agreements import AgreementsServicer
from internships.rpc.attendance import AttendanceServicer
from internships.rpc.audit import AuditServicer
from internships.rpc.course import CourseServicer
from internships.rpc.credits import CreditsServicer
from internships.rpc.documents import DocumentsServicer
from internships.rpc.erasures import ErasureServicer
from internships.rpc.evaluations import EvaluationServicer
from internships.rpc.exports import ExportsServicer
from internships.rpc.imports import ImportsServicer
from internships.rpc.insurance import InsuranceServicer
from internships.rpc.logbooks import LogbooksServicer
from internships.rpc.ministry_report import MinistryReportServicer
from internships.rpc.organisations import OrganisationsServicer
from internships.rpc.outcomes import OutcomesServicer
from internships.rpc.placements import PlacementsServicer
from internships.rpc.positions import PositionsServicer
from internships.rpc.reports import ReportsServicer
from internships.rpc.round_positions import RoundPositionsServicer
from internships.rpc.round_results import RoundResultsServicer
from internships.rpc.round_students import RoundStudentsServicer
from internships.rpc.rounds import RoundsServicer
from internships.rpc.tiers import BaseTiersServicer, FeedbackServicer
from internships.rpc.weekly_reports import WeeklyReportsServicer
from praxis.internships.v1 import (
    attendance_pb2,
    attendance_pb2_grpc,
    audit_pb2,
    audit_pb2_grpc,
    course_pb2,
    course_pb2_grpc,
    credits_pb2,
    credits_pb2_grpc,
    documents_pb2,
    documents_pb2_grpc,
    erasures_pb2,
    erasures_pb2_grpc,
    evaluation_pb2,
    evaluation_pb2_grpc,
    exports_pb2,
    exports_pb2_grpc,
    imports_pb2,
    imports_pb2_grpc,
    insurance_pb2,
    insurance_pb2_grpc,
    ministry_pb2,
    ministry_pb2_grpc,
    organisations_pb2,
    organisations_pb2_grpc,
    outcomes_pb2,
    outcomes_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
    weekly_reports_pb2,
    weekly_reports_pb2_grpc,
)
from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_common.service import Runtime


class InternshipsServicer(
    AgreementsServicer,
    PositionsServicer,
    PlacementsServicer,
    LogbooksServicer,
    ReportsServicer,
    RoundsServicer,
    RoundPositionsServicer,
    RoundStudentsServicer,
    RoundResultsServicer,
    pb_grpc.InternshipsServiceServicer,  # last: its methods answer UNIMPLEMENTED
):
    """praxis.internships.v1.InternshipsService."""


# The services beside InternshipsService, one per feature of the internship course: (generated module, generated
# grpc module, service name, servicer class).
FEATURE_SERVICES = [
    (attendance_pb2, attendance_pb2_grpc, "AttendanceService", AttendanceServicer),
    (audit_pb2, audit_pb2_grpc, "AuditService", AuditServicer),
    (course_pb2, course_pb2_grpc, "CourseService", CourseServicer),
    (credits_pb2, credits_pb2_grpc, "CreditsService", CreditsServicer),
    (documents_pb2, documents_pb2_grpc, "DocumentsService", DocumentsServicer),
    (erasures_pb2, erasures_pb2_grpc, "ErasureService", ErasureServicer),
    (evaluation_pb2, evaluation_pb2_grpc, "EvaluationService", EvaluationServicer),  # also takes the mentors
    (insurance_pb2, insurance_pb2_grpc, "InsuranceService", InsuranceServicer),
    (ministry_pb2, ministry_pb2_grpc, "MinistryReportService", MinistryReportServicer),
    (organisations_pb2, organisations_pb2_grpc, "OrganisationsService", OrganisationsServicer),
    (outcomes_pb2, outcomes_pb2_grpc, "OutcomesService", OutcomesServicer),
    (weekly_reports_pb2, weekly_reports_pb2_grpc, "WeeklyReportsService", WeeklyReportsServicer),
    (tiers_pb2, tiers_pb2_grpc, "FeedbackService", FeedbackServicer),
    (tiers_pb2, tiers_pb2_grpc, "BaseTiersService", BaseTiersServicer),
    (imports_pb2, imports_pb2_grpc, "ImportsService", ImportsServicer),
]


# The methods a platform authority (principals.AUTHORITY_ROLE) may call besides the tenants: deciding base tiers.
AUTHORITY_METHODS = {"BaseTiersService": ("ConfirmBaseTier", "GetBaseTierEvidence", "GetBaseTierHistory")}


def services(rt: Runtime, mentors: MentorDirectory, exports=None) -> list[tuple]:
    """(register on a server, full service name, service methods, authority methods) for every gRPC service of
    internships."""
    servicer = InternshipsServicer(rt)
    found = [
        (
            lambda server: pb_grpc.add_InternshipsServiceServicer_to_server(servicer, server),
            pb.DESCRIPTOR.services_by_name["InternshipsService"].full_name,
        )
    ]
    for messages, stubs, name, servicer_class in FEATURE_SERVICES:
        add = getattr(stubs, f"add_{name}Servicer_to_server")
        found.append(
            (
                lambda server, add=add, feature=_feature(servicer_class, rt, mentors): add(feature, server),
                messages.DESCRIPTOR.services_by_name[name].full_name,
                (),
                AUTHORITY_METHODS.get(name, ()),
            )
        )
    if exports is not None:  # organisation exports (docs/export.md): the setup reads the running service's settings
        export_servicer = ExportsServicer(rt, exports)
        found.append(
            (
                lambda server: exports_pb2_grpc.add_ExportsServiceServicer_to_server(export_servicer, server),
                exports_pb2.DESCRIPTOR.services_by_name["ExportsService"].full_name,
            )
        )
    return found


def _feature(servicer_class, rt: Runtime, mentors: MentorDirectory):
    return servicer_class(rt, mentors) if servicer_class is EvaluationServicer else servicer_class(rt)
