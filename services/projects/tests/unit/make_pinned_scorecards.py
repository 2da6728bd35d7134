"""Writes scorecards_pinned.json: ~300 seeded-random inputs of `projects.domain.scores.scorecard` and every number
the scorer gives for them, so test_scorecards_pinned.py can prove a change of the scorer (e.g. moving it onto
praxis_evaluation) gives the same numbers.

Run from the repository root with the venv's python; it is deterministic (same seeds, same file):

    .venv/bin/python services/projects/tests/unit/make_pinned_scorecards.py

The test imports `rebuild` and `numbers` from here, so the file's format is read and written in one place.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from projects.domain.projects import Weights
from projects.domain.scores import Assessment, Evaluation, Party, PeerRating, Scorecard, scorecard

PINNED = Path(__file__).with_name("scorecards_pinned.json")
CASES = 300
T0 = datetime(2027, 3, 1, 9, tzinfo=UTC)
TEAM = uuid.UUID(int=13)
STAGES = ["market-research", "product-selection", "store-opening"]
CRITERIA = {Party.TEACHER: ("process", "knowledge"), Party.ENTERPRISE: ("skills", "qualities")}
PLATFORM_MISSING = [
    "the project has no platform targets",
    "no data yet for gmv",
    "no data yet for conversion_rate, orders",
]


# --- inputs, seeded -------------------------------------------------------------------------------------------


def a_score(rng: random.Random) -> str:
    """A score as a client may send it: an edge, a whole number, two decimals, or three (rounded half up)."""
    kind = rng.random()
    if kind < 0.08:
        return rng.choice(["0", "100", "0.005", "99.995", "59.995", "60"])
    if kind < 0.35:
        return str(rng.randint(0, 100))
    if kind < 0.7:
        return f"{rng.randint(0, 9999) / 100:.2f}"
    return f"{rng.randint(0, 99999) / 1000:.3f}"


def a_time(rng: random.Random, ties: list[datetime]) -> datetime:
    """A moment in the term; sometimes one already used, so records tie on recorded_at (the id breaks the tie)."""
    if ties and rng.random() < 0.2:
        return rng.choice(ties)
    at = T0 + timedelta(minutes=rng.randint(0, 60 * 24 * 120))
    ties.append(at)
    return at


def some_weights(rng: random.Random) -> dict[str, str]:
    """Four weights summing to 1 at four decimals, as a project stores them; zeros and a single 1 included."""
    kind = rng.random()
    if kind < 0.1:
        units = [3000, 3000, 2000, 2000]
    elif kind < 0.2:
        units = [0, 0, 0, 0]
        units[rng.randrange(4)] = 10000
    else:
        cuts = sorted(rng.randint(0, 10000) for _ in range(3))
        units = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 10000 - cuts[2]]
        for i in range(4):  # more zeros than chance gives
            if rng.random() < 0.12:
                units[(i + 1) % 4] += units[i]
                units[i] = 0
    w = Weights(*(Decimal(u) * Decimal("0.0001") for u in units))
    return {p.value: str(w.of(p)) for p in Party}


def some_input(rng: random.Random, n: int) -> dict[str, Any]:
    members = [f"s{n}-{i}" for i in range(rng.randint(1, 4))]
    subjects = members + (["outsider"] if rng.random() < 0.2 else [])  # evaluations of another student too
    ties: list[datetime] = []
    evaluations = []
    for student in subjects:
        for party, criteria in CRITERIA.items():
            baselines = 0 if rng.random() < 0.3 else (2 if rng.random() < 0.05 else 1)
            progress = rng.choice([0, 0, 1, 1, 2, 3, 4])
            for assessment in [Assessment.BASELINE] * baselines + [Assessment.PROGRESS] * progress:
                evaluations.append(
                    {
                        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "student_ref": student,
                        "party": party.value,
                        "assessment": assessment.value,
                        "criteria": {
                            c: ("0" if rng.random() < 0.04 else a_score(rng)) for c in criteria
                        },  # all-zero baselines now and then: value-added with no relative change
                        "evaluator": f"{party.value}-mentor-{rng.randint(1, 2)}",
                        "recorded_at": a_time(rng, ties).isoformat(),
                    }
                )
    ratings = []
    for stage in STAGES:
        for rater in members:
            for ratee in members:
                if rater != ratee and rng.random() < 0.45:
                    ratings.append(
                        {
                            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                            "stage": stage,
                            "rater_ref": rater,
                            "ratee_ref": ratee,
                            "score": a_score(rng),
                            "recorded_at": a_time(rng, ties).isoformat(),
                        }
                    )
    if rng.random() < 0.65:
        value = rng.choice([str(rng.randint(0, 100)), f"{rng.randint(0, 10000) / 100:.2f}"])
        platform = {"score": value, "missing": None, "at": a_time(rng, ties).isoformat()}
    else:
        platform = {"score": None, "missing": rng.choice(PLATFORM_MISSING), "at": None}
    pass_mark = rng.choice(["60.00", "60.00", f"{rng.randint(0, 10000) / 100:.2f}", "0.00", "100.00"])
    return {
        "members": members,
        "weights": some_weights(rng),
        "evaluations": evaluations,
        "peer_ratings": ratings,
        "platform": platform,
        "pass_mark": pass_mark,
    }


# --- the file's format: inputs back into domain objects, scorecards out as numbers ----------------------------


def rebuild(data: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of `scorecard` (but student_ref) from a stored input, built through the domain's own
    constructors (Evaluation.record, PeerRating.rate) so the scores are checked and quantized as in the service."""
    evaluations = [
        dataclasses.replace(
            Evaluation.record(
                team_id=TEAM,
                student_ref=e["student_ref"],
                party=Party(e["party"]),
                assessment=Assessment(e["assessment"]),
                criteria={k: Decimal(v) for k, v in e["criteria"].items()},
                comments="",
                evaluator=e["evaluator"],
                mentor_id=None,
                now=datetime.fromisoformat(e["recorded_at"]),
            ),
            id=uuid.UUID(e["id"]),
        )
        for e in data["evaluations"]
    ]
    ratings = [
        dataclasses.replace(
            PeerRating.rate(
                team_id=TEAM,
                members=data["members"],
                stages=STAGES,
                already_rated=set(),
                stage=r["stage"],
                rater_ref=r["rater_ref"],
                ratee_ref=r["ratee_ref"],
                score=Decimal(r["score"]),
                comments="",
                now=datetime.fromisoformat(r["recorded_at"]),
            ),
            id=uuid.UUID(r["id"]),
        )
        for r in data["peer_ratings"]
    ]
    platform = data["platform"]
    return {
        "weights": {Party(p): Decimal(w) for p, w in data["weights"].items()},
        "evaluations": evaluations,
        "peer_ratings": ratings,
        "platform": (
            None if platform["score"] is None else Decimal(platform["score"]),
            platform["missing"],
            None if platform["at"] is None else datetime.fromisoformat(platform["at"]),
        ),
        "pass_mark": Decimal(data["pass_mark"]),
    }


def text(value: Any) -> Any:
    """Decimals as their exact text (so 60 and 60.00 differ), datetimes in ISO form, parties by value."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Party):
        return value.value
    return value


def numbers(card: Scorecard) -> dict[str, Any]:
    """Every number and fact of a scorecard, as text."""
    va = card.value_added
    return {
        "student_ref": card.student_ref,
        "parts": [
            {
                "party": text(p.party),
                "weight": text(p.weight),
                "score": text(p.score),
                "weighted": text(p.weighted),
                "given_by": list(p.given_by),
                "at": text(p.at),
                "missing": p.missing,
            }
            for p in card.parts
        ],
        "weighted_total": text(card.weighted_total),
        "complete": card.complete,
        "missing": [{"part": m.part, "reason": m.reason} for m in card.missing],
        "value_added": None
        if va is None
        else {
            "baseline": text(va.baseline),
            "latest": text(va.latest),
            "absolute": text(va.absolute),
            "relative": text(va.relative),
            "parties": [text(p) for p in va.parties],
        },
        "pass_mark": text(card.pass_mark),
        "passes": card.passes,
    }


def cards(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The scorecard of every member of the case's team, as numbers."""
    args = rebuild(data)
    return [numbers(scorecard(student_ref=s, **args)) for s in data["members"]]


def main() -> None:
    cases = []
    for n in range(CASES):
        rng = random.Random(n)
        data = some_input(rng, n)
        if rng.random() < 0.1:  # the pass mark exactly at the first member's total: passing is inclusive
            data["pass_mark"] = cards(data)[0]["weighted_total"]
        cases.append({"seed": n, "input": data, "scorecards": cards(data)})
    PINNED.write_text("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n]\n")
    print(f"wrote {len(cases)} cases, {sum(len(c['scorecards']) for c in cases)} scorecards to {PINNED}")


if __name__ == "__main__":
    sys.exit(main())
