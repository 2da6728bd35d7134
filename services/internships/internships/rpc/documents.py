"""gRPC methods of agreement templates and placements' agreement documents (praxis.internships.v1.DocumentsService):
protobuf → schemas.documents → the same handlers as REST → protobuf."""

from __future__ import annotations

from internships.handlers import documents as document_handlers
from internships.handlers.documents import DocumentView, Template
from internships.rpc.messages import Servicer, ts
from internships.schemas.documents import LocalePath, SignatureIn, TemplateIn
from praxis.internships.v1 import documents_pb2 as pb
from praxis.internships.v1 import documents_pb2_grpc as pb_grpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate


def template_to_pb(t: Template) -> pb.AgreementTemplate:
    return pb.AgreementTemplate(
        locale=t.locale,
        source=t.source,
        sha256=t.sha256,
        is_default=t.is_default,
        updated_at=ts(t.updated_at),
        updated_by=t.updated_by or "",
    )


def document_to_pb(v: DocumentView) -> pb.PlacementDocument:
    d = v.document
    return pb.PlacementDocument(
        placement_id=str(v.placement.id),
        version=d.version,
        locale=d.locale,
        sha256=d.sha256,
        rendered_at=ts(d.rendered_at),
        signatures=[
            pb.DocumentSignature(
                party=s.party.value,
                signer_sub=s.signer_sub,
                signer_org=s.signer_org,
                on_behalf_of=s.on_behalf_of.value if s.on_behalf_of else "",
                signed_at=ts(s.signed_at),
                document_sha256=s.document_sha256,
            )
            for s in v.signatures
        ],
        missing=[p.value for p in v.missing],
        complete=v.complete,
    )


class DocumentsServicer(Servicer, pb_grpc.DocumentsServiceServicer):
    """praxis.internships.v1.DocumentsService."""

    async def SetTemplate(self, request: pb.SetTemplateRequest, context) -> pb.SetTemplateResponse:
        locale = validate(LocalePath, {"locale": request.locale}).locale
        body = validate(TemplateIn, {"source": request.source})
        saved = await document_handlers.set_template(
            locale, body.source, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.SetTemplateResponse(template=template_to_pb(saved))

    async def GetTemplate(self, request: pb.GetTemplateRequest, context) -> pb.GetTemplateResponse:
        locale = validate(LocalePath, {"locale": request.locale}).locale
        found = await document_handlers.get_template(locale, principal(), uow=self.rt.uow)
        return pb.GetTemplateResponse(template=template_to_pb(found))

    async def GetDocument(self, request: pb.GetDocumentRequest, context) -> pb.GetDocumentResponse:
        view = await document_handlers.get_document(
            parse_uuid(request.placement_id, "placement_id"),
            principal(),
            uow=self.rt.uow,
            compliance=self.compliance,
            clock=self.rt.clock,
        )
        return pb.GetDocumentResponse(document=document_to_pb(view))

    async def GetDocumentPdf(self, request: pb.GetDocumentPdfRequest, context) -> pb.GetDocumentPdfResponse:
        view, pdf = await document_handlers.get_document_pdf(
            parse_uuid(request.placement_id, "placement_id"),
            principal(),
            uow=self.rt.uow,
            compliance=self.compliance,
            signature_page=not request.without_signature_page,
            clock=self.rt.clock,
        )
        return pb.GetDocumentPdfResponse(pdf=pdf, sha256=view.document.sha256, version=view.document.version)

    async def SignDocument(self, request: pb.SignDocumentRequest, context) -> pb.SignDocumentResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        body = validate(  # proto3: "" is "for the caller's own party"
            SignatureIn,
            {"document_sha256": request.document_sha256, "on_behalf_of": request.on_behalf_of or None},
        )
        view = await document_handlers.sign_document(
            placement_id,
            body.to_command(),
            principal(),
            uow=self.rt.uow,
            compliance=self.compliance,
            clock=self.rt.clock,
        )
        return pb.SignDocumentResponse(document=document_to_pb(view))
