"""Projects end to end: real internships, mentors and projects processes on real NATS JetStream and PostgreSQL,
driven through their REST and gRPC APIs only.

agreement (internships) → the partnership reaches projects → a project shared with the school → a team formed →
the mentors service assigns the team a school and an enterprise mentor (team.formed event) → deliverables for
every stage, accepted in order by those mentors (checked over gRPC) → four parties score → the scorecard shows
the weighted total and value-added → the project completes → the team's mentoring closes → credits exported as
CSV. A score from someone who is not the team's mentor of that side is refused by the real mentors service."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import date, timedelta

import grpc
import httpx
import pytest

from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
WAIT = 30  # seconds: a bounded wait for events to travel outbox → NATS → consumer
SCHOOL, ENTERPRISE = "school-proj", "ent-proj"
STUDENTS = ["stu-a", "stu-b", "stu-c"]


def bearer(stack: Stack, org: str, kind: str, *roles: str, sub: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.token(org, kind, *roles, sub=sub)}"}


@pytest.fixture(scope="module")
def people(stack: Stack) -> dict[str, dict[str, str]]:
    return {
        "school": bearer(stack, SCHOOL, "school", "admin"),
        "enterprise": bearer(stack, ENTERPRISE, "enterprise", "hr"),
        "teacher": bearer(stack, SCHOOL, "school", "teacher", sub="t-li"),  # the team's school mentor
        "host": bearer(stack, ENTERPRISE, "enterprise", "mentor", sub="m-wu"),  # its enterprise mentor
        "other teacher": bearer(stack, SCHOOL, "school", "teacher", sub="t-zhao"),  # a mentor, not this team's
        "teacher without a mentor record": bearer(stack, SCHOOL, "school", "teacher", sub="t-nobody"),
        "other enterprise's mentor": bearer(stack, "ent-else-p", "enterprise", "mentor", sub="m-else"),
        **{s: bearer(stack, SCHOOL, "school", "student", sub=s) for s in STUDENTS},
    }


async def paired(m: httpx.AsyncClient, people, student: str) -> dict | None:
    r = await m.get(f"/v1/students/{student}/mentors", headers=people["school"])
    if r.status_code != 200:
        return None
    pair = {a["side"]: a for a in r.json()["assignments"] if a["context_kind"] == "project"}
    return pair if len(pair) == 2 and all(a["status"] == "active" for a in pair.values()) else None


@asynccontextmanager
async def clients(stack: Stack, internships, mentors):
    """REST clients of internships, mentors and projects (each step opens its own: a test has its own loop)."""
    async with (
        internships.client() as i,
        mentors.client() as m,
        httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p,
    ):
        yield i, m, p


async def score(
    p: httpx.AsyncClient, people, tid: str, who: str, student: str, scores: dict, assessment: str = "progress"
) -> httpx.Response:
    return await p.post(
        f"/v1/teams/{tid}/evaluations",
        headers=people[who],
        json={"student_ref": student, "assessment": assessment, "scores": scores},
    )


# The scenario, step by step (each step starts from what the steps before it left in `steps`).


async def test_1_the_agreement_reaches_projects_as_a_partnership(stack, internships, mentors, people, steps):
    """Agreement → partnership known to projects."""
    async with clients(stack, internships, mentors) as (i, m, p):
        # Agreement → partnership known to projects.
        agreement = await internships.agreement(i, SCHOOL, ENTERPRISE)

        async def partnership_known():
            r = await p.get("/v1/partnerships", headers=people["enterprise"])
            return any(x["agreement_id"] == agreement for x in r.json()["items"])

        assert await eventually(partnership_known, timeout=WAIT, what="the agreement in the projects read model")

        steps["agreement"] = agreement


async def test_2_the_enterprise_shares_a_project_with_its_material_with_the_school(
    stack, internships, mentors, people, steps
):
    """Mentors of both sides; the enterprise's project, published and shared; visible to the school."""
    steps.after("agreement")
    async with clients(stack, internships, mentors) as (i, m, p):
        # Mentors of both sides (the school mentor's expertise matches the project).
        teacher = await mentors.mentor(
            m, SCHOOL, "school", capacity=5, account="t-li", expertise=["platform-operation"], display_name="Li"
        )
        host = await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, account="m-wu", display_name="Wu")

        # The enterprise's project, shared with the school.
        created = await p.post(
            "/v1/projects",
            headers=people["enterprise"],
            json={
                "title": "Lazada store for handmade ceramics",
                "brief": "Desensitised orders of our Malaysian store.",
                "competencies": ["platform-operation"],
                "team_capacity": 2,
                "min_team_size": 2,
                "max_team_size": 4,
                "credits": 2,
                "pass_mark": 60,
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=120)).isoformat(),
                "weights": {"teacher": 0.3, "enterprise": 0.3, "platform": 0.2, "peer": 0.2},
                "platform_targets": {"orders": {"value": 100, "unit": "count"}, "gmv": {"value": 10000, "unit": "CNY"}},
            },
        )
        assert created.status_code == 201, created.text
        project = created.json()
        pid = project["id"]
        assert [s["key"] for s in project["stages"]] == [
            "market-research",
            "product-selection",
            "store-opening",
            "marketing",
            "fulfilment",
            "after-sales",
        ]
        material = await p.post(
            f"/v1/projects/{pid}/material",
            headers=people["enterprise"],
            json={"title": "Orders 2025", "kind": "dataset", "uri": "https://data.example.com/orders-anon.csv"},
        )
        assert material.status_code == 201, material.text
        assert (await p.get(f"/v1/projects/{pid}", headers=people["school"])).status_code == 404  # not shared yet
        published = await p.post(f"/v1/projects/{pid}/publish", headers=people["enterprise"])
        assert published.json()["status"] == "published", published.text
        shared = await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=people["enterprise"])
        assert shared.status_code == 200 and shared.json()["sees_project"], shared.text

        # Visible to the school, with its material.
        seen = await p.get(f"/v1/projects/{pid}", headers=people["school"])
        assert seen.status_code == 200 and seen.json()["free_team_slots"] == 2, seen.text
        listed = await p.get("/v1/projects", headers=people["stu-a"])
        assert [x["id"] for x in listed.json()["items"]] == [pid]
        material = (await p.get(f"/v1/projects/{pid}/material", headers=people["school"])).json()["items"]
        assert [x["title"] for x in material] == ["Orders 2025"]

        steps["teacher"] = teacher
        steps["host"] = host
        steps["project"] = project
        steps["pid"] = pid


async def test_3_a_team_gets_a_school_and_an_enterprise_mentor(stack, internships, mentors, people, steps):
    """A team of three students; the mentors service assigns it a dual-mentor pair."""
    teacher, host, pid = steps["teacher"], steps["host"], steps["pid"]
    async with clients(stack, internships, mentors) as (i, m, p):
        # A team of three students; the mentors service assigns it a dual-mentor pair.
        formed = await p.post(
            f"/v1/projects/{pid}/teams",
            headers={**people["school"], "Idempotency-Key": "team-blue-1"},
            json={"name": "Blue Dragon Trading", "members": [{"student_ref": s} for s in STUDENTS]},
        )
        assert formed.status_code == 201, formed.text
        team = formed.json()
        tid = team["id"]
        assert [x["status"] for x in team["milestones"]] == ["not_started"] * 6
        assert [x["open"] for x in team["milestones"]] == [True] + [False] * 5
        for student in STUDENTS:
            pair = await eventually(
                lambda s=student: paired(m, people, s), timeout=WAIT, what=f"the team's mentors for {student}"
            )
            assert (pair["school"]["mentor"]["id"], pair["enterprise"]["mentor"]["id"]) == (teacher["id"], host["id"])
            assert {a["context_id"] for a in pair.values()} == {tid}
            assert pair["school"]["members"] == STUDENTS
        other_teacher = await mentors.mentor(m, SCHOOL, "school", capacity=5, account="t-zhao", display_name="Zhao")
        assert other_teacher["load"] == 0

        steps["tid"] = tid


async def test_4_every_stage_is_delivered_and_accepted_in_order(stack, internships, mentors, people, steps):
    """Deliverables, stage by stage, in order; each accepted by one of the team's mentors."""
    project, tid = steps["project"], steps["tid"]
    async with clients(stack, internships, mentors) as (i, m, p):
        # Deliverables, stage by stage, in order; each accepted by one of the team's mentors.
        stages = [s["key"] for s in project["stages"]]
        early = await p.post(
            f"/v1/teams/{tid}/stages/{stages[1]}/deliverables",
            headers=people["stu-a"],
            json={"kind": "plan", "title": "Too early", "link": "https://drive.example.edu/x"},
        )
        assert early.status_code == 409 and early.json()["type"] == "urn:praxis:problem:stage-locked", early.text
        for n, stage in enumerate(stages):
            submitted = await p.post(
                f"/v1/teams/{tid}/stages/{stage}/deliverables",
                headers=people[STUDENTS[n % 3]],
                json={
                    "kind": "project_report",
                    "title": f"{stage} report",
                    "link": f"https://drive.example.edu/{stage}",
                },
            )
            assert submitted.status_code == 201, submitted.text
            if n == 0:  # a mentor of the school, but not this team's: the mentors service says no
                refused = await p.post(
                    f"/v1/teams/{tid}/stages/{stage}/review",
                    headers=people["other teacher"],
                    json={"decision": "accepted"},
                )
                assert refused.status_code == 403, refused.text
            reviewer = "teacher" if n % 2 == 0 else "host"
            reviewed = await p.post(
                f"/v1/teams/{tid}/stages/{stage}/review", headers=people[reviewer], json={"decision": "accepted"}
            )
            assert reviewed.status_code == 200, reviewed.text
            assert reviewed.json()["side"] == ("school" if reviewer == "teacher" else "enterprise")
        progress = (await p.get(f"/v1/teams/{tid}/milestones", headers=people["enterprise"])).json()
        assert [x["status"] for x in progress["milestones"]] == ["accepted"] * 6
        assert len(progress["deliverables"]) == len(progress["reviews"]) == 6


async def test_5_four_parties_score_and_only_the_teams_mentors_may(stack, internships, mentors, people, steps):
    """Baselines, progress scores, peer ratings, metrics; a mentor not the team's is refused."""
    teacher, host, tid = steps["teacher"], steps["host"], steps["tid"]
    async with clients(stack, internships, mentors) as (i, m, p):
        # Four parties score. Baselines first, then progress assessments.
        for student in STUDENTS:
            for who, scores in (
                ("teacher", {"process": 50, "knowledge": 50}),
                ("host", {"skills": 40, "qualities": 60}),
            ):
                r = await score(p, people, tid, who, student, scores, "baseline")
                assert r.status_code == 201, r.text
        progress_scores = {
            "stu-a": ({"process": 80, "knowledge": 90}, {"skills": 75, "qualities": 85}),
            "stu-b": ({"process": 70, "knowledge": 70}, {"skills": 60, "qualities": 70}),
            "stu-c": ({"process": 40, "knowledge": 40}, {"skills": 30, "qualities": 50}),
        }
        for student, (by_teacher, by_host) in progress_scores.items():
            assert (await score(p, people, tid, "teacher", student, by_teacher)).status_code == 201
            assert (await score(p, people, tid, "host", student, by_host)).status_code == 201
        for rater, ratee, value in (
            ("stu-a", "stu-b", 80),
            ("stu-a", "stu-c", 60),
            ("stu-b", "stu-a", 90),
            ("stu-b", "stu-c", 50),
            ("stu-c", "stu-a", 100),
            ("stu-c", "stu-b", 70),
        ):
            r = await p.post(
                f"/v1/teams/{tid}/peer-ratings",
                headers=people[rater],
                json={"stage": "market-research", "ratee_ref": ratee, "score": value},
            )
            assert r.status_code == 201, r.text
        metrics = await p.post(
            f"/v1/teams/{tid}/metrics",
            headers=people["enterprise"],
            json={
                "metrics": [
                    {
                        "name": "orders",
                        "value": 50,
                        "unit": "count",
                        "period_start": "2027-04-01",
                        "period_end": "2027-04-30",
                    },
                    {
                        "name": "orders",
                        "value": 30,
                        "unit": "count",
                        "period_start": "2027-05-01",
                        "period_end": "2027-05-31",
                    },
                    {
                        "name": "gmv",
                        "value": 12000,
                        "unit": "CNY",
                        "period_start": "2027-04-01",
                        "period_end": "2027-05-31",
                    },
                ]
            },
        )
        assert metrics.status_code == 201 and len(metrics.json()["items"]) == 3, metrics.text

        # Not the team's mentor of that side: refused, as the real mentors service answers.
        for who in ("other teacher", "teacher without a mentor record"):
            refused = await score(p, people, tid, who, "stu-a", {"process": 100, "knowledge": 100})
            assert refused.status_code == 403 and refused.json()["type"] == "urn:praxis:problem:forbidden", refused.text
        outsider = await score(p, people, tid, "other enterprise's mentor", "stu-a", {"skills": 100, "qualities": 100})
        assert outsider.status_code == 404, outsider.text
        history = (await p.get(f"/v1/teams/{tid}/evaluations", headers=people["school"])).json()["items"]
        assert {e["evaluator"] for e in history} == {"t-li", "m-wu"} and len(history) == 12
        assert {e["mentor_id"] for e in history} == {teacher["id"], host["id"]}


async def test_6_the_scorecard_weighs_the_parties_and_shows_the_growth(stack, internships, mentors, people, steps):
    """The weighted total and value-added, over REST and gRPC."""
    tid = steps["tid"]
    async with clients(stack, internships, mentors) as (i, m, p):
        # The scorecard: 0.3 teacher + 0.3 enterprise + 0.2 platform + 0.2 peer, and growth from the baseline.
        card = (await p.get(f"/v1/teams/{tid}/scorecards/stu-a", headers=people["school"])).json()
        assert {x["party"]: x["score"] for x in card["parts"]} == {
            "teacher": "85.00",  # (80 + 90) / 2
            "enterprise": "80.00",  # (75 + 85) / 2
            "platform": "90.00",  # orders 80 / 100, gmv capped at 1: mean 0.9
            "peer": "95.00",  # (90 + 100) / 2
        }
        assert (card["weighted_total"], card["complete"], card["passes"]) == ("86.50", True, True)
        assert card["missing"] == []
        assert card["value_added"] == {
            "baseline": "50.00",
            "latest": "82.50",
            "absolute": "32.50",
            "relative": "0.6500",
            "parties": ["teacher", "enterprise"],
        }
        team_cards = (await p.get(f"/v1/teams/{tid}/scorecards", headers=people["enterprise"])).json()
        assert {c["student_ref"]: c["weighted_total"] for c in team_cards["scorecards"]} == {
            "stu-a": "86.50",
            "stu-b": "73.50",
            "stu-c": "53.00",
        }
        own = (await p.get(f"/v1/teams/{tid}/scorecards", headers=people["stu-b"])).json()["scorecards"]
        assert [c["student_ref"] for c in own] == ["stu-b"]
        assert (await p.get(f"/v1/teams/{tid}/scorecards/stu-a", headers=people["stu-b"])).status_code == 404

        # The same scorecard over gRPC.
        async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel:
            stub = pb_grpc.ProjectsServiceStub(channel)
            metadata = (("authorization", people["teacher"]["Authorization"]),)
            reply = await stub.GetScorecard(pb.GetScorecardRequest(team_id=tid, student_ref="stu-b"), metadata=metadata)
            assert (reply.scorecard.weighted_total, reply.scorecard.value_added.absolute) == ("73.50", "17.50")


async def test_7_completing_the_project_closes_the_teams_mentoring(stack, internships, mentors, people, steps):
    """Credits for those at or above the pass mark; the team's mentoring closes."""
    pid, tid = steps["pid"], steps["tid"]
    async with clients(stack, internships, mentors) as (i, m, p):
        # Completion: credits for those at or above the pass mark; the team's mentoring closes.
        completed = await p.post(f"/v1/projects/{pid}/complete", headers=people["enterprise"])
        assert completed.status_code == 200, completed.text
        assert (completed.json()["credits_awarded"], completed.json()["teams_completed"]) == (2, [tid])

        async def mentoring_closed():
            r = await m.get("/v1/students/stu-a/mentors?include_ended=true", headers=people["school"])
            ended = [a for a in r.json()["assignments"] if a["context_id"] == tid]
            return len(ended) == 2 and all(a["status"] == "ended" for a in ended) and ended

        ended = await eventually(mentoring_closed, timeout=WAIT, what="the team's mentoring closed")
        assert {a["end_reason"] for a in ended} == {"completed"}


async def test_8_credits_are_exported_as_csv_and_json(stack, internships, mentors, people, steps):
    """The credits export, as CSV and as JSON."""
    pid, tid = steps["pid"], steps["tid"]
    async with clients(stack, internships, mentors) as (i, m, p):
        exported = await p.get("/v1/credits/export?format=csv", headers=people["school"])
        assert exported.status_code == 200, exported.text
        assert exported.headers["content-type"] == "text/csv; charset=utf-8"
        assert exported.headers["content-disposition"].startswith('attachment; filename="credits-school-proj-')
        as_json = (await p.get("/v1/credits/export?format=json", headers=people["school"])).json()
        awarded_on = {c["awarded_on"] for c in as_json["credits"]}
        assert len(awarded_on) == 1 and as_json["count"] == 2
        day = awarded_on.pop()
        lines = exported.text.split("\r\n")
        assert (
            lines[0]
            == "student_ref,school_org,project_id,project_title,enterprise_org,team_id,credits,score,awarded_on"
        )
        assert sorted(lines[1:-1]) == [
            f"stu-a,{SCHOOL},{pid},Lazada store for handmade ceramics,{ENTERPRISE},{tid},2.00,86.50,{day}",
            f"stu-b,{SCHOOL},{pid},Lazada store for handmade ceramics,{ENTERPRISE},{tid},2.00,73.50,{day}",
        ]
        assert lines[-1] == ""  # CRLF after the last row; stu-c (53.00) earned no credit
        assert [c["student_ref"] for c in (await p.get("/v1/credits", headers=people["stu-c"])).json()["items"]] == []
