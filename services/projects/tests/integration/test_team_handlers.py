"""Teams and milestones on a real PostgreSQL: capacity under concurrency (N formations for K slots → exactly K),
one current team per student, dissolution freeing the slot, stages in order, reviews by the team's mentors."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import select, text

from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound, Unavailable
from projects.adapters.orm import project, team
from projects.domain.teams import (
    Decision,
    DeliverableKind,
    Member,
    StageLocked,
    TeamsFull,
)
from projects.handlers import teams as handlers


def form(project_id, *refs, name="Team") -> handlers.FormTeam:
    return handlers.FormTeam(project_id, name, [Member(r) for r in refs])


async def outbox(uow, aggregate_id) -> list[str]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(aggregate_id)}
        )
        return [r.subject for r in rows]


async def test_concurrent_formations_take_exactly_the_capacity(uow, world, make_project):
    slots, attempts = 3, 12
    p = await make_project(team_capacity=slots)
    results = await asyncio.gather(
        *(handlers.form_team(form(p.id, f"s{i}-a", f"s{i}-b"), world.school, uow=uow) for i in range(attempts)),
        return_exceptions=True,
    )
    formed = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(formed) == slots
    assert len(refused) == attempts - slots and all(isinstance(e, TeamsFull) for e in refused), refused
    async with uow() as u:
        assert await u.connection.scalar(select(project.c.teams_formed).where(project.c.id == p.id)) == slots
        rows = await u.connection.execute(select(team.c.id).where(team.c.project_id == p.id))
        assert len(rows.all()) == slots
    for view in formed:
        assert await outbox(uow, view.team.id) == ["t.projects.team.formed"]


async def test_a_student_is_in_one_current_team_of_a_project_even_when_two_form_at_once(uow, world, make_project):
    p = await make_project()
    results = await asyncio.gather(
        handlers.form_team(form(p.id, "ana", "bo"), world.school, uow=uow),
        handlers.form_team(form(p.id, "ana", "cy"), world.school, uow=uow),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["AlreadyInTeam", "TeamView"]
    async with uow() as u:  # the refused formation gave its slot back with the rest of its transaction
        assert await u.connection.scalar(select(project.c.teams_formed).where(project.c.id == p.id)) == 1


async def test_dissolving_frees_the_slot_and_the_students(uow, world, make_project):
    p = await make_project(team_capacity=1)
    first = await handlers.form_team(form(p.id, "ana", "bo"), world.school, uow=uow)
    with pytest.raises(TeamsFull):
        await handlers.form_team(form(p.id, "cy", "di"), world.school, uow=uow)
    with pytest.raises(Forbidden):  # the enterprise sees the team but does not dissolve it
        await handlers.dissolve_team(first.team.id, handlers.DissolveTeam("no"), world.enterprise, uow=uow)
    dissolved = await handlers.dissolve_team(
        first.team.id, handlers.DissolveTeam("two students left"), world.school, uow=uow
    )
    assert dissolved.status.value == "dissolved"
    again = await handlers.form_team(form(p.id, "ana", "cy"), world.school, uow=uow)  # ana is free again
    assert again.team.member_refs == ["ana", "cy"]
    assert await outbox(uow, first.team.id) == ["t.projects.team.formed", "t.projects.team.dissolved"]
    with pytest.raises(Conflict):
        await handlers.dissolve_team(first.team.id, handlers.DissolveTeam("again"), world.school, uow=uow)


@pytest.mark.parametrize(
    ("members", "error"),
    [(["ana"], InvalidInput), (["a", "b", "c", "d", "e"], InvalidInput), (["ana", "ana"], InvalidInput)],
)
async def test_team_size_and_distinct_members(uow, world, make_project, members, error):
    p = await make_project()
    with pytest.raises(error):
        await handlers.form_team(form(p.id, *members), world.school, uow=uow)


async def test_only_a_school_that_sees_the_project_forms_teams_and_only_its_managers(uow, world, make_project):
    p = await make_project(share=False)
    with pytest.raises(NotFound):  # a partner, but the project is not shared with it
        await handlers.form_team(form(p.id, "ana", "bo"), world.school, uow=uow)
    with pytest.raises(Forbidden):  # the owner sees it, but teams are the schools'
        await handlers.form_team(form(p.id, "ana", "bo"), world.enterprise, uow=uow)
    with pytest.raises(NotFound):
        await handlers.form_team(form(p.id, "ana", "bo"), world.other("enterprise", "hr"), uow=uow)
    shared = await make_project()
    with pytest.raises(Forbidden):
        await handlers.form_team(form(shared.id, "ana", "bo"), world.teacher(), uow=uow)


async def submit(uow, team_id, stage, who):
    return await handlers.submit_deliverable(
        team_id,
        handlers.SubmitDeliverable(
            stage, DeliverableKind.PROJECT_REPORT, f"{stage} report", link="https://x.example/r"
        ),
        who,
        uow=uow,
    )


async def review(uow, mentors, team_id, stage, who, decision=Decision.ACCEPTED, comments=""):
    return await handlers.review_stage(
        team_id, handlers.ReviewStage(stage, decision, comments), who, token=who.sub, uow=uow, mentors=mentors
    )


async def test_stages_are_accepted_in_order_by_the_teams_mentors(uow, world, make_project, mentors):
    p = await make_project()
    view = await handlers.form_team(form(p.id, "ana", "bo"), world.school, uow=uow)
    t = view.team
    stages = p.stage_keys()
    with pytest.raises(StageLocked):
        await submit(uow, t.id, stages[1], world.student("ana"))
    with pytest.raises(Forbidden):  # the enterprise does not hand in the team's work
        await submit(uow, t.id, stages[0], world.enterprise)
    with pytest.raises(NotFound):  # a student of another team
        await submit(uow, t.id, stages[0], world.student("zed"))
    await submit(uow, t.id, stages[0], world.student("ana"))
    teacher, host = world.teacher(), world.host()
    with pytest.raises(Forbidden):  # not (yet) the team's mentor
        await review(uow, mentors, t.id, stages[0], teacher)
    mentors.make(teacher, t.id)
    mentors.make(host, t.id)
    returned = await review(uow, mentors, t.id, stages[0], host, Decision.RETURNED, "cite your sources")
    assert (returned.side, returned.mentor_id) == ("enterprise", "mentor-host")
    with pytest.raises(Conflict):  # nothing new was submitted
        await review(uow, mentors, t.id, stages[0], teacher)
    for stage in stages:
        await submit(uow, t.id, stage, world.teacher("other-teacher"))  # the school's staff hand in too
        await review(uow, mentors, t.id, stage, teacher)
    progress = await handlers.progress(t.id, world.enterprise, uow=uow)
    assert progress.milestones.all_accepted
    assert [r.decision.value for r in progress.reviews] == ["returned"] + ["accepted"] * len(stages)
    assert len(progress.deliverables) == len(stages) + 1
    subjects = await outbox(uow, t.id)
    assert subjects.count("t.projects.deliverable.submitted") == len(stages) + 1
    assert subjects.count("t.projects.deliverable.reviewed") == len(stages) + 1
    mentors.down = True
    p2 = await make_project()
    other = await handlers.form_team(form(p2.id, "ana", "bo"), world.school, uow=uow)
    await submit(uow, other.team.id, stages[0], world.student("bo"))
    mentors.make(teacher, other.team.id)
    with pytest.raises(Unavailable):
        await review(uow, mentors, other.team.id, stages[0], teacher)
    assert (await handlers.progress(other.team.id, world.school, uow=uow)).reviews == []


async def test_a_deliverable_has_exactly_one_reference(uow, world, make_project):
    p = await make_project()
    view = await handlers.form_team(form(p.id, "ana", "bo"), world.school, uow=uow)
    for link, file_ref in ((None, None), ("https://x.example/a", "upload:42")):
        with pytest.raises(InvalidInput):
            await handlers.submit_deliverable(
                view.team.id,
                handlers.SubmitDeliverable(
                    p.stage_keys()[0], DeliverableKind.PLAN, "Plan", link=link, file_ref=file_ref
                ),
                world.school,
                uow=uow,
            )


async def test_unknown_ids_are_not_found(uow, world, make_project):
    with pytest.raises(NotFound):
        await handlers.get_team(uuid.uuid4(), world.school, uow=uow)
    with pytest.raises(NotFound):
        await handlers.form_team(form(uuid.uuid4(), "a", "b"), world.school, uow=uow)
