"""Results -> protobuf messages of mentors.v1, and the enum mappings both ways (proto3 zero values read as unset)."""

from __future__ import annotations

from decimal import Decimal

from mentors.domain.assignments import AssignmentStatus, ContextKind
from mentors.domain.mentors import Certificate, PracticePeriod, Qualification, Side
from mentors.domain.sessions import GuidanceSession, SessionMode
from mentors.domain.views import AssignmentView, HistoryEntry
from mentors.handlers.mentors import MentorDetails
from praxis.mentors.v1 import mentors_pb2 as pb

SIDE_TO_PB = {Side.SCHOOL: pb.SIDE_SCHOOL, Side.ENTERPRISE: pb.SIDE_ENTERPRISE}
SIDE_FROM_PB = {v: k.value for k, v in SIDE_TO_PB.items()}  # UNSPECIFIED -> None -> absent (or invalid)
STATUS_TO_PB = {s: getattr(pb, f"ASSIGNMENT_STATUS_{s.name}") for s in AssignmentStatus}
STATUS_FROM_PB = {v: k.value for k, v in STATUS_TO_PB.items()}
CONTEXT_TO_PB = {k: getattr(pb, f"CONTEXT_KIND_{k.name}") for k in ContextKind}
CONTEXT_FROM_PB = {v: k for k, v in CONTEXT_TO_PB.items()}
MODE_TO_PB = {m: getattr(pb, f"SESSION_MODE_{m.name}") for m in SessionMode}
MODE_FROM_PB = {v: k.value for k, v in MODE_TO_PB.items()}


def given(**fields) -> dict:
    """The fields a request set: proto3 reads an unset scalar as its zero value, which REST reads as absent."""
    return {name: value for name, value in fields.items() if value}


def ts(value) -> str:
    return value.isoformat() if value else ""


def dec(value: Decimal | None) -> str:
    return format(value, "f") if value is not None else ""


def qualification_to_pb(q: Qualification) -> pb.Qualification:
    return pb.Qualification(
        dual_qualified=q.dual_qualified,
        practice_days=q.practice_days,
        practice_months=dec(q.practice_months),
        practice_hours=q.practice_hours,
        qualifying_certificates=q.qualifying_certificates,
        window_from=ts(q.window_from),
    )


def period_to_pb(p: PracticePeriod) -> pb.PracticePeriod:
    return pb.PracticePeriod(
        id=str(p.id),
        enterprise=p.enterprise,
        role=p.role,
        from_date=ts(p.from_date),
        to_date=ts(p.to_date),
        hours=p.hours,
        recorded_at=ts(p.recorded_at),
    )


def certificate_to_pb(c: Certificate) -> pb.Certificate:
    return pb.Certificate(
        id=str(c.id),
        name=c.name,
        issuer=c.issuer,
        issued_on=ts(c.issued_on),
        expires_on=ts(c.expires_on),
        recorded_at=ts(c.recorded_at),
    )


def mentor_to_pb(d: MentorDetails) -> pb.Mentor:
    m = d.mentor
    message = pb.Mentor(
        id=str(m.id),
        org=m.org,
        kind=SIDE_TO_PB[m.kind],
        display_name=m.display_name,
        expertise=m.expertise,
        languages=m.languages,
        capacity=m.capacity,
        load=m.load,
        active=m.active,
        account=m.account or "",
        created_at=ts(m.created_at),
        updated_at=ts(m.updated_at),
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
        context_kind=CONTEXT_TO_PB[a.context_kind],
        context_id=a.context_id,
        side=SIDE_TO_PB[a.side],
        org=a.org,
        school_org=a.school_org,
        enterprise_org=a.enterprise_org,
        student_ref=a.student_ref,
        status=STATUS_TO_PB[a.status],
        mentor_id=str(a.mentor_id or ""),
        mentor_display_name=v.mentor_display_name or "",
        created_at=ts(a.created_at),
        assigned_at=ts(a.assigned_at),
        ended_at=ts(a.ended_at),
        end_reason=a.end_reason or "",
        position_id=v.position_id or "",
        starts_on=ts(v.starts_on),
        ends_on=ts(v.ends_on),
        competencies=v.competencies,
        members=v.members,
    )


def history_to_pb(h: HistoryEntry) -> pb.HistoryEntry:
    return pb.HistoryEntry(
        at=ts(h.at),
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
        side=SIDE_TO_PB[s.side],
        held_on=s.held_on.isoformat(),
        mode=MODE_TO_PB[s.mode],
        minutes=s.minutes,
        notes=s.notes,
        recorded_at=ts(s.recorded_at),
        recorded_by=s.recorded_by,
        confirmed_at=ts(s.confirmed_at),
        confirmed_by=s.confirmed_by or "",
    )
