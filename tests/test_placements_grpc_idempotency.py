"""Placements through gRPC against real processes: an idempotency key replays the same placement, or its refusal."""

from __future__ import annotations

import grpc
from placements_grpc_api import api, refused

from praxis.internships.v1 import internships_pb2 as pb

pytest_plugins = ["placements_grpc_api"]  # the channel fixture


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
