"""Project teams on a real PostgreSQL: a team.formed event opens ONE pair of mentors for the team, each member is
mentored by it (IsMentorOf answers per member, also for "the caller"), completion or dissolution closes it, and
redelivery or an overtaking end opens nothing."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from sqlalchemy import func, select

from mentors.adapters.orm import assignment
from mentors.adapters.unit_of_work import MentorsUnit
from mentors.consumers.teams import DURABLE, command_of, subscription
from mentors.domain.assignments import ContextKind
from mentors.domain.mentors import DualQualificationRule
from mentors.handlers import assignments as handlers
from mentors.handlers import mentors as mentor_handlers
from praxis.events.v1 import projects_pb2
from praxis_common.auth import Principal
from praxis_common.errors import InvalidInput
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory, joining

PREFIX = "t"
RULE = DualQualificationRule()
MEMBERS = ("stu-a", "stu-b", "stu-c")


def team_event(kind: str, team_id: str, school: str, enterprise: str, members=MEMBERS) -> IntegrationEvent:
    return IntegrationEvent(
        source="projects",
        topic=f"projects.team.{kind}",
        aggregate_type="team",
        aggregate_id=team_id,
        payload=projects_pb2.TeamChanged(
            team_id=team_id,
            project_id=str(uuid.uuid4()),
            school_org=school,
            enterprise_org=enterprise,
            name="Team Lazada",
            members=list(members),
            competencies=["Platform-Operation"],
            status=kind,
        ),
    )


def received(event: IntegrationEvent) -> ReceivedEvent:
    return ReceivedEvent.from_message(event.headers(), event.outbox_row(PREFIX)["payload"])


@pytest.fixture
def deliver(engine):

    async def deliver(event: IntegrationEvent) -> bool:
        r = received(event)
        async with UnitOfWorkFactory(engine, event_prefix=PREFIX, unit=MentorsUnit)() as u:
            if not await u.claim_event(DURABLE, r.id, r.type):
                return False
            await subscription().handler(r, joining(u))
            await u.commit()
        return True

    return deliver


@pytest.fixture
def orgs():
    tag = uuid.uuid4().hex[:8]
    return (
        Principal(sub="s-admin", org=f"s-{tag}", org_kind="school", roles=frozenset({"admin"})),
        Principal(sub="e-hr", org=f"e-{tag}", org_kind="enterprise", roles=frozenset({"hr"})),
    )


async def add_mentor(uow, manager: Principal, name: str, capacity: int, account: str | None = None) -> uuid.UUID:
    details = await mentor_handlers.create_mentor(
        mentor_handlers.CreateMentor(kind=manager.org_kind, display_name=name, capacity=capacity, account=account),
        manager,
        uow=uow,
        rule=RULE,
    )
    return details.mentor.id


async def test_a_formed_team_gets_one_pair_that_mentors_every_member(uow, deliver, orgs):
    school, enterprise = orgs
    teacher = await add_mentor(uow, school, "Teacher", 2, account="t-1")
    host = await add_mentor(uow, enterprise, "Host", 2, account="m-1")
    team = str(uuid.uuid4())
    assert await deliver(team_event("formed", team, school.org, enterprise.org))
    async with uow() as u:
        rows = (await u.connection.execute(select(assignment).where(assignment.c.context_id == team))).all()
    assert {(r.side, r.mentor_id, r.status, r.student_ref) for r in rows} == {
        ("school", teacher, "active", f"team:{team}"),
        ("enterprise", host, "active", f"team:{team}"),
    }
    for student in MEMBERS:
        views = await handlers.student_mentors(student, school, uow=uow)
        assert {v.assignment.side.value for v in views} == {"school", "enterprise"}
        assert views[0].members == list(MEMBERS) and views[0].assignment.context_kind is ContextKind.PROJECT
        found = await handlers.is_mentor_of(teacher, student, school, uow=uow, context=(ContextKind.PROJECT, team))
        assert found is not None and found.assignment.side.value == "school"
    assert await handlers.is_mentor_of(teacher, "stu-z", school, uow=uow, context=(ContextKind.PROJECT, team)) is None
    # The team counts once against each mentor's capacity.
    assert (await mentor_handlers.get_mentor(teacher, school, uow=uow, rule=RULE)).mentor.load == 1


async def test_is_mentor_of_the_caller_binds_the_token_to_the_mentor_record(uow, deliver, orgs):
    school, enterprise = orgs
    await add_mentor(uow, school, "Teacher", 2, account="t-me")
    await add_mentor(uow, enterprise, "Host", 2, account="m-me")
    team = str(uuid.uuid4())
    await deliver(team_event("formed", team, school.org, enterprise.org))
    context = (ContextKind.PROJECT, team)

    def caller(org: Principal, sub: str, role: str) -> Principal:
        return Principal(sub=sub, org=org.org, org_kind=org.org_kind, roles=frozenset({role}))

    as_teacher = await handlers.is_mentor_of(None, "stu-b", caller(school, "t-me", "teacher"), uow=uow, context=context)
    assert as_teacher is not None and as_teacher.assignment.side.value == "school"
    as_host = await handlers.is_mentor_of(None, "stu-b", caller(enterprise, "m-me", "mentor"), uow=uow, context=context)
    assert as_host is not None and as_host.assignment.side.value == "enterprise"
    # A colleague without a mentor record, or with another account, is nobody's mentor here.
    assert (
        await handlers.is_mentor_of(None, "stu-b", caller(school, "t-other", "teacher"), uow=uow, context=context)
        is None
    )
    assert (
        await handlers.is_mentor_of(None, "stu-b", caller(school, "s-admin", "admin"), uow=uow, context=context) is None
    )
    service = Principal(sub="projects", org="platform", org_kind="platform", roles=frozenset({"service"}))
    with pytest.raises(InvalidInput):
        await handlers.is_mentor_of(None, "stu-b", service, uow=uow, context=context)


@pytest.mark.parametrize("kind", ["completed", "dissolved"])
async def test_completion_or_dissolution_closes_the_team_mentoring(uow, deliver, orgs, kind):
    school, enterprise = orgs
    teacher = await add_mentor(uow, school, "Teacher", 1)
    await add_mentor(uow, enterprise, "Host", 1)
    team = str(uuid.uuid4())
    await deliver(team_event("formed", team, school.org, enterprise.org))
    assert await deliver(team_event(kind, team, school.org, enterprise.org))
    assert await handlers.student_mentors("stu-a", school, uow=uow) == []
    ended = await handlers.student_mentors("stu-a", school, uow=uow, include_ended=True)
    assert {(v.assignment.status.value, v.assignment.end_reason) for v in ended} == {("ended", kind)}
    assert (await mentor_handlers.get_mentor(teacher, school, uow=uow, rule=RULE)).mentor.load == 0


async def test_redelivery_replay_and_an_overtaking_end_open_nothing(uow, deliver, orgs):
    school, enterprise = orgs
    await add_mentor(uow, school, "Teacher", 5)
    await add_mentor(uow, enterprise, "Host", 5)
    team, late = str(uuid.uuid4()), str(uuid.uuid4())
    formed = team_event("formed", team, school.org, enterprise.org)
    assert await deliver(formed)
    assert not await deliver(formed)  # the inbox has it
    assert await deliver(dataclasses.replace(formed, id=uuid.uuid4()))  # replayed: opens nothing
    await deliver(team_event("dissolved", late, school.org, enterprise.org))
    await deliver(team_event("formed", late, school.org, enterprise.org))
    async with uow() as u:
        counts = dict(
            (
                await u.connection.execute(
                    select(assignment.c.context_id, func.count())
                    .where(assignment.c.context_id.in_([team, late]))
                    .group_by(assignment.c.context_id)
                )
            ).all()
        )
    assert counts == {team: 2}


def test_a_team_event_that_can_never_apply_is_refused():
    empty = team_event("formed", str(uuid.uuid4()), "s", "e", members=())
    with pytest.raises(InvalidInput):
        command_of(received(empty), now=None)
    long_org = team_event("formed", str(uuid.uuid4()), "s" * 65, "e")
    with pytest.raises(InvalidInput):
        command_of(received(long_org), now=None)
    other = IntegrationEvent(
        source="projects",
        topic="projects.project.published",
        aggregate_type="project",
        aggregate_id="p",
        payload=projects_pb2.ProjectPublished(project_id="p"),
    )
    assert command_of(received(other), now=None) is None
