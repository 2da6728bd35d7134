"""An import survives its process: the internships process is killed (SIGKILL) in the middle of a 50,000-row
OneRoster job; once a process runs again it takes the job over after `INTERNSHIPS_IMPORT_STALE_SECONDS` of silence
and resumes after the last committed batch. Every student is in the roster once, the counts add up to the file, and
each batch published its event once."""

from __future__ import annotations

import asyncpg
import httpx
import pytest

from praxis_dev import oneroster_bundles as bundles
from praxis_dev.testing.stack import Stack, eventually

pytestmark = [pytest.mark.slow, pytest.mark.destructive]  # kills its own internships process

SCHOOL, STUDENTS = "school-restart", 50_000


@pytest.fixture(scope="module")
def stack(nats_server, event_prefix, database_factory, tmp_path_factory):
    s = Stack(
        nats_server,
        event_prefix,
        tmp_path_factory.mktemp("stack"),
        database_factory,
        settings={"IMPORT_STALE_SECONDS": "3"},
    )
    try:
        yield s.start(("internships",))
    finally:
        s.stop()


async def test_a_job_whose_process_was_killed_is_resumed_by_the_next_process(stack):
    service = stack["internships"]
    headers = stack.auth(SCHOOL, "school", "admin")
    async with httpx.AsyncClient(base_url=service.base_url, timeout=60) as c:
        made = await c.post(
            "/v1/imports/oneroster",
            headers={**headers, "Content-Type": "application/zip"},
            content=bundles.bundle(SCHOOL, STUDENTS, teachers=0),
        )
        assert made.status_code == 202, made.text
        job_path = made.headers["Location"]

        async def midway():
            job = (await c.get(job_path, headers=headers)).json()
            assert job["state"] != "succeeded", "the job ended before the process could be killed"
            return job if job["processed"] > 0 else None

        seen = await eventually(midway, timeout=60, interval=0.02, what="a first batch committed")
    service.proc.kill()
    service.proc.wait(timeout=10)
    service.spawn()
    service.wait_ready()
    async with httpx.AsyncClient(base_url=service.base_url, timeout=60) as c:

        async def ended():
            job = (await c.get(job_path, headers=headers)).json()
            return job if job["state"] in ("succeeded", "failed") else None

        job = await eventually(ended, timeout=90, what="the job taken over and finished")
    assert 0 < seen["processed"] < STUDENTS
    assert (job["state"], job["total"], job["created"], job["processed"], job["failed"]) == (
        "succeeded",
        STUDENTS,
        STUDENTS,
        STUDENTS,
        0,
    )
    conn = await asyncpg.connect(service.database_url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        roster = await conn.fetchval("SELECT count(*) FROM student_roster WHERE school_org = $1", SCHOOL)
        events = await conn.fetch("SELECT payload FROM outbox WHERE aggregate_type = 'roster'")
    finally:
        await conn.close()
    assert roster == STUDENTS
    assert len(events) == STUDENTS // 2000  # one per batch: none applied twice
