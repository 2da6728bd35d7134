"""Idempotency-Key on create endpoints, through REST against real service processes."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import httpx
import pytest
from organisation_profiles import register

SCHOOL = "school-idem"
ENTERPRISES = ("ent-retry", "ent-a", "ent-shared", "ent-burst", "ent-past", "ent-badkey", "ent-grpc")


@pytest.fixture(autouse=True)
async def profiles(stack) -> None:
    """The organisations these agreements name have profiles (an agreement needs them)."""
    await register(
        stack, (SCHOOL, "school"), ("school-other-idem", "school"), *((e, "enterprise") for e in ENTERPRISES)
    )


def body(enterprise: str = "ent-idem", quota: int = 3) -> dict:
    today = date.today()
    return {
        "school_org": SCHOOL,
        "enterprise_org": enterprise,
        "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=60)).isoformat(),
        "intern_quota": quota,
    }


async def count_agreements(client, headers, enterprise) -> int:
    page = (await client.get("/v1/agreements", params={"page_size": 200}, headers=headers)).json()
    return sum(a["enterprise_org"] == enterprise for a in page["items"])


async def test_a_retry_returns_the_first_response_and_creates_nothing_new(stack):
    headers = {**stack.auth(SCHOOL, "school", "admin"), "Idempotency-Key": "retry-1"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        first = await client.post("/v1/agreements", json=body("ent-retry"), headers=headers)
        again = await client.post("/v1/agreements", json=body("ent-retry"), headers=headers)
        assert first.status_code == again.status_code == 201
        assert first.json() == again.json() and first.headers["location"] == again.headers["location"]
        assert "idempotent-replayed" not in first.headers and again.headers["idempotent-replayed"] == "true"
        assert await count_agreements(client, headers, "ent-retry") == 1


async def test_the_same_key_with_another_body_is_422(stack):
    headers = {**stack.auth(SCHOOL, "school", "admin"), "Idempotency-Key": "retry-2"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        assert (await client.post("/v1/agreements", json=body("ent-a"), headers=headers)).status_code == 201
        other = await client.post("/v1/agreements", json=body("ent-a", quota=4), headers=headers)
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_keys_belong_to_one_organisation(stack):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        mine = await client.post(
            "/v1/agreements",
            json=body("ent-shared"),
            headers={**stack.auth(SCHOOL, "school", "admin"), "Idempotency-Key": "shared"},
        )
        theirs = await client.post(
            "/v1/agreements",
            json={**body("ent-shared"), "school_org": "school-other-idem"},
            headers={**stack.auth("school-other-idem", "school", "admin"), "Idempotency-Key": "shared"},
        )
    assert mine.status_code == theirs.status_code == 201 and mine.json()["id"] != theirs.json()["id"]


async def test_concurrent_retries_create_once_and_the_rest_replay_or_are_told_to_wait(stack):
    headers = {**stack.auth(SCHOOL, "school", "admin"), "Idempotency-Key": "burst"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        replies = await asyncio.gather(
            *(client.post("/v1/agreements", json=body("ent-burst"), headers=headers) for _ in range(20))
        )
        created = [r for r in replies if r.status_code == 201]
        waiting = [r for r in replies if r.status_code == 409]
        assert len(created) + len(waiting) == 20, [r.text for r in replies]
        assert len({r.json()["id"] for r in created}) == 1
        assert sum("idempotent-replayed" not in r.headers for r in created) == 1
        assert all("still being processed" in r.json()["detail"] for r in waiting)
        assert await count_agreements(client, headers, "ent-burst") == 1


async def test_a_refusal_is_remembered_too(stack):
    headers = {**stack.auth(SCHOOL, "school", "admin"), "Idempotency-Key": "refused"}
    past = {**body("ent-past"), "valid_from": "2020-01-01", "valid_to": "2020-02-01"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        first = await client.post("/v1/agreements", json=past, headers=headers)
        again = await client.post("/v1/agreements", json=past, headers=headers)
    assert first.status_code == again.status_code == 422
    assert first.json() == again.json() and again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == "application/problem+json"


async def test_a_bad_key_is_a_clear_422(stack):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as client:
        r = await client.post(
            "/v1/agreements",
            json=body("ent-badkey"),
            headers={**stack.auth(SCHOOL, "school", "admin"), "Idempotency-Key": "x" * 300},
        )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_grpc_create_honours_the_same_idempotency_key_rules(stack):
    import grpc
    import pytest

    from praxis.internships.v1 import internships_pb2 as ipb
    from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc

    token = stack.token(SCHOOL, "school", "admin")
    metadata = (("authorization", f"Bearer {token}"), ("idempotency-key", "grpc-1"))
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        request = ipb.CreateAgreementRequest(**body("ent-grpc"))
        first = await stub.CreateAgreement(request, metadata=metadata, timeout=5)
        call = stub.CreateAgreement(request, metadata=metadata, timeout=5)
        again = await call
        assert again == first
        assert ("idempotent-replayed", "true") in tuple(await call.trailing_metadata())
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await stub.CreateAgreement(
                ipb.CreateAgreementRequest(**body("ent-grpc", quota=9)), metadata=metadata, timeout=5
            )
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        past = ipb.CreateAgreementRequest(
            **{**body("ent-grpc-past"), "valid_from": "2020-01-01", "valid_to": "2020-01-31"}
        )
        refused = (("authorization", f"Bearer {token}"), ("idempotency-key", "grpc-2"))
        for _ in range(2):  # the refusal is stored and replayed with the same status
            with pytest.raises(grpc.aio.AioRpcError) as err:
                await stub.CreateAgreement(past, metadata=refused, timeout=5)
            assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_a_replay_goes_only_to_the_user_who_sent_the_key(stack, internships):
    """The school's admin books one student with a key; a student of the same school sending the same request with
    the same key (REST and gRPC) is refused with a 422 naming the key, never handed the admin's booking; the
    admin's own retry still replays."""
    import grpc
    import pytest

    from praxis.internships.v1 import internships_pb2 as ipb
    from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc

    enterprise = "ent-idem-who"
    admin_token = stack.token(SCHOOL, "school", "admin", sub="admin-1")
    student_token = stack.token(SCHOOL, "school", "student", sub="stu-idem-2")
    async with internships.client() as client:
        agreement = await internships.agreement(client, SCHOOL, enterprise)
        position = await internships.position(
            client, enterprise, agreement, seats=3, starts_on=date.today() + timedelta(days=20)
        )
        booking = {"position_id": position["id"], "student_ref": "stu-idem-1", "birth_date": "2004-01-01"}
        key = {"Idempotency-Key": "book-stu-idem-1"}
        first = await client.post(
            "/v1/placements", json=booking, headers={"Authorization": f"Bearer {admin_token}", **key}
        )
        assert first.status_code == 201, first.text
        for sent in (booking, {**booking, "student_ref": "stu-idem-2"}):
            theirs = await client.post(
                "/v1/placements", json=sent, headers={"Authorization": f"Bearer {student_token}", **key}
            )
            assert theirs.status_code == 422, theirs.text
            assert theirs.headers["content-type"] == "application/problem+json"
            assert theirs.json()["errors"][0]["field"] == "Idempotency-Key"
            assert first.json()["id"] not in theirs.text and "stu-idem-1" not in theirs.text
            assert "idempotent-replayed" not in theirs.headers
        again = await client.post(
            "/v1/placements", json=booking, headers={"Authorization": f"Bearer {admin_token}", **key}
        )
        assert again.status_code == 201 and again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"

    request = ipb.BookPlacementRequest(position_id=position["id"], student_ref="stu-idem-3", birth_date="2004-01-01")
    grpc_key = ("idempotency-key", "grpc-book-stu-idem-3")
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        booked = await stub.BookPlacement(
            request, metadata=(("authorization", f"Bearer {admin_token}"), grpc_key), timeout=10
        )
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await stub.BookPlacement(
                request, metadata=(("authorization", f"Bearer {student_token}"), grpc_key), timeout=10
            )
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "Idempotency-Key" in err.value.details() and booked.placement.id not in err.value.details()
        call = stub.BookPlacement(request, metadata=(("authorization", f"Bearer {admin_token}"), grpc_key), timeout=10)
        assert (await call) == booked
        assert ("idempotent-replayed", "true") in tuple(await call.trailing_metadata())
