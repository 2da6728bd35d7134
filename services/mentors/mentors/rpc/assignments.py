"""gRPC methods for assignments and their history, and the two questions other services ask (GetAssignments,
IsMentorOf: the only methods a platform principal with role "service" may call, see mentors.rpc.SERVICE_METHODS)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from mentors.handlers import assignment_feed
from mentors.handlers import assignments as handlers
from mentors.handlers import sessions as session_handlers
from mentors.rpc.messages import (
    CONTEXT_FROM_PB,
    SIDE_FROM_PB,
    SIDE_TO_PB,
    STATUS_FROM_PB,
    assignment_to_pb,
    given,
    history_to_pb,
    ts,
)
from mentors.schemas.assignments import AssignIn, AssignmentQuery
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis_common import feeds, pages
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import OrgId, Ref, StudentRef, parse_uuid, validate


class StudentQuery(BaseModel):
    """The student and context fields of GetAssignments / IsMentorOf, with REST's limits."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef
    context_id: Ref | None = None
    org: OrgId | None = None


class OverdueQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: Annotated[int, Field(ge=1, le=365)] | None = None


class AssignmentMethods:
    rt: Runtime

    async def ListAssignments(self, request: pb.ListAssignmentsRequest, context) -> pb.ListAssignmentsResponse:
        query = validate(
            AssignmentQuery,
            given(
                status=STATUS_FROM_PB.get(request.status),
                side=SIDE_FROM_PB.get(request.side),
                student_ref=request.student_ref,
                mentor_id=request.mentor_id,
                page_size=pages.page_size(request.page_size),
                page_token=request.page_token,
            ),
        )
        feeds.one_of(request.updated_since or None, request.page_token)
        if request.updated_since:
            changes = await assignment_feed.assignment_changes(
                query.to_command(), request.updated_since, principal(), uow=self.rt.uow
            )
            return pb.ListAssignmentsResponse(
                changes=[
                    pb.AssignmentChange(deleted=pb.Tombstone(id=str(c.id), changed_at=c.changed_at.isoformat()))
                    if isinstance(c, feeds.Tombstone)
                    else pb.AssignmentChange(assignment=assignment_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        found, token = await handlers.list_assignments(query.to_command(), principal(), uow=self.rt.uow)
        return pb.ListAssignmentsResponse(assignments=[assignment_to_pb(v) for v in found], next_page_token=token or "")

    async def GetAssignment(self, request: pb.GetAssignmentRequest, context) -> pb.GetAssignmentResponse:
        view = await handlers.get_assignment(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetAssignmentResponse(assignment=assignment_to_pb(view))

    async def GetAssignments(self, request: pb.GetAssignmentsRequest, context) -> pb.GetAssignmentsResponse:
        query = validate(StudentQuery, {"student_ref": request.student_ref, "org": request.org or None})
        found = await handlers.student_mentors(
            query.student_ref,
            principal(),
            uow=self.rt.uow,
            include_ended=request.include_ended,
            service_org=query.org,
        )
        return pb.GetAssignmentsResponse(assignments=[assignment_to_pb(v) for v in found])

    async def IsMentorOf(self, request: pb.IsMentorOfRequest, context) -> pb.IsMentorOfResponse:
        mentor_id = parse_uuid(request.mentor_id, "mentor_id") if request.mentor_id else None  # None: the caller
        query = validate(
            StudentQuery,
            {
                "student_ref": request.student_ref,
                "context_id": request.context_id or None,
                "org": request.org or None,
            },
        )
        kind = CONTEXT_FROM_PB.get(request.context_kind)
        if (kind is None) != (query.context_id is None):
            raise InvalidInput(
                "give both context_kind and context_id, or neither",
                errors=[FieldError("context_id", "needs context_kind (and the reverse)")],
            )
        found = await handlers.is_mentor_of(
            mentor_id,
            query.student_ref,
            principal(),
            uow=self.rt.uow,
            context=(kind, query.context_id) if kind is not None else None,
            service_org=query.org,
        )
        if found is None:
            return pb.IsMentorOfResponse(is_mentor=False)
        return pb.IsMentorOfResponse(
            is_mentor=True,
            assignment_id=str(found.assignment.id),
            side=SIDE_TO_PB[found.assignment.side],
            mentor_id=str(found.assignment.mentor_id),
        )

    async def AssignMentor(self, request: pb.AssignMentorRequest, context) -> pb.AssignMentorResponse:
        assignment_id = parse_uuid(request.assignment_id, "assignment_id")
        cmd = validate(AssignIn, {"mentor_id": request.mentor_id, "reason": request.reason}).to_command(assignment_id)
        view = await handlers.assign_mentor(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.AssignMentorResponse(assignment=assignment_to_pb(view))

    async def GetAssignmentHistory(
        self, request: pb.GetAssignmentHistoryRequest, context
    ) -> pb.GetAssignmentHistoryResponse:
        entries, token = await handlers.assignment_history(
            parse_uuid(request.assignment_id, "assignment_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.GetAssignmentHistoryResponse(entries=[history_to_pb(h) for h in entries], next_page_token=token or "")

    async def ListPendingAssignments(
        self, request: pb.ListPendingAssignmentsRequest, context
    ) -> pb.ListPendingAssignmentsResponse:
        found, token = await handlers.needs_a_mentor(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size, default=200, most=500),
            page_token=request.page_token or None,
        )
        return pb.ListPendingAssignmentsResponse(
            assignments=[assignment_to_pb(v) for v in found], next_page_token=token or ""
        )

    async def ListOverdueGuidance(
        self, request: pb.ListOverdueGuidanceRequest, context
    ) -> pb.ListOverdueGuidanceResponse:
        days = validate(OverdueQuery, given(days=request.days)).days or self.rt.settings.overdue_guidance_days
        found, token = await session_handlers.overdue_guidance(
            principal(),
            uow=self.rt.uow,
            days=days,
            clock=self.rt.clock,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListOverdueGuidanceResponse(
            days=days,
            items=[
                pb.OverdueAssignment(assignment=assignment_to_pb(o.assignment), last_onsite_session=ts(o.last_onsite))
                for o in found
            ],
            next_page_token=token or "",
        )

    # Guidance sessions
