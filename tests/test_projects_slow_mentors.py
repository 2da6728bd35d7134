"""Recording an evaluation with an Idempotency-Key asks the mentors service before any database transaction opens:
while a slow mentors service is still thinking, the projects database holds no open transaction and no advisory
lock of that request; the answer then records the score, and a retry is replayed without asking again.

The mentors service here is a real grpc.aio server the test runs (MentorsService.IsMentorOf answers only when the
test lets it), and this module's projects process is pointed at it."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import asyncpg
import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis.projects.v1 import projects_pb2 as ppb
from praxis.projects.v1 import projects_pb2_grpc as ppb_grpc
from praxis_dev.testing.servers import free_port
from praxis_dev.testing.stack import eventually

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),  # the fake mentors server lives in the module's loop
    pytest.mark.destructive,  # its projects process is restarted to ask the fake mentors
]
TODAY = date.today()
SCHOOL, ENTERPRISE = "school-slow", "ent-slow"
SCORES = {"process": 80, "knowledge": 70}


class SlowMentors(pb_grpc.MentorsServiceServicer):
    """Answers IsMentorOf "yes, the school-side mentor" once the test releases it; counts the questions."""

    def __init__(self) -> None:
        self.asked = 0
        self.waiting = asyncio.Event()
        self.release = asyncio.Event()

    async def IsMentorOf(self, request, context):
        self.asked += 1
        self.waiting.set()
        await self.release.wait()
        return pb.IsMentorOfResponse(is_mentor=True, side=pb.SIDE_SCHOOL, mentor_id="mentor-slow", assignment_id="a-1")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def slow_mentors(stack):
    """The fake mentors server, and the projects process restarted to ask it (with a deadline the test never
    reaches, so what the test sees is the call in progress, not a time-out)."""
    servicer = SlowMentors()
    server = grpc.aio.server()
    pb_grpc.add_MentorsServiceServicer_to_server(servicer, server)
    target = f"127.0.0.1:{free_port()}"
    server.add_insecure_port(target)
    await server.start()
    projects = stack["projects"]
    projects.stop()
    projects.env.update({"PROJECTS_MENTORS_GRPC_TARGET": target, "PROJECTS_MENTORS_DEADLINE_SECONDS": "30"})
    await asyncio.to_thread(projects.start)
    yield servicer
    servicer.release.set()
    await server.stop(0)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def team(stack, internships, slow_mentors) -> str:
    school = stack.auth(SCHOOL, "school", "admin")
    enterprise = stack.auth(ENTERPRISE, "enterprise", "hr")
    async with internships.client() as i, httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        await internships.agreement(i, SCHOOL, ENTERPRISE)
        made = await p.post(
            "/v1/projects",
            headers=enterprise,
            json={
                "title": "Lazada store",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(60)).isoformat(),
            },
        )
        pid = made.json()["id"]
        assert (await p.post(f"/v1/projects/{pid}/publish", headers=enterprise)).status_code == 200

        async def shared():
            return (await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise)).status_code == 200

        await eventually(shared, timeout=30, what="the partnership in projects")
        formed = await p.post(
            f"/v1/projects/{pid}/teams",
            headers=school,
            json={"name": "Slow", "members": [{"student_ref": "stu-s1"}, {"student_ref": "stu-s2"}]},
        )
        assert formed.status_code == 201, formed.text
    return formed.json()["id"]


def plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


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
    """Start `call`, wait until the mentors server has the question, and show that meanwhile the projects database
    holds no transaction and no advisory lock (polled with a deadline: the relay's own short transactions come
    and go, a transaction held across the call would stay); then let mentors answer and return the call's result."""
    slow.waiting.clear()
    slow.release.clear()
    pending = asyncio.create_task(call())
    try:
        await asyncio.wait_for(slow.waiting.wait(), timeout=30)
        conn = await asyncpg.connect(plain(stack["projects"].database_url))
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


async def test_rest_evaluation_asks_mentors_before_the_keys_transaction(stack, slow_mentors, team):
    teacher = {**stack.auth(SCHOOL, "school", "teacher"), "Idempotency-Key": "eval-slow-1"}
    body = {"student_ref": "stu-s1", "scores": SCORES}
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=60) as p:

        async def record():
            return await p.post(f"/v1/teams/{team}/evaluations", headers=teacher, json=body)

        first = await nothing_held_while_mentors_thinks(stack, slow_mentors, record)
        assert first.status_code == 201, first.text
        assert first.json()["mentor_id"] == "mentor-slow"
        asked = slow_mentors.asked
        again = await p.post(f"/v1/teams/{team}/evaluations", headers=teacher, json=body)
        assert again.status_code == 201 and again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert slow_mentors.asked == asked  # a replay is answered without asking mentors again
        listed = await p.get(f"/v1/teams/{team}/evaluations", headers=teacher)
        assert [e["student_ref"] for e in listed.json()["items"]] == ["stu-s1"]


async def test_grpc_evaluation_asks_mentors_before_the_keys_transaction(stack, slow_mentors, team):
    metadata = (
        ("authorization", f"Bearer {stack.token(SCHOOL, 'school', 'teacher')}"),
        ("idempotency-key", "eval-slow-grpc"),
    )
    request = ppb.RecordEvaluationRequest(
        team_id=team, student_ref="stu-s2", scores={k: str(v) for k, v in SCORES.items()}
    )
    async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel:
        stub = ppb_grpc.ProjectsServiceStub(channel)

        async def record():
            return await stub.RecordEvaluation(request, metadata=metadata, timeout=60)

        reply = await nothing_held_while_mentors_thinks(stack, slow_mentors, record)
        assert reply.evaluation.student_ref == "stu-s2" and reply.evaluation.mentor_id == "mentor-slow"
        asked = slow_mentors.asked
        call = stub.RecordEvaluation(request, metadata=metadata, timeout=60)
        assert (await call) == reply
        assert ("idempotent-replayed", "true") in tuple(await call.trailing_metadata())
        assert slow_mentors.asked == asked


@pytest.mark.parametrize("key", [None, "eval-slow-refused"])
async def test_a_refusal_from_mentors_is_not_remembered(stack, slow_mentors, team, key):
    """Not that team's mentor (here: the enterprise's mentor, whom the fake calls a school mentor) is a 403 and
    nothing is stored under the key: the mentors service is asked again on a retry."""
    host = {**stack.auth(ENTERPRISE, "enterprise", "mentor"), **({"Idempotency-Key": key} if key else {})}
    slow_mentors.release.set()
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=60) as p:
        for attempt in (1, 2):
            asked = slow_mentors.asked
            r = await p.post(
                f"/v1/teams/{team}/evaluations",
                headers=host,
                json={"student_ref": "stu-s1", "scores": {"skills": 70, "qualities": 70}},
            )
            assert r.status_code == 403, (attempt, r.text)
            assert "idempotent-replayed" not in r.headers
            assert slow_mentors.asked == asked + 1
