"""Team and credit feeds (`updated_since`) on a real PostgreSQL: formed teams reach the school, the enterprise (per
project) and each member once; a dissolved team comes again in its new state; another school, a student of
another team and another enterprise never see them; an enterprise names its project."""

from __future__ import annotations

import pytest

from praxis_common.errors import InvalidInput, NotFound
from praxis_dev.testing.stack import eventually
from projects.domain.teams import Member
from projects.handlers import credits as credit_handlers
from projects.handlers import projects as project_handlers
from projects.handlers import teams as handlers


def form(project_id, *refs, name="Team") -> handlers.FormTeam:
    return handlers.FormTeam(project_id, name, [Member(r) for r in refs])


async def settled(read, count: int, what: str):
    """`read()` -> (items, cursor) once it holds `count` items: a change shows once every older transaction of the
    database server has ended (praxis_common.feeds), and the session's services share this server."""

    async def enough():
        got = await read()
        return got if len(got[0]) >= count else None

    return await eventually(enough, timeout=15, what=what)


async def drain(uow, who, cursor="0", **kwargs):
    items = []
    while True:
        got = await handlers.team_changes(who, cursor, uow=uow, page_size=1, **kwargs)
        items += got.items
        cursor = got.next_cursor
        if not got.has_more:
            return items, cursor


async def test_formed_teams_reach_each_viewer_once_and_a_dissolved_one_again(uow, world, make_project):
    p = await make_project(team_capacity=3)
    first = (await handlers.form_team(form(p.id, "ana", "bo"), world.school, uow=uow)).team
    second = (await handlers.form_team(form(p.id, "cy", "di"), world.school, uow=uow)).team

    school_items, school_cursor = await settled(lambda: drain(uow, world.school), 2, "the school's two teams")
    assert [t.id for t in school_items] == [first.id, second.id]
    hr_items, _ = await drain(uow, world.enterprise, project_id=p.id)
    assert [t.id for t in hr_items] == [first.id, second.id]
    assert [t.id for t in (await drain(uow, world.student("cy")))[0]] == [second.id]  # no tombstone of the other

    await handlers.dissolve_team(first.id, handlers.DissolveTeam("two students left"), world.school, uow=uow)
    again, _ = await settled(lambda: drain(uow, world.school, school_cursor), 1, "the dissolved team")
    assert [(t.id, t.status.value) for t in again] == [(first.id, "dissolved")]

    assert (await drain(uow, world.other("school")))[0] == []
    with pytest.raises(NotFound):
        await drain(uow, world.other("enterprise"), project_id=p.id)
    with pytest.raises(InvalidInput) as err:
        await drain(uow, world.enterprise)
    assert err.value.errors[0].field == "project_id"


async def test_a_credit_feed_starts_empty_and_refuses_a_made_up_cursor(uow, world):
    got = await credit_handlers.credit_changes(world.school, "0", uow=uow)
    assert got.items == [] and not got.has_more
    with pytest.raises(InvalidInput) as err:
        await credit_handlers.credit_changes(world.school, got.next_cursor + "x", uow=uow)
    assert err.value.errors[0].field == "updated_since"


async def project_feed(uow, who, cursor="0"):
    got = await project_handlers.project_changes(project_handlers.ListProjects(), cursor, who, uow=uow)
    return got.items, got.next_cursor


async def test_a_shared_project_reaches_the_school_and_a_revoked_share_is_its_tombstone(uow, world, make_project):
    p = await make_project()
    items, cursor = await settled(lambda: project_feed(uow, world.school), 1, "the shared project")
    assert [x.id for x in items] == [p.id]
    assert [x.id for x in (await project_feed(uow, world.enterprise))[0]] == [p.id]
    assert (await project_feed(uow, world.other("school")))[0] == []

    await project_handlers.revoke_school(p.id, world.school.org, world.enterprise, uow=uow)
    gone, cursor = await settled(lambda: project_feed(uow, world.school, cursor), 1, "the revoked share")
    assert [(type(x).__name__, x.id) for x in gone] == [("Tombstone", p.id)]
    assert [x.id for x in (await project_feed(uow, world.enterprise))[0]] == [p.id]  # still its own

    await project_handlers.share_project(p.id, world.school.org, world.enterprise, uow=uow)
    back, _ = await settled(lambda: project_feed(uow, world.school, cursor), 1, "the share again")
    assert [(type(x).__name__, x.id) for x in back] == [("Project", p.id)]
