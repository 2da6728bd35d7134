"""An allocation round through gRPC against real processes: the same use cases as REST, the same errors."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import pytest

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc

TODAY = date.today()
SCHOOL, ENTERPRISE = "sch-round-g", "ent-round-g"


@pytest.fixture
async def stub(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        yield pb_grpc.InternshipsServiceStub(channel)


def meta(stack, org: str, kind: str, role: str) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


async def test_a_round_over_grpc_from_lists_to_placements(stack, internships, stub):
    school, enterprise = meta(stack, SCHOOL, "school", "coordinator"), meta(stack, ENTERPRISE, "enterprise", "hr")
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, quota=10)
        starts = TODAY + timedelta(days=20)
        p1 = (await internships.position(c, ENTERPRISE, agreement, seats=1, starts_on=starts, competencies=["ops"]))[
            "id"
        ]
        p2 = (await internships.position(c, ENTERPRISE, agreement, seats=1, starts_on=starts, competencies=["data"]))[
            "id"
        ]

    async def call(method: str, request, metadata=school):
        return await getattr(stub, method)(request, metadata=metadata, timeout=30)

    created = (
        await call(
            "CreateRound",
            pb.CreateRoundRequest(
                title="Data and operations, autumn",
                seed=11,
                list_limit=2,
                placement_status_on_publish=pb.PLACEMENT_STATUS_CONFIRMED,
                tie_rule="lottery",
            ),
        )
    ).round
    assert created.status == pb.ROUND_STATUS_OPEN and created.seed == 11 and list(created.schools) == [SCHOOL]
    assert created.placement_status_on_publish == pb.PLACEMENT_STATUS_CONFIRMED and created.tie_rule == "lottery"
    unknown_rule = await refused(call("CreateRound", pb.CreateRoundRequest(title="t", tie_rule="coin-toss")))
    assert unknown_rule.code() == grpc.StatusCode.INVALID_ARGUMENT and "tie_rule" in unknown_rule.details()
    rid = created.id
    for pid in (p1, p2):
        added = await call("AddRoundPosition", pb.AddRoundPositionRequest(round_id=rid, position_id=pid))
        assert added.position.position_id == pid and not added.position.HasField("offered_seats")
    students = await call(
        "AddRoundStudents",
        pb.AddRoundStudentsRequest(
            round_id=rid,
            students=[
                pb.RoundStudentEntry(
                    student_ref="g1", profile=pb.StudentProfile(display_name="Ana", competencies=["ops"])
                ),
                pb.RoundStudentEntry(student_ref="g2", profile=pb.StudentProfile(competencies=["ops", "data"])),
                pb.RoundStudentEntry(student_ref="g3", profile=pb.StudentProfile(competencies=["data"])),
            ],
        ),
    )
    assert [s.student_ref for s in students.students] == ["g1", "g2", "g3"]
    for ref, prefs in {"g1": [p1, p2], "g2": [p1, p2], "g3": [p1]}.items():
        set_ = await call("SetPreferences", pb.SetPreferencesRequest(round_id=rid, student_ref=ref, positions=prefs))
        assert list(set_.student.preferences) == prefs
    too_long = await refused(
        call("SetPreferences", pb.SetPreferencesRequest(round_id=rid, student_ref="g3", positions=[p1, p2, p1]))
    )
    assert too_long.code() == grpc.StatusCode.INVALID_ARGUMENT and "at most 2" in too_long.details()

    # p1 is ranked (g3 first, then g1; g2 left out); p2 keeps the default ranking by competency fit.
    ranked = await call(
        "SetRanking",
        pb.SetRankingRequest(
            round_id=rid,
            position_id=p1,
            groups=[
                pb.TieGroup(students=[pb.StudentKey(school_org=SCHOOL, student_ref="g3")]),
                pb.TieGroup(students=[pb.StudentKey(school_org=SCHOOL, student_ref="g1")]),
            ],
        ),
        enterprise,
    )
    assert ranked.position.ranked and [k.student_ref for g in ranked.position.ranking for k in g.students] == [
        "g3",
        "g1",
    ]
    applicants = await call("ListApplicants", pb.ListApplicantsRequest(round_id=rid, position_id=p2), enterprise)
    assert sorted(k.student_ref for k in applicants.applicants) == ["g1", "g2"]

    early = await refused(call("ComputeRound", pb.ComputeRoundRequest(id=rid)))
    assert early.code() == grpc.StatusCode.FAILED_PRECONDITION and "close" in early.details()
    closed = await call("CloseRound", pb.CloseRoundRequest(id=rid))
    assert closed.round.status == pb.ROUND_STATUS_CLOSED
    positions = await call("ListRoundPositions", pb.ListRoundPositionsRequest(round_id=rid))
    assert {p.position_id: (p.offered_seats, p.offered_limit) for p in positions.positions} == {
        p1: (1, "seats"),
        p2: (1, "seats"),
    }
    run = (await call("ComputeRound", pb.ComputeRoundRequest(id=rid))).run
    assert (run.seq, run.students, run.matched, run.seed) == (1, 3, 2, 11)

    result = await call("GetRoundResult", pb.GetRoundResultRequest(id=rid))
    got = {m.student_ref: m for m in result.students}
    # g3 is p1's first choice of the enterprise; g1 and g2 then tie on fit at p2 (g2 shares "data", g1 does not).
    assert {ref: m.position_id for ref, m in got.items()} == {"g1": "", "g2": p2, "g3": p1}
    assert [(r.position_id, r.reason) for r in got["g1"].explanation] == [(p1, "full"), (p2, "full")]
    assert got["g1"].explanation[1].you.shared_tags == 0 and got["g1"].explanation[1].cutoff.shared_tags == 1
    assert [(r.position_id, r.reason) for r in got["g2"].explanation] == [(p1, "not-ranked")]
    assert got["g2"].choice == 2 and got["g3"].choice == 1 and not got["g1"].HasField("choice")
    assert got["g1"].profile.display_name == "Ana"

    again = (await call("ComputeRound", pb.ComputeRoundRequest(id=rid))).run
    assert again.input_hash == run.input_hash and again.seq == 2
    compared = await call("CompareRoundRuns", pb.CompareRoundRunsRequest(id=rid, run_a=run.id, run_b=again.id))
    assert list(compared.moves) == []
    runs = await call("ListRoundRuns", pb.ListRoundRunsRequest(id=rid))
    assert [r.seq for r in runs.runs] == [1, 2]

    published = await call("PublishRound", pb.PublishRoundRequest(id=rid))
    assert published.round.status == pb.ROUND_STATUS_PUBLISHED and published.placements == 2
    assert {x.position_id: x.placements for x in published.by_position} == {p1: 1, p2: 1}
    twice = await refused(call("PublishRound", pb.PublishRoundRequest(id=rid)))
    assert twice.code() == grpc.StatusCode.FAILED_PRECONDITION and "published" in twice.details()

    placements = await call("ListPlacements", pb.ListPlacementsRequest())
    assert sorted((p.student_ref, p.position_id, p.status) for p in placements.placements) == [
        ("g2", p2, pb.PLACEMENT_STATUS_CONFIRMED),
        ("g3", p1, pb.PLACEMENT_STATUS_CONFIRMED),
    ]
    for pid in (p1, p2):
        position = await call("GetPosition", pb.GetPositionRequest(id=pid), enterprise)
        assert position.position.seats_taken == 1
    seen = await call("GetRoundResult", pb.GetRoundResultRequest(id=rid), enterprise)
    assert sorted(m.student_ref for m in seen.students) == ["g2", "g3"] and seen.published
    assert all(len(m.explanation) == 0 for m in seen.students)
    outsider = await refused(
        call("GetRound", pb.GetRoundRequest(id=rid), meta(stack, "sch-round-else", "school", "admin"))
    )
    assert outsider.code() == grpc.StatusCode.NOT_FOUND


async def test_round_students_and_positions_are_listed_and_taken_out_over_grpc(stack, internships, stub):
    """ListRoundStudents, RemoveRoundStudent and RemoveRoundPosition: the REST routes' use cases and refusals."""
    school, enterprise = meta(stack, SCHOOL, "school", "coordinator"), meta(stack, ENTERPRISE, "enterprise", "hr")
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, quota=10)
        starts = TODAY + timedelta(days=20)
        listed, unlisted = [
            (await internships.position(c, ENTERPRISE, agreement, seats=1, starts_on=starts))["id"] for _ in range(2)
        ]

    async def call(method: str, request, metadata=school):
        return await getattr(stub, method)(request, metadata=metadata, timeout=30)

    rid = (await call("CreateRound", pb.CreateRoundRequest(title="Taking things out"))).round.id
    for pid in (listed, unlisted):
        await call("AddRoundPosition", pb.AddRoundPositionRequest(round_id=rid, position_id=pid))
    await call(
        "AddRoundStudents",
        pb.AddRoundStudentsRequest(
            round_id=rid, students=[pb.RoundStudentEntry(student_ref=ref) for ref in ("r1", "r2", "r3")]
        ),
    )
    await call("SetPreferences", pb.SetPreferencesRequest(round_id=rid, student_ref="r1", positions=[listed]))

    students = await call("ListRoundStudents", pb.ListRoundStudentsRequest(round_id=rid))
    assert [(s.student_ref, list(s.preferences)) for s in students.students] == [
        ("r1", [listed]),
        ("r2", []),
        ("r3", []),
    ]
    assert await call("RemoveRoundStudent", pb.RemoveRoundStudentRequest(round_id=rid, student_ref="r2")) == (
        pb.RemoveRoundStudentResponse()
    )
    after = await call("ListRoundStudents", pb.ListRoundStudentsRequest(round_id=rid))
    assert [s.student_ref for s in after.students] == ["r1", "r3"]

    in_a_list = await refused(
        call("RemoveRoundPosition", pb.RemoveRoundPositionRequest(round_id=rid, position_id=listed))
    )
    assert in_a_list.code() == grpc.StatusCode.FAILED_PRECONDITION and "list" in in_a_list.details()
    await call("RemoveRoundPosition", pb.RemoveRoundPositionRequest(round_id=rid, position_id=unlisted))
    positions = await call("ListRoundPositions", pb.ListRoundPositionsRequest(round_id=rid))
    assert [p.position_id for p in positions.positions] == [listed]

    gone = await refused(call("RemoveRoundStudent", pb.RemoveRoundStudentRequest(round_id=rid, student_ref="r2")))
    assert gone.code() == grpc.StatusCode.NOT_FOUND
    bad = await refused(call("RemoveRoundStudent", pb.RemoveRoundStudentRequest(round_id=rid, student_ref="-r2")))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and "student_ref" in bad.details()
    not_a_school = await refused(call("ListRoundStudents", pb.ListRoundStudentsRequest(round_id=rid), enterprise))
    assert not_a_school.code() == grpc.StatusCode.PERMISSION_DENIED
    await call("CloseRound", pb.CloseRoundRequest(id=rid))
    closed = await refused(call("RemoveRoundStudent", pb.RemoveRoundStudentRequest(round_id=rid, student_ref="r3")))
    assert closed.code() == grpc.StatusCode.FAILED_PRECONDITION
