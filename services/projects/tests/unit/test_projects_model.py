"""Projects, teams and milestones as plain objects: weights that sum to 1, terms fixed once published, team size,
stages in order (or in parallel), and the platform score from metrics."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from praxis_common.errors import Conflict, InvalidInput
from projects.domain.metrics import DataPoint, Target, check_points, platform_score
from projects.domain.projects import DEFAULT_STAGES, Project, Stage, StagesNotAccepted, Status, Weights
from projects.domain.teams import Decision, Member, Milestones, StageClosed, StageLocked, StageStatus, Team

NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)


def project(**terms) -> Project:
    return Project.create(
        enterprise_org="ent",
        by="hr",
        now=NOW,
        **{
            "title": "Store",
            "brief": "",
            "competencies": ["Data-Analysis", "data-analysis "],
            "team_capacity": 2,
            "min_team_size": 2,
            "max_team_size": 3,
            "credits": Decimal(2),
            "pass_mark": Decimal(60),
            "starts_on": date(2027, 3, 1),
            "ends_on": date(2027, 6, 30),
            **terms,
        },
    )


def test_defaults_six_stages_and_weights_and_normalised_tags():
    p = project()
    assert [s.key for s in p.stages] == [s.key for s in DEFAULT_STAGES] and len(p.stages) == 6
    assert p.weights.as_dict() == {
        "teacher": Decimal("0.3"),
        "enterprise": Decimal("0.3"),
        "platform": Decimal("0.2"),
        "peer": Decimal("0.2"),
    }
    assert p.competencies == ["data-analysis"] and p.status is Status.DRAFT


@pytest.mark.parametrize(
    "weights",
    [
        ("0.3", "0.3", "0.2", "0.1"),
        ("0.5", "0.5", "0.5", "-0.5"),
        ("1.1", "0", "0", "-0.1"),
        ("0.25", "0.25", "0.25", "0.2501"),
    ],
)
def test_weights_must_each_be_0_to_1_and_sum_to_exactly_1(weights):
    with pytest.raises(InvalidInput) as refused:
        Weights(*(Decimal(w) for w in weights))
    assert refused.value.errors[0].field.startswith("weights")


def test_weights_that_sum_to_1_are_accepted_including_a_zero_weight():
    assert Weights(Decimal("0.5"), Decimal("0.5"), Decimal(0), Decimal(0)).platform == 0
    assert Weights(Decimal("0.1"), Decimal("0.2"), Decimal("0.3"), Decimal("0.4")).peer == Decimal("0.4")


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"stages": []}, "stages"),
        ({"stages": [Stage("a", "A"), Stage("a", "B")]}, "stages"),
        ({"stages": [Stage("Bad Key", "A")]}, "stages.0.key"),
        ({"team_capacity": 0}, "team_capacity"),
        ({"min_team_size": 4, "max_team_size": 3}, "max_team_size"),
        ({"credits": Decimal(0)}, "credits"),
        ({"pass_mark": Decimal(101)}, "pass_mark"),
        ({"ends_on": date(2027, 2, 1)}, "ends_on"),
        ({"platform_targets": {"likes": Target(Decimal(1), "count")}}, "platform_targets.likes"),
        ({"platform_targets": {"gmv": Target(Decimal(1), "bananas")}}, "platform_targets.gmv.unit"),
        (
            {"platform_targets": {"conversion_rate": Target(Decimal(120), "percent")}},
            "platform_targets.conversion_rate.value",
        ),
    ],
)
def test_bad_terms_name_the_field(terms, field):
    with pytest.raises(InvalidInput) as refused:
        project(**terms)
    assert field in [e.field for e in refused.value.errors]


def test_a_published_projects_terms_are_fixed_but_its_targets_may_change():
    p = project()
    p.amend({"team_capacity": 5, "stages": [Stage("a", "A"), Stage("b", "B")]})
    assert p.team_capacity == 5 and p.stage_keys() == ["a", "b"]
    with pytest.raises(InvalidInput):
        p.amend({"weights": None, "status": "completed"})
    with pytest.raises(InvalidInput):
        p.amend({"max_team_size": 1})  # below min_team_size: the whole project is checked again
    assert p.max_team_size == 3  # nothing changed
    p.publish(now=NOW)
    assert [type(e).__name__ for e in p.pull_events()] == ["ProjectPublished"]
    with pytest.raises(Conflict):
        p.amend({"title": "Other"})
    p.set_platform_targets({"orders": Target(Decimal(100), "count")})
    p.complete(now=NOW, team_ids=[], credits=[])
    with pytest.raises(Conflict):
        p.set_platform_targets({})
    with pytest.raises(Conflict):
        p.complete(now=NOW, team_ids=[], credits=[])


def test_completing_with_stages_not_accepted_needs_force_with_a_reason():
    p = project(stages=[Stage("a", "A"), Stage("b", "B")])
    p.publish(now=NOW)
    team = uuid.uuid4()
    with pytest.raises(StagesNotAccepted) as refused:
        p.require_completable({team: ["b"]}, force=False, reason=None)
    assert refused.value.extensions["teams"] == [{"team_id": str(team), "stages": ["b"]}]
    with pytest.raises(InvalidInput):
        p.require_completable({team: ["b"]}, force=True, reason=" ")
    assert p.require_completable({team: []}, force=False, reason=None) is False  # all accepted: no force needed
    assert p.require_completable({team: ["b"]}, force=True, reason="the platform closed the store") is True
    p.complete(now=NOW, team_ids=[team], credits=[], forced=True, reason="the platform closed the store")
    assert (p.completion_forced, p.completion_reason) == (True, "the platform closed the store")


def members(*refs) -> list[Member]:
    return [Member(r) for r in refs]


def test_a_team_forms_on_a_published_project_within_its_size():
    p = project()
    with pytest.raises(Conflict):
        Team.form(p, school_org="s", name="T", members=members("a", "b"), by="x", now=NOW)  # a draft
    p.publish(now=NOW)
    t = Team.form(p, school_org="s", name=" Blue ", members=members("a", "b"), by="x", now=NOW)
    assert (t.name, t.member_refs, t.enterprise_org) == ("Blue", ["a", "b"], "ent")
    assert [type(e).__name__ for e in t.pull_events()] == ["TeamFormed"]
    for bad in (members("a"), members("a", "b", "c", "d"), members("a", "a")):
        with pytest.raises(InvalidInput):
            Team.form(p, school_org="s", name="T", members=bad, by="x", now=NOW)
    t.dissolve(p, now=NOW, reason="left")
    with pytest.raises(Conflict):
        t.dissolve(p, now=NOW, reason="again")


def test_stages_open_in_order_and_an_accepted_stage_is_closed():
    p = project(stages=[Stage("one", "1"), Stage("two", "2"), Stage("three", "3")])
    p.publish(now=NOW)
    t = Team.form(p, school_org="s", name="T", members=members("a", "b"), by="x", now=NOW)
    ms = Milestones.start(t, p)
    assert [ms.is_open(s) for s in ("one", "two", "three")] == [True, False, False]
    with pytest.raises(StageLocked) as locked:
        ms.submit("two", now=NOW)
    assert "opens when stage one is accepted" in locked.value.detail
    ms.submit("one", now=NOW)
    with pytest.raises(InvalidInput):
        ms.review("one", Decision.RETURNED, "  ", now=NOW)  # returning needs comments
    ms.review("one", Decision.RETURNED, "add sources", now=NOW)
    assert ms.get("one").status is StageStatus.RETURNED and not ms.is_open("two")
    with pytest.raises(Conflict):
        ms.review("one", Decision.ACCEPTED, "", now=NOW)  # nothing submitted since it was returned
    ms.submit("one", now=NOW)
    ms.review("one", Decision.ACCEPTED, "", now=NOW)
    assert ms.is_open("two") and not ms.is_open("three") and not ms.is_open("one")
    with pytest.raises(StageClosed):
        ms.submit("one", now=NOW)
    with pytest.raises(InvalidInput):
        ms.submit("four", now=NOW)
    for stage in ("two", "three"):
        ms.submit(stage, now=NOW)
        ms.review(stage, Decision.ACCEPTED, "", now=NOW)
    assert ms.all_accepted


def test_parallel_stages_open_together():
    p = project(parallel_stages=True)
    p.publish(now=NOW)
    t = Team.form(p, school_org="s", name="T", members=members("a", "b"), by="x", now=NOW)
    ms = Milestones.start(t, p)
    assert all(ms.is_open(k) for k in p.stage_keys())
    ms.submit("after-sales", now=NOW)


def point(metric, value, unit, month=4) -> DataPoint:
    return DataPoint(metric, date(2027, month, 1), date(2027, month, 28), Decimal(str(value)), unit)


def test_the_platform_score_sums_counts_takes_the_latest_rate_and_caps_each_metric():
    targets = {
        "orders": Target(Decimal(200), "count"),
        "conversion_rate": Target(Decimal(4), "percent"),
        "gmv": Target(Decimal(1000), "MYR"),
    }
    points = [
        point("orders", 60, "count", 4),
        point("orders", 90, "count", 5),  # 150 / 200 = 0.75
        point("conversion_rate", 5, "percent", 4),
        point("conversion_rate", 2, "percent", 5),  # the latest: 2 / 4 = 0.5
        point("gmv", 3000, "MYR"),  # capped at 1
        point("sessions", 9999, "count"),  # not targeted: ignored
    ]
    score = platform_score(targets, points)
    assert score.score == Decimal("75.00") and score.missing is None
    assert {m.metric: m.achievement for m in score.metrics} == {
        "conversion_rate": Decimal("0.5"),
        "gmv": Decimal(1),
        "orders": Decimal("0.75"),
    }


def test_the_platform_score_is_missing_without_targets_or_without_data_for_one():
    assert platform_score({}, [point("orders", 1, "count")]).missing == "the enterprise has set no platform targets"
    partial = platform_score(
        {"orders": Target(Decimal(10), "count"), "gmv": Target(Decimal(10), "CNY")}, [point("orders", 5, "count")]
    )
    assert partial.score is None and partial.missing == "no data yet for gmv"


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (point("likes", 5, "count"), "metrics.0.name"),
        (point("orders", 5, "pieces"), "metrics.0.unit"),
        (point("gmv", 5, "Dollars"), "metrics.0.unit"),
        (point("conversion_rate", 101, "percent"), "metrics.0.value"),
        (point("rating", 6, "stars"), "metrics.0.value"),
        (point("orders", -1, "count"), "metrics.0.value"),
        (DataPoint("orders", date(2027, 5, 1), date(2027, 4, 1), Decimal(1), "count"), "metrics.0.period_end"),
        (DataPoint("orders", date(2026, 1, 1), date(2027, 4, 1), Decimal(1), "count"), "metrics.0.period_end"),
        (point("gmv", 5, "USD"), "metrics.0.unit"),  # the team's gmv series is in CNY
    ],
)
def test_metrics_with_unknown_names_or_units_or_impossible_values_are_refused(bad, field):
    with pytest.raises(InvalidInput) as refused:
        check_points([bad], series_units={"gmv": "CNY"})
    assert [e.field for e in refused.value.errors] == [field]


def test_the_same_metric_and_period_twice_in_one_batch_is_refused():
    with pytest.raises(InvalidInput):
        check_points([point("orders", 1, "count"), point("orders", 2, "count")], series_units={})
    check_points([point("orders", 1, "count"), point("orders", 2, "count", month=5)], series_units={})
