"""Insurance through gRPC (praxis.internships.v1.InsuranceService) against real processes: the same use cases and
rules as REST — a roster attached, the placement's cover, the gap report, a policy recorded once per idempotency
key; a student payer, a reversed period and an oversized roster are INVALID_ARGUMENT naming the field, outsiders
NOT_FOUND."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import grpc
import pytest
import pytest_asyncio

from praxis.internships.v1 import insurance_pb2 as pb
from praxis.internships.v1 import insurance_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

START = date.today() + timedelta(days=30)
END = START + timedelta(days=90)
SCHOOL, ENTERPRISE = "school-gins", "ent-gins"


def meta(stack: Stack, org: str, kind: str, role: str, **claims) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role, **claims)}"),)


def record(**fields) -> pb.RecordPolicyRequest:
    return pb.RecordPolicyRequest(
        **{
            "insurer": "PICC Guangzhou",
            "policy_number": "G-0001",
            "coverage_type": pb.COVERAGE_TYPE_INTERNSHIP_LIABILITY,
            "starts_on": START.isoformat(),
            "ends_on": (END - timedelta(days=10)).isoformat(),
            "payer": pb.INSURANCE_PAYER_ENTERPRISE,
        }
        | fields
    )


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placements(stack: Stack, internships) -> list[str]:
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, quota=10)
        position = await internships.position(c, ENTERPRISE, agreement, seats=2, starts_on=START)
        ids = []
        for s in ("stu-gins-1", "stu-gins-2"):
            booked = await internships.book(c, SCHOOL, position["id"], s)
            assert booked.status_code == 201, booked.text
            ids.append(booked.json()["id"])
    return ids


@pytest.fixture
async def stub(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield pb_grpc.InsuranceServiceStub(ch)


async def test_the_insurance_service_records_attaches_and_reports_like_rest(stack, stub, placements):
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    key = (("idempotency-key", str(uuid.uuid4())),)
    made = await stub.RecordPolicy(record(), metadata=hr + key)
    again = await stub.RecordPolicy(record(), metadata=hr + key)
    assert made.policy.id == again.policy.id and made.policy.payer == pb.INSURANCE_PAYER_ENTERPRISE
    assert (await stub.GetPolicy(pb.GetPolicyRequest(id=made.policy.id), metadata=hr)).policy.policy_number == "G-0001"
    listed = await stub.ListPolicies(pb.ListPoliciesRequest(page_size=1), metadata=hr)
    assert [p.id for p in listed.policies] == [made.policy.id] and listed.next_page_token == ""

    attached = await stub.AttachPolicy(
        pb.AttachPolicyRequest(policy_id=made.policy.id, placement_ids=placements), metadata=hr
    )
    assert [(i.placement_id, i.newly_attached) for i in attached.items] == [(p, True) for p in placements]

    student = meta(stack, SCHOOL, "school", "student", sub="stu-gins-1")
    seen = await stub.GetPlacementInsurance(
        pb.GetPlacementInsuranceRequest(placement_id=placements[0]), metadata=student
    )
    assert not seen.covered and seen.uncovered_from == (END - timedelta(days=9)).isoformat()
    assert [p.policy.id for p in seen.policies] == [made.policy.id]

    school = meta(stack, SCHOOL, "school", "coordinator")
    gaps = await stub.InsuranceGaps(pb.InsuranceGapsRequest(page_size=1), metadata=school)
    assert len(gaps.gaps) == 1 and gaps.next_page_token
    rest = await stub.InsuranceGaps(
        pb.InsuranceGapsRequest(page_size=1, page_token=gaps.next_page_token), metadata=school
    )
    assert {g.placement_id for g in [*gaps.gaps, *rest.gaps]} == set(placements) and rest.next_page_token == ""
    assert gaps.gaps[0].covered_until == (END - timedelta(days=10)).isoformat()


async def test_bad_input_is_invalid_argument_naming_the_field_and_outsiders_get_not_found(stack, stub, placements):
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    err = await refused(stub.RecordPolicy(record(payer=pb.INSURANCE_PAYER_STUDENT), metadata=hr))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "payer" in err.details()
    err = await refused(stub.RecordPolicy(record(ends_on=(START - timedelta(days=1)).isoformat()), metadata=hr))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "ends_on" in err.details()
    err = await refused(stub.RecordPolicy(record(coverage_type=pb.COVERAGE_TYPE_UNSPECIFIED), metadata=hr))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "coverage_type" in err.details()
    made = await stub.RecordPolicy(record(policy_number="G-0002"), metadata=hr)
    too_many = pb.AttachPolicyRequest(policy_id=made.policy.id, placement_ids=[str(uuid.uuid4()) for _ in range(501)])
    err = await refused(stub.AttachPolicy(too_many, metadata=hr))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "placement_ids" in err.details()
    err = await refused(
        stub.AttachPolicy(pb.AttachPolicyRequest(policy_id="nope", placement_ids=placements), metadata=hr)
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "policy_id" in err.details()

    for outsider in (
        meta(stack, "ent-gins-else", "enterprise", "hr"),
        meta(stack, "school-gins-else", "school", "admin"),
        meta(stack, SCHOOL, "school", "student", sub="stu-gins-9"),
    ):
        err = await refused(stub.GetPolicy(pb.GetPolicyRequest(id=made.policy.id), metadata=outsider))
        assert err.code() == grpc.StatusCode.NOT_FOUND
        err = await refused(
            stub.GetPlacementInsurance(pb.GetPlacementInsuranceRequest(placement_id=placements[0]), metadata=outsider)
        )
        assert err.code() == grpc.StatusCode.NOT_FOUND
