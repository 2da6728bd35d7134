"""A placement's grade: given at completion from its scorecard and its programme requirement, amended by the school
with a reason. Each grade is a revision (1 at completion, 2, 3, … per amendment); the highest is the grade.

At completion (revision 1, graded_by "system"):
  total     the scorecard's weighted total (praxis_evaluation.combine; a missing part counts 0)
  grade     the band of the requirement's grade scale the total reaches (praxis_evaluation.grade_of)
  passed    total ≥ the requirement's pass mark
  credits   the requirement's credits if passed, else 0
A placement whose type and cohort have no programme requirement is graded on the defaults: pass mark 60, the
five-level scale, 0 credits.

An amendment keeps the terms the placement was graded on (pass mark, scale, the credits of a pass) and changes:
  - only `total`: grade, passed and credits follow from the new total, as at completion;
  - `grade` (with or without `total`): the grade is the school's decision and stands; passed when the grade's band
    starts at or above the pass mark (及格 passes a pass mark of 60, 不及格 does not), credits follow from passed; the
    total is the one given, else unchanged.
The reason is required; history is never rewritten.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from internships.domain.course import DEFAULT_PASS_MARK, DEFAULT_SCALE, ProgrammeRequirement, bands_of
from praxis_common.errors import FieldError, InvalidInput
from praxis_evaluation import Band, Scorecard, check_score, grade_of

SYSTEM = "system"  # who grades at completion
NO_CREDITS = Decimal("0.00")
MAX_REASON = 1000


@dataclass(frozen=True)
class PlacementGrade:
    placement_id: uuid.UUID
    revision: int
    total: Decimal
    grade: str
    passed: bool
    credits: Decimal  # earned: credits_of_pass if passed, else 0
    credits_of_pass: Decimal  # what the programme gives a passed placement (the terms at completion)
    pass_mark: Decimal
    grade_scale: str
    bands: tuple[Band, ...]
    graded_by: str
    graded_at: datetime
    reason: str | None = None
    complete: bool = True  # every part of the scorecard was there at completion
    missing: tuple[str, ...] = field(default=(), compare=False)  # the parts missing at completion, with why
    rubric_id: str | None = None
    rubric_version: int | None = None


@dataclass(frozen=True)
class Graded:
    """placement.graded: a revision of a placement's grade (the placement and its position's title travel with it)."""

    placement: object  # domain.placements.Placement
    grade: PlacementGrade
    position_title: str


def at_completion(
    card: Scorecard,
    requirement: ProgrammeRequirement | None,
    *,
    placement_id: uuid.UUID,
    now: datetime,
    rubric_id: str | None = None,
    rubric_version: int | None = None,
) -> PlacementGrade:
    """Revision 1 of a completed placement's grade, from its scorecard and its programme requirement (or the
    defaults when none applies)."""
    pass_mark = requirement.pass_mark if requirement else DEFAULT_PASS_MARK
    scale = requirement.grade_scale if requirement else DEFAULT_SCALE
    bands = requirement.bands if requirement else bands_of(DEFAULT_SCALE, None)
    credits_of_pass = requirement.credits if requirement else NO_CREDITS
    total = card.weighted_total
    passed = total >= pass_mark
    return PlacementGrade(
        placement_id=placement_id,
        revision=1,
        total=total,
        grade=grade_of(bands, total),
        passed=passed,
        credits=credits_of_pass if passed else NO_CREDITS,
        credits_of_pass=credits_of_pass,
        pass_mark=pass_mark,
        grade_scale=scale,
        bands=tuple(bands),
        graded_by=SYSTEM,
        graded_at=now,
        complete=card.complete and not card.missing,
        missing=tuple(f"{m.part}: {m.reason}" for m in card.missing),
        rubric_id=rubric_id,
        rubric_version=rubric_version,
    )


def amend(
    current: PlacementGrade,
    *,
    total: Decimal | None,
    grade: str | None,
    reason: str,
    by: str,
    now: datetime,
) -> PlacementGrade:
    """The next revision: the school's new total and/or grade, with its reason (see the module's rules)."""
    errors = []
    reason = (reason or "").strip()
    if not reason:
        errors.append(FieldError("reason", "say why the grade is amended"))
    elif len(reason) > MAX_REASON:
        errors.append(FieldError("reason", f"at most {MAX_REASON} characters"))
    if total is None and grade is None:
        errors.append(FieldError("total", "give a new total, a new grade, or both"))
    band = None
    if grade is not None:
        band = next((b for b in current.bands if b.grade == grade.strip()), None)
        if band is None:
            grades = "/".join(b.grade for b in current.bands)
            errors.append(FieldError("grade", f"not on the placement's scale ({grades})"))
    if errors:
        raise InvalidInput("the amendment is not valid", errors=errors)
    new_total = check_score(total, "total") if total is not None else current.total
    if band is not None:
        new_grade, passed = band.grade, band.min_total >= current.pass_mark
    else:
        new_grade, passed = grade_of(current.bands, new_total), new_total >= current.pass_mark
    return PlacementGrade(
        placement_id=current.placement_id,
        revision=current.revision + 1,
        total=new_total,
        grade=new_grade,
        passed=passed,
        credits=current.credits_of_pass if passed else NO_CREDITS,
        credits_of_pass=current.credits_of_pass,
        pass_mark=current.pass_mark,
        grade_scale=current.grade_scale,
        bands=current.bands,
        graded_by=by,
        graded_at=now,
        reason=reason,
        complete=current.complete,
        missing=current.missing,
        rubric_id=current.rubric_id,
        rubric_version=current.rubric_version,
    )
