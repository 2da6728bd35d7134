"""The internship course: a placement's type, organisation form and mode, the school's programme requirements per
type and cohort, and a placement's progress against them (hours, weeks, weekly reports; the 50% / 100% hours
milestones; ending short).

Internship types, as Chinese schools name them (the national internship platform's column):

- observation            认识实习  a short visit to see the work (usually first year)
- course_practice        专业实习  practice within a course of the programme
- post_internship        岗位实习  working in a real post (the default: what most placements are)
- graduation_internship  毕业实习  the final internship before graduation

Organisation form: centralised 集中 (the school places a group together) or dispersed 分散 (each student their
own placement; the default). Mode: on_site 现场, virtual 线上 (remote), simulated 模拟 (a simulated company).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from internships.domain.placements import Placement, PlacementStatus
from praxis_common.errors import FieldError, InvalidInput
from praxis_evaluation import SCALES, Band, check_scale

DEFAULT_PASS_MARK = Decimal(60)
DEFAULT_SCALE = "five_level"
CUSTOM_SCALE = "custom"


class InternshipType(StrEnum):
    OBSERVATION = "observation"  # 认识实习
    COURSE_PRACTICE = "course_practice"  # 专业实习
    POST_INTERNSHIP = "post_internship"  # 岗位实习
    GRADUATION_INTERNSHIP = "graduation_internship"  # 毕业实习


CHINESE_NAME = {
    InternshipType.OBSERVATION: "认识实习",
    InternshipType.COURSE_PRACTICE: "专业实习",
    InternshipType.POST_INTERNSHIP: "岗位实习",
    InternshipType.GRADUATION_INTERNSHIP: "毕业实习",
}


class OrganisationForm(StrEnum):
    CENTRALISED = "centralised"  # 集中
    DISPERSED = "dispersed"  # 分散


class InternshipMode(StrEnum):
    ON_SITE = "on_site"  # 现场
    VIRTUAL = "virtual"  # 线上
    SIMULATED = "simulated"  # 模拟


# The milestones of approved hours against the required hours, in percent (placement.hours_reached).
MILESTONES = (50, 100)


@dataclass
class ProgrammeRequirement:
    """What a school's programme asks of a placement of one type (and one cohort; None = the type's default)."""

    id: uuid.UUID
    school_org: str
    internship_type: InternshipType
    cohort: str | None
    required_hours: Decimal
    min_weeks: int
    min_weekly_reports: int
    set_at: datetime
    set_by: str
    # Grading (domain/grades.py): the pass mark on the 0–100 total, the credits a passed placement earns, and the
    # school's grade scale: "five_level" or "letter" (praxis_evaluation.SCALES), or "custom" with its own bands.
    pass_mark: Decimal = DEFAULT_PASS_MARK
    credits: Decimal = Decimal(0)
    grade_scale: str = DEFAULT_SCALE
    grade_bands: tuple[Band, ...] | None = None  # only for a custom scale
    events: list[RequirementSet] = field(default_factory=list, repr=False, compare=False)

    @property
    def bands(self) -> tuple[Band, ...]:
        """The bands of the requirement's grade scale."""
        return bands_of(self.grade_scale, self.grade_bands)

    @classmethod
    def set(
        cls,
        *,
        existing: ProgrammeRequirement | None,
        school_org: str,
        internship_type: InternshipType,
        cohort: str | None,
        required_hours: Decimal,
        min_weeks: int,
        min_weekly_reports: int,
        by: str,
        now: datetime,
        pass_mark: Decimal = DEFAULT_PASS_MARK,
        credits: Decimal = Decimal(0),
        grade_scale: str = DEFAULT_SCALE,
        grade_bands: tuple[Band, ...] | None = None,
    ) -> ProgrammeRequirement:
        required_hours = required_hours.quantize(Decimal("0.01"))
        grade_bands = grade_scale_of(grade_scale, grade_bands)
        req = existing or cls(
            id=uuid.uuid4(),
            school_org=school_org,
            internship_type=internship_type,
            cohort=cohort,
            required_hours=required_hours,
            min_weeks=min_weeks,
            min_weekly_reports=min_weekly_reports,
            set_at=now,
            set_by=by,
        )
        req.required_hours, req.min_weeks, req.min_weekly_reports = required_hours, min_weeks, min_weekly_reports
        req.set_at, req.set_by = now, by
        req.pass_mark, req.credits = pass_mark.quantize(Decimal("0.01")), credits.quantize(Decimal("0.01"))
        req.grade_scale, req.grade_bands = grade_scale, grade_bands
        req.events.append(RequirementSet(req))
        return req

    def pull_events(self) -> list[RequirementSet]:
        events, self.events = self.events, []
        return events


def grade_scale_of(name: str, bands: tuple[Band, ...] | None) -> tuple[Band, ...] | None:
    """The custom bands a requirement keeps: none for a named scale (bands given with one are a 422), checked bands
    (praxis_evaluation.check_scale) for "custom"."""
    if name == CUSTOM_SCALE:
        if not bands:
            raise InvalidInput(
                "a custom grade scale needs its bands", errors=[FieldError("grade_bands", "give the custom bands")]
            )
        return check_scale(bands, field_name="grade_bands")
    if name not in SCALES:
        raise InvalidInput(
            f"unknown grade scale {name!r}",
            errors=[FieldError("grade_scale", f"one of {', '.join([*SCALES, CUSTOM_SCALE])}")],
        )
    if bands:
        raise InvalidInput(
            "bands are only given for a custom scale", errors=[FieldError("grade_bands", "only with custom")]
        )
    return None


def bands_of(name: str, custom: tuple[Band, ...] | None) -> tuple[Band, ...]:
    return tuple(custom or ()) if name == CUSTOM_SCALE else SCALES[name]


@dataclass(frozen=True)
class RequirementSet:
    requirement: ProgrammeRequirement


def applicable(
    requirements: list[ProgrammeRequirement], internship_type: InternshipType, cohort: str | None
) -> ProgrammeRequirement | None:
    """The requirement for the type and cohort, else the type's default (cohort None), else None."""
    of_type = [r for r in requirements if r.internship_type == internship_type]
    exact = next((r for r in of_type if cohort is not None and r.cohort == cohort), None)
    return exact or next((r for r in of_type if r.cohort is None), None)


class ProgressStatus(StrEnum):
    NO_REQUIREMENT = "no_requirement"  # the school set none for the placement's type
    NOT_STARTED = "not_started"  # requested or confirmed
    ON_TRACK = "on_track"  # running, not yet reached
    REACHED = "reached"  # every requirement met (running or ended)
    ENDED_SHORT = "ended_short"  # completed or terminated below the requirement
    CLOSED = "closed"  # never ran: rejected, withdrawn, expired


ENDED = {PlacementStatus.COMPLETED, PlacementStatus.TERMINATED}
NEVER_RAN = {PlacementStatus.REJECTED, PlacementStatus.WITHDRAWN, PlacementStatus.EXPIRED}


@dataclass(frozen=True)
class Progress:
    requirement: ProgrammeRequirement | None
    approved_hours: Decimal
    approved_weeks: int
    weekly_reports: int | None  # accepted weekly reports (None: not counted)
    hours_percent: Decimal | None
    weeks_percent: Decimal | None
    reports_percent: Decimal | None
    status: ProgressStatus
    short_of: dict[str, str]  # what is missing: {"hours": "120.00", "weeks": "2", "weekly_reports": "3"}


def _percent(have: Decimal | int, need: Decimal | int) -> Decimal | None:
    if not need:
        return None
    return min(Decimal(100), Decimal(have) * 100 / Decimal(need)).quantize(Decimal("0.1"))


def progress(
    placement: Placement,
    requirement: ProgrammeRequirement | None,
    *,
    approved_hours: Decimal,
    approved_weeks: int,
    weekly_reports: int | None,
) -> Progress:
    """A placement's progress against its programme requirement. Weekly reports count only when known (not None):
    an unknown count neither meets nor misses the minimum."""
    short: dict[str, str] = {}
    if requirement is not None:
        if approved_hours < requirement.required_hours:
            short["hours"] = str((requirement.required_hours - approved_hours).quantize(Decimal("0.01")))
        if approved_weeks < requirement.min_weeks:
            short["weeks"] = str(requirement.min_weeks - approved_weeks)
        if weekly_reports is not None and weekly_reports < requirement.min_weekly_reports:
            short["weekly_reports"] = str(requirement.min_weekly_reports - weekly_reports)
    if requirement is None:
        status = ProgressStatus.NO_REQUIREMENT
    elif placement.status in NEVER_RAN:
        status = ProgressStatus.CLOSED
    elif not short:
        status = ProgressStatus.REACHED
    elif placement.status in ENDED:
        status = ProgressStatus.ENDED_SHORT
    elif placement.status is PlacementStatus.ACTIVE:
        status = ProgressStatus.ON_TRACK
    else:
        status = ProgressStatus.NOT_STARTED
    return Progress(
        requirement=requirement,
        approved_hours=approved_hours,
        approved_weeks=approved_weeks,
        weekly_reports=weekly_reports,
        hours_percent=_percent(approved_hours, requirement.required_hours) if requirement else None,
        weeks_percent=_percent(approved_weeks, requirement.min_weeks) if requirement else None,
        reports_percent=(
            _percent(weekly_reports, requirement.min_weekly_reports)
            if requirement and weekly_reports is not None
            else None
        ),
        status=status,
        short_of=short,
    )


@dataclass(frozen=True)
class HoursReached:
    """placement.hours_reached: approved hours first reached `milestone` percent of the required hours."""

    placement: Placement
    milestone: int
    approved_hours: Decimal
    required_hours: Decimal


@dataclass(frozen=True)
class EndedShort:
    """placement.ended_short: the placement completed or was terminated below its programme requirement."""

    placement: Placement
    progress: Progress


def record_hours(
    placement: Placement, requirement: ProgrammeRequirement | None, approved_hours: Decimal
) -> list[HoursReached]:
    """Move the placement's hours milestone to the highest one its approved hours reach, once: the events of the
    milestones passed now (both, when one approval passes 50% and 100% at once)."""
    if requirement is None or requirement.required_hours <= 0:
        return []
    reached = [
        m
        for m in MILESTONES
        if m > placement.hours_milestone and approved_hours * 100 >= requirement.required_hours * m
    ]
    if not reached:
        return []
    placement.hours_milestone = reached[-1]
    return [HoursReached(placement, m, approved_hours, requirement.required_hours) for m in reached]


def ended_short(placement: Placement, progress_now: Progress) -> EndedShort | None:
    """The event of a placement that ended (completed, terminated) below its requirement, or None."""
    if placement.status in ENDED and progress_now.status is ProgressStatus.ENDED_SHORT:
        return EndedShort(placement, progress_now)
    return None


def check_term(starts_on: date, ends_on: date, term: tuple[date, date] | None) -> None:
    """A placement's dates: start on or before end, and inside the position's term when it has one."""
    problems = []
    if ends_on < starts_on:
        problems.append(FieldError("ends_on", "must not be before starts_on"))
    if term is not None:
        first, last = term
        if not first <= starts_on <= last:
            problems.append(FieldError("starts_on", f"must fall in the position's term {first}–{last}"))
        if not first <= ends_on <= last:
            problems.append(FieldError("ends_on", f"must fall in the position's term {first}–{last}"))
    if problems:
        raise InvalidInput("the placement's dates do not fit", errors=problems)
