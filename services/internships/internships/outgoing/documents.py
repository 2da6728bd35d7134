"""The tripartite agreement's document (domain/documents.py) → integration events."""

from __future__ import annotations

from internships.domain.documents import DocumentRendered, DocumentSigned, Signature, SignaturesVoided, TemplateUpdated
from internships.outgoing import _event, integration_event, placement_parties
from praxis.events.v1 import (
    documents_pb2,
)
from praxis_common.events import IntegrationEvent


def _signature(s: Signature) -> documents_pb2.PlacementSignature:
    return documents_pb2.PlacementSignature(
        party=s.party.value,
        signer_sub=s.signer_sub,
        signer_org=s.signer_org,
        on_behalf_of=s.on_behalf_of.value if s.on_behalf_of else "",
        signed_at=s.signed_at.isoformat(),
        document_sha256=s.document_sha256,
    )


@integration_event.register
def _(event: TemplateUpdated, **context) -> IntegrationEvent:
    return _event(
        "agreement_template.updated",
        "agreement_template",
        f"{event.school_org}/{event.locale}",
        documents_pb2.AgreementTemplateUpdated(
            school_org=event.school_org,
            locale=event.locale,
            sha256=event.sha256,
            updated_at=event.updated_at.isoformat(),
            updated_by=event.updated_by,
        ),
    )


@integration_event.register
def _(event: DocumentRendered, **context) -> IntegrationEvent:
    d, p = event.document, event.placement
    return _event(
        "placement.document_rendered",
        "placement",
        p.id,
        documents_pb2.PlacementDocumentRendered(
            **placement_parties(p),
            version=d.version,
            locale=d.locale,
            document_sha256=d.sha256,
            context_digest=d.context_digest,
            rendered_at=d.rendered_at.isoformat(),
            previous_version=event.previous_version or 0,
        ),
    )


@integration_event.register
def _(event: SignaturesVoided, **context) -> IntegrationEvent:
    p = event.placement
    return _event(
        "placement.signatures_voided",
        "placement",
        p.id,
        documents_pb2.PlacementSignaturesVoided(
            **placement_parties(p),
            version=event.version,
            new_version=event.new_version,
            signatures=[_signature(s) for s in event.signatures],
            voided_at=event.at.isoformat(),
        ),
    )


@integration_event.register
def _(event: DocumentSigned, **context) -> IntegrationEvent:
    s, p = event.signature, event.placement
    return _event(
        "placement.document_signed",
        "placement",
        p.id,
        documents_pb2.PlacementDocumentSigned(
            **placement_parties(p),
            version=s.document_version,
            signature=_signature(s),
            complete=event.complete,
        ),
    )
