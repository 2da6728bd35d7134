"""What a student learns from an allocation round cannot identify another student, over REST and gRPC.

Three students of one school tie in an enterprise's first group for a position with one seat; the lottery decides.
Signed in as students, the two who lost are told the same thing: the position was full, the last band it admitted
from is the group they were in, and they lost its lottery. No lottery place appears anywhere a student can read,
and no student (nor enterprise) receives the round's seed: with the seed and the students' references every
lottery place, and so whoever was admitted last, could be recomputed. The school's staff keep the seed, for
reproducing and auditing runs."""

from __future__ import annotations

import json
from datetime import date, timedelta

import grpc

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc

TODAY = date.today()
SCHOOL, ENTERPRISE, SEED = "sch-priv", "ent-priv", 424242
STUDENTS = ("stu-p1", "stu-p2", "stu-p3")


def keys_anywhere(document) -> set[str]:
    if isinstance(document, dict):
        return set(document) | {k for v in document.values() for k in keys_anywhere(v)}
    if isinstance(document, list):
        return {k for v in document for k in keys_anywhere(v)}
    return set()


async def test_students_learn_their_band_never_another_students_place(stack, internships, rounds):
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, quota=10)
        position = (await internships.position(c, ENTERPRISE, agreement, seats=1, starts_on=TODAY + timedelta(30)))[
            "id"
        ]
        rid = (await rounds.create(c, SCHOOL, seed=SEED))["id"]
        await rounds.add_positions(c, SCHOOL, rid, position)
        await rounds.add_students(c, SCHOOL, rid, dict.fromkeys(STUDENTS, []))
        for ref in STUDENTS:
            assert (await rounds.prefer(c, SCHOOL, rid, ref, [position])).status_code == 200
        tie = [[(SCHOOL, ref) for ref in STUDENTS]]
        assert (await rounds.rank(c, ENTERPRISE, rid, position, tie)).status_code == 200
        assert (await rounds.act(c, SCHOOL, rid, "close")).status_code == 200
        assert (await rounds.act(c, SCHOOL, rid, "compute")).status_code == 201

        told = {}
        for ref in STUDENTS:
            me = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'student', sub=ref)}"}
            seen = {
                path: (await c.get(path, headers=me)).json()
                for path in (f"/v1/rounds/{rid}", f"/v1/rounds/{rid}/runs", f"/v1/rounds/{rid}/result")
            }
            for path, document in seen.items():
                assert "draw" not in keys_anywhere(document), (ref, path)
                assert str(SEED) not in json.dumps(document), (ref, path)  # no seed, in any field
            result = seen[f"/v1/rounds/{rid}/result"]
            assert result["run"]["seed"] is None and seen[f"/v1/rounds/{rid}"]["seed"] is None
            [mine] = result["items"]
            assert mine["student_ref"] == ref
            told[ref] = mine
        losers = [ref for ref, mine in told.items() if mine["position_id"] is None]
        assert len(losers) == 2
        first, second = (told[ref]["explanation"] for ref in losers)
        assert first == second  # the same words for both: nothing in them is about one of them
        [rejection] = first
        assert rejection["reason"] == "full" and rejection["lost_on_draw"]
        assert rejection["you"] == rejection["cutoff"] == {"group": 1, "shared_tags": None}

        staff = await c.get(f"/v1/rounds/{rid}", headers=rounds.school(SCHOOL))
        assert staff.json()["seed"] == SEED  # the school's staff keep it, to reproduce runs
        assert (await c.get(f"/v1/rounds/{rid}", headers=rounds.enterprise(ENTERPRISE))).json()["seed"] is None

    metadata = (("authorization", f"Bearer {stack.token(SCHOOL, 'school', 'student', sub=losers[0])}"),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.InternshipsServiceStub(channel)
        got = await stub.GetRound(pb.GetRoundRequest(id=rid), metadata=metadata, timeout=10)
        assert not got.round.HasField("seed")
        result = await stub.GetRoundResult(pb.GetRoundResultRequest(id=rid), metadata=metadata, timeout=10)
        assert not result.run.HasField("seed")
        [match] = result.students
        [rejection] = match.explanation
        assert rejection.lost_on_draw and rejection.you == rejection.cutoff
        assert "draw" not in pb.Standing.DESCRIPTOR.fields_by_name
        runs = await stub.ListRoundRuns(pb.ListRoundRunsRequest(id=rid), metadata=metadata, timeout=10)
        assert runs.runs and not any(r.HasField("seed") for r in runs.runs)
