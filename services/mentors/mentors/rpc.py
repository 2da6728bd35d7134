"""gRPC edge of the mentors service."""

from __future__ import annotations

from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_common import partnerships
from praxis_common.rpc import principal
from praxis_common.service import Runtime


def _ts(value) -> str:
    return value.isoformat() if value else ""


class MentorsServicer(pb_grpc.MentorsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    async def ListPartnerships(self, request: pb.ListPartnershipsRequest, context) -> pb.ListPartnershipsResponse:
        found = await partnerships.list_for(self.rt.session_factory, principal(), include_ended=request.include_ended)
        return pb.ListPartnershipsResponse(
            partnerships=[
                pb.Partnership(
                    agreement_id=p.agreement_id,
                    school_org=p.school_org,
                    enterprise_org=p.enterprise_org,
                    valid_from=_ts(p.valid_from),
                    valid_to=_ts(p.valid_to),
                    intern_quota=p.intern_quota or 0,
                    active=p.active,
                    activated_at=_ts(p.activated_at),
                    ended_at=_ts(p.ended_at),
                )
                for p in found
            ]
        )


def services(rt: Runtime) -> list[tuple]:
    servicer = MentorsServicer(rt)
    return [
        (
            lambda server: pb_grpc.add_MentorsServiceServicer_to_server(servicer, server),
            pb.DESCRIPTOR.services_by_name["MentorsService"].full_name,
        )
    ]
