"""Outcomes use cases: record and list hires, declare and read programme competency profiles, an agreement's
partnership value ledger, and a school's yearly outcomes.

Who: an enterprise's admin or HR records hires of students placed with it (a placement not its own is "no such
placement"); an enterprise's admin or HR lists its own hires, a school's admin or coordinator its students'. A school's admin or coordinator declares its
programmes' competencies; its staff read them; to anyone else a programme does not exist (404). An agreement's value
ledger is read by the managers of both of its parties (school admin or coordinator, enterprise admin or HR), the same
figures for both; their other staff get 403; to anyone else the agreement does not exist (404). A school's staff read its yearly outcomes. Students read none of these.

The ledger's figures come from its read model (adapters/outcomes.py LedgerRepository, guidance_record), which only
event consumers write (consumers.py): never from another service's data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from internships.domain.outcomes import (
    PLACED,
    ApprovedWeek,
    CompletedTeam,
    Demand,
    Hire,
    HireKind,
    LedgerFact,
    LedgerHire,
    LedgerPlacement,
    Programme,
    ValueLedger,
    YearOutcomes,
    programme,
    value_ledger,
    year_outcomes,
)
from internships.outgoing.outcomes import programme_set
from internships.policy import STAFF_ROLES, manager, own_student_ref
from internships.policy import visible as visible_agreement
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput, NotFound
from praxis_common.pages import decode_page_token, next_page
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class RecordHire:
    student_ref: str
    placement_id: uuid.UUID | None
    kind: HireKind
    on: date
    position_title: str | None = None


@dataclass(frozen=True)
class SetProgramme:
    cohort: str
    competencies: list[str]


@dataclass(frozen=True)
class Page:
    page_size: int = 50
    page_token: str | None = None


async def record_hire(cmd: RecordHire, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> Hire:
    manager(principal, "enterprise")
    now = clock()
    async with uow() as u:
        found = await u.hires.placed(principal.org, cmd.student_ref, cmd.placement_id)
        if cmd.placement_id is not None:
            if not found:
                raise NotFound("no such placement")
            placement_id, agreement_id, school_org, student_ref, status, starts_on = found[0]
            if student_ref != cmd.student_ref:
                raise InvalidInput(
                    "the placement is another student's",
                    errors=[FieldError("student_ref", "must be the student of the placement named")],
                )
            if status not in PLACED:
                raise InvalidInput(
                    "the student was never placed with you through this placement",
                    errors=[FieldError("placement_id", f"the placement is {status}, never confirmed")],
                )
        else:
            if not found:
                raise InvalidInput(
                    "only students placed with your enterprise can be reported hired",
                    errors=[FieldError("student_ref", "no placement of this student with your enterprise")],
                )
            if len({row[2] for row in found}) > 1:
                raise InvalidInput(
                    "students of several schools have this reference",
                    errors=[FieldError("placement_id", "name the placement the hire follows")],
                )
            placement_id, agreement_id, school_org, _, _, starts_on = found[0]
        hire = Hire.record(
            enterprise_org=principal.org,
            school_org=school_org,
            student_ref=cmd.student_ref,
            agreement_id=agreement_id,
            placement_id=placement_id,
            kind=cmd.kind,
            on=cmd.on,
            position_title=cmd.position_title,
            placement_starts_on=starts_on,
            by=principal.sub,
            now=now,
        )
        await u.hires.add(hire)
        u.track(hire)
        await u.commit()
    return hire


async def list_hires(query: Page, principal: Principal, *, uow: UowFactory) -> tuple[list[Hire], str | None]:
    kind = manager(principal, "school", "enterprise")
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        rows = await u.hires.of_org(principal.org, kind, after=after, limit=query.page_size + 1)
    return next_page(rows, query.page_size, lambda h: (h.recorded_at, h.id))


async def set_programme(
    cmd: SetProgramme, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Programme:
    manager(principal, "school")
    p = programme(principal.org, cmd.cohort, cmd.competencies, by=principal.sub, now=clock())
    async with uow() as u:
        await u.programmes.put(p)
        u.emit(programme_set(p))
        await u.commit()
    return p


async def get_programme(cohort: str, principal: Principal, *, uow: UowFactory) -> Programme:
    _school_staff(principal)
    async with uow() as u:
        found = await u.programmes.get(principal.org, cohort)
    if found is None:
        raise NotFound("no such programme")
    return found


async def list_programmes(query: Page, principal: Principal, *, uow: UowFactory) -> tuple[list[Programme], str | None]:
    _school_staff(principal)
    after = decode_page_token(query.page_token, str)[0] if query.page_token else None
    async with uow() as u:
        rows = await u.programmes.of_school(principal.org, after=after, limit=query.page_size + 1)
    return next_page(rows, query.page_size, lambda p: (p.cohort,))


async def agreement_value(agreement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> ValueLedger:
    """The agreement's ledger: to both parties' managers alike; Forbidden to their other staff; NotFound to anyone
    else (and to students)."""
    async with uow() as u:
        a = visible_agreement(await u.agreements.get(agreement_id), principal)
        if own_student_ref(principal) is not None:
            raise NotFound("no such agreement")
        manager(principal, "school", "enterprise")  # the partnership's figures are its managers'
        placements = await u.ledger.placements_of_agreement(a.id)
        hours = await u.ledger.hours_of_agreement(a.id)
        teams = await u.ledger.teams_of_pair(a.school_org, a.enterprise_org, a.valid_from, a.valid_to)
        guidance = await u.guidance.of_agreement(
            a.id, school_org=a.school_org, enterprise_org=a.enterprise_org, valid_from=a.valid_from, valid_to=a.valid_to
        )
        hires = await u.ledger.hires_of_agreement(a.id)
        trained = await u.programmes.trained(a.school_org)
    return value_ledger(
        a.id,
        a.school_org,
        a.enterprise_org,
        placements=placements,
        hours=hours,
        teams=teams,
        guidance=guidance,
        hires=hires,
        programmes=trained,
    )


async def school_outcomes(year: int, principal: Principal, *, uow: UowFactory) -> YearOutcomes:
    _school_staff(principal)
    async with uow() as u:
        placements = await u.ledger.placements_of_school(principal.org, year)
        hired = await u.ledger.hired_students(principal.org)
        trained = await u.programmes.trained(principal.org)
        demanded = await u.ledger.demanded(principal.org, year)
    return year_outcomes(principal.org, year, placements, hired, trained, demanded)


def _school_staff(principal: Principal) -> None:
    """A school's programmes and outcomes are its staff's: to anyone else they do not exist."""
    if principal.org_kind != "school" or own_student_ref(principal) is not None or not principal.roles & STAFF_ROLES:
        raise NotFound("no such programme or outcomes: they are a school's, read by its staff")


async def record_ledger_fact(fact: LedgerFact, *, uow: UowFactory) -> None:
    """Apply one fact an event reported to the value ledger's read model (idempotent, order-tolerant)."""
    async with uow() as u:
        ledger = u.ledger
        match fact:
            case LedgerPlacement():
                await ledger.record_placement(fact)
            case ApprovedWeek():
                await ledger.record_week(
                    fact.placement_id, fact.week_start, fact.core_hours, fact.total_hours, fact.approved_at
                )
            case CompletedTeam():
                await ledger.record_team(
                    fact.team_id, fact.project_id, fact.school_org, fact.enterprise_org, fact.completed_on
                )
            case LedgerHire():
                await ledger.record_hire(**vars(fact))
            case Demand():
                await ledger.record_demand(fact.source, fact.enterprise_org, fact.competencies, fact.year)
        await u.commit()
