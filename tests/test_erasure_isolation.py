"""Tenant isolation of the erasure routes (docs/erasure.md), table-driven over every route and its gRPC twin: a school's
erasure request is seen by that school's admins only. Another school's admin gets 404 for it (and its own, empty
list; asking to erase the same ref erases its own student, a request of its own); an enterprise (one named like the
school too), the school's coordinator, teacher and the student themselves get 403 for asking and listing and 404 or
403 for the request; a platform operator 403. No refusal and no list carries the owner's request id or its student
ref, and nobody outside changed the owner's request. The table must name every erasure route the service serves."""

from __future__ import annotations

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.internships.v1 import erasures_pb2 as pb
from praxis.internships.v1 import erasures_pb2_grpc as pb_grpc
from praxis_dev.testing.apps import build_app
from praxis_dev.testing.stack import Stack

SCHOOL, STUDENT = "school-eiso", "stu-eiso-1"
PROBLEM = "application/problem+json"


def calls(erasure_id: str) -> list[tuple[str, str, str, str]]:
    """(method, template, path, what it names): `ask` a student's erasure, `read` the request, `list` the school's."""
    return [
        ("POST", "/v1/students/{student_ref}/erasure", f"/v1/students/{STUDENT}/erasure", "ask"),
        ("GET", "/v1/erasures/{erasure_id}", f"/v1/erasures/{erasure_id}", "read"),
        ("GET", "/v1/erasures", "/v1/erasures", "list"),
    ]


# (org, kind, role, sub) and what each call answers them
OUTSIDERS: dict[str, tuple[tuple[str, str, str, str | None], dict[str, int]]] = {
    # another school erasing "the same" ref erases a student of its own: a request of its own (202)
    "another school's admin": (("school-eiso-else", "school", "admin", None), {"ask": 202, "read": 404, "list": 200}),
    "an enterprise named like the school": (
        (SCHOOL, "enterprise", "admin", None),
        {"ask": 403, "read": 404, "list": 403},
    ),
    "an enterprise's admin": (("ent-eiso", "enterprise", "admin", None), {"ask": 403, "read": 404, "list": 403}),
    "the school's coordinator": ((SCHOOL, "school", "coordinator", None), {"ask": 403, "read": 403, "list": 403}),
    "the school's teacher": ((SCHOOL, "school", "teacher", None), {"ask": 403, "read": 403, "list": 403}),
    "the student themselves": ((SCHOOL, "school", "student", STUDENT), {"ask": 403, "read": 403, "list": 403}),
    "a platform operator": (("platform", "platform", "ops", None), {"ask": 403, "read": 403, "list": 403}),
}
CODES = {
    200: grpc.StatusCode.OK,
    202: grpc.StatusCode.OK,
    403: grpc.StatusCode.PERMISSION_DENIED,
    404: grpc.StatusCode.NOT_FOUND,
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack) -> dict:
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        asked = await c.post(f"/v1/students/{STUDENT}/erasure", headers=stack.auth(SCHOOL, "school", "admin"))
    assert asked.status_code == 202, asked.text
    return asked.json()


def test_the_table_names_every_erasure_route():
    spec = build_app("internships")[0].openapi()
    served = {(m.upper(), path) for path, ops in spec["paths"].items() for m in ops if "erasure" in path}
    assert served == {(method, template) for method, template, *_ in calls("x")}


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_a_problem_and_never_the_owners_request(stack: Stack, owned: dict, outsider: str):
    (org, kind, role, sub), expected = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role, sub=sub)
    wrong = []
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for method, _template, path, named in calls(owned["id"]):
            r = await c.request(method, path, headers=headers)
            seen = r.text.replace(path, "")
            if (
                r.status_code != expected[named]
                or (r.status_code >= 400 and r.headers["content-type"] != PROBLEM)
                or owned["id"] in seen
                or (r.status_code >= 400 and STUDENT in seen)
            ):
                wrong.append((outsider, method, path, r.status_code, r.text[:300]))
            if r.status_code == 202:  # its own request, for its own school
                assert r.json()["id"] != owned["id"]
        mine = await c.get(f"/v1/erasures/{owned['id']}", headers=stack.auth(SCHOOL, "school", "admin"))
    assert wrong == [], "\n".join(map(str, wrong))
    assert mine.status_code == 200 and mine.json()["requested_at"] == owned["requested_at"]


def rpcs(channel: grpc.aio.Channel, erasure_id: str) -> list[tuple[str, object, object, str]]:
    stub = pb_grpc.ErasureServiceStub(channel)
    return [
        (
            "RequestStudentErasure",
            stub.RequestStudentErasure,
            pb.RequestStudentErasureRequest(student_ref=STUDENT),
            "ask",
        ),
        ("GetErasure", stub.GetErasure, pb.GetErasureRequest(erasure_id=erasure_id), "read"),
        ("ListErasures", stub.ListErasures, pb.ListErasuresRequest(), "list"),
    ]


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_the_same_refusals_over_grpc(stack: Stack, owned: dict, outsider: str):
    (org, kind, role, sub), expected = OUTSIDERS[outsider]
    metadata = (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)
    wrong = []
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        for method, call, request, named in rpcs(channel, owned["id"]):
            try:
                answer, code = str(await call(request, metadata=metadata, timeout=10)), grpc.StatusCode.OK
            except grpc.aio.AioRpcError as e:
                answer, code = e.details() or "", e.code()
            if code != CODES[expected[named]] or owned["id"] in answer:
                wrong.append((outsider, method, code, answer[:300]))
    assert wrong == [], "\n".join(map(str, wrong))


async def test_the_schools_admin_sees_its_request_over_both_edges(stack: Stack, owned: dict):
    """The refusals are not blanket ones."""
    headers = stack.auth(SCHOOL, "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        listed = (await c.get("/v1/erasures", headers=headers)).json()["items"]
    assert owned["id"] in [e["id"] for e in listed]
    metadata = (("authorization", headers["Authorization"]),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        got = await pb_grpc.ErasureServiceStub(channel).GetErasure(
            pb.GetErasureRequest(erasure_id=owned["id"]), metadata=metadata, timeout=10
        )
    assert got.erasure.id == owned["id"] and set(got.erasure.services) == set(owned["services"])
