"""A scorecard: the weighted total of a subject's parts, with the provenance of every part, what is missing and
why, and value-added (growth from a baseline to the latest assessment).

  part           one party's score (a mentor's latest assessment, computed data, the mean of peer ratings, …)
                 with its weight, who gave the scores behind it and when its latest input was recorded
  weighted total Σ weight × part score over the parts present: a missing part counts 0 until it arrives, so the
                 total only grows as parts come in, and is final when nothing is missing. The sum is of each
                 part's exact contribution, rounded once: for a party scoring several rubric indicators that is
                 Σ indicator weight × indicator score, not its weight × its (rounded) party score, so rounding a
                 party's score never moves the total by a cent (rubrics.rubric_part)
  passes         weighted total ≥ pass mark
  value-added    over the parties that have both a baseline and a latest score: baseline = mean of their
                 baselines, latest = mean of their latest scores; absolute = latest − baseline, relative =
                 absolute / baseline (none for a baseline of 0)

Which parts a scorecard has and how each part's score is found is the caller's (projects: teacher, enterprise,
platform, peer; placements: the parties of the agreed rubric). How they combine is here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from praxis_evaluation.scale import quantize

RELATIVE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class PartScore:
    party: str
    weight: Decimal
    score: Decimal | None
    weighted: Decimal  # weight × score (0 while missing)
    given_by: list[str]  # who gave the scores behind it (subs; "platform" for computed ones)
    at: datetime | None  # when its latest input was recorded
    missing: str | None  # why there is no score yet
    # Its exact share of the total before rounding, when it is not weight × score (a rubric party: Σ indicator
    # weight × indicator score); None: weight × score.
    contribution: Decimal | None = field(default=None, repr=False)

    def exact(self) -> Decimal:
        """What it adds to the total before the total is rounded (0 while missing)."""
        if self.score is None:
            return Decimal(0)
        return self.weight * self.score if self.contribution is None else self.contribution


@dataclass(frozen=True)
class Missing:
    part: str  # a party, or "baseline"
    reason: str


@dataclass(frozen=True)
class ValueAdded:
    baseline: Decimal
    latest: Decimal
    absolute: Decimal
    relative: Decimal | None  # absolute / baseline, e.g. 0.25 = grew by a quarter; None for a baseline of 0
    parties: list[str]  # the parties it is computed over


@dataclass(frozen=True)
class Scorecard:
    student_ref: str
    parts: list[PartScore]
    weighted_total: Decimal
    complete: bool  # nothing missing from the total
    missing: list[Missing]
    value_added: ValueAdded | None
    pass_mark: Decimal
    passes: bool  # weighted_total >= pass_mark


def part(
    party: str,
    weight: Decimal,
    score: Decimal | None,
    *,
    given_by: Iterable[str] = (),
    at: datetime | None = None,
    missing: str | None = None,
    contribution: Decimal | None = None,
) -> PartScore:
    """One part of a scorecard; `missing` says why when `score` is None. Its contribution to the total is weight ×
    score unless given (a rubric party gives Σ indicator weight × indicator score: rubrics.rubric_part)."""
    if score is None:
        return PartScore(party, weight, None, Decimal("0.00"), list(given_by), at, missing or "missing")
    exact = weight * score if contribution is None else contribution
    return PartScore(party, weight, score, quantize(exact), list(given_by), at, None, contribution)


def growth(pairs: Sequence[tuple[str, Decimal, Decimal]]) -> ValueAdded | None:
    """Value-added over (party, baseline score, latest score) pairs; None without any pair."""
    if not pairs:
        return None
    baseline = quantize(sum((b for _, b, _ in pairs), Decimal(0)) / len(pairs))
    current = quantize(sum((c for _, _, c in pairs), Decimal(0)) / len(pairs))
    absolute = current - baseline
    relative = (absolute / baseline).quantize(RELATIVE_PLACES, ROUND_HALF_UP) if baseline else None
    return ValueAdded(baseline, current, absolute, relative, [p for p, _, _ in pairs])


def combine(
    student_ref: str,
    parts: Sequence[PartScore],
    *,
    pass_mark: Decimal,
    value_added: ValueAdded | None = None,
    also_missing: Sequence[Missing] = (),
) -> Scorecard:
    """The scorecard of `parts`: their weighted total (missing parts count 0), whether it passes, and every missing
    part with its reason, followed by `also_missing` (e.g. a baseline that value-added would need)."""
    total = quantize(sum((p.exact() for p in parts), Decimal(0)))
    missing = [Missing(p.party, p.missing or "missing") for p in parts if p.score is None]
    return Scorecard(
        student_ref=student_ref,
        parts=list(parts),
        weighted_total=total,
        complete=all(p.score is not None for p in parts),
        missing=missing + list(also_missing),
        value_added=value_added,
        pass_mark=pass_mark,
        passes=total >= pass_mark,
    )
