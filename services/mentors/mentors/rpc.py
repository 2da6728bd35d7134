"""gRPC edge of the mentors service: protobuf ↔ commands; the same handlers and validation as REST.

GetAssignments and IsMentorOf are the questions other services (Projects) ask with deadlines: scoped to the
caller's organisation, or any organisation for a platform principal with role "service"."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from mentors.adapters.repositories import AssignmentView, HistoryEntry
from mentors.domain.assignments import AssignmentStatus, ContextKind
from mentors.domain.mentors import Side
from mentors.domain.sessions import GuidanceSession, SessionMode
from mentors.handlers import assignments as assignment_handlers
from mentors.handlers import mentors as mentor_handlers
from mentors.handlers import sessions as session_handlers
from mentors.handlers.mentors import MentorDetails
from mentors.http.schemas import AssignIn, MentorCreate, SessionIn, StudentRef
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_common import pages, partnerships, rpc
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate

_SIDE_TO_PB = {Side.SCHOOL: pb.SIDE_SCHOOL, Side.ENTERPRISE: pb.SIDE_ENTERPRISE}
_SIDE_FROM_PB = {v: k.value for k, v in _SIDE_TO_PB.items()}  # UNSPECIFIED → None → invalid
_STATUS_TO_PB = {s: getattr(pb, f"ASSIGNMENT_STATUS_{s.name}") for s in AssignmentStatus}
_CONTEXT_TO_PB = {k: getattr(pb, f"CONTEXT_KIND_{k.name}") for k in ContextKind}
_CONTEXT_FROM_PB = {v: k for k, v in _CONTEXT_TO_PB.items()}
_MODE_TO_PB = {m: getattr(pb, f"SESSION_MODE_{m.name}") for m in SessionMode}
_MODE_FROM_PB = {v: k.value for k, v in _MODE_TO_PB.items()}


class _StudentQuery(BaseModel):
    """The student and context fields of GetAssignments / IsMentorOf, with REST's limits."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef
    context_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    org: Annotated[str, Field(min_length=1, max_length=64)] | None = None


def _ts(value) -> str:
    return value.isoformat() if value else ""


def mentor_to_pb(d: MentorDetails) -> pb.Mentor:
    m = d.mentor
    message = pb.Mentor(
        id=str(m.id),
        org=m.org,
        kind=_SIDE_TO_PB[m.kind],
        display_name=m.display_name,
        expertise=m.expertise,
        languages=m.languages,
        capacity=m.capacity,
        load=m.load,
        active=m.active,
        account=m.account or "",
        created_at=_ts(m.created_at),
        updated_at=_ts(m.updated_at),
    )
    if d.qualification is not None:
        message.dual_qualified = d.qualification.dual_qualified
    return message


def assignment_to_pb(v: AssignmentView) -> pb.Assignment:
    a = v.assignment
    return pb.Assignment(
        id=str(a.id),
        context_kind=_CONTEXT_TO_PB[a.context_kind],
        context_id=a.context_id,
        side=_SIDE_TO_PB[a.side],
        org=a.org,
        school_org=a.school_org,
        enterprise_org=a.enterprise_org,
        student_ref=a.student_ref,
        status=_STATUS_TO_PB[a.status],
        mentor_id=str(a.mentor_id or ""),
        mentor_display_name=v.mentor_display_name or "",
        created_at=_ts(a.created_at),
        assigned_at=_ts(a.assigned_at),
        ended_at=_ts(a.ended_at),
        end_reason=a.end_reason or "",
        position_id=v.position_id or "",
        starts_on=_ts(v.starts_on),
        ends_on=_ts(v.ends_on),
        competencies=v.competencies,
        members=v.members,
    )


def history_to_pb(h: HistoryEntry) -> pb.HistoryEntry:
    return pb.HistoryEntry(
        at=_ts(h.at),
        action=h.action,
        mentor_id=str(h.mentor_id or ""),
        previous_mentor_id=str(h.previous_mentor_id or ""),
        how=h.how or "",
        reason=h.reason,
        by=h.by,
    )


def session_to_pb(s: GuidanceSession) -> pb.GuidanceSession:
    return pb.GuidanceSession(
        id=str(s.id),
        assignment_id=str(s.assignment_id),
        mentor_id=str(s.mentor_id),
        side=_SIDE_TO_PB[s.side],
        held_on=s.held_on.isoformat(),
        mode=_MODE_TO_PB[s.mode],
        minutes=s.minutes,
        notes=s.notes,
        recorded_at=_ts(s.recorded_at),
        recorded_by=s.recorded_by,
        confirmed_at=_ts(s.confirmed_at),
        confirmed_by=s.confirmed_by or "",
    )


class MentorsServicer(pb_grpc.MentorsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.rule = rt.settings.dual_rule

    async def ListPartnerships(self, request: pb.ListPartnershipsRequest, context) -> pb.ListPartnershipsResponse:
        found, token = await partnerships.list_for(
            self.rt.engine,
            principal(),
            include_ended=request.include_ended,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListPartnershipsResponse(
            partnerships=[partnerships.to_message(pb.Partnership, p) for p in found], next_page_token=token or ""
        )

    # Mentors

    async def CreateMentor(self, request: pb.CreateMentorRequest, context) -> pb.CreateMentorResponse:
        data = {
            "kind": _SIDE_FROM_PB.get(request.kind),
            "display_name": request.display_name,
            "expertise": list(request.expertise),
            "languages": list(request.languages),
            "capacity": request.capacity,
        }
        if request.HasField("active"):
            data["active"] = request.active
        if request.HasField("account"):
            data["account"] = request.account
        body = validate(MentorCreate, data)

        async def create(uow) -> pb.CreateMentorResponse:
            details = await mentor_handlers.create_mentor(
                mentor_handlers.CreateMentor(**body.model_dump()),
                principal(),
                uow=uow,
                rule=self.rule,
                clock=self.rt.clock,
            )
            return pb.CreateMentorResponse(mentor=mentor_to_pb(details))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateMentorResponse)

    async def GetMentor(self, request: pb.GetMentorRequest, context) -> pb.GetMentorResponse:
        details = await mentor_handlers.get_mentor(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, rule=self.rule, clock=self.rt.clock
        )
        return pb.GetMentorResponse(mentor=mentor_to_pb(details))

    async def ListMentors(self, request: pb.ListMentorsRequest, context) -> pb.ListMentorsResponse:
        found, token = await mentor_handlers.list_mentors(
            principal(),
            uow=self.rt.uow,
            rule=self.rule,
            active_only=request.active_only,
            clock=self.rt.clock,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListMentorsResponse(mentors=[mentor_to_pb(d) for d in found], next_page_token=token or "")

    # Assignments

    async def GetAssignments(self, request: pb.GetAssignmentsRequest, context) -> pb.GetAssignmentsResponse:
        query = validate(_StudentQuery, {"student_ref": request.student_ref, "org": request.org or None})
        found = await assignment_handlers.student_mentors(
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
            _StudentQuery,
            {
                "student_ref": request.student_ref,
                "context_id": request.context_id or None,
                "org": request.org or None,
            },
        )
        kind = _CONTEXT_FROM_PB.get(request.context_kind)
        if (kind is None) != (query.context_id is None):
            raise InvalidInput(
                "give both context_kind and context_id, or neither",
                errors=[FieldError("context_id", "needs context_kind (and the reverse)")],
            )
        found = await assignment_handlers.is_mentor_of(
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
            side=_SIDE_TO_PB[found.assignment.side],
            mentor_id=str(found.assignment.mentor_id),
        )

    async def AssignMentor(self, request: pb.AssignMentorRequest, context) -> pb.AssignMentorResponse:
        assignment_id = parse_uuid(request.assignment_id, "assignment_id")
        body = validate(AssignIn, {"mentor_id": request.mentor_id, "reason": request.reason})
        view = await assignment_handlers.assign_mentor(
            assignment_handlers.AssignMentor(assignment_id, body.mentor_id, body.reason),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.AssignMentorResponse(assignment=assignment_to_pb(view))

    async def GetAssignmentHistory(
        self, request: pb.GetAssignmentHistoryRequest, context
    ) -> pb.GetAssignmentHistoryResponse:
        entries, token = await assignment_handlers.assignment_history(
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
        found, token = await assignment_handlers.needs_a_mentor(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size, default=200, most=500),
            page_token=request.page_token or None,
        )
        return pb.ListPendingAssignmentsResponse(
            assignments=[assignment_to_pb(v) for v in found], next_page_token=token or ""
        )

    # Guidance sessions

    async def RecordSession(self, request: pb.RecordSessionRequest, context) -> pb.RecordSessionResponse:
        assignment_id = parse_uuid(request.assignment_id, "assignment_id")
        body = validate(
            SessionIn,
            {
                "held_on": request.held_on,
                "mode": _MODE_FROM_PB.get(request.mode),
                "minutes": request.minutes,
                "notes": request.notes,
            },
        )

        async def record(uow) -> pb.RecordSessionResponse:
            session = await session_handlers.record_session(
                assignment_id,
                session_handlers.RecordSession(body.held_on, body.mode, body.minutes, body.notes),
                principal(),
                uow=uow,
                clock=self.rt.clock,
            )
            return pb.RecordSessionResponse(session=session_to_pb(session))

        return await rpc.created(context, self.rt.uow, request, record, pb.RecordSessionResponse)

    async def ConfirmSession(self, request: pb.ConfirmSessionRequest, context) -> pb.ConfirmSessionResponse:
        session = await session_handlers.confirm_session(
            parse_uuid(request.assignment_id, "assignment_id"),
            parse_uuid(request.session_id, "session_id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.ConfirmSessionResponse(session=session_to_pb(session))


def services(rt: Runtime) -> list[tuple]:
    servicer = MentorsServicer(rt)
    name = pb.DESCRIPTOR.services_by_name["MentorsService"].full_name
    return [(lambda server: pb_grpc.add_MentorsServiceServicer_to_server(servicer, server), name)]
