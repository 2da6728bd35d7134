"""REST routes of credentials (/v1/credentials) and of an organisation's signing keys (/v1/signing-keys)."""

from __future__ import annotations

import re
import uuid
from typing import Literal

from fastapi import APIRouter, Request, Response

from credentials.domain import register, securing
from credentials.handlers import credentials, keys
from credentials.handlers.custody import Custody
from credentials.schemas.credentials import (
    CredentialCreate,
    CredentialPage,
    CredentialRead,
    KeyPage,
    KeyRead,
    KidIn,
    ReasonIn,
)
from praxis_common.downloads import table_download
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime

JWT = "application/jwt"
PDF = "application/pdf"


def router(rt: Runtime) -> APIRouter:
    custody: Custody = rt.resources  # the service's key custody (main.py)
    r = APIRouter(prefix="/v1/credentials", tags=["credentials"])

    @r.post(
        "",
        operation_id="requestCredential",
        status_code=201,
        response_model=CredentialRead,
        summary="Ask for a credential for a passed placement or project, signed by the school (school admin)",
        responses={409: {"description": "not passed, already has a live credential, or the status list is full"}},
    )
    async def create(
        request: Request, body: CredentialCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """The school signs at once; the credential awaits the host enterprise's countersignature."""

        async def create_it(uow):
            c = await credentials.request_credential(
                body.to_command(), principal, uow=uow, custody=custody, clock=rt.clock
            )
            return CredentialRead.of(c), f"/v1/credentials/{c.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create_it)

    @r.get("", operation_id="listCredentials", response_model=CredentialPage, summary="Your side's credentials")
    async def list_(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> CredentialPage:
        """Newest first: a school's staff see the school's, a student their own, an enterprise the ones it hosted."""
        found, token = await credentials.list_credentials(
            credentials.ListCredentials(page_size, page_token), principal, uow=rt.uow
        )
        return CredentialPage(items=[CredentialRead.of(c) for c in found], next_page_token=token)

    @r.get(
        "/export",
        operation_id="exportCredentials",
        summary="Download your side's register of credentials as CSV or JSON",
        response_class=Response,
        responses={
            200: {
                "content": {"text/csv": {}, "application/json": {}},
                "description": "format=csv: RFC 4180 CSV with a header row; format=json: an array of rows",
            }
        },
    )
    async def export(principal: PrincipalDep, format: Literal["csv", "json"] = "csv") -> Response:
        """Every credential the list shows you, newest first, streamed: columns id, kind, source_id, title,
        school_org, enterprise_org, student_ref, stage, requested_by, requested_at, countersigned_by,
        countersigned_at, ended_for, ended_by, ended_at, end_reason (the signed documents: one by one, or in the
        organisation's export)."""
        name = f"credentials-{re.sub(r'[^A-Za-z0-9._-]', '_', principal.org)}-{rt.clock().date().isoformat()}.{format}"
        return table_download(
            credentials.export_credentials(principal, uow=rt.uow),
            format=format,
            csv_header=register.csv_header(),
            csv_line=register.csv_line,
            json_item=register.json_item,
            filename=name,
        )

    @r.get(
        "/{credential_id}",
        operation_id="getCredential",
        response_model=CredentialRead,
        summary="One credential, as its parties see it",
    )
    async def get(credential_id: uuid.UUID, principal: PrincipalDep) -> CredentialRead:
        return CredentialRead.of(await credentials.get_credential(credential_id, principal, uow=rt.uow))

    @r.post(
        "/{credential_id}/countersign",
        operation_id="countersignCredential",
        response_model=CredentialRead,
        summary="Countersign: the credential is issued (the host enterprise's admin or hr)",
    )
    async def countersign(credential_id: uuid.UUID, principal: PrincipalDep) -> CredentialRead:
        c = await credentials.countersign(credential_id, principal, uow=rt.uow, custody=custody, clock=rt.clock)
        return CredentialRead.of(c)

    @r.post(
        "/{credential_id}/decline",
        operation_id="declineCredential",
        response_model=CredentialRead,
        summary="Decline to countersign, with a reason (the host enterprise's admin or hr)",
    )
    async def decline(credential_id: uuid.UUID, body: ReasonIn, principal: PrincipalDep) -> CredentialRead:
        c = await credentials.decline(body.to_command(credential_id), principal, uow=rt.uow, clock=rt.clock)
        return CredentialRead.of(c)

    @r.post(
        "/{credential_id}/revoke",
        operation_id="revokeCredential",
        response_model=CredentialRead,
        summary="Revoke, with a reason (the school's admin, or the host enterprise's admin or hr)",
    )
    async def revoke(credential_id: uuid.UUID, body: ReasonIn, principal: PrincipalDep) -> CredentialRead:
        """The school's signed status list says so from now on; the reason is given to whoever checks it here."""
        c = await credentials.revoke(body.to_command(credential_id), principal, uow=rt.uow, clock=rt.clock)
        return CredentialRead.of(c)

    @r.get(
        "/{credential_id}/credential.json",
        operation_id="downloadCredential",
        summary="The issued credential as its JSON (a JWS, both signatures)",
        responses={200: {"content": {"application/json": {}}}},
    )
    async def as_json(credential_id: uuid.UUID, principal: PrincipalDep) -> Response:
        c = await credentials.download(credential_id, principal, uow=rt.uow)
        return _attachment(securing.dumps(c.secured), "application/json", f"credential-{c.id}.json")

    @r.get(
        "/{credential_id}/credential.jwt",
        operation_id="downloadCredentialJwt",
        summary="The school's signature alone, as an Open Badges 3.0 VC-JWT (for wallets)",
        responses={200: {"content": {JWT: {}}}},
    )
    async def as_jwt(credential_id: uuid.UUID, principal: PrincipalDep) -> Response:
        c = await credentials.download(credential_id, principal, uow=rt.uow)
        return _attachment(securing.compact(c.secured, 0).encode(), JWT, f"credential-{c.id}.jwt")

    @r.get(
        "/{credential_id}/certificate.pdf",
        operation_id="downloadCertificate",
        summary="The printable certificate, with a QR code leading to its check",
        responses={200: {"content": {PDF: {}}}},
    )
    async def as_pdf(credential_id: uuid.UUID, principal: PrincipalDep) -> Response:
        pdf = await credentials.certificate_pdf(credential_id, principal, uow=rt.uow, custody=custody)
        return _attachment(pdf, PDF, f"certificate-{credential_id}.pdf")

    return r


def keys_router(rt: Runtime) -> APIRouter:
    custody: Custody = rt.resources
    r = APIRouter(prefix="/v1/signing-keys", tags=["signing keys"])

    @r.get("", operation_id="listSigningKeys", response_model=KeyPage, summary="Your organisation's signing keys")
    async def list_(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> KeyPage:
        """Oldest first. A school's admin, an enterprise's admin or hr. The private halves never leave the service."""
        found, token = await keys.list_keys(
            principal, uow=rt.uow, custody=custody, page_size=page_size, page_token=page_token
        )
        return KeyPage(items=[KeyRead.of(k) for k in found], next_page_token=token)

    @r.post("/rotate", operation_id="rotateSigningKey", response_model=KeyRead, summary="Sign with a new key")
    async def rotate(principal: PrincipalDep) -> KeyRead:
        """The old key is retired and stays published: what it signed still verifies."""
        return KeyRead.of(await keys.rotate_key(principal, uow=rt.uow, custody=custody, clock=rt.clock))

    @r.post("/withdraw", operation_id="withdrawSigningKey", response_model=KeyRead, summary="Unpublish a leaked key")
    async def withdraw(body: KidIn, principal: PrincipalDep) -> KeyRead:
        """What the key signed fails verification from now on."""
        return KeyRead.of(await keys.withdraw_key(body.kid, principal, uow=rt.uow, custody=custody, clock=rt.clock))

    return r


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
