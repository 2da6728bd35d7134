"""Projects' scorecards give the same numbers as the scorer of e2a4822 (before praxis_evaluation): every input set
pinned in scorecards_pinned.json is rebuilt, scored again, and each part's score, weight, weighted score,
provenance and missing reason, the total, completeness, the missing list, value-added and passing must equal the
file, digit for digit. The file is written by make_pinned_scorecards.py; never regenerate it to make this pass."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("make_pinned_scorecards", HERE / "make_pinned_scorecards.py")
pinned = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pinned)

CASES = json.loads(pinned.PINNED.read_text())


def test_the_pinned_file_covers_the_cases_that_matter():
    cards = [c for case in CASES for c in case["scorecards"]]
    assert len(CASES) == 300 and len(cards) > 600
    assert any(c["complete"] for c in cards) and any(not c["complete"] for c in cards)
    assert any(c["passes"] for c in cards) and any(not c["passes"] for c in cards)
    assert any(c["weighted_total"] == c["pass_mark"] for c in cards)  # the inclusive pass mark
    assert any(c["value_added"] is None for c in cards)
    assert any(c["value_added"] and c["value_added"]["relative"] is None for c in cards)  # from a baseline of 0
    assert any(c["value_added"] and c["value_added"]["absolute"].startswith("-") for c in cards)
    assert any(case["input"]["platform"]["score"] is None for case in CASES)
    assert any("0.0000" in case["input"]["weights"].values() for case in CASES)
    assert any(len(case["input"]["members"]) == 1 for case in CASES)  # nobody to rate them


@pytest.mark.parametrize("case", CASES, ids=[f"seed-{c['seed']}" for c in CASES])
def test_scorecards_give_the_pinned_numbers(case):
    assert pinned.cards(case["input"]) == case["scorecards"]
