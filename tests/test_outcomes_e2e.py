"""Outcomes over real processes (internships, mentors, projects): a guidance session recorded in mentors and a logbook
week approved show up in the agreement's value ledger in internships (kept from events, polled with a deadline); the
enterprise's HR system posts a return offer (once per Idempotency-Key); both parties read identical figures, a party
of another agreement gets 404 and none of them; the school's outcomes for the year; and the gRPC twins."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio
from course_start import ready_to_start

from praxis.internships.v1 import outcomes_pb2 as pb
from praxis.internships.v1 import outcomes_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 21)  # a Monday three weeks ago: the placement's first day
SCHOOL, ENTERPRISE = "school-out", "ent-out"
OTHER_SCHOOL, OTHER_ENTERPRISE = "school-out-else", "ent-out-else"
STUDENT, COHORT = "stu-out-1", "2025-cbec"
ANN = f"{ENTERPRISE}:ann"  # the enterprise mentor's account
TAGS = ["platform-operation", "digital-marketing"]
FIGURES = ("interns_hosted", "guidance_minutes", "core_hours", "students_hired", "alignment")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships, assign_mentor) -> dict:
    """An active placement of SCHOOL's student at ENTERPRISE (programme COHORT, a position tagged TAGS) with Ann as
    its enterprise mentor, and an agreement of another pair."""
    s, e = stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, valid_from=FIRST - timedelta(days=7))
        position = await internships.position(
            c, ENTERPRISE, agreement, seats=1, starts_on=FIRST, days=120, competencies=TAGS
        )
        booked = await internships.book(c, SCHOOL, position["id"], STUDENT, birth_date="2004-01-01", cohort=COHORT)
        assert booked.status_code == 201, booked.text
        placement = booked.json()
        assert (await c.post(f"/v1/placements/{placement['id']}/confirm", headers=e)).status_code == 200
        await ready_to_start(c, stack, placement)
        started = await c.post(f"/v1/placements/{placement['id']}/start", headers=s)
        assert started.json()["status"] == "active", started.text
        other = await internships.agreement(c, OTHER_SCHOOL, OTHER_ENTERPRISE)
    placement = started.json()
    await assign_mentor(placement, ANN)
    await record_guidance(stack, placement)
    await approve_first_week(stack, internships, placement)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    async with internships.client() as c:
        hire = await c.post("/v1/hires", headers=e | key, json=hire_body(placement))
        assert hire.status_code == 201, hire.text
        put = await c.put(f"/v1/programmes/{COHORT}/competencies", headers=s, json={"competencies": [*TAGS, "english"]})
        assert put.status_code == 200, put.text
    return {"agreement": agreement, "placement": placement, "other": other, "hire": hire.json(), "key": key}


def hire_body(placement: dict) -> dict:
    return {
        "student_ref": STUDENT,
        "placement_id": placement["id"],
        "kind": "return_offer",
        "on": TODAY.isoformat(),
        "position_title": "Amazon store operator",
    }


async def record_guidance(stack: Stack, placement: dict) -> None:
    """Ann records two sessions in the mentors service: 50 minutes on site, 25 online."""
    mentor = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        mine = (await m.get(f"/v1/students/{STUDENT}/mentors", headers=stack.auth(SCHOOL, "school", "admin"))).json()
        [assignment] = [
            a for a in mine["assignments"] if a["side"] == "enterprise" and a["context_id"] == placement["id"]
        ]
        for minutes, mode in ((50, "onsite"), (25, "online")):
            recorded = await m.post(
                f"/v1/assignments/{assignment['id']}/sessions",
                headers=mentor,
                json={"held_on": (TODAY - timedelta(days=1)).isoformat(), "mode": mode, "minutes": minutes},
            )
            assert recorded.status_code == 201, recorded.text


async def approve_first_week(stack: Stack, internships, placement: dict) -> None:
    """The school files the first week (6 hours of a core duty); Ann approves it."""
    path = f"/v1/placements/{placement['id']}/logbook/{FIRST.isoformat()}"
    async with internships.client() as c:
        filed = await c.put(
            path,
            headers=stack.auth(SCHOOL, "school", "teacher"),
            json={"lines": [{"day": FIRST.isoformat(), "duty": "listings", "hours": "6"}]},
        )
        assert filed.status_code == 200, filed.text
        approved = await c.post(f"{path}/approve", headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN))
        assert approved.status_code == 200, approved.text


async def value(c: httpx.AsyncClient, headers: dict, agreement: str) -> httpx.Response:
    return await c.get(f"/v1/agreements/{agreement}/value", headers=headers)


async def ledger_shows(stack: Stack, c: httpx.AsyncClient, agreement: str, what: str, test) -> dict:
    school = stack.auth(SCHOOL, "school", "coordinator")

    async def probe():
        found = (await value(c, school, agreement)).json()
        return found if test(found) else None

    return await eventually(probe, timeout=30, what=what)


async def test_guidance_recorded_in_mentors_reaches_the_value_ledger(stack, internships, world):
    async with internships.client() as c:
        found = await ledger_shows(
            stack, c, world["agreement"], "75 minutes of guidance in the ledger", lambda v: v["guidance_minutes"] == 75
        )
    assert (found["guidance_sessions"], found["onsite_guidance_minutes"]) == (2, 50)
    assert found["interns_hosted"] == 1


async def test_an_approved_logbook_week_adds_its_core_hours(stack, internships, world):
    async with internships.client() as c:
        found = await ledger_shows(
            stack, c, world["agreement"], "the approved week's hours", lambda v: v["total_hours"] == "6.00"
        )
    assert (found["core_hours"], found["core_share"]) == ("6.00", "1.0000")


async def test_a_project_team_completed_in_projects_counts_as_delivered(stack, internships, world):
    """The enterprise publishes a project (its tags are demand), shares it with the school, the school's team works on
    it, the enterprise completes it: team.completed reaches the ledger as a delivered project."""
    enterprise = stack.auth(ENTERPRISE, "enterprise", "hr")
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        made = await p.post(
            "/v1/projects",
            headers=enterprise,
            json={
                "title": "Shopee store launch",
                "competencies": ["tiktok-live", "platform-operation"],
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=60)).isoformat(),
            },
        )
        assert made.status_code == 201, made.text
        pid = made.json()["id"]
        assert (await p.post(f"/v1/projects/{pid}/publish", headers=enterprise)).status_code == 200

        async def shared():
            return (await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise)).status_code == 200

        await eventually(shared, timeout=30, what="the partnership in projects, so the project can be shared")
        formed = await p.post(
            f"/v1/projects/{pid}/teams",
            headers=stack.auth(SCHOOL, "school", "admin"),
            json={"name": "Team Outcomes", "members": [{"student_ref": "stu-out-team"}]},
        )
        assert formed.status_code == 201, formed.text
        done = await p.post(
            f"/v1/projects/{pid}/complete", headers=enterprise, json={"force": True, "reason": "the season ended"}
        )
        assert done.status_code == 200, done.text
    async with internships.client() as c:
        found = await ledger_shows(
            stack, c, world["agreement"], "the completed team in the ledger", lambda v: v["projects_delivered"] == 1
        )
        assert found["teams_completed"] == 1

        async def demanded():
            o = (await c.get(f"/v1/outcomes/{TODAY.year}", headers=stack.auth(SCHOOL, "school", "admin"))).json()
            return "tiktok-live" in {t["tag"] for t in o["gaps"]}

        await eventually(demanded, timeout=30, what="the project's tags as demand no programme trains")


async def test_a_hire_is_posted_once_and_both_parties_read_the_same_figures(stack, internships, world):
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    body, key, first = hire_body(world["placement"]), world["key"], world["hire"]
    async with internships.client() as c:
        again = await c.post("/v1/hires", headers=hr | key, json=body)
        assert again.status_code == 201, again.text
        assert first["id"] == again.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
        assert first["agreement_id"] == world["agreement"]
        assert (await c.post("/v1/hires", headers=hr | key, json=body | {"kind": "hired"})).status_code == 422
        school_view = await c.get("/v1/hires", headers=stack.auth(SCHOOL, "school", "coordinator"))
        assert [h["id"] for h in school_view.json()["items"]] == [first["id"]]

        await ledger_shows(stack, c, world["agreement"], "the hire in the ledger", lambda v: v["students_hired"] == 1)
        school = await value(c, stack.auth(SCHOOL, "school", "admin"), world["agreement"])
        enterprise = await value(c, hr, world["agreement"])
        assert school.status_code == enterprise.status_code == 200
        assert school.json() == enterprise.json()
        assert school.json()["return_offers"] == 1

        for org, kind in ((OTHER_SCHOOL, "school"), (OTHER_ENTERPRISE, "enterprise")):
            foreign = await value(c, stack.auth(org, kind, "admin"), world["agreement"])
            assert foreign.status_code == 404, foreign.text
            assert foreign.headers["content-type"] == "application/problem+json"
            assert not set(foreign.json()) & set(FIGURES)
        # the other pair's own agreement shows none of this one's figures
        theirs = (await value(c, stack.auth(OTHER_SCHOOL, "school", "admin"), world["other"])).json()
        assert (theirs["interns_hosted"], theirs["guidance_minutes"], theirs["students_hired"]) == (0, 0, 0)


async def test_the_schools_outcomes_for_the_year(stack, internships, world):
    s = stack.auth(SCHOOL, "school", "admin")
    async with internships.client() as c:
        await ledger_shows(stack, c, world["agreement"], "the placement in the ledger", lambda v: v["interns_hosted"])
        bad = await c.put(f"/v1/programmes/{COHORT}/competencies", headers=s, json={"competencies": ["Not A Tag"]})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"].startswith("competencies")
        outcomes = await c.get(f"/v1/outcomes/{FIRST.year}", headers=s)
        assert outcomes.status_code == 200, outcomes.text
        o = outcomes.json()
        assert o["placements"] >= 1 and o["alignment"]["aligned"] >= 1  # 2 of 3 tags shared: Jaccard 0.67
        assert {"platform-operation", "digital-marketing"} <= {t["tag"] for t in o["demanded"]}
        assert {t["tag"] for t in o["trained"]} == {*TAGS, "english"}
        assert not {t["tag"] for t in o["gaps"]} & {*TAGS, "english"}
        led = (await value(c, s, world["agreement"])).json()
        assert led["alignment"] == {"aligned": 1, "with_profile": 1, "rate": "1.0000"}
        for year in ("1999", "abc"):
            refused = await c.get(f"/v1/outcomes/{year}", headers=s)
            assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
        assert (
            await c.get(f"/v1/outcomes/{FIRST.year}", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))
        ).status_code == 404


async def test_grpc_reads_the_same_ledger_and_outcomes(stack, internships, world):
    async with internships.client() as c:
        rest = await ledger_shows(
            stack,
            c,
            world["agreement"],
            "the hire and the guidance",
            lambda v: v["students_hired"] and v["guidance_minutes"],
        )
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.OutcomesServiceStub(channel)

        def as_(org: str, kind: str, role: str = "admin"):
            return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)

        got = await stub.GetAgreementValue(
            pb.GetAgreementValueRequest(agreement_id=world["agreement"]),
            metadata=as_(ENTERPRISE, "enterprise"),
            timeout=10,
        )
        v = got.value
        assert (v.interns_hosted, v.guidance_minutes, v.students_hired, v.core_hours) == (
            rest["interns_hosted"],
            rest["guidance_minutes"],
            rest["students_hired"],
            rest["core_hours"],
        )
        for request, code in (
            (pb.GetAgreementValueRequest(agreement_id=world["agreement"]), grpc.StatusCode.NOT_FOUND),
            (pb.GetAgreementValueRequest(agreement_id="nope"), grpc.StatusCode.INVALID_ARGUMENT),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.GetAgreementValue(request, metadata=as_(OTHER_SCHOOL, "school"), timeout=10)
            assert refused.value.code() == code
        year = await stub.GetYearOutcomes(
            pb.GetYearOutcomesRequest(year=FIRST.year), metadata=as_(SCHOOL, "school"), timeout=10
        )
        assert year.outcomes.placements >= 1 and year.outcomes.school_org == SCHOOL
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.GetYearOutcomes(pb.GetYearOutcomesRequest(year=0), metadata=as_(SCHOOL, "school"), timeout=10)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        programmes = await stub.ListProgrammes(pb.ListProgrammesRequest(), metadata=as_(SCHOOL, "school"), timeout=10)
        assert [p.cohort for p in programmes.programmes] == [COHORT]
        with pytest.raises(grpc.aio.AioRpcError) as refused:  # a hire of a student never placed there
            await stub.RecordHire(
                pb.RecordHireRequest(student_ref="stu-nobody", kind=pb.HIRE_KIND_HIRED, on=TODAY.isoformat()),
                metadata=as_(ENTERPRISE, "enterprise", "hr"),
                timeout=10,
            )
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "student_ref" in refused.value.details()
        for cohort, code in ((COHORT, grpc.StatusCode.NOT_FOUND), ("a\x00b", grpc.StatusCode.INVALID_ARGUMENT)):
            with pytest.raises(grpc.aio.AioRpcError) as refused:  # an enterprise has no programmes
                await stub.GetProgramme(
                    pb.GetProgrammeRequest(cohort=cohort), metadata=as_(ENTERPRISE, "enterprise"), timeout=10
                )
            assert refused.value.code() == code
        got = await stub.GetProgramme(pb.GetProgrammeRequest(cohort=COHORT), metadata=as_(SCHOOL, "school"), timeout=10)
        assert list(got.programme.competencies) == sorted([*TAGS, "english"])
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.SetProgrammeCompetencies(
                pb.SetProgrammeCompetenciesRequest(cohort=COHORT, competencies=["Not A Tag"]),
                metadata=as_(SCHOOL, "school"),
                timeout=10,
            )
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "competencies" in refused.value.details()
        hires = await stub.ListHires(pb.ListHiresRequest(), metadata=as_(ENTERPRISE, "enterprise", "hr"), timeout=10)
        assert [h.kind for h in hires.hires] == [pb.HIRE_KIND_RETURN_OFFER]
