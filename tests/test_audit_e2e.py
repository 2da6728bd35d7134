"""The audit log of cross-organisation reads against real processes (docs/audit.md): an enterprise reads a student's
logbook over REST and over gRPC, and the school's "who read S" answer lists both reads (who, which organisation,
which route, when) and never the logbook's text; the school's own reads are not logged; another school and the
enterprise see nothing of S; a row altered in the database (its trigger disabled, as a superuser could) makes the
chain's verification fail at that entry, over REST and gRPC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import grpc
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis.internships.v1 import audit_pb2 as apb
from praxis.internships.v1 import audit_pb2_grpc as apb_grpc
from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis.projects.v1 import audit_pb2 as project_audit_pb
from praxis.projects.v1 import audit_pb2_grpc as project_audit_grpc
from praxis.projects.v1 import projects_pb2 as ppb
from praxis.projects.v1 import projects_pb2_grpc as ppb_grpc
from praxis_dev.testing.stack import eventually

SCHOOL, ENTERPRISE, STUDENT = "school-audit", "ent-audit", "stu-audit-1"
OTHER_SCHOOL = "school-audit-2"
SECRET_TEXT = "confidential-line-of-the-logbook"


def meta(stack, org: str, kind: str, *roles: str, sub: str | None = None):
    return (("authorization", f"Bearer {stack.token(org, kind, *roles, sub=sub)}"),)


async def test_an_enterprise_read_of_a_logbook_is_in_the_schools_who_read_answer(stack, internships, start_placement):
    monday = date.today() - timedelta(days=date.today().weekday() + 14)
    school = stack.auth(SCHOOL, "school", "admin")
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    hr = stack.auth(ENTERPRISE, "enterprise", "hr", sub="hr-audit")
    before = datetime.now(UTC)
    async with internships.client() as c:
        placement = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=monday, duties=[{"name": SECRET_TEXT, "kind": "core"}]
        )
        path = f"/v1/placements/{placement['id']}/logbook"
        lines = [{"day": (monday + timedelta(days=d)).isoformat(), "duty": SECRET_TEXT, "hours": "8"} for d in range(5)]
        filed = await c.put(f"{path}/{monday}", headers=student, json={"lines": lines})
        assert filed.status_code == 200, filed.text
        # The school and the student read it: their own data, not logged.
        for own in (school, student):
            assert (await c.get(path, headers=own)).status_code == 200
        # The enterprise reads it over REST...
        read = await c.get(path, headers=hr)
        assert read.status_code == 200 and SECRET_TEXT in read.text
    # ... and over gRPC.
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        got = await pb_grpc.InternshipsServiceStub(ch).GetLogbook(
            pb.GetLogbookRequest(placement_id=placement["id"]),
            metadata=meta(stack, ENTERPRISE, "enterprise", "hr", sub="hr-audit"),
        )
        assert len(got.weeks) == 1

    async with internships.client() as c:
        r = await c.get("/v1/audit/reads", headers=school, params={"student_ref": STUDENT})
        assert r.status_code == 200, r.text
        assert SECRET_TEXT not in r.text
        # Setting up, the enterprise read the placement's agreement document to sign it: a read of the student's data
        # too (by the setup's own account), logged first.
        setup, *reads = r.json()["items"]
        assert (setup["actor_org"], setup["resource_kind"]) == (ENTERPRISE, "document")
        assert [(e["actor"], e["actor_org"], e["actor_org_kind"], e["resource_kind"], e["route"]) for e in reads] == [
            ("hr-audit", ENTERPRISE, "enterprise", "logbook", "GET /v1/placements/{placement_id}/logbook"),
            ("hr-audit", ENTERPRISE, "enterprise", "logbook", "/praxis.internships.v1.InternshipsService/GetLogbook"),
        ]
        assert all(
            (e["owner_org"], e["owner_org_kind"], e["subject_ref"]) == (SCHOOL, "school", STUDENT) for e in reads
        )
        assert all(e["resource_id"] == placement["id"] for e in reads)
        assert all(before <= datetime.fromisoformat(e["at"]) <= datetime.now(UTC) for e in reads)

        # Paged: one at a time gives the same three entries.
        first = (await c.get("/v1/audit/reads", headers=school, params={"student_ref": STUDENT, "page_size": 1})).json()
        second = await c.get(
            "/v1/audit/reads",
            headers=school,
            params={"student_ref": STUDENT, "page_size": 1, "page_token": first["next_page_token"]},
        )
        third = await c.get(
            "/v1/audit/reads",
            headers=school,
            params={"student_ref": STUDENT, "page_size": 1, "page_token": second.json()["next_page_token"]},
        )
        paged = first["items"] + second.json()["items"] + third.json()["items"]
        assert [e["seq"] for e in paged] == [e["seq"] for e in (setup, *reads)]

        # Isolation: another school, the enterprise itself (its own data was not read) and an enterprise named like
        # the school see no entry about S; platform staff are refused.
        outsiders = (
            stack.auth(OTHER_SCHOOL, "school", "admin"),
            stack.auth(ENTERPRISE, "enterprise", "admin"),
            stack.auth(SCHOOL, "enterprise", "admin"),
        )
        for outsider in outsiders:
            r = await c.get("/v1/audit/reads", headers=outsider, params={"student_ref": STUDENT})
            assert r.status_code == 200 and r.json()["items"] == [], r.text
            r = await c.get("/v1/audit/reads", headers=outsider)
            assert all(e["owner_org"] != SCHOOL for e in r.json()["items"])
        # Who may ask: a student, a teacher or platform staff may not.
        for refused in (student, stack.auth(SCHOOL, "school", "teacher"), stack.auth("platform", "platform", "ops")):
            assert (await c.get("/v1/audit/reads", headers=refused)).status_code == 403
        bad = await c.get("/v1/audit/reads", headers=school, params={"student_ref": "bad ref with spaces"})
        assert bad.status_code == 422 and "student_ref" in bad.text

        verified = await c.get("/v1/audit/verify", headers=school)
        assert verified.status_code == 200 and verified.json()["ok"] is True, verified.text
        assert verified.json()["head_seq"] >= reads[-1]["seq"] and len(verified.json()["head_hash"]) == 64

    # A superuser alters the entry of the REST read: the chain no longer verifies, at that entry.
    engine = create_async_engine(stack["internships"].database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update"))
            await conn.execute(
                text("UPDATE audit_entry SET actor = 'someone-else' WHERE seq = :s"), {"s": reads[0]["seq"]}
            )
            await conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update"))
    finally:
        await engine.dispose()
    async with internships.client() as c:
        verified = await c.get("/v1/audit/verify", headers=stack.auth(OTHER_SCHOOL, "school", "admin"))
        assert verified.status_code == 200, verified.text
        assert verified.json()["ok"] is False and verified.json()["broken_at"] == reads[0]["seq"]
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        stub = apb_grpc.AuditServiceStub(ch)
        v = await stub.VerifyAuditChain(apb.VerifyAuditChainRequest(), metadata=meta(stack, SCHOOL, "school", "admin"))
        assert (v.ok, v.broken_at) == (False, reads[0]["seq"])
        listed = await stub.ListAuditReads(
            apb.ListAuditReadsRequest(student_ref=STUDENT), metadata=meta(stack, SCHOOL, "school", "admin")
        )
        assert [e.seq for e in listed.entries] == [e["seq"] for e in (setup, *reads)]
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await stub.ListAuditReads(
                apb.ListAuditReadsRequest(student_ref="bad ref"), metadata=meta(stack, SCHOOL, "school", "admin")
            )
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_each_read_of_a_students_data_by_the_enterprise_is_logged_once(stack, internships, start_placement):
    school_org, enterprise_org, student_ref = "school-audit-k", "ent-audit-k", "stu-audit-k"
    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    hr = stack.auth(enterprise_org, "enterprise", "hr", sub="hr-k")
    school = stack.auth(school_org, "school", "admin")
    async with internships.client() as c:
        placement = await start_placement(
            c, school_org, enterprise_org, student_ref, starts_on=monday, duties=[{"name": "listings", "kind": "core"}]
        )
        base = f"/v1/placements/{placement['id']}"
        reads = {
            "placement": base,
            "weekly_reports": f"{base}/weekly-reports",
            "attendance": f"{base}/attendance",
            "scorecard": f"{base}/scorecard",
            "document": f"{base}/document",
            "insurance": f"{base}/insurance",
            "progress": f"{base}/progress",
        }
        for path in [*reads.values(), "/v1/placements"]:
            for headers in (school, hr):  # the school's own reads are not logged
                r = await c.get(path, headers=headers)
                assert r.status_code == 200, (path, r.text)
        # A refused read is no read: the grade does not exist before completion.
        assert (await c.get(f"{base}/grade", headers=hr)).status_code == 404

        r = await c.get("/v1/audit/reads", headers=school, params={"student_ref": student_ref})
        got = [(e["resource_kind"], e["route"], e["actor"]) for e in r.json()["items"] if e["actor"] == "hr-k"]
        assert got == [
            ("placement", "GET /v1/placements/{placement_id}", "hr-k"),
            ("weekly_reports", "GET /v1/placements/{placement_id}/weekly-reports", "hr-k"),
            ("attendance", "GET /v1/placements/{placement_id}/attendance", "hr-k"),
            ("scorecard", "GET /v1/placements/{placement_id}/scorecard", "hr-k"),
            ("document", "GET /v1/placements/{placement_id}/document", "hr-k"),
            ("insurance", "GET /v1/placements/{placement_id}/insurance", "hr-k"),
            ("progress", "GET /v1/placements/{placement_id}/progress", "hr-k"),
            ("placement", "GET /v1/placements", "hr-k"),
        ]
        # The school's unfiltered list holds the same entries (this school's data was read nowhere else).
        everything = await c.get("/v1/audit/reads", headers=school)
        assert [e["seq"] for e in everything.json()["items"]] == [e["seq"] for e in r.json()["items"]]


async def test_an_enterprise_read_of_a_students_mentoring_is_in_the_schools_answer_of_mentors(
    stack, internships, mentors, start_placement, assign_mentor
):
    school_org, enterprise_org, student_ref = "school-audit-m", "ent-audit-m", "stu-audit-m"
    school = mentors.manager(school_org, "school")
    hr = stack.auth(enterprise_org, "enterprise", "hr", sub="hr-m")
    async with internships.client() as c:
        placement = await start_placement(
            c,
            school_org,
            enterprise_org,
            student_ref,
            starts_on=date.today() - timedelta(days=7),
            duties=[{"name": "listings", "kind": "core"}],
        )
    await assign_mentor(placement, "mentor-m")
    async with mentors.client() as m:
        sides = await mentors.of_student(m, school_org, "school", student_ref)  # the school's read: not logged
        assignment = sides["enterprise"]["id"]
        r = await m.get(f"/v1/students/{student_ref}/mentors", headers=hr)
        assert r.status_code == 200, r.text
        hr_shown = len(r.json()["assignments"])
        assert hr_shown >= 1
        mentor = stack.auth(enterprise_org, "enterprise", "mentor", sub="mentor-m")
        for path in (f"/v1/assignments/{assignment}", f"/v1/assignments/{assignment}/sessions"):
            r = await m.get(path, headers=mentor)
            assert r.status_code == 200, (path, r.text)

        r = await m.get("/v1/audit/reads", headers=school, params={"student_ref": student_ref})
        assert r.status_code == 200, r.text
        got = [(e["actor"], e["actor_org"], e["resource_kind"], e["route"]) for e in r.json()["items"]]
        # One entry per assignment HR was shown, then the mentor's two reads.
        assert (
            got[:hr_shown]
            == [("hr-m", enterprise_org, "assignment", "GET /v1/students/{student_ref}/mentors")] * hr_shown
        )
        assert got[hr_shown:] == [
            ("mentor-m", enterprise_org, "assignment", "GET /v1/assignments/{assignment_id}"),
            ("mentor-m", enterprise_org, "guidance_sessions", "GET /v1/assignments/{assignment_id}/sessions"),
        ]
        other = await m.get(
            "/v1/audit/reads", headers=mentors.manager("school-audit-x", "school"), params={"student_ref": student_ref}
        )
        assert other.status_code == 200 and other.json()["items"] == []
        verified = await m.get("/v1/audit/verify", headers=school)
        assert verified.json()["ok"] is True, verified.text


async def test_a_schools_read_of_project_material_is_in_the_enterprises_answer(stack, internships):
    school_org, enterprise_org = "school-audit-p", "ent-audit-p"
    school = stack.auth(school_org, "school", "coordinator", sub="coord-p")
    enterprise = stack.auth(enterprise_org, "enterprise", "hr")
    async with internships.client() as i:
        await internships.agreement(i, school_org, enterprise_org)
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:

        async def partnership_known() -> bool:
            r = await p.get("/v1/partnerships", headers=enterprise)
            return any(x["school_org"] == school_org for x in r.json()["items"])

        assert await eventually(partnership_known, timeout=30, what="the agreement in the projects read model")
        today = date.today()
        created = await p.post(
            "/v1/projects",
            headers=enterprise,
            json={
                "title": "Store analytics",
                "brief": "Desensitised orders.",
                "competencies": ["platform-operation"],
                "team_capacity": 1,
                "min_team_size": 2,
                "max_team_size": 4,
                "credits": 2,
                "pass_mark": 60,
                "starts_on": today.isoformat(),
                "ends_on": (today + timedelta(days=60)).isoformat(),
                "weights": {"teacher": 0.3, "enterprise": 0.3, "platform": 0.2, "peer": 0.2},
                "platform_targets": {"orders": {"value": 100, "unit": "count"}},
            },
        )
        assert created.status_code == 201, created.text
        pid = created.json()["id"]
        items = []
        for title in ("Orders 2025", "Returns 2025"):
            r = await p.post(
                f"/v1/projects/{pid}/material",
                headers=enterprise,
                json={"title": title, "kind": "dataset", "uri": f"https://data.example.com/{len(items)}.csv"},
            )
            assert r.status_code == 201, r.text
            items.append(r.json()["id"])
        assert (await p.post(f"/v1/projects/{pid}/publish", headers=enterprise)).status_code == 200
        assert (await p.put(f"/v1/projects/{pid}/schools/{school_org}", headers=enterprise)).status_code == 200

        assert (await p.get(f"/v1/projects/{pid}/material", headers=enterprise)).status_code == 200  # its own
        shown = await p.get(f"/v1/projects/{pid}/material", headers=school, params={"page_size": 1})
        assert shown.status_code == 200 and len(shown.json()["items"]) == 1
    async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as ch:
        got = await ppb_grpc.ProjectsServiceStub(ch).ListMaterial(
            ppb.ListMaterialRequest(project_id=pid),
            metadata=meta(stack, school_org, "school", "coordinator", sub="coord-p"),
        )
        assert len(got.material) == 2
        listed = await project_audit_grpc.AuditServiceStub(ch).ListAuditReads(
            project_audit_pb.ListAuditReadsRequest(), metadata=meta(stack, enterprise_org, "enterprise", "hr")
        )
    rows = [(e.actor, e.actor_org, e.subject_kind, e.subject_ref, e.resource_id, e.route) for e in listed.entries]
    rest, rpc = "GET /v1/projects/{project_id}/material", "/praxis.projects.v1.ProjectsService/ListMaterial"
    assert rows == [
        ("coord-p", school_org, "project_material", pid, items[0], rest),
        ("coord-p", school_org, "project_material", pid, items[0], rpc),
        ("coord-p", school_org, "project_material", pid, items[1], rpc),
    ]
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        r = await p.get("/v1/audit/reads", headers=stack.auth(school_org, "school", "admin"))
        assert r.status_code == 200 and r.json()["items"] == []  # the school's data was not read in projects
        assert (await p.get("/v1/audit/verify", headers=enterprise)).json()["ok"] is True
