"""Credentials through gRPC (CredentialsService), against the real service: the same use cases and refusals as REST.
Achievements brought in: a student presents a badge, a tampered one is INVALID_ARGUMENT, the staff weigh it.
Signing keys: an enterprise's hr rotates its own (its first signature's key retired, the new one signing), a
mentor may not; another organisation's credential is NOT_FOUND; a credential's JSON that is not one is
INVALID_ARGUMENT; a check of a forged credential answers why it fails."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import httpx
import pytest

from praxis.credentials.v1 import credentials_pb2 as pb
from praxis.credentials.v1 import credentials_pb2_grpc as pb_grpc
from praxis_dev.testing.outside_issuer import OutsideIssuer
from praxis_dev.testing.stack import Stack

ENTERPRISE = "ent-gcred"


@pytest.fixture
async def stub(stack):
    async with grpc.aio.insecure_channel(stack["credentials"].grpc_target) as ch:
        yield pb_grpc.CredentialsServiceStub(ch)


def meta(stack: Stack, org: str, kind: str, role: str) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


async def test_keys_rotate_over_grpc_as_over_rest(stack, stub):
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    rotated = (await stub.RotateSigningKey(pb.RotateSigningKeyRequest(), metadata=hr, timeout=30)).key
    assert rotated.kid.endswith(f":public:orgs:enterprise:{ENTERPRISE}#key-2") and rotated.signs
    listed = (await stub.ListSigningKeys(pb.ListSigningKeysRequest(), metadata=hr, timeout=10)).keys
    assert [(k.number, k.signs, k.published) for k in listed] == [(1, False, True), (2, True, True)]
    async with httpx.AsyncClient(base_url=stack["credentials"].base_url) as c:
        rest = (await c.get("/v1/signing-keys", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))).json()
        document = (await c.get(f"/public/orgs/enterprise/{ENTERPRISE}/did.json")).json()  # no token
    assert [k["kid"] for k in rest["items"]] == [k.kid for k in listed] == document["assertionMethod"]
    mentor = meta(stack, ENTERPRISE, "enterprise", "mentor")
    err = await refused(stub.RotateSigningKey(pb.RotateSigningKeyRequest(), metadata=mentor, timeout=10))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_refusals_map_to_status_codes(stack, stub):
    school = meta(stack, "school-gcred", "school", "admin")
    missing = pb.GetCredentialRequest(credential_id=str(uuid.uuid4()))
    assert (await refused(stub.GetCredential(missing, metadata=school, timeout=10))).code() == grpc.StatusCode.NOT_FOUND
    not_uuid = pb.GetCredentialRequest(credential_id="x")
    err = await refused(stub.GetCredential(not_uuid, metadata=school, timeout=10))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "credential_id" in err.details()
    bad = pb.RequestCredentialRequest(kind="diploma", source_id=str(uuid.uuid4()))
    err = await refused(stub.RequestCredential(bad, metadata=school, timeout=10))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "kind" in err.details()
    unknown = pb.RequestCredentialRequest(kind="placement", source_id=str(uuid.uuid4()))
    err = await refused(stub.RequestCredential(unknown, metadata=school, timeout=10))
    assert err.code() == grpc.StatusCode.NOT_FOUND  # no such passed achievement (or not this school's)
    garbage = pb.VerifyCredentialRequest(credential_json='{"payload": 1}')
    err = await refused(stub.VerifyCredential(garbage, metadata=school, timeout=10))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (await refused(stub.ListCredentials(pb.ListCredentialsRequest(), timeout=10))).code() == (
        grpc.StatusCode.UNAUTHENTICATED
    )


async def test_a_forged_credential_is_checked_and_found_wanting(stack, stub):
    issuer = f"did:web:127.0.0.1%3A{stack['credentials'].http_port}:public:orgs:school:nobody-here"
    payload = {
        "issuer": {"id": issuer},
        "credentialSubject": {"source": {"id": issuer}},
        "validFrom": "2026-01-01T00:00:00Z",
    }
    encoded = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    protected = base64.urlsafe_b64encode(json.dumps({"alg": "RS256", "kid": issuer + "#key-1"}).encode()).decode()
    forged = {"payload": encoded, "signatures": [{"protected": protected.rstrip("="), "signature": "AAAA"}]}
    school = meta(stack, "school-gcred", "school", "teacher")
    checked = await stub.VerifyCredential(
        pb.VerifyCredentialRequest(credential_json=json.dumps(forged)), metadata=school, timeout=10
    )
    assert not checked.valid and not checked.signers
    assert any("is not published" in p for p in checked.problems), list(checked.problems)


async def test_achievements_are_brought_in_over_grpc_as_over_rest(stack, stub):
    student_ref = "S-gcred-1"
    student = (("authorization", f"Bearer {stack.token('school-gcred', 'school', 'student', sub=student_ref)}"),)
    staff = meta(stack, "school-gcred", "school", "coordinator")
    outside = OutsideIssuer()
    token = outside.badge("Skills contest, 2nd prize", awarded=datetime.now(UTC) - timedelta(days=2))
    request = pb.PresentBadgeRequest(student_ref=student_ref, credential=token)
    recorded = (await stub.PresentBadge(request, metadata=student, timeout=10)).achievement
    assert (recorded.kind, recorded.issuer_id, recorded.points) == ("badge", outside.did, "0.00")
    header, payload, signature = token.split(".")
    forged = base64.urlsafe_b64decode(payload + "==").replace(b"2nd prize", b"1st prize")
    tampered = f"{header}.{base64.urlsafe_b64encode(forged).decode().rstrip('=')}.{signature}"
    err = await refused(
        stub.PresentBadge(
            pb.PresentBadgeRequest(student_ref=student_ref, credential=tampered), metadata=student, timeout=10
        )
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "does not match" in err.details()
    weighed = pb.WeighAchievementRequest(achievement_id=recorded.id, points="25", credits="1")
    assert (await stub.WeighAchievement(weighed, metadata=staff, timeout=10)).achievement.credits == "1.00"
    err = await refused(stub.WeighAchievement(weighed, metadata=student, timeout=10))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    listed = await stub.ListAchievements(pb.ListAchievementsRequest(kind="badge"), metadata=student, timeout=10)
    assert [a.id for a in listed.achievements] == [recorded.id]
    other = meta(stack, "school-gcred-2", "school", "admin")
    err = await refused(
        stub.GetAchievement(pb.GetAchievementRequest(achievement_id=recorded.id), metadata=other, timeout=10)
    )
    assert err.code() == grpc.StatusCode.NOT_FOUND
    bad = pb.RecordAchievementRequest(student_ref=student_ref, kind="diploma", title="t", issuer_name="i")
    err = await refused(stub.RecordAchievement(bad, metadata=staff, timeout=10))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "kind" in err.details()
