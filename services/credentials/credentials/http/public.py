"""What anyone may read, without a token (the kernel's gate leaves /public/ open): organisations' DID documents,
schools' signed status lists, and the check of a credential (sent, or stored: the certificate's QR code)."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response

from credentials.domain.did import ORG_PATTERN
from credentials.handlers import public
from credentials.handlers.custody import Custody
from credentials.schemas.credentials import VerificationRead
from praxis_common.errors import InvalidInput
from praxis_common.http_gate import PUBLIC_PREFIX
from praxis_common.service import Runtime

Org = Annotated[str, Path(min_length=1, max_length=128, pattern=ORG_PATTERN.pattern)]
JWT = "application/jwt"


def router(rt: Runtime) -> APIRouter:
    custody: Custody = rt.resources  # the service's key custody (main.py)
    r = APIRouter(prefix=PUBLIC_PREFIX, tags=["public"])

    @r.get(
        "/orgs/{kind}/{org}/did.json",
        operation_id="getDidDocument",
        summary="An organisation's DID document: the keys its credentials are signed with",
        responses={200: {"content": {"application/did+json": {}}}},
    )
    async def did_document(kind: Literal["school", "enterprise"], org: Org) -> Response:
        doc = await public.did_document(kind, org, uow=rt.uow, custody=custody)
        return Response(_json(doc), media_type="application/did+json", headers={"Cache-Control": "max-age=300"})

    @r.get(
        "/orgs/school/{org}/status/1",
        operation_id="getStatusList",
        summary="A school's revocation list: a Bitstring Status List credential it signs (VC-JWT)",
        responses={200: {"content": {JWT: {}}}},
    )
    async def status_list(org: Org) -> Response:
        token = await public.status_list_token(org, uow=rt.uow, custody=custody, clock=rt.clock)
        return Response(token, media_type=JWT, headers={"Cache-Control": "max-age=60"})

    @r.post(
        "/verifications",
        operation_id="verifyCredential",
        response_model=VerificationRead,
        summary="Check a credential: its two signatures, its validity, its revocation",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "description": "the credential's JSON: a JWS in General JSON Serialization",
                            "examples": [
                                {"payload": "eyJAY29udGV4dCI6…", "signatures": [{"protected": "…", "signature": "…"}]}
                            ],
                        }
                    }
                },
            }
        },
    )
    async def verify(request: Request) -> VerificationRead:
        """Only credentials of organisations this Praxis hosts are resolved here; others are checked with `praxis
        credential verify`. 422 for what is not a credential (at most 256 KiB)."""
        body = await request.body()
        if not body:
            raise InvalidInput("send the credential's JSON")
        return VerificationRead.of(await public.verify(body, uow=rt.uow, custody=custody, clock=rt.clock))

    @r.get(
        "/credentials/{credential_id}/verification",
        operation_id="getCredentialVerification",
        response_model=VerificationRead,
        summary="The check of a credential issued here (where its certificate's QR code leads)",
    )
    async def verification(credential_id: uuid.UUID) -> VerificationRead:
        return VerificationRead.of(
            await public.verification_of(credential_id, uow=rt.uow, custody=custody, clock=rt.clock)
        )

    return r


def _json(value: dict) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()
