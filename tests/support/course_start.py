"""What a placement needs before `start`, done over REST by the parties themselves: the one place tests prepare a
start, so a new requirement is added here once.

The three signatures of the current version of the tripartite agreement — the school (admin), the enterprise (hr),
and the student in person (their own sign-in) — and internship liability insurance covering the placement's dates,
recorded and attached by the school."""

from __future__ import annotations

import httpx

from praxis_dev.testing.stack import Stack


def student_auth(stack: Stack, school: str, student_ref: str) -> dict[str, str]:
    """A student's sign-in: role student at their school, `sub` = the placement's student_ref."""
    return stack.auth(school, "school", "student", sub=student_ref)


async def sign_document(
    c: httpx.AsyncClient, headers: dict[str, str], placement_id: str, *, on_behalf_of: str | None = None
) -> httpx.Response:
    """Sign the current version for the caller's party, quoting the hash the document route reports."""
    document = await c.get(f"/v1/placements/{placement_id}/document", headers=headers)
    assert document.status_code == 200, document.text
    body = {"document_sha256": document.json()["sha256"]}
    if on_behalf_of:
        body["on_behalf_of"] = on_behalf_of
    return await c.post(f"/v1/placements/{placement_id}/document/signatures", headers=headers, json=body)


async def insure(c: httpx.AsyncClient, stack: Stack, placement: dict) -> dict:
    """The school records a liability policy covering the placement's dates and attaches it; returns the policy."""
    school = stack.auth(placement["school_org"], "school", "admin")
    policy = await c.post(
        "/v1/insurance-policies",
        headers=school,
        json={
            "insurer": "PICC",
            "policy_number": f"PL-{placement['id']}",
            "coverage_type": "internship_liability",
            "starts_on": placement["starts_on"],
            "ends_on": placement["ends_on"],
            "payer": "school",
        },
    )
    assert policy.status_code == 201, policy.text
    attached = await c.post(
        f"/v1/insurance-policies/{policy.json()['id']}/placements",
        headers=school,
        json={"placement_ids": [placement["id"]]},
    )
    assert attached.status_code == 200, attached.text
    return policy.json()


async def ready_to_start(
    c: httpx.AsyncClient,
    stack: Stack,
    placement: dict,
    *,
    guardian: bool = False,
) -> dict:
    """Everything `start` asks of the parties, for a booked (or confirmed) placement: the agreement's document signed
    by the school, the enterprise and the student; liability insurance over its dates; a minor's guardian's informed
    consent (`guardian`). Returns the document as it stands after the last signature (complete)."""
    school, enterprise = placement["school_org"], placement["enterprise_org"]
    s = stack.auth(school, "school", "admin")
    signed = None
    for headers, behalf in (
        (s, None),
        (stack.auth(enterprise, "enterprise", "hr"), None),
        (student_auth(stack, school, placement["student_ref"]), None),
    ):
        signed = await sign_document(c, headers, placement["id"], on_behalf_of=behalf)
        assert signed.status_code == 200, signed.text
    assert signed.json()["complete"], signed.text
    await insure(c, stack, placement)
    if guardian:
        consented = await c.post(f"/v1/placements/{placement['id']}/consent", headers=s, json={"guardian": True})
        assert consented.status_code == 200, consented.text
    return signed.json()


async def ready_to_start_grpc(channel, stack: Stack, placement_id: str, school: str, enterprise: str):
    """ready_to_start over gRPC: the school, the enterprise and the student sign the current version
    (DocumentsService); the school insures the placement's dates (InsuranceService). Returns the document
    (complete)."""
    from praxis.internships.v1 import documents_pb2 as dpb
    from praxis.internships.v1 import documents_pb2_grpc as dpb_grpc
    from praxis.internships.v1 import insurance_pb2 as ipb
    from praxis.internships.v1 import insurance_pb2_grpc as ipb_grpc
    from praxis.internships.v1 import internships_pb2 as pb
    from praxis.internships.v1 import internships_pb2_grpc as pb_grpc

    stub = dpb_grpc.DocumentsServiceStub(channel)

    def meta(org: str, kind: str, role: str, sub: str | None = None) -> tuple:
        return (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)

    school_meta, signed = meta(school, "school", "admin"), None
    placement = (
        await pb_grpc.InternshipsServiceStub(channel).GetPlacement(
            pb.GetPlacementRequest(id=placement_id), metadata=school_meta
        )
    ).placement
    student_meta = meta(school, "school", "student", placement.student_ref)
    for metadata in (school_meta, meta(enterprise, "enterprise", "hr"), student_meta):
        current = await stub.GetDocument(dpb.GetDocumentRequest(placement_id=placement_id), metadata=metadata)
        signed = await stub.SignDocument(
            dpb.SignDocumentRequest(placement_id=placement_id, document_sha256=current.document.sha256),
            metadata=metadata,
        )
    assert signed.document.complete, signed
    insurance = ipb_grpc.InsuranceServiceStub(channel)
    policy = await insurance.RecordPolicy(
        ipb.RecordPolicyRequest(
            insurer="PICC",
            policy_number=f"PL-{placement_id}",
            coverage_type=ipb.COVERAGE_TYPE_INTERNSHIP_LIABILITY,
            starts_on=placement.starts_on,
            ends_on=placement.ends_on,
            payer=ipb.INSURANCE_PAYER_SCHOOL,
        ),
        metadata=school_meta,
    )
    await insurance.AttachPolicy(
        ipb.AttachPolicyRequest(policy_id=policy.policy.id, placement_ids=[placement_id]), metadata=school_meta
    )
    return signed.document
