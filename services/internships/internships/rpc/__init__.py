"""gRPC edge of the internships service: protobuf → the REST schemas (internships.schemas) → commands → the same
handlers as REST → protobuf. A module per resource; InternshipsServicer combines them into the one service.

Inputs are validated by building the schema a REST route takes (praxis_common.validation.validate), so both edges
apply the same rules and a bad field is INVALID_ARGUMENT naming it; create calls go through
praxis_common.rpc.created for `idempotency-key` metadata. No business rules, and no decisions about what a caller
may see, live here: the handlers return results already shaped for the caller."""

from __future__ import annotations

from internships.rpc.agreements import AgreementsServicer
from internships.rpc.logbooks import LogbooksServicer
from internships.rpc.organisations import OrganisationsServicer
from internships.rpc.placements import PlacementsServicer
from internships.rpc.positions import PositionsServicer
from internships.rpc.reports import ReportsServicer
from internships.rpc.round_positions import RoundPositionsServicer
from internships.rpc.round_results import RoundResultsServicer
from internships.rpc.round_students import RoundStudentsServicer
from internships.rpc.rounds import RoundsServicer
from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis.internships.v1 import organisations_pb2, organisations_pb2_grpc
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


def services(rt: Runtime) -> list[tuple]:
    servicer = InternshipsServicer(rt)
    return [
        (
            lambda server: pb_grpc.add_InternshipsServiceServicer_to_server(servicer, server),
            pb.DESCRIPTOR.services_by_name["InternshipsService"].full_name,
        ),
        (
            lambda server: organisations_pb2_grpc.add_OrganisationsServiceServicer_to_server(
                OrganisationsServicer(rt), server
            ),
            organisations_pb2.DESCRIPTOR.services_by_name["OrganisationsService"].full_name,
        ),
    ]
