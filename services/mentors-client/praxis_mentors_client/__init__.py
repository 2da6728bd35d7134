"""Client of the mentors service's gRPC API: "is the caller this student's mentor in this placement or project team?"
(MentorsService.IsMentorOf), the one copy that projects (team scores and stage reviews) and internships (placement
evaluations) use.

Identity: the caller's own bearer token is forwarded as the call's `authorization` metadata, and IsMentorOf is asked
without a mentor id — "is the caller (the mentor whose account is the token's sub) mentoring this student here?".
The mentors service verifies the token itself (same issuer and audience), answers within the caller's organisation
and binds the user to the mentor record there; the asking service holds no credential of its own and cannot ask more
than its user could.

Every call has a deadline (2 s by default, the service's `<SERVICE>_MENTORS_DEADLINE_SECONDS`) and is retried once,
within that deadline, on UNAVAILABLE only. No answer in time — the service down, slow or failing — is Unavailable
(503): the caller's score or review is refused, never recorded unchecked. Ask it before any transaction opens, so
no database connection waits on it. One client per process: the service's resources hook opens it at start, inside
the running event loop, and closes it at shutdown.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Literal, Self

import grpc

from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_common.edge_telemetry import call_metadata
from praxis_common.errors import InvalidInput, Unavailable

log = logging.getLogger("praxis.mentors_client")

_SIDES = {pb.SIDE_SCHOOL: "school", pb.SIDE_ENTERPRISE: "enterprise"}
_CONTEXTS = {"placement": pb.CONTEXT_KIND_PLACEMENT, "project": pb.CONTEXT_KIND_PROJECT}
# The caller is not someone the mentors service answers for (a role it does not serve, a token it refuses): then they
# are nobody's mentor there.
_NOT_A_MENTOR = (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.NOT_FOUND)


@dataclass(frozen=True)
class MentorRole:
    """The caller is the student's mentor of this side in the context (as the mentors service knows it)."""

    side: str  # school | enterprise
    mentor_id: str
    assignment_id: str


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
        await self.close()

    async def close(self) -> None:
        if self._channel is not None:
            await self._channel.close()
            self._channel = self._stub = None

    async def role_of_caller(
        self, token: str, *, student_ref: str, context: Literal["placement", "project"], context_id: str
    ) -> MentorRole | None:
        """The caller's active mentoring of the student in the placement or project team, or None."""
        if self._stub is None:
            raise RuntimeError("the mentors client is not open (use it as `async with MentorsClient(...)`)")
        request = pb.IsMentorOfRequest(student_ref=student_ref, context_kind=_CONTEXTS[context], context_id=context_id)
        metadata = call_metadata(token)
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
            return MentorRole(
                side=_SIDES.get(response.side, ""), mentor_id=response.mentor_id, assignment_id=response.assignment_id
            )
        log.warning("mentors service did not answer", extra={"target": self.target, "code": str(last)})
        raise Unavailable(
            f"the mentors service cannot confirm the {context}'s mentors right now; nothing was recorded, try again later",
            dependency="mentors",
        )
