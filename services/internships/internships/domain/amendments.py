"""Amending a placement before it starts: its dates and its course fields (type, organisation form, mode, cohort).

Only while requested or confirmed: once the student is at the enterprise, the dates are what happened (complete or
terminate it instead). The dates stay inside the position's term and the agreement's validity (a booking checks the
same), and the end is not before the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from internships.domain.course import check_term
from internships.domain.placements import IllegalTransition, Placement, PlacementStatus
from praxis_common.errors import FieldError, InvalidInput

AMENDABLE = {PlacementStatus.REQUESTED, PlacementStatus.CONFIRMED}
FIELDS = ("starts_on", "ends_on", "internship_type", "organisation_form", "internship_mode", "cohort")


@dataclass(frozen=True)
class PlacementAmended:
    """placement.amended: what changed, as {field: (before, after)} (ISO dates, strings, None)."""

    placement: Placement
    changes: dict[str, tuple[str | None, str | None]]
    by: str
    by_org: str


def _text(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def amend(
    placement: Placement,
    changes: dict,
    *,
    term: tuple[date, date],
    agreement_valid: tuple[date, date],
    by: str,
    by_org: str,
) -> PlacementAmended | None:
    """Apply `changes` ({field: new value}, only fields of FIELDS) to a placement that has not started. Returns the
    event, or None when nothing differs from what the placement has."""
    if placement.status not in AMENDABLE:
        raise IllegalTransition(f"a placement is amended before it starts; this one is {placement.status}")
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise InvalidInput("cannot amend these fields", errors=[FieldError(f, "cannot be amended") for f in unknown])
    starts_on = changes.get("starts_on", placement.starts_on)
    ends_on = changes.get("ends_on", placement.ends_on)
    check_term(starts_on, ends_on, term)
    first, last = agreement_valid
    if not first <= starts_on <= last:
        raise InvalidInput(
            "the agreement does not cover that start",
            errors=[FieldError("starts_on", f"the placement's agreement covers starts from {first} to {last}")],
        )
    diff = {
        name: (_text(getattr(placement, name)), _text(value))
        for name, value in changes.items()
        if getattr(placement, name) != value
    }
    if not diff:
        return None
    for name in diff:
        setattr(placement, name, changes[name])
    return PlacementAmended(placement, diff, by, by_org)
