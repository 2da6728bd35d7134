"""The read model of who mentors a placement, applied from mentors' events on a real, migrated PostgreSQL:
idempotent, tolerant of late and replayed events, and refusing payloads that can never apply."""

from __future__ import annotations

import uuid

import pytest
from google.protobuf import json_format
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.consumers.mentoring import apply_mentors_event
from internships.main import MIGRATIONS
from praxis.events.v1 import mentors_pb2
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory

PLACEMENT = uuid.uuid4()
ASSIGNMENT = str(uuid.uuid4())
ANN, BO = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_mentoring", migrated=MIGRATIONS)
    return url


@pytest.fixture
async def engine(database_url):
    engine = create_async_engine(database_url)
    yield engine
    await engine.dispose()


def event(kind: str, message) -> ReceivedEvent:
    return ReceivedEvent(
        id=str(uuid.uuid4()),
        type=f"praxis.mentors.mentor.{kind}.v1",
        source="mentors",
        subject="",
        time="",
        data=json_format.MessageToJson(message).encode(),
    )


def assignment(context_kind: str = "placement", side: str = "enterprise") -> mentors_pb2.MentoringAssignment:
    return mentors_pb2.MentoringAssignment(
        assignment_id=ASSIGNMENT,
        context_kind=context_kind,
        context_id=str(PLACEMENT),
        side=side,
        org="ent",
        school_org="school",
        enterprise_org="ent",
        student_ref="stu",
    )


def assigned(mentor: str, at: str, account: str, version: int) -> ReceivedEvent:
    return event(
        "assigned",
        mentors_pb2.MentorAssigned(
            assignment=assignment(), mentor_id=mentor, assigned_at=at, mentor_account=account, mentor_version=version
        ),
    )


def units(engine) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)


async def mentor(engine):
    async with units(engine)() as u:
        found = await u.mentoring.mentor_of(PLACEMENT, "enterprise")
    return (str(found.mentor_id), found.account) if found else None


async def apply(engine, *events: ReceivedEvent) -> None:
    for e in events:
        await apply_mentors_event(e, units(engine))


async def test_late_replayed_and_reordered_events_leave_the_latest_assignment_and_account(engine):
    first = assigned(ANN, "2030-03-01T08:00:00+00:00", "ann", 1)
    second = assigned(BO, "2030-03-10T08:00:00+00:00", "bo", 4)
    await apply(engine, second, first, first)  # the reassignment arrived before the first assignment
    assert await mentor(engine) == (BO, "bo")
    renamed = event(
        "updated", mentors_pb2.MentorUpdated(mentor_id=BO, org="ent", kind="enterprise", account="bo-2", version=5)
    )
    await apply(engine, renamed, second)  # a replayed older assignment does not bring the old account back
    assert await mentor(engine) == (BO, "bo-2")
    released = event(
        "released",
        mentors_pb2.MentorReleased(
            assignment=assignment(), mentor_id=BO, reason="completed", ended_at="2030-06-01T08:00:00+00:00"
        ),
    )
    await apply(engine, released, released)
    assert await mentor(engine) == (BO, "bo-2")  # their weeks can still be reviewed after the placement ended
    team = event(
        "assigned", mentors_pb2.MentorAssigned(assignment=assignment("project"), mentor_id=ANN, mentor_account="ann")
    )
    await apply(engine, team)  # a project team's assignment is not internships' business
    assert await mentor(engine) == (BO, "bo-2")


@pytest.mark.parametrize(
    "bad",
    [
        mentors_pb2.MentorAssigned(assignment=assignment(), mentor_id="not-a-uuid"),
        mentors_pb2.MentorAssigned(assignment=assignment(), mentor_id=""),
        mentors_pb2.MentorAssigned(assignment=assignment(side="both"), mentor_id=ANN),
        mentors_pb2.MentorAssigned(assignment=assignment(), mentor_id=ANN, assigned_at="yesterday"),
    ],
)
async def test_a_payload_that_can_never_apply_is_refused_as_poison(engine, bad):
    with pytest.raises(InvalidInput):
        await apply_mentors_event(
            event("assigned", bad), UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
        )


async def test_the_mentors_name_follows_the_latest_version_of_their_record(engine):
    placement, mentor_id = uuid.uuid4(), str(uuid.uuid4())
    a = assignment(side="school")
    a.context_id, a.assignment_id, a.org = str(placement), str(uuid.uuid4()), "school"
    named = event(
        "assigned",
        mentors_pb2.MentorAssigned(
            assignment=a, mentor_id=mentor_id, mentor_account="wang", mentor_version=2, mentor_name="王老师"
        ),
    )
    renamed = event(
        "updated",
        mentors_pb2.MentorUpdated(mentor_id=mentor_id, org="school", kind="school", version=3, display_name="王芳"),
    )
    await apply(engine, named)
    async with units(engine)() as u:
        assert (await u.mentoring.mentor_of(placement, "school")).display_name == "王老师"
    await apply(engine, renamed, named)  # the replayed assignment (version 2) keeps the newer name
    async with units(engine)() as u:
        assert (await u.mentoring.mentor_of(placement, "school")).display_name == "王芳"
