"""What the internships gRPC tests share: a client of the service for a school and an enterprise (Api), the channel
fixture and the refusal of a call."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import pytest
from organisation_profiles import ensure_profile_grpc

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

TODAY = date.today()


class Api:
    """One channel to the internships service and the bearer metadata of a few callers."""

    def __init__(self, stack: Stack, channel: grpc.aio.Channel, school: str, enterprise: str) -> None:
        self.stack, self.channel, self.stub = stack, channel, pb_grpc.InternshipsServiceStub(channel)
        self.school = self.meta(school, "school", "admin")
        self.enterprise = self.meta(enterprise, "enterprise", "hr")

    def meta(self, org: str, kind: str, role: str, **extra: str) -> tuple:
        return (("authorization", f"Bearer {self.stack.token(org, kind, role)}"), *extra.items())

    async def call(self, method: str, request, metadata):
        return await getattr(self.stub, method)(request, metadata=metadata, timeout=10)

    async def active_agreement(self, school: str, enterprise: str, quota: int = 50) -> str:
        """Both organisations' profiles (PutOwnProfile), then an agreement both signed."""
        await ensure_profile_grpc(self.channel, self.stack, school, "school")
        await ensure_profile_grpc(self.channel, self.stack, enterprise, "enterprise")
        created = await self.call(
            "CreateAgreement",
            pb.CreateAgreementRequest(
                school_org=school,
                enterprise_org=enterprise,
                valid_from=TODAY.isoformat(),
                valid_to=(TODAY + timedelta(days=365)).isoformat(),
                intern_quota=quota,
            ),
            self.school,
        )
        agreement_id = created.agreement.id
        await self.call("SignAgreement", pb.SignAgreementRequest(id=agreement_id), self.enterprise)
        signed = await self.call("SignAgreement", pb.SignAgreementRequest(id=agreement_id), self.school)
        assert signed.agreement.status == pb.AGREEMENT_STATUS_ACTIVE
        return agreement_id

    async def base(self, agreement_id: str, capacity: int = 100) -> pb.PracticeBase:
        reply = await self.call(
            "CreateBase",
            pb.CreateBaseRequest(
                agreement_id=agreement_id,
                name="Penang fulfilment hub",
                tier=pb.BASE_TIER_SCHOOL,
                country="MY",
                city="George Town",
                capacity=capacity,
                staff=10_000,
            ),
            self.enterprise,
        )
        return reply.base

    def position_request(self, base_id: str, seats: int, **overrides) -> pb.CreatePositionRequest:
        fields = {
            "base_id": base_id,
            "title": "Store operations intern",
            "description": "listings and promotions for the Malaysian storefront",
            "seats": seats,
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + timedelta(days=90)).isoformat(),
            "languages": ["en", "ms"],
            "competencies": ["platform-operation"],
            "duties": [
                pb.Duty(name="listing optimisation", kind=pb.DUTY_KIND_CORE),
                pb.Duty(name="packing", kind=pb.DUTY_KIND_PERIPHERAL),
            ],
            "post_staff": 5_000,
            "monthly_pay": "4000",
            "reference_monthly_wage": "4500",
        }
        return pb.CreatePositionRequest(**{**fields, **overrides})

    async def published_position(self, base_id: str, seats: int) -> pb.Position:
        draft = await self.call("CreatePosition", self.position_request(base_id, seats), self.enterprise)
        published = await self.call("PublishPosition", pb.PublishPositionRequest(id=draft.position.id), self.enterprise)
        return published.position

    async def book(self, position_id: str, student: str, metadata=None) -> pb.Placement:
        reply = await self.call(
            "BookPlacement",
            pb.BookPlacementRequest(position_id=position_id, student_ref=student, birth_date="2004-04-04"),
            metadata or self.school,
        )
        return reply.placement


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


@pytest.fixture
async def channel(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield ch


def api(stack, channel, school: str, enterprise: str) -> Api:
    return Api(stack, channel, school, enterprise)
