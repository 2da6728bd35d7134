"""Placement rubrics: per agreement (school × enterprise) and internship type, immutable numbered versions of
praxis_evaluation indicators that both parties accept.

- The school (admin, teacher) proposes a version; the enterprise (admin, HR) may propose one that adds its own
  employee indicators (origin "enterprise", scored by the enterprise mentor) to the school's latest proposal (or the
  default rubric): it keeps every school indicator as it is (only the weights may be rebalanced) — dropping or
  changing one is a 422.
- A version is accepted by the OTHER party; the latest version of a type accepted by both is the agreed one, and new
  evaluations use it (the default rubric of domain/rubric_defaults.py when there is none).
- Placements have no peer scoring: an indicator scored by "peer" is a 422. A data indicator names the measure it
  uses (domain/placement_data.MEASURES).
- A version a placement's scores are bound to is never changed: revising it is a 409 `rubric-in-use` (propose a new
  version). The proposer may revise a version no score uses yet; it then waits for the other party's acceptance
  again.
Version numbers count per agreement (across types), from 1."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from internships.domain.course import InternshipType
from internships.domain.placement_data import MEASURES
from internships.domain.rubric_defaults import DEFAULT_RUBRIC_VERSION, DEFAULT_RUBRICS, default_rubric_id
from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput
from praxis_evaluation import Indicator, Scorer, check_indicators

SIDES = ("school", "enterprise")
ORIGINS = ("school", "enterprise")


class RubricInUse(Conflict):
    code, title = "rubric-in-use", "The rubric version is in use"


class AlreadyAccepted(Conflict):
    code, title = "rubric-accepted", "The rubric version is accepted already"


@dataclass(frozen=True)
class Rubric:
    """The rubric a placement is scored on: an agreed version (`rubric_id` = the agreement's id) or a default one
    (`default:<type>`, version 1)."""

    rubric_id: str
    version: int
    internship_type: InternshipType
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class RubricProposed:
    rubric: RubricVersion
    revised: bool


@dataclass(frozen=True)
class RubricAccepted:
    rubric: RubricVersion


@dataclass
class RubricVersion:
    agreement_id: uuid.UUID
    version: int
    internship_type: InternshipType
    indicators: tuple[Indicator, ...]
    proposed_by_side: str
    proposed_by: str
    proposed_at: datetime
    accepted_by: str | None = None
    accepted_at: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @property
    def agreed(self) -> bool:
        return self.accepted_at is not None

    def as_rubric(self) -> Rubric:
        return Rubric(str(self.agreement_id), self.version, self.internship_type, self.indicators)

    @classmethod
    def propose(
        cls,
        *,
        agreement_id: uuid.UUID,
        version: int,
        internship_type: InternshipType,
        indicators: Sequence[Indicator],
        side: str,
        base: Sequence[Indicator],
        by: str,
        now: datetime,
    ) -> RubricVersion:
        """`base`: the school's indicators an enterprise proposal must keep (the school's latest proposal of the
        type, else the default rubric)."""
        checked = check_placement_indicators(_with_origins(indicators, side, base))
        proposed = cls(agreement_id, version, internship_type, checked, side, by, now)
        proposed.events.append(RubricProposed(proposed, revised=False))
        return proposed

    def revise(
        self,
        indicators: Sequence[Indicator],
        *,
        side: str,
        base: Sequence[Indicator],
        in_use: bool,
        by: str,
        now: datetime,
    ) -> None:
        if in_use:
            raise RubricInUse(
                f"placements' scores use version {self.version}: it cannot change; propose a new version instead",
                version=self.version,
            )
        if side != self.proposed_by_side:
            raise Forbidden(f"only the {self.proposed_by_side} that proposed version {self.version} may revise it")
        self.indicators = check_placement_indicators(_with_origins(indicators, side, base))
        self.proposed_by, self.proposed_at, self.accepted_by, self.accepted_at = by, now, None, None
        self.events.append(RubricProposed(self, revised=True))

    def accept(self, *, side: str, by: str, now: datetime) -> None:
        if side == self.proposed_by_side:
            raise Forbidden(f"the {side} proposed version {self.version}; the other party accepts it")
        if self.agreed:
            raise AlreadyAccepted(f"version {self.version} is accepted already")
        self.accepted_by, self.accepted_at = by, now
        self.events.append(RubricAccepted(self))

    def pull_events(self) -> list:
        events, self.events = self.events, []
        return events


def check_placement_indicators(indicators: Sequence[Indicator]) -> tuple[Indicator, ...]:
    """The engine's rubric rules (check_indicators: weights sum to 1, …) and the placement's own: no peer scoring,
    data indicators named for a known measure, origin school or enterprise."""
    errors = []
    for i, ind in enumerate(indicators):
        if ind.scorer is Scorer.PEER:
            errors.append(FieldError(f"indicators[{i}].scorer", "placements have no peer scoring; use another party"))
        if ind.scorer is Scorer.DATA and ind.key not in MEASURES:
            errors.append(FieldError(f"indicators[{i}].key", f"a data indicator is one of {', '.join(MEASURES)}"))
        if ind.origin not in ORIGINS:
            errors.append(FieldError(f"indicators[{i}].origin", "school or enterprise"))
    if errors:
        raise InvalidInput("the rubric's indicators are not valid for a placement", errors=errors)
    return check_indicators(indicators)


def _with_origins(indicators: Sequence[Indicator], side: str, base: Sequence[Indicator]) -> list[Indicator]:
    """The school's proposal is its own (origin school). The enterprise's keeps every school indicator of `base` as
    it is (the weight aside) and adds its own, scored by the enterprise mentor (origin enterprise)."""
    if side == "school":
        return [replace(i, origin="school") for i in indicators]
    school = {i.key: i for i in base if i.origin == "school"}
    given = {i.key: i for i in indicators}
    errors = []
    for key, kept in school.items():
        if key not in given:
            errors.append(FieldError("indicators", f"the school's indicator {key!r} is missing; it may not be dropped"))
        elif _content(given[key]) != _content(kept):
            errors.append(FieldError("indicators", f"the school's indicator {key!r} may not be changed (only weighed)"))
    out = []
    for i, ind in enumerate(indicators):
        if ind.key in school:
            out.append(replace(ind, origin="school"))
        elif ind.scorer is not Scorer.ENTERPRISE_MENTOR:
            errors.append(FieldError(f"indicators[{i}].scorer", "the enterprise adds indicators its mentor scores"))
        else:
            out.append(replace(ind, origin="enterprise"))
    if errors:
        raise InvalidInput("the enterprise adds its own indicators to the school's, keeping all of them", errors=errors)
    return out


def _content(i: Indicator) -> tuple:
    return (i.name_zh, i.name_en, i.scorer, tuple(i.levels), tuple(i.competencies))


def default_rubric(internship_type: InternshipType) -> Rubric:
    return Rubric(
        default_rubric_id(internship_type), DEFAULT_RUBRIC_VERSION, internship_type, DEFAULT_RUBRICS[internship_type]
    )


def agreed(versions: Sequence[RubricVersion], internship_type: InternshipType) -> RubricVersion | None:
    """The latest version of the type accepted by both parties."""
    found = [v for v in versions if v.internship_type == internship_type and v.agreed]
    return max(found, key=lambda v: v.version, default=None)


def school_base(versions: Sequence[RubricVersion], internship_type: InternshipType) -> tuple[Indicator, ...]:
    """What an enterprise proposal builds on: the school's latest proposal of the type, else the default rubric."""
    found = [v for v in versions if v.internship_type == internship_type and v.proposed_by_side == "school"]
    latest = max(found, key=lambda v: v.version, default=None)
    return latest.indicators if latest else DEFAULT_RUBRICS[internship_type]


def rubric_for(versions: Sequence[RubricVersion], internship_type: InternshipType) -> Rubric:
    """What a placement of the type is scored on now: the agreed version, else the type's default rubric."""
    found = agreed(versions, internship_type)
    return found.as_rubric() if found else default_rubric(internship_type)
