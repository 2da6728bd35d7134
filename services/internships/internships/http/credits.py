"""REST routes of grades and the credit ledger: a placement's grade and its amendment (/v1/placements/{id}/grade),
the school's ledger (/v1/credit-ledger), its per-student summary and its downloads (CSV, JSON, OneRoster 1.2)."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from internships.domain.credit_ledger import SourceKind, csv_header, csv_line, json_item
from internships.handlers import credit_ledger as ledger
from internships.handlers import grades
from internships.schemas.credits import (
    GradeAmend,
    GradeRead,
    LedgerEntryRead,
    LedgerPage,
    LedgerQuery,
    StudentSummaryRead,
    StudentTotalRead,
)
from praxis_common.downloads import table_download
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import Date, OrgId, StudentRef, validate

FILTERS = (
    "filters: student_ref, source_kind (placement|project|achievement), from / to (award dates, inclusive), "
    "enterprise_org"
)


def _query(**values) -> LedgerQuery:
    """The filters given, as the gRPC edge builds them too."""
    return validate(LedgerQuery, {k: v for k, v in values.items() if v is not None})


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["credits"])

    @r.get(
        "/v1/placements/{placement_id}/grade",
        operation_id="getPlacementGrade",
        response_model=GradeRead,
        summary="A completed placement's grade and its history",
    )
    async def grade(placement_id: uuid.UUID, principal: PrincipalDep) -> GradeRead:
        """The grade given at completion (the scorecard's weighted total, the grade on the school's scale, passed
        against the programme's pass mark, the credits) and every amendment (who, when, why). To the placement's
        school and enterprise and to the student; 404 before completion."""
        return GradeRead.of(await grades.placement_grade(placement_id, principal, uow=rt.uow))

    @r.post(
        "/v1/placements/{placement_id}/grade/amendments",
        operation_id="amendPlacementGrade",
        response_model=GradeRead,
        status_code=201,
        summary="Amend a placement's grade with a reason (school admin)",
        responses={409: {"description": "not-graded: the placement has not completed (problem+json)"}},
    )
    async def amend(
        request: Request,
        placement_id: uuid.UUID,
        body: GradeAmend,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """A new revision. A new `total` alone: grade, passed and credits follow from it. A `grade` (on the
        placement's scale) stands as given: passed when its band starts at or above the pass mark. The reason is
        kept; placement.graded carries the revision, and the credit ledger follows. Send an Idempotency-Key to
        retry without making a second revision."""

        async def make(uow) -> tuple[GradeRead, str]:
            found = await grades.amend_grade(placement_id, body.to_command(), principal, uow=uow, clock=rt.clock)
            return GradeRead.of(found), f"/v1/placements/{placement_id}/grade"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=make)

    @r.get(
        "/v1/credit-ledger",
        operation_id="listCreditLedger",
        response_model=LedgerPage,
        summary="The school's credit ledger: placements and projects, with totals per student",
    )
    async def list_(
        principal: PrincipalDep,
        student_ref: StudentRef | None = None,
        source_kind: SourceKind | None = None,
        from_: Annotated[Date | None, Query(alias="from", description="awarded on or after")] = None,
        to: Annotated[Date | None, Query(description="awarded on or before")] = None,
        enterprise_org: OrgId | None = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
    ) -> LedgerPage:
        """In award order. The school's staff see all its students, a student their own entries; an enterprise
        gets 403 (the ledger is the school's record). `totals` sums the credits per student over every entry the
        filters match."""
        query = _query(
            student_ref=student_ref, source_kind=source_kind, to=to, enterprise_org=enterprise_org, **{"from": from_}
        )
        found = await ledger.list_ledger(query.to_command(page_size, page_token), principal, uow=rt.uow)
        return LedgerPage(
            items=[LedgerEntryRead.of(e) for e in found.entries],
            next_page_token=found.next_page_token,
            totals=[StudentTotalRead.of(t) for t in found.totals],
        )

    @r.get(
        "/v1/credit-ledger/students/{student_ref}",
        operation_id="getStudentCredits",
        response_model=StudentSummaryRead,
        summary="A student's credits: the total and every entry",
    )
    async def student(student_ref: StudentRef, principal: PrincipalDep) -> StudentSummaryRead:
        """To the school's staff and to the student themselves; 404 when the school's ledger holds nothing for
        the student."""
        return StudentSummaryRead.of(await ledger.student_summary(student_ref, principal, uow=rt.uow))

    def _filename(principal, ext: str) -> str:
        return f"credit-ledger-{re.sub(r'[^A-Za-z0-9._-]', '_', principal.org)}-{rt.clock().date().isoformat()}.{ext}"

    @r.get(
        "/v1/credit-ledger/export",
        operation_id="exportCreditLedger",
        summary="Download the credit ledger as CSV or JSON",
        response_class=Response,
        responses={
            200: {
                "content": {"text/csv": {}, "application/json": {}},
                "description": "format=csv: RFC 4180 CSV with a header row; format=json: an array of entries",
            }
        },
    )
    async def export(
        principal: PrincipalDep,
        format: Literal["csv", "json"] = "csv",
        student_ref: StudentRef | None = None,
        source_kind: SourceKind | None = None,
        from_: Annotated[Date | None, Query(alias="from")] = None,
        to: Date | None = None,
        enterprise_org: OrgId | None = None,
    ) -> Response:
        """Every matching entry, in award order, streamed: columns student_ref, school_org, source_kind,
        source_id, title, enterprise_org, credits, score, grade, passed, awarded_on, revision. Same readers and
        filters as the list."""
        kind = format
        query = _query(
            student_ref=student_ref, source_kind=source_kind, to=to, enterprise_org=enterprise_org, **{"from": from_}
        )
        return table_download(
            ledger.export_ledger(query.filter(), principal, uow=rt.uow),
            format=kind,
            csv_header=csv_header(),
            csv_line=csv_line,
            json_item=json_item,
            filename=_filename(principal, kind),
        )

    @r.get(
        "/v1/credit-ledger/oneroster",
        operation_id="exportCreditLedgerOneRoster",
        summary="Download the credit ledger as OneRoster 1.2 gradebook CSV files (ZIP)",
        response_class=Response,
        responses={
            200: {"content": {"application/zip": {}}, "description": "manifest, categories, lineItems, results"}
        },
    )
    async def oneroster(
        principal: PrincipalDep,
        student_ref: StudentRef | None = None,
        source_kind: SourceKind | None = None,
        from_: Annotated[Date | None, Query(alias="from")] = None,
        to: Date | None = None,
        enterprise_org: OrgId | None = None,
    ) -> Response:
        """One lineItem per placement, project or achievement, one result per entry (score = the total, textScore =
        the grade, scoreStatus "fully graded"); the student's sourcedId is the school's student_ref. Same readers and
        filters as the list."""
        query = _query(
            student_ref=student_ref, source_kind=source_kind, to=to, enterprise_org=enterprise_org, **{"from": from_}
        )
        content = await ledger.oneroster_export(query.filter(), principal, uow=rt.uow)
        return Response(
            content,
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{_filename(principal, "oneroster.zip")}"'},
        )

    return r
