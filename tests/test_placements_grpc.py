"""Bases, positions and placements through gRPC against real processes: the same use cases as REST."""

from __future__ import annotations

import grpc
import httpx
from course_start import ready_to_start_grpc
from placements_grpc_api import api, refused

from praxis.internships.v1 import internships_pb2 as pb

pytest_plugins = ["placements_grpc_api"]  # the channel fixture


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
    old_way = await refused(g.call("RecordConsent", pb.RecordConsentRequest(id=booked.id, student=True), g.school))
    assert old_way.code() == grpc.StatusCode.INVALID_ARGUMENT and "document" in old_way.details()
    await ready_to_start_grpc(channel, stack, booked.id, "school-g-life", "ent-g-life")
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
    await ready_to_start_grpc(channel, stack, third.id, "school-g-tr", "ent-g-tr")
    await g.call("StartPlacement", pb.StartPlacementRequest(id=third.id), g.enterprise)
    no_reason = await refused(g.call("TerminatePlacement", pb.TerminatePlacementRequest(id=third.id), g.school))
    assert no_reason.code() == grpc.StatusCode.INVALID_ARGUMENT and "reason" in no_reason.details()  # as REST's 422
    ended = await g.call("TerminatePlacement", pb.TerminatePlacementRequest(id=third.id, reason="moved city"), g.school)
    assert ended.placement.status == pb.PLACEMENT_STATUS_TERMINATED and ended.placement.reason == "moved city"
    seats = (await g.call("GetPosition", pb.GetPositionRequest(id=position.id), g.enterprise)).position
    assert (seats.seats_taken, seats.open_seats) == (1, 0)  # a terminated placement still counts
