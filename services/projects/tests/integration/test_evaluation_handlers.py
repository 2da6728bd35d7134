"""Evaluation, metrics, scorecards, sharing and revocation, completion and credits on a real PostgreSQL (the
mentors service's answers stood in for; its real gRPC check is in tests/test_projects_*.py)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound, Unavailable
from praxis_dev.testing.stack import eventually
from projects.domain.metrics import DataPoint, Target
from projects.domain.projects import MaterialKind, StagesNotAccepted
from projects.domain.scores import Assessment, PeerAlreadyRated
from projects.domain.teams import AccessRevoked, Member
from projects.handlers import credits as credit_handlers
from projects.handlers import evaluations as handlers
from projects.handlers import projects as project_handlers
from projects.handlers import teams as team_handlers

TEACHER_SCORES = {"process": Decimal(80), "knowledge": Decimal(90)}
HOST_SCORES = {"skills": Decimal(70), "qualities": Decimal(80)}


async def team_of(uow, world, make_project, *refs, **terms):
    p = await make_project(**terms)
    view = await team_handlers.form_team(
        team_handlers.FormTeam(p.id, "Blue", [Member(r) for r in refs]), world.school, uow=uow
    )
    return p, view.team


async def evaluate(uow, mentors, team_id, who, student, scores, assessment=Assessment.PROGRESS):
    cmd = handlers.RecordEvaluation(student, assessment, scores)
    evaluator = await handlers.confirm_evaluator(team_id, cmd, who, token=who.sub, uow=uow, mentors=mentors)
    return await handlers.record_evaluation(team_id, cmd, who, evaluator, uow=uow)


def point(metric, value, unit, today):
    return DataPoint(metric, today - timedelta(days=30), today, Decimal(str(value)), unit)


async def test_only_the_teams_mentor_of_that_side_scores_and_nothing_unchecked(uow, world, make_project, mentors):
    _, t = await team_of(uow, world, make_project, "ana", "bo")
    teacher, host = world.teacher(), world.host()
    with pytest.raises(Forbidden):
        await evaluate(uow, mentors, t.id, teacher, "ana", TEACHER_SCORES)  # no assignment: no score
    mentors.make(teacher, t.id)
    mentors.roles[(host.sub, str(t.id))] = "school"  # a mentor of the other side
    with pytest.raises(Forbidden):
        await evaluate(uow, mentors, t.id, host, "ana", HOST_SCORES)
    mentors.make(host, t.id)
    e = await evaluate(uow, mentors, t.id, teacher, "ana", TEACHER_SCORES)
    assert (e.party.value, e.score, e.evaluator, e.mentor_id) == (
        "teacher",
        Decimal("85.00"),
        "teacher",
        "mentor-teacher",
    )
    with pytest.raises(InvalidInput):  # the teacher scores process and knowledge, not skills
        await evaluate(uow, mentors, t.id, teacher, "ana", HOST_SCORES)
    with pytest.raises(InvalidInput):
        await evaluate(uow, mentors, t.id, teacher, "zed", TEACHER_SCORES)  # not in the team
    with pytest.raises(Forbidden):  # students rate teammates; they do not score
        await evaluate(uow, mentors, t.id, world.student("ana"), "bo", TEACHER_SCORES)
    asked = len(mentors.asked)
    mentors.down = True
    with pytest.raises(Unavailable):
        await evaluate(uow, mentors, t.id, teacher, "bo", TEACHER_SCORES)
    assert len(mentors.asked) == asked + 1
    assert [x.student_ref for x in (await handlers.list_evaluations(t.id, world.school, uow=uow))[0]] == ["ana"]
    async with uow() as u:
        subjects = (
            await u.connection.execute(text("SELECT subject FROM outbox WHERE aggregate_id = :t"), {"t": str(t.id)})
        ).all()
    assert [s.subject for s in subjects].count("t.projects.evaluation.recorded") == 1


async def test_one_baseline_per_student_and_party(uow, world, make_project, mentors):
    _, t = await team_of(uow, world, make_project, "ana", "bo")
    teacher = world.teacher()
    mentors.make(teacher, t.id)
    await evaluate(uow, mentors, t.id, teacher, "ana", TEACHER_SCORES, Assessment.BASELINE)
    with pytest.raises(Conflict):
        await evaluate(uow, mentors, t.id, teacher, "ana", TEACHER_SCORES, Assessment.BASELINE)
    await evaluate(uow, mentors, t.id, teacher, "bo", TEACHER_SCORES, Assessment.BASELINE)


async def test_peer_ratings_by_students_of_the_team(uow, world, make_project):
    p, t = await team_of(uow, world, make_project, "ana", "bo", "cy")
    stage = p.stage_keys()[0]

    def rate(who, ratee, score=80):
        return handlers.rate_peer(t.id, handlers.RatePeer(stage, ratee, Decimal(score)), who, uow=uow)

    await rate(world.student("ana"), "bo")
    with pytest.raises(PeerAlreadyRated):
        await rate(world.student("ana"), "bo", 90)
    with pytest.raises(InvalidInput):
        await rate(world.student("ana"), "ana")
    with pytest.raises(Forbidden):
        await rate(world.teacher(), "bo")  # staff do not rate collaboration
    with pytest.raises(NotFound):
        await rate(world.student("zed"), "bo")  # a student of another team
    await rate(world.student("cy"), "bo", 60)
    assert len((await handlers.list_peer_ratings(t.id, world.enterprise, uow=uow))[0]) == 2
    assert [r.ratee_ref for r in (await handlers.list_peer_ratings(t.id, world.student("cy"), uow=uow))[0]] == ["bo"]


async def test_metrics_from_the_enterprise_feed_the_platform_score(uow, world, make_project):
    p, t = await team_of(uow, world, make_project, "ana", "bo")
    today = p.starts_on + timedelta(days=40)
    await project_handlers.set_platform_targets(
        p.id,
        project_handlers.SetPlatformTargets(
            {"orders": Target(Decimal(100), "count"), "gmv": Target(Decimal(5000), "MYR")}
        ),
        world.enterprise,
        uow=uow,
    )
    with pytest.raises(Forbidden):
        await handlers.record_metrics(
            t.id, handlers.RecordMetrics([point("orders", 1, "count", today)]), world.school, uow=uow
        )
    with pytest.raises(Forbidden):  # a mentor of the enterprise is not its platform integration
        await handlers.record_metrics(
            t.id, handlers.RecordMetrics([point("orders", 1, "count", today)]), world.host(), uow=uow
        )
    integration = Principal(
        sub="shop-sync", org=world.enterprise.org, org_kind="enterprise", roles=frozenset({"integration"})
    )
    await handlers.record_metrics(
        t.id,
        handlers.RecordMetrics([point("orders", 60, "count", today), point("gmv", "2500.50", "MYR", today)]),
        integration,
        uow=uow,
    )
    with pytest.raises(InvalidInput):  # the team's gmv is in MYR
        await handlers.record_metrics(
            t.id, handlers.RecordMetrics([point("gmv", 1, "USD", today + timedelta(days=31))]), integration, uow=uow
        )
    # The same period again replaces its value (a correction).
    await handlers.record_metrics(
        t.id, handlers.RecordMetrics([point("orders", 80, "count", today)]), world.enterprise, uow=uow
    )
    series, _ = await handlers.list_metrics(t.id, world.school, uow=uow)
    assert [(d.metric, d.value, d.recorded_by) for d in series] == [
        ("gmv", Decimal("2500.5000"), "shop-sync"),
        ("orders", Decimal("80.0000"), world.enterprise.sub),
    ]
    scores = await handlers.team_scorecards(t.id, world.enterprise, uow=uow)
    assert scores.platform.score == Decimal("65.01")  # (80/100 + 2500.5/5000) / 2 × 100
    assert all(c.parts[2].score == Decimal("65.01") for c in scores.cards)


async def test_scorecards_revocation_completion_and_credits(uow, world, make_project, mentors):
    p, t = await team_of(uow, world, make_project, "ana", "bo", pass_mark=Decimal(60), credits=Decimal("2.5"))
    await project_handlers.set_platform_targets(
        p.id, project_handlers.SetPlatformTargets({"orders": Target(Decimal(100), "count")}), world.enterprise, uow=uow
    )
    teacher, host = world.teacher(), world.host()
    mentors.make(teacher, t.id)
    mentors.make(host, t.id)
    for student, (tb, hb, tp, hp) in {"ana": (40, 50, 90, 90), "bo": (40, 40, 30, 30)}.items():
        await evaluate(
            uow,
            mentors,
            t.id,
            teacher,
            student,
            {"process": Decimal(tb), "knowledge": Decimal(tb)},
            Assessment.BASELINE,
        )
        await evaluate(
            uow, mentors, t.id, host, student, {"skills": Decimal(hb), "qualities": Decimal(hb)}, Assessment.BASELINE
        )
        await evaluate(uow, mentors, t.id, teacher, student, {"process": Decimal(tp), "knowledge": Decimal(tp)})
        await evaluate(uow, mentors, t.id, host, student, {"skills": Decimal(hp), "qualities": Decimal(hp)})
    stage = p.stage_keys()[0]
    await handlers.rate_peer(t.id, handlers.RatePeer(stage, "bo", Decimal(50)), world.student("ana"), uow=uow)
    await handlers.rate_peer(t.id, handlers.RatePeer(stage, "ana", Decimal(100)), world.student("bo"), uow=uow)
    with pytest.raises(InvalidInput):
        await handlers.record_metrics(
            t.id, handlers.RecordMetrics([point("orders", 80, "pieces", p.ends_on)]), world.enterprise, uow=uow
        )
    await handlers.record_metrics(
        t.id, handlers.RecordMetrics([point("orders", 80, "count", p.ends_on)]), world.enterprise, uow=uow
    )

    scores = await handlers.team_scorecards(t.id, world.school, uow=uow)
    ana = next(c for c in scores.cards if c.student_ref == "ana")
    # 0.3×90 + 0.3×90 + 0.2×80 + 0.2×100 = 90
    assert (ana.weighted_total, ana.complete, ana.passes) == (Decimal("90.00"), True, True)
    assert (ana.value_added.baseline, ana.value_added.latest, ana.value_added.absolute) == (
        Decimal("45.00"),
        Decimal("90.00"),
        Decimal("45.00"),
    )
    assert ana.value_added.relative == Decimal("1.0000")
    # A student sees their own scorecard only; the enterprise sees its project's teams.
    own = await handlers.team_scorecards(t.id, world.student("bo"), uow=uow)
    assert [c.student_ref for c in own.cards] == ["bo"]
    with pytest.raises(NotFound):
        await handlers.student_scorecard(t.id, "ana", world.student("bo"), uow=uow)
    assert (await handlers.student_scorecard(t.id, "bo", world.enterprise, uow=uow))[1].weighted_total == Decimal(
        "44.00"
    )

    # Revoked: the school loses the project and its material, keeps its team's records; the team is frozen.
    await project_handlers.add_material(
        p.id,
        project_handlers.AddMaterial("Orders", MaterialKind.DATASET, "https://data.example/o.csv"),
        world.enterprise,
        uow=uow,
    )
    await project_handlers.revoke_school(p.id, world.school.org, world.enterprise, uow=uow)
    for read in (project_handlers.get_project, project_handlers.list_material):
        with pytest.raises(NotFound):
            await read(p.id, world.school, uow=uow)
    assert (await handlers.student_scorecard(t.id, "ana", world.school, uow=uow))[1].weighted_total == Decimal("90.00")
    assert [x.id for x in (await team_handlers.list_teams(world.school, uow=uow, project_id=p.id))[0]] == [t.id]
    with pytest.raises(AccessRevoked):
        await handlers.rate_peer(
            t.id, handlers.RatePeer(p.stage_keys()[1], "bo", Decimal(50)), world.student("ana"), uow=uow
        )

    with pytest.raises(StagesNotAccepted):  # the team's stages are not all accepted: only explicitly
        await credit_handlers.complete_project(p.id, credit_handlers.CompleteProject(), world.enterprise, uow=uow)
    done = await credit_handlers.complete_project(
        p.id,
        credit_handlers.CompleteProject(force=True, reason="the season ended before the last stages"),
        world.enterprise,
        uow=uow,
    )
    assert done.project.completion_forced and done.project.completion_reason.startswith("the season")
    assert [c.student_ref for c in done.credits] == ["ana"]  # bo: 0.3×30 + 0.3×30 + 0.2×80 + 0.2×50 = 44 < 60
    credit = done.credits[0]
    assert (credit.credits, credit.score, credit.school_org) == (Decimal("2.5"), Decimal("90.00"), world.school.org)
    listed, _ = await credit_handlers.list_credits(world.school, uow=uow)
    assert [c.student_ref for c in listed] == ["ana"]  # still the school's after the revocation
    assert await credit_handlers.list_credits(world.other("school"), uow=uow) == ([], None)
    assert [c.student_ref for c in (await credit_handlers.list_credits(world.student("ana"), uow=uow))[0]] == ["ana"]
    assert (await credit_handlers.list_credits(world.student("bo"), uow=uow))[0] == []
    assert [c.student_ref for c in (await credit_handlers.list_credits(world.enterprise, uow=uow))[0]] == ["ana"]
    # The credit feed (updated_since) shows each viewer the same records, once.
    for who, refs in (
        (world.school, ["ana"]),
        (world.student("ana"), ["ana"]),
        (world.student("bo"), []),
        (world.enterprise, ["ana"]),
        (world.other("school"), []),
    ):

        async def fed_in_full(who=who, refs=refs):
            # A feed shows a change once every transaction of the cluster older than it has ended
            # (praxis_common.feeds): the stack's background transactions on this server may hold it back a moment.
            page = await credit_handlers.credit_changes(who, "0", uow=uow)
            return page if [c.student_ref for c in page.items] == refs and not page.has_more else None

        fed = await eventually(fed_in_full, timeout=10, what=f"the credit feed of {who.org}")
        assert (await credit_handlers.credit_changes(who, fed.next_cursor, uow=uow)).items == []
    csv = credit_handlers.credits_csv(await credit_handlers.export_credits(world.school, uow=uow))
    assert (
        csv.splitlines()[0]
        == "student_ref,school_org,project_id,project_title,enterprise_org,team_id,credits,score,awarded_on"
    )
    assert csv.splitlines()[1].startswith(f"ana,{world.school.org},{p.id},Lazada ceramics store,")
    with pytest.raises(Conflict):
        await credit_handlers.complete_project(p.id, credit_handlers.CompleteProject(), world.enterprise, uow=uow)
    with pytest.raises(Conflict):  # nothing is added to a completed project's teams
        await evaluate(uow, mentors, t.id, teacher, "ana", TEACHER_SCORES)
    async with uow() as u:
        subjects = [
            r.subject
            for r in await u.connection.execute(
                text("SELECT subject FROM outbox WHERE aggregate_id IN (:p, :t, :c) ORDER BY position"),
                {"p": str(p.id), "t": str(t.id), "c": str(credit.id)},
            )
        ]
    assert subjects[-3:] == ["t.projects.team.completed", "t.projects.credit.awarded", "t.projects.project.completed"]


async def test_sharing_needs_an_active_partnership_and_revoking_needs_a_share(uow, world, make_project):
    p = await make_project(share=False)
    with pytest.raises(InvalidInput):
        await project_handlers.share_project(p.id, world.other("school").org, world.enterprise, uow=uow)
    with pytest.raises(NotFound):
        await project_handlers.revoke_school(p.id, world.school.org, world.enterprise, uow=uow)
    shared = await project_handlers.share_project(p.id, world.school.org, world.enterprise, uow=uow)
    assert shared.partner and shared.revoked_at is None
    await project_handlers.revoke_school(p.id, world.school.org, world.enterprise, uow=uow)
    again = await project_handlers.share_project(p.id, world.school.org, world.enterprise, uow=uow)
    assert again.revoked_at is None
    assert (await project_handlers.get_project(p.id, world.school, uow=uow)).id == p.id
