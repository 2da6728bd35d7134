"""Fixtures for the mentors use cases on a real, migrated PostgreSQL (one database per test module), and
placement events as internships publishes them, delivered the way the kernel's consumer applies them."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from mentors.adapters.unit_of_work import MentorsUnit
from mentors.consumers.placements import DURABLE, subscription
from mentors.main import MIGRATIONS
from praxis.events.v1 import placements_pb2
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory, joining

PREFIX = "t"
TODAY = date.today()


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("mentors", migrated=MIGRATIONS)
    return url


@pytest.fixture
async def engine(database_url):
    engine = create_async_engine(database_url, pool_size=25, max_overflow=0)
    yield engine
    await engine.dispose()


@pytest.fixture
def uow(engine) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(engine, event_prefix=PREFIX, unit=MentorsUnit)


class Placements:
    """`placements.event("confirmed", "p1", ...)` builds an event; `await placements.deliver(event)` applies it."""

    def __init__(self, engine) -> None:
        self.engine = engine

    @staticmethod
    def event(
        kind: str,
        placement_id: str,
        *,
        school: str = "s1",
        enterprise: str = "e1",
        student: str = "stu-1",
        competencies: tuple[str, ...] = (),
        languages: tuple[str, ...] = (),
        starts_on: date = TODAY,
        event_id: uuid.UUID | None = None,
    ) -> IntegrationEvent:
        return IntegrationEvent(
            source="internships",
            topic=f"internships.placement.{kind}",
            aggregate_type="placement",
            aggregate_id=placement_id,
            payload=placements_pb2.PlacementChanged(
                placement_id=placement_id,
                position_id=str(uuid.uuid4()),
                agreement_id=str(uuid.uuid4()),
                school_org=school,
                enterprise_org=enterprise,
                student_ref=student,
                status=kind,
                starts_on=starts_on.isoformat(),
                ends_on=(starts_on + timedelta(days=90)).isoformat(),
                position_competencies=list(competencies),
                student_languages=list(languages),
            ),
            **({"id": event_id} if event_id else {}),
        )

    async def deliver(self, event: IntegrationEvent) -> bool:
        """What the consumer does with one message: claim the id in the inbox, apply, commit. False if the inbox
        already had it."""
        row = event.outbox_row(PREFIX)
        received = ReceivedEvent.from_message(event.headers(), row["payload"])
        async with UnitOfWorkFactory(self.engine, event_prefix=PREFIX, unit=MentorsUnit)() as u:
            if not await u.claim_event(DURABLE, received.id, received.type):
                return False
            await subscription().handler(received, joining(u))
            await u.commit()
        return True


@pytest.fixture
def placements(engine) -> Placements:
    return Placements(engine)  # a transaction per event, as the kernel's consumer runs it
