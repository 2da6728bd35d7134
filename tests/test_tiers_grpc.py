"""The feedback survey and base tiers through gRPC (praxis.internships.v1.FeedbackService and BaseTiersService)
against real processes: the same use cases and rules as REST — the survey refused before it opens, answered once
(an idempotency key replays the answer), the answers hidden from the enterprise; the tier confirmed by the school's
admin and never by the enterprise, the evidence and the history; bad input INVALID_ARGUMENT naming the field,
outsiders NOT_FOUND."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import grpc
import pytest
import pytest_asyncio

from praxis.internships.v1 import internships_pb2, internships_pb2_grpc
from praxis.internships.v1 import tiers_pb2 as pb
from praxis.internships.v1 import tiers_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

STARTS = date.today() - timedelta(days=7)
SCHOOL, ENTERPRISE, STUDENT = "school-gtier", "ent-gtier", "stu-gtier"


def meta(stack: Stack, org: str, kind: str, role: str, **claims) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role, **claims)}"),)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, internships, start_placement) -> dict:
    async with internships.client() as c:
        started = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=STARTS, duties=[{"name": "listings", "kind": "core"}]
        )
        position = await c.get(f"/v1/positions/{started['position_id']}", headers=stack.auth(SCHOOL, "school", "admin"))
        assert position.status_code == 200, position.text
    return {**started, "base_id": position.json()["base_id"]}


@pytest.fixture
async def channel(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield ch


def give(placement_id: str, **fields) -> pb.GiveFeedbackRequest:
    answers = {"work_match": 5, "guidance_quality": 4, "would_recommend": True, "return_offer": True}
    return pb.GiveFeedbackRequest(placement_id=placement_id, **(answers | fields))


async def test_the_survey_opens_at_the_end_is_answered_once_and_hidden_from_the_enterprise(
    stack, internships, channel, placement
):
    stub, pid = pb_grpc.FeedbackServiceStub(channel), placement["id"]
    me = meta(stack, SCHOOL, "school", "student", sub=STUDENT)
    err = await refused(stub.GiveFeedback(give(pid), metadata=me))
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION and "opens on" in err.details()
    async with internships.client() as c:
        done = await c.post(
            f"/v1/placements/{pid}/complete",
            headers=stack.auth(SCHOOL, "school", "admin"),
            json={"force": True, "reason": "moved to the project track"},
        )
        assert done.status_code == 200, done.text

    err = await refused(stub.GiveFeedback(give(pid, work_match=0), metadata=me))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "work_match" in err.details()
    err = await refused(stub.GiveFeedback(give("nope"), metadata=me))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "placement_id" in err.details()
    err = await refused(stub.GiveFeedback(give(pid), metadata=meta(stack, SCHOOL, "school", "student", sub="stu-x")))
    assert err.code() == grpc.StatusCode.NOT_FOUND

    key = (("idempotency-key", str(uuid.uuid4())),)
    first = await stub.GiveFeedback(give(pid, comment="good mentor"), metadata=me + key)
    again = await stub.GiveFeedback(give(pid, comment="good mentor"), metadata=me + key)
    assert first == again and (first.feedback.work_match, first.feedback.comment) == (5, "good mentor")
    err = await refused(stub.GiveFeedback(give(pid), metadata=me))
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION and "answered already" in err.details()

    school = await stub.GetFeedback(
        pb.GetFeedbackRequest(placement_id=pid), metadata=meta(stack, SCHOOL, "school", "teacher")
    )
    assert school.feedback.return_offer and school.feedback.base_id == placement["base_id"]
    err = await refused(
        stub.GetFeedback(pb.GetFeedbackRequest(placement_id=pid), metadata=meta(stack, ENTERPRISE, "enterprise", "hr"))
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED and "good mentor" not in err.details()


async def test_the_school_confirms_the_tier_the_enterprise_cannot_and_the_evidence_is_listed(stack, channel, placement):
    stub, base = pb_grpc.BaseTiersServiceStub(channel), placement["base_id"]
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    err = await refused(
        stub.ConfirmBaseTier(pb.ConfirmBaseTierRequest(base_id=base, tier=1, reason="ours"), metadata=hr)
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    admin = meta(stack, SCHOOL, "school", "admin", sub="dean")
    for bad, field in (({"tier": 0, "reason": "r"}, "tier"), ({"tier": 2, "reason": ""}, "reason")):
        err = await refused(stub.ConfirmBaseTier(pb.ConfirmBaseTierRequest(base_id=base, **bad), metadata=admin))
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and field in err.details()

    key = (("idempotency-key", str(uuid.uuid4())),)
    request = pb.ConfirmBaseTierRequest(base_id=base, tier=2, reason="school-level")
    made = await stub.ConfirmBaseTier(request, metadata=admin + key)
    again = await stub.ConfirmBaseTier(request, metadata=admin + key)
    assert made == again  # one decision
    assert (made.base.tier, made.base.proposed_tier, made.base.tier_confirmed) == (
        internships_pb2.BASE_TIER_SCHOOL,
        internships_pb2.BASE_TIER_FLAGSHIP,
        True,
    )
    assert (made.decision.from_tier, made.decision.to_tier, made.decision.decided_by) == (1, 2, "dean")

    seen = await internships_pb2_grpc.InternshipsServiceStub(channel).GetBase(
        internships_pb2.GetBaseRequest(id=base), metadata=hr
    )
    assert (seen.base.tier, seen.base.tier_confirmed, seen.base.tier_confirmed_by) == (2, True, "dean")

    evidence = await stub.GetBaseTierEvidence(pb.GetBaseTierEvidenceRequest(base_id=base), metadata=hr)
    assert (evidence.tier, evidence.proposed_tier, evidence.tier_confirmed) == (2, 1, True)
    assert evidence.evidence.recommended_tier == 0 and evidence.evidence.needed == 3  # one placement: insufficient
    items = {i.measure: i for i in evidence.evidence.items}
    assert items["completion_rate"].rests_on == 1 and not items["completion_rate"].sufficient
    assert dict(items["core_work_share"].thresholds) == {1: "0.60", 2: "0.40"}

    history = await stub.GetBaseTierHistory(pb.GetBaseTierHistoryRequest(base_id=base), metadata=admin)
    assert [(d.to_tier, d.reason) for d in history.decisions] == [(2, "school-level")]
    assert len(history.decisions[0].evidence.items) == 6

    for outsider in (
        meta(stack, "ent-gtier-else", "enterprise", "hr"),
        meta(stack, "school-gtier-else", "school", "admin"),
    ):
        for call in (
            stub.GetBaseTierEvidence(pb.GetBaseTierEvidenceRequest(base_id=base), metadata=outsider),
            stub.GetBaseTierHistory(pb.GetBaseTierHistoryRequest(base_id=base), metadata=outsider),
            stub.ConfirmBaseTier(pb.ConfirmBaseTierRequest(base_id=base, tier=3, reason="x"), metadata=outsider),
        ):
            assert (await refused(call)).code() == grpc.StatusCode.NOT_FOUND
