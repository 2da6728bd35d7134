"""Rubrics: indicators scored by one party each, weighted to 1, with levels and competencies; a party's score is the
weighted mean of its indicators, its weight the sum of theirs, and the scorecard's total Σ indicator weight × score."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from praxis_common.errors import InvalidInput
from praxis_evaluation import (
    Indicator,
    Level,
    Scorer,
    check_indicators,
    check_scores,
    combine,
    level_of,
    party_score,
    quantize,
    rubric_part,
    weights_by_scorer,
)

LEVELS = (
    Level("excellent", Decimal(90), Decimal(100), "works alone on the store's core operations"),
    Level("good", Decimal(75), Decimal("89.99")),
    Level("needs work", Decimal(0), Decimal("74.99")),
)


def ind(key: str, scorer: Scorer | str, weight: str, **kw) -> Indicator:
    return Indicator(key, kw.pop("zh", f"指标{key}"), kw.pop("en", f"indicator {key}"), scorer, Decimal(weight), **kw)


RUBRIC = check_indicators(
    [
        ind("skills", Scorer.ENTERPRISE_MENTOR, "0.3", levels=LEVELS, competencies=("platform-operation",)),
        ind("kpi", Scorer.ENTERPRISE_MENTOR, "0.1", origin="enterprise"),  # the enterprise's own employee measure
        ind("process", Scorer.SCHOOL_MENTOR, "0.2"),
        ind("report", Scorer.SCHOOL_MENTOR, "0.1"),
        ind("reflection", Scorer.SELF, "0.1"),
        ind("attendance", Scorer.DATA, "0.2"),
    ]
)


def fields(refused: pytest.ExceptionInfo) -> list[str]:
    return [e.field for e in refused.value.errors]


def test_a_valid_rubric_is_kept_with_four_decimal_weights_and_its_levels():
    assert [str(i.weight) for i in RUBRIC] == ["0.3000", "0.1000", "0.2000", "0.1000", "0.1000", "0.2000"]
    assert RUBRIC[0].levels == LEVELS and RUBRIC[0].competencies == ("platform-operation",)
    assert RUBRIC[1].origin == "enterprise"


def test_duplicate_and_empty_keys_and_missing_names_are_each_named():
    with pytest.raises(InvalidInput) as refused:
        check_indicators(
            [
                ind("a", Scorer.SELF, "0.5"),
                ind("a", Scorer.SELF, "0.25"),
                ind(" ", Scorer.SELF, "0.25", en=""),
                ind("b", Scorer.SELF, "0", zh=" "),
            ]
        )
    assert fields(refused) == ["indicators[1].key", "indicators[2].key", "indicators[2].name", "indicators[3].name"]


def test_a_scorer_that_is_no_party_is_refused_and_text_is_read_as_the_party():
    with pytest.raises(InvalidInput) as refused:
        check_indicators([ind("a", "teacher", "1")])
    assert fields(refused) == ["indicators[0].scorer"]
    (read_back,) = check_indicators([ind("a", "self", "1")])  # as a repository would give it back
    assert read_back.scorer is Scorer.SELF


@pytest.mark.parametrize(
    "level",
    [
        Level("upside down", Decimal(80), Decimal(70)),
        Level("off the scale", Decimal(90), Decimal("100.01")),
        Level("negative", Decimal(-1), Decimal(10)),
        Level("not a number", Decimal("NaN"), Decimal(10)),
        Level("finer than a score", Decimal("89.995"), Decimal(100)),
        Level("vanishingly small", Decimal(0), Decimal("1e-400")),
    ],
)
def test_a_level_off_the_scale_or_upside_down_is_refused(level):
    with pytest.raises(InvalidInput) as refused:
        check_indicators([ind("a", Scorer.SELF, "1", levels=(LEVELS[0], level))], field_name="rubric.indicators")
    assert fields(refused) == ["rubric.indicators[0].levels[1]"]


@pytest.mark.parametrize(
    ("weights", "bad"),
    [(("0.5", "0.4"), ["indicators.weight"]), (("1.5", "-0.5"), ["indicators.weight.a", "indicators.weight.b"])],
)
def test_indicator_weights_follow_the_weights_rule(weights, bad):
    with pytest.raises(InvalidInput) as refused:
        check_indicators([ind("a", Scorer.SELF, weights[0]), ind("b", Scorer.PEER, weights[1])])
    assert fields(refused) == bad


@pytest.mark.parametrize("count", [0, 51])
def test_a_rubric_has_1_to_50_indicators(count):
    with pytest.raises(InvalidInput) as refused:
        check_indicators([ind(f"k{i}", Scorer.SELF, "0") for i in range(count)])
    assert fields(refused) == ["indicators"]


def test_a_party_scores_exactly_its_own_indicators_each_on_the_scale():
    assert check_scores(RUBRIC, Scorer.SCHOOL_MENTOR, {"process": Decimal("80.005"), "report": Decimal(70)}) == {
        "process": Decimal("80.01"),
        "report": Decimal("70.00"),
    }
    for wrong in (
        {"process": Decimal(80)},  # one missing
        {"process": Decimal(80), "report": Decimal(70), "skills": Decimal(90)},  # another party's indicator
        {"skills": Decimal(90), "kpi": Decimal(90)},  # the enterprise's, not the school's
    ):
        with pytest.raises(InvalidInput) as refused:
            check_scores(RUBRIC, Scorer.SCHOOL_MENTOR, wrong)
        assert fields(refused) == ["scores"]
    with pytest.raises(InvalidInput) as refused:
        check_scores(RUBRIC, Scorer.SCHOOL_MENTOR, {"process": Decimal(101), "report": Decimal(70)})
    assert fields(refused) == ["scores.process"]
    with pytest.raises(InvalidInput) as refused:
        check_scores(RUBRIC, Scorer.EXPERT, {})  # nobody asked an expert on this rubric
    assert fields(refused) == ["scores"]


def test_a_party_score_is_the_weighted_mean_of_its_indicators():
    # enterprise: skills 0.3, kpi 0.1 → (0.3 × 90 + 0.1 × 70) / 0.4 = 85
    assert party_score(RUBRIC, Scorer.ENTERPRISE_MENTOR, {"skills": Decimal(90), "kpi": Decimal(70)}) == Decimal(
        "85.00"
    )
    assert party_score(RUBRIC, Scorer.SELF, {"reflection": Decimal("66.6")}) == Decimal("66.60")
    zero = check_indicators([ind("a", Scorer.SELF, "1"), ind("b", Scorer.PEER, "0"), ind("c", Scorer.PEER, "0")])
    assert party_score(zero, Scorer.PEER, {"b": Decimal(50), "c": Decimal(61)}) == Decimal("55.50")  # plain mean


def test_a_party_weight_is_the_sum_of_its_indicator_weights_in_rubric_order():
    assert weights_by_scorer(RUBRIC) == {
        Scorer.ENTERPRISE_MENTOR: Decimal("0.4"),
        Scorer.SCHOOL_MENTOR: Decimal("0.3"),
        Scorer.SELF: Decimal("0.1"),
        Scorer.DATA: Decimal("0.2"),
    }


def test_a_score_falls_in_the_first_level_that_holds_it():
    skills = RUBRIC[0]
    assert [level_of(skills, Decimal(s)).name for s in ("100", "90", "89.99", "75", "74.99", "0")] == [
        "excellent",
        "excellent",
        "good",
        "good",
        "needs work",
        "needs work",
    ]
    assert level_of(RUBRIC[1], Decimal(50)) is None  # kpi has no levels


def random_rubric(rng: random.Random) -> tuple[tuple[Indicator, ...], dict[str, Decimal]]:
    k = rng.randint(1, 8)
    cuts = sorted(rng.randint(0, 10_000) for _ in range(k - 1))
    units = [b - a for a, b in zip([0, *cuts], [*cuts, 10_000], strict=True)]
    scorers = list(Scorer)
    rubric = check_indicators(
        [ind(f"k{i}", rng.choice(scorers), str(Decimal(u) / 10_000)) for i, u in enumerate(units)]
    )
    return rubric, {i.key: Decimal(rng.randint(0, 10_000)) / 100 for i in rubric}


def test_the_total_over_the_parties_is_sigma_indicator_weight_times_score_to_the_cent():
    """Σ party weight × party score == Σ indicator weight × indicator score: exactly before rounding, and the
    scorecard (built from rubric_part) gives the same total to the cent, although each party's score is rounded."""
    rng = random.Random(13)
    off_by_a_cent_if_rounded_party_scores_were_summed = 0
    for _ in range(3_000):
        rubric, scores = random_rubric(rng)
        direct = sum((i.weight * scores[i.key] for i in rubric), Decimal(0))
        shares = weights_by_scorer(rubric)
        assert sum(shares.values()) == 1
        parts = [
            rubric_part(rubric, s, {i.key: scores[i.key] for i in rubric if i.scorer is s}, given_by=[s.value])
            for s in shares
        ]
        assert [(p.party, p.weight) for p in parts] == [(s.value, w) for s, w in shares.items()]
        assert sum((p.exact() for p in parts), Decimal(0)) == direct
        assert combine("s1", parts, pass_mark=Decimal(60)).weighted_total == quantize(direct)
        for p in parts:
            assert p.score == party_score(rubric, Scorer(p.party), scores)
            assert abs(p.weight * p.score - p.exact()) <= p.weight * Decimal("0.005")
        rounded = quantize(sum((p.weight * p.score for p in parts), Decimal(0)))
        off_by_a_cent_if_rounded_party_scores_were_summed += rounded != quantize(direct)
    assert off_by_a_cent_if_rounded_party_scores_were_summed > 0  # why the parts carry their exact contribution


def test_a_rubric_party_that_has_not_scored_is_missing_with_its_reason_and_counts_zero():
    self_part = rubric_part(RUBRIC, Scorer.SELF, None, missing="the student has not assessed themselves yet")
    assert (self_part.weight, self_part.score, self_part.weighted) == (Decimal("0.1"), None, Decimal("0.00"))
    data_part = rubric_part(RUBRIC, Scorer.DATA, {"attendance": Decimal(95)}, given_by=["platform"])
    card = combine("s1", [self_part, data_part], pass_mark=Decimal(10))
    assert card.weighted_total == Decimal("19.00") and not card.complete and card.passes
    assert [(m.part, m.reason) for m in card.missing] == [("self", "the student has not assessed themselves yet")]
