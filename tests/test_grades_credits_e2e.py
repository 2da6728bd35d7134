"""Issue 13's acceptance path over real processes (internships, mentors and projects on real NATS JetStream and
PostgreSQL), driven through REST only, as a school's academic office would see it:

1. an agreement; the school proposes a post_internship rubric, the enterprise proposes a version adding an employee
   indicator of its own, the school accepts it: that version is the agreed one;
2. a placement of the student (started five weeks ago, ending in three days: the midterm and final windows are open),
   its school and enterprise mentors created in the mentors service and known to internships, signed, insured, started;
3. three weeks of attendance, logbooks approved by the enterprise mentor, weekly reports accepted by the school mentor;
4. midterm and final scores by both mentors (checked by the real mentors service) and the student;
5. the scorecard: every part there, the data score from those records, value-added from midterm to final, and the
   weighted total equal to Σ indicator weight × indicator score computed here from what was posted and measured;
6. the programme's grading terms (pass mark 65, 4 credits, five-level scale); the placement completes → its grade is
   the scorecard's total, its band, passed, 4 credits, revision 1, and placement.graded is published;
7. a project of the same enterprise, a team of the same school with the same student, scored by the team's mentors
   and completed: the student earns its 2 credits;
8. the school's credit ledger lists both entries, and the list, the CSV and JSON exports, the OneRoster ZIP and the
   student's summary agree on them and on the student's total of 6 credits;
9. (issue 18) the passed placement's credential: asked and signed by the school, countersigned by the host
   enterprise, seen by no one else; it verifies with `praxis credential verify` and with PyJWT, fails with one byte
   changed, and once revoked fails with the school's reason;
10. (issue 18) a competition badge from outside, verified and recorded (a tampered one refused with a 422),
   weighed by the school: in the credit ledger, in the placement's `achievements` measure, and in a rubric."""

from __future__ import annotations

import base64
import csv
import io
import json
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import httpx
import jwt
from evaluation_world import ENTERPRISE_RUBRIC, SCHOOL_RUBRIC, indicator
from weekly_report_world import FIRST, school_mentor_known

from praxis_dev.testing.outside_issuer import OutsideIssuer
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
ENDS = TODAY + timedelta(days=3)  # the final window opens 7 days before the last day
WAIT = 30  # seconds: a bounded wait for events to travel outbox → NATS → consumer
SCHOOL, ENTERPRISE, STUDENT = "school-acc", "ent-acc", "stu-acc-1"
TEACHER, HOST = f"{SCHOOL}:zhou", f"{ENTERPRISE}:lin"  # the student's mentors, in the placement and the project
DUTIES = [{"name": "listings", "kind": "core"}, {"name": "customer chat", "kind": "peripheral"}]
WEEKS = [FIRST + timedelta(days=7 * n) for n in range(3)]  # the three weeks the student records
REQUIRED_HOURS = Decimal(120)
PASS_MARK = Decimal(65)  # the programme's, not the default 60
FIVE_LEVEL = [("优", 90), ("良", 80), ("中", 70), ("及格", 60), ("不及格", 0)]  # docs/credits.md
# What the mentors and the student give, by window; the keys are the agreed version's indicators of each party.
GIVEN = {
    "midterm": {
        "school_mentor": {"knowledge": 70},
        "enterprise_mentor": {"skills": 65, "customer_care": 72},
        "self": {"reflection": 75},
    },
    "final": {
        "school_mentor": {"knowledge": 88},
        "enterprise_mentor": {"skills": 91, "customer_care": 84},
        "self": {"reflection": 82},
    },
}


def q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def client(stack: Stack, service: str = "internships") -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack[service].base_url, timeout=30)


def ok(r: httpx.Response, *statuses: int) -> dict:
    assert r.status_code in (statuses or (200,)), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()


def people(stack: Stack) -> dict[str, dict[str, str]]:
    return {
        "school": stack.auth(SCHOOL, "school", "admin"),
        "office": stack.auth(SCHOOL, "school", "coordinator"),  # the academic office
        "enterprise": stack.auth(ENTERPRISE, "enterprise", "hr"),
        "school_mentor": stack.auth(SCHOOL, "school", "teacher", sub=TEACHER),
        "enterprise_mentor": stack.auth(ENTERPRISE, "enterprise", "mentor", sub=HOST),
        "self": stack.auth(SCHOOL, "school", "student", sub=STUDENT),
    }


def party_score(weights: dict[str, Decimal], scores: dict[str, Decimal]) -> Decimal:
    """A party's score on its indicators: their weighted mean."""
    return q(sum(weights[k] * Decimal(v) for k, v in scores.items()) / sum(weights[k] for k in scores))


def band(total: Decimal) -> str:
    return next(grade for grade, cut in FIVE_LEVEL if total >= cut)


async def mentor(stack: Stack, org: str, kind: str, account: str) -> dict:
    """A mentor in the mentors service with room for the student's placement and project."""
    manager = stack.auth(org, kind, "admin" if kind == "school" else "hr")
    async with client(stack, "mentors") as m:
        body = {"kind": kind, "display_name": account, "capacity": 2, "account": account}
        return ok(await m.post("/v1/mentors", headers=manager, json=body), 201)


async def requirement(c: httpx.AsyncClient, who: dict, **grading) -> dict:
    body = {"required_hours": str(REQUIRED_HOURS), "min_weeks": 0, "min_weekly_reports": 0, **grading}
    return ok(await c.put("/v1/programme-requirements/post_internship", headers=who, json=body), 200, 201)


async def test_1_the_agreed_rubric_and_a_started_placement_with_both_mentors(stack, start_placement, reviewer, steps):
    """Steps 1 and 2: the agreed rubric; the placement, its mentors known, started."""
    p = people(stack)
    async with client(stack) as c:
        placement = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=DUTIES, days=(ENDS - FIRST).days
        )
        agreement = placement["agreement_id"]
        ok(await c.post(f"/v1/agreements/{agreement}/rubrics", headers=p["school"], json=SCHOOL_RUBRIC), 201)
        proposed = ok(
            await c.post(f"/v1/agreements/{agreement}/rubrics", headers=p["enterprise"], json=ENTERPRISE_RUBRIC), 201
        )
        assert {i["key"]: i["origin"] for i in proposed["indicators"]}["customer_care"] == "enterprise"
        version = proposed["version"]
        ok(await c.post(f"/v1/agreements/{agreement}/rubrics/{version}/acceptance", headers=p["school"]))
        listed = ok(await c.get(f"/v1/agreements/{agreement}/rubrics", headers=p["school"]))
        assert listed["agreed"] == {"post_internship": version}
        [agreed] = [v for v in listed["versions"] if v["version"] == version]
        await requirement(c, p["school"])  # the hours the data score measures against
    assert placement["status"] == "active" and placement["ends_on"] == ENDS.isoformat()
    teacher = await mentor(stack, SCHOOL, "school", TEACHER)
    host = await mentor(stack, ENTERPRISE, "enterprise", HOST)
    await school_mentor_known(stack, placement, teacher["id"])
    await reviewer(placement, host["id"])
    steps["placement"], steps["rubric"] = placement, agreed
    steps["mentors"] = {"school_mentor": teacher["id"], "enterprise_mentor": host["id"]}


async def test_2_three_weeks_of_records_approved_and_reviewed(stack, steps):
    """Step 3: attendance, logbook weeks approved by the enterprise mentor, reports accepted by the school mentor."""
    pid, p = steps["placement"]["id"], people(stack)
    async with client(stack) as c:
        for n, monday in enumerate(WEEKS):
            days = [monday + timedelta(days=d) for d in range(5)]
            for day in days:
                presence = {"status": "present", "check_in": "09:00", "check_out": "17:00"}
                ok(await c.put(f"/v1/placements/{pid}/attendance/{day}", headers=p["self"], json=presence))
            lines = [
                {"day": day.isoformat(), "duty": "customer chat" if d == 4 else "listings", "hours": "8"}
                for d, day in enumerate(days)
            ]
            ok(await c.put(f"/v1/placements/{pid}/logbook/{monday}", headers=p["self"], json={"lines": lines}))
            ok(await c.post(f"/v1/placements/{pid}/logbook/{monday}/approve", headers=p["enterprise_mentor"]))
            report = {"text": f"Week {n + 1}: listings and customer chat.", "duties": ["listings"]}
            ok(await c.put(f"/v1/placements/{pid}/weekly-reports/{monday}", headers=p["self"], json=report), 200, 201)
            review = {"decision": "accepted"}
            ok(
                await c.post(
                    f"/v1/placements/{pid}/weekly-reports/{monday}/review", headers=p["school_mentor"], json=review
                )
            )
    steps["recorded"] = True


async def test_3_both_mentors_and_the_student_score_the_midterm_and_the_final(stack, steps):
    """Step 4: the scores, each on the agreed version, the mentors' confirmed by the mentors service."""
    steps.after("recorded")
    pid, p, rubric = steps["placement"]["id"], people(stack), steps["rubric"]
    async with client(stack) as c:
        for window, by_party in GIVEN.items():
            for party, scores in by_party.items():
                body = {"window": window, "scores": scores, "comments": f"{window} by {party}"}
                key = {"Idempotency-Key": f"acc-{pid}-{window}-{party}"}
                made = ok(await c.post(f"/v1/placements/{pid}/evaluations", headers=p[party] | key, json=body), 201)
                assert (made["scorer"], made["window"]) == (party, window)
                assert (made["rubric_id"], made["rubric_version"]) == (rubric["agreement_id"], rubric["version"])
                assert made["mentor_id"] == steps["mentors"].get(party)  # None for the student's own
    steps["scored"] = True


async def test_4_the_scorecard_is_the_weighted_sum_of_every_indicator(stack, steps):
    """Step 5: every part, the data score, value-added, and the total recomputed here."""
    steps.after("scored")
    placement, p, rubric = steps["placement"], people(stack), steps["rubric"]
    pid = placement["id"]
    async with client(stack) as c:
        card = ok(await c.get(f"/v1/placements/{pid}/scorecard", headers=p["school"]))
        summary = ok(await c.get(f"/v1/placements/{pid}/attendance", headers=p["school"]))["summary"]
    indicators = {i["key"]: i for i in rubric["indicators"]}
    weights = {k: Decimal(i["weight"]) for k, i in indicators.items()}
    assert (card["rubric_id"], card["rubric_version"], card["rubric_bound"]) == (
        rubric["agreement_id"],
        rubric["version"],
        True,
    )
    assert card["complete"] is True and card["missing"] == []
    assert {part["party"] for part in card["parts"]} == {"school_mentor", "enterprise_mentor", "self", "data"}

    # The data measures, from the records of test_2: 15 days present, 120 h approved of which 96 h core, 3 of 3
    # reports accepted.
    data = {k: Decimal(v) for k, v in card["data"].items()}
    approved, core = Decimal(3 * 40), Decimal(3 * 32)
    assert data == {
        "attendance": q(Decimal(15) * 100 / Decimal(summary["expected_days"])),
        "hours": q(min(Decimal(100), approved * 100 / REQUIRED_HOURS)),
        "core_work": q(core * 100 / approved),
        "weekly_reports": Decimal("100.00"),
        "achievements": Decimal("0.00"),  # none recorded for the student (measured whether a rubric uses it or not)
    }

    # Σ indicator weight × indicator score, over the agreed version's indicators: the final scores as posted, the
    # data indicators as measured.
    final = {k: Decimal(v) for scores in GIVEN["final"].values() for k, v in scores.items()}
    scored = final | {k: data[k] for k, i in indicators.items() if i["scorer"] == "data"}
    assert set(scored) == set(indicators)
    total = q(sum(weights[k] * scored[k] for k in indicators))
    assert Decimal(card["weighted_total"]) == total

    # Each party's part is its indicators' weighted mean, weighted by their sum.
    parts = {part["party"]: part for part in card["parts"]}
    for party, scores in GIVEN["final"].items():
        assert Decimal(parts[party]["score"]) == party_score(weights, scores), party
        assert Decimal(parts[party]["weight"]) == sum(weights[k] for k in scores)
    assert parts["school_mentor"]["given_by"] == [TEACHER] and parts["self"]["given_by"] == [STUDENT]
    assert parts["data"]["given_by"] == ["platform"]

    # Value-added: the mean of the mentors' and the student's midterm parts → the mean of their final parts.
    def mean_of(window: str) -> Decimal:
        by_party = GIVEN[window].values()
        return q(sum(party_score(weights, scores) for scores in by_party) / len(by_party))

    va = card["value_added"]
    assert sorted(va["parties"]) == ["enterprise_mentor", "school_mentor", "self"]
    baseline, latest = mean_of("midterm"), mean_of("final")
    assert (Decimal(va["baseline"]), Decimal(va["latest"]), Decimal(va["absolute"])) == (
        baseline,
        latest,
        latest - baseline,
    )
    steps["total"] = total


async def test_5_completion_grades_the_placement_on_the_programmes_terms(stack, steps, read_event):
    """Step 6: pass mark 65, 4 credits, five-level scale; completed → revision 1 of the grade, placement.graded."""
    total, pid, p = steps["total"], steps["placement"]["id"], people(stack)
    async with client(stack) as c:
        terms = await requirement(c, p["school"], pass_mark=str(PASS_MARK), credits="4", grade_scale="five_level")
        assert (Decimal(terms["pass_mark"]), terms["credits"], terms["grade_scale"]) == (
            PASS_MARK,
            "4.00",
            "five_level",
        )
        done = ok(await c.post(f"/v1/placements/{pid}/complete", headers=p["enterprise"], json={}))
        assert done["status"] == "completed" and not done.get("forced")
        grade = ok(await c.get(f"/v1/placements/{pid}/grade", headers=p["office"]))
        card = ok(await c.get(f"/v1/placements/{pid}/scorecard", headers=p["school"]))
    current = grade["current"]
    assert Decimal(current["total"]) == Decimal(card["weighted_total"]) == total
    # The scorecard the school reads judges on the programme's pass mark, as the grade does.
    assert Decimal(card["pass_mark"]) == Decimal(current["pass_mark"]) == PASS_MARK
    assert card["passes"] is current["passed"] is (total >= PASS_MARK) is True
    assert (current["grade"], current["passed"], current["credits"], current["revision"]) == (
        band(total),
        True,
        "4.00",
        1,
    )
    assert (grade["grade_scale"], grade["complete"], grade["missing"]) == ("five_level", True, [])
    assert (grade["rubric_id"], grade["rubric_version"]) == (
        steps["rubric"]["agreement_id"],
        steps["rubric"]["version"],
    )
    graded = await read_event("internships.placement.graded", pid)
    assert (graded["studentRef"], Decimal(graded["total"]), graded["grade"], graded["passed"]) == (
        STUDENT,
        total,
        band(total),
        True,
    )
    assert (Decimal(graded["credits"]), graded["revision"]) == (Decimal(4), 1)
    steps["grade"] = current["grade"]


async def test_6_the_same_student_earns_a_projects_credits(stack, steps):
    """Step 7: a project of the same enterprise, the student's team scored by its mentors, completed: 2 credits."""
    steps.after("grade")
    p = people(stack)
    async with client(stack, "projects") as pr, client(stack, "mentors") as m:

        async def partnership_known():
            r = await pr.get("/v1/partnerships", headers=p["enterprise"])
            return any(x["agreement_id"] == steps["placement"]["agreement_id"] for x in r.json()["items"])

        await eventually(partnership_known, timeout=WAIT, what="the agreement in the projects read model")
        created = await pr.post(
            "/v1/projects",
            headers=p["enterprise"],
            json={
                "title": "TikTok Shop for tea",
                "brief": "Desensitised orders of our tea store.",
                "competencies": ["platform-operation"],
                "team_capacity": 1,
                "min_team_size": 1,
                "max_team_size": 2,
                "credits": 2,
                "pass_mark": 60,
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=60)).isoformat(),
                "weights": {"teacher": 0.5, "enterprise": 0.5, "platform": 0, "peer": 0},
            },
        )
        project = ok(created, 201)["id"]
        ok(await pr.post(f"/v1/projects/{project}/publish", headers=p["enterprise"]))
        ok(await pr.put(f"/v1/projects/{project}/schools/{SCHOOL}", headers=p["enterprise"]))
        team = await pr.post(
            f"/v1/projects/{project}/teams",
            headers=p["school"],
            json={"name": "Oolong", "members": [{"student_ref": STUDENT}]},
        )
        tid = ok(team, 201)["id"]

        async def team_mentored():  # the mentors service gives the team the student's mentors (room for two)
            r = await m.get(f"/v1/students/{STUDENT}/mentors", headers=p["school"])
            pair = {a["side"]: a for a in r.json().get("assignments", []) if a["context_id"] == tid}
            return pair if len(pair) == 2 and all(a["status"] == "active" for a in pair.values()) else None

        pair = await eventually(team_mentored, timeout=WAIT, what="the team's mentors")
        assert {side: a["mentor"]["id"] for side, a in pair.items()} == {
            "school": steps["mentors"]["school_mentor"],
            "enterprise": steps["mentors"]["enterprise_mentor"],
        }
        for who, scores in (
            ("school_mentor", {"process": 80, "knowledge": 90}),
            ("enterprise_mentor", {"skills": 75, "qualities": 85}),
        ):
            body = {"student_ref": STUDENT, "assessment": "progress", "scores": scores}
            ok(await pr.post(f"/v1/teams/{tid}/evaluations", headers=p[who], json=body), 201)
        card = ok(await pr.get(f"/v1/teams/{tid}/scorecards/{STUDENT}", headers=p["school"]))
        assert (card["weighted_total"], card["passes"]) == ("82.50", True)  # 0.5 × 85 + 0.5 × 80
        done = await pr.post(
            f"/v1/projects/{project}/complete",
            headers=p["enterprise"],
            json={"force": True, "reason": "the season's orders are in; stages were reviewed offline"},
        )
        assert ok(done)["credits_awarded"] == 1
    steps["project"] = project


async def test_7_every_view_of_the_schools_ledger_lists_both_with_the_same_total(stack, steps):
    """Step 8: list, CSV, JSON, OneRoster and the student's summary: both entries, 4 + 2 credits."""
    pid, project, grade, p = steps["placement"]["id"], steps["project"], steps["grade"], people(stack)
    sources = {(pid, "placement"), (project, "project")}
    expected = {(pid, "placement"): Decimal(4), (project, "project"): Decimal(2)}
    async with client(stack) as c:

        async def both():
            r = await c.get("/v1/credit-ledger", headers=p["office"], params={"student_ref": STUDENT})
            found = ok(r)
            return found if {(e["source_id"], e["source_kind"]) for e in found["items"]} == sources else None

        listed = await eventually(both, timeout=WAIT, what="the placement and the project in the school's ledger")
        as_csv = await c.get("/v1/credit-ledger/export", headers=p["office"], params={"format": "csv"})
        assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv"), as_csv.text
        as_json = ok(await c.get("/v1/credit-ledger/export", headers=p["office"], params={"format": "json"}))
        zipped = await c.get("/v1/credit-ledger/oneroster", headers=p["office"])
        assert zipped.status_code == 200, zipped.text
        summary = ok(await c.get(f"/v1/credit-ledger/students/{STUDENT}", headers=p["office"]))

    def credits_by_source(rows) -> dict:
        return {(r["source_id"], r["source_kind"]): Decimal(r["credits"]) for r in rows if r["student_ref"] == STUDENT}

    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    for view, entries in (
        ("list", listed["items"]),
        ("csv", rows),
        ("json", as_json),
        ("summary", summary["entries"]),
    ):
        assert credits_by_source(entries) == expected, view
    placement_entry = next(e for e in listed["items"] if e["source_kind"] == "placement")
    assert (placement_entry["grade"], placement_entry["passed"], placement_entry["revision"]) == (grade, True, 1)
    assert Decimal(placement_entry["score"]) == steps["total"]
    assert listed["totals"] == [{"student_ref": STUDENT, "credits": "6.00", "entries": 2, "passed": 2}]
    assert (Decimal(summary["credits"]), summary["entry_count"], summary["passed_count"]) == (Decimal(6), 2, 2)

    with zipfile.ZipFile(io.BytesIO(zipped.content)) as z:
        assert {"manifest.csv", "lineItems.csv", "results.csv"} <= set(z.namelist())
        manifest = {r["propertyName"]: r["value"] for r in csv.DictReader(io.StringIO(z.read("manifest.csv").decode()))}
        line_items = {r["sourcedId"] for r in csv.DictReader(io.StringIO(z.read("lineItems.csv").decode()))}
        results = list(csv.DictReader(io.StringIO(z.read("results.csv").decode())))
    assert manifest["oneroster.version"] == "1.2"
    mine = {r["lineItemSourcedId"]: r for r in results if r["studentSourcedId"] == STUDENT}
    assert set(mine) == {f"{kind}-{source}" for source, kind in sources} <= line_items
    assert mine[f"placement-{pid}"]["textScore"] == grade
    assert Decimal(mine[f"placement-{pid}"]["score"]) == steps["total"]
    in_comments = {item: Decimal(r["comment"].split()[1].rstrip(";")) for item, r in mine.items()}
    assert in_comments == {f"{kind}-{source}": credits for (source, kind), credits in expected.items()}
    assert sum(in_comments.values()) == Decimal(6)


async def test_8_the_passed_placement_gets_a_credential_both_parties_sign(stack, steps):
    """Issue 18, over the same processes: the school's admin asks for the passed placement's credential (once the
    credentials service has the grade from its event), the school signs it, the host enterprise countersigns; the
    parties download it as JSON, as the school's VC-JWT and as the certificate; outsiders see and do nothing."""
    steps.after("grade")
    pid, p = steps["placement"]["id"], people(stack)
    ask = {"kind": "placement", "source_id": pid, "student_name": "Chen Jie"}
    async with client(stack, "credentials") as cr:

        async def asked():  # 404 until the credentials service has the placement's grade from its event
            r = await cr.post("/v1/credentials", headers={**p["school"], "Idempotency-Key": f"cred-{pid}"}, json=ask)
            return r if r.status_code == 201 else None

        credential = ok(await eventually(asked, timeout=WAIT, what="the grade in the credentials service"), 201)
        assert credential["stage"] == "awaiting_countersignature"
        cid = credential["id"]
        outsiders = {
            "another school": stack.auth("school-other", "school", "admin"),
            "another enterprise": stack.auth("ent-other", "enterprise", "hr"),
            "another student": stack.auth(SCHOOL, "school", "student", sub="stu-acc-2"),
        }
        for who, headers in outsiders.items():
            assert (await cr.get(f"/v1/credentials/{cid}", headers=headers)).status_code == 404, who
            assert (await cr.post(f"/v1/credentials/{cid}/countersign", headers=headers)).status_code == 404, who
            revoke = await cr.post(f"/v1/credentials/{cid}/revoke", headers=headers, json={"reason": "x"})
            assert revoke.status_code == 404, who
        for who in ("another school", "another enterprise"):  # no one else asks for (issues) this one
            assert (await cr.post("/v1/credentials", headers=outsiders[who], json=ask)).status_code == 404, who
        signed = ok(await cr.post(f"/v1/credentials/{cid}/countersign", headers=p["enterprise"]))
        assert signed["stage"] == "issued" and signed["countersigned_by"] != credential["requested_by"]
        mine = ok(await cr.get(f"/v1/credentials/{cid}", headers=p["self"]))  # the student sees their own
        assert mine["id"] == cid
        as_json = await cr.get(f"/v1/credentials/{cid}/credential.json", headers=p["school"])
        as_jwt = await cr.get(f"/v1/credentials/{cid}/credential.jwt", headers=p["school"])
        pdf = await cr.get(f"/v1/credentials/{cid}/certificate.pdf", headers=p["self"])
    assert as_json.status_code == as_jwt.status_code == pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    said = json.loads(base64.urlsafe_b64decode(json.loads(as_json.content)["payload"] + "=="))
    subject = said["credentialSubject"]
    assert (subject["result"][0]["value"], subject["creditsEarned"]) == (steps["grade"], 4.0)
    assert subject["source"]["id"].endswith(f":orgs:enterprise:{ENTERPRISE}")
    assert "approved hours" in said["evidence"][0]["narrative"]  # from the approved logbook weeks' events
    steps["credential"] = {"id": cid, "json": as_json.content, "jwt": as_jwt.text}


async def test_9_anyone_verifies_it_and_a_revocation_shows_with_its_reason(stack, steps, tmp_path):
    """With `praxis credential verify` (a process of its own, fetching the DID documents and the status list from the
    service over HTTP) and with PyJWT, an independent implementation: valid; one byte changed: not valid; revoked
    by the school: not valid, the service's check giving the reason."""
    steps.after("credential")
    cid, p = steps["credential"]["id"], people(stack)
    path = tmp_path / "credential.json"
    path.write_bytes(steps["credential"]["json"])

    def verify(file) -> tuple[int, dict]:
        done = subprocess.run(
            [sys.executable, "-m", "praxis_common.cli", "credential", "verify", str(file), "--json", "--timeout", "60"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode in (0, 1), done.stderr
        return done.returncode, json.loads(done.stdout)

    code, out = verify(path)
    assert (code, out["valid"], sorted(out["signers"])) == (0, True, ["countersigner", "issuer"]), out["problems"]

    async with client(stack, "credentials") as cr:
        school_did = json.loads(base64.urlsafe_b64decode(json.loads(path.read_bytes())["payload"] + "=="))["issuer"][
            "id"
        ]
        document = ok(await cr.get(f"/public/orgs/school/{SCHOOL}/did.json"))
        assert document["id"] == school_did
        jwk = document["verificationMethod"][-1]["publicKeyJwk"]
        claims = jwt.decode(
            steps["credential"]["jwt"],
            jwt.PyJWK(jwk, algorithm="RS256").key,
            algorithms=["RS256"],
            options={"verify_aud": False},
        )
        assert claims["iss"] == school_did and claims["jti"] == f"urn:uuid:{cid}"

        secured = json.loads(path.read_bytes())
        payload = base64.urlsafe_b64decode(secured["payload"] + "==")
        forged = payload.replace(b'"creditsEarned":4.0', b'"creditsEarned":5.0')
        assert forged != payload
        tampered = tmp_path / "tampered.json"
        tampered.write_text(json.dumps({**secured, "payload": base64.urlsafe_b64encode(forged).decode().rstrip("=")}))
        code, out = verify(tampered)
        assert code == 1 and "the issuer's signature does not match the credential" in out["problems"]

        reason = "the enterprise's attendance records were found to be copied"
        ok(await cr.post(f"/v1/credentials/{cid}/revoke", headers=p["school"], json={"reason": reason}))
        code, out = verify(path)
        assert (code, out["revoked"]) == (1, True) and "revoked by its issuer" in out["problems"], "; ".join(
            out["problems"]
        )
        checked = ok(await cr.get(f"/public/credentials/{cid}/verification"))  # where the QR code leads, no token
        assert checked["valid"] is False and checked["problems"] == [f"revoked by its issuer: {reason}"]


async def test_10_an_outside_badge_is_verified_recorded_weighed_and_counted(stack, steps):
    """Issue 18, bringing credentials in: the student presents a competition badge an outside issuer signed with its
    own key (did:jwk, PyJWT): verified and recorded with its issuer; the same badge with one byte changed is a 422
    naming what failed. The academic office gives it 30 rubric points and 1 credit: the school's ledger gains the
    entry (7 credits in all) and the placement's `achievements` measure reads 30 (awarded within its period); a
    rubric may now weigh it (a data indicator `achievements` is accepted)."""
    steps.after("grade")
    pid, p = steps["placement"]["id"], people(stack)
    outside = OutsideIssuer("Provincial Vocational Skills Contest Committee")
    badge = outside.badge("Cross-border e-commerce contest, provincial, 2nd prize", awarded=datetime.now(UTC))
    header, payload, signature = badge.split(".")
    forged = base64.urlsafe_b64decode(payload + "==").replace(b"2nd prize", b"1st prize")
    tampered = f"{header}.{base64.urlsafe_b64encode(forged).decode().rstrip('=')}.{signature}"
    async with client(stack, "credentials") as cr:
        refused = await cr.post(
            "/v1/presented-badges", headers=p["self"], json={"student_ref": STUDENT, "credential": tampered}
        )
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
        assert "does not match the credential" in refused.json()["errors"][0]["message"], refused.json()
        recorded = ok(
            await cr.post(
                "/v1/presented-badges", headers=p["self"], json={"student_ref": STUDENT, "credential": badge}
            ),
            201,
        )
        assert (recorded["issuer_id"], recorded["issuer_name"]) == (outside.did, outside.name)
        assert recorded["points"] == recorded["credits"] == "0.00"  # a student's own: weighed by the school
        weighed = await cr.put(
            f"/v1/achievements/{recorded['id']}/weight", headers=p["office"], json={"points": "30", "credits": "1"}
        )
        assert ok(weighed)["revision"] == 2
        others = await cr.get(f"/v1/achievements/{recorded['id']}", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
        assert others.status_code == 404  # the school's record: not the enterprise's to see
    async with client(stack) as c:

        async def counted():
            ledger = ok(await c.get("/v1/credit-ledger", headers=p["office"], params={"student_ref": STUDENT}))
            card = ok(await c.get(f"/v1/placements/{pid}/scorecard", headers=p["school"]))
            entry = [e for e in ledger["items"] if e["source_kind"] == "achievement"]
            return (ledger, entry, card) if entry and Decimal(card["data"]["achievements"]) == 30 else None

        ledger, [entry], card = await eventually(counted, timeout=WAIT, what="the badge in the ledger and the measure")
        assert (entry["source_id"], Decimal(entry["credits"]), entry["title"]) == (
            recorded["id"],
            Decimal(1),
            "Cross-border e-commerce contest, provincial, 2nd prize",
        )
        assert ledger["totals"] == [{"student_ref": STUDENT, "credits": "7.00", "entries": 3, "passed": 3}]
        # The school's next rubric weighs achievements (its reflection indicator's weight moved onto them).
        weighs_them = {
            "internship_type": "post_internship",
            "indicators": [
                *[i for i in SCHOOL_RUBRIC["indicators"] if i["key"] != "reflection"],
                indicator("achievements", "data", "0.10"),
            ],
        }
        agreement = steps["placement"]["agreement_id"]
        proposed = ok(await c.post(f"/v1/agreements/{agreement}/rubrics", headers=p["school"], json=weighs_them), 201)
        assert {i["key"]: i["scorer"] for i in proposed["indicators"]}["achievements"] == "data"
