"""Placements' agreement documents through gRPC (DocumentsService) against real processes: the same use cases as
REST, the same refusals as status codes."""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta

import grpc
import pypdf
import pytest
from course_start import ready_to_start_grpc

from praxis.internships.v1 import documents_pb2 as pb
from praxis.internships.v1 import documents_pb2_grpc as pb_grpc

TODAY = date.today()


async def test_the_document_is_read_signed_and_downloaded_over_grpc(stack, internships):
    school, enterprise = "school-doc-g", "ent-doc-g"
    async with internships.client() as c:
        agreement = await internships.agreement(c, school, enterprise, valid_from=TODAY - timedelta(days=7))
        position = await internships.position(c, enterprise, agreement, seats=1, starts_on=TODAY)
        pid = (await internships.book(c, school, position["id"], "stu-g", birth_date="2004-01-01")).json()["id"]

    def meta(org, kind, role):
        return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)

    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.DocumentsServiceStub(channel)
        school_meta = meta(school, "school", "admin")
        first = (await stub.GetDocument(pb.GetDocumentRequest(placement_id=pid), metadata=school_meta)).document
        assert first.version == 1 and list(first.missing) == ["school", "enterprise", "student"]

        refusals = [
            (pb.SignDocumentRequest(placement_id=pid, document_sha256="0" * 64), school_meta, "FAILED_PRECONDITION"),
            (pb.SignDocumentRequest(placement_id=pid, document_sha256="zz"), school_meta, "INVALID_ARGUMENT"),
            (
                pb.SignDocumentRequest(placement_id="nope", document_sha256=first.sha256),
                school_meta,
                "INVALID_ARGUMENT",
            ),
            (
                pb.SignDocumentRequest(placement_id=pid, document_sha256=first.sha256),
                meta(school, "school", "teacher"),
                "PERMISSION_DENIED",
            ),
            (
                pb.SignDocumentRequest(placement_id=pid, document_sha256=first.sha256),
                meta("ent-doc-g-else", "enterprise", "hr"),
                "NOT_FOUND",
            ),
        ]
        for request, metadata, code in refusals:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.SignDocument(request, metadata=metadata)
            assert refused.value.code() == getattr(grpc.StatusCode, code), (request, refused.value.details())
        with pytest.raises(grpc.aio.AioRpcError) as hidden:
            await stub.GetDocumentPdf(
                pb.GetDocumentPdfRequest(placement_id=pid), metadata=meta("s-x", "school", "admin")
            )
        assert hidden.value.code() == grpc.StatusCode.NOT_FOUND

        signed = await ready_to_start_grpc(channel, stack, pid, school, enterprise)
        assert signed.complete and {s.party for s in signed.signatures} == {"school", "enterprise", "student"}
        bare = await stub.GetDocumentPdf(
            pb.GetDocumentPdfRequest(placement_id=pid, without_signature_page=True), metadata=school_meta
        )
        assert hashlib.sha256(bare.pdf).hexdigest() == bare.sha256 == first.sha256
        full = await stub.GetDocumentPdf(pb.GetDocumentPdfRequest(placement_id=pid), metadata=school_meta)
        last = pypdf.PdfReader(io.BytesIO(full.pdf)).pages[-1].extract_text()
        assert first.sha256 in last and "Party: enterprise" in last and f"Organisation: {enterprise}" in last
