"""REST routes of the audit log of cross-organisation reads (docs/audit.md): who read the caller's organisation's
data (`/v1/audit/reads`, of one student with `student_ref`), and the verification of the chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from internships.handlers import audit
from internships.schemas.audit import AuditReadEntry, AuditReadPage, AuditVerification
from praxis_common.http import PrincipalDep
from praxis_common.pages import DEFAULT_PAGE_SIZE
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import StudentRef


def router(rt: Runtime) -> APIRouter:
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
        page_size: PageSize = DEFAULT_PAGE_SIZE,
        page_token: PageToken = None,
    ) -> AuditReadPage:
        """Every read by another organisation of data the caller's organisation owns, oldest first: who, which
        organisation, what, which record, when, through which route. Never the data read."""
        items, token = await audit.list_reads(
            principal, student_ref=student_ref, page_size=page_size, page_token=page_token, uow=rt.uow
        )
        return AuditReadPage(items=[AuditReadEntry.of(e) for e in items], next_page_token=token)

    @r.get(
        "/verify",
        operation_id="verifyAuditChain",
        response_model=AuditVerification,
        summary="Check the audit log's hash chain (school or enterprise admin)",
    )
    async def verify(principal: PrincipalDep) -> AuditVerification:
        """Recompute every entry's hash and its link to the one before: `ok`, or the seq of the first broken entry."""
        return AuditVerification.of(await audit.verify(principal, uow=rt.uow))

    return r
