"""The projects gRPC API against real processes: a draft's terms, shared schools and material, a team's progress,
metrics, evaluations, peer ratings and scorecards over gRPC answer what REST answers, from the same use cases;
refusals carry the REST problem's status code."""

from __future__ import annotations

import json
from datetime import date, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
WAIT = 30  # seconds: a bounded wait for events to travel outbox → NATS → consumer
DEADLINE = 10.0
SCHOOL, ENTERPRISE = "school-pgrpc", "ent-pgrpc"
STUDENTS = ["pg-a", "pg-b"]


def meta(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)


@pytest.fixture(scope="module")
def people(stack: Stack) -> dict[str, tuple]:
    return {
        "school": meta(stack, SCHOOL, "school", "admin"),
        "enterprise": meta(stack, ENTERPRISE, "enterprise", "hr"),
        "teacher": meta(stack, SCHOOL, "school", "teacher", sub="t-pg"),  # the team's school mentor
        **{s: meta(stack, SCHOOL, "school", "student", sub=s) for s in STUDENTS},
    }


def rest(metadata: tuple) -> dict[str, str]:
    return {"Authorization": dict(metadata)["authorization"]}


@pytest.fixture
async def stub(stack: Stack):
    async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel:
        yield pb_grpc.ProjectsServiceStub(channel)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    return raised.value


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships, mentors, people) -> dict:
    """A published project of the enterprise, shared with the school, with material and a team of two students
    whose dual-mentor pair the mentors service has assigned."""
    async with (
        internships.client() as i,
        mentors.client() as m,
        httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p,
        grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel,
    ):
        call = pb_grpc.ProjectsServiceStub(channel)
        agreement = await internships.agreement(i, SCHOOL, ENTERPRISE)

        async def partnership_known():
            r = await p.get("/v1/partnerships", headers=rest(people["enterprise"]))
            return any(x["agreement_id"] == agreement for x in r.json()["items"])

        await eventually(partnership_known, timeout=WAIT, what="the agreement in the projects read model")
        await mentors.mentor(m, SCHOOL, "school", capacity=5, account="t-pg", display_name="Teacher")
        await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, account="m-pg", display_name="Host")
        project = (
            await call.CreateProject(
                pb.CreateProjectRequest(
                    title="Shopee store",
                    pass_mark="10",
                    starts_on=TODAY.isoformat(),
                    ends_on=(TODAY + timedelta(days=90)).isoformat(),
                    platform_targets={"orders": pb.Target(value="100", unit="count")},
                ),
                metadata=people["enterprise"],
                timeout=DEADLINE,
            )
        ).project
        return {"project": project}


async def test_a_drafts_terms_its_schools_and_its_material_over_grpc(stack, stub, world, people):
    """UpdateProject (a field mask onto the REST PATCH schema), ListSharedSchools, RemoveMaterial."""
    enterprise, pid = people["enterprise"], world["project"].id

    async def call(method: str, request, metadata=enterprise):
        return await getattr(stub, method)(request, metadata=metadata, timeout=DEADLINE)

    amended = (
        await call(
            "UpdateProject",
            pb.UpdateProjectRequest(
                id=pid,
                update_mask={"paths": ["title", "team_capacity", "weights"]},
                title="Shopee store, Malaysia",
                team_capacity=3,
                weights=pb.Weights(teacher="0.25", enterprise="0.35", platform="0.2", peer="0.2"),
                brief="not in the mask: unchanged",
            ),
        )
    ).project
    assert (amended.title, amended.team_capacity, amended.brief) == ("Shopee store, Malaysia", 3, "")
    assert (amended.weights.teacher, amended.weights.enterprise) == ("0.2500", "0.3500")
    for request, field in (
        (pb.UpdateProjectRequest(id=pid, update_mask={"paths": ["weights"]}), "weights"),  # all zero: not 1
        (pb.UpdateProjectRequest(id=pid, update_mask={"paths": ["status"]}), "update_mask"),
        (pb.UpdateProjectRequest(id="nope", update_mask={"paths": ["title"]}, title="x"), "id"),
    ):
        bad = await refused(call("UpdateProject", request))
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and field in bad.details(), request

    material = (
        await call(
            "AddMaterial",
            pb.AddMaterialRequest(project_id=pid, title="Orders", kind="dataset", uri="https://data.example.com/o.csv"),
        )
    ).material
    await call("PublishProject", pb.PublishProjectRequest(id=pid))
    fixed = await refused(
        call("UpdateProject", pb.UpdateProjectRequest(id=pid, update_mask={"paths": ["title"]}, title="Later"))
    )
    assert fixed.code() == grpc.StatusCode.FAILED_PRECONDITION
    await call("ShareProject", pb.ShareProjectRequest(id=pid, school_org=SCHOOL))
    schools = await call("ListSharedSchools", pb.ListSharedSchoolsRequest(id=pid))
    assert [(s.school_org, s.sees_project) for s in schools.schools] == [(SCHOOL, True)]
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        rest_schools = (await p.get(f"/v1/projects/{pid}/schools", headers=rest(enterprise))).json()["items"]
    assert [s["school_org"] for s in rest_schools] == [SCHOOL]
    seen_by_school = await call("ListMaterial", pb.ListMaterialRequest(project_id=pid), people["school"])
    assert [x.id for x in seen_by_school.material] == [material.id]

    assert await call("RemoveMaterial", pb.RemoveMaterialRequest(project_id=pid, material_id=material.id)) == (
        pb.RemoveMaterialResponse()
    )
    assert list((await call("ListMaterial", pb.ListMaterialRequest(project_id=pid))).material) == []
    gone = await refused(call("RemoveMaterial", pb.RemoveMaterialRequest(project_id=pid, material_id=material.id)))
    assert gone.code() == grpc.StatusCode.NOT_FOUND


async def test_a_teams_progress_metrics_and_scores_over_grpc_as_over_rest(stack, stub, world, people, mentors):
    """GetTeamProgress, ListMetrics, ListEvaluations, ListPeerRatings and GetTeamScorecards answer what the REST
    routes answer; a team the caller does not see is NOT_FOUND."""
    pid = world["project"].id

    async def call(method: str, request, metadata=people["enterprise"]):
        return await getattr(stub, method)(request, metadata=metadata, timeout=DEADLINE)

    if (await call("GetProject", pb.GetProjectRequest(id=pid))).project.status == "draft":  # run alone
        await call("PublishProject", pb.PublishProjectRequest(id=pid))
        await call("ShareProject", pb.ShareProjectRequest(id=pid, school_org=SCHOOL))
    team = (
        await call(
            "FormTeam",
            pb.FormTeamRequest(project_id=pid, name="Kite", members=[pb.Member(student_ref=s) for s in STUDENTS]),
            people["school"],
        )
    ).team

    async with mentors.client() as m, httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:

        async def paired():
            r = await m.get(f"/v1/students/{STUDENTS[0]}/mentors", headers=mentors.manager(SCHOOL, "school"))
            pair = [a for a in r.json().get("assignments", []) if a["context_id"] == team.id and a["mentor"]]
            return len(pair) == 2

        await eventually(paired, timeout=WAIT, what="the team's mentor pair")
        stage = team.milestones[0].stage
        await call(
            "SubmitDeliverable",
            pb.SubmitDeliverableRequest(
                team_id=team.id, stage=stage, kind="plan", title="Research", link="https://drive.example.edu/r"
            ),
            people[STUDENTS[0]],
        )
        await call(
            "ReviewStage",
            pb.ReviewStageRequest(team_id=team.id, stage=stage, decision="accepted"),
            people["teacher"],
        )
        progress = await call("GetTeamProgress", pb.GetTeamProgressRequest(team_id=team.id))
        rest_progress = (await p.get(f"/v1/teams/{team.id}/milestones", headers=rest(people["enterprise"]))).json()
        assert [(x.stage, x.status, x.open) for x in progress.milestones] == [
            (x["stage"], x["status"], x["open"]) for x in rest_progress["milestones"]
        ]
        assert progress.milestones[0].status == "accepted" and progress.milestones[1].open
        assert [d.id for d in progress.deliverables] == [d["id"] for d in rest_progress["deliverables"]]
        assert [r.decision for r in progress.reviews] == ["accepted"]

        week = TODAY - timedelta(days=7)
        await call(
            "RecordMetrics",
            pb.RecordMetricsRequest(
                team_id=team.id,
                metrics=[
                    pb.MetricPoint(
                        name="orders", value=str(n), unit="count", period_start=d.isoformat(), period_end=d.isoformat()
                    )
                    for n, d in ((40, week), (30, TODAY))
                ]
                + [
                    pb.MetricPoint(
                        name="sessions",
                        value="900",
                        unit="count",
                        period_start=TODAY.isoformat(),
                        period_end=TODAY.isoformat(),
                    )
                ],
            ),
        )
        orders = await call(
            "ListMetrics", pb.ListMetricsRequest(team_id=team.id, metric="orders", from_date=TODAY.isoformat())
        )
        rest_orders = (
            await p.get(
                f"/v1/teams/{team.id}/metrics",
                params={"metric": "orders", "from": TODAY.isoformat()},
                headers=rest(people["enterprise"]),
            )
        ).json()["items"]
        assert [(x.name, x.value) for x in orders.metrics] == [(x["name"], x["value"]) for x in rest_orders]
        assert [(x.name, x.value) for x in orders.metrics] == [("orders", "30.0000")]
        every = await call("ListMetrics", pb.ListMetricsRequest(team_id=team.id))
        assert sorted(x.name for x in every.metrics) == ["orders", "orders", "sessions"]
        bad = await refused(call("ListMetrics", pb.ListMetricsRequest(team_id=team.id, metric="Orders!")))
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and "metric" in bad.details()

        for student in STUDENTS:
            await call(
                "RecordEvaluation",
                pb.RecordEvaluationRequest(
                    team_id=team.id, student_ref=student, scores={"process": "70", "knowledge": "80"}
                ),
                people["teacher"],
            )
        one = await call("ListEvaluations", pb.ListEvaluationsRequest(team_id=team.id, student_ref=STUDENTS[1]))
        assert [(e.student_ref, e.party, e.score) for e in one.evaluations] == [(STUDENTS[1], "teacher", "75.00")]
        all_ = await call("ListEvaluations", pb.ListEvaluationsRequest(team_id=team.id))
        rest_all = (await p.get(f"/v1/teams/{team.id}/evaluations", headers=rest(people["enterprise"]))).json()["items"]
        assert [e.id for e in all_.evaluations] == [e["id"] for e in rest_all] and len(rest_all) == 2
        own = await call("ListEvaluations", pb.ListEvaluationsRequest(team_id=team.id), people[STUDENTS[0]])
        assert [e.student_ref for e in own.evaluations] == [STUDENTS[0]]

        await call(
            "RatePeer",
            pb.RatePeerRequest(team_id=team.id, stage=stage, ratee_ref=STUDENTS[1], score="90"),
            people[STUDENTS[0]],
        )
        ratings = await call("ListPeerRatings", pb.ListPeerRatingsRequest(team_id=team.id))
        assert [(r.rater_ref, r.ratee_ref, r.score) for r in ratings.ratings] == [(STUDENTS[0], STUDENTS[1], "90.00")]
        not_given = await call("ListPeerRatings", pb.ListPeerRatingsRequest(team_id=team.id), people[STUDENTS[1]])
        assert list(not_given.ratings) == []  # a student sees the ratings they gave

        cards = await call("GetTeamScorecards", pb.GetTeamScorecardsRequest(team_id=team.id))
        rest_cards = (await p.get(f"/v1/teams/{team.id}/scorecards", headers=rest(people["enterprise"]))).json()
        assert [(c.student_ref, c.weighted_total) for c in cards.scorecards] == [
            (c["student_ref"], c["weighted_total"]) for c in rest_cards["scorecards"]
        ]
        assert sorted(c.student_ref for c in cards.scorecards) == STUDENTS
        # Counts add up over the periods: 70 orders of the 100 targeted.
        assert cards.platform.score == rest_cards["platform"]["score"] == "70.00"
        assert [(x.metric, x.value) for x in cards.platform.metrics] == [("orders", "70.0000")]
        own_card = await call("GetTeamScorecards", pb.GetTeamScorecardsRequest(team_id=team.id), people[STUDENTS[1]])
        assert [c.student_ref for c in own_card.scorecards] == [STUDENTS[1]]

        stranger = meta(stack, "school-else-p", "school", "admin")
        for method, request in (
            ("GetTeamProgress", pb.GetTeamProgressRequest(team_id=team.id)),
            ("GetTeamScorecards", pb.GetTeamScorecardsRequest(team_id=team.id)),
            ("ListPeerRatings", pb.ListPeerRatingsRequest(team_id=team.id)),
        ):
            hidden = await refused(call(method, request, stranger))
            assert hidden.code() == grpc.StatusCode.NOT_FOUND, method

        # Completing settles the scorecards; both students pass the low pass mark and get a credit record.
        done = await call("CompleteProject", pb.CompleteProjectRequest(id=pid, force=True, reason="the season ended"))
        assert done.credits_awarded == 2
        exported = await call(
            "ExportCredits", pb.ExportCreditsRequest(project_id=pid, format=pb.EXPORT_FORMAT_JSON), people["school"]
        )
        rest_export = (
            await p.get(
                "/v1/credits/export", params={"format": "json", "project_id": pid}, headers=rest(people["school"])
            )
        ).json()
        document = json.loads(exported.content)
        assert (exported.content_type, exported.count, document["org"]) == ("application/json", 2, SCHOOL)
        assert document["credits"] == rest_export["credits"]
        csv = await call("ExportCredits", pb.ExportCreditsRequest(project_id=pid), people["school"])
        assert csv.content_type.startswith("text/csv") and len(csv.content.decode().splitlines()) == 3


async def test_the_project_team_and_credit_feeds_answer_over_grpc_what_rest_answers(stack, stub, world, people):
    """updated_since (docs/change-feeds.md): whatever the other tests changed, both edges list the same changes."""
    pid = world["project"].id
    outsider = meta(stack, "ent-pgrpc-other", "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        for method, request, field, path, params, who in (
            ("ListProjects", pb.ListProjectsRequest(updated_since="0"), "project", "/v1/projects", {}, "enterprise"),
            (
                "ListTeams",
                pb.ListTeamsRequest(updated_since="0", project_id=pid),
                "team",
                "/v1/teams",
                {"project_id": pid},
                "enterprise",
            ),
            ("ListCredits", pb.ListCreditsRequest(updated_since="0"), "credit", "/v1/credits", {}, "school"),
        ):

            async def both_edges(method=method, request=request, path=path, params=params, who=who):
                """The two reads, once no change settled between them (a change shows once every older
                transaction of the database server has ended; other modules' work shares the server)."""
                got = await getattr(stub, method)(request, metadata=people[who], timeout=DEADLINE)
                by_grpc = [getattr(c, c.WhichOneof("change")).id for c in got.changes]
                r = await p.get(
                    path, headers=rest(people[who]), params={"updated_since": "0", "page_size": 200, **params}
                )
                assert r.status_code == 200, r.text
                same = [i["id"] for i in r.json()["items"]] == by_grpc and r.json()["next_cursor"] == got.next_cursor
                return got if same else None

            got = await eventually(both_edges, timeout=15, what=f"{method} and GET {path} to list the same changes")
            assert all(c.WhichOneof("change") == field for c in got.changes)
        mine = await stub.ListProjects(pb.ListProjectsRequest(updated_since="0"), metadata=people["enterprise"])
        assert pid in [c.project.id for c in mine.changes]  # an enterprise's own project, in whatever state
        theirs = await stub.ListProjects(pb.ListProjectsRequest(updated_since="0"), metadata=outsider)
        assert pid not in [c.project.id for c in theirs.changes]
        bad = await refused(
            stub.ListTeams(pb.ListTeamsRequest(updated_since="x.y", project_id=pid), metadata=people["enterprise"])
        )
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
