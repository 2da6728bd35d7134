"""Placement evaluation without I/O: the default rubrics, proposing and accepting rubric versions (the enterprise
adds, never drops; no peer scoring; a version in use never changes), the evaluation windows, the data measures and
the placement's scorecard (parts per party, latest window, value-added, what is missing)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from internships.domain.course import InternshipType
from internships.domain.evaluation_windows import Window, WindowNotOpen, check_open, due, windows_of
from internships.domain.placement_data import MEASURES, DataMeasures, measure_scores
from internships.domain.placement_evaluations import PlacementEvaluation, placement_scorecard
from internships.domain.placements import Placement, PlacementStatus
from internships.domain.rubric_defaults import DEFAULT_RUBRICS
from internships.domain.rubrics import (
    RubricAccepted,
    RubricInUse,
    RubricProposed,
    RubricVersion,
    agreed,
    default_rubric,
    rubric_for,
    school_base,
)
from praxis_common.errors import Forbidden, InvalidInput
from praxis_evaluation import Indicator, Scorer, weights_by_scorer

NOW = datetime(2030, 6, 1, 9, tzinfo=UTC)
D = Decimal
AGREEMENT = uuid.uuid4()


def placement(starts_on=date(2030, 3, 1), ends_on=date(2030, 6, 28)) -> Placement:
    return Placement(
        id=uuid.uuid4(),
        position_id=uuid.uuid4(),
        agreement_id=AGREEMENT,
        school_org="s1",
        enterprise_org="e1",
        student_ref="stu-1",
        profile={},
        starts_on=starts_on,
        ends_on=ends_on,
        requested_at=NOW,
        hold_expires_at=NOW,
        status=PlacementStatus.ACTIVE,
    )


def ind(key: str, scorer: Scorer, weight: str, **kw) -> Indicator:
    return Indicator(key, f"{key} zh", f"{key} en", scorer, D(weight), **kw)


SCHOOL_RUBRIC = [
    ind("knowledge", Scorer.SCHOOL_MENTOR, "0.3"),
    ind("skills", Scorer.ENTERPRISE_MENTOR, "0.3"),
    ind("reflection", Scorer.SELF, "0.1"),
    ind("attendance", Scorer.DATA, "0.3"),
]


def propose(indicators, side="school", version=1, base=()) -> RubricVersion:
    return RubricVersion.propose(
        agreement_id=AGREEMENT,
        version=version,
        internship_type=InternshipType.POST_INTERNSHIP,
        indicators=indicators,
        side=side,
        base=base or DEFAULT_RUBRICS[InternshipType.POST_INTERNSHIP],
        by=f"{side}-user",
        now=NOW,
    )


# ------------------------------------------------------------------------------------------------ default rubrics


@pytest.mark.parametrize("kind", list(InternshipType))
def test_every_internship_type_ships_a_default_rubric_without_peers_and_with_levels(kind):
    indicators = DEFAULT_RUBRICS[kind]
    assert sum(i.weight for i in indicators) == 1
    assert Scorer.PEER not in weights_by_scorer(indicators)
    assert {Scorer.SCHOOL_MENTOR, Scorer.ENTERPRISE_MENTOR, Scorer.SELF, Scorer.DATA} <= set(
        weights_by_scorer(indicators)
    )
    for i in indicators:
        assert i.name_zh and i.name_en and i.competencies
        assert [lv.name.split()[0] for lv in i.levels] == ["优秀", "良好", "合格", "不合格"]
    assert default_rubric(kind).rubric_id == f"default:{kind.value}"


# ------------------------------------------------------------------------------------------------ rubric versions


def test_the_school_proposes_and_the_enterprise_accepts_then_it_is_the_agreed_rubric():
    v = propose(SCHOOL_RUBRIC)
    assert [type(e) for e in v.pull_events()] == [RubricProposed]
    assert rubric_for([v], InternshipType.POST_INTERNSHIP).rubric_id == "default:post_internship"  # not yet agreed
    with pytest.raises(Forbidden, match="other party"):
        v.accept(side="school", by="s", now=NOW)
    v.accept(side="enterprise", by="hr", now=NOW)
    assert [type(e) for e in v.pull_events()] == [RubricAccepted]
    chosen = rubric_for([v], InternshipType.POST_INTERNSHIP)
    assert (chosen.rubric_id, chosen.version) == (str(AGREEMENT), 1)
    assert agreed([v], InternshipType.OBSERVATION) is None


def test_weights_not_summing_to_one_are_refused_naming_the_field():
    with pytest.raises(InvalidInput) as refused:
        propose([*SCHOOL_RUBRIC[:3], ind("attendance", Scorer.DATA, "0.2")])
    assert "sum to 1" in refused.value.detail and refused.value.errors[0].field == "indicators.weight"


def test_peer_indicators_and_unknown_data_measures_are_refused():
    with pytest.raises(InvalidInput) as refused:
        propose([ind("teamwork", Scorer.PEER, "0.5"), ind("sales", Scorer.DATA, "0.5")])
    fields = {e.field: e.message for e in refused.value.errors}
    assert "no peer scoring" in fields["indicators[0].scorer"]
    assert "attendance" in fields["indicators[1].key"]


def test_the_enterprise_adds_its_own_indicators_and_keeps_the_schools():
    school = propose(SCHOOL_RUBRIC)
    added = [
        replace(SCHOOL_RUBRIC[0], weight=D("0.2")),
        *SCHOOL_RUBRIC[1:],
        ind("customer_care", Scorer.ENTERPRISE_MENTOR, "0.1"),
    ]
    v = propose(added, side="enterprise", version=2, base=school_base([school], InternshipType.POST_INTERNSHIP))
    origins = {i.key: i.origin for i in v.indicators}
    assert origins == {
        "knowledge": "school",
        "skills": "school",
        "reflection": "school",
        "attendance": "school",
        "customer_care": "enterprise",
    }


@pytest.mark.parametrize(
    ("indicators", "says"),
    [
        (SCHOOL_RUBRIC[1:] + [ind("customer_care", Scorer.ENTERPRISE_MENTOR, "0.3")], "may not be dropped"),
        (
            [replace(SCHOOL_RUBRIC[0], name_en="Something else"), *SCHOOL_RUBRIC[1:]],
            "may not be changed",
        ),
        (
            [replace(SCHOOL_RUBRIC[0], weight=D("0.2")), *SCHOOL_RUBRIC[1:], ind("extra", Scorer.SELF, "0.1")],
            "its mentor scores",
        ),
    ],
    ids=["drops", "changes", "adds-a-self-indicator"],
)
def test_the_enterprise_may_not_drop_or_change_the_schools_indicators(indicators, says):
    school = propose(SCHOOL_RUBRIC)
    with pytest.raises(InvalidInput) as refused:
        propose(indicators, side="enterprise", version=2, base=school_base([school], InternshipType.POST_INTERNSHIP))
    assert says in " ".join(e.message for e in refused.value.errors)


def test_a_version_in_use_never_changes_and_one_not_in_use_goes_back_to_waiting():
    v = propose(SCHOOL_RUBRIC)
    v.accept(side="enterprise", by="hr", now=NOW)
    with pytest.raises(RubricInUse, match="propose a new version"):
        v.revise(SCHOOL_RUBRIC, side="school", base=(), in_use=True, by="s", now=NOW)
    v.revise(list(reversed(SCHOOL_RUBRIC)), side="school", base=(), in_use=False, by="s", now=NOW)
    assert not v.agreed and v.indicators[0].key == "attendance"


# ------------------------------------------------------------------------------------------------ windows


def test_windows_open_at_the_mid_point_and_a_week_before_the_end():
    w = windows_of(date(2030, 3, 1), date(2030, 6, 28))
    assert w[Window.MIDTERM].opens_on == w[Window.MIDTERM].due_on == date(2030, 4, 29)
    assert (w[Window.FINAL].opens_on, w[Window.FINAL].due_on) == (date(2030, 6, 21), date(2030, 6, 28))
    with pytest.raises(WindowNotOpen, match="2030-04-29"):
        check_open(Window.MIDTERM, date(2030, 3, 1), date(2030, 6, 28), date(2030, 4, 28))
    check_open(Window.FINAL, date(2030, 3, 1), date(2030, 6, 28), date(2030, 6, 21))
    assert [d.window for d in due(date(2030, 3, 1), date(2030, 6, 28), date(2030, 6, 27))] == [Window.MIDTERM]
    assert len(due(date(2030, 3, 1), date(2030, 6, 28), date(2030, 6, 28))) == 2


# ------------------------------------------------------------------------------------------------ data and scorecard


def test_data_measures_map_to_the_scale():
    scores = measure_scores(
        DataMeasures(
            attendance_rate=D("0.95"),
            approved_hours=D("300"),
            required_hours=D("240"),
            core_share=D("0.625"),
            reports_accepted=3,
            reports_returned=1,
        )
    )
    assert scores == {
        "attendance": D("95.00"),
        "hours": D("100.00"),
        "core_work": D("62.50"),
        "weekly_reports": D("75.00"),
        "achievements": D("0.00"),
    }
    empty = measure_scores(DataMeasures(None, D(0), None, None, 0, 0))
    assert {k for k, v in empty.items() if v is not None} == {"achievements"}  # no achievement is an input: 0


def test_the_achievements_measure_sums_the_points_at_most_100_and_is_0_without_any():
    def achievements(*points: str) -> Decimal | None:
        return measure_scores(DataMeasures(None, D(0), None, None, 0, 0, tuple(D(p) for p in points)))["achievements"]

    assert achievements("30", "25.5") == D("55.50")
    assert achievements("60", "45", "10") == D("100.00")  # capped
    assert achievements("100") == D("100.00")
    assert achievements() == D("0.00")
    assert "achievements" in MEASURES  # a rubric's data indicator may use it


def evaluation(p, rubric, window, scorer, scores, at) -> PlacementEvaluation:
    return PlacementEvaluation.record(
        placement=p,
        rubric=rubric,
        window=window,
        scorer=scorer,
        scores={k: D(v) for k, v in scores.items()},
        comments="",
        by=f"{scorer}-sub",
        mentor_id=None,
        expert_name=None,
        now=at,
    )


def test_a_score_outside_the_scale_or_for_another_partys_indicator_is_refused():
    p, rubric = placement(), propose(SCHOOL_RUBRIC).as_rubric()
    with pytest.raises(InvalidInput) as refused:
        evaluation(p, rubric, Window.MIDTERM, Scorer.SCHOOL_MENTOR, {"knowledge": "101"}, NOW)
    assert refused.value.errors[0].field == "scores.knowledge"
    with pytest.raises(InvalidInput, match="exactly"):
        evaluation(p, rubric, Window.MIDTERM, Scorer.SCHOOL_MENTOR, {"skills": "80"}, NOW)
    with pytest.raises(InvalidInput, match="computed"):
        evaluation(p, rubric, Window.MIDTERM, Scorer.DATA, {"attendance": "80"}, NOW)


def test_the_scorecard_takes_each_partys_latest_window_the_data_now_and_growth_from_midterm_to_final():
    p, rubric = placement(), propose(SCHOOL_RUBRIC).as_rubric()
    later = NOW + timedelta(days=30)
    evaluations = [
        evaluation(p, rubric, Window.MIDTERM, Scorer.SCHOOL_MENTOR, {"knowledge": "70"}, NOW),
        evaluation(p, rubric, Window.FINAL, Scorer.SCHOOL_MENTOR, {"knowledge": "80"}, later),
        evaluation(p, rubric, Window.MIDTERM, Scorer.ENTERPRISE_MENTOR, {"skills": "60"}, NOW),
        evaluation(p, rubric, Window.FINAL, Scorer.ENTERPRISE_MENTOR, {"skills": "90"}, later),
        evaluation(p, rubric, Window.MIDTERM, Scorer.SELF, {"reflection": "75"}, NOW),
    ]
    card = placement_scorecard("stu-1", rubric, evaluations, {"attendance": D("90")}, computed_at=later)
    scores = {part.party: part.score for part in card.parts}
    assert scores == {"school_mentor": D(80), "enterprise_mentor": D(90), "self": D(75), "data": D(90)}
    # 0.3×80 + 0.3×90 + 0.1×75 + 0.3×90
    assert card.weighted_total == D("85.50") and card.complete and card.passes
    assert card.value_added.parties == ["school_mentor", "enterprise_mentor"]
    assert (card.value_added.baseline, card.value_added.latest, card.value_added.absolute) == (
        D("65.00"),
        D("85.00"),
        D("20.00"),
    )
    assert [(m.part, m.reason) for m in card.missing] == [
        ("self", "no final evaluation by the student yet; the midterm counts for now")
    ]
    assert {part.party: part.given_by for part in card.parts}["data"] == ["platform"]


def test_missing_parts_say_why_and_the_pass_mark_is_a_parameter():
    p, rubric = placement(), propose(SCHOOL_RUBRIC).as_rubric()
    only = [evaluation(p, rubric, Window.MIDTERM, Scorer.ENTERPRISE_MENTOR, {"skills": "90"}, NOW)]
    card = placement_scorecard("stu-1", rubric, only, {"attendance": None}, computed_at=NOW, pass_mark=D(25))
    reasons = {m.part: m.reason for m in card.missing}
    assert reasons["school_mentor"] == "no evaluation by the school mentor yet"
    assert reasons["data"] == "no data score yet: no attendance day is expected yet"
    assert "no final evaluation by the enterprise mentor" in reasons["enterprise_mentor"]
    assert "baseline" in reasons
    assert card.weighted_total == D("27.00") and not card.complete and card.passes
