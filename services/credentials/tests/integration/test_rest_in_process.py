"""The REST edge, in-process: the app as the kernel assembles it (gate, problem+json, OpenAPI) over a real, migrated
PostgreSQL, with real tokens. The school asks, the enterprise countersigns, the student's school downloads the JSON,
the VC-JWT and the certificate; anyone, without a token, reads the DID documents and the signed status list and
checks the credential; tenant routes without a token are 401, garbage is 422, another organisation gets 404."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy.ext.asyncio import create_async_engine

from credentials.adapters.unit_of_work import CredentialsUnit
from credentials.config import Settings
from credentials.domain import did, securing
from credentials.domain.issuance import Passed
from credentials.domain.open_badges import Kind
from credentials.handlers import facts
from credentials.main import custody, routers
from praxis_common.auth import TokenVerifier
from praxis_common.http import create_app
from praxis_common.service import Runtime
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.outside_issuer import OutsideIssuer
from praxis_dev.tokens import generate_keypair, mint_token

PUBLIC = "https://praxis.example.edu"


@pytest.fixture(scope="module")
def keypair(tmp_path_factory) -> tuple[bytes, str]:
    private, public = generate_keypair(tmp_path_factory.mktemp("jwt"))
    return Path(private).read_bytes(), Path(public).read_text()


@pytest.fixture
async def api(database_url, keypair):
    engine = create_async_engine(database_url, pool_size=5, max_overflow=0)
    settings = Settings(database_url=database_url, environment="test", public_url=PUBLIC, jwt_public_key=keypair[1])
    verifier = TokenVerifier(issuer="praxis-dev", audience="praxis", public_key=keypair[1])
    uow = UnitOfWorkFactory(engine, event_prefix="t", unit=CredentialsUnit)
    rt = Runtime(settings=settings, engine=engine, uow=uow, bus=None, verifier=verifier, resources=custody(settings))
    app = create_app(title="credentials", verifier=verifier, routers=routers(rt), readiness=None)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PUBLIC) as client:
        yield client, uow
    await engine.dispose()


def auth(keypair, org: str, kind: str, *roles: str, sub: str = "u-1") -> dict:
    token = mint_token(keypair[0], org=org, org_kind=kind, roles=list(roles), sub=sub)
    return {"Authorization": f"Bearer {token}"}


async def a_passed_placement(uow) -> str:
    placement_id = str(uuid.uuid4())
    await facts.record_organisation("sz-poly", "school", "", "Shenzhen Polytechnic", 1, uow=uow)
    await facts.record_passed(
        Passed(
            kind=Kind.PLACEMENT,
            source_id=placement_id,
            school_org="sz-poly",
            enterprise_org="acme",
            student_ref="S-42",
            title="Store operations intern",
            passed=True,
            credits=Decimal("4"),
            grade="A",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 6, 30),
        ),
        updated_at=datetime.now(UTC) - timedelta(days=1),
        uow=uow,
    )
    return placement_id


async def test_issued_over_rest_and_checked_by_anyone(api, keypair):
    client, uow = api
    school = auth(keypair, "sz-poly", "school", "admin", sub="t-admin")
    host = auth(keypair, "acme", "enterprise", "hr", sub="e-hr")
    placement_id = await a_passed_placement(uow)

    asked = await client.post(
        "/v1/credentials",
        headers={**school, "Idempotency-Key": "ask-1"},
        json={"kind": "placement", "source_id": placement_id, "student_name": "Li Wei"},
    )
    assert asked.status_code == 201, asked.text
    credential_id = asked.json()["id"]
    assert asked.headers["Location"] == f"/v1/credentials/{credential_id}"
    assert asked.json()["stage"] == "awaiting_countersignature"
    # Before the countersignature: what it says, to read, but not the school's signature alone (a VC-JWT already).
    assert (
        asked.json()["credential"] is None and asked.json()["content"]["name"] == "Internship: Store operations intern"
    )
    again = await client.post(
        "/v1/credentials",
        headers={**school, "Idempotency-Key": "ask-1"},
        json={"kind": "placement", "source_id": placement_id, "student_name": "Li Wei"},
    )
    assert again.status_code == 201 and again.json()["id"] == credential_id  # a retry, not a second credential
    early = await client.get(f"/v1/credentials/{credential_id}/credential.json", headers=school)
    assert early.status_code == 409 and early.headers["content-type"].startswith("application/problem+json")

    signed = await client.post(f"/v1/credentials/{credential_id}/countersign", headers=host)
    assert signed.status_code == 200 and signed.json()["stage"] == "issued"
    assert len(signed.json()["credential"]["signatures"]) == 2

    as_json = await client.get(f"/v1/credentials/{credential_id}/credential.json", headers=school)
    assert as_json.status_code == 200 and "attachment" in as_json.headers["content-disposition"]
    as_jwt = await client.get(f"/v1/credentials/{credential_id}/credential.jwt", headers=school)
    assert as_jwt.headers["content-type"] == "application/jwt" and as_jwt.text.count(".") == 2
    pdf = await client.get(f"/v1/credentials/{credential_id}/certificate.pdf", headers=school)
    assert pdf.headers["content-type"] == "application/pdf"
    page = "".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "LiWei" in page and "Internship:Storeoperationsintern" in page and "ShenzhenPolytechnic" in page

    # Anyone, no token: the documents, the list, and the check (sent, or by the QR code's address).
    school_did = did.did_of(PUBLIC + "/public", "school", "sz-poly")
    document = await client.get("/public/orgs/school/sz-poly/did.json")
    assert document.status_code == 200 and document.json()["id"] == school_did
    assert document.headers["content-type"] == "application/did+json"
    status = await client.get("/public/orgs/school/sz-poly/status/1")
    assert status.status_code == 200 and status.headers["content-type"] == "application/jwt"
    checked = await client.post("/public/verifications", content=as_json.content)
    assert checked.status_code == 200 and checked.json()["valid"] is True, checked.json()
    assert set(checked.json()["signers"]) == {"issuer", "countersigner"}

    revoked = await client.post(f"/v1/credentials/{credential_id}/revoke", headers=school, json={"reason": "error"})
    assert revoked.status_code == 200 and revoked.json()["stage"] == "revoked"
    qr = await client.get(f"/public/credentials/{credential_id}/verification")
    assert qr.status_code == 200
    assert qr.json()["valid"] is False and qr.json()["problems"] == ["revoked by its issuer: error"]
    # The signed list a verifier fetches now has the bit set.
    token = (await client.get("/public/orgs/school/sz-poly/status/1")).text
    bits = securing.read_status_list(
        token,
        url=securing.status_url(json.loads(as_json.content)),
        issuer=school_did,
        documents={school_did: document.json()},
        now=datetime.now(UTC),
    )
    index = int(securing.credential_of(json.loads(as_json.content))["credentialStatus"]["statusListIndex"])
    assert bits[index // 8] & (0x80 >> (index % 8))


async def test_refusals_are_problems(api, keypair):
    client, uow = api
    placement_id = await a_passed_placement(uow)
    school = auth(keypair, "sz-poly", "school", "admin")
    assert (await client.get("/v1/credentials")).status_code == 401
    assert (
        await client.post("/v1/credentials", json={"kind": "placement", "source_id": placement_id})
    ).status_code == 401
    garbage = await client.post("/public/verifications", content=b'{"payload": 5}')
    assert garbage.status_code == 422 and garbage.headers["content-type"].startswith("application/problem+json")
    assert (await client.post("/public/verifications", content=b"[" * 50_000)).status_code == 422
    assert (await client.get("/public/orgs/school/nobody/did.json")).status_code == 404
    assert (await client.get("/public/orgs/club/sz-poly/did.json")).status_code == 422
    asked = await client.post("/v1/credentials", headers=school, json={"kind": "placement", "source_id": placement_id})
    credential_id = asked.json()["id"]
    outsider = auth(keypair, "globex", "enterprise", "admin")
    assert (await client.get(f"/v1/credentials/{credential_id}", headers=outsider)).status_code == 404
    assert (await client.post(f"/v1/credentials/{credential_id}/countersign", headers=outsider)).status_code == 404
    blank = await client.post(f"/v1/credentials/{credential_id}/revoke", headers=school, json={"reason": ""})
    assert blank.status_code == 422
    unknown = await client.post(
        "/v1/credentials", headers=school, json={"kind": "placement", "source_id": placement_id, "extra": 1}
    )
    assert unknown.status_code == 422
    keys = await client.get("/v1/signing-keys", headers=school)
    assert keys.status_code == 200 and keys.json()["items"][0]["signs"] is True
    rotated = await client.post("/v1/signing-keys/rotate", headers=school)
    assert rotated.status_code == 200 and rotated.json()["number"] == keys.json()["items"][-1]["number"] + 1
    teacher = auth(keypair, "sz-poly", "school", "teacher")
    assert (await client.post("/v1/signing-keys/rotate", headers=teacher)).status_code == 403


async def test_the_openapi_document_says_which_routes_need_no_token(api):
    client, _ = api
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert paths["/public/verifications"]["post"]["security"] == []
    assert paths["/public/orgs/{kind}/{org}/did.json"]["get"]["security"] == []
    assert "security" not in paths["/v1/credentials"]["post"]  # the document's default: a bearer token


async def test_achievements_brought_in_over_rest(api, keypair):
    client, _ = api
    staff = auth(keypair, "sz-poly", "school", "coordinator", sub="coord")
    student = auth(keypair, "sz-poly", "school", "student", sub="S-77")
    outside = OutsideIssuer()
    badge = outside.badge("Provincial skills contest, 1st prize", awarded=datetime.now(UTC) - timedelta(days=3))

    presented = await client.post(
        "/v1/presented-badges", headers=student, json={"student_ref": "S-77", "credential": badge}
    )
    assert presented.status_code == 201, presented.text
    assert presented.json()["issuer_id"] == outside.did and presented.json()["kind"] == "badge"
    assert presented.headers["Location"] == f"/v1/achievements/{presented.json()['id']}"
    header, payload, signature = badge.split(".")
    tampered = f"{header}.{payload[:-4]}{'AAAA' if payload[-4:] != 'AAAA' else 'BBBB'}.{signature}"
    refused = await client.post(
        "/v1/presented-badges", headers=student, json={"student_ref": "S-77", "credential": tampered}
    )
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"][0]["field"] == "credential", refused.json()

    weighed = await client.put(
        f"/v1/achievements/{presented.json()['id']}/weight", headers=staff, json={"points": "30", "credits": "1.5"}
    )
    assert weighed.status_code == 200 and (weighed.json()["points"], weighed.json()["credits"]) == ("30.00", "1.50")
    recorded = await client.post(
        "/v1/achievements",
        headers={**staff, "Idempotency-Key": "cert-1"},
        json={
            "student_ref": "S-77",
            "kind": "certificate",
            "title": "Cloud platform operations (1+X), intermediate",
            "issuer_name": "1+X certificate body",
            "awarded_on": "2026-06-20",
            "credits": "2",
        },
    )
    assert recorded.status_code == 201, recorded.text
    listed = await client.get("/v1/achievements", headers=student, params={"kind": "certificate"})
    assert [a["id"] for a in listed.json()["items"]] == [recorded.json()["id"]]
    assert (
        await client.post("/v1/achievements", headers=student, json=json.loads(recorded.request.content))
    ).status_code == 403
    enterprise = auth(keypair, "acme", "enterprise", "admin")
    assert (await client.get("/v1/achievements", headers=enterprise)).status_code == 403
    assert (await client.get(f"/v1/achievements/{recorded.json()['id']}", headers=enterprise)).status_code == 404
    for bad in ({"points": "101"}, {"credits": "-1"}, {"points": "abc"}):
        put = await client.put(f"/v1/achievements/{recorded.json()['id']}/weight", headers=staff, json=bad)
        assert put.status_code == 422, bad
    future = await client.post(
        "/v1/achievements",
        headers=staff,
        json={
            "student_ref": "S-77",
            "kind": "competition",
            "title": "t",
            "issuer_name": "i",
            "awarded_on": "2999-01-01",
        },
    )
    assert future.status_code == 422
    withdrawn = await client.post(
        f"/v1/achievements/{recorded.json()['id']}/withdraw", headers=staff, json={"reason": "duplicate"}
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"] is not None


async def test_each_party_exports_its_register_and_no_one_else_s(api, keypair):
    client, uow = api
    school = auth(keypair, "sz-poly", "school", "admin", sub="t-admin")
    placement_id = await a_passed_placement(uow)
    asked = await client.post("/v1/credentials", headers=school, json={"kind": "placement", "source_id": placement_id})
    credential_id = asked.json()["id"]
    revoked = await client.post(
        f"/v1/credentials/{credential_id}/revoke", headers=school, json={"reason": '=HYPERLINK("x") entered twice'}
    )
    assert revoked.status_code == 200
    as_csv = await client.get("/v1/credentials/export", headers=school)
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(as_csv.text))}
    mine = rows[credential_id]
    assert (mine["stage"], mine["kind"], mine["source_id"], mine["ended_for"]) == (
        "revoked",
        "placement",
        placement_id,
        "school",
    )
    assert mine["title"] == "Store operations intern"  # the achievement the credential describes
    assert mine["end_reason"].startswith("'=")  # shown as text in a spreadsheet, never run as a formula
    as_json = await client.get("/v1/credentials/export", headers=school, params={"format": "json"})
    assert {r["id"] for r in as_json.json()} == set(rows)
    host = await client.get("/v1/credentials/export", headers=auth(keypair, "acme", "enterprise", "hr"))
    assert credential_id in host.text  # the host enterprise's register holds it too
    for outsider in (auth(keypair, "gz-tech", "school", "admin"), auth(keypair, "globex", "enterprise", "admin")):
        theirs = await client.get("/v1/credentials/export", headers=outsider)
        assert theirs.status_code == 200 and credential_id not in theirs.text
    assert (await client.get("/v1/credentials/export")).status_code == 401
    assert (await client.get("/v1/credentials/export", headers=school, params={"format": "xml"})).status_code == 422
