"""The internship course from start to finish, on real processes over REST (issue 12's acceptance path): two
organisations register their profiles → an agreement → a position → a 岗位实习 (post internship) placement booked →
the tripartite agreement rendered and signed by its three parties (read back from the PDF) → start refused until
liability insurance covers the placement → insurance recorded → start → four weeks of attendance attested by the
enterprise mentor, logbooks approved and weekly reports accepted by the school mentor → progress shows the hours →
the month's report for the national internship platform holds the placement with every required column.

Then: a change of dates after signing voids the signatures, and the ministry report refuses a month with a row that
lacks a required column, listing the row."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest_asyncio
from course_start import insure
from openpyxl import load_workbook
from pypdf import PdfReader
from weekly_report_world import school_mentor_known

from praxis_dev.testing.organisations import uscc
from praxis_dev.testing.stack import Stack

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 35)  # the Monday five weeks ago: four whole weeks lie behind us
MONTH = f"{TODAY:%Y-%m}"
SCHOOL, ENTERPRISE, STUDENT = "school-course", "ent-course", "2024-ECOM-0317"
TEACHER, ANN = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann"
USCC = uscc(random.Random(ENTERPRISE))
SCHOOL_CODE = "4133010001"


def client(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30)


def ok(r: httpx.Response, status: int = 200) -> dict:
    assert r.status_code == status, r.text
    return r.json()


async def register(stack: Stack, c: httpx.AsyncClient, school: str, enterprise: str) -> None:
    ok(
        await c.put(
            "/v1/organisations/me",
            headers=stack.auth(school, "school", "admin"),
            json={
                "name_zh": "浙江经贸职业技术学院",
                "name_en": "Zhejiang Technical Institute of Economics",
                "school_code": SCHOOL_CODE,
                "address": "Hangzhou",
                "contact_name": "Internship office",
                "contact_email": "office@example.edu.cn",
            },
        )
    )
    ok(
        await c.put(
            "/v1/organisations/me",
            headers=stack.auth(enterprise, "enterprise", "admin"),
            json={"name_zh": "杭州跨境优选电子商务有限公司", "name_en": "Hangzhou Crossborder Select", "uscc": USCC},
        )
    )


async def agreement(stack: Stack, c: httpx.AsyncClient, school: str, enterprise: str) -> str:
    s, e = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    drafted = ok(
        await c.post(
            "/v1/agreements",
            headers=s,
            json={
                "school_org": school,
                "enterprise_org": enterprise,
                "valid_from": (FIRST - timedelta(days=7)).isoformat(),
                "valid_to": (FIRST + timedelta(days=365)).isoformat(),
                "intern_quota": 5,
            },
        ),
        201,
    )
    for headers in (s, e):
        ok(await c.post(f"/v1/agreements/{drafted['id']}/sign", headers=headers))
    return drafted["id"]


async def booked_placement(
    stack: Stack, internships, c: httpx.AsyncClient, school: str, enterprise: str, *, birth_date: str = "2004-05-01"
) -> dict:
    """Profiles, an active agreement, a published position from FIRST, and a confirmed post internship."""
    await register(stack, c, school, enterprise)
    position = await internships.position(
        c,
        enterprise,
        await agreement(stack, c, school, enterprise),
        seats=2,
        starts_on=FIRST,
        days=120,
        duties=[{"name": "listings", "kind": "core"}, {"name": "customer chat", "kind": "core"}],
    )
    placement = ok(
        await c.post(
            "/v1/placements",
            headers=stack.auth(school, "school", "admin"),
            json={
                "position_id": position["id"],
                "student_ref": STUDENT,
                "profile": {"display_name": "李伟", "programme": "Cross-border e-commerce"},
                "birth_date": birth_date,
                "internship_type": "post_internship",
                "organisation_form": "centralised",
                "internship_mode": "on_site",
                "cohort": "2024",
            },
        ),
        201,
    )
    assert (placement["internship_type"], placement["organisation_form"]) == ("post_internship", "centralised")
    ok(await c.post(f"/v1/placements/{placement['id']}/confirm", headers=stack.auth(enterprise, "enterprise", "hr")))
    return placement


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, internships) -> dict:
    async with client(stack) as c:
        made = await booked_placement(stack, internships, c, SCHOOL, ENTERPRISE)
        requirement = await c.put(
            "/v1/programme-requirements/post_internship?cohort=2024",
            headers=stack.auth(SCHOOL, "school", "admin"),
            json={"required_hours": "120", "min_weeks": 4, "min_weekly_reports": 4},
        )
        ok(requirement)
    return made


async def sign(c: httpx.AsyncClient, placement_id: str, headers: dict) -> dict:
    document = ok(await c.get(f"/v1/placements/{placement_id}/document", headers=headers))
    body = {"document_sha256": document["sha256"]}
    return ok(await c.post(f"/v1/placements/{placement_id}/document/signatures", headers=headers, json=body))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


async def test_the_course_from_profiles_to_the_ministry_report(stack: Stack, placement: dict, read_event):
    pid = placement["id"]
    school = stack.auth(SCHOOL, "school", "admin")
    hr = stack.auth(ENTERPRISE, "enterprise", "hr")
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
    wang = stack.auth(SCHOOL, "school", "teacher", sub=TEACHER)
    async with client(stack) as c:
        # Partners see each other's profile, with the enterprise's credit code.
        seen = ok(await c.get(f"/v1/organisations/{ENTERPRISE}", headers=school))
        assert seen["uscc"] == USCC

        # The three parties sign the current version, in any order: the student in person.
        for headers in (student, hr, school):
            signed = await sign(c, pid, headers)
        assert signed["complete"] and {s["party"] for s in signed["signatures"]} == {"school", "enterprise", "student"}
        sha = signed["sha256"]
        pdf = await c.get(f"/v1/placements/{pid}/document.pdf", headers=student)
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        text = pdf_text(pdf.content)
        for who in (SCHOOL, ENTERPRISE, STUDENT, sha):  # the signature page: each party and the hash signed
            assert who in text.replace("\n", ""), who
        assert USCC in text and SCHOOL_CODE in text  # the parties as their profiles name them
        event = await read_event("internships.placement.document_signed", pid)  # the first: the student's
        assert event["signature"]["party"] == "student" and event["signature"]["documentSha256"] == sha

        # No insurance, no internship: start is refused naming the rule, then allowed once a policy covers it.
        refused = await c.post(f"/v1/placements/{pid}/start", headers=school)
        assert refused.status_code == 422 and refused.json()["rule"] == "insurance-cover", refused.text
        policy = ok(
            await c.post(
                "/v1/insurance-policies",
                headers=school,
                json={
                    "insurer": "中国人民财产保险股份有限公司",
                    "policy_number": "PICC-2026-HZ-0317",
                    "coverage_type": "internship_liability",
                    "starts_on": FIRST.isoformat(),
                    "ends_on": (FIRST + timedelta(days=180)).isoformat(),
                    "payer": "school",
                },
            ),
            201,
        )
        attached = await c.post(
            f"/v1/insurance-policies/{policy['id']}/placements", headers=school, json={"placement_ids": [pid]}
        )
        ok(attached)
        assert ok(await c.get(f"/v1/placements/{pid}/insurance", headers=student))["covered"] is True
        started = ok(await c.post(f"/v1/placements/{pid}/start", headers=school))
        assert started["status"] == "active"
        moved = {"name_zh": "杭州跨境优选电子商务有限公司", "uscc": USCC, "address": "Binjiang, Hangzhou"}
        ok(await c.put("/v1/organisations/me", headers=stack.auth(ENTERPRISE, "enterprise", "admin"), json=moved))
        kept = ok(await c.get(f"/v1/placements/{pid}/document", headers=student))
        assert (kept["sha256"], kept["complete"]) == (sha, True)  # the agreement it started under stands

    # Both mentors, from the mentors service; internships learns them from its events.
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        teacher = ok(
            await m.post(
                "/v1/mentors",
                headers=stack.auth(SCHOOL, "school", "admin"),
                json={"kind": "school", "display_name": "王老师", "capacity": 3, "account": TEACHER},
            ),
            201,
        )
        ok(
            await m.post(
                "/v1/mentors",
                headers=stack.auth(ENTERPRISE, "enterprise", "hr"),
                json={"kind": "enterprise", "display_name": "Ann", "capacity": 3, "account": ANN},
            ),
            201,
        )
    await school_mentor_known(stack, placement, teacher["id"])

    async with client(stack) as c:
        for week in range(4):
            monday = FIRST + timedelta(days=7 * week)
            days = [monday + timedelta(days=n) for n in range(5)]
            for day in days:
                presence = {"status": "present", "check_in": "09:00", "check_out": "17:00"}
                ok(await c.put(f"/v1/placements/{pid}/attendance/{day}", headers=student, json=presence))
            lines = [{"day": str(day), "duty": "listings", "hours": "8"} for day in days]
            ok(await c.put(f"/v1/placements/{pid}/logbook/{monday}", headers=student, json={"lines": lines}))
            ok(await _as_the_mentor(c, f"/v1/placements/{pid}/logbook/{monday}/approve", ann))
            attested = ok(await c.post(f"/v1/placements/{pid}/attendance/weeks/{monday}/attestation", headers=ann))
            assert (attested["present_days"], attested["anomaly"]) == (5, False)
            report = {"text": f"Week {week + 1}: listed products.", "duties": ["listings"]}
            ok(await c.put(f"/v1/placements/{pid}/weekly-reports/{monday}", headers=student, json=report))
            review = {"decision": "accepted", "score": 90}
            ok(await c.post(f"/v1/placements/{pid}/weekly-reports/{monday}/review", headers=wang, json=review))

        progress = ok(await c.get(f"/v1/placements/{pid}/progress", headers=student))
        assert (Decimal(progress["approved_hours"]), progress["approved_weeks"], progress["weekly_reports"]) == (
            160,
            4,
            4,
        )
        assert progress["status"] == "reached"
        attendance = ok(await c.get(f"/v1/placements/{pid}/attendance", headers=school))
        assert attendance["summary"]["attested_weeks"] == 4
        assert (await read_event("internships.placement.hours_reached", pid))["placementId"] == pid

        preview = ok(await c.get(f"/v1/reports/ministry/{MONTH}", headers=school))
        assert (preview["placements"], preview["ready"], preview["problems"]) == (1, True, [])
        columns = preview["columns"]
        download = await c.post(f"/v1/reports/ministry/{MONTH}/downloads", headers=school, json={"format": "csv"})
        assert download.status_code == 200, download.text
        rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
        assert len(rows) == 1
        row = {c["key"]: rows[0][c["header"]] for c in columns}
        assert all(row[c["key"]] for c in columns if c["required"]), row  # every required column filled
        assert row | {"starts_on": "", "ends_on": ""} == {
            "internship_type": "岗位实习",
            "organisation_form": "集中实习",
            "internship_mode": "线下实习",
            "student_name": "李伟",
            "student_ref": STUDENT,
            "school_name": "浙江经贸职业技术学院",
            "school_code": SCHOOL_CODE,
            "enterprise_name": "杭州跨境优选电子商务有限公司",
            "enterprise_uscc": USCC,
            "position_title": "Store operations intern",
            "starts_on": "",
            "ends_on": "",
            "insurer": "中国人民财产保险股份有限公司",
            "policy_number": "PICC-2026-HZ-0317",
            "insurance_starts_on": FIRST.isoformat(),
            "insurance_ends_on": (FIRST + timedelta(days=180)).isoformat(),
            "guidance_teacher": "王老师",
            "monthly_pay": "4000.00",
            "status": "实习中",
        }
        assert row["starts_on"] == FIRST.isoformat() == started["starts_on"]
        xlsx = await c.post(f"/v1/reports/ministry/{MONTH}/downloads", headers=school, json={"format": "xlsx"})
        sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
        assert list(sheet.iter_rows(values_only=True))[1][8] == USCC
    event = await read_event("internships.ministry_report.downloaded", download.headers["X-Content-SHA256"])
    assert (event["schoolOrg"], event["month"], event["format"], event["placements"]) == (SCHOOL, MONTH, "csv", 1)


async def _as_the_mentor(c: httpx.AsyncClient, path: str, headers: dict) -> httpx.Response:
    """The mentor's first action may come before internships learned of the assignment: retried to a deadline."""
    from praxis_dev.testing.stack import eventually

    async def done():
        r = await c.post(path, headers=headers)
        return r if r.status_code != 403 else None

    return await eventually(done, timeout=30, what="internships to know the enterprise mentor")


async def test_changing_the_dates_after_signing_voids_the_signatures(stack: Stack, internships, read_event):
    async with client(stack) as c:
        made = await booked_placement(stack, internships, c, "school-course-void", "ent-course-void")
        pid, school = made["id"], stack.auth("school-course-void", "school", "admin")
        signed = None
        for headers in (school, stack.auth("ent-course-void", "enterprise", "hr")):
            signed = await sign(c, pid, headers)
        assert [s["party"] for s in signed["signatures"]] == ["school", "enterprise"]
        later = (FIRST + timedelta(days=7)).isoformat()
        ok(await c.patch(f"/v1/placements/{pid}", headers=school, json={"starts_on": later}))
        document = ok(await c.get(f"/v1/placements/{pid}/document", headers=school))
        assert document["version"] == signed["version"] + 1 and document["sha256"] != signed["sha256"]
        assert document["signatures"] == [] and set(document["missing"]) == {"school", "enterprise", "student"}
        voided = await read_event("internships.placement.signatures_voided", pid)
        assert voided["placementId"] == pid
        refused = await c.post(f"/v1/placements/{pid}/start", headers=school)
        assert refused.status_code == 422 and refused.json()["rule"] == "student-consent", refused.text
        stale = await c.post(
            f"/v1/placements/{pid}/document/signatures", headers=school, json={"document_sha256": signed["sha256"]}
        )
        assert stale.status_code == 409, stale.text  # the old version cannot be signed any more


async def test_the_ministry_report_refuses_a_month_with_an_incomplete_row_and_lists_it(stack: Stack, internships):
    """A confirmed placement with no insurance and no guidance teacher yet: its row lacks those columns."""
    async with client(stack) as c:
        made = await booked_placement(stack, internships, c, "school-course-gap", "ent-course-gap")
        school = stack.auth("school-course-gap", "school", "admin")
        preview = ok(await c.get(f"/v1/reports/ministry/{MONTH}", headers=school))
        assert preview["ready"] is False
        [problem] = preview["problems"]
        assert problem["placement_id"] == made["id"] and problem["student_ref"] == STUDENT
        assert set(problem["missing"]) == {
            "insurer",
            "policy_number",
            "insurance_starts_on",
            "insurance_ends_on",
            "guidance_teacher",
        }
        for fmt in ("csv", "xlsx"):
            refused = await c.post(f"/v1/reports/ministry/{MONTH}/downloads", headers=school, json={"format": fmt})
            assert refused.status_code == 422, refused.text
            body = refused.json()
            assert body["type"].endswith("report-incomplete") and refused.headers["content-type"].startswith(
                "application/problem+json"
            )
            assert body["rows"] == [problem] and body["incomplete_rows"] == 1
        elsewhere = ok(await c.get(f"/v1/reports/ministry/{MONTH}", headers=stack.auth(SCHOOL, "school", "admin")))
        assert made["id"] not in {p["placement_id"] for p in elsewhere["problems"]}  # another school's rows: never


async def test_the_preview_shows_what_changed_since_the_previous_months_download(stack: Stack, internships):
    school_org, enterprise = "school-course-diff", "ent-course-diff"
    previous = f"{(TODAY.replace(day=1) - timedelta(days=1)):%Y-%m}"
    async with client(stack) as c:
        made = await booked_placement(stack, internships, c, school_org, enterprise)
        await insure(c, stack, made)
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        body = {"kind": "school", "display_name": "陈老师", "capacity": 1, "account": f"{school_org}:chen"}
        teacher = ok(await m.post("/v1/mentors", headers=stack.auth(school_org, "school", "admin"), json=body), 201)
    await school_mentor_known(stack, made, teacher["id"])
    school = stack.auth(school_org, "school", "admin")
    async with client(stack) as c:
        first = ok(await c.get(f"/v1/reports/ministry/{MONTH}", headers=school))
        assert (first["previous_month_downloaded"], first["changes_since_previous_month"]) == (False, [])
        got = await c.post(f"/v1/reports/ministry/{previous}/downloads", headers=school, json={"format": "csv"})
        assert got.status_code == 200, got.text
        same = ok(await c.get(f"/v1/reports/ministry/{MONTH}", headers=school))
        assert (same["previous_month"], same["previous_month_downloaded"]) == (previous, True)
        assert same["changes_since_previous_month"] == []  # the row reads as it did
        earlier = (FIRST + timedelta(days=100)).isoformat()
        ok(await c.patch(f"/v1/placements/{made['id']}", headers=school, json={"ends_on": earlier}))
        changed = ok(await c.get(f"/v1/reports/ministry/{MONTH}", headers=school))
    assert changed["changes_since_previous_month"] == [
        {"placement_id": made["id"], "kind": "changed", "fields": ["ends_on"]}
    ]


async def test_a_minors_guardian_signs_through_the_school_and_their_consent_is_published(
    stack: Stack, internships, read_event
):
    async with client(stack) as c:
        minor = (TODAY - timedelta(days=365 * 17)).isoformat()
        made = await booked_placement(
            stack, internships, c, "school-course-minor", "ent-course-minor", birth_date=minor
        )
        pid, school = made["id"], stack.auth("school-course-minor", "school", "admin")
        document = ok(await c.get(f"/v1/placements/{pid}/document", headers=school))
        body = {"document_sha256": document["sha256"], "on_behalf_of": "guardian"}
        signed = ok(await c.post(f"/v1/placements/{pid}/document/signatures", headers=school, json=body))
        assert [(s["party"], s["on_behalf_of"]) for s in signed["signatures"]] == [("student", "guardian")]
        ok(await c.post(f"/v1/placements/{pid}/consent", headers=school, json={"guardian": True}))
    event = await read_event("internships.placement.guardian_consented", pid)
    assert (event["placementId"], event["status"]) == (pid, "confirmed") and event["occurredAt"]
