"""Client of the mentors service's gRPC API: "is the caller this placement's mentor?" (MentorsService.IsMentorOf
with CONTEXT_KIND_PLACEMENT), modelled on projects' client (projects/adapters/mentors.py).

Identity: the caller's own bearer token is forwarded as the call's `authorization` metadata and IsMentorOf is asked
without a mentor id: the mentors service verifies the token, answers within the caller's organisation and binds the
user to the mentor record there; internships holds no credential of its own.

Every call has a deadline (INTERNSHIPS_MENTORS_DEADLINE_SECONDS, 2 s by default) and is retried once, within that
deadline, on UNAVAILABLE only. No answer in time is Unavailable (503): a score is refused, never recorded unchecked.
One client per process, opened by the service's resources hook inside the running loop and closed at shutdown."""

from __future__ import annotations

import asyncio
import logging
from typing import Self

import grpc

from internships.handlers.placement_evaluations import MentorRole
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_common.errors import InvalidInput, Unavailable
from praxis_common.service import Runtime

log = logging.getLogger("praxis.internships.mentors")

_SIDES = {pb.SIDE_SCHOOL: "school", pb.SIDE_ENTERPRISE: "enterprise"}
_NOT_A_MENTOR = (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.NOT_FOUND)


class MentorsClient:
    def __init__(self, target: str, *, deadline_seconds: float = 2.0, attempts: int = 2) -> None:
        self.target = target
        self.deadline_seconds = deadline_seconds
        self.attempts = attempts
        self._channel: grpc.aio.Channel | None = None
        self._stub: pb_grpc.MentorsServiceStub | None = None

    async def __aenter__(self) -> Self:
        self._channel = grpc.aio.insecure_channel(self.target)
        self._stub = pb_grpc.MentorsServiceStub(self._channel)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._channel is not None:
            await self._channel.close()
            self._channel = self._stub = None

    async def role_of_caller(self, token: str, *, student_ref: str, placement_id: str) -> MentorRole | None:
        if self._stub is None:
            raise RuntimeError("the mentors client is not open (use it as `async with MentorsClient(...)`)")
        request = pb.IsMentorOfRequest(
            student_ref=student_ref, context_kind=pb.CONTEXT_KIND_PLACEMENT, context_id=placement_id
        )
        metadata = (("authorization", f"Bearer {token}"),)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.deadline_seconds
        last: grpc.StatusCode | None = None
        for _ in range(self.attempts):
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                response = await self._stub.IsMentorOf(request, metadata=metadata, timeout=remaining)
            except grpc.aio.AioRpcError as exc:
                last = exc.code()
                if last == grpc.StatusCode.UNAVAILABLE:
                    continue
                if last in _NOT_A_MENTOR:
                    return None
                if last == grpc.StatusCode.INVALID_ARGUMENT:
                    raise InvalidInput(f"the mentors service refused the question: {exc.details()}") from exc
                break
            if not response.is_mentor:
                return None
            return MentorRole(side=_SIDES.get(response.side, ""), mentor_id=response.mentor_id)
        log.warning("mentors service did not answer", extra={"target": self.target, "code": str(last)})
        raise Unavailable(
            "the mentors service cannot confirm the placement's mentors right now; nothing was recorded, try again later",
            dependency="mentors",
        )


def open_client(rt: Runtime) -> MentorsClient:
    """The internships service's resources hook: the mentors client, opened at start and closed at shutdown."""
    return MentorsClient(rt.settings.mentors_grpc_target, deadline_seconds=rt.settings.mentors_deadline_seconds)


class MentorsOf:
    """The MentorDirectory of a running service: the client its resources hook opened (`rt.resources`), looked up
    at each question, so edges can be assembled without the service running (the OpenAPI document is)."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    async def role_of_caller(self, token: str, *, student_ref: str, placement_id: str) -> MentorRole | None:
        client: MentorsClient = self._rt.resources
        return await client.role_of_caller(token, student_ref=student_ref, placement_id=placement_id)
