"""The partnership read model against a real PostgreSQL: applied once per state, in any order, and read by party."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from google.protobuf import json_format
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

import praxis_partnerships as partnerships
from praxis.events.v1 import agreements_pb2
from praxis_common.auth import Principal
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory

SCHOOL = Principal(sub="s", org="school-a", org_kind="school", roles=frozenset({"admin"}))
ENTERPRISE = Principal(sub="e", org="ent-a", org_kind="enterprise", roles=frozenset({"hr"}))
PLATFORM = Principal(sub="p", org="praxis", org_kind="platform", roles=frozenset({"operator"}))


@pytest.fixture
async def engine(database_factory) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_factory("partnerships"))
    async with engine.begin() as conn:
        await conn.run_sync(partnerships.metadata.create_all)
    yield engine
    await engine.dispose()


def received(type_: str, message) -> ReceivedEvent:
    data = json_format.MessageToJson(message).encode()
    return ReceivedEvent(id=f"{type_}:{message.agreement_id}", type=type_, source="s", subject="", time="", data=data)


def activated(agreement_id: str, school: str = "school-a", enterprise: str = "ent-a") -> ReceivedEvent:
    return received(
        partnerships.ACTIVATED,
        agreements_pb2.AgreementActivated(
            agreement_id=agreement_id,
            school_org=school,
            enterprise_org=enterprise,
            valid_from="2026-09-01",
            valid_to="2027-06-30",
            intern_quota=5,
            activated_at="2026-09-01T00:00:00Z",
        ),
    )


def ended(agreement_id: str, school: str = "school-a", enterprise: str = "ent-a") -> ReceivedEvent:
    return received(
        partnerships.ENDED,
        agreements_pb2.AgreementEnded(
            agreement_id=agreement_id,
            school_org=school,
            enterprise_org=enterprise,
            reason=agreements_pb2.AGREEMENT_END_REASON_TERMINATED,
            ended_at="2026-10-01T00:00:00Z",
        ),
    )


async def apply(engine: AsyncEngine, *events: ReceivedEvent) -> None:
    uow = UnitOfWorkFactory(engine, event_prefix="test")
    for event in events:
        await partnerships.apply_agreement_event(event, uow)


async def of(engine: AsyncEngine, principal: Principal, **kwargs) -> list[partnerships.Partnership]:
    async with engine.connect() as conn:
        return await partnerships.partnerships_of(conn, principal, **kwargs)


async def test_ended_is_terminal_whatever_the_order(engine):
    await apply(engine, activated("ag-1"), ended("ag-1"), activated("ag-1"))  # a late redelivery changes nothing
    await apply(engine, ended("ag-2"), activated("ag-2"))  # out of order
    assert await of(engine, SCHOOL) == []
    found = await of(engine, SCHOOL, include_ended=True)
    assert [(p.agreement_id, p.active, p.end_reason) for p in found] == [
        ("ag-1", False, "terminated"),
        ("ag-2", False, "terminated"),
    ]
    assert found[0].intern_quota == 5  # what activated said is kept when it ends


async def test_each_party_sees_its_own_partnerships_only(engine):
    await apply(engine, activated("ag-1"), activated("ag-2", school="school-b"), activated("ag-3", enterprise="ent-b"))
    assert [p.agreement_id for p in await of(engine, SCHOOL)] == ["ag-1", "ag-3"]
    assert [p.agreement_id for p in await of(engine, ENTERPRISE)] == ["ag-1", "ag-2"]
    assert await of(engine, PLATFORM) == []


async def test_the_list_pages_by_agreement_id(engine):
    await apply(engine, *(activated(f"ag-{n}") for n in range(3)))
    first, token = await partnerships.list_for(engine, SCHOOL, include_ended=False, page_size=2)
    rest, last = await partnerships.list_for(engine, SCHOOL, include_ended=False, page_size=2, page_token=token)
    assert [p.agreement_id for p in first + rest] == ["ag-0", "ag-1", "ag-2"]
    assert last is None
