"""The API contract's smaller promises (issue 10, item 18), through the real processes: one page shape for every
list on REST and gRPC, signed page tokens, a 404 for the teams of a project nobody showed you, 405 for a method a
path does not take, competency lists given repeated or comma-separated, one answer (422) to a missing reason,
201 for posting metrics. Also what a refused mentor is told (item 21)."""

from __future__ import annotations

import base64
import uuid
from datetime import date, timedelta

import grpc
import httpx
import pytest_asyncio

from praxis.credentials.v1 import credentials_pb2 as cpb
from praxis.internships.v1 import internships_pb2 as ipb
from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc
from praxis.mentors.v1 import mentors_pb2 as mpb
from praxis.projects.v1 import projects_pb2 as ppb
from praxis_dev.testing.apps import build_app
from praxis_dev.testing.stack import eventually

TODAY = date.today()
SCHOOL, ENTERPRISE = "school-contract", "ent-contract"
STUDENTS = ["stu-k1", "stu-k2"]


def _schema(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def test_every_rest_list_is_one_paginated_page_shape():
    for service in ("internships", "mentors", "projects", "notifications", "credentials"):
        spec = build_app(service)[0].openapi()  # the document `praxis serve` serves, built in-process
        for path, operations in spec["paths"].items():
            for method, op in operations.items():
                ok = op["responses"].get("200") or op["responses"].get("201") or {}
                body = ok.get("content", {}).get("application/json", {}).get("schema")
                if not body:
                    continue
                schema = _schema(spec, body)
                where = (service, method.upper(), path)
                assert schema.get("type") != "array", f"{where} answers a bare array"
                if method != "get" or "items" not in schema.get("properties", {}):
                    continue
                assert "next_page_token" in schema["properties"], f"{where} lists items without next_page_token"
                params = {p["name"] for p in op.get("parameters", [])}
                assert {"page_size", "page_token"} <= params, f"{where} is a list without page_size/page_token"


def test_every_grpc_list_takes_a_page_and_answers_the_next_token():
    for module in (ipb, mpb, ppb, cpb):
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                request, response = method.input_type, method.output_type
                repeated = [f for f in response.fields if f.is_repeated and f.message_type is not None]
                is_list = method.name.startswith("List") or method.name == "GetAssignmentHistory"
                if not is_list or not repeated:
                    continue
                assert {"page_size", "page_token"} <= set(request.fields_by_name), (service.name, method.name)
                assert "next_page_token" in response.fields_by_name, (service.name, method.name)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack, internships, mentors) -> dict:
    """An agreement of SCHOOL and ENTERPRISE, three bases, positions with tags, and a team of two students on a
    shared project with a school mentor (account t-contract)."""
    school, hr = stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")
    async with (
        internships.client() as i,
        mentors.client() as m,
        httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p,
    ):
        agreement = await internships.agreement(i, SCHOOL, ENTERPRISE, quota=20)
        starts = TODAY + timedelta(days=30)
        tagged = {}
        for tags in (["data-analysis"], ["logistics"], ["languages"]):
            position = await internships.position(
                i, ENTERPRISE, agreement, seats=2, starts_on=starts, competencies=tags
            )
            tagged[tags[0]] = position["id"]
        await mentors.mentor(m, SCHOOL, "school", capacity=5, account="t-contract")
        made = await p.post(
            "/v1/projects",
            headers=hr,
            json={"title": "Listings", "starts_on": TODAY.isoformat(), "ends_on": (TODAY + timedelta(90)).isoformat()},
        )
        assert made.status_code == 201, made.text
        pid = made.json()["id"]
        assert (await p.post(f"/v1/projects/{pid}/publish", headers=hr)).status_code == 200

        async def shared():
            return (await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=hr)).status_code == 200

        await eventually(shared, timeout=30, what="the partnership in projects")
        team = await p.post(
            f"/v1/projects/{pid}/teams",
            headers=school,
            json={"name": "Team", "members": [{"student_ref": s} for s in STUDENTS]},
        )
        assert team.status_code == 201, team.text
    return {"agreement": agreement, "positions": tagged, "project": pid, "team": team.json()["id"]}


async def test_page_tokens_are_signed_and_walk_every_page(stack, world):
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        seen, token = [], None
        while True:
            page = await c.get(
                "/v1/bases", params={"page_size": 1, **({"page_token": token} if token else {})}, headers=hr
            )
            assert page.status_code == 200, page.text
            seen += [b["id"] for b in page.json()["items"]]
            token = page.json()["next_page_token"]
            if token is None:
                break
        assert len(seen) == len(set(seen)) == 3  # bases were not paginated at all before

        real = (await c.get("/v1/bases", params={"page_size": 1}, headers=hr)).json()["next_page_token"]
        payload, _, mac = real.partition(".")
        altered = base64.urlsafe_b64encode(b'[1,"00000000-0000-0000-0000-000000000000"]').decode().rstrip("=")
        forged_old_style = base64.urlsafe_b64encode(f"0|{uuid.UUID(int=0)}".encode()).decode()
        for bad in (f"{altered}.{mac}", forged_old_style, real[:-2] + ("AA" if not real.endswith("AA") else "BB")):
            for path in ("/v1/bases", "/v1/agreements", "/v1/positions"):
                r = await c.get(path, params={"page_token": bad}, headers=hr)
                assert r.status_code == 422, (path, bad, r.text)
                assert r.json()["detail"] == "invalid page token" and r.json()["errors"][0]["field"] == "page_token"
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        metadata = (("authorization", hr["Authorization"]),)
        try:
            await stub.ListBases(ipb.ListBasesRequest(page_token=forged_old_style), metadata=metadata, timeout=10)
        except grpc.aio.AioRpcError as exc:
            assert exc.code() == grpc.StatusCode.INVALID_ARGUMENT and "page token" in exc.details()
        else:
            raise AssertionError("a forged page token was accepted over gRPC")
        first = await stub.ListBases(ipb.ListBasesRequest(page_size=2), metadata=metadata, timeout=10)
        rest = await stub.ListBases(
            ipb.ListBasesRequest(page_token=first.next_page_token), metadata=metadata, timeout=10
        )
        assert len(first.bases) == 2 and len(rest.bases) == 1 and not rest.next_page_token


async def test_competency_filters_take_repeated_and_comma_separated_tags(stack, world):
    school = stack.auth(SCHOOL, "school", "admin")
    wanted = {world["positions"]["data-analysis"], world["positions"]["logistics"]}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        for params in (
            {"competency": "data-analysis,logistics"},
            [("competency", "data-analysis"), ("competency", "logistics")],
            {"competency": "Data-Analysis, LOGISTICS"},
        ):
            found = await c.get("/v1/positions", params=params, headers=school)
            assert found.status_code == 200, found.text
            assert {p["id"] for p in found.json()["items"]} == wanted, params
        bad = await c.get("/v1/positions", params={"competency": "ok,not a tag!"}, headers=school)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("competency.1"), bad.text
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["projects"].base_url) as p:
        made = []
        for tags in (["market research"], ["logistics"], ["finance"]):
            r = await p.post(
                "/v1/projects",
                headers=hr,
                json={
                    "title": f"On {tags[0]}",
                    "competencies": tags,
                    "starts_on": TODAY.isoformat(),
                    "ends_on": (TODAY + timedelta(90)).isoformat(),
                },
            )
            made.append(r.json()["id"])
        listed = await p.get("/v1/projects", params={"competency": "market research,logistics"}, headers=hr)
        assert {x["id"] for x in listed.json()["items"]} == set(made[:2]), listed.text


async def test_the_teams_of_a_project_you_cannot_see_are_a_404_and_lists_are_pages(stack, world):
    school = stack.auth(SCHOOL, "school", "admin")
    other = stack.auth("ent-contract-else", "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["projects"].base_url) as p:
        unknown = await p.get(f"/v1/projects/{uuid.uuid4()}/teams", headers=school)
        assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
        foreign = await p.get(f"/v1/projects/{world['project']}/teams", headers=other)
        assert foreign.status_code == 404, foreign.text
        for headers in (school, stack.auth(ENTERPRISE, "enterprise", "hr")):
            teams = await p.get(f"/v1/projects/{world['project']}/teams", headers=headers)
            assert [t["id"] for t in teams.json()["items"]] == [world["team"]] and teams.json()[
                "next_page_token"
            ] is None


async def test_posting_metrics_answers_201_like_every_create(stack, world):
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    point = {"name": "orders", "value": 12, "unit": "count", "period_start": "2027-04-01", "period_end": "2027-04-30"}
    async with httpx.AsyncClient(base_url=stack["projects"].base_url) as p:
        posted = await p.post(f"/v1/teams/{world['team']}/metrics", headers=hr, json={"metrics": [point]})
        assert posted.status_code == 201, posted.text
        assert posted.headers["location"] == f"/v1/teams/{world['team']}/metrics"
        assert [x["name"] for x in posted.json()["items"]] == ["orders"]
        series = await p.get(f"/v1/teams/{world['team']}/metrics", headers=hr)
        assert [(x["name"], float(x["value"])) for x in series.json()["items"]] == [("orders", 12.0)]


async def test_a_method_a_path_does_not_take_is_405_and_a_missing_reason_is_422(stack, start_placement):
    school = stack.auth("school-contract-pl", "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        placement = await start_placement(
            c,
            "school-contract-pl",
            "ent-contract-pl",
            "stu-pl",
            starts_on=TODAY,
            duties=[{"name": "x", "kind": "core"}],
        )
        pid = placement["id"]
        wrong = await c.post(f"/v1/placements/{pid}/logbook", headers=school, json={})
        assert wrong.status_code == 405 and "GET" in wrong.headers["allow"], wrong.text
        assert wrong.headers["content-type"] == "application/problem+json"
        unknown_action = await c.post(f"/v1/placements/{pid}/teleport", headers=school)
        assert unknown_action.status_code == 404, unknown_action.text
        placement_reasonless = await c.post(f"/v1/placements/{pid}/terminate", headers=school)
        agreement = (await c.get("/v1/agreements", headers=school)).json()["items"][0]["id"]
        agreement_reasonless = await c.post(f"/v1/agreements/{agreement}/terminate", headers=school, json={})
    for refused in (placement_reasonless, agreement_reasonless):
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "reason"


async def test_a_refused_mentor_is_told_which_sub_was_looked_up(stack, world, mentors):
    # A teacher whose token's sub is not the account of any mentor record (that is "t-contract").
    wrong_sub = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'teacher', sub='t-typo')}"}
    async with httpx.AsyncClient(base_url=stack["projects"].base_url) as p:
        scored = await p.post(
            f"/v1/teams/{world['team']}/evaluations",
            headers=wrong_sub,
            json={"student_ref": STUDENTS[0], "scores": {"process": 70, "knowledge": 80}},
        )
    assert scored.status_code == 403, scored.text
    assert "'t-typo'" in scored.json()["detail"] and "account" in scored.json()["detail"]
    async with mentors.client() as m:

        async def assignment():
            r = await m.get(f"/v1/students/{STUDENTS[0]}/mentors", headers=mentors.manager(SCHOOL, "school"))
            return r.status_code == 200 and r.json()["assignments"]

        [first, *_] = await eventually(assignment, timeout=30, what="the team's mentoring")
        hidden = await m.get(f"/v1/assignments/{first['id']}", headers=wrong_sub)
    assert hidden.status_code == 404 and "'t-typo'" in hidden.json()["detail"], hidden.text
