"""The tripartite agreement as a signed document, through REST against real processes: rendered from the
placement's data, signed by the three parties in any order, the signed PDF carrying a signature page (read back with
pypdf), the start refused without every signature, a change of the placement's data voiding them, and nobody but
the three parties reading or signing it."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import date, timedelta

import asyncpg
import httpx
import pypdf
import pytest
from course_start import insure, sign_document, student_auth

from praxis_dev.testing.servers import plain_url
from praxis_dev.testing.stack import Stack

TODAY = date.today()


async def confirmed_placement(c: httpx.AsyncClient, internships, school: str, enterprise: str, student: str, **extra):
    stack = internships.stack
    agreement = await internships.agreement(c, school, enterprise, valid_from=TODAY - timedelta(days=7))
    position = await internships.position(c, enterprise, agreement, seats=3, starts_on=TODAY, days=120)
    booked = await internships.book(
        c,
        school,
        position["id"],
        student,
        birth_date=extra.pop("birth_date", "2004-01-01"),
        profile={"display_name": f"Student {student}"},
    )
    assert booked.status_code == 201, booked.text
    confirmed = await c.post(
        f"/v1/placements/{booked.json()['id']}/confirm", headers=stack.auth(enterprise, "enterprise", "hr")
    )
    assert confirmed.status_code == 200, confirmed.text
    await insure(c, stack, confirmed.json())  # the start asks for cover too; these tests are about signatures
    return confirmed.json()


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


async def test_three_parties_sign_the_rendered_pdf_which_lists_them_and_the_hash(stack: Stack, internships, read_event):
    school, enterprise, student = "school-doc", "ent-doc", "stu-doc"
    s = stack.auth(school, "school", "coordinator")
    async with internships.client() as c:
        placement = await confirmed_placement(c, internships, school, enterprise, student)
        pid = placement["id"]
        first = await c.get(f"/v1/placements/{pid}/document", headers=s)
        assert first.status_code == 200, first.text
        document = first.json()
        assert (document["version"], document["locale"], document["complete"]) == (1, "zh-CN", False)
        assert document["missing"] == ["school", "enterprise", "student"] and document["signatures"] == []
        bare = await c.get(f"/v1/placements/{pid}/document.pdf", headers=s, params={"signature_page": "false"})
        assert bare.headers["content-type"] == "application/pdf"
        assert hashlib.sha256(bare.content).hexdigest() == document["sha256"] == bare.headers["x-document-sha256"]
        text = "\n".join(pdf_text(bare.content))
        assert "Store operations intern" in text and f"Student {student}" in text and "listings" in text
        assert "每日工作时间不超过8小时" in text  # the compliance policy's clauses, in words

        # any order: the enterprise, the student in person, then the school
        for headers in (stack.auth(enterprise, "enterprise", "hr"), student_auth(stack, school, student), s):
            signed = await sign_document(c, headers, pid)
            assert signed.status_code == 200, signed.text
        assert signed.json()["complete"] and signed.json()["missing"] == []
        by_party = {x["party"]: x for x in signed.json()["signatures"]}
        assert by_party["student"]["signer_sub"] == student and by_party["student"]["on_behalf_of"] is None
        assert {x["document_sha256"] for x in by_party.values()} == {document["sha256"]}
        event = await read_event("internships.placement.document_signed", pid)
        assert event["version"] == 1 and event["signature"]["party"] in {"school", "enterprise", "student"}

        again = await sign_document(c, s, pid)  # a retry changes nothing
        assert again.status_code == 200 and again.json()["signatures"] == signed.json()["signatures"]

        pdf = await c.get(f"/v1/placements/{pid}/document.pdf", headers=student_auth(stack, school, student))
        assert pdf.status_code == 200, pdf.text
        last = pdf_text(pdf.content)[-1]
        for party, org, signer in (
            ("school", school, by_party["school"]["signer_sub"]),
            ("enterprise", enterprise, by_party["enterprise"]["signer_sub"]),
            ("student", school, student),
        ):
            assert f"Party: {party}" in last and f"Organisation: {org}" in last and f"Signer: {signer}" in last, last
        assert last.count(document["sha256"]) >= 3, last
        started = await c.post(f"/v1/placements/{pid}/start", headers=s)
        assert started.status_code == 200 and started.json()["status"] == "active", started.text


async def test_the_start_is_refused_naming_the_rule_until_every_party_signed(stack: Stack, internships):
    school, enterprise = "school-doc-start", "ent-doc-start"
    s = stack.auth(school, "school", "admin")
    async with internships.client() as c:
        placement = await confirmed_placement(c, internships, school, enterprise, "stu-start")
        pid = placement["id"]
        for headers, behalf in ((s, None), (stack.auth(enterprise, "enterprise", "admin"), None)):
            refused = await c.post(f"/v1/placements/{pid}/start", headers=s)
            assert refused.status_code == 422 and refused.json()["rule"] == "student-consent", refused.text
            assert (await sign_document(c, headers, pid, on_behalf_of=behalf)).status_code == 200
        refused = await c.post(f"/v1/placements/{pid}/start", headers=s)
        assert refused.status_code == 422 and refused.json()["rule"] == "student-consent", refused.text
        assert refused.json()["errors"][0]["field"] == "document.signatures" and "student" in refused.text
        old_way = await c.post(f"/v1/placements/{pid}/consent", headers=s, json={"student": True})
        assert old_way.status_code == 422 and old_way.json()["errors"][0]["field"] == "student", old_way.text
        for_the_adult = await sign_document(c, s, pid, on_behalf_of="student")
        assert for_the_adult.status_code == 422 and "in person" in for_the_adult.text  # the school may not
        assert (await sign_document(c, student_auth(stack, school, "stu-start"), pid)).status_code == 200
        started = await c.post(f"/v1/placements/{pid}/start", headers=s)
        assert started.json()["status"] == "active", started.text


async def test_a_change_of_the_placements_dates_voids_the_signatures_and_renders_a_new_version(
    stack: Stack, internships, read_event
):
    school, enterprise = "school-doc-void", "ent-doc-void"
    s = stack.auth(school, "school", "admin")
    async with internships.client() as c:
        placement = await confirmed_placement(c, internships, school, enterprise, "stu-void")
        pid = placement["id"]
        student = student_auth(stack, school, "stu-void")
        for headers, behalf in ((s, None), (stack.auth(enterprise, "enterprise", "hr"), None), (student, None)):
            assert (await sign_document(c, headers, pid, on_behalf_of=behalf)).status_code == 200
        signed = (await c.get(f"/v1/placements/{pid}/document", headers=s)).json()
        assert signed["complete"] and signed["version"] == 1

        # The school moves the placement's end date.
        new_end = (date.fromisoformat(placement["ends_on"]) - timedelta(days=14)).isoformat()
        amended = await c.patch(f"/v1/placements/{pid}", headers=s, json={"ends_on": new_end})
        assert amended.status_code == 200, amended.text

        current = (await c.get(f"/v1/placements/{pid}/document", headers=s)).json()
        assert current["version"] == 2 and current["sha256"] != signed["sha256"]
        assert current["signatures"] == [] and current["missing"] == ["school", "enterprise", "student"]
        refused = await c.post(f"/v1/placements/{pid}/start", headers=s)
        assert refused.status_code == 422 and refused.json()["rule"] == "student-consent", refused.text
        stale = await c.post(
            f"/v1/placements/{pid}/document/signatures", headers=s, json={"document_sha256": signed["sha256"]}
        )
        assert stale.status_code == 409 and stale.json()["type"] == "urn:praxis:problem:stale-document"
        assert current["sha256"] in stale.json()["detail"]
        voided = await read_event("internships.placement.signatures_voided", pid)
        assert (voided["version"], voided["newVersion"], len(voided["signatures"])) == (1, 2, 3)
        rendered = await read_event("internships.placement.document_rendered", current["sha256"])
        assert rendered["previousVersion"] == 1
        assert new_end in "\n".join(pdf_text((await c.get(f"/v1/placements/{pid}/document.pdf", headers=s)).content))
        db = await asyncpg.connect(plain_url(stack["internships"].database_url))
        try:  # the voided signatures are kept, marked
            kept = await db.fetchval(
                "SELECT count(*) FROM placement_signature WHERE placement_id = $1 AND document_version = 1 "
                "AND voided_at IS NOT NULL",
                uuid.UUID(pid),
            )
        finally:
            await db.close()
        assert kept == 3


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("another school's admin", 404),
        ("another enterprise's hr", 404),
        ("a student of another placement of the same school", 404),
        ("the school's teacher", 403),
        ("the enterprise's mentor", 403),
    ],
)
async def test_only_the_three_parties_read_and_sign(stack: Stack, internships, who, status):
    school, enterprise = "school-doc-who", "ent-doc-who"
    async with internships.client() as c:
        placement = await confirmed_placement(c, internships, school, enterprise, f"stu-who-{status}-{len(who)}")
        pid = placement["id"]
        sha = (await c.get(f"/v1/placements/{pid}/document", headers=stack.auth(school, "school", "admin"))).json()[
            "sha256"
        ]
        headers = {
            "another school's admin": stack.auth("school-doc-else", "school", "admin"),
            "another enterprise's hr": stack.auth("ent-doc-else", "enterprise", "hr"),
            "a student of another placement of the same school": student_auth(stack, school, "stu-other"),
            "the school's teacher": stack.auth(school, "school", "teacher"),
            "the enterprise's mentor": stack.auth(enterprise, "enterprise", "mentor"),
        }[who]
        sign = await c.post(f"/v1/placements/{pid}/document/signatures", headers=headers, json={"document_sha256": sha})
        assert sign.status_code == status, sign.text
        assert sign.headers["content-type"] == "application/problem+json"
        if status == 404:  # nothing of it is readable either
            for path in ("document", "document.pdf"):
                assert (await c.get(f"/v1/placements/{pid}/{path}", headers=headers)).status_code == 404
        document = (await c.get(f"/v1/placements/{pid}/document", headers=stack.auth(school, "school", "admin"))).json()
        assert document["signatures"] == []  # a fourth party never adds a signature


async def test_bad_signatures_are_4xx_problems(stack: Stack, internships):
    school, enterprise = "school-doc-bad", "ent-doc-bad"
    s, e = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    async with internships.client() as c:
        placement = await confirmed_placement(c, internships, school, enterprise, "stu-bad")
        pid = placement["id"]
        sha = (await c.get(f"/v1/placements/{pid}/document", headers=s)).json()["sha256"]
        url = f"/v1/placements/{pid}/document/signatures"
        for headers, body, field in (
            (s, {"document_sha256": "not-a-hash"}, "document_sha256"),
            (s, {}, "document_sha256"),
            (s, {"document_sha256": sha, "on_behalf_of": "cousin"}, "on_behalf_of"),
            (s, {"document_sha256": sha, "on_behalf_of": "guardian"}, "on_behalf_of"),  # an adult has no guardian
            (e, {"document_sha256": sha, "on_behalf_of": "student"}, "on_behalf_of"),  # only the school
            (s, {"document_sha256": sha, "on_behalf_of": "student"}, "on_behalf_of"),  # an adult signs in person
            (
                student_auth(stack, school, "stu-bad"),
                {"document_sha256": sha, "on_behalf_of": "student"},
                "on_behalf_of",
            ),
        ):
            r = await c.post(url, headers=headers, json=body)
            assert r.status_code == 422, (body, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert field in [x["field"] for x in r.json()["errors"]], r.text
        stale = await c.post(url, headers=s, json={"document_sha256": "0" * 64})
        assert stale.status_code == 409 and sha in stale.json()["detail"]
        minor = await confirmed_placement(
            c, internships, school, enterprise, "stu-minor", birth_date=(TODAY - timedelta(days=17 * 365)).isoformat()
        )
        guardian = await sign_document(c, s, minor["id"], on_behalf_of="guardian")
        assert guardian.status_code == 200 and guardian.json()["signatures"][0]["on_behalf_of"] == "guardian"
        assert guardian.json()["signatures"][0]["party"] == "student"
