"""What a placement needs before `start`, done over REST by the parties themselves: the one place tests prepare a
start, so a new requirement (e.g. recorded insurance) is added here once.

Today: the three signatures of the current version of the tripartite agreement — the school (admin), the
enterprise (hr), and the student party signed by the school on the student's behalf (or, with `student_sub`, by
the student in person)."""

from __future__ import annotations

import httpx

from praxis_dev.testing.stack import Stack


def student_auth(stack: Stack, school: str, student_ref: str) -> dict[str, str]:
    """A student's sign-in: role student at their school, `sub` = the placement's student_ref."""
    return {"Authorization": f"Bearer {stack.token(school, 'school', 'student', sub=student_ref)}"}


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


async def ready_to_start(
    c: httpx.AsyncClient,
    stack: Stack,
    placement: dict,
    *,
    guardian: bool = False,
    student_signs: bool = False,
) -> dict:
    """Everything `start` asks of the parties, for a booked (or confirmed) placement: the agreement's document signed
    by the school, the enterprise and the student; a minor's guardian's informed consent (`guardian`). Returns the
    document as it stands after the last signature (complete)."""
    school, enterprise = placement["school_org"], placement["enterprise_org"]
    s = stack.auth(school, "school", "admin")
    signed = None
    for headers, behalf in (
        (s, None),
        (stack.auth(enterprise, "enterprise", "hr"), None),
        (student_auth(stack, school, placement["student_ref"]), None) if student_signs else (s, "student"),
    ):
        signed = await sign_document(c, headers, placement["id"], on_behalf_of=behalf)
        assert signed.status_code == 200, signed.text
    assert signed.json()["complete"], signed.text
    if guardian:
        consented = await c.post(f"/v1/placements/{placement['id']}/consent", headers=s, json={"guardian": True})
        assert consented.status_code == 200, consented.text
    return signed.json()


async def ready_to_start_grpc(channel, stack: Stack, placement_id: str, school: str, enterprise: str):
    """ready_to_start over gRPC (DocumentsService): the school, the enterprise and the school for the student sign
    the current version. Returns the document (complete)."""
    from praxis.internships.v1 import documents_pb2 as dpb
    from praxis.internships.v1 import documents_pb2_grpc as dpb_grpc

    stub = dpb_grpc.DocumentsServiceStub(channel)

    def meta(org: str, kind: str, role: str) -> tuple:
        return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)

    school_meta, signed = meta(school, "school", "admin"), None
    for metadata, behalf in ((school_meta, ""), (meta(enterprise, "enterprise", "hr"), ""), (school_meta, "student")):
        current = await stub.GetDocument(dpb.GetDocumentRequest(placement_id=placement_id), metadata=metadata)
        signed = await stub.SignDocument(
            dpb.SignDocumentRequest(
                placement_id=placement_id, document_sha256=current.document.sha256, on_behalf_of=behalf
            ),
            metadata=metadata,
        )
    assert signed.document.complete, signed
    return signed.document
