"""Bad input and bad credentials get a clear 4xx problem (or the gRPC equivalent), never a 500."""

from __future__ import annotations

from datetime import timedelta

import grpc
import httpx
import jwt
import pytest

from praxis.internships.v1 import internships_pb2 as ipb
from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc
from praxis.mentors.v1 import mentors_pb2 as mpb
from praxis.mentors.v1 import mentors_pb2_grpc as mpb_grpc
from praxis_dev.tokens import generate_keypair, mint_token

GOOD = {
    "school_org": "school-bad",
    "enterprise_org": "ent-bad",
    "valid_from": "2030-01-01",
    "valid_to": "2030-12-31",
    "intern_quota": 5,
}


@pytest.fixture(scope="module")
def foreign_key(tmp_path_factory) -> bytes:
    private, _ = generate_keypair(tmp_path_factory.mktemp("foreign"))
    return private.read_bytes()


def school(stack) -> dict:
    return stack.auth("school-bad", "school", "admin")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GOOD, "intern_quota": "lots"}, "intern_quota"),
        ({**GOOD, "intern_quota": "5"}, "intern_quota"),
        ({**GOOD, "intern_quota": -1}, "intern_quota"),
        ({**GOOD, "valid_from": "yesterday"}, "valid_from"),
        ({**GOOD, "valid_to": 20301231}, "valid_to"),
        ({**GOOD, "school_org": ""}, "school_org"),
        ({**GOOD, "school_org": ["a"]}, "school_org"),
        ({**GOOD, "unexpected": 1}, "unexpected"),
        ({**GOOD, "title": "a\u0000b"}, "title"),
        ({**GOOD, "title": "x" * 201}, "title"),
        ({k: v for k, v in GOOD.items() if k != "valid_to"}, "valid_to"),
    ],
)
async def test_wrong_types_and_missing_fields_are_422_naming_the_field(stack, body, field):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        r = await client.post("/v1/agreements", json=body, headers=school(stack))
    assert r.status_code == 422, r.text
    problem = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert problem["type"] == "urn:praxis:problem:invalid-input" and problem["status"] == 422
    assert field in [e["field"] for e in problem["errors"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GOOD, "valid_to": "2029-12-31"}, "valid_to"),  # before valid_from
        ({**GOOD, "valid_from": "2020-01-01", "valid_to": "2020-06-30"}, "valid_to"),  # in the past
        ({**GOOD, "enterprise_org": "school-bad"}, "enterprise_org"),  # same party twice
    ],
)
async def test_domain_rules_are_422_naming_the_field(stack, body, field):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        r = await client.post("/v1/agreements", json=body, headers=school(stack))
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]]


@pytest.mark.parametrize("raw", [b"{bad", b"", b"[1, 2", b"\xff\xfe", b"null", b"[]"])
async def test_malformed_json_is_a_4xx_problem(stack, raw):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        r = await client.post(
            "/v1/agreements", content=raw, headers={**school(stack), "content-type": "application/json"}
        )
    assert r.status_code in (400, 422), r.text
    assert r.headers["content-type"] == "application/problem+json"
    if raw in (b"{bad", b"[1, 2"):
        assert r.status_code == 400 and r.json()["type"] == "urn:praxis:problem:malformed-request"


async def test_unknown_ids_and_routes_are_problems(stack):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        not_uuid = await client.get("/v1/agreements/not-a-uuid", headers=school(stack))
        assert not_uuid.status_code == 422 and not_uuid.json()["errors"][0]["field"] == "path.agreement_id"
        missing = await client.get("/v1/agreements/00000000-0000-0000-0000-000000000000", headers=school(stack))
        assert missing.status_code == 404 and missing.json()["type"] == "urn:praxis:problem:not-found"
        nowhere = await client.get("/v1/nowhere", headers=school(stack))
        assert nowhere.status_code == 404 and nowhere.headers["content-type"] == "application/problem+json"
        wrong_method = await client.delete("/v1/agreements", headers=school(stack))
        assert wrong_method.status_code == 405 and wrong_method.headers["content-type"] == "application/problem+json"
        bad_status = await client.get("/v1/agreements", params={"status": "happy"}, headers=school(stack))
        assert bad_status.status_code == 422
        for forged in (
            "MHwwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=",  # 0|uuid, in range
            "LTk5OTk5OTk5OTk5OTk5OTk5OTl8MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw",  # far past
            "OTk5OTk5OTk5OTk5OTk5OTk5OTk5fDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==",
        ):
            r = await client.get("/v1/agreements", params={"page_token": forged}, headers=school(stack))
            assert r.status_code in (200, 422), r.text
        terminate = await client.post(
            "/v1/agreements/00000000-0000-0000-0000-000000000000/terminate",
            json={"reason": "x\u0000y"},
            headers=school(stack),
        )
        assert terminate.status_code == 422 and terminate.json()["errors"][0]["field"] == "reason"


def rsa_private_pem() -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def bad_credentials(stack, foreign_key) -> dict[str, dict[str, str]]:
    return {
        "missing token": {},
        "not bearer": {"Authorization": "Basic dXNlcjpwYXNz"},
        "garbage token": {"Authorization": "Bearer not.a.jwt"},
        "expired token": {
            "Authorization": "Bearer " + stack.token("school-bad", "school", "admin", ttl=timedelta(minutes=-5))
        },
        "token signed by another key": {
            "Authorization": "Bearer " + mint_token(foreign_key, org="school-bad", org_kind="school", roles=["admin"])
        },
        "token for another key type": {
            "Authorization": "Bearer "
            + jwt.encode(
                {
                    "sub": "x",
                    "org": "school-bad",
                    "org_kind": "school",
                    "iss": "praxis-dev",
                    "aud": "praxis",
                    "exp": 9999999999,
                },
                rsa_private_pem(),
                "RS256",
            )
        },
        "oversized subject": {"Authorization": "Bearer " + stack.token("school-bad", "school", "admin", sub="u" * 300)},
        "wrong audience": {"Authorization": "Bearer " + stack.token("school-bad", "school", "admin", audience="other")},
        "wrong issuer": {"Authorization": "Bearer " + stack.token("school-bad", "school", "admin", issuer="evil")},
        "unknown org kind": {"Authorization": "Bearer " + stack.token("school-bad", "ministry", "admin")},
    }


async def test_bad_credentials_are_401_problems_on_rest(stack, foreign_key):
    lists = {"internships": "/v1/agreements", "notifications": "/v1/webhooks"}
    for service in ("internships", "mentors", "projects", "notifications", "credentials"):
        path = lists.get(service, "/v1/partnerships")
        async with httpx.AsyncClient(base_url=stack[service].base_url) as client:
            for case, headers in bad_credentials(stack, foreign_key).items():
                r = await client.get(path, headers=headers)
                assert r.status_code == 401, (service, case, r.text)
                assert r.headers["content-type"] == "application/problem+json", case
                assert r.json()["type"] == "urn:praxis:problem:unauthenticated", case
                assert r.headers["www-authenticate"].startswith("Bearer"), case
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        expired = bad_credentials(stack, foreign_key)["expired token"]
        assert "expired" in (await client.get("/v1/agreements", headers=expired)).json()["detail"]


async def test_bad_credentials_are_unauthenticated_on_grpc(stack, foreign_key):
    async with grpc.aio.insecure_channel(stack["mentors"].grpc_target) as channel:
        stub = mpb_grpc.MentorsServiceStub(channel)
        for case, headers in bad_credentials(stack, foreign_key).items():
            metadata = tuple((k.lower(), v) for k, v in headers.items())
            with pytest.raises(grpc.aio.AioRpcError) as err:
                await stub.ListPartnerships(mpb.ListPartnershipsRequest(), metadata=metadata, timeout=5)
            assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED, case


async def test_invalid_grpc_requests_are_invalid_argument(stack):
    metadata = (("authorization", f"Bearer {stack.token('school-bad', 'school', 'admin')}"),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        cases = [
            stub.CreateAgreement(
                ipb.CreateAgreementRequest(**{**GOOD, "valid_from": "soon"}), metadata=metadata, timeout=5
            ),
            stub.CreateAgreement(
                ipb.CreateAgreementRequest(**{**GOOD, "intern_quota": -3}), metadata=metadata, timeout=5
            ),
            stub.GetAgreement(ipb.GetAgreementRequest(id="42"), metadata=metadata, timeout=5),
            stub.TerminateAgreement(
                ipb.TerminateAgreementRequest(id="00000000-0000-0000-0000-000000000000"), metadata=metadata, timeout=5
            ),
            stub.ListAgreements(ipb.ListAgreementsRequest(page_token="%%%"), metadata=metadata, timeout=5),
        ]
        for call in cases:
            with pytest.raises(grpc.aio.AioRpcError) as err:
                await call
            assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT, err.value.details()


async def test_roles_and_kinds_are_enforced(stack):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        student = await client.post("/v1/agreements", json=GOOD, headers=stack.auth("school-bad", "school", "student"))
        assert student.status_code == 403 and student.json()["type"] == "urn:praxis:problem:forbidden"
        for_other = await client.post(
            "/v1/agreements", json={**GOOD, "school_org": "someone-else"}, headers=school(stack)
        )
        assert for_other.status_code == 403


async def test_bytes_that_are_not_a_protobuf_message_are_invalid_argument(stack):
    metadata = (("authorization", f"Bearer {stack.token('school-bad', 'school', 'admin')}"),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        call = channel.unary_unary("/praxis.internships.v1.InternshipsService/CreateAgreement")
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await call(b"\xff\xff\xff\xff garbage", metadata=metadata, timeout=5)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
