"""gRPC methods for guidance sessions: record (message -> SessionIn -> its command), list, confirm."""

from __future__ import annotations

from mentors.handlers import sessions as handlers
from mentors.rpc.messages import MODE_FROM_PB, session_to_pb
from mentors.schemas.sessions import SessionIn
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate


class SessionMethods:
    rt: Runtime

    async def RecordSession(self, request: pb.RecordSessionRequest, context) -> pb.RecordSessionResponse:
        assignment_id = parse_uuid(request.assignment_id, "assignment_id")
        cmd = validate(
            SessionIn,
            {
                "held_on": request.held_on,
                "mode": MODE_FROM_PB.get(request.mode),
                "minutes": request.minutes,
                "notes": request.notes,
            },
        ).to_command()

        async def record(uow) -> pb.RecordSessionResponse:
            session = await handlers.record_session(
                assignment_id,
                cmd,
                principal(),
                uow=uow,
                clock=self.rt.clock,
            )
            return pb.RecordSessionResponse(session=session_to_pb(session))

        return await rpc.created(context, self.rt.uow, request, record, pb.RecordSessionResponse)

    async def ListSessions(self, request: pb.ListSessionsRequest, context) -> pb.ListSessionsResponse:
        found, token = await handlers.list_sessions(
            parse_uuid(request.assignment_id, "assignment_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListSessionsResponse(sessions=[session_to_pb(s) for s in found], next_page_token=token or "")

    async def ConfirmSession(self, request: pb.ConfirmSessionRequest, context) -> pb.ConfirmSessionResponse:
        session = await handlers.confirm_session(
            parse_uuid(request.assignment_id, "assignment_id"),
            parse_uuid(request.session_id, "session_id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.ConfirmSessionResponse(session=session_to_pb(session))

    # Reports
