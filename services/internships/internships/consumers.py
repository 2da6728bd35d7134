"""The events this service listens to: the mentors service's assignments and mentors → who reviews logbooks; its own
placement.graded and the projects service's credit.awarded → the school's credit ledger (see the end of the module).

mentor.assigned / released (of placements; project teams are not ours) keep which mentor each side's assignment
of a placement holds; mentor.assigned and mentor.updated keep the account each mentor signs in with. A logbook
week is then approved by the placement's assigned enterprise mentor, matched by the token's `sub`
(handlers/logbooks.py), with no call to the mentors service. Applied once per event id through the kernel's inbox
(durable `internships-mentors`); the read model itself tolerates replays and reordering (adapters/mentoring.py).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from internships.domain.credit_ledger import LedgerEntry, SourceKind
from internships.domain.mentoring import SIDES, Assignment, RecordAssigned, RecordMentorAccount, RecordReleased
from internships.handlers import credit_ledger, mentoring
from praxis.events.v1 import grades_pb2, mentors_pb2, projects_pb2
from praxis_common.auth import MAX_ORG_LENGTH, MAX_SUB_LENGTH
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent, payload_time
from praxis_common.uow import UowFactory
from praxis_common.validation import parse_uuid

MAX_NAME_LENGTH = 200  # mentor_account.display_name

DURABLE = "internships-mentors"
ASSIGNED = "praxis.mentors.mentor.assigned.v1"
RELEASED = "praxis.mentors.mentor.released.v1"
UPDATED = "praxis.mentors.mentor.updated.v1"


def _uuid(event: ReceivedEvent, name: str, value: str) -> uuid.UUID:
    return parse_uuid(value, f"event {event.id}: {name}")


def _org(event: ReceivedEvent, value: str) -> str:
    if not value or len(value) > MAX_ORG_LENGTH:
        raise InvalidInput(f"event {event.id}: org must be 1 to {MAX_ORG_LENGTH} characters")
    return value


def _when(value: str) -> datetime:
    return payload_time(value) or datetime.now(UTC)


async def apply_mentors_event(event: ReceivedEvent, uow: UowFactory) -> None:
    """Map the event to its command and run it (the consumer's unit is joined by the use case)."""
    if event.type == UPDATED:
        e = event.parse(mentors_pb2.MentorUpdated)
        await mentoring.record_mentor_account(
            RecordMentorAccount(
                mentor_id=_uuid(event, "mentor_id", e.mentor_id),
                org=_org(event, e.org),
                account=e.account[:MAX_SUB_LENGTH] or None,
                version=e.version,
                display_name=e.display_name[:MAX_NAME_LENGTH] or None,
            ),
            uow=uow,
        )
        return
    if event.type not in (ASSIGNED, RELEASED):
        return
    e = event.parse(mentors_pb2.MentorAssigned if event.type == ASSIGNED else mentors_pb2.MentorReleased)
    a = e.assignment
    if a.context_kind != "placement":
        return  # a project team's mentors: the projects service's business
    if a.side not in SIDES:
        raise InvalidInput(f"event {event.id}: side must be school or enterprise")
    assignment = Assignment(
        assignment_id=_uuid(event, "assignment_id", a.assignment_id),
        placement_id=_uuid(event, "context_id", a.context_id),
        side=a.side,
        org=_org(event, a.org),
    )
    mentor_id = _uuid(event, "mentor_id", e.mentor_id) if e.mentor_id else None
    if event.type == RELEASED:
        await mentoring.record_released(
            RecordReleased(assignment, mentor_id=mentor_id, ended_at=_when(e.ended_at)), uow=uow
        )
        return
    if mentor_id is None:
        raise InvalidInput(f"event {event.id}: an assignment names its mentor")
    account = RecordMentorAccount(
        mentor_id=mentor_id,
        org=a.org,
        account=e.mentor_account[:MAX_SUB_LENGTH] or None,
        version=e.mentor_version,
        display_name=e.mentor_name[:MAX_NAME_LENGTH] or None,
    )
    await mentoring.record_assigned(
        RecordAssigned(assignment, mentor_id=mentor_id, assigned_at=_when(e.assigned_at), account=account), uow=uow
    )


def subscription() -> Subscription:
    return Subscription(
        durable=DURABLE,
        source="mentors",
        topics=["mentors.mentor.assigned", "mentors.mentor.released", "mentors.mentor.updated"],
        handler=apply_mentors_event,
    )


# ---- the credit ledger: placement.graded (ours, durable internships-credit-ledger) and projects' credit.awarded
# (durable internships-projects-credits). The ledger keeps the highest revision per placement (adapters/credit_ledger).

GRADED = "praxis.internships.placement.graded.v1"
CREDIT_AWARDED = "praxis.projects.credit.awarded.v1"
MAX_STUDENT_REF = 128


def _decimal(event: ReceivedEvent, name: str, value: str, *, optional: bool = False) -> Decimal | None:
    if optional and not value:
        return None
    try:
        parsed = Decimal(value)
    except InvalidOperation:
        parsed = None
    if parsed is None or not parsed.is_finite() or not Decimal(0) <= parsed <= Decimal(100):
        raise InvalidInput(f"event {event.id}: {name} must be a decimal from 0 to 100")
    return parsed.quantize(Decimal("0.01"))


def _student(event: ReceivedEvent, value: str) -> str:
    if not value or len(value) > MAX_STUDENT_REF:
        raise InvalidInput(f"event {event.id}: student_ref must be 1 to {MAX_STUDENT_REF} characters")
    return value


def _day(event: ReceivedEvent, value: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InvalidInput(f"event {event.id}: not a date: {value!r}") from exc


async def apply_graded(event: ReceivedEvent, uow: UowFactory) -> None:
    if event.type != GRADED:
        return
    e = event.parse(grades_pb2.PlacementGraded)
    graded_at = payload_time(e.graded_at) or datetime.now(UTC)
    await credit_ledger.record_entry(
        LedgerEntry(
            school_org=_org(event, e.school_org),
            source_kind=SourceKind.PLACEMENT,
            source_id=_uuid(event, "placement_id", e.placement_id),
            student_ref=_student(event, e.student_ref),
            title=e.position_title[:500],
            enterprise_org=_org(event, e.enterprise_org),
            credits=_decimal(event, "credits", e.credits),
            score=_decimal(event, "total", e.total),
            grade=e.grade[:16] or None,
            passed=e.passed,
            awarded_on=graded_at.date(),
            revision=max(e.revision, 1),
            updated_at=graded_at,
        ),
        uow=uow,
    )


async def apply_credit_awarded(event: ReceivedEvent, uow: UowFactory) -> None:
    if event.type != CREDIT_AWARDED:
        return
    e = event.parse(projects_pb2.CreditAwarded)
    await credit_ledger.record_entry(
        LedgerEntry(
            school_org=_org(event, e.school_org),
            source_kind=SourceKind.PROJECT,
            source_id=_uuid(event, "project_id", e.project_id),
            student_ref=_student(event, e.student_ref),
            title=e.project_title[:500],
            enterprise_org=_org(event, e.enterprise_org),
            credits=_decimal(event, "credits", e.credits),
            score=_decimal(event, "score", e.score, optional=True),
            grade=None,  # projects grade on no school scale
            passed=True,  # projects award credits to those who passed only
            awarded_on=_day(event, e.awarded_on),
            revision=1,
            updated_at=payload_time(event.time) or datetime.now(UTC),
        ),
        uow=uow,
    )


def ledger_subscriptions() -> list[Subscription]:
    return [
        Subscription(
            durable="internships-credit-ledger",
            source="internships",
            topics=["internships.placement.graded"],
            handler=apply_graded,
        ),
        Subscription(
            durable="internships-projects-credits",
            source="projects",
            topics=["projects.credit.awarded"],
            handler=apply_credit_awarded,
        ),
    ]
