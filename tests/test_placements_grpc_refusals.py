"""Bases, positions and placements through gRPC against real processes: bad input, foreign callers and full positions
are refused with the status REST's problem maps to."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from placements_grpc_api import Api, api, refused

from praxis.internships.v1 import internships_pb2 as pb

pytest_plugins = ["placements_grpc_api"]  # the channel fixture


@pytest.mark.parametrize(
    ("method", "make_request", "caller", "field"),
    [
        (
            "CreateBase",
            lambda ids: pb.CreateBaseRequest(**{**ids["base"], "tier": pb.BASE_TIER_UNSPECIFIED}),
            "e",
            "tier",
        ),
        ("CreateBase", lambda ids: pb.CreateBaseRequest(**{**ids["base"], "country": "my"}), "e", "country"),
        ("CreateBase", lambda ids: pb.CreateBaseRequest(**{**ids["base"], "agreement_id": "x"}), "e", "agreement_id"),
        ("CreateBase", lambda ids: pb.CreateBaseRequest(**{**ids["base"], "name": "a\x00b"}), "e", "name"),
        (
            "CreatePosition",
            lambda ids: pb.CreatePositionRequest(**{**ids["position"], "duties": [pb.Duty(name="listings")]}),
            "e",
            "duties.0.kind",
        ),
        ("CreatePosition", lambda ids: pb.CreatePositionRequest(**{**ids["position"], "duties": []}), "e", "duties"),
        (
            "CreatePosition",
            lambda ids: pb.CreatePositionRequest(**{**ids["position"], "starts_on": "2027-13-01"}),
            "e",
            "starts_on",
        ),
        ("CreatePosition", lambda ids: pb.CreatePositionRequest(**{**ids["position"], "seats": 0}), "e", "seats"),
        (
            "CreatePosition",
            lambda ids: pb.CreatePositionRequest(**{**ids["position"], "competencies": ["Not A Tag"]}),
            "e",
            "competencies.0",
        ),
        ("SearchPositions", lambda ids: pb.SearchPositionsRequest(country="cn"), "s", "country"),
        ("SearchPositions", lambda ids: pb.SearchPositionsRequest(starts_from="soon"), "s", "starts_from"),
        ("SearchPositions", lambda ids: pb.SearchPositionsRequest(page_token="not-a-token"), "s", "page_token"),
        ("ListPlacements", lambda ids: pb.ListPlacementsRequest(page_token="%%%"), "s", "page_token"),
        (
            "BookPlacement",
            lambda ids: pb.BookPlacementRequest(position_id=ids["position_id"], student_ref=""),
            "s",
            "student_ref",
        ),
        (
            "BookPlacement",
            lambda ids: pb.BookPlacementRequest(
                position_id=ids["position_id"], student_ref="s1", profile=pb.StudentProfile(languages=["x"])
            ),
            "s",
            "profile.languages.0",
        ),
        (
            "BookPlacement",
            lambda ids: pb.BookPlacementRequest(position_id="nope", student_ref="s1"),
            "s",
            "position_id",
        ),
        ("GetPlacement", lambda ids: pb.GetPlacementRequest(id="nope"), "s", "id"),
        ("PublishPosition", lambda ids: pb.PublishPositionRequest(id=""), "e", "id"),
        ("TerminatePlacement", lambda ids: pb.TerminatePlacementRequest(id="nope", reason="x"), "s", "id"),
        (
            "TerminatePlacement",
            lambda ids: pb.TerminatePlacementRequest(id=ids["position_id"], reason="a\x00"),
            "s",
            "reason",
        ),
    ],
)
async def test_bad_input_is_invalid_argument_naming_the_field(stack, channel, method, make_request, caller, field):
    g = api(stack, channel, "school-g-bad", "ent-g-bad")
    ids = await _setup_once(g)
    err = await refused(g.call(method, make_request(ids), g.school if caller == "s" else g.enterprise))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, err.details()
    assert field in err.details(), err.details()


_SETUP: dict = {}


async def _setup_once(g: Api) -> dict:
    """One agreement, base and position for the whole parametrised test (the stack is module-scoped)."""
    if not _SETUP:
        agreement_id = await g.active_agreement("school-g-bad", "ent-g-bad")
        base_fields = {
            "agreement_id": agreement_id,
            "name": "Hub",
            "tier": pb.BASE_TIER_BASIC,
            "country": "MY",
            "city": "Johor Bahru",
            "capacity": 50,
        }
        base = await g.base(agreement_id)
        position = await g.published_position(base.id, seats=5)
        template = g.position_request(base.id, seats=1)
        _SETUP.update(
            base=base_fields,
            position={name: getattr(template, name) for name in pb.CreatePositionRequest.DESCRIPTOR.fields_by_name},
            position_id=position.id,
        )
    return _SETUP


async def test_a_foreign_school_or_enterprise_gets_not_found(stack, channel):
    g = api(stack, channel, "school-g-own", "ent-g-own")
    base = await g.base(await g.active_agreement("school-g-own", "ent-g-own"))
    position = await g.published_position(base.id, seats=3)
    placement = await g.book(position.id, "stu-own")

    school = g.meta("school-g-stranger", "school", "admin")
    enterprise = g.meta("ent-g-stranger", "enterprise", "hr")
    for method, request, caller in [
        ("GetPosition", pb.GetPositionRequest(id=position.id), school),
        ("BookPlacement", pb.BookPlacementRequest(position_id=position.id, student_ref="stu-x"), school),
        ("GetPlacement", pb.GetPlacementRequest(id=placement.id), school),
        ("WithdrawPlacement", pb.WithdrawPlacementRequest(id=placement.id), school),
        ("GetBase", pb.GetBaseRequest(id=base.id), school),
        ("GetPosition", pb.GetPositionRequest(id=position.id), enterprise),
        ("PublishPosition", pb.PublishPositionRequest(id=position.id), enterprise),
        ("ClosePosition", pb.ClosePositionRequest(id=position.id), enterprise),
        ("GetPlacement", pb.GetPlacementRequest(id=placement.id), enterprise),
        ("ConfirmPlacement", pb.ConfirmPlacementRequest(id=placement.id), enterprise),
        ("CreatePosition", g.position_request(base.id, seats=1), enterprise),
    ]:
        err = await refused(g.call(method, request, caller))
        assert err.code() == grpc.StatusCode.NOT_FOUND, (method, err.code(), err.details())
    for caller in (school, enterprise):
        assert list((await g.call("ListPlacements", pb.ListPlacementsRequest(), caller)).placements) == []
        assert list((await g.call("SearchPositions", pb.SearchPositionsRequest(), caller)).positions) == []
        assert list((await g.call("ListBases", pb.ListBasesRequest(), caller)).bases) == []


async def test_exhausted_seats_are_failed_precondition_even_under_concurrency(stack, channel):
    g = api(stack, channel, "school-g-full", "ent-g-full")
    base = await g.base(await g.active_agreement("school-g-full", "ent-g-full", quota=100))
    position = await g.published_position(base.id, seats=3)
    results = await asyncio.gather(*(g.book(position.id, f"stu-{i}") for i in range(20)), return_exceptions=True)
    booked = [r for r in results if isinstance(r, pb.Placement)]
    errors = [r for r in results if isinstance(r, grpc.aio.AioRpcError)]
    assert (len(booked), len(errors)) == (3, 17), results
    assert {e.code() for e in errors} == {grpc.StatusCode.FAILED_PRECONDITION}
    assert all("seats" in e.details() for e in errors)
    after = (await g.call("GetPosition", pb.GetPositionRequest(id=position.id), g.enterprise)).position
    assert (after.seats_taken, after.open_seats) == (3, 0)
    late = await refused(g.book(position.id, "stu-late"))
    assert late.code() == grpc.StatusCode.FAILED_PRECONDITION
