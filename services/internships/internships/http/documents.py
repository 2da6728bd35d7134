"""REST routes of agreement templates (/v1/agreement-templates) and placements' agreement documents
(/v1/placements/{placement_id}/document…)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response

from internships.handlers import documents as handlers
from internships.schemas.documents import DocumentRead, Locale, SignatureIn, TemplateIn, TemplateRead
from praxis_common.http import PrincipalDep
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["documents"])
    compliance = rt.settings.compliance

    @r.put(
        "/v1/agreement-templates/{locale}",
        operation_id="setAgreementTemplate",
        response_model=TemplateRead,
        summary="Upload the school's agreement template for a locale (school admin)",
        responses={422: {"description": "the template does not render: the field and the template line"}},
    )
    async def set_template(locale: Locale, body: TemplateIn, principal: PrincipalDep) -> TemplateRead:
        """Jinja2, rendered in a sandbox against every key of the document context before it is kept: a syntax
        error, an undefined name or an unsafe attribute is a 422 naming the line. New document versions use it;
        documents already rendered keep their text."""
        return TemplateRead.of(await handlers.set_template(locale, body.source, principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/v1/agreement-templates/{locale}",
        operation_id="getAgreementTemplate",
        response_model=TemplateRead,
        summary="The school's agreement template for a locale, or the default",
    )
    async def get_template(locale: Locale, principal: PrincipalDep) -> TemplateRead:
        return TemplateRead.of(await handlers.get_template(locale, principal, uow=rt.uow))

    @r.get(
        "/v1/placements/{placement_id}/document",
        operation_id="getPlacementDocument",
        response_model=DocumentRead,
        summary="The placement's agreement document: version, SHA-256, signatures, who is missing",
    )
    async def get_document(placement_id: uuid.UUID, principal: PrincipalDep) -> DocumentRead:
        """Rendered on first read, and again (voiding the signatures of the version before) whenever the
        placement's data changed since. The three parties only."""
        return DocumentRead.of(
            await handlers.get_document(placement_id, principal, uow=rt.uow, compliance=compliance, clock=rt.clock)
        )

    @r.get(
        "/v1/placements/{placement_id}/document.pdf",
        operation_id="getPlacementDocumentPdf",
        response_class=Response,
        summary="The placement's agreement as a PDF, with its signature page",
        responses={200: {"content": {"application/pdf": {}}, "description": "the PDF"}},
    )
    async def get_pdf(
        placement_id: uuid.UUID,
        principal: PrincipalDep,
        signature_page: bool = Query(
            default=True, description="false: exactly the bytes whose SHA-256 the parties sign"
        ),
    ) -> Response:
        view, pdf = await handlers.get_document_pdf(
            placement_id,
            principal,
            uow=rt.uow,
            compliance=compliance,
            signature_page=signature_page,
            clock=rt.clock,
        )
        return Response(
            pdf,
            media_type="application/pdf",
            headers={
                "x-document-sha256": view.document.sha256,
                "x-document-version": str(view.document.version),
                "content-disposition": f'inline; filename="agreement-{placement_id}-v{view.document.version}.pdf"',
            },
        )

    @r.post(
        "/v1/placements/{placement_id}/document/signatures",
        operation_id="signPlacementDocument",
        response_model=DocumentRead,
        summary="Sign the current version of the placement's agreement for the caller's party",
        responses={
            403: {"description": "a party's member without a signing role"},
            409: {"description": "stale-document: the SHA-256 is not the current version's (problem+json)"},
        },
    )
    async def sign(placement_id: uuid.UUID, body: SignatureIn, principal: PrincipalDep) -> DocumentRead:
        """The school (admin, coordinator), the enterprise (admin, hr) and the student (or the school on the
        student's behalf, or a minor's guardian through the school) sign in any order. Signing again for a party
        that signed the version changes nothing."""
        return DocumentRead.of(
            await handlers.sign_document(
                placement_id, body.to_command(), principal, uow=rt.uow, compliance=compliance, clock=rt.clock
            )
        )

    return r
