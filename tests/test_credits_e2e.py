"""Grades and the school's credit ledger over real processes (internships and projects on real NATS JetStream and
PostgreSQL), driven through REST and gRPC only.

A project completes with a passing student (projects' credit.awarded) and the same student's placement completes
(graded at completion: placement.graded) → both reach the school's credit ledger in internships, kept from events →
the school amends the placement's grade with a reason → the ledger follows the new revision → the CSV, JSON and
OneRoster 1.2 downloads list both entries with matching per-student totals; the same over gRPC. Who may see what:
another school, an enterprise, another student → 404/403, never an entry."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import grpc
import httpx

from praxis.internships.v1 import course_pb2, course_pb2_grpc
from praxis.internships.v1 import credits_pb2 as pb
from praxis.internships.v1 import credits_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
WAIT = 30  # seconds: a bounded wait for events to travel outbox → NATS → consumer
SCHOOL, ENTERPRISE, STUDENT = "school-cred", "ent-cred", "stu-cred-1"


def auth(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> dict[str, str]:
    return stack.auth(org, kind, role, sub=sub)


async def ledger(c: httpx.AsyncClient, headers, **params) -> dict:
    r = await c.get("/v1/credit-ledger", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def test_1_a_project_completes_with_a_passing_student(stack, internships, steps):
    """Agreement → partnership in projects → a shared project, a team of one, completed: credit.awarded."""
    school, enterprise = auth(stack, SCHOOL, "school", "admin"), auth(stack, ENTERPRISE, "enterprise", "hr")
    async with internships.client() as i, httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        agreement = await internships.agreement(i, SCHOOL, ENTERPRISE)

        async def partnership_known():
            r = await p.get("/v1/partnerships", headers=enterprise)
            return any(x["agreement_id"] == agreement for x in r.json()["items"])

        assert await eventually(partnership_known, timeout=WAIT, what="the agreement in the projects read model")
        created = await p.post(
            "/v1/projects",
            headers=enterprise,
            json={
                "title": "Shopee store for tea",
                "brief": "Desensitised orders.",
                "competencies": ["platform-operation"],
                "team_capacity": 1,
                "min_team_size": 1,
                "max_team_size": 2,
                "credits": 2,
                "pass_mark": 0,  # everyone on the team passes: the scores are not what this test is about
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=60)).isoformat(),
                "weights": {"teacher": 0.3, "enterprise": 0.3, "platform": 0.2, "peer": 0.2},
            },
        )
        assert created.status_code == 201, created.text
        pid = created.json()["id"]
        assert (await p.post(f"/v1/projects/{pid}/publish", headers=enterprise)).status_code == 200
        assert (await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise)).status_code == 200
        team = await p.post(
            f"/v1/projects/{pid}/teams", headers=school, json={"name": "Tea", "members": [{"student_ref": STUDENT}]}
        )
        assert team.status_code == 201, team.text
        done = await p.post(
            f"/v1/projects/{pid}/complete", headers=enterprise, json={"force": True, "reason": "season over"}
        )
        assert done.status_code == 200 and done.json()["credits_awarded"] == 1, done.text
    steps["project"] = pid


async def test_2_a_completed_placement_is_graded_on_the_programme(stack, internships, start_placement, steps):
    """The programme's terms; the placement completes; revision 1 of its grade (no scores yet: total 0, a fail)."""
    school, enterprise = auth(stack, SCHOOL, "school", "admin"), auth(stack, ENTERPRISE, "enterprise", "hr")
    async with internships.client() as c:
        req = await c.put(
            "/v1/programme-requirements/post_internship",
            headers=school,
            json={
                "required_hours": "0",
                "min_weeks": 0,
                "pass_mark": "60",
                "credits": "4",
                "grade_scale": "five_level",
            },
        )
        assert req.status_code == 200 and req.json()["credits"] == "4.00", req.text
        assert [b["grade"] for b in req.json()["grade_bands"]] == ["优", "良", "中", "及格", "不及格"]
        placement = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=TODAY, duties=[{"name": "listings", "kind": "core"}]
        )
        pid = placement["id"]
        assert (await c.get(f"/v1/placements/{pid}/grade", headers=school)).status_code == 404  # not completed yet
        done = await c.post(
            f"/v1/placements/{pid}/complete", headers=enterprise, json={"force": True, "reason": "store closed"}
        )
        assert done.json()["status"] == "completed", done.text
        grade = (await c.get(f"/v1/placements/{pid}/grade", headers=school)).json()
        assert (grade["current"]["revision"], grade["current"]["grade"], grade["current"]["passed"]) == (
            1,
            "不及格",
            False,
        )
        assert (grade["current"]["credits"], grade["credits_of_pass"], grade["complete"]) == ("0.00", "4.00", False)
    steps["placement"] = pid


async def test_3_both_reach_the_schools_ledger_from_events(stack, internships, steps):
    pid, project = steps["placement"], steps["project"]
    school = auth(stack, SCHOOL, "school", "coordinator")
    async with internships.client() as c:

        async def both():
            found = await ledger(c, school, student_ref=STUDENT)
            kinds = {e["source_kind"]: e for e in found["items"]}
            return kinds if set(kinds) == {"placement", "project"} else None

        entries = await eventually(both, timeout=WAIT, what="the placement and the project in the ledger")
        backwards = await c.get("/v1/credit-ledger", headers=school, params={"from": "2030-01-02", "to": "2030-01-01"})
        assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "to", backwards.text
        bad_kind = await c.get("/v1/credit-ledger/export", headers=school, params={"source_kind": "course"})
        assert bad_kind.status_code == 422 and "source_kind" in bad_kind.text, bad_kind.text
        assert entries["project"]["source_id"] == project and entries["project"]["credits"] == "2.00"
        assert (entries["project"]["grade"], entries["project"]["title"]) == (None, "Shopee store for tea")
        placement = entries["placement"]
        assert (placement["source_id"], placement["credits"], placement["passed"]) == (pid, "0.00", False)
        assert placement["title"] == "Store operations intern"


async def test_4_the_school_amends_the_grade_and_the_ledger_follows(stack, internships, steps):
    pid = steps["placement"]
    school = auth(stack, SCHOOL, "school", "admin", sub="dean")
    async with internships.client() as c:
        missing = await c.post(f"/v1/placements/{pid}/grade/amendments", headers=school, json={"total": "88"})
        assert missing.status_code == 422 and "reason" in missing.text, missing.text
        off_scale = await c.post(
            f"/v1/placements/{pid}/grade/amendments", headers=school, json={"grade": "A", "reason": "x"}
        )
        assert off_scale.status_code == 422 and off_scale.json()["errors"][0]["field"] == "grade", off_scale.text
        body = {"total": "88", "reason": "the mentors' final scores arrived after completion"}
        key = {"Idempotency-Key": f"amend-{pid}"}
        amended = await c.post(f"/v1/placements/{pid}/grade/amendments", headers=school | key, json=body)
        assert amended.status_code == 201, amended.text
        assert amended.headers["Location"] == f"/v1/placements/{pid}/grade"
        again = await c.post(f"/v1/placements/{pid}/grade/amendments", headers=school | key, json=body)
        assert again.headers["Idempotent-Replayed"] == "true" and again.json() == amended.json()  # no revision 3
        current = amended.json()["current"]
        assert (current["revision"], current["grade"], current["passed"], current["credits"]) == (2, "良", True, "4.00")
        history = await c.get(f"/v1/placements/{pid}/grade", headers=auth(stack, SCHOOL, "school", "student", STUDENT))
        assert [(r["revision"], r["graded_by"]) for r in history.json()["history"]] == [(1, "system"), (2, "dean")]

        async def amended_in_ledger():
            found = await ledger(c, school, student_ref=STUDENT, source_kind="placement")
            return found if found["items"] and found["items"][0]["revision"] == 2 else None

        found = await eventually(amended_in_ledger, timeout=WAIT, what="revision 2 in the ledger")
        assert (found["items"][0]["credits"], found["items"][0]["grade"]) == ("4.00", "良")
        everything = await ledger(c, school, student_ref=STUDENT)
        assert everything["totals"] == [{"student_ref": STUDENT, "credits": "6.00", "entries": 2, "passed": 2}]


async def test_5_csv_json_and_oneroster_list_both_with_the_same_totals(stack, internships, steps):
    school = auth(stack, SCHOOL, "school", "admin")
    async with internships.client() as c:
        as_csv = await c.get("/v1/credit-ledger/export", headers=school, params={"format": "csv"})
        assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv"), as_csv.text
        assert as_csv.headers["content-disposition"].startswith('attachment; filename="credit-ledger-school-cred-')
        rows = [r for r in csv.DictReader(io.StringIO(as_csv.text)) if r["student_ref"] == STUDENT]
        as_json = (await c.get("/v1/credit-ledger/export", headers=school, params={"format": "json"})).json()
        items = [r for r in as_json if r["student_ref"] == STUDENT]
        with zipfile.ZipFile(io.BytesIO((await c.get("/v1/credit-ledger/oneroster", headers=school)).content)) as z:
            assert {"manifest.csv", "lineItems.csv", "results.csv"} <= set(z.namelist())
            results = [r for r in csv.DictReader(io.StringIO(z.read("results.csv").decode())) if r["studentSourcedId"]]
            line_items = {r["sourcedId"] for r in csv.DictReader(io.StringIO(z.read("lineItems.csv").decode()))}
        summary = (await c.get(f"/v1/credit-ledger/students/{STUDENT}", headers=school)).json()
    sources = {(steps["placement"], "placement"), (steps["project"], "project")}
    assert {(r["source_id"], r["source_kind"]) for r in rows} == sources
    assert {(r["source_id"], r["source_kind"]) for r in items} == sources
    mine = [r for r in results if r["studentSourcedId"] == STUDENT]
    assert {r["lineItemSourcedId"] for r in mine} == {f"{k}-{i}" for i, k in sources} and line_items >= {
        r["lineItemSourcedId"] for r in mine
    }
    assert {r["textScore"] for r in mine} == {"良", ""} and {r["scoreStatus"] for r in mine} == {"fully graded"}
    total = Decimal("6.00")
    assert sum(Decimal(r["credits"]) for r in rows) == sum(Decimal(r["credits"]) for r in items) == total
    assert sum(Decimal(r["comment"].split()[1].rstrip(";")) for r in mine) == total
    assert Decimal(summary["credits"]) == total and summary["entry_count"] == 2


async def test_6_outsiders_get_404_or_403_never_an_entry(stack, internships, steps):
    """Every new route × another school, the placement's enterprise, another enterprise, another student, an
    enterprise mentor of another placement (of another enterprise, and of the placement's own)."""
    pid = steps["placement"]
    outsiders = {
        "another school": (auth(stack, "school-cred-else", "school", "admin"), "404", "empty"),
        "the placement's enterprise": (auth(stack, ENTERPRISE, "enterprise", "hr"), "403", "403"),
        "another enterprise": (auth(stack, "ent-cred-else", "enterprise", "hr"), "404", "403"),
        "another student": (auth(stack, SCHOOL, "school", "student", "stu-cred-9"), "404", "empty"),
        "a mentor of another placement": (auth(stack, "ent-cred-else", "enterprise", "mentor", "m-x"), "404", "403"),
        # the enterprise's own mentor account, not this placement's: its scorecard is not theirs, nor is its grade
        "the enterprise's mentor of another placement": (
            auth(stack, ENTERPRISE, "enterprise", "mentor", f"{ENTERPRISE}:not-assigned"),
            "404",
            "403",
        ),
    }
    routes = [
        ("GET", f"/v1/placements/{pid}/grade", "grade"),
        ("POST", f"/v1/placements/{pid}/grade/amendments", "amend"),
        ("GET", "/v1/credit-ledger", "list"),
        ("GET", f"/v1/credit-ledger/students/{STUDENT}", "summary"),
        ("GET", "/v1/credit-ledger/export?format=json", "list"),
        ("GET", "/v1/credit-ledger/export?format=csv", "list"),
        ("GET", "/v1/credit-ledger/oneroster", "list"),
    ]
    async with internships.client() as c:
        for who, (headers, on_placement, on_ledger) in outsiders.items():
            for method, path, kind in routes:
                body = {"total": "100", "reason": "outsider"} if method == "POST" else None
                r = await c.request(method, path, headers=headers, json=body)
                where = f"{who}: {method} {path}"
                if kind in ("grade", "amend"):
                    expected = {"grade": on_placement, "amend": "403" if on_placement == "403" else "404"}[kind]
                    if who == "the placement's enterprise" and kind == "grade":
                        assert r.status_code == 200, where  # a party of the placement reads its grade
                        continue
                    assert str(r.status_code) == expected, f"{where}: {r.status_code} {r.text}"
                elif kind == "summary":
                    assert r.status_code == (403 if on_ledger == "403" else 404), f"{where}: {r.text}"
                elif on_ledger == "403":
                    assert r.status_code == 403, f"{where}: {r.text}"
                    assert r.headers["content-type"].startswith("application/problem+json"), where
                else:
                    assert r.status_code == 200, f"{where}: {r.text}"
                    assert STUDENT not in r.text, where
        grade = (await c.get(f"/v1/placements/{pid}/grade", headers=auth(stack, SCHOOL, "school", "admin"))).json()
        assert grade["current"]["revision"] == 2  # no outsider amended it


async def test_7_the_ledger_and_a_students_credits_over_grpc(stack, steps):
    def meta(org, kind, role, sub=None):
        token = stack.token(org, kind, role, sub=sub)
        return (("authorization", f"Bearer {token}"),)

    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.CreditsServiceStub(channel)
        listed = await stub.ListCreditLedger(
            pb.ListCreditLedgerRequest(student_ref=STUDENT), metadata=meta(SCHOOL, "school", "admin")
        )
        assert {(e.source_kind, e.credits) for e in listed.entries} == {("placement", "4.00"), ("project", "2.00")}
        assert [(t.student_ref, t.credits) for t in listed.totals] == [(STUDENT, "6.00")]
        mine = await stub.GetStudentCredits(
            pb.GetStudentCreditsRequest(student_ref=STUDENT), metadata=meta(SCHOOL, "school", "student", STUDENT)
        )
        assert (mine.total.credits, mine.total.entries) == ("6.00", 2)
        grade = await stub.GetPlacementGrade(
            pb.GetPlacementGradeRequest(placement_id=steps["placement"]), metadata=meta(ENTERPRISE, "enterprise", "hr")
        )
        assert (grade.grade.current.revision, grade.grade.current.grade) == (2, "良")
        for call, code in (
            (stub.ListCreditLedger(pb.ListCreditLedgerRequest(), metadata=meta(ENTERPRISE, "enterprise", "hr")),
             grpc.StatusCode.PERMISSION_DENIED),
            (stub.GetStudentCredits(pb.GetStudentCreditsRequest(student_ref=STUDENT),
                                    metadata=meta("school-cred-else", "school", "admin")),
             grpc.StatusCode.NOT_FOUND),
            (stub.ListCreditLedger(pb.ListCreditLedgerRequest(source_kind="course"),
                                   metadata=meta(SCHOOL, "school", "admin")),
             grpc.StatusCode.INVALID_ARGUMENT),
            (stub.AmendPlacementGrade(pb.AmendPlacementGradeRequest(placement_id=steps["placement"], total="101",
                                                                    reason="x"),
                                      metadata=meta(SCHOOL, "school", "admin")),
             grpc.StatusCode.INVALID_ARGUMENT),
        ):  # fmt: skip
            try:
                await call
                raise AssertionError(f"expected {code}")
            except grpc.aio.AioRpcError as err:
                assert err.code() == code, err.details()


async def test_8_a_programmes_grading_terms_over_grpc(stack):
    admin = (("authorization", f"Bearer {stack.token(SCHOOL, 'school', 'admin')}"),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        course = course_pb2_grpc.CourseServiceStub(channel)
        bands = [course_pb2.GradeBand(grade="Pass", min_total="50"), course_pb2.GradeBand(grade="Fail", min_total="0")]
        made = await course.SetRequirement(
            course_pb2.SetRequirementRequest(
                internship_type="observation", required_hours="0", pass_mark="50", credits="1.5",
                grade_scale="custom", grade_bands=bands,
            ),
            metadata=admin,
        )  # fmt: skip
        r = made.requirement
        assert (r.pass_mark, r.credits, r.grade_scale, [b.grade for b in r.grade_bands]) == (
            "50.00",
            "1.50",
            "custom",
            ["Pass", "Fail"],
        )
        for wrong in (
            {"grade_scale": "custom"},  # no bands
            {"grade_scale": "custom", "grade_bands": list(reversed(bands))},  # minimums must fall
            {"pass_mark": "101"},
        ):
            try:
                await course.SetRequirement(
                    course_pb2.SetRequirementRequest(internship_type="observation", required_hours="0", **wrong),
                    metadata=admin,
                )
                raise AssertionError(f"accepted {wrong}")
            except grpc.aio.AioRpcError as err:
                assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, err.details()
