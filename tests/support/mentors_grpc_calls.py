"""What the mentors gRPC tests share: the organisations, the deadline, a caller's metadata, the stub fixture and the
refusal of a call."""

from __future__ import annotations

from datetime import date

import grpc
import pytest

from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

TODAY = date.today()
SCHOOL, ENTERPRISE, STUDENT = "school-rpc", "ent-rpc", "stu-rpc"
DEADLINE = 5.0


def meta(stack: Stack, org: str, kind: str, *roles: str, **extra: str) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, *roles)}"), *extra.items())


@pytest.fixture
async def stub(stack: Stack):
    async with grpc.aio.insecure_channel(stack["mentors"].grpc_target) as channel:
        yield pb_grpc.MentorsServiceStub(channel)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    return raised.value
