"""The feedback survey and evidence-based base tiers over real processes (REST), as ordered steps: the enterprise
proposes tier 1 for its base and cannot confirm it (403); the school's admin confirms tier 2 with a reason; three
placements at the base run and complete; each student answers the survey once (too early 409, another student 404,
twice 409, an Idempotency-Key retry replayed); the enterprise never reads a student's answers (403) and sees the
ratings in the tier evidence only from three answers; the recommended tier is computed and every item listed with
its threshold and how many placements it rests on; the decision keeps that evidence; the events leave through the
outbox. Outsiders get 404 on every route of the feature (table-driven); bad input is a 4xx problem naming the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from course_start import ready_to_start

from praxis_dev.testing.stack import Stack, eventually

STARTS = date.today() - timedelta(days=14)  # the placements started two weeks ago and run 90 days
SCHOOL, ENTERPRISE = "school-tier", "ent-tier"
OTHER_SCHOOL, OTHER_ENTERPRISE = "school-tier-else", "ent-tier-else"
STUDENTS = ["stu-tier-1", "stu-tier-2", "stu-tier-3"]
ANSWERS = {"work_match": 4, "guidance_quality": 5, "would_recommend": True, "return_offer": False}
PROBLEM = "application/problem+json"


def student(stack: Stack, ref: str, school: str = SCHOOL) -> dict[str, str]:
    return stack.auth(school, "school", "student", sub=ref)


def items_of(evidence: dict) -> dict[str, dict]:
    return {i["measure"]: i for i in evidence["evidence"]["items"]}


async def test_1_the_enterprise_proposes_tier_1_and_three_placements_start_at_its_base(
    stack, internships, mentors, steps
):
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, quota=10, valid_from=STARTS - timedelta(7))
        position = await internships.position(c, ENTERPRISE, agreement, seats=3, starts_on=STARTS)
        steps["base"] = position["base_id"]
        base = await c.get(f"/v1/bases/{steps['base']}", headers=stack.auth(SCHOOL, "school", "coordinator"))
        assert base.status_code == 200, base.text
        assert (base.json()["tier"], base.json()["proposed_tier"], base.json()["tier_confirmed"]) == (1, 1, False)
        placements = []
        for ref in STUDENTS:
            booked = await internships.book(c, SCHOOL, position["id"], ref, birth_date="2004-01-01")
            assert booked.status_code == 201, booked.text
            pid = booked.json()["id"]
            confirmed = await c.post(
                f"/v1/placements/{pid}/confirm", headers=stack.auth(ENTERPRISE, "enterprise", "hr")
            )
            assert confirmed.status_code == 200, confirmed.text
            await ready_to_start(c, stack, booked.json())
            started = await c.post(f"/v1/placements/{pid}/start", headers=stack.auth(SCHOOL, "school", "admin"))
            assert started.json()["status"] == "active", started.text
            placements.append(pid)
        steps["placements"] = placements
        # the enterprise's mentor takes the placements' waiting assignments and records an on-site session for the
        # first: it reaches internships as the mentors service's guidance.recorded event (the tier evidence's source)
        async with mentors.client() as m:
            await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, account="m-tier")

            async def assigned():
                mine = (await mentors.of_student(m, SCHOOL, "school", STUDENTS[0])).get("enterprise")
                return mine if mine and mine["status"] == "active" else None

            assignment = await eventually(assigned, timeout=30, what="the enterprise mentor assigned")
            session = await m.post(
                f"/v1/assignments/{assignment['id']}/sessions",
                headers=stack.auth(ENTERPRISE, "enterprise", "hr"),
                json={"held_on": (date.today() - timedelta(days=1)).isoformat(), "mode": "onsite", "minutes": 90},
            )
            assert session.status_code == 201, session.text
        # the other school's placement at the other enterprise: the outsiders' own
        other = await internships.agreement(c, OTHER_SCHOOL, OTHER_ENTERPRISE, valid_from=STARTS - timedelta(7))
        theirs = await internships.position(c, OTHER_ENTERPRISE, other, seats=1, starts_on=STARTS)
        steps["other_base"] = theirs["base_id"]


async def test_2_the_enterprise_cannot_confirm_its_own_proposal_and_the_school_confirms_tier_2(
    stack, internships, steps, read_event
):
    base = steps["base"]
    async with internships.client() as c:
        for role in ("hr", "admin"):
            refused = await c.post(
                f"/v1/bases/{base}/tier",
                headers=stack.auth(ENTERPRISE, "enterprise", role),
                json={"tier": 1, "reason": "we are the best"},
            )
            assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM, refused.text
        coordinator = await c.post(
            f"/v1/bases/{base}/tier",
            headers=stack.auth(SCHOOL, "school", "coordinator"),
            json={"tier": 2, "reason": "x"},
        )
        assert coordinator.status_code == 403, coordinator.text
        for bad, field in (
            ({"tier": 4, "reason": "why"}, "tier"),
            ({"tier": 2}, "reason"),
            ({"tier": "2", "reason": "r"}, "tier"),
        ):
            invalid = await c.post(f"/v1/bases/{base}/tier", headers=stack.auth(SCHOOL, "school", "admin"), json=bad)
            assert invalid.status_code == 422 and invalid.headers["content-type"] == PROBLEM, invalid.text
            assert field in invalid.text
        unchanged = await c.get(f"/v1/bases/{base}", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
        assert (unchanged.json()["tier"], unchanged.json()["tier_confirmed"]) == (1, False)

        confirmed = await c.post(
            f"/v1/bases/{base}/tier",
            headers=stack.auth(SCHOOL, "school", "admin", sub="dean"),
            json={"tier": 2, "reason": "School-level: real store operation, on-site guidance still to be shown"},
        )
        assert confirmed.status_code == 201, confirmed.text
        body = confirmed.json()
        assert (body["base"]["tier"], body["base"]["proposed_tier"], body["base"]["tier_confirmed"]) == (2, 1, True)
        decision = body["decision"]
        assert (decision["from_tier"], decision["from_confirmed"], decision["to_tier"]) == (1, False, 2)
        assert (decision["decided_by"], decision["decided_by_kind"]) == ("dean", "school")
        assert decision["evidence"]["started_placements"] == 3 and len(decision["evidence"]["items"]) == 6
        seen = await c.get(f"/v1/bases/{base}", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
        assert (seen.json()["tier"], seen.json()["tier_confirmed"], seen.json()["tier_confirmed_by"]) == (
            2,
            True,
            "dean",
        )
    event = await read_event("internships.base.tier_confirmed", base)
    assert (event["fromTier"], event["toTier"], event["proposedTier"], event["decidedByKind"]) == (1, 2, 1, "school")
    steps["confirmed"] = True


async def test_3_the_survey_is_refused_too_early_then_each_student_answers_once(stack, internships, steps, read_event):
    first, *others = steps["placements"]
    async with internships.client() as c:
        early = await c.post(f"/v1/placements/{first}/feedback", headers=student(stack, STUDENTS[0]), json=ANSWERS)
        assert early.status_code == 409 and early.json()["type"] == "urn:praxis:problem:feedback-not-open", early.text
        for pid in steps["placements"]:
            done = await c.post(
                f"/v1/placements/{pid}/complete",
                headers=stack.auth(ENTERPRISE, "enterprise", "hr"),
                json={"force": True, "reason": "the season's project ended"},
            )
            assert done.json()["status"] == "completed", done.text
        # another student of the same school: not their placement
        other = await c.post(f"/v1/placements/{first}/feedback", headers=student(stack, STUDENTS[1]), json=ANSWERS)
        assert other.status_code == 404 and other.headers["content-type"] == PROBLEM, other.text
        for headers in (stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")):
            staff = await c.post(f"/v1/placements/{first}/feedback", headers=headers, json=ANSWERS)
            assert staff.status_code == 403, staff.text
        out_of_range = await c.post(
            f"/v1/placements/{first}/feedback", headers=student(stack, STUDENTS[0]), json={**ANSWERS, "work_match": 6}
        )
        assert out_of_range.status_code == 422 and "work_match" in out_of_range.text, out_of_range.text

        mine = {**student(stack, STUDENTS[0]), "Idempotency-Key": "survey-stu-tier-1"}
        body = {**ANSWERS, "return_offer": True, "comment": "I ran the store's promotions from week 3"}
        given = await c.post(f"/v1/placements/{first}/feedback", headers=mine, json=body)
        assert given.status_code == 201, given.text
        assert given.headers["location"] == f"/v1/placements/{first}/feedback"
        replay = await c.post(f"/v1/placements/{first}/feedback", headers=mine, json=body)
        assert replay.status_code == 201 and replay.headers.get("idempotent-replayed") == "true", replay.text
        twice = await c.post(f"/v1/placements/{first}/feedback", headers=student(stack, STUDENTS[0]), json=ANSWERS)
        assert twice.status_code == 409 and twice.json()["type"] == "urn:praxis:problem:feedback-given", twice.text

        for reader in (student(stack, STUDENTS[0]), stack.auth(SCHOOL, "school", "teacher")):
            read = await c.get(f"/v1/placements/{first}/feedback", headers=reader)
            assert read.status_code == 200 and read.json()["comment"] == body["comment"], read.text
        hidden = await c.get(f"/v1/placements/{first}/feedback", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
        assert hidden.status_code == 403 and "promotions" not in hidden.text, hidden.text
    event = await read_event("internships.placement.feedback_given", first)
    assert (event["studentRef"], event["returnOffer"], event["baseId"]) == (STUDENTS[0], True, steps["base"])
    assert "comment" not in event
    steps["answered"] = [first]


async def test_4_the_evidence_is_listed_and_ratings_reach_the_enterprise_only_from_three_answers(
    stack, internships, steps
):
    steps.after("answered")
    base, placements = steps["base"], steps["placements"]
    enterprise = stack.auth(ENTERPRISE, "enterprise", "hr")
    async with internships.client() as c:
        await c.post(f"/v1/placements/{placements[1]}/feedback", headers=student(stack, STUDENTS[1]), json=ANSWERS)
        two = await c.get(f"/v1/bases/{base}/tier-evidence", headers=enterprise)
        assert two.status_code == 200, two.text
        rating = items_of(two.json())["student_rating"]
        assert (rating["value"], rating["rests_on"], rating["sufficient"]) == (None, 2, False)

        async def guided():
            seen = await c.get(f"/v1/bases/{base}/tier-evidence", headers=enterprise)
            note = items_of(seen.json())["onsite_guidance_per_month"]["note"]
            return note if note.startswith("1 on-site session ") else None

        await eventually(guided, timeout=30, what="the on-site session in the tier evidence")

        low = {**ANSWERS, "work_match": 1, "guidance_quality": 2, "would_recommend": False}
        third = await c.post(f"/v1/placements/{placements[2]}/feedback", headers=student(stack, STUDENTS[2]), json=low)
        assert third.status_code == 201, third.text
        views = [
            await c.get(f"/v1/bases/{base}/tier-evidence", headers=h)
            for h in (enterprise, stack.auth(SCHOOL, "school", "coordinator"))
        ]
    assert all(v.status_code == 200 for v in views) and views[0].json() == views[1].json()
    found = views[0].json()
    assert (found["tier"], found["proposed_tier"], found["tier_confirmed"]) == (2, 1, True)
    items = items_of(found)
    assert set(items) == {
        "core_work_share",
        "onsite_guidance_per_month",
        "attendance_rate",
        "completion_rate",
        "student_rating",
        "would_recommend_share",
    }
    assert (items["student_rating"]["value"], items["student_rating"]["rests_on"]) == ("3.50", 3)  # (4+5)*2+1+2 / 6
    assert items["would_recommend_share"]["value"] == "0.6667"
    assert (items["completion_rate"]["value"], items["completion_rate"]["meets"]) == ("1.0000", 1)
    assert items["completion_rate"]["thresholds"] == {"1": "0.90", "2": "0.75"}
    # one on-site session over the three placements' 15 days each (completed early): 0.68 a month, tier 2
    guidance = items["onsite_guidance_per_month"]
    assert (guidance["rests_on"], guidance["meets"]) == (3, 2) and 0.5 <= float(guidance["value"]) < 1
    assert items["core_work_share"]["value"] is None and "needs 3" in items["core_work_share"]["note"]  # no logbooks
    # completion meets tier 1; guidance, the rating and the would-recommend share tier 2: recommended tier 2
    assert found["evidence"]["recommended_tier"] == 2
    assert all(m in found["evidence"]["reason"] for m in ("onsite_guidance_per_month", "student_rating"))
    assert "comment" not in str(found) and STUDENTS[0] not in str(found)


async def test_5_the_history_keeps_each_decision_with_the_evidence_it_rested_on(stack, internships, steps):
    base = steps["base"]
    async with internships.client() as c:
        # a platform admin is no tenant and no authority: the edge refuses it before the use case
        platform = await c.post(
            f"/v1/bases/{base}/tier",
            headers=stack.auth("praxis-authority", "platform", "admin", sub="inspector"),
            json={"tier": 3, "reason": "One on-site visit in a term is not enough for us"},
        )
        assert platform.status_code == 403 and platform.headers["content-type"] == PROBLEM, platform.text
        # a platform authority (an education department certifying bases) reads the evidence and decides
        authority = stack.auth("edu-dept-zj", "platform", "authority", sub="inspector")
        seen = await c.get(f"/v1/bases/{base}/tier-evidence", headers=authority)
        assert seen.status_code == 200 and seen.json()["evidence"]["recommended_tier"] == 2, seen.text
        downgraded = await c.post(
            f"/v1/bases/{base}/tier",
            headers=authority,
            json={"tier": 3, "reason": "One on-site visit in a term is not enough for us"},
        )
        assert downgraded.status_code == 201, downgraded.text
        history = await c.get(f"/v1/bases/{base}/tier-history", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
    assert history.status_code == 200, history.text
    decisions = history.json()["decisions"]
    assert [(d["from_tier"], d["from_confirmed"], d["to_tier"]) for d in decisions] == [(2, True, 3), (1, False, 2)]
    assert decisions[0]["reason"] == "One on-site visit in a term is not enough for us"
    assert (decisions[0]["decided_by_kind"], decisions[0]["decided_by_org"]) == ("platform", "edu-dept-zj")
    assert (decisions[1]["decided_by_kind"], decisions[1]["decided_by_org"]) == ("school", SCHOOL)
    # the authority decided below the recommendation; both are kept
    assert decisions[0]["recommended_tier"] == 2 and decisions[0]["evidence"]["recommended_tier"] == 2
    assert len([i for i in decisions[0]["evidence"]["items"] if i["sufficient"]]) == 4
    # confirmed while the placements ran: no placement had ended, so completion rested on none
    completion = next(i for i in decisions[1]["evidence"]["items"] if i["measure"] == "completion_rate")
    assert (completion["value"], completion["rests_on"]) == (None, 0)
    assert history.json()["tier"] == 3


def routes(ids: dict) -> list[tuple[str, str, str, dict | None]]:
    """Every route of the feature, about the owners' objects: (family, method, path, body)."""
    pid, base = ids["placement"], ids["base"]
    return [
        ("placement", "POST", f"/v1/placements/{pid}/feedback", ANSWERS),
        ("placement", "GET", f"/v1/placements/{pid}/feedback", None),
        ("base", "POST", f"/v1/bases/{base}/tier", {"tier": 1, "reason": "ours now"}),
        ("base", "GET", f"/v1/bases/{base}/tier-evidence", None),
        ("base", "GET", f"/v1/bases/{base}/tier-history", None),
    ]


# who: (org, kind, role, sub), and the status on a placement's routes and on a base's routes
OUTSIDERS = {
    "another school": ((OTHER_SCHOOL, "school", "admin", None), 404, 404),
    "another enterprise": ((OTHER_ENTERPRISE, "enterprise", "hr", None), 404, 404),
    "a mentor of another placement": ((OTHER_ENTERPRISE, "enterprise", "mentor", f"{ENTERPRISE}:ann"), 404, 404),
    "a student of another school": ((OTHER_SCHOOL, "school", "student", STUDENTS[0]), 404, 404),
    # the owners' school's student of no placement here: the placement is not theirs; the base is their school's
    # (GET /v1/bases/{id} shows it to them), its tier evidence is for staff
    "another student of the school": ((SCHOOL, "school", "student", "stu-tier-9"), 404, 403),
    # a platform principal is refused before anything is looked up
    "a platform's operator": (("praxis-authority", "platform", "ops", None), 403, 403),
}


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_6_outsiders_get_a_problem_never_data_on_every_route(stack, internships, steps, outsider):
    steps.after("confirmed", "answered")
    (org, kind, role, sub), on_placement, on_base = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role, sub=sub)
    ids = {"placement": steps["placements"][0], "base": steps["base"]}
    async with internships.client() as c:
        for family, method, path, body in routes(ids):
            r = await c.request(method, path, json=body, headers=headers)
            expected = on_placement if family == "placement" else on_base
            assert r.status_code == expected, (outsider, method, path, r.status_code, r.text)
            assert r.headers["content-type"] == PROBLEM
            assert not any(secret in r.text for secret in ('"decisions"', '"evidence"', "promotions", '"comment"'))
        after = await c.get(f"/v1/bases/{steps['base']}", headers=stack.auth(SCHOOL, "school", "admin"))
    assert after.json()["tier"] == 3  # nobody outside changed it


async def test_7_a_student_of_the_base_reads_no_tier_evidence_and_the_other_base_is_unknown(stack, internships, steps):
    async with internships.client() as c:
        own_student = await c.get(f"/v1/bases/{steps['base']}/tier-evidence", headers=student(stack, STUDENTS[0]))
        assert own_student.status_code == 403 and own_student.headers["content-type"] == PROBLEM
        theirs = await c.get(
            f"/v1/bases/{steps['other_base']}/tier-evidence", headers=stack.auth(SCHOOL, "school", "admin")
        )
        assert theirs.status_code == 404, theirs.text
        malformed = await c.get("/v1/bases/not-a-uuid/tier-evidence", headers=stack.auth(SCHOOL, "school", "admin"))
        assert malformed.status_code == 422 and malformed.headers["content-type"] == PROBLEM
