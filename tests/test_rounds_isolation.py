"""Tenant isolation of allocation rounds, table-driven: every round endpoint × every outsider gives 404 (403 where
the outsider's kind may never make the call), never the round's data; lists do not show it. Inside the round,
an enterprise sees only its own positions, applicants and ranking, a co-owner school only its own students'
results, and a signed-in student only their own."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

TODAY = date.today()
OWNER, CO = "sch-iso-own", "sch-iso-co"
ENT, ENT2 = "ent-iso-own", "ent-iso-two"  # both have positions in the round
OUTSIDERS = {
    "another school (with an agreement with the round's enterprise)": ("sch-iso-else", "school", "admin"),
    "another enterprise (in a round of its own)": ("ent-iso-else-r", "enterprise", "hr"),
    "an enterprise without any agreement": ("ent-iso-alone", "enterprise", "admin"),
    "the owner enterprise's id as a school": (ENT, "school", "admin"),
    "the owner school's id as an enterprise": (OWNER, "enterprise", "admin"),
    "platform staff": ("platform", "platform", "ops"),
}
ANY, SCHOOLS, ENTERPRISES = {"school", "enterprise"}, {"school"}, {"enterprise"}  # platform: 403 everywhere


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack, internships, rounds) -> dict:
    """A computed joint round (OWNER with CO) with positions of ENT and ENT2, and the outsiders' own round."""
    async with internships.client() as c:
        starts = TODAY + timedelta(days=30)
        own_ent = await internships.agreement(c, OWNER, ENT, quota=10)
        own_ent2 = await internships.agreement(c, OWNER, ENT2, quota=10)
        await internships.agreement(c, CO, ENT, quota=10)
        p = (await internships.position(c, ENT, own_ent, seats=2, starts_on=starts, competencies=["ops"]))["id"]
        p2 = (await internships.position(c, ENT2, own_ent2, seats=1, starts_on=starts))["id"]
        rid = (await rounds.create(c, OWNER, co_owner_schools=[CO]))["id"]
        await rounds.accept(c, CO, rid)
        await rounds.add_positions(c, OWNER, rid, p, p2)
        await rounds.add_students(c, OWNER, rid, {"own-1": ["ops"], "own-2": []})
        await rounds.add_students(c, CO, rid, {"co-1": ["ops"]})
        for school, ref, prefs in ((OWNER, "own-1", [p, p2]), (OWNER, "own-2", [p2, p]), (CO, "co-1", [p])):
            assert (await rounds.prefer(c, school, rid, ref, prefs)).status_code == 200
        assert (await rounds.rank(c, ENT, rid, p, [[(OWNER, "own-1"), (CO, "co-1")]])).status_code == 200
        assert (await rounds.act(c, OWNER, rid, "close")).status_code == 200
        run = (await rounds.act(c, OWNER, rid, "compute")).json()["id"]

        # The outsiders' own lives: a round of another school with another enterprise's position.
        else_agreement = await internships.agreement(c, "sch-iso-else", "ent-iso-else-r", quota=5)
        await internships.agreement(c, "sch-iso-else", ENT, quota=5)
        q = (await internships.position(c, "ent-iso-else-r", else_agreement, seats=1, starts_on=starts))["id"]
        other = (await rounds.create(c, "sch-iso-else"))["id"]
        await rounds.add_positions(c, "sch-iso-else", other, q)
    return {"round": rid, "position": p, "position2": p2, "run": run}


def calls(ids: dict) -> list[tuple[str, str, dict | None, set[str]]]:
    """(method, path, body, the organisation kinds that may ever call it: others get 403 before any lookup)."""
    r, p, run = ids["round"], ids["position"], ids["run"]
    ranking = {"groups": [[{"school_org": OWNER, "student_ref": "own-1"}]]}
    return [
        ("GET", f"/v1/rounds/{r}", None, ANY),
        ("GET", f"/v1/rounds/{r}/positions", None, ANY),
        ("GET", f"/v1/rounds/{r}/students", None, ANY),
        ("GET", f"/v1/rounds/{r}/runs", None, ANY),
        ("GET", f"/v1/rounds/{r}/runs/compare?a={run}&b={run}", None, ANY),
        ("GET", f"/v1/rounds/{r}/result", None, ANY),
        ("GET", f"/v1/rounds/{r}/result?run_id={run}", None, ANY),
        ("PUT", f"/v1/rounds/{r}/positions/{p}", None, SCHOOLS),
        ("DELETE", f"/v1/rounds/{r}/positions/{p}", None, SCHOOLS),
        ("POST", f"/v1/rounds/{r}/students", {"students": [{"student_ref": "intruder"}]}, SCHOOLS),
        ("DELETE", f"/v1/rounds/{r}/students/own-1", None, SCHOOLS),
        ("PUT", f"/v1/rounds/{r}/students/own-1/preferences", {"positions": [p]}, SCHOOLS),
        ("GET", f"/v1/rounds/{r}/positions/{p}/applicants", None, ENTERPRISES),
        ("PUT", f"/v1/rounds/{r}/positions/{p}/ranking", ranking, ENTERPRISES),
        ("DELETE", f"/v1/rounds/{r}/positions/{p}/ranking", None, ENTERPRISES),
        *[("POST", f"/v1/rounds/{r}/{action}", None, SCHOOLS) for action in ("close", "reopen", "compute", "publish")],
    ]


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_404_on_every_round_endpoint(stack, owned, outsider):
    org, kind, role = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role)
    secrets = [owned["round"], owned["position"], owned["position2"], owned["run"], "own-1", "co-1"]
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        for method, path, body, kinds in calls(owned):
            r = await c.request(method, path, json=body, headers=headers)
            expected = 404 if kind in kinds else 403
            assert r.status_code == expected, (outsider, method, path, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert not any(s in r.text.replace(path.split("?")[0], "") for s in secrets), (outsider, path, r.text)
        listed = await c.get("/v1/rounds", headers=headers)
        assert listed.status_code == (403 if kind == "platform" else 200), (outsider, listed.text)
        assert not any(s in listed.text for s in secrets), (outsider, listed.text)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:  # and nothing changed
        students = await c.get(f"/v1/rounds/{owned['round']}/students", headers=stack.auth(OWNER, "school", "admin"))
        assert [s["student_ref"] for s in students.json()["items"]] == ["own-1", "own-2"]
        state = await c.get(f"/v1/rounds/{owned['round']}", headers=stack.auth(OWNER, "school", "admin"))
        assert state.json()["status"] == "computed"


async def test_inside_the_round_each_party_sees_its_own_part(stack, owned):
    r, p, p2 = owned["round"], owned["position"], owned["position2"]
    ent, ent2 = stack.auth(ENT, "enterprise", "hr"), stack.auth(ENT2, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        mine = (await c.get(f"/v1/rounds/{r}/positions", headers=ent2)).json()["items"]
        assert [x["position_id"] for x in mine] == [p2] and not mine[0]["ranked"]
        for path in (f"/v1/rounds/{r}/positions/{p}/applicants", f"/v1/rounds/{r}/positions/{p}/ranking"):
            method = "GET" if path.endswith("applicants") else "DELETE"
            assert (await c.request(method, path, headers=ent2)).status_code == 404  # ENT's position
        round_seen = (await c.get(f"/v1/rounds/{r}", headers=ent2)).json()
        assert round_seen["students"] is None and round_seen["positions"] is None
        assert (await c.get(f"/v1/rounds/{r}/students", headers=ent)).status_code == 403
        assert (await c.get(f"/v1/rounds/{r}/runs", headers=ent)).status_code == 403
        assert (await c.get(f"/v1/rounds/{r}/result", headers=ent)).status_code == 409  # not before publishing
        ranked = (await c.get(f"/v1/rounds/{r}/positions", headers=ent)).json()["items"]
        assert ranked[0]["ranked"]
        applicants = (await c.get(f"/v1/rounds/{r}/positions/{p}/applicants", headers=ent)).json()["items"]
        assert {(a["school_org"], a["student_ref"]): a["group"] for a in applicants} == {
            (OWNER, "own-1"): 1,
            (CO, "co-1"): 1,
            (OWNER, "own-2"): None,  # applied, not ranked
        }
        seen_by_school = (await c.get(f"/v1/rounds/{r}/positions", headers=stack.auth(CO, "school", "admin"))).json()
        assert [x["position_id"] for x in seen_by_school["items"]] == [p]  # CO holds no agreement with ENT2
        assert all(x["ranking"] is None for x in seen_by_school["items"])  # rankings are the enterprise's

        co = (await c.get(f"/v1/rounds/{r}/result", headers=stack.auth(CO, "school", "admin"))).json()
        assert [s["student_ref"] for s in co["items"]] == ["co-1"]
        student = {"Authorization": f"Bearer {stack.token(OWNER, 'school', 'student', sub='own-2')}"}
        own = (await c.get(f"/v1/rounds/{r}/result", headers=student)).json()
        assert [s["student_ref"] for s in own["items"]] == ["own-2"] and own["items"][0]["explanation"] is not None
        own_entry = (await c.get(f"/v1/rounds/{r}/students", headers=student)).json()["items"]
        assert [s["student_ref"] for s in own_entry] == ["own-2"]
        other = await c.put(f"/v1/rounds/{r}/students/own-1/preferences", headers=student, json={"positions": []})
        assert other.status_code == 404  # a student sets only their own list
        # Publishing shows ENT the students matched to its positions, never ENT2's.
        assert (
            await c.post(f"/v1/rounds/{r}/publish", headers=stack.auth(OWNER, "school", "admin"))
        ).status_code == 200
        seen = (await c.get(f"/v1/rounds/{r}/result", headers=ent)).json()
        result = (await c.get(f"/v1/rounds/{r}/result", headers=stack.auth(OWNER, "school", "admin"))).json()
        at_ent = {s["student_ref"] for s in result["items"] if s["position_id"] == p}
        assert {s["student_ref"] for s in seen["items"] if s["school_org"] == OWNER} == at_ent
        assert {s["position_id"] for s in seen["items"]} <= {p} and [x["position_id"] for x in seen["positions"]] == [p]
