"""gRPC methods of organisation profiles (praxis.internships.v1.OrganisationsService): protobuf →
schemas.organisations → command → the same handlers as /v1/organisations → protobuf."""

from __future__ import annotations

from pydantic import BaseModel

from internships import handlers
from internships.domain.organisations import OrganisationProfile
from internships.rpc.messages import ts
from internships.schemas.organisations import ProfilePut
from praxis.internships.v1 import organisations_pb2 as pb
from praxis.internships.v1 import organisations_pb2_grpc as pb_grpc
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import OrgId, validate

_OPTIONAL = ("name_zh", "name_en", "school_code", "uscc", "address", "contact_name", "contact_phone", "contact_email")


def profile_to_pb(p: OrganisationProfile) -> pb.OrganisationProfile:
    return pb.OrganisationProfile(
        org=p.org,
        kind=p.kind.value,
        version=p.version,
        created_at=ts(p.created_at),
        updated_at=ts(p.updated_at),
        **{name: getattr(p, name) for name in _OPTIONAL if getattr(p, name) is not None},
    )


class _OrgQuery(BaseModel):
    """The `org` of GetProfile, validated as REST's path parameter is."""

    org: OrgId


class OrganisationsServicer(pb_grpc.OrganisationsServiceServicer):
    """praxis.internships.v1.OrganisationsService."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    async def PutOwnProfile(self, request: pb.PutOwnProfileRequest, context) -> pb.PutOwnProfileResponse:
        body = validate(ProfilePut, {name: getattr(request, name) for name in _OPTIONAL if request.HasField(name)})
        profile = await handlers.put_own_profile(body.to_command(), principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.PutOwnProfileResponse(profile=profile_to_pb(profile))

    async def GetProfile(self, request: pb.GetProfileRequest, context) -> pb.GetProfileResponse:
        if not request.org:
            profile = await handlers.get_own_profile(principal(), uow=self.rt.uow)
        else:
            org = validate(_OrgQuery, {"org": request.org}).org
            profile = await handlers.get_profile(org, principal(), uow=self.rt.uow)
        return pb.GetProfileResponse(profile=profile_to_pb(profile))
