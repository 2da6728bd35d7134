"""gRPC methods of credentials and signing keys: protobuf -> the REST input model -> its command -> the handler."""

from __future__ import annotations

import json
from datetime import datetime

from credentials.domain import securing
from credentials.domain.issuance import Credential
from credentials.handlers import credentials, keys, public
from credentials.handlers.custody import Custody
from credentials.handlers.keys import KeyView
from credentials.schemas.credentials import CredentialCreate, KidIn, ReasonIn
from praxis.credentials.v1 import credentials_pb2 as pb
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate


def _time(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def credential_to_pb(c: Credential) -> pb.Credential:
    return pb.Credential(
        id=str(c.id),
        kind=c.kind.value,
        source_id=c.source_id,
        school_org=c.school_org,
        enterprise_org=c.enterprise_org,
        student_ref=c.student_ref,
        stage=c.stage.value,
        requested_by=c.requested_by,
        requested_at=_time(c.requested_at),
        countersigned_by=c.countersigned_by or "",
        countersigned_at=_time(c.countersigned_at),
        ended_by=c.ended_by or "",
        ended_for=c.ended_for or "",
        ended_at=_time(c.ended_at),
        end_reason=c.end_reason or "",
        credential_json=json.dumps(c.secured) if c.countersigned_at is not None and c.secured else "",
        content_json=json.dumps(securing.credential_of(c.secured)) if c.secured else "",
    )


def key_to_pb(k: KeyView) -> pb.SigningKey:
    return pb.SigningKey(
        kid=k.kid,
        number=k.number,
        signs=k.signs,
        published=k.published,
        created_at=_time(k.created_at),
        retired_at=_time(k.retired_at),
        withdrawn_at=_time(k.withdrawn_at),
    )


class CredentialMethods:
    rt: Runtime

    @property
    def _custody(self) -> Custody:
        return self.rt.resources

    async def RequestCredential(self, request: pb.RequestCredentialRequest, context) -> pb.RequestCredentialResponse:
        data = {"kind": request.kind, "source_id": request.source_id, "student_name": request.student_name}
        cmd = validate(CredentialCreate, data).to_command()

        async def create(uow) -> pb.RequestCredentialResponse:
            c = await credentials.request_credential(
                cmd, principal(), uow=uow, custody=self._custody, clock=self.rt.clock
            )
            return pb.RequestCredentialResponse(credential=credential_to_pb(c))

        return await rpc.created(context, self.rt.uow, request, create, pb.RequestCredentialResponse)

    async def ListCredentials(self, request: pb.ListCredentialsRequest, context) -> pb.ListCredentialsResponse:
        cmd = credentials.ListCredentials(pages.page_size(request.page_size), request.page_token or None)
        found, token = await credentials.list_credentials(cmd, principal(), uow=self.rt.uow)
        return pb.ListCredentialsResponse(credentials=[credential_to_pb(c) for c in found], next_page_token=token or "")

    async def GetCredential(self, request: pb.GetCredentialRequest, context) -> pb.GetCredentialResponse:
        c = await credentials.get_credential(_id(request), principal(), uow=self.rt.uow)
        return pb.GetCredentialResponse(credential=credential_to_pb(c))

    async def CountersignCredential(
        self, request: pb.CountersignCredentialRequest, context
    ) -> pb.CountersignCredentialResponse:
        c = await credentials.countersign(
            _id(request), principal(), uow=self.rt.uow, custody=self._custody, clock=self.rt.clock
        )
        return pb.CountersignCredentialResponse(credential=credential_to_pb(c))

    async def DeclineCredential(self, request: pb.DeclineCredentialRequest, context) -> pb.DeclineCredentialResponse:
        cmd = validate(ReasonIn, {"reason": request.reason}).to_command(_id(request))
        c = await credentials.decline(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.DeclineCredentialResponse(credential=credential_to_pb(c))

    async def RevokeCredential(self, request: pb.RevokeCredentialRequest, context) -> pb.RevokeCredentialResponse:
        cmd = validate(ReasonIn, {"reason": request.reason}).to_command(_id(request))
        c = await credentials.revoke(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.RevokeCredentialResponse(credential=credential_to_pb(c))

    async def DownloadCredential(self, request: pb.DownloadCredentialRequest, context) -> pb.DownloadCredentialResponse:
        c = await credentials.download(_id(request), principal(), uow=self.rt.uow)
        return pb.DownloadCredentialResponse(credential_json=securing.dumps(c.secured).decode())

    async def DownloadCredentialJwt(
        self, request: pb.DownloadCredentialRequest, context
    ) -> pb.DownloadCredentialJwtResponse:
        c = await credentials.download(_id(request), principal(), uow=self.rt.uow)
        return pb.DownloadCredentialJwtResponse(jwt=securing.compact(c.secured, 0))

    async def DownloadCertificate(
        self, request: pb.DownloadCredentialRequest, context
    ) -> pb.DownloadCertificateResponse:
        pdf = await credentials.certificate_pdf(_id(request), principal(), uow=self.rt.uow, custody=self._custody)
        return pb.DownloadCertificateResponse(pdf=pdf)

    async def VerifyCredential(self, request: pb.VerifyCredentialRequest, context) -> pb.VerifyCredentialResponse:
        principal()  # any caller with a token (REST serves it to anyone)
        v = await public.verify(request.credential_json, uow=self.rt.uow, custody=self._custody, clock=self.rt.clock)
        return pb.VerifyCredentialResponse(
            valid=v.valid,
            problems=v.problems,
            signers=v.signers,
            revoked=v.revoked,
            reason=v.reason or "",
            credential_json=json.dumps(v.credential) if v.credential is not None else "",
        )


class KeyMethods:
    rt: Runtime

    async def ListSigningKeys(self, request: pb.ListSigningKeysRequest, context) -> pb.ListSigningKeysResponse:
        found, token = await keys.list_keys(
            principal(),
            uow=self.rt.uow,
            custody=self.rt.resources,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListSigningKeysResponse(keys=[key_to_pb(k) for k in found], next_page_token=token or "")

    async def RotateSigningKey(self, request: pb.RotateSigningKeyRequest, context) -> pb.RotateSigningKeyResponse:
        k = await keys.rotate_key(principal(), uow=self.rt.uow, custody=self.rt.resources, clock=self.rt.clock)
        return pb.RotateSigningKeyResponse(key=key_to_pb(k))

    async def WithdrawSigningKey(self, request: pb.WithdrawSigningKeyRequest, context) -> pb.WithdrawSigningKeyResponse:
        kid = validate(KidIn, {"kid": request.kid}).kid
        k = await keys.withdraw_key(kid, principal(), uow=self.rt.uow, custody=self.rt.resources, clock=self.rt.clock)
        return pb.WithdrawSigningKeyResponse(key=key_to_pb(k))


def _id(request):
    return parse_uuid(request.credential_id, "credential_id")
