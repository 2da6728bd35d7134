"""Recording a mentor's placement score asks the mentors service before any database transaction opens: while a slow
mentors service is still thinking, the internships database holds no open transaction and no advisory lock of that
request (also with an Idempotency-Key); the answer then records the score, a retry is replayed without asking again,
and a refusal is not remembered under the key.

The mentors service here is a real grpc.aio server the test runs (MentorsService.IsMentorOf answers only when the
test lets it), and this module's internships process is pointed at it."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import grpc
import httpx
import pytest
import pytest_asyncio
from evaluation_world import evaluated_placement

from praxis.internships.v1 import evaluation_pb2 as ipb
from praxis.internships.v1 import evaluation_pb2_grpc as ipb_grpc
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_dev.testing.servers import free_port
from praxis_dev.testing.stack import eventually

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),  # the fake mentors server lives in the module's loop
    pytest.mark.destructive,  # its internships process is restarted to ask the fake mentors
]
SCHOOL, ENTERPRISE, STUDENT = "school-evslow", "ent-evslow", "stu-evslow"
TEACHER, ANN = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann"
MENTOR_ID = str(uuid.uuid4())
SCORES = {"professional_knowledge": 80, "learning_attitude": 70}


class SlowMentors(pb_grpc.MentorsServiceServicer):
    """Answers IsMentorOf "yes, the school-side mentor" once the test releases it; counts the questions."""

    def __init__(self) -> None:
        self.asked = 0
        self.waiting = asyncio.Event()
        self.release = asyncio.Event()

    async def IsMentorOf(self, request, context):
        assert request.context_kind == pb.CONTEXT_KIND_PLACEMENT and request.student_ref == STUDENT
        self.asked += 1
        self.waiting.set()
        await self.release.wait()
        return pb.IsMentorOfResponse(is_mentor=True, side=pb.SIDE_SCHOOL, mentor_id=MENTOR_ID, assignment_id="a-1")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack, start_placement, assign_mentor) -> dict:
    """A placement with both mentors assigned in the real mentors service (default rubric)."""
    return await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TEACHER,
        mentor=ANN,
    )


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def slow_mentors(stack, placement):
    """The fake mentors server, and the internships process restarted to ask it (with a deadline the test never
    reaches, so what the test sees is the call in progress, not a time-out)."""
    servicer = SlowMentors()
    server = grpc.aio.server()
    pb_grpc.add_MentorsServiceServicer_to_server(servicer, server)
    target = f"127.0.0.1:{free_port()}"
    server.add_insecure_port(target)
    await server.start()
    internships = stack["internships"]
    internships.stop()
    internships.env.update({"INTERNSHIPS_MENTORS_GRPC_TARGET": target, "INTERNSHIPS_MENTORS_DEADLINE_SECONDS": "30"})
    await asyncio.to_thread(internships.start)
    yield servicer
    servicer.release.set()
    await server.stop(0)


async def held_by_others(conn: asyncpg.Connection) -> tuple[int, int]:
    """(open transactions, advisory locks) of other sessions in this database."""
    transactions = await conn.fetchval(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
    )
    locks = await conn.fetchval(
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
        "WHERE l.locktype = 'advisory' AND d.datname = current_database() AND l.pid <> pg_backend_pid()"
    )
    return transactions, locks


async def nothing_held_while_mentors_thinks(stack, slow: SlowMentors, call) -> object:
    """Start `call`, wait until the mentors server has the question, and show that meanwhile the internships database
    holds no transaction and no advisory lock (polled with a deadline: the relay's and the workers' own short
    transactions come and go, one held across the call would stay); then let mentors answer, return the result."""
    slow.waiting.clear()
    slow.release.clear()
    pending = asyncio.create_task(call())
    try:
        await asyncio.wait_for(slow.waiting.wait(), timeout=30)
        url = stack["internships"].database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
        conn = await asyncpg.connect(url)
        try:

            async def clear():
                return await held_by_others(conn) == (0, 0)

            await eventually(clear, timeout=10, what="no transaction or advisory lock during the mentors call")
            assert not pending.done()  # still waiting for mentors: what was seen is the call in progress
        finally:
            await conn.close()
    finally:
        slow.release.set()
    return await asyncio.wait_for(pending, timeout=30)


async def test_rest_score_asks_mentors_before_the_keys_transaction(stack, slow_mentors, placement):
    wang = {**stack.auth(SCHOOL, "school", "teacher", sub=TEACHER), "Idempotency-Key": "evslow-1"}
    body = {"window": "midterm", "scores": SCORES}
    pid = placement["id"]
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=60) as c:

        async def record():
            return await c.post(f"/v1/placements/{pid}/evaluations", headers=wang, json=body)

        first = await nothing_held_while_mentors_thinks(stack, slow_mentors, record)
        assert first.status_code == 201, first.text
        assert first.json()["mentor_id"] == MENTOR_ID
        asked = slow_mentors.asked
        again = await c.post(f"/v1/placements/{pid}/evaluations", headers=wang, json=body)
        assert again.status_code == 201 and again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert slow_mentors.asked == asked  # a replay is answered without asking mentors again


async def test_grpc_score_asks_mentors_before_the_keys_transaction(stack, slow_mentors, placement):
    metadata = (
        ("authorization", f"Bearer {stack.token(SCHOOL, 'school', 'teacher', sub=TEACHER)}"),
        ("idempotency-key", "evslow-grpc"),
    )
    request = ipb.RecordPlacementEvaluationRequest(
        placement_id=placement["id"], window="final", scores={k: str(v) for k, v in SCORES.items()}
    )
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.EvaluationServiceStub(channel)

        async def record():
            return await stub.RecordPlacementEvaluation(request, metadata=metadata, timeout=60)

        reply = await nothing_held_while_mentors_thinks(stack, slow_mentors, record)
        assert reply.evaluation.mentor_id == MENTOR_ID and reply.evaluation.window == "final"
        asked = slow_mentors.asked
        call = stub.RecordPlacementEvaluation(request, metadata=metadata, timeout=60)
        assert (await call) == reply
        assert ("idempotent-replayed", "true") in tuple(await call.trailing_metadata())
        assert slow_mentors.asked == asked


@pytest.mark.parametrize("key", [None, "evslow-refused"])
async def test_a_refusal_from_mentors_is_not_remembered(stack, slow_mentors, placement, key):
    """The enterprise's mentor, whom the fake calls a school mentor, is not the placement's mentor of their side:
    a 403, and nothing is stored under the key — mentors is asked again on a retry."""
    ann = {**stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN), **({"Idempotency-Key": key} if key else {})}
    body = {"window": "midterm", "scores": {"job_skills": 70, "work_quality": 70, "professionalism": 70}}
    slow_mentors.release.set()
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=60) as c:
        for attempt in (1, 2):
            asked = slow_mentors.asked
            r = await c.post(f"/v1/placements/{placement['id']}/evaluations", headers=ann, json=body)
            assert r.status_code == 403, (attempt, r.text)
            assert "idempotent-replayed" not in r.headers
            assert slow_mentors.asked == asked + 1
