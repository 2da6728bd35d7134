"""The audit log's API, shared by the services that keep one (praxis_common.audit, docs/audit.md): who read the
caller's organisation's data (`GET /v1/audit/reads`, of one student with `student_ref`) and the chain's verification
(`GET /v1/audit/verify`), over REST (`router`) and gRPC (`AuditReadsServicer`, mixed in before a service's generated
AuditService base; each service's proto declares the same messages in its own package), through the same use cases.

Only entries whose owner is the caller's organisation (its id and its kind): another organisation gets an empty
page. The chain is the service's, and its verification names no data: the same roles of any organisation run it.
"""

from __future__ import annotations

from datetime import datetime
from types import ModuleType
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from praxis_common import pages
from praxis_common.audit import AuditEntry, Verification
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.rpc import principal as rpc_principal
from praxis_common.uow import UowFactory
from praxis_common.validation import StudentRef, validate

# Who may read their organisation's audit log, by organisation kind.
READER_ROLES = {"school": ("admin", "coordinator"), "enterprise": ("admin", "hr")}


class AuditQuery(BaseModel):
    """The filter of a list of reads (gRPC validates its request with it; REST's query takes the same type)."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef | None = None


class AuditReadEntry(BaseModel):
    seq: int = Field(description="the entry's place in the chain")
    at: datetime
    actor: str | None = Field(description="who read: the token subject (null once that student was erased)")
    actor_org: str
    actor_org_kind: str
    owner_org: str = Field(description="whose data was read: the caller's organisation")
    owner_org_kind: str
    subject_kind: str = Field(description="student | project_material")
    subject_ref: str | None = Field(
        description="whose data: a student_ref or a project id (never the data itself); null once the student was erased"
    )
    resource_kind: str = Field(description="what was read, e.g. placement, logbook, assignment")
    resource_id: str
    action: str
    route: str = Field(description="the REST route template or the gRPC method the read came through")
    hash: str

    @classmethod
    def of(cls, e: AuditEntry) -> AuditReadEntry:
        return cls(**{name: getattr(e, name) for name in cls.model_fields})


class AuditReadPage(pages.Page[AuditReadEntry]):
    pass


class AuditVerification(BaseModel):
    ok: bool
    entries: int = Field(description="entries checked: all of them when ok, those before the break otherwise")
    broken_at: int | None = Field(None, description="seq of the first entry whose hash or link does not hold")
    head_seq: int | None = Field(None, description="when ok: the newest entry's seq (null for an empty log)")
    head_hash: str | None = Field(
        None, description="when ok: the newest entry's hash; kept outside the database, it shows a later truncation"
    )

    @classmethod
    def of(cls, v: Verification) -> AuditVerification:
        return cls(ok=v.ok, entries=v.entries, broken_at=v.broken_at, head_seq=v.head_seq, head_hash=v.head_hash)


# ---- use cases


def _reader(principal: Principal) -> None:
    roles = READER_ROLES.get(principal.org_kind, ())
    if not roles or not principal.has_any_role(*roles):
        raise Forbidden("needs the role admin or coordinator of a school, or admin or hr of an enterprise")


async def list_reads(
    principal: Principal, *, student_ref: str | None, page_size: int, page_token: str | None, uow: UowFactory
) -> tuple[list[AuditEntry], str | None]:
    """A page of the reads of the caller's organisation's data (of one student's, with `student_ref`), oldest
    first, and the token of the next page."""
    _reader(principal)
    after = pages.decode_page_token(page_token, int)[0] if page_token else None
    async with uow() as u:
        rows = await u.audit.reads(
            principal.org, principal.org_kind, subject_ref=student_ref, after=after, limit=page_size + 1
        )
    return pages.next_page(rows, page_size, lambda e: (e.seq,))


async def verify(principal: Principal, *, uow: UowFactory) -> Verification:
    """Check the whole chain (it is the service's, not an organisation's: the answer names no data)."""
    _reader(principal)
    async with uow() as u:
        return await u.audit.verify()


# ---- REST


def router(rt: Any) -> APIRouter:
    r = APIRouter(prefix="/v1/audit", tags=["audit"])

    @r.get(
        "/reads",
        operation_id="listAuditReads",
        response_model=AuditReadPage,
        summary="Who read our organisation's data, and when (school or enterprise admin)",
    )
    async def reads(
        principal: PrincipalDep,
        student_ref: Annotated[StudentRef | None, Query(description="only the reads of this student's data")] = None,
        page_size: PageSize = pages.DEFAULT_PAGE_SIZE,
        page_token: PageToken = None,
    ) -> AuditReadPage:
        """Every read by another organisation of data the caller's organisation owns, oldest first: who, which
        organisation, what, which record, when, through which route. Never the data read."""
        items, token = await list_reads(
            principal, student_ref=student_ref, page_size=page_size, page_token=page_token, uow=rt.uow
        )
        return AuditReadPage(items=[AuditReadEntry.of(e) for e in items], next_page_token=token)

    @r.get(
        "/verify",
        operation_id="verifyAuditChain",
        response_model=AuditVerification,
        summary="Check the audit log's hash chain (school or enterprise admin)",
    )
    async def check(principal: PrincipalDep) -> AuditVerification:
        """Recompute every entry's hash and its link to the one before: `ok`, or the seq of the first broken entry."""
        return AuditVerification.of(await verify(principal, uow=rt.uow))

    return r


# ---- gRPC


def entry_to_pb(pb: ModuleType, e: AuditEntry):
    fields = {k: v for k, v in AuditReadEntry.of(e).model_dump().items() if v is not None}  # erased: ""
    return pb.AuditReadEntry(**{**fields, "at": e.at.isoformat()})


class AuditReadsServicer:
    """ListAuditReads and VerifyAuditChain of a service's AuditService (mixed in before its generated base)."""

    pb: ModuleType  # the service's audit_pb2

    def __init__(self, rt: Any) -> None:
        self.rt = rt

    async def ListAuditReads(self, request, context):
        query = validate(AuditQuery, {"student_ref": request.student_ref} if request.student_ref else {})
        items, token = await list_reads(
            rpc_principal(),
            student_ref=query.student_ref,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
            uow=self.rt.uow,
        )
        return self.pb.ListAuditReadsResponse(
            entries=[entry_to_pb(self.pb, e) for e in items], next_page_token=token or ""
        )

    async def VerifyAuditChain(self, request, context):
        found = await verify(rpc_principal(), uow=self.rt.uow)
        return self.pb.VerifyAuditChainResponse(
            ok=found.ok,
            entries=found.entries,
            broken_at=found.broken_at or 0,
            head_seq=found.head_seq or 0,
            head_hash=found.head_hash or "",
        )
