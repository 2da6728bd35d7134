"""Placement evaluation end to end on real processes (internships + the real mentors service) over REST: the school
proposes a rubric, the enterprise adds its own indicator and the school accepts it; both mentors (confirmed by the
mentors service over gRPC) and the student score the midterm and the final; the scorecard combines them with the
data score computed from the placement's attendance, approved hours against the requirement, core work and weekly
report reviews, and shows value-added from midterm to final. The refusals: not the mentor of that side or a mentor
of another placement (403), another tenant (404), a student scoring another student's placement (404), weights
not summing to 1, peer indicators and a score of 101 (422), and a rubric version with scores changed (409)."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest_asyncio
from evaluation_world import ENTERPRISE_RUBRIC, SCHOOL_RUBRIC, TODAY, evaluated_placement, indicator

from praxis_dev.testing.stack import Stack

SCHOOL, ENTERPRISE = "school-eval", "ent-eval"
STUDENT, OTHER_STUDENT = "stu-eval-1", "stu-eval-2"
TEACHER, ANN, BO = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann", f"{ENTERPRISE}:bo"


def q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def client(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30)


def problem(r: httpx.Response, status: int, slug: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    if slug:
        assert r.json()["type"].endswith(slug), r.json()
    return r.json()


async def scores_of(c: httpx.AsyncClient, stack: Stack, agreement: str, scorer: str, value: int) -> dict:
    """`value` for each indicator `scorer` scores on the agreement's rubric for its placements now: the agreed one
    (once the scenario test agreed it; tests run in any order), else the default rubric."""
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    listed = (await c.get(f"/v1/agreements/{agreement}/rubrics", headers=hr)).json()
    if "post_internship" in listed["agreed"]:
        [rubric] = [v for v in listed["versions"] if v["version"] == listed["agreed"]["post_internship"]]
    else:
        defaults = (await c.get("/v1/rubric-defaults", headers=hr)).json()["rubrics"]
        [rubric] = [r for r in defaults if r["internship_type"] == "post_internship"]
    return {i["key"]: value for i in rubric["indicators"] if i["scorer"] == scorer}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, start_placement, assign_mentor) -> dict:
    """Placement 1 (Wang and Ann its mentors) with a week of records; placement 2 of another student, Bo its
    enterprise mentor."""
    one = await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TEACHER,
        mentor=ANN,
    )
    two = await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=OTHER_STUDENT,
        teacher=f"{SCHOOL}:li",
        mentor=BO,
    )
    pid, monday = one["id"], one["starts_on"]
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
    wang = stack.auth(SCHOOL, "school", "teacher", sub=TEACHER)
    first = [(TODAY.fromisoformat(monday) + timedelta(days=n)).isoformat() for n in range(5)]
    async with client(stack) as c:
        for day in first:
            presence = {"status": "present", "check_in": "09:00", "check_out": "17:00"}
            r = await c.put(f"/v1/placements/{pid}/attendance/{day}", headers=student, json=presence)
            assert r.status_code == 200, r.text
        lines = [{"day": day, "duty": "listings", "hours": "8"} for day in first]
        r = await c.put(f"/v1/placements/{pid}/logbook/{monday}", headers=student, json={"lines": lines})
        assert r.status_code == 200, r.text
        r = await c.post(f"/v1/placements/{pid}/logbook/{monday}/approve", headers=ann)
        assert r.status_code == 200, r.text
        report = {"text": "Week 1: listed products.", "duties": ["listings"]}
        r = await c.put(f"/v1/placements/{pid}/weekly-reports/{monday}", headers=student, json=report)
        assert r.status_code in (200, 201), r.text
        r = await c.post(
            f"/v1/placements/{pid}/weekly-reports/{monday}/review", headers=wang, json={"decision": "accepted"}
        )
        assert r.status_code == 200, r.text
    return {"one": one, "two": two}


async def test_agreed_rubric_scores_from_both_mentors_and_the_student_make_the_scorecard(stack, world, read_event):
    one = world["one"]
    pid, agreement = one["id"], one["agreement_id"]
    school_admin = stack.auth(SCHOOL, "school", "admin")
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    wang = stack.auth(SCHOOL, "school", "teacher", sub=TEACHER)
    ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    async with client(stack) as c:
        # The rubric: the school proposes, the enterprise adds its own indicator, the school accepts that.
        v1 = await c.post(f"/v1/agreements/{agreement}/rubrics", headers=school_admin, json=SCHOOL_RUBRIC)
        assert v1.status_code == 201, v1.text
        v2 = await c.post(f"/v1/agreements/{agreement}/rubrics", headers=hr, json=ENTERPRISE_RUBRIC)
        assert v2.status_code == 201, v2.text
        assert {i["key"]: i["origin"] for i in v2.json()["indicators"]}["customer_care"] == "enterprise"
        version = v2.json()["version"]
        problem(await c.post(f"/v1/agreements/{agreement}/rubrics/{version}/acceptance", headers=hr), 403)
        accepted = await c.post(f"/v1/agreements/{agreement}/rubrics/{version}/acceptance", headers=school_admin)
        assert accepted.status_code == 200 and accepted.json()["accepted_by"], accepted.text
        listed = (await c.get(f"/v1/agreements/{agreement}/rubrics", headers=hr)).json()
        assert listed["agreed"] == {"post_internship": version} and len(listed["versions"]) == 2

        scores = {
            "midterm": (
                (wang, {"knowledge": 70}),
                (ann, {"skills": 60, "customer_care": 70}),
                (student, {"reflection": 65}),
            ),
            "final": (
                (wang, {"knowledge": 85}),
                (ann, {"skills": 90, "customer_care": 80}),
                (student, {"reflection": 80}),
            ),
        }
        recorded = []
        for window, given in scores.items():
            for headers, body in given:
                r = await c.post(
                    f"/v1/placements/{pid}/evaluations",
                    headers={**headers, "Idempotency-Key": f"eval-{window}-{headers['Authorization'][-12:]}"},
                    json={"window": window, "scores": body, "comments": "ok"},
                )
                assert r.status_code == 201, r.text
                recorded.append(r.json())
        by_scorer = {e["scorer"]: e for e in recorded if e["window"] == "final"}
        assert by_scorer["enterprise_mentor"]["mentor_id"] == one["mentor"]["id"]
        assert by_scorer["school_mentor"]["mentor_id"] == one["teacher"]["id"]
        assert by_scorer["self"]["mentor_id"] is None and by_scorer["self"]["recorded_by"] == STUDENT
        assert {(e["rubric_id"], e["rubric_version"]) for e in recorded} == {(agreement, version)}
        assert by_scorer["enterprise_mentor"]["score"] == "86.00"  # (0.15×90 + 0.10×80) / 0.25

        card = (await c.get(f"/v1/placements/{pid}/scorecard", headers=student)).json()
        attendance = (await c.get(f"/v1/placements/{pid}/attendance", headers=student)).json()["summary"]

        # A version with scores never changes: propose a new one instead.
        changed = await c.put(f"/v1/agreements/{agreement}/rubrics/{version}", headers=hr, json=ENTERPRISE_RUBRIC)
        assert "new version" in problem(changed, 409, "rubric-in-use")["detail"]

    expected_attendance = q(Decimal(5) / Decimal(attendance["expected_days"]) * 100)
    data = {k: Decimal(v) for k, v in card["data"].items()}
    assert data == {
        "attendance": expected_attendance,
        "hours": Decimal("33.33"),  # 40 approved of 120 required
        "core_work": Decimal("100.00"),  # all of it listings, a core duty
        "weekly_reports": Decimal("100.00"),  # one reviewed, accepted
        "achievements": Decimal("0.00"),  # measured, though this rubric has no such indicator
    }
    parts = {p["party"]: p for p in card["parts"]}
    data_score = q(sum(data.values()) / 4)  # four data indicators of equal weight (achievements: 0, unused)
    assert Decimal(parts["data"]["score"]) == data_score and parts["data"]["given_by"] == ["platform"]
    assert (parts["school_mentor"]["score"], parts["enterprise_mentor"]["score"], parts["self"]["score"]) == (
        "85.00",
        "86.00",
        "80.00",
    )
    assert parts["school_mentor"]["given_by"] == [TEACHER]
    total = q(Decimal("0.25") * 85 + Decimal("0.25") * 86 + Decimal("0.10") * 80 + Decimal("0.40") * data_score)
    assert Decimal(card["weighted_total"]) == total and card["complete"] is True
    assert (card["rubric_id"], card["rubric_version"], card["rubric_bound"]) == (agreement, version, True)
    assert card["pass_mark"] == "60" or Decimal(card["pass_mark"]) == 60
    va = card["value_added"]
    assert sorted(va["parties"]) == ["enterprise_mentor", "school_mentor", "self"]
    # midterm 70, 64, 65 → final 85, 86, 80
    assert (va["baseline"], va["latest"], va["absolute"]) == ("66.33", "83.67", "17.34")
    assert card["missing"] == []

    event = await read_event("internships.placement.evaluation_recorded", by_scorer["self"]["id"])
    assert event["scorer"] == "self" and event["rubricVersion"] == version
    proposed = await read_event("internships.rubric.accepted", agreement)
    assert proposed["version"] == version


async def test_who_is_not_the_placements_mentor_of_that_side_is_refused(stack, world):
    pid, agreement = world["one"]["id"], world["one"]["agreement_id"]
    async with client(stack) as c:
        body = {"window": "midterm", "scores": await scores_of(c, stack, agreement, "school_mentor", 70)}
        ent_body = {"window": "midterm", "scores": await scores_of(c, stack, agreement, "enterprise_mentor", 60)}
        own_body = {"window": "midterm", "scores": await scores_of(c, stack, agreement, "self", 50)}
        bo = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=BO)
        for headers, json, status in (
            (bo, ent_body, 403),  # placement 2's enterprise mentor, as the mentors service knows
            (stack.auth(ENTERPRISE, "enterprise", "hr"), ent_body, 403),  # not a mentor at all
            (stack.auth(SCHOOL, "school", "teacher", sub=f"{SCHOOL}:li"), body, 403),  # placement 2's teacher
            (stack.auth("ent-eval-other", "enterprise", "mentor", sub=ANN), ent_body, 404),  # another tenant
            (stack.auth("school-eval-other", "school", "teacher", sub=TEACHER), body, 404),
            (stack.auth(SCHOOL, "school", "student", sub=OTHER_STUDENT), own_body, 404),  # another student's
        ):
            r = await c.post(f"/v1/placements/{pid}/evaluations", headers=headers, json=json)
            problem(r, status)
        refused = await c.post(f"/v1/placements/{pid}/evaluations", headers=bo, json=ent_body)
        assert "assigned enterprise mentor" in refused.json()["detail"]


async def test_bad_rubrics_and_scores_are_clear_422s(stack, world):
    one = world["one"]
    agreement, pid = one["agreement_id"], one["id"]
    school_admin = stack.auth(SCHOOL, "school", "admin")
    uneven = {
        "internship_type": "post_internship",
        "indicators": [indicator("a", "school_mentor", "0.5"), indicator("b", "self", "0.4")],
    }
    peers = {"internship_type": "post_internship", "indicators": [indicator("a", "peer", "1")]}
    async with client(stack) as c:
        r = problem(await c.post(f"/v1/agreements/{agreement}/rubrics", headers=school_admin, json=uneven), 422)
        assert "sum to 1" in r["detail"] and r["errors"][0]["field"] == "indicators.weight"
        r = problem(await c.post(f"/v1/agreements/{agreement}/rubrics", headers=school_admin, json=peers), 422)
        assert "no peer scoring" in str(r["errors"])
        dropped = {
            "internship_type": "post_internship",
            "indicators": [indicator("customer_care", "enterprise_mentor", "1")],
        }
        r = problem(
            await c.post(
                f"/v1/agreements/{agreement}/rubrics", headers=stack.auth(ENTERPRISE, "enterprise", "hr"), json=dropped
            ),
            422,
        )
        assert "may not be dropped" in str(r["errors"])
        student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
        own = await scores_of(c, stack, agreement, "self", 101)
        r = problem(
            await c.post(f"/v1/placements/{pid}/evaluations", headers=student, json={"window": "final", "scores": own}),
            422,
        )
        assert r["errors"][0]["field"] == f"scores.{next(iter(own))}" and "outside 0–100" in r["detail"]
        problem(
            await c.post(
                f"/v1/placements/{pid}/evaluations",
                headers=student,
                json={"window": "later", "scores": {"reflection": 1}},
            ),
            422,
        )
