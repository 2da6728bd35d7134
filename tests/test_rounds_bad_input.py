"""Bad input to allocation rounds gets a clear 4xx problem naming what is wrong, never a 500 or a change:
unknown, repeated or too many positions in a list, lists and rankings after closing, rankings by a foreign
enterprise or naming students who did not apply, out-of-order lifecycle calls, publishing twice, and a
publication refused because a seat was taken since closing."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

TODAY = date.today()
S, CO, ELSE = "sch-bad", "sch-bad-co", "sch-bad-else"
E, F, G = "ent-bad-r", "ent-bad-f", "ent-bad-g"  # S holds agreements with E and F, not with G
NOBODY = str(uuid.uuid4())


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack, internships, rounds) -> dict:
    """An open round of S (with a co-owner) holding E's positions p1-p3; E's q, F's f and G's g stay outside it.
    s1 lists p1; s2 lists nothing."""
    async with internships.client() as c:
        se = await internships.agreement(c, S, E, quota=50)
        sf = await internships.agreement(c, S, F, quota=50)
        else_g = await internships.agreement(c, ELSE, G, quota=5)
        starts = TODAY + timedelta(days=40)
        ids = {
            name: (await internships.position(c, E, se, seats=1, starts_on=starts))["id"]
            for name in ("p1", "p2", "p3", "q")
        }
        ids["f"] = (await internships.position(c, F, sf, seats=1, starts_on=starts))["id"]
        ids["g"] = (await internships.position(c, G, else_g, seats=1, starts_on=starts))["id"]
        rnd = await rounds.create(c, S, co_owner_schools=[CO], list_limit=2)
        await rounds.accept(c, CO, rnd["id"])
        await rounds.add_positions(c, S, rnd["id"], ids["p1"], ids["p2"], ids["p3"])
        await rounds.add_students(c, S, rnd["id"], {"s1": ["ops"], "s2": []})
        assert (await rounds.prefer(c, S, rnd["id"], "s1", [ids["p1"]])).status_code == 200
        order_class = await rounds.create(c, S, enterprise_org=F)
    return {**ids, "round": rnd["id"], "order_class": order_class["id"]}


def school(org=S):
    return ("school", org, "coordinator")


def enterprise(org=E):
    return ("enterprise", org, "hr")


def cases(w: dict) -> list[tuple[str, tuple, str, str, object, int, str | None, str | None]]:
    """(case, caller, method, path, body, status, problem type slug, field named in `errors`)."""
    r = w["round"]
    prefs = f"/v1/rounds/{r}/students/s1/preferences"
    rank = f"/v1/rounds/{r}/positions/{w['p1']}/ranking"

    def key(ref):
        return {"school_org": S, "student_ref": ref}

    return [
        (
            "unknown position in a list",
            school(),
            "PUT",
            prefs,
            {"positions": [NOBODY]},
            422,
            "invalid-input",
            "positions.0",
        ),
        (
            "a position not in the round",
            school(),
            "PUT",
            prefs,
            {"positions": [w["q"]]},
            422,
            "invalid-input",
            "positions.0",
        ),
        (
            "a position listed twice",
            school(),
            "PUT",
            prefs,
            {"positions": [w["p1"], w["p1"]]},
            422,
            "invalid-input",
            "positions.1",
        ),
        (
            "a list over the limit",
            school(),
            "PUT",
            prefs,
            {"positions": [w["p1"], w["p2"], w["p3"]]},
            422,
            "invalid-input",
            "positions",
        ),
        ("not a position id", school(), "PUT", prefs, {"positions": ["p1"]}, 422, "invalid-input", "positions.0"),
        ("no list at all", school(), "PUT", prefs, {}, 422, "invalid-input", "positions"),
        (
            "a field the API does not know",
            school(),
            "PUT",
            prefs,
            {"positions": [], "rank": 1},
            422,
            "invalid-input",
            "rank",
        ),
        (
            "a student not in the round",
            school(),
            "PUT",
            f"/v1/rounds/{r}/students/ghost/preferences",
            {"positions": []},
            404,
            "not-found",
            None,
        ),
        ("another school's list", school(ELSE), "PUT", prefs, {"positions": [w["p1"]]}, 404, "not-found", None),
        (
            "ranking a student who did not apply",
            enterprise(),
            "PUT",
            rank,
            {"groups": [[key("s2")]]},
            422,
            "invalid-input",
            "groups.0.0",
        ),
        ("an empty tie group", enterprise(), "PUT", rank, {"groups": [[]]}, 422, "invalid-input", "groups.0"),
        (
            "a student ranked twice",
            enterprise(),
            "PUT",
            rank,
            {"groups": [[key("s1")], [key("s1")]]},
            422,
            "invalid-input",
            "groups.1.0",
        ),
        (
            "a ranking by a foreign enterprise",
            enterprise(F),
            "PUT",
            rank,
            {"groups": [[key("s1")]]},
            404,
            "not-found",
            None,
        ),
        ("a ranking by a school", school(), "PUT", rank, {"groups": [[key("s1")]]}, 403, "forbidden", None),
        (
            "applicants to a foreign enterprise",
            enterprise(F),
            "GET",
            f"/v1/rounds/{r}/positions/{w['p1']}/applicants",
            None,
            404,
            "not-found",
            None,
        ),
        (
            "a student listed twice",
            school(),
            "POST",
            f"/v1/rounds/{r}/students",
            {"students": [{"student_ref": "x"}, {"student_ref": "x"}]},
            422,
            "invalid-input",
            "students.1.student_ref",
        ),
        (
            "no students",
            school(),
            "POST",
            f"/v1/rounds/{r}/students",
            {"students": []},
            422,
            "invalid-input",
            "students",
        ),
        (
            "a bad student reference",
            school(),
            "POST",
            f"/v1/rounds/{r}/students",
            {"students": [{"student_ref": " x"}]},
            422,
            "invalid-input",
            "students.0.student_ref",
        ),
        (
            "another enterprise's position in an order class",
            school(),
            "PUT",
            f"/v1/rounds/{w['order_class']}/positions/{w['p1']}",
            None,
            422,
            "invalid-input",
            "position_id",
        ),
        (
            "a position the school cannot see",
            school(),
            "PUT",
            f"/v1/rounds/{r}/positions/{w['g']}",
            None,
            404,
            "not-found",
            None,
        ),
        (
            "a position of a round the school is not in",
            school(ELSE),
            "PUT",
            f"/v1/rounds/{r}/positions/{w['p1']}",
            None,
            404,
            "not-found",
            None,
        ),
        (
            "a list limit over 50",
            school(),
            "POST",
            "/v1/rounds",
            {"title": "t", "list_limit": 51},
            422,
            "invalid-input",
            "list_limit",
        ),
        (
            "placements published active",
            school(),
            "POST",
            "/v1/rounds",
            {"title": "t", "placement_status_on_publish": "active"},
            422,
            "invalid-input",
            "placement_status_on_publish",
        ),
        (
            "an unknown tie rule",
            school(),
            "POST",
            "/v1/rounds",
            {"title": "t", "tie_rule": "coin-toss"},
            422,
            "invalid-input",
            "tie_rule",
        ),
        (
            "the owner as its own co-owner",
            school(),
            "POST",
            "/v1/rounds",
            {"title": "t", "co_owner_schools": [S]},
            422,
            "invalid-input",
            "co_owner_schools",
        ),
        ("a negative seed", school(), "POST", "/v1/rounds", {"title": "t", "seed": -1}, 422, "invalid-input", "seed"),
        (
            "a round created by an enterprise",
            enterprise(),
            "POST",
            "/v1/rounds",
            {"title": "t"},
            403,
            "forbidden",
            None,
        ),
        ("compute before close", school(), "POST", f"/v1/rounds/{r}/compute", None, 409, "round-not-closed", None),
        ("publish before compute", school(), "POST", f"/v1/rounds/{r}/publish", None, 409, "round-not-computed", None),
        ("a result before any run", school(), "GET", f"/v1/rounds/{r}/result", None, 409, "round-not-computed", None),
        ("reopen an open round", school(), "POST", f"/v1/rounds/{r}/reopen", None, 409, "conflict", None),
        ("close by a co-owner", school(CO), "POST", f"/v1/rounds/{r}/close", None, 403, "forbidden", None),
        ("close by an outsider school", school(ELSE), "POST", f"/v1/rounds/{r}/close", None, 404, "not-found", None),
        (
            "a bad page token",
            school(),
            "GET",
            f"/v1/rounds/{r}/result?page_token=%25%25",
            None,
            422,
            "invalid-input",
            "query.page_token",
        ),
        (
            "a position listed somewhere taken out",
            school(),
            "DELETE",
            f"/v1/rounds/{r}/positions/{w['p1']}",
            None,
            409,
            "conflict",
            None,
        ),
    ]


CASES = [c[0] for c in cases({k: "x" for k in ("round", "p1", "p2", "p3", "q", "f", "g", "order_class")})]


@pytest.mark.parametrize("case", CASES)
async def test_bad_input_gets_a_clear_problem(stack, world, case):
    _, (kind, org, role), method, path, body, status, slug, field = next(c for c in cases(world) if c[0] == case)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        before = (await c.get(f"/v1/rounds/{world['round']}/students", headers=stack.auth(S, "school", "admin"))).json()
        r = await c.request(method, path, json=body, headers=stack.auth(org, kind, role))
        after = (await c.get(f"/v1/rounds/{world['round']}/students", headers=stack.auth(S, "school", "admin"))).json()
    assert r.status_code == status, (case, r.status_code, r.text)
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["type"] == f"urn:praxis:problem:{slug}", (case, problem)
    if field is not None:
        assert field in [e["field"] for e in problem["errors"]], (case, problem)
    assert before == after  # nothing changed


async def test_after_closing_inputs_are_refused_and_publishing_happens_once(stack, internships, rounds, world):
    async with internships.client() as c:
        rnd = await rounds.create(c, S)
        rid = rnd["id"]
        await rounds.add_positions(c, S, rid, world["p2"], world["p3"])
        await rounds.add_students(c, S, rid, {"x1": [], "x2": []})
        assert (await rounds.prefer(c, S, rid, "x1", [world["p2"]])).status_code == 200
        assert (await rounds.act(c, S, rid, "close")).status_code == 200
        frozen = [
            await rounds.prefer(c, S, rid, "x2", [world["p3"]]),
            await rounds.rank(c, E, rid, world["p2"], [[(S, "x1")]]),
            await c.delete(f"/v1/rounds/{rid}/positions/{world['p2']}/ranking", headers=rounds.enterprise(E)),
            await c.put(f"/v1/rounds/{rid}/positions/{world['p1']}", headers=rounds.school(S)),
            await c.post(
                f"/v1/rounds/{rid}/students", headers=rounds.school(S), json={"students": [{"student_ref": "x3"}]}
            ),
            await c.delete(f"/v1/rounds/{rid}/students/x2", headers=rounds.school(S)),
            await rounds.act(c, S, rid, "close"),
        ]
        for r in frozen:
            assert (r.status_code, r.json()["type"]) == (409, "urn:praxis:problem:round-not-open"), r.text
        assert "frozen" in frozen[0].json()["detail"]
        assert (await rounds.act(c, S, rid, "publish")).json()["type"] == "urn:praxis:problem:round-not-computed"
        assert (await rounds.act(c, S, rid, "compute")).status_code == 201
        assert (await rounds.act(c, S, rid, "publish")).status_code == 200
        for action in ("publish", "compute", "reopen", "close"):
            again = await rounds.act(c, S, rid, action)
            assert (again.status_code, again.json()["type"]) == (409, "urn:praxis:problem:round-published"), action
        placed = await c.get("/v1/placements", headers=rounds.school(S), params={"page_size": 200})
        assert [p["student_ref"] for p in placed.json()["items"] if p["student_ref"].startswith("x")] == ["x1"]


async def test_a_seat_taken_since_closing_refuses_publishing_naming_the_position(stack, internships, rounds):
    school, ent = "sch-bad-seat", "ent-bad-seat"
    async with internships.client() as c:
        agreement = await internships.agreement(c, school, ent, quota=10)
        starts = TODAY + timedelta(days=10)
        single = (await internships.position(c, ent, agreement, seats=1, starts_on=starts))["id"]
        wide = (await internships.position(c, ent, agreement, seats=3, starts_on=starts + timedelta(days=100)))["id"]
        rid = (await rounds.create(c, school))["id"]
        await rounds.add_positions(c, school, rid, single, wide)
        await rounds.add_students(c, school, rid, {"y1": [], "y2": []})
        for ref in ("y1", "y2"):
            assert (await rounds.prefer(c, school, rid, ref, [single, wide])).status_code == 200
        assert (await rounds.act(c, school, rid, "close")).status_code == 200
        assert (await rounds.act(c, school, rid, "compute")).status_code == 201

        walk_in = await internships.book(c, school, single, "walk-in")
        assert walk_in.status_code == 201, walk_in.text
        refused = await rounds.act(c, school, rid, "publish")
        assert refused.status_code == 409, refused.text
        problem = refused.json()
        assert problem["type"] == "urn:praxis:problem:round-publish-refused"
        assert problem["positions"] == [single] and single in problem["detail"]
        assert [(x["position_id"], x["refusal"]) for x in problem["refusals"]] == [(single, "seats-exhausted")]
        listed = await c.get("/v1/placements", headers=rounds.school(school))
        assert [p["student_ref"] for p in listed.json()["items"]] == ["walk-in"]  # nothing of the round
        wide_now = await c.get(f"/v1/positions/{wide}", headers=rounds.enterprise(ent))
        assert wide_now.json()["seats_taken"] == 0
        assert (await c.get(f"/v1/rounds/{rid}", headers=rounds.school(school))).json()["status"] == "computed"

        # The way out: reopen, close again (the seats are decided afresh), compute, publish.
        for action, status in (("reopen", 200), ("close", 200), ("compute", 201), ("publish", 200)):
            r = await rounds.act(c, school, rid, action)
            assert r.status_code == status, (action, r.text)
        assert r.json()["placements"] == 2
        positions = (await c.get(f"/v1/rounds/{rid}/positions", headers=rounds.school(school))).json()
        assert {p["position_id"]: p["offered_seats"] for p in positions["items"]} == {single: 0, wide: 3}
