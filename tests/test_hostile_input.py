"""Input that crashed a service (an outside audit's findings) is a 422 naming the field, on real objects.

NUL bytes in query and path parameters, lone UTF-16 surrogates in free text (JSON can carry "\\ud800", UTF-8 and
PostgreSQL cannot), dates out of range or written as numbers, booleans written as numbers, birth dates in the
future, student references with a "/" — each against an object that exists, so the input reaches as far as it
can: these answered 500 (or did the wrong thing) before the kernel's input types."""

from __future__ import annotations

import json
from datetime import date, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.internships.v1 import internships_pb2 as ipb
from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
SCHOOL, ENTERPRISE, STUDENT = "school-hostile", "ent-hostile", "stu-hostile"
SURROGATE = "\\ud800"  # as it travels in JSON text: a lone high surrogate


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships, mentors, rounds, start_placement) -> dict:
    """An active placement with its mentors assigned, a round with a student, a project shared with the school."""
    async with (
        internships.client() as c,
        mentors.client() as m,
        httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p,
    ):
        await mentors.mentor(m, SCHOOL, "school", capacity=3)
        await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=3)
        placement = await start_placement(
            c,
            SCHOOL,
            ENTERPRISE,
            STUDENT,
            starts_on=TODAY - timedelta(days=3),
            duties=[{"name": "ops", "kind": "core"}],
        )

        async def assigned():
            pair = await mentors.of_student(m, SCHOOL, "school", STUDENT)
            return pair if len(pair) == 2 else None

        pair = await eventually(assigned, timeout=30, what="the placement's mentors")
        rnd = await rounds.create(c, SCHOOL)
        await rounds.add_students(c, SCHOOL, rnd["id"], {"s1": []})
        hr = stack.auth(ENTERPRISE, "enterprise", "hr")

        async def known():
            r = await p.get("/v1/partnerships", headers=hr)
            return r.status_code == 200 and r.json()

        await eventually(known, timeout=30, what="the partnership in projects")
        project = await p.post(
            "/v1/projects",
            headers=hr,
            json={
                "title": "Store",
                "brief": "A store.",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=90)).isoformat(),
            },
        )
        assert project.status_code == 201, project.text
    return {
        "placement": placement["id"],
        "assignment": pair["school"]["id"],
        "round": rnd["id"],
        "project": project.json()["id"],
    }


def _raw(body: dict) -> bytes:
    """JSON text with the surrogate escape kept as written (a JSON encoder would refuse to produce it)."""
    return json.dumps(body).replace(json.dumps(SURROGATE)[1:-1], SURROGATE).encode()


def cases(w: dict) -> list[tuple[str, str, str, str, bytes | None, str]]:
    """(case, service, method, path, raw body, the field the problem names)."""
    r, pl, a, pr = w["round"], w["placement"], w["assignment"], w["project"]
    return [
        ("NUL in a query", "internships", "GET", "/v1/positions?q=%00", None, "query.q"),
        ("NUL in a repeated query", "internships", "GET", "/v1/positions?competency=%00", None, "query.competency.0"),
        (
            "NUL in a student reference",
            "internships",
            "PUT",
            f"/v1/rounds/{r}/students/%00/preferences",
            b'{"positions": []}',
            "path.student_ref",
        ),
        ("NUL after a reference", "internships", "DELETE", f"/v1/rounds/{r}/students/a%00", None, "path.student_ref"),
        (
            "a surrogate in a round student's name",
            "internships",
            "POST",
            f"/v1/rounds/{r}/students",
            _raw({"students": [{"student_ref": "s2", "profile": {"display_name": SURROGATE}}]}),
            "students.0.profile.display_name",
        ),
        (
            "a surrogate in a project's title",
            "projects",
            "PATCH",
            f"/v1/projects/{pr}",
            _raw({"title": f"Store {SURROGATE}"}),
            "title",
        ),
        (
            "a surrogate in a material uri",
            "projects",
            "POST",
            f"/v1/projects/{pr}/material",
            _raw({"title": "Orders", "kind": "dataset", "uri": f"https://data.example.com/{SURROGATE}"}),
            "uri",
        ),
        (
            "a surrogate in guidance notes",
            "mentors",
            "POST",
            f"/v1/assignments/{a}/sessions",
            _raw({"held_on": TODAY.isoformat(), "mode": "online", "minutes": 30, "notes": SURROGATE}),
            "notes",
        ),
        (
            "the last day of year 9999",
            "internships",
            "PUT",
            f"/v1/placements/{pl}/logbook/9999-12-31",
            b'{"lines": [{"day": "9999-12-31", "duty": "ops", "hours": "1"}]}',
            "path.week",
        ),
        ("a number as a date", "internships", "GET", "/v1/positions?starts_from=0", None, "query.starts_from"),
        (
            "a number as a boolean",
            "internships",
            "POST",
            f"/v1/placements/{pl}/consent",
            b'{"student": true, "guardian": 0}',
            "guardian",
        ),
        (
            "a birth date in the future",
            "internships",
            "POST",
            f"/v1/rounds/{r}/students",
            json.dumps(
                {"students": [{"student_ref": "s3", "birth_date": (TODAY + timedelta(days=1)).isoformat()}]}
            ).encode(),
            "students.0.birth_date",
        ),
    ]


CASE_NAMES = [c[0] for c in cases({"round": "r", "placement": "p", "assignment": "a", "project": "x"})]


@pytest.mark.parametrize("case", CASE_NAMES)
async def test_hostile_input_is_a_422_naming_the_field(stack, world, case):
    _, service, method, path, body, field = next(c for c in cases(world) if c[0] == case)
    school = "school" if service != "projects" or method == "GET" else "enterprise"
    caller = stack.auth(SCHOOL, "school", "admin") if school == "school" else stack.auth(ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack[service].base_url, timeout=30) as c:
        r = await c.request(method, path, headers={**caller, "content-type": "application/json"}, content=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in r.json()["errors"]], r.json()


async def test_a_student_reference_is_one_path_segment(stack, world):
    """`DELETE …/students/0/preferences` once removed a student called "0/preferences"."""
    headers = stack.auth(SCHOOL, "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.delete(f"/v1/rounds/{world['round']}/students/s1/preferences", headers=headers)
        still = await c.get(f"/v1/rounds/{world['round']}/students", headers=headers)
    assert r.status_code == 405, r.text
    assert set(r.headers["allow"].split(", ")) == {"PUT"}
    listed = still.json()
    students = listed["items"] if isinstance(listed, dict) else listed  # a page, or (before pages) a bare list
    assert "s1" in {s["student_ref"] for s in students}


async def test_a_nul_in_any_grpc_string_is_invalid_argument_naming_the_field(stack, world):
    token = stack.token(SCHOOL, "school", "admin")
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.SearchPositions(
                ipb.SearchPositionsRequest(q="a\x00b"), metadata=[("authorization", f"Bearer {token}")], timeout=10
            )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "q" in refused.value.details()
