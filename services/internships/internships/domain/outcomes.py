"""Outcomes of school–enterprise cooperation: hires and return offers an enterprise reports, the competencies each
school programme trains, job-to-major alignment, the partnership value ledger of an agreement and a school's yearly
outcomes. Pure: the figures are computed here from what the read model kept (adapters/outcomes.py).

Alignment (one rule, `aligned`): a placement is aligned with its programme when the Jaccard overlap of its
position's competency tags P and its programme's tags Q, |P∩Q| / |P∪Q|, is at least ALIGNMENT_THRESHOLD (0.3).
Why Jaccard and why 0.3 is in docs/outcomes.md."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from internships.domain.guidance import GuidanceTotals
from internships.domain.rates import rate
from praxis_common.errors import FieldError, InvalidInput

ALIGNMENT_THRESHOLD = Decimal("0.3")
MOST_COMPETENCIES = 50  # tags in one programme profile (as many as a position may list)

# Placement statuses as the ledger keeps them (the placement events' `status`).
HOSTED = frozenset({"active", "completed", "terminated"})  # the intern was actually at the enterprise
ENDED = frozenset({"completed", "terminated"})  # ended after it started
PLACED = ("confirmed", "active", "completed", "terminated")  # a student the enterprise took on


class HireKind(StrEnum):
    RETURN_OFFER = "return_offer"  # 留用 offer: the host enterprise offers a job after the internship
    HIRED = "hired"  # the student signed on


@dataclass(frozen=True)
class HireRecorded:
    hire: Hire


@dataclass
class Hire:
    """An enterprise's report that it hired one of a school's students, or gave them a return offer."""

    id: uuid.UUID
    enterprise_org: str
    school_org: str
    student_ref: str
    agreement_id: uuid.UUID
    placement_id: uuid.UUID | None
    kind: HireKind
    on: date
    position_title: str | None
    recorded_by: str
    recorded_at: datetime
    events: list[HireRecorded] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def record(
        cls,
        *,
        enterprise_org: str,
        school_org: str,
        student_ref: str,
        agreement_id: uuid.UUID,
        placement_id: uuid.UUID | None,
        kind: HireKind,
        on: date,
        position_title: str | None,
        placement_starts_on: date,
        by: str,
        now: datetime,
    ) -> Hire:
        """`placement_starts_on`: the start of the placement the hire follows (the one named, or the student's
        latest with the enterprise); a hire dated before it is not a result of the cooperation."""
        if on < placement_starts_on:
            raise InvalidInput(
                "a hire follows the student's placement with the enterprise",
                errors=[FieldError("on", f"must be on or after the placement's start ({placement_starts_on})")],
            )
        if on > now.date():
            raise InvalidInput(
                "a hire is reported once it happened",
                errors=[FieldError("on", f"must not be in the future (today is {now.date().isoformat()})")],
            )
        hire = cls(
            id=uuid.uuid4(),
            enterprise_org=enterprise_org,
            school_org=school_org,
            student_ref=student_ref,
            agreement_id=agreement_id,
            placement_id=placement_id,
            kind=kind,
            on=on,
            position_title=position_title,
            recorded_by=by,
            recorded_at=now,
        )
        hire.events.append(HireRecorded(hire))
        return hire

    def pull_events(self) -> list[HireRecorded]:
        events, self.events = self.events, []
        return events


@dataclass(frozen=True)
class Programme:
    """The competency tags a school's programme (a placement's `cohort`, e.g. 2024-cbec) trains."""

    school_org: str
    cohort: str
    competencies: list[str]
    set_at: datetime
    set_by: str


def programme(school_org: str, cohort: str, competencies: Iterable[str], *, by: str, now: datetime) -> Programme:
    tags = sorted(set(competencies))
    if not tags:
        raise InvalidInput(
            "a programme trains at least one competency", errors=[FieldError("competencies", "must not be empty")]
        )
    return Programme(school_org, cohort, tags, now, by)


def jaccard(position: Iterable[str], trained: Iterable[str]) -> Decimal:
    p, q = set(position), set(trained)
    if not p | q:
        return Decimal(0)
    return Decimal(len(p & q)) / Decimal(len(p | q))


def aligned(position: Iterable[str], trained: Iterable[str]) -> bool:
    """The one alignment rule: Jaccard overlap of the position's and the programme's tags ≥ ALIGNMENT_THRESHOLD."""
    return jaccard(position, trained) >= ALIGNMENT_THRESHOLD


@dataclass(frozen=True)
class LedgerPlacement:
    """A placement as the ledger kept it from placement events: which agreement, the programme, the position's tags,
    and the latest status."""

    placement_id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    student_ref: str
    cohort: str | None
    competencies: list[str]
    status: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Alignment:
    aligned: int  # hosted placements whose position aligns with their programme
    with_profile: int  # hosted placements whose programme has a competency profile

    @property
    def rate(self) -> Decimal | None:
        return rate(self.aligned, self.with_profile)


def alignment(placements: Iterable[LedgerPlacement], programmes: dict[tuple[str, str], list[str]]) -> Alignment:
    """Over the hosted placements: how many have a programme profile, and how many of those align.
    `programmes`: (school_org, cohort) -> trained tags."""
    yes = total = 0
    for p in placements:
        trained = programmes.get((p.school_org, p.cohort or ""))
        if p.status not in HOSTED or trained is None:
            continue
        total += 1
        yes += aligned(p.competencies, trained)
    return Alignment(yes, total)


@dataclass(frozen=True)
class ValueLedger:
    """What an agreement produced, the same figures for both of its parties."""

    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    interns_hosted: int  # placements that became active (and those that went on to complete or end)
    interns_completed: int
    core_hours: Decimal  # approved logbook hours of core duties
    total_hours: Decimal  # all approved logbook hours
    projects_delivered: int  # distinct projects of the enterprise a team of the school completed
    teams_completed: int
    guidance_sessions: int
    guidance_minutes: int
    onsite_guidance_minutes: int
    students_hired: int  # distinct students hired or given a return offer
    return_offers: int
    hires: int
    alignment: Alignment

    @property
    def core_share(self) -> Decimal | None:
        return rate(self.core_hours, self.total_hours)


def value_ledger(
    agreement_id: uuid.UUID,
    school_org: str,
    enterprise_org: str,
    *,
    placements: list[LedgerPlacement],
    hours: tuple[Decimal, Decimal],
    teams: tuple[int, int],
    guidance: GuidanceTotals,
    hires: tuple[int, int, int],
    programmes: dict[tuple[str, str], list[str]],
) -> ValueLedger:
    """The agreement's figures from what the read model kept: its placements, (core, total) approved hours,
    (projects, teams) completed, guidance sums, (students, return offers, hires) and the school's programmes."""
    hosted = [p for p in placements if p.status in HOSTED]
    return ValueLedger(
        agreement_id=agreement_id,
        school_org=school_org,
        enterprise_org=enterprise_org,
        interns_hosted=len(hosted),
        interns_completed=sum(1 for p in hosted if p.status == "completed"),
        core_hours=hours[0],
        total_hours=hours[1],
        projects_delivered=teams[0],
        teams_completed=teams[1],
        guidance_sessions=guidance.sessions,
        guidance_minutes=guidance.minutes,
        onsite_guidance_minutes=guidance.onsite_minutes,
        students_hired=hires[0],
        return_offers=hires[1],
        hires=hires[2],
        alignment=alignment(hosted, programmes),
    )


@dataclass(frozen=True)
class TagCount:
    tag: str
    count: int


def tag_counts(counter: Counter) -> list[TagCount]:
    """Most frequent first, then by tag."""
    return [TagCount(t, n) for t, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


@dataclass(frozen=True)
class YearOutcomes:
    """A school's outcomes for the placements that started in `year`."""

    school_org: str
    year: int
    placements: int  # hosted placements that started in the year
    alignment: Alignment
    hired: int  # completed placements whose student the host enterprise hired or gave a return offer
    completed: int
    ended: int  # completed or terminated
    demanded: list[TagCount]  # competency tags of the positions and projects partner enterprises published that year
    trained: list[TagCount]  # tags of the school's programme profiles (count: programmes training it)
    gaps: list[TagCount]  # demanded but trained by no programme

    @property
    def hire_rate(self) -> Decimal | None:
        return rate(self.hired, self.completed)

    @property
    def completion_rate(self) -> Decimal | None:
        return rate(self.completed, self.ended)


def year_outcomes(
    school_org: str,
    year: int,
    placements: list[LedgerPlacement],
    hired: set[tuple[str, str]],
    programmes: dict[tuple[str, str], list[str]],
    demanded: Counter,
) -> YearOutcomes:
    """`placements`: the school's placements that started in `year`; `hired`: (enterprise, student_ref) of every
    hire or return offer of the school's students (a placement counts as hired when its host hired its student);
    `demanded`: tag -> how many published positions and projects of the year asked for it."""
    hosted = [p for p in placements if p.status in HOSTED]
    completed = [p for p in hosted if p.status == "completed"]
    trained: Counter = Counter()
    for tags in programmes.values():
        trained.update(set(tags))
    gaps = Counter({t: n for t, n in demanded.items() if t not in trained})
    return YearOutcomes(
        school_org=school_org,
        year=year,
        placements=len(hosted),
        alignment=alignment(hosted, programmes),
        hired=sum(1 for p in completed if (p.enterprise_org, p.student_ref) in hired),
        completed=len(completed),
        ended=sum(1 for p in hosted if p.status in ENDED),
        demanded=tag_counts(demanded),
        trained=tag_counts(trained),
        gaps=tag_counts(gaps),
    )


# ---- what the ledger's consumers record (the commands their events become)


@dataclass(frozen=True)
class ApprovedWeek:
    placement_id: uuid.UUID
    week_start: date
    core_hours: Decimal
    total_hours: Decimal
    approved_at: datetime


@dataclass(frozen=True)
class CompletedTeam:
    team_id: str
    project_id: str
    school_org: str
    enterprise_org: str
    completed_on: date


@dataclass(frozen=True)
class LedgerHire:
    hire_id: uuid.UUID
    agreement_id: uuid.UUID
    placement_id: uuid.UUID | None
    school_org: str
    enterprise_org: str
    student_ref: str
    kind: str
    on: date


@dataclass(frozen=True)
class Demand:
    """A published position or project asking for competencies, in the year it starts."""

    source: str  # position:<id> | project:<id>
    enterprise_org: str
    competencies: list[str]
    year: int


LedgerFact = LedgerPlacement | ApprovedWeek | CompletedTeam | LedgerHire | Demand
