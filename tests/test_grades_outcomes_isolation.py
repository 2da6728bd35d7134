"""Tenant isolation over every route issue 13 added (rubrics, placement evaluations and the scorecard, grades, the
credit ledger, hires, programmes, the value ledger, outcomes, the feedback survey, base tiers), table-driven over one
world: another school, another enterprise, another enterprise's mentor signing in with the same account, a student
of another placement, a student of another school with the same student ref, an enterprise mentor of another
placement and a platform operator get a problem (404: the object is not theirs to know of; 403 where they see the
object but may not do this) and never the owners' data — no owned id, comment, reason, title or student ref in the
body. Routes over the caller's own data (lists, reports, the defaults) answer with the caller's own data only.

The gRPC twins of the routes naming an owned object answer the same outsiders the same (NOT_FOUND for 404,
PERMISSION_DENIED for 403). The table must name every route of these families the service serves: a route added
later without a row fails."""

from __future__ import annotations

from datetime import date

import grpc
import httpx
import pytest
import pytest_asyncio
from evaluation_world import SCHOOL_RUBRIC, evaluated_placement
from grades_isolation_rpcs import CODES, rpcs

from praxis_dev.testing.apps import build_app
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
SCHOOL, ENTERPRISE, STUDENT, OTHER_STUDENT = "school-gois", "ent-gois", "stu-gois-1", "stu-gois-2"
TEACHER, ANN, BO = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann", f"{ENTERPRISE}:bo"
COHORT = "2025-gois"
PROBLEM = "application/problem+json"
# Texts only the owners wrote: none may reach an outsider.
SELF_COMMENT, FEEDBACK_COMMENT = "gois-secret-self-comment", "gois-secret-feedback-comment"
AMEND_REASON, TIER_REASON, HIRE_TITLE = "gois-secret-amendment", "gois-secret-tier-reason", "gois-secret-offer"
SCORES = {"window": "midterm", "scores": {"job_skills": 50, "work_quality": 50, "professionalism": 50}}
ANSWERS = {"work_match": 4, "guidance_quality": 5, "would_recommend": True, "return_offer": False}

# What each outsider may get, by the kind of object a route names:
#   placement — the owners' placement (its evaluations, scorecard, grade, amendments, survey; a hire naming it)
#   agreement — the owners' agreement read (its rubrics), and written (propose, revise, accept a rubric; its value)
#   base — the owners' base read (tier evidence, history) and written (confirm a tier)
#   student — the owners' student's credit summary
#   own — a list or report over the caller's own organisation: any status but a 5xx, never the owners' data
#   public — the rubric defaults, everyone's (200)
NOT_FOUND = {"placement": {404}, "agreement_read": {404}, "agreement_write": {404}, "base_read": {404}}
NOT_FOUND |= {"base_write": {404}, "student": {404}}
# a hire is recorded by an enterprise's admin or HR: anyone else is refused for who they are (403), before the
# placement it names is looked up; another enterprise's HR learns nothing of it (404)
NOT_FOUND |= {"hire": {403}}
OUTSIDERS: dict[str, tuple[tuple[str, str, str, str | None], dict[str, set[int]]]] = {
    "another school": (("school-gois-else", "school", "admin", None), NOT_FOUND),
    # an enterprise never reads a school's credit ledger (403), whoever's it is
    "another enterprise": (
        ("ent-gois-else", "enterprise", "hr", None),
        NOT_FOUND | {"student": {403}, "hire": {404}},
    ),
    "another enterprise's mentor with the same account": (
        ("ent-gois-else", "enterprise", "mentor", ANN),
        NOT_FOUND | {"student": {403}},
    ),
    # the owners' school's student of another placement: the placement and agreement are not theirs; the base is
    # their school's (GET /v1/bases/{id} shows it), its tier decisions are for staff (403)
    "a student of another placement": (
        (SCHOOL, "school", "student", OTHER_STUDENT),
        NOT_FOUND | {"base_read": {403}, "base_write": {403}},
    ),
    # a student of another school whose student ref is the owners' student's: their own credits (none), never these
    "a student of another school": (("school-gois-else", "school", "student", STUDENT), NOT_FOUND | {"student": set()}),
    # Bo belongs to the enterprise: he reads its agreements' rubrics and its base's tier, may change neither (403);
    # the placement he does not mentor is refused (the mentors service says he is not its mentor: 403, or 404)
    "an enterprise mentor of another placement": (
        (ENTERPRISE, "enterprise", "mentor", BO),
        {
            "placement": {403, 404},
            "agreement_read": {200},
            "agreement_write": {403},
            "base_read": {200, 403},
            "base_write": {403},
            "student": {403},
            "hire": {403},
        },
    ),
    # refused before anything is looked up (docs/security.md)
    "a platform operator": (
        ("praxis-authority", "platform", "ops", None),
        {kind: {403} for kind in (*NOT_FOUND, "placement", "own", "public")},
    ),
}


def is_family_route(path: str) -> bool:
    """A route of the families issue 13 added."""
    if path.startswith(("/v1/rubric-defaults", "/v1/credit-ledger", "/v1/hires", "/v1/programmes/", "/v1/outcomes")):
        return True
    if path in ("/v1/programmes",) or "/rubrics" in path or path.endswith("/value"):
        return True
    placement = path.removeprefix("/v1/placements/{placement_id}/")
    base = path.removeprefix("/v1/bases/{base_id}/")
    return (placement != path and placement.split("/")[0] in ("evaluations", "scorecard", "grade", "feedback")) or (
        base != path and base in ("tier", "tier-evidence", "tier-history")
    )


def calls(ids: dict) -> list[tuple[str, str, str, dict | None, str]]:
    """(method, route template, path, body, kind of object named): every route of the families."""
    p, a, b, v = f"/v1/placements/{ids['placement']}", f"/v1/agreements/{ids['agreement']}", ids["base"], ids["version"]
    hire = {"student_ref": STUDENT, "placement_id": ids["placement"], "kind": "hired", "on": TODAY.isoformat()}
    return [
        ("POST", "/v1/agreements/{agreement_id}/rubrics", f"{a}/rubrics", SCHOOL_RUBRIC, "agreement_write"),
        ("GET", "/v1/agreements/{agreement_id}/rubrics", f"{a}/rubrics", None, "agreement_read"),
        ("GET", "/v1/agreements/{agreement_id}/rubrics/{version}", f"{a}/rubrics/{v}", None, "agreement_read"),
        (
            "PUT",
            "/v1/agreements/{agreement_id}/rubrics/{version}",
            f"{a}/rubrics/{v}",
            SCHOOL_RUBRIC,
            "agreement_write",
        ),
        (
            "POST",
            "/v1/agreements/{agreement_id}/rubrics/{version}/acceptance",
            f"{a}/rubrics/{v}/acceptance",
            None,
            "agreement_write",
        ),
        ("GET", "/v1/rubric-defaults", "/v1/rubric-defaults", None, "public"),
        ("POST", "/v1/placements/{placement_id}/evaluations", f"{p}/evaluations", SCORES, "placement"),
        ("GET", "/v1/placements/{placement_id}/scorecard", f"{p}/scorecard", None, "placement"),
        ("GET", "/v1/placements/{placement_id}/grade", f"{p}/grade", None, "placement"),
        (
            "POST",
            "/v1/placements/{placement_id}/grade/amendments",
            f"{p}/grade/amendments",
            {"total": "100", "reason": "outsider"},
            "placement",
        ),
        ("GET", "/v1/credit-ledger", "/v1/credit-ledger", None, "own"),
        (
            "GET",
            "/v1/credit-ledger/students/{student_ref}",
            f"/v1/credit-ledger/students/{STUDENT}",
            None,
            "student",
        ),
        ("GET", "/v1/credit-ledger/export", "/v1/credit-ledger/export?format=json", None, "own"),
        ("GET", "/v1/credit-ledger/oneroster", "/v1/credit-ledger/oneroster", None, "own"),
        ("POST", "/v1/hires", "/v1/hires", hire, "hire"),
        ("GET", "/v1/hires", "/v1/hires", None, "own"),
        ("GET", "/v1/programmes", "/v1/programmes", None, "own"),
        ("GET", "/v1/programmes/{cohort}", f"/v1/programmes/{COHORT}", None, "own"),
        (
            "PUT",
            "/v1/programmes/{cohort}/competencies",
            f"/v1/programmes/{COHORT}/competencies",
            {"competencies": ["outsider-skill"]},
            "own",
        ),
        ("GET", "/v1/agreements/{agreement_id}/value", f"{a}/value", None, "agreement_write"),
        ("GET", "/v1/outcomes/{year}", f"/v1/outcomes/{TODAY.year}", None, "own"),
        ("POST", "/v1/placements/{placement_id}/feedback", f"{p}/feedback", ANSWERS, "placement"),
        ("GET", "/v1/placements/{placement_id}/feedback", f"{p}/feedback", None, "placement"),
        ("POST", "/v1/bases/{base_id}/tier", f"/v1/bases/{b}/tier", {"tier": 1, "reason": "ours"}, "base_write"),
        ("GET", "/v1/bases/{base_id}/tier-evidence", f"/v1/bases/{b}/tier-evidence", None, "base_read"),
        ("GET", "/v1/bases/{base_id}/tier-history", f"/v1/bases/{b}/tier-history", None, "base_read"),
    ]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack, start_placement, assign_mentor) -> dict:
    """The owners' world: a placement (Ann its enterprise mentor) with a proposed rubric and a self-assessment, its
    survey answered, completed, graded and amended by the school (so in the school's credit ledger), its student
    hired, a programme profile, and a tier the school confirmed for its base; Bo mentors another placement of the
    same school at the same enterprise."""
    made = await evaluated_placement(
        stack, start_placement, assign_mentor, school=SCHOOL, enterprise=ENTERPRISE, student=STUDENT, teacher=TEACHER,
        mentor=ANN,
    )  # fmt: skip
    await evaluated_placement(
        stack, start_placement, assign_mentor, school=SCHOOL, enterprise=ENTERPRISE, student=OTHER_STUDENT,
        teacher=f"{SCHOOL}:li", mentor=BO,
    )  # fmt: skip
    pid = made["id"]
    school, enterprise = stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        rubric = await c.post(f"/v1/agreements/{made['agreement_id']}/rubrics", headers=school, json=SCHOOL_RUBRIC)
        assert rubric.status_code == 201, rubric.text
        own = await c.post(
            f"/v1/placements/{pid}/evaluations",
            headers=student,
            json={"window": "midterm", "scores": {"self_assessment": 71.5}, "comments": SELF_COMMENT},
        )
        assert own.status_code == 201, own.text
        survey = await c.post(
            f"/v1/placements/{pid}/feedback", headers=student, json={**ANSWERS, "comment": FEEDBACK_COMMENT}
        )
        assert survey.status_code == 201, survey.text
        done = await c.post(f"/v1/placements/{pid}/complete", headers=enterprise, json={"force": True, "reason": "x"})
        assert done.json()["status"] == "completed", done.text
        amended = await c.post(
            f"/v1/placements/{pid}/grade/amendments", headers=school, json={"total": "88", "reason": AMEND_REASON}
        )
        assert amended.status_code == 201, amended.text

        async def in_the_ledger():
            found = (await c.get("/v1/credit-ledger", headers=school, params={"student_ref": STUDENT})).json()
            return found if [e["revision"] for e in found["items"]] == [2] else None

        await eventually(in_the_ledger, timeout=30, what="the amended grade in the ledger")
        hire = await c.post(
            "/v1/hires",
            headers=enterprise,
            json={"student_ref": STUDENT, "placement_id": pid, "kind": "hired", "on": TODAY.isoformat(),
                  "position_title": HIRE_TITLE},
        )  # fmt: skip
        assert hire.status_code == 201, hire.text
        programme = await c.put(
            f"/v1/programmes/{COHORT}/competencies", headers=school, json={"competencies": ["platform-operation"]}
        )
        assert programme.status_code == 200, programme.text
        base = (await c.get(f"/v1/positions/{made['position_id']}", headers=school)).json()["base_id"]
        tier = await c.post(f"/v1/bases/{base}/tier", headers=school, json={"tier": 2, "reason": TIER_REASON})
        assert tier.status_code in (200, 201), tier.text
        evaluation = own.json()["id"]
    return {
        "placement": pid,
        "evaluation": evaluation,
        "agreement": made["agreement_id"],
        "base": base,
        "version": rubric.json()["version"],
        "secrets": {evaluation, hire.json()["id"], SELF_COMMENT, FEEDBACK_COMMENT},
        "texts": {AMEND_REASON, TIER_REASON, HIRE_TITLE, "71.50"},
    }


def secrets_for(owned: dict, outsider: str) -> set[str]:
    """What `outsider` must never read: the owners' texts and ids, the student's ref (unless it is the outsider's own
    sub), and the placement's, agreement's and base's ids beyond the path the caller sent (the enterprise's own
    mentor sees its enterprise's placements, agreements and bases: those ids are not secret to him)."""
    secrets = owned["secrets"] | owned["texts"]
    if OUTSIDERS[outsider][0][3] != STUDENT:
        secrets |= {STUDENT}
    if outsider != "an enterprise mentor of another placement":
        secrets |= {owned["placement"], owned["agreement"], owned["base"]}
    return secrets


def test_the_table_names_every_route_of_the_families():
    spec = build_app("internships")[0].openapi()
    served = {(m.upper(), path) for path, ops in spec["paths"].items() for m in ops if is_family_route(path)}
    named = {(method, template) for method, template, *_ in calls({"placement": "p", "agreement": "a", "base": "b",
                                                                   "version": 1})}  # fmt: skip
    assert served - named == set(), "routes of issue 13's families without a row in the isolation table"
    assert named - served == set(), "rows for routes the service does not serve"


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_a_problem_and_never_the_owners_data(stack: Stack, owned: dict, outsider: str):
    (org, kind, role, sub), allowed = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role, sub=sub)
    secrets = secrets_for(owned, outsider)
    wrong = []
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for method, _template, path, body, named in calls(owned):
            r = await c.request(method, path, json=body, headers=headers)
            where = (outsider, method, path, r.status_code, r.text)
            expected = allowed.get(named, {200} if named == "public" else set())
            seen = r.text.replace(path, "")
            if named == "base_read" and r.status_code == 200:  # whoever reads a base's tier reads why it was set
                seen = seen.replace(TIER_REASON, "")
            if (
                (r.status_code not in expected if expected else r.status_code >= 500)  # own data or a refusal
                or (r.status_code >= 400 and r.headers["content-type"] != PROBLEM)
                or any(s in seen for s in secrets)
            ):
                wrong.append(where)
        assert wrong == [], "\n".join(map(str, wrong))
        # nobody outside changed the owners' objects
        school = stack.auth(SCHOOL, "school", "admin")
        grade = (await c.get(f"/v1/placements/{owned['placement']}/grade", headers=school)).json()
        assert grade["current"]["revision"] == 2
        programme = (await c.get(f"/v1/programmes/{COHORT}", headers=school)).json()
        assert programme["competencies"] == ["platform-operation"]
        history = (await c.get(f"/v1/bases/{owned['base']}/tier-history", headers=school)).json()
        assert TIER_REASON in str(history) and "ours" not in str(history)


async def test_the_parties_still_read_what_the_outsiders_may_not(stack: Stack, owned: dict):
    """The table's refusals are not blanket ones: the placement's parties, its enterprise mentor and its student read
    its scorecard (with the student's evaluation), its grade and the school's ledger entry."""
    p = f"/v1/placements/{owned['placement']}"
    readers = {
        "the school's admin": stack.auth(SCHOOL, "school", "admin"),
        "the school's teacher": stack.auth(SCHOOL, "school", "teacher", sub=TEACHER),
        "the enterprise's HR": stack.auth(ENTERPRISE, "enterprise", "hr"),
        "the placement's enterprise mentor": stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN),
        "the student": stack.auth(SCHOOL, "school", "student", sub=STUDENT),
    }
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for who, headers in readers.items():
            for path in (f"{p}/scorecard", f"{p}/grade"):
                r = await c.get(path, headers=headers)
                assert r.status_code == 200 and r.json()["student_ref"] == STUDENT, (who, path, r.text)
            scorecard = (await c.get(f"{p}/scorecard", headers=headers)).json()
            assert [e["id"] for e in scorecard["evaluations"]] == [owned["evaluation"]], who
        for headers in (readers["the school's admin"], readers["the student"]):
            summary = await c.get(f"/v1/credit-ledger/students/{STUDENT}", headers=headers)
            assert summary.status_code == 200 and summary.json()["entry_count"] == 1, summary.text


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_the_same_refusals_over_grpc(stack: Stack, owned: dict, outsider: str):
    (org, kind, role, sub), allowed = OUTSIDERS[outsider]
    metadata = (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)
    secrets = secrets_for(owned, outsider)
    wrong = []
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        for method, call, request, named in rpcs(channel, owned, STUDENT):
            try:
                answer, code = str(await call(request, metadata=metadata, timeout=10)), grpc.StatusCode.OK
            except grpc.aio.AioRpcError as e:
                answer, code = e.details() or "", e.code()
            if named == "base_read" and code == grpc.StatusCode.OK:
                answer = answer.replace(TIER_REASON, "")
            expected = {CODES[status] for status in allowed.get(named, set())}
            if (
                (expected and code not in expected)
                or (
                    not expected
                    and code != grpc.StatusCode.OK
                    and code not in {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED}
                )
                or any(secret in answer for secret in secrets)
            ):
                wrong.append((outsider, method, code, answer[:300]))
    assert wrong == [], "\n".join(map(str, wrong))
