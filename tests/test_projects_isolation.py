"""Tenant isolation over every projects endpoint (table-driven), revocation of a school, and bad input — through
the REST API of real processes.

Outsiders — another school (a partner of the same enterprise, which does not share this project with it),
another enterprise (a partner of the same school), the owners' ids used with the other kind, and a student of
another team of the same school — get 404 for the project, its material and its teams (platform staff: 403
before any lookup), and their lists show none of the owners' rows. A student of another team does see the
project (their school does) but none of this team's records. Bad input is a clear 4xx problem, never a 500.

Every test of the `owned` fixture lives here: it is built once a module, for fixed organisations. Bad project
input, which needs none of it: test_projects_bad_input.py."""

from __future__ import annotations

import grpc
import httpx
import pytest
from projects_isolation_world import (
    ENTERPRISE,
    MEMBERS,
    OTHER_SCHOOL,
    OTHER_STUDENT,
    OUTSIDERS,
    SCHOOL,
    TODAY,
    _check_refused,
    auth,
    form,
    lists,
    project_calls,
    shared_project,
    team_calls,
)

from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc

pytest_plugins = ["projects_isolation_world"]  # the owned fixture


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_404_on_every_endpoint_and_see_nothing_in_lists(stack, owned, outsider):
    org, kind, role, sub = OUTSIDERS[outsider]
    headers = auth(stack, org, kind, role, sub)
    expected = 403 if kind == "platform" else 404
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        await _check_refused(p, headers, project_calls(owned) + team_calls(owned), expected, outsider, owned)
        for path in lists(owned):
            r = await p.get(path, headers=headers)
            assert r.status_code in (200, 403, 404, 422), (outsider, path, r.text)
            assert owned["team"] not in r.text and owned["project"] not in r.text.replace(path, ""), (outsider, path)


async def test_a_student_of_another_team_sees_the_project_but_none_of_this_teams_records(stack, owned):
    headers = auth(stack, *OTHER_STUDENT)
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        await _check_refused(p, headers, team_calls(owned), 404, "a student of another team", owned)
        assert (await p.get(f"/v1/projects/{owned['project']}", headers=headers)).status_code == 200  # their school's
        mine = (await p.get("/v1/teams", headers=headers)).json()["items"]
        assert [t["id"] for t in mine] == [owned["other_team"]]
        assert (await p.get(f"/v1/teams/{owned['other_team']}", headers=headers)).status_code == 200
        refused = await p.post(f"/v1/projects/{owned['project']}/publish", headers=headers)
        assert refused.status_code == 403  # sees it, manages nothing


async def test_inside_the_team_each_party_does_its_own_part(stack, owned):
    tid = owned["team"]
    school, enterprise = auth(stack, SCHOOL, "school", "admin"), auth(stack, ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        for headers in (school, enterprise, auth(stack, ENTERPRISE, "enterprise", "mentor", "m-iso")):
            assert (await p.get(f"/v1/teams/{tid}/scorecards", headers=headers)).status_code == 200
        teams = (await p.get(f"/v1/projects/{owned['project']}/teams", headers=enterprise)).json()["items"]
        assert {t["id"] for t in teams} == {tid, owned["other_team"]}  # the enterprise sees its project's teams
        for headers, path, body in (
            (enterprise, f"/v1/teams/{tid}/dissolve", {"reason": "x"}),  # the school's to dissolve
            (
                school,
                f"/v1/teams/{tid}/metrics",
                {
                    "metrics": [
                        {
                            "name": "orders",
                            "value": 1,
                            "unit": "count",
                            "period_start": "2027-02-01",
                            "period_end": "2027-02-28",
                        }
                    ]
                },
            ),
            (
                enterprise,
                f"/v1/teams/{tid}/stages/product-selection/deliverables",
                {"kind": "plan", "title": "x", "file_ref": "f"},
            ),
            (school, f"/v1/teams/{tid}/peer-ratings", {"stage": "market-research", "ratee_ref": "stu-a", "score": 1}),
            (school, f"/v1/projects/{owned['project']}/publish", None),  # the school sees the project, owns nothing
        ):
            r = await p.post(path, headers=headers, json=body)
            assert r.status_code == 403, (path, r.text)


async def test_a_revoked_school_loses_the_project_at_once_and_keeps_its_records(stack, owned):
    school, enterprise = auth(stack, SCHOOL, "school", "admin"), auth(stack, ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        pid = await shared_project(p, enterprise, SCHOOL, pass_mark=0, credits=1)
        await p.post(
            f"/v1/projects/{pid}/material",
            headers=enterprise,
            json={"title": "Reviews", "kind": "dataset", "uri": "https://data.example.com/reviews-anon.csv"},
        )
        tid = await form(p, school, pid, ["stu-r1", "stu-r2"])
        assert (await p.get(f"/v1/projects/{pid}/material", headers=school)).status_code == 200
        revoked = await p.delete(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise)
        assert revoked.status_code == 200 and not revoked.json()["sees_project"], revoked.text
        for path in (f"/v1/projects/{pid}", f"/v1/projects/{pid}/material"):
            r = await p.get(path, headers=school)
            assert r.status_code == 404, (path, r.text)
        assert pid not in (await p.get("/v1/projects", headers=school)).text
        # The team and its records stay the school's; nothing more can be added.
        assert (await p.get(f"/v1/teams/{tid}", headers=school)).status_code == 200
        assert (await p.get(f"/v1/teams/{tid}/scorecards/stu-r1", headers=school)).status_code == 200
        frozen = await p.post(
            f"/v1/teams/{tid}/stages/market-research/deliverables",
            headers=school,
            json={"kind": "plan", "title": "Plan", "file_ref": "upload:2"},
        )
        assert frozen.status_code == 409 and frozen.json()["type"] == "urn:praxis:problem:access-revoked", frozen.text
        open_stages = await p.post(f"/v1/projects/{pid}/complete", headers=enterprise)
        assert open_stages.status_code == 409, open_stages.text  # its team's stages are not accepted
        assert open_stages.json()["type"] == "urn:praxis:problem:stages-not-accepted"
        assert open_stages.json()["teams"][0]["team_id"] == tid
        done = await p.post(
            f"/v1/projects/{pid}/complete", headers=enterprise, json={"force": True, "reason": "the school left"}
        )
        assert done.status_code == 200 and done.json()["credits_awarded"] == 2, done.text
        assert done.json()["project"]["completion_forced"] and done.json()["project"]["completion_reason"]
        credits = (await p.get(f"/v1/credits?project_id={pid}", headers=school)).json()["items"]
        assert sorted(c["student_ref"] for c in credits) == ["stu-r1", "stu-r2"]
        assert (await p.get(f"/v1/teams/{tid}/scorecards/stu-r2", headers=school)).json()["weighted_total"] == "0.00"
        # Shared again, the school sees it again.
        assert (await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise)).status_code == 200
        assert (await p.get(f"/v1/projects/{pid}", headers=school)).status_code == 200


async def test_bad_scores_ratings_metrics_and_deliverables_are_4xx_never_500(stack, owned):
    tid = owned["team"]
    teacher = auth(stack, SCHOOL, "school", "teacher", "t-iso")
    student = auth(stack, SCHOOL, "school", "student", "stu-a")
    enterprise = auth(stack, ENTERPRISE, "enterprise", "hr")

    def month(**point):
        return {"metrics": [{"period_start": "2027-03-01", "period_end": "2027-03-31", **point}]}

    cases = [
        (
            teacher,
            f"/v1/teams/{tid}/evaluations",
            {"student_ref": "stu-a", "scores": {"process": 101, "knowledge": 50}},
            422,
        ),
        (
            teacher,
            f"/v1/teams/{tid}/evaluations",
            {"student_ref": "stu-a", "scores": {"process": -1, "knowledge": 50}},
            422,
        ),
        (
            teacher,
            f"/v1/teams/{tid}/evaluations",
            {"student_ref": "stu-a", "scores": {"process": "x", "knowledge": 5}},
            422,
        ),
        (
            teacher,
            f"/v1/teams/{tid}/evaluations",
            {"student_ref": "stu-a", "scores": {"skills": 50, "qualities": 5}},
            422,
        ),
        (
            teacher,
            f"/v1/teams/{tid}/evaluations",
            {"student_ref": "stu-zz", "scores": {"process": 5, "knowledge": 5}},
            422,
        ),
        (teacher, f"/v1/teams/{tid}/evaluations", {"student_ref": "stu-a", "assessment": "final", "scores": {}}, 422),
        (
            student,
            f"/v1/teams/{tid}/peer-ratings",
            {"stage": "market-research", "ratee_ref": "stu-a", "score": 80},
            422,
        ),
        (student, f"/v1/teams/{tid}/peer-ratings", {"stage": "no-such-stage", "ratee_ref": "stu-b", "score": 80}, 422),
        (
            student,
            f"/v1/teams/{tid}/peer-ratings",
            {"stage": "market-research", "ratee_ref": "stu-b", "score": 100.5},
            422,
        ),
        (enterprise, f"/v1/teams/{tid}/metrics", month(name="orders", value=5, unit="pieces"), 422),
        (enterprise, f"/v1/teams/{tid}/metrics", month(name="likes", value=5, unit="count"), 422),
        (enterprise, f"/v1/teams/{tid}/metrics", month(name="gmv", value=5, unit="DOLLARS"), 422),
        (enterprise, f"/v1/teams/{tid}/metrics", month(name="conversion_rate", value=150, unit="percent"), 422),
        (enterprise, f"/v1/teams/{tid}/metrics", month(name="orders", value=-3, unit="count"), 422),
        (enterprise, f"/v1/teams/{tid}/metrics", {"metrics": []}, 422),
        (
            student,
            f"/v1/teams/{tid}/stages/product-selection/deliverables",
            {"kind": "plan", "title": "x", "link": "https://x.example", "file_ref": "upload:1"},
            422,
        ),
        (
            student,
            f"/v1/teams/{tid}/stages/product-selection/deliverables",
            {"kind": "plan", "title": "x", "link": "nope"},
            422,
        ),
        (
            student,
            f"/v1/teams/{tid}/stages/product-selection/deliverables",
            {"kind": "essay", "title": "x", "file_ref": "f"},
            422,
        ),
        (
            student,
            f"/v1/teams/{tid}/stages/Not A Stage/deliverables",
            {"kind": "plan", "title": "x", "file_ref": "f"},
            422,
        ),
        (
            student,
            "/v1/teams/not-a-uuid/peer-ratings",
            {"stage": "market-research", "ratee_ref": "stu-b", "score": 5},
            422,
        ),
    ]
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        for headers, path, body, expected in cases:
            r = await p.post(path, headers=headers, json=body)
            assert r.status_code == expected, (path, body, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
        nan = await p.post(
            f"/v1/teams/{tid}/evaluations",
            headers={**teacher, "content-type": "application/json"},
            content=b'{"student_ref": "stu-a", "scores": {"process": NaN, "knowledge": 50}}',
        )
        assert nan.status_code in (400, 422), nan.text
        broken = await p.post(
            f"/v1/teams/{tid}/evaluations", headers={**teacher, "content-type": "application/json"}, content=b"{"
        )
        assert broken.status_code == 400 and broken.json()["type"] == "urn:praxis:problem:malformed-request"
        key = {**auth(stack, SCHOOL, "school", "admin"), "Idempotency-Key": "team-iso-key"}
        first = await p.post(
            f"/v1/projects/{owned['project']}/teams",
            headers=key,
            json={"name": "K", "members": [{"student_ref": "k1"}, {"student_ref": "k2"}]},
        )
        again = await p.post(
            f"/v1/projects/{owned['project']}/teams",
            headers=key,
            json={"name": "K", "members": [{"student_ref": "k1"}, {"student_ref": "k2"}]},
        )
        assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
        assert again.headers["idempotent-replayed"] == "true"
        other = await p.post(
            f"/v1/projects/{owned['project']}/teams",
            headers=key,
            json={"name": "K2", "members": [{"student_ref": "k3"}, {"student_ref": "k4"}]},
        )
        assert other.status_code == 422, other.text
        full = await p.post(
            f"/v1/projects/{owned['project']}/teams",
            headers=auth(stack, SCHOOL, "school", "admin"),
            json={"name": "Dupe", "members": [{"student_ref": "stu-a"}, {"student_ref": "stu-q"}]},
        )
        assert full.status_code == 409 and full.json()["type"] == "urn:praxis:problem:already-in-a-team", full.text


async def test_grpc_applies_the_same_use_cases_rules_and_scoping(stack, owned):
    def md(org: str, kind: str, role: str, sub: str | None = None):
        return (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)

    school, enterprise = md(SCHOOL, "school", "admin"), md(ENTERPRISE, "enterprise", "hr")
    async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel:
        stub = pb_grpc.ProjectsServiceStub(channel)
        project = (await stub.GetProject(pb.GetProjectRequest(id=owned["project"]), metadata=school)).project
        assert (project.status, project.weights.teacher, len(project.stages)) == ("published", "0.3000", 6)
        team = (await stub.GetTeam(pb.GetTeamRequest(id=owned["team"]), metadata=enterprise)).team
        assert [m.student_ref for m in team.members] == MEMBERS
        assert [m.status for m in team.milestones][:2] == ["accepted", "not_started"]
        listed = await stub.ListTeams(pb.ListTeamsRequest(project_id=owned["project"]), metadata=enterprise)
        assert {t.id for t in listed.teams} >= {owned["team"], owned["other_team"]}
        card = (
            await stub.GetScorecard(pb.GetScorecardRequest(team_id=owned["team"], student_ref="stu-a"), metadata=school)
        ).scorecard
        assert {p.party: p.score for p in card.parts} == {
            "teacher": "75.00",
            "enterprise": "75.00",
            "platform": "70.00",  # 7 orders of a 10-order target
            "peer": "90.00",
        }
        assert (card.weighted_total, card.complete, [m.part for m in card.missing]) == ("77.00", True, ["baseline"])
        assert not card.HasField("value_added")
        made = await stub.CreateProject(
            pb.CreateProjectRequest(title="Via gRPC", starts_on=TODAY.isoformat(), ends_on=TODAY.isoformat()),
            metadata=enterprise,
        )
        assert made.project.status == "draft" and made.project.credits == "2.00"
        export = await stub.ExportCredits(pb.ExportCreditsRequest(), metadata=school)
        assert export.content.decode().startswith("student_ref,school_org,project_id,")
        refusals = [
            (
                stub.CreateProject(
                    pb.CreateProjectRequest(
                        title="Bad",
                        starts_on=TODAY.isoformat(),
                        ends_on=TODAY.isoformat(),
                        weights=pb.Weights(teacher="0.5", enterprise="0.5", platform="0.5", peer="0"),
                    ),
                    metadata=enterprise,
                ),
                grpc.StatusCode.INVALID_ARGUMENT,
            ),
            (
                stub.GetProject(
                    pb.GetProjectRequest(id=owned["project"]), metadata=md(OTHER_SCHOOL, "school", "admin")
                ),
                grpc.StatusCode.NOT_FOUND,
            ),
            (
                stub.GetTeam(pb.GetTeamRequest(id=owned["team"]), metadata=md(SCHOOL, "school", "student", "stu-c")),
                grpc.StatusCode.NOT_FOUND,
            ),
            (
                stub.RatePeer(
                    pb.RatePeerRequest(team_id=owned["team"], stage="market-research", ratee_ref="stu-b", score="101"),
                    metadata=md(SCHOOL, "school", "student", "stu-a"),
                ),
                grpc.StatusCode.INVALID_ARGUMENT,
            ),
            (
                stub.RecordMetrics(
                    pb.RecordMetricsRequest(
                        team_id=owned["team"],
                        metrics=[
                            pb.MetricPoint(
                                name="orders",
                                value="1",
                                unit="pieces",
                                period_start="2027-05-01",
                                period_end="2027-05-02",
                            )
                        ],
                    ),
                    metadata=enterprise,
                ),
                grpc.StatusCode.INVALID_ARGUMENT,
            ),
            (stub.GetTeam(pb.GetTeamRequest(id="not-a-uuid"), metadata=school), grpc.StatusCode.INVALID_ARGUMENT),
        ]
        for call, code in refusals:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await call
            assert refused.value.code() == code, refused.value.details()


async def test_a_retried_score_with_an_idempotency_key_is_recorded_once(stack, owned):
    teacher = {**auth(stack, SCHOOL, "school", "teacher", "t-iso"), "Idempotency-Key": "score-stu-b-1"}
    body = {"student_ref": "stu-b", "scores": {"process": 66, "knowledge": 77}}
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        first = await p.post(f"/v1/teams/{owned['team']}/evaluations", headers=teacher, json=body)
        again = await p.post(f"/v1/teams/{owned['team']}/evaluations", headers=teacher, json=body)
        assert first.status_code == again.status_code == 201, (first.text, again.text)
        assert first.json()["id"] == again.json()["id"] and again.headers["idempotent-replayed"] == "true"
        recorded = await p.get(f"/v1/teams/{owned['team']}/evaluations?student_ref=stu-b", headers=teacher)
        assert [e["score"] for e in recorded.json()["items"]] == ["71.50"]
