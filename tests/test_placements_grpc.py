"""Bases, positions and placements through gRPC against real processes: the same use cases as REST."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import grpc
import httpx
import pytest
from praxis_dev.testing.stack import Stack

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc

TODAY = date.today()


class Api:
    """One channel to the internships service and the bearer metadata of a few callers."""

    def __init__(self, stack: Stack, stub: pb_grpc.InternshipsServiceStub, school: str, enterprise: str) -> None:
        self.stack, self.stub = stack, stub
        self.school = self.meta(school, "school", "admin")
        self.enterprise = self.meta(enterprise, "enterprise", "hr")

    def meta(self, org: str, kind: str, role: str, **extra: str) -> tuple:
        return (("authorization", f"Bearer {self.stack.token(org, kind, role)}"), *extra.items())

    async def call(self, method: str, request, metadata):
        return await getattr(self.stub, method)(request, metadata=metadata, timeout=10)

    async def active_agreement(self, school: str, enterprise: str, quota: int = 50) -> str:
        created = await self.call(
            "CreateAgreement",
            pb.CreateAgreementRequest(
                school_org=school,
                enterprise_org=enterprise,
                valid_from=TODAY.isoformat(),
                valid_to=(TODAY + timedelta(days=365)).isoformat(),
                intern_quota=quota,
            ),
            self.school,
        )
        agreement_id = created.agreement.id
        await self.call("SignAgreement", pb.SignAgreementRequest(id=agreement_id), self.enterprise)
        signed = await self.call("SignAgreement", pb.SignAgreementRequest(id=agreement_id), self.school)
        assert signed.agreement.status == pb.AGREEMENT_STATUS_ACTIVE
        return agreement_id

    async def base(self, agreement_id: str, capacity: int = 100) -> pb.PracticeBase:
        reply = await self.call(
            "CreateBase",
            pb.CreateBaseRequest(
                agreement_id=agreement_id,
                name="Penang fulfilment hub",
                tier=pb.BASE_TIER_SCHOOL,
                country="MY",
                city="George Town",
                capacity=capacity,
                staff=10_000,
            ),
            self.enterprise,
        )
        return reply.base

    def position_request(self, base_id: str, seats: int, **overrides) -> pb.CreatePositionRequest:
        fields = {
            "base_id": base_id,
            "title": "Store operations intern",
            "description": "listings and promotions for the Malaysian storefront",
            "seats": seats,
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + timedelta(days=90)).isoformat(),
            "languages": ["en", "ms"],
            "competencies": ["platform-operation"],
            "duties": [
                pb.Duty(name="listing optimisation", kind=pb.DUTY_KIND_CORE),
                pb.Duty(name="packing", kind=pb.DUTY_KIND_PERIPHERAL),
            ],
            "post_staff": 5_000,
            "monthly_pay": "4000",
            "reference_monthly_wage": "4500",
        }
        return pb.CreatePositionRequest(**{**fields, **overrides})

    async def published_position(self, base_id: str, seats: int) -> pb.Position:
        draft = await self.call("CreatePosition", self.position_request(base_id, seats), self.enterprise)
        published = await self.call("PublishPosition", pb.PublishPositionRequest(id=draft.position.id), self.enterprise)
        return published.position

    async def book(self, position_id: str, student: str, metadata=None) -> pb.Placement:
        reply = await self.call(
            "BookPlacement",
            pb.BookPlacementRequest(position_id=position_id, student_ref=student, birth_date="2004-04-04"),
            metadata or self.school,
        )
        return reply.placement


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


@pytest.fixture
async def channel(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield ch


def api(stack, channel, school: str, enterprise: str) -> Api:
    return Api(stack, pb_grpc.InternshipsServiceStub(channel), school, enterprise)


async def test_base_position_and_placement_lifecycle_over_grpc(stack, channel):
    g = api(stack, channel, "school-g-life", "ent-g-life")
    agreement_id = await g.active_agreement("school-g-life", "ent-g-life")

    base = await g.base(agreement_id)
    assert (base.tier, base.country, base.school_org) == (pb.BASE_TIER_SCHOOL, "MY", "school-g-life")
    seen_by_school = await g.call("GetBase", pb.GetBaseRequest(id=base.id), g.school)
    assert seen_by_school.base == base
    assert base.id in [b.id for b in (await g.call("ListBases", pb.ListBasesRequest(), g.enterprise)).bases]

    draft = (await g.call("CreatePosition", g.position_request(base.id, seats=2), g.enterprise)).position
    assert draft.status == pb.POSITION_STATUS_DRAFT and draft.open_seats == 2 and not draft.published_at
    assert [(d.name, d.kind) for d in draft.duties] == [
        ("listing optimisation", pb.DUTY_KIND_CORE),
        ("packing", pb.DUTY_KIND_PERIPHERAL),
    ]
    hidden = await refused(g.call("GetPosition", pb.GetPositionRequest(id=draft.id), g.school))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND  # schools see published positions only
    published = (await g.call("PublishPosition", pb.PublishPositionRequest(id=draft.id), g.enterprise)).position
    assert published.status == pb.POSITION_STATUS_PUBLISHED and published.published_at

    found = await g.call(
        "SearchPositions",
        pb.SearchPositionsRequest(competencies=["platform-operation"], country="MY", open_seats=True, q="storefront"),
        g.school,
    )
    assert [p.id for p in found.positions] == [draft.id] and not found.next_page_token
    none = await g.call("SearchPositions", pb.SearchPositionsRequest(country="TH"), g.school)
    assert list(none.positions) == []

    booked = (
        await g.call(
            "BookPlacement",
            pb.BookPlacementRequest(
                position_id=draft.id,
                student_ref="2026-ECOM-0001",
                profile=pb.StudentProfile(display_name="Nur Aisyah", languages=["ms", "en"]),
                birth_date="2005-02-02",
            ),
            g.school,
        )
    ).placement
    assert booked.status == pb.PLACEMENT_STATUS_REQUESTED and booked.agreement_id == agreement_id
    assert booked.profile.display_name == "Nur Aisyah" and not booked.profile.HasField("programme")

    confirmed = (await g.call("ConfirmPlacement", pb.ConfirmPlacementRequest(id=booked.id), g.enterprise)).placement
    assert confirmed.status == pb.PLACEMENT_STATUS_CONFIRMED and confirmed.decided_at
    unsigned = await refused(g.call("StartPlacement", pb.StartPlacementRequest(id=booked.id), g.school))
    assert unsigned.code() == grpc.StatusCode.INVALID_ARGUMENT and "student-consent" in unsigned.details()
    consented = await g.call("RecordConsent", pb.RecordConsentRequest(id=booked.id, student=True), g.school)
    assert consented.placement.student_consent_at
    started = (await g.call("StartPlacement", pb.StartPlacementRequest(id=booked.id), g.school)).placement
    assert started.status == pb.PLACEMENT_STATUS_ACTIVE and started.started_at
    early = await refused(g.call("CompletePlacement", pb.CompletePlacementRequest(id=booked.id), g.enterprise))
    assert early.code() == grpc.StatusCode.FAILED_PRECONDITION and "force" in early.details()  # ends in months
    no_reason = await refused(
        g.call("CompletePlacement", pb.CompletePlacementRequest(id=booked.id, force=True), g.enterprise)
    )
    assert no_reason.code() == grpc.StatusCode.INVALID_ARGUMENT and "reason" in no_reason.details()
    done = (
        await g.call(
            "CompletePlacement",
            pb.CompletePlacementRequest(id=booked.id, force=True, reason="the shop closed"),
            g.enterprise,
        )
    ).placement
    assert done.status == pb.PLACEMENT_STATUS_COMPLETED and done.ended_at
    assert (done.forced, done.reason) == (True, "the shop closed")

    assert (await g.call("GetPlacement", pb.GetPlacementRequest(id=booked.id), g.enterprise)).placement == done
    listed = await g.call("ListPlacements", pb.ListPlacementsRequest(status=pb.PLACEMENT_STATUS_COMPLETED), g.school)
    assert [p.id for p in listed.placements] == [booked.id]
    closed = (await g.call("ClosePosition", pb.ClosePositionRequest(id=draft.id), g.enterprise)).position
    assert closed.status == pb.POSITION_STATUS_CLOSED and closed.seats_taken == 1

    # The same rows through REST: one set of use cases behind both edges.
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        rest = await client.get(f"/v1/placements/{booked.id}", headers=stack.auth("ent-g-life", "enterprise", "hr"))
    assert rest.json()["status"] == "completed"
    assert rest.json()["profile"] == {"display_name": "Nur Aisyah", "languages": ["ms", "en"], "competencies": []}


async def test_other_transitions_reasons_and_sides(stack, channel):
    g = api(stack, channel, "school-g-tr", "ent-g-tr")
    base = await g.base(await g.active_agreement("school-g-tr", "ent-g-tr"))
    position = await g.published_position(base.id, seats=1)

    first = await g.book(position.id, "stu-1")
    wrong_side = await refused(g.call("ConfirmPlacement", pb.ConfirmPlacementRequest(id=first.id), g.school))
    assert wrong_side.code() == grpc.StatusCode.PERMISSION_DENIED
    rejected = await g.call(
        "RejectPlacement", pb.RejectPlacementRequest(id=first.id, reason="not this term"), g.enterprise
    )
    assert rejected.placement.status == pb.PLACEMENT_STATUS_REJECTED
    assert rejected.placement.reason == "not this term"

    second = await g.book(position.id, "stu-2")  # the rejection gave the seat back
    withdrawn = await g.call("WithdrawPlacement", pb.WithdrawPlacementRequest(id=second.id), g.school)
    assert withdrawn.placement.status == pb.PLACEMENT_STATUS_WITHDRAWN and not withdrawn.placement.reason

    third = await g.book(position.id, "stu-3")
    await g.call("ConfirmPlacement", pb.ConfirmPlacementRequest(id=third.id), g.enterprise)
    early = await refused(g.call("CompletePlacement", pb.CompletePlacementRequest(id=third.id), g.school))
    assert early.code() == grpc.StatusCode.FAILED_PRECONDITION and "confirmed" in early.details()
    await g.call("RecordConsent", pb.RecordConsentRequest(id=third.id, student=True), g.school)
    await g.call("StartPlacement", pb.StartPlacementRequest(id=third.id), g.enterprise)
    no_reason = await refused(g.call("TerminatePlacement", pb.TerminatePlacementRequest(id=third.id), g.school))
    assert no_reason.code() == grpc.StatusCode.INVALID_ARGUMENT and "reason" in no_reason.details()  # as REST's 422
    ended = await g.call("TerminatePlacement", pb.TerminatePlacementRequest(id=third.id, reason="moved city"), g.school)
    assert ended.placement.status == pb.PLACEMENT_STATUS_TERMINATED and ended.placement.reason == "moved city"
    seats = (await g.call("GetPosition", pb.GetPositionRequest(id=position.id), g.enterprise)).position
    assert (seats.seats_taken, seats.open_seats) == (1, 0)  # a terminated placement still counts


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


async def test_an_idempotency_key_replays_the_same_placement(stack, channel):
    g = api(stack, channel, "school-g-idem", "ent-g-idem")
    base = await g.base(await g.active_agreement("school-g-idem", "ent-g-idem"))
    position = await g.published_position(base.id, seats=5)
    keyed = g.meta("school-g-idem", "school", "admin", **{"idempotency-key": "book-stu-1"})
    request = pb.BookPlacementRequest(
        position_id=position.id, student_ref="stu-1", profile=pb.StudentProfile(programme="E-commerce")
    )

    first = await g.call("BookPlacement", request, keyed)
    call = g.stub.BookPlacement(request, metadata=keyed, timeout=10)
    again = await call
    assert again == first
    assert ("idempotent-replayed", "true") in tuple(await call.trailing_metadata())
    after = (await g.call("GetPosition", pb.GetPositionRequest(id=position.id), g.enterprise)).position
    assert after.seats_taken == 1  # the replay took no second seat
    listed = await g.call("ListPlacements", pb.ListPlacementsRequest(), g.school)
    assert [p.id for p in listed.placements] == [first.placement.id]

    other_body = pb.BookPlacementRequest(position_id=position.id, student_ref="stu-2")
    reused = await refused(g.call("BookPlacement", other_body, keyed))
    assert reused.code() == grpc.StatusCode.INVALID_ARGUMENT

    # A refusal is remembered under its key too.
    full = await g.published_position(base.id, seats=1)
    await g.book(full.id, "stu-3")
    refusal_key = g.meta("school-g-idem", "school", "admin", **{"idempotency-key": "book-stu-4"})
    no_seat = pb.BookPlacementRequest(position_id=full.id, student_ref="stu-4")
    for _ in range(2):
        err = await refused(g.call("BookPlacement", no_seat, refusal_key))
        assert err.code() == grpc.StatusCode.FAILED_PRECONDITION and "seats" in err.details()
