"""gRPC edge of the mentors service: protobuf ↔ commands; the same handlers and validation as REST.

GetAssignments and IsMentorOf are the questions other services (Projects) ask with deadlines: scoped to the
caller's organisation, or any organisation for a platform principal with role "service" — the only methods such a
principal may call (SERVICE_METHODS; the kernel refuses it on every other method and on every REST route)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

import praxis_partnerships as partnerships
from mentors.adapters.repositories import AssignmentView, HistoryEntry
from mentors.domain.assignments import AssignmentStatus, ContextKind
from mentors.domain.mentors import Certificate, PracticePeriod, Qualification, Side
from mentors.domain.sessions import GuidanceSession, SessionMode
from mentors.handlers import assignments as assignment_handlers
from mentors.handlers import mentors as mentor_handlers
from mentors.handlers import reports as report_handlers
from mentors.handlers import sessions as session_handlers
from mentors.handlers.mentors import MentorDetails
from mentors.http.schemas import (
    AssignIn,
    CertificateIn,
    MentorCreate,
    MentorUpdate,
    PracticePeriodIn,
    SessionIn,
)
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_common import pages, rpc
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import Date, OrgId, PageToken, Ref, StudentRef, parse_uuid, validate

_SIDE_TO_PB = {Side.SCHOOL: pb.SIDE_SCHOOL, Side.ENTERPRISE: pb.SIDE_ENTERPRISE}
_SIDE_FROM_PB = {v: k.value for k, v in _SIDE_TO_PB.items()}  # UNSPECIFIED → None → invalid
_STATUS_TO_PB = {s: getattr(pb, f"ASSIGNMENT_STATUS_{s.name}") for s in AssignmentStatus}
_CONTEXT_TO_PB = {k: getattr(pb, f"CONTEXT_KIND_{k.name}") for k in ContextKind}
_CONTEXT_FROM_PB = {v: k for k, v in _CONTEXT_TO_PB.items()}
_MODE_TO_PB = {m: getattr(pb, f"SESSION_MODE_{m.name}") for m in SessionMode}
_MODE_FROM_PB = {v: k.value for k, v in _MODE_TO_PB.items()}
_STATUS_FROM_PB = {v: k for k, v in _STATUS_TO_PB.items()}
_SIDE_ENUM_FROM_PB = {v: k for k, v in _SIDE_TO_PB.items()}
SERVICE_METHODS = ("GetAssignments", "IsMentorOf")


class _StudentQuery(BaseModel):
    """The student and context fields of GetAssignments / IsMentorOf, with REST's limits."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef
    context_id: Ref | None = None
    org: OrgId | None = None


class _AssignmentQuery(BaseModel):
    """The query of GET /v1/assignments, with REST's limits."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef | None = None
    mentor_id: uuid.UUID | None = None
    page_token: PageToken | None = None


class _OverdueQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: Annotated[int, Field(ge=1, le=365)] | None = None


class _Period(BaseModel):
    """The from/to query of GET /v1/reports/guidance."""

    model_config = ConfigDict(extra="forbid")

    from_date: Date | None = None
    to_date: Date | None = None


def _given(**fields) -> dict:
    """The fields a request set: proto3 reads an unset scalar as its zero value, which REST reads as absent."""
    return {name: value for name, value in fields.items() if value}


def _ts(value) -> str:
    return value.isoformat() if value else ""


def _dec(value: Decimal | None) -> str:
    return format(value, "f") if value is not None else ""


def qualification_to_pb(q: Qualification) -> pb.Qualification:
    return pb.Qualification(
        dual_qualified=q.dual_qualified,
        practice_days=q.practice_days,
        practice_months=_dec(q.practice_months),
        practice_hours=q.practice_hours,
        qualifying_certificates=q.qualifying_certificates,
        window_from=_ts(q.window_from),
    )


def period_to_pb(p: PracticePeriod) -> pb.PracticePeriod:
    return pb.PracticePeriod(
        id=str(p.id),
        enterprise=p.enterprise,
        role=p.role,
        from_date=_ts(p.from_date),
        to_date=_ts(p.to_date),
        hours=p.hours,
        recorded_at=_ts(p.recorded_at),
    )


def certificate_to_pb(c: Certificate) -> pb.Certificate:
    return pb.Certificate(
        id=str(c.id),
        name=c.name,
        issuer=c.issuer,
        issued_on=_ts(c.issued_on),
        expires_on=_ts(c.expires_on),
        recorded_at=_ts(c.recorded_at),
    )


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
        free_seats=m.free_seats,
        practice_periods=[period_to_pb(p) for p in d.periods],
        certificates=[certificate_to_pb(c) for c in d.certificates],
    )
    if d.qualification is not None:
        message.dual_qualified = d.qualification.dual_qualified
        message.qualification.CopyFrom(qualification_to_pb(d.qualification))
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

    async def UpdateMentor(self, request: pb.UpdateMentorRequest, context) -> pb.UpdateMentorResponse:
        mentor_id = parse_uuid(request.id, "id")
        fields = {
            "display_name": request.display_name,
            "expertise": list(request.expertise),
            "languages": list(request.languages),
            "capacity": request.capacity,
            "active": request.active,
            "account": request.account or None,
        }
        changes = validate(MentorUpdate, rpc.masked(request.update_mask, fields)).changes()
        if not changes:
            raise InvalidInput(
                "nothing to change: name at least one field in update_mask",
                errors=[FieldError("update_mask", f"one or more of {', '.join(fields)}")],
            )
        details = await mentor_handlers.update_mentor(
            mentor_id, changes, principal(), uow=self.rt.uow, rule=self.rule, clock=self.rt.clock
        )
        return pb.UpdateMentorResponse(mentor=mentor_to_pb(details))

    async def AddPracticePeriod(self, request: pb.AddPracticePeriodRequest, context) -> pb.AddPracticePeriodResponse:
        mentor_id = parse_uuid(request.mentor_id, "mentor_id")
        body = validate(
            PracticePeriodIn,
            {
                "enterprise": request.enterprise,
                "role": request.role,
                "from_date": request.from_date or None,
                "to_date": request.to_date or None,
                "hours": request.hours,
            },
        )

        async def record(uow) -> pb.AddPracticePeriodResponse:
            period, _ = await mentor_handlers.record_practice(
                mentor_id,
                mentor_handlers.RecordPractice(body.enterprise, body.role, body.from_date, body.to_date, body.hours),
                principal(),
                uow=uow,
                rule=self.rule,
                clock=self.rt.clock,
            )
            return pb.AddPracticePeriodResponse(period=period_to_pb(period))

        return await rpc.created(context, self.rt.uow, request, record, pb.AddPracticePeriodResponse)

    async def RemovePracticePeriod(
        self, request: pb.RemovePracticePeriodRequest, context
    ) -> pb.RemovePracticePeriodResponse:
        details = await mentor_handlers.remove_record(
            parse_uuid(request.mentor_id, "mentor_id"),
            parse_uuid(request.period_id, "period_id"),
            "practice-period",
            principal(),
            uow=self.rt.uow,
            rule=self.rule,
            clock=self.rt.clock,
        )
        return pb.RemovePracticePeriodResponse(mentor=mentor_to_pb(details))

    async def AddCertificate(self, request: pb.AddCertificateRequest, context) -> pb.AddCertificateResponse:
        mentor_id = parse_uuid(request.mentor_id, "mentor_id")
        body = validate(
            CertificateIn,
            {
                "name": request.name,
                "issuer": request.issuer,
                "issued_on": request.issued_on or None,
                "expires_on": request.expires_on or None,
            },
        )

        async def record(uow) -> pb.AddCertificateResponse:
            certificate, _ = await mentor_handlers.record_certificate(
                mentor_id,
                mentor_handlers.RecordCertificate(body.name, body.issuer, body.issued_on, body.expires_on),
                principal(),
                uow=uow,
                rule=self.rule,
                clock=self.rt.clock,
            )
            return pb.AddCertificateResponse(certificate=certificate_to_pb(certificate))

        return await rpc.created(context, self.rt.uow, request, record, pb.AddCertificateResponse)

    async def RemoveCertificate(self, request: pb.RemoveCertificateRequest, context) -> pb.RemoveCertificateResponse:
        details = await mentor_handlers.remove_record(
            parse_uuid(request.mentor_id, "mentor_id"),
            parse_uuid(request.certificate_id, "certificate_id"),
            "certificate",
            principal(),
            uow=self.rt.uow,
            rule=self.rule,
            clock=self.rt.clock,
        )
        return pb.RemoveCertificateResponse(mentor=mentor_to_pb(details))

    # Assignments

    async def ListAssignments(self, request: pb.ListAssignmentsRequest, context) -> pb.ListAssignmentsResponse:
        query = validate(
            _AssignmentQuery,
            _given(
                student_ref=request.student_ref,
                mentor_id=request.mentor_id,
                page_token=request.page_token,
            ),
        )
        found, token = await assignment_handlers.list_assignments(
            assignment_handlers.ListAssignments(
                status=_STATUS_FROM_PB.get(request.status),
                side=_SIDE_ENUM_FROM_PB.get(request.side),
                student_ref=query.student_ref,
                mentor_id=query.mentor_id,
                page_size=pages.page_size(request.page_size),
                page_token=query.page_token,
            ),
            principal(),
            uow=self.rt.uow,
        )
        return pb.ListAssignmentsResponse(assignments=[assignment_to_pb(v) for v in found], next_page_token=token or "")

    async def GetAssignment(self, request: pb.GetAssignmentRequest, context) -> pb.GetAssignmentResponse:
        view = await assignment_handlers.get_assignment(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetAssignmentResponse(assignment=assignment_to_pb(view))

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

    async def ListOverdueGuidance(
        self, request: pb.ListOverdueGuidanceRequest, context
    ) -> pb.ListOverdueGuidanceResponse:
        days = validate(_OverdueQuery, _given(days=request.days)).days or self.rt.settings.overdue_guidance_days
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
                pb.OverdueAssignment(assignment=assignment_to_pb(o.assignment), last_onsite_session=_ts(o.last_onsite))
                for o in found
            ],
            next_page_token=token or "",
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

    async def ListSessions(self, request: pb.ListSessionsRequest, context) -> pb.ListSessionsResponse:
        found, token = await session_handlers.list_sessions(
            parse_uuid(request.assignment_id, "assignment_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListSessionsResponse(sessions=[session_to_pb(s) for s in found], next_page_token=token or "")

    async def ConfirmSession(self, request: pb.ConfirmSessionRequest, context) -> pb.ConfirmSessionResponse:
        session = await session_handlers.confirm_session(
            parse_uuid(request.assignment_id, "assignment_id"),
            parse_uuid(request.session_id, "session_id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.ConfirmSessionResponse(session=session_to_pb(session))

    # Reports

    async def GetDualQualifiedReport(
        self, request: pb.GetDualQualifiedReportRequest, context
    ) -> pb.GetDualQualifiedReportResponse:
        report = await report_handlers.dual_qualified_report(
            principal(), uow=self.rt.uow, rule=self.rule, clock=self.rt.clock
        )
        return pb.GetDualQualifiedReportResponse(
            school_org=report.school_org,
            as_of=_ts(report.as_of),
            rule=pb.DualQualificationRule(
                min_months=self.rule.min_months,
                window_years=self.rule.window_years,
                certificates=sorted(self.rt.settings.dual_qualified_certificates),
            ),
            mentors_total=report.mentors_total,
            dual_qualified=report.dual_qualified,
            ratio=_dec(report.ratio),
            mentors=[
                pb.DualQualifiedMentor(
                    mentor_id=str(m.id), display_name=m.display_name, qualification=qualification_to_pb(q)
                )
                for m, q in report.mentors
            ],
        )

    async def GetMentorLoadReport(
        self, request: pb.GetMentorLoadReportRequest, context
    ) -> pb.GetMentorLoadReportResponse:
        report = await report_handlers.load_report(principal(), uow=self.rt.uow)
        return pb.GetMentorLoadReportResponse(
            org=report.org,
            total_capacity=report.total_capacity,
            total_load=report.total_load,
            utilisation=_dec(report.utilisation),
            by_load=report.by_load,
            buckets=report.buckets,
            mentors=[
                pb.MentorLoad(
                    mentor_id=str(m.id),
                    display_name=m.display_name,
                    kind=_SIDE_TO_PB[m.kind],
                    active=m.active,
                    capacity=m.capacity,
                    load=m.load,
                    free_seats=m.free_seats,
                )
                for m in report.mentors
            ],
        )

    async def GetGuidanceReport(self, request: pb.GetGuidanceReportRequest, context) -> pb.GetGuidanceReportResponse:
        period = validate(_Period, _given(from_date=request.from_date, to_date=request.to_date))
        report = await report_handlers.guidance_report(
            principal(), uow=self.rt.uow, from_date=period.from_date, to_date=period.to_date, clock=self.rt.clock
        )
        return pb.GetGuidanceReportResponse(
            org=report.org,
            from_date=_ts(report.from_date),
            to_date=_ts(report.to_date),
            per_mentor=[
                pb.MentorGuidance(
                    mentor_id=str(m.mentor_id),
                    display_name=m.display_name,
                    side=_SIDE_TO_PB[Side(m.side)],
                    org=m.org,
                    sessions=m.sessions,
                    onsite_sessions=m.onsite_sessions,
                    minutes=m.minutes,
                    confirmed_sessions=m.confirmed_sessions,
                    students=m.students,
                    current_mentees=m.current_mentees,
                    sessions_per_30_days=_dec(m.sessions_per_30_days),
                )
                for m in report.per_mentor
            ],
            per_student=[
                pb.StudentGuidance(
                    school_org=g.school_org,
                    student_ref=g.student_ref,
                    sessions=g.sessions,
                    onsite_sessions=g.onsite_sessions,
                    minutes=g.minutes,
                    last_held_on=_ts(g.last_held_on),
                    sessions_per_30_days=_dec(g.sessions_per_30_days),
                )
                for g in report.per_student
            ],
        )

    async def GetPendingAssignmentsReport(
        self, request: pb.GetPendingAssignmentsReportRequest, context
    ) -> pb.GetPendingAssignmentsReportResponse:
        report = await report_handlers.pending_report(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.GetPendingAssignmentsReportResponse(
            org=report.org,
            total=report.total,
            by_side=report.by_side,
            oldest_since=_ts(report.oldest_since),
            items=[assignment_to_pb(v) for v in report.items],
            next_page_token=report.next_page_token or "",
        )


def services(rt: Runtime) -> list[tuple]:
    servicer = MentorsServicer(rt)
    name = pb.DESCRIPTOR.services_by_name["MentorsService"].full_name
    return [(lambda server: pb_grpc.add_MentorsServiceServicer_to_server(servicer, server), name, SERVICE_METHODS)]
