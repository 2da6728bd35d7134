"""Scorecard maths on plain objects: party scores, the weighted total with missing parts, value-added from the
baseline, and the rules of peer ratings."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from praxis_common.errors import Conflict, Forbidden, InvalidInput
from projects.domain.scores import Assessment, Evaluation, Party, PeerRating, scorecard, value_added

T0 = datetime(2027, 3, 1, 9, tzinfo=UTC)
TEAM = uuid.UUID(int=7)
WEIGHTS = {
    Party.TEACHER: Decimal("0.3"),
    Party.ENTERPRISE: Decimal("0.3"),
    Party.PLATFORM: Decimal("0.2"),
    Party.PEER: Decimal("0.2"),
}
MEMBERS = ["ana", "bo", "cy"]
STAGES = ["market-research", "product-selection"]


def assess(student: str, party: Party, assessment: Assessment, day: int, **scores) -> Evaluation:
    return Evaluation.record(
        team_id=TEAM,
        student_ref=student,
        party=party,
        assessment=assessment,
        criteria={k: Decimal(str(v)) for k, v in scores.items()},
        comments="",
        evaluator=f"{party}-mentor",
        mentor_id=None,
        now=T0 + timedelta(days=day),
    )


def rate(rater: str, ratee: str, score, stage: str = "market-research", rated=frozenset()) -> PeerRating:
    return PeerRating.rate(
        team_id=TEAM,
        members=MEMBERS,
        stages=STAGES,
        already_rated=set(rated),
        stage=stage,
        rater_ref=rater,
        ratee_ref=ratee,
        score=Decimal(str(score)),
        comments="",
        now=T0,
    )


def card(evaluations, ratings, platform=(Decimal(80), None, T0), student="ana"):
    return scorecard(
        student_ref=student,
        weights=WEIGHTS,
        evaluations=evaluations,
        peer_ratings=ratings,
        platform=platform,
        pass_mark=Decimal(60),
    )


def test_a_mentor_score_is_the_mean_of_its_criteria_to_two_decimals():
    e = assess("ana", Party.TEACHER, Assessment.PROGRESS, 1, process=80, knowledge=75.555)
    assert e.criteria == {"process": Decimal("80.00"), "knowledge": Decimal("75.56")}
    assert e.score == Decimal("77.78")


@pytest.mark.parametrize(
    ("party", "scores"),
    [
        (Party.TEACHER, {"skills": 80, "qualities": 70}),  # the enterprise's criteria
        (Party.TEACHER, {"process": 80}),  # one missing
        (Party.ENTERPRISE, {"skills": 80, "qualities": 70, "process": 60}),
        (Party.PLATFORM, {"process": 80, "knowledge": 70}),  # computed, never given by a person
    ],
)
def test_each_mentor_party_scores_exactly_its_own_criteria(party, scores):
    with pytest.raises(InvalidInput):
        assess("ana", party, Assessment.PROGRESS, 1, **scores)


@pytest.mark.parametrize("bad", ["-0.01", "100.01", "NaN", "Infinity"])
def test_scores_outside_0_to_100_are_refused(bad):
    with pytest.raises(InvalidInput) as refused:
        assess("ana", Party.ENTERPRISE, Assessment.PROGRESS, 1, skills=bad, qualities=50)
    assert refused.value.errors[0].field == "scores.skills"


def test_the_weighted_total_of_a_complete_scorecard():
    evaluations = [
        assess("ana", Party.TEACHER, Assessment.PROGRESS, 1, process=80, knowledge=90),  # 85
        assess("ana", Party.ENTERPRISE, Assessment.PROGRESS, 1, skills=70, qualities=80),  # 75
    ]
    ratings = [rate("bo", "ana", 90), rate("cy", "ana", 70)]  # 80
    c = card(evaluations, ratings, platform=(Decimal("60"), None, T0))
    assert [(p.party.value, p.score, p.weighted) for p in c.parts] == [
        ("teacher", Decimal("85.00"), Decimal("25.50")),
        ("enterprise", Decimal("75.00"), Decimal("22.50")),
        ("platform", Decimal("60"), Decimal("12.00")),
        ("peer", Decimal("80.00"), Decimal("16.00")),
    ]
    assert c.weighted_total == Decimal("76.00") and c.complete and c.passes
    assert [m.part for m in c.missing] == ["baseline"]  # nothing missing from the total, but no growth measure
    assert c.parts[0].given_by == ["teacher-mentor"] and c.parts[3].given_by == ["bo", "cy"]


def test_missing_parts_count_zero_and_are_named_with_the_reason():
    evaluations = [assess("ana", Party.TEACHER, Assessment.PROGRESS, 1, process=100, knowledge=100)]
    c = card(evaluations, [], platform=(None, "no data yet for gmv", None))
    assert c.weighted_total == Decimal("30.00") and not c.complete and not c.passes
    assert {m.part: m.reason for m in c.missing} == {
        "enterprise": "no progress assessment by the enterprise mentor yet",
        "platform": "no data yet for gmv",
        "peer": "no teammate has rated this student yet",
        "baseline": "no baseline assessment: value-added cannot be computed",
    }
    assert [p.score for p in c.parts] == [Decimal("100.00"), None, None, None]


def test_the_latest_progress_assessment_counts_not_the_baseline_nor_an_average():
    evaluations = [
        assess("ana", Party.TEACHER, Assessment.BASELINE, 0, process=40, knowledge=50),
        assess("ana", Party.TEACHER, Assessment.PROGRESS, 10, process=60, knowledge=60),
        assess("ana", Party.TEACHER, Assessment.PROGRESS, 20, process=90, knowledge=80),
        assess("bo", Party.TEACHER, Assessment.PROGRESS, 30, process=10, knowledge=10),  # another student
    ]
    c = card(evaluations, [])
    assert c.parts[0].score == Decimal("85.00") and c.parts[0].at == T0 + timedelta(days=20)


def test_value_added_is_growth_from_the_baseline_over_the_parties_that_have_both():
    evaluations = [
        assess("ana", Party.TEACHER, Assessment.BASELINE, 0, process=40, knowledge=60),  # 50
        assess("ana", Party.TEACHER, Assessment.PROGRESS, 30, process=70, knowledge=80),  # 75
        assess("ana", Party.ENTERPRISE, Assessment.BASELINE, 0, skills=60, qualities=60),  # 60
        assess("ana", Party.ENTERPRISE, Assessment.PROGRESS, 30, skills=75, qualities=75),  # 75
    ]
    va = value_added(evaluations)
    assert (va.baseline, va.latest, va.absolute, va.relative) == (
        Decimal("55.00"),
        Decimal("75.00"),
        Decimal("20.00"),
        Decimal("0.3636"),
    )
    assert va.parties == [Party.TEACHER, Party.ENTERPRISE]
    # A party with only a baseline (or only progress) does not enter the comparison.
    only_teacher = value_added(evaluations[:3])
    assert (only_teacher.baseline, only_teacher.latest, only_teacher.parties) == (
        Decimal("50.00"),
        Decimal("75.00"),
        [Party.TEACHER],
    )
    assert value_added(evaluations[1:2]) is None  # no baseline at all


def test_value_added_can_be_negative_and_has_no_relative_change_from_zero():
    decline = value_added(
        [
            assess("ana", Party.TEACHER, Assessment.BASELINE, 0, process=80, knowledge=80),
            assess("ana", Party.TEACHER, Assessment.PROGRESS, 9, process=60, knowledge=60),
        ]
    )
    assert (decline.absolute, decline.relative) == (Decimal("-20.00"), Decimal("-0.2500"))
    from_zero = value_added(
        [
            assess("ana", Party.TEACHER, Assessment.BASELINE, 0, process=0, knowledge=0),
            assess("ana", Party.TEACHER, Assessment.PROGRESS, 9, process=50, knowledge=50),
        ]
    )
    assert (from_zero.absolute, from_zero.relative) == (Decimal("50.00"), None)


def test_the_pass_mark_is_inclusive():
    evaluations = [
        assess("ana", Party.TEACHER, Assessment.PROGRESS, 1, process=60, knowledge=60),
        assess("ana", Party.ENTERPRISE, Assessment.PROGRESS, 1, skills=60, qualities=60),
    ]
    c = card(evaluations, [rate("bo", "ana", 60)], platform=(Decimal(60), None, T0))
    assert c.weighted_total == Decimal("60.00") and c.passes


def test_peer_ratings_are_between_teammates_once_per_stage():
    assert rate("ana", "bo", 88).score == Decimal("88.00")
    with pytest.raises(InvalidInput) as own:
        rate("ana", "ana", 100)
    assert own.value.errors[0].field == "ratee_ref"
    with pytest.raises(InvalidInput):
        rate("ana", "zed", 50)  # not in the team
    with pytest.raises(Forbidden):
        rate("zed", "ana", 50)  # the rater is not in the team
    with pytest.raises(InvalidInput):
        rate("ana", "bo", 50, stage="no-such-stage")
    with pytest.raises(Conflict):
        rate("ana", "bo", 50, rated={("market-research", "ana", "bo")})
    assert rate("ana", "bo", 50, stage="product-selection", rated={("market-research", "ana", "bo")}).stage == (
        "product-selection"
    )
    with pytest.raises(InvalidInput):
        rate("ana", "bo", 101)
