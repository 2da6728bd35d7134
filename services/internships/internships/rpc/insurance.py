"""gRPC methods of insurance (praxis.internships.v1.InsuranceService): protobuf → schemas.insurance → handler →
protobuf."""

from __future__ import annotations

from internships.domain.insurance import CoverageType, InsurancePolicy, Payer
from internships.handlers import insurance as handlers
from internships.rpc.messages import Servicer, ts
from internships.schemas.insurance import PolicyAttach, PolicyCreate
from praxis.internships.v1 import insurance_pb2 as pb
from praxis.internships.v1 import insurance_pb2_grpc as pb_grpc
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_COVERAGE_TO_PB = {c: getattr(pb, f"COVERAGE_TYPE_{c.name}") for c in CoverageType}
_COVERAGE_FROM_PB = {v: k.value for k, v in _COVERAGE_TO_PB.items()}
_PAYER_TO_PB = {p: getattr(pb, f"INSURANCE_PAYER_{p.name}") for p in Payer}
_PAYER_FROM_PB = {v: k.value for k, v in _PAYER_TO_PB.items()}


def policy_to_pb(p: InsurancePolicy) -> pb.InsurancePolicy:
    return pb.InsurancePolicy(
        id=str(p.id),
        owner_org=p.owner_org,
        insurer=p.insurer,
        policy_number=p.policy_number,
        coverage_type=_COVERAGE_TO_PB[p.coverage_type],
        starts_on=p.starts_on.isoformat(),
        ends_on=p.ends_on.isoformat(),
        payer=_PAYER_TO_PB[p.payer],
        recorded_by=p.recorded_by,
        recorded_at=ts(p.recorded_at),
    )


class InsuranceServicer(Servicer, pb_grpc.InsuranceServiceServicer):
    """praxis.internships.v1.InsuranceService."""

    async def RecordPolicy(self, request: pb.RecordPolicyRequest, context) -> pb.RecordPolicyResponse:
        body = validate(
            PolicyCreate,
            {
                "insurer": request.insurer,
                "policy_number": request.policy_number,
                "coverage_type": _COVERAGE_FROM_PB.get(request.coverage_type),  # UNSPECIFIED: missing
                "starts_on": request.starts_on,
                "ends_on": request.ends_on,
                "payer": _PAYER_FROM_PB.get(request.payer),
            },
        )

        async def record(uow) -> pb.RecordPolicyResponse:
            policy = await handlers.record_policy(
                body.to_command(), principal(), uow=uow, compliance=self.compliance, clock=self.rt.clock
            )
            return pb.RecordPolicyResponse(policy=policy_to_pb(policy))

        return await rpc.created(context, self.rt.uow, request, record, pb.RecordPolicyResponse)

    async def GetPolicy(self, request: pb.GetPolicyRequest, context) -> pb.GetPolicyResponse:
        policy = await handlers.get_policy(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetPolicyResponse(policy=policy_to_pb(policy))

    async def ListPolicies(self, request: pb.ListPoliciesRequest, context) -> pb.ListPoliciesResponse:
        query = handlers.Page(pages.page_size(request.page_size), request.page_token or None)
        items, token = await handlers.list_policies(query, principal(), uow=self.rt.uow)
        return pb.ListPoliciesResponse(policies=[policy_to_pb(p) for p in items], next_page_token=token or "")

    async def AttachPolicy(self, request: pb.AttachPolicyRequest, context) -> pb.AttachPolicyResponse:
        policy_id = parse_uuid(request.policy_id, "policy_id")
        body = validate(PolicyAttach, {"placement_ids": list(request.placement_ids)})
        done = await handlers.attach_policy(
            body.to_command(policy_id), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.AttachPolicyResponse(
            policy_id=str(policy_id),
            items=[pb.AttachedPlacement(placement_id=str(p), newly_attached=new) for p, new in done],
        )

    async def GetPlacementInsurance(
        self, request: pb.GetPlacementInsuranceRequest, context
    ) -> pb.GetPlacementInsuranceResponse:
        found = await handlers.placement_insurance(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow
        )
        return pb.GetPlacementInsuranceResponse(
            placement_id=str(found.placement.id),
            starts_on=found.placement.starts_on.isoformat(),
            ends_on=found.placement.ends_on.isoformat(),
            policies=[
                pb.PlacementPolicy(
                    policy=policy_to_pb(a.policy), attached_at=ts(a.attached_at), attached_by=a.attached_by
                )
                for a in found.policies
            ],
            covered=found.covered,
            uncovered_from=ts(found.uncovered_from),
        )

    async def InsuranceGaps(self, request: pb.InsuranceGapsRequest, context) -> pb.InsuranceGapsResponse:
        query = handlers.Page(pages.page_size(request.page_size), request.page_token or None)
        items, token = await handlers.insurance_gaps(query, principal(), uow=self.rt.uow)
        return pb.InsuranceGapsResponse(
            gaps=[
                pb.InsuranceGap(
                    placement_id=str(g.placement.id),
                    school_org=g.placement.school_org,
                    enterprise_org=g.placement.enterprise_org,
                    student_ref=g.placement.student_ref,
                    status=g.placement.status.value,
                    starts_on=g.placement.starts_on.isoformat(),
                    ends_on=g.placement.ends_on.isoformat(),
                    uncovered_from=g.uncovered_from.isoformat(),
                    covered_until=ts(g.covered_until),
                )
                for g in items
            ],
            next_page_token=token or "",
        )
