"""REST routes of the monthly ministry report (/v1/reports/ministry): a school's own placements only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from internships.domain.ministry_report import MONTH
from internships.handlers import ministry_report as handlers
from internships.schemas.ministry_report import DownloadIn, MinistryReportPreview, month_of
from praxis_common.http import PrincipalDep
from praxis_common.service import Runtime

MonthPath = Annotated[str, Path(pattern=MONTH.pattern, description="YYYY-MM", examples=["2026-11"])]


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/reports/ministry", tags=["reports"])

    @r.get(
        "/{month}",
        operation_id="previewMinistryReport",
        response_model=MinistryReportPreview,
        summary="Preview a month's report for the national internship platform (school)",
    )
    async def preview(month: MonthPath, principal: PrincipalDep) -> MinistryReportPreview:
        """The placements of the school that ran in the month, the rows that lack a required column (with what
        they lack), and what changed since the school's download of the previous month."""
        return MinistryReportPreview.of(await handlers.preview(month_of(month), principal, uow=rt.uow))

    @r.post(
        "/{month}/downloads",
        operation_id="downloadMinistryReport",
        summary="Download a month's report as CSV or XLSX (school)",
        response_class=Response,
        responses={
            200: {
                "content": {
                    media: {"schema": {"type": "string", "format": "binary"}} for media in handlers.FORMATS.values()
                },
                "description": "The file, in the platform's column layout",
            }
        },
    )
    async def download(month: MonthPath, body: DownloadIn, principal: PrincipalDep) -> Response:
        """Refused (422, `report-incomplete`, the rows listed with what they lack) while any row lacks a required
        column: no file the platform would reject is produced. Each download is kept, so the next month's preview
        shows what changed."""
        d = await handlers.download(month_of(month), body.format, principal, uow=rt.uow, clock=rt.clock)
        return Response(
            d.content,
            media_type=d.media_type,
            headers={
                "Content-Disposition": f'attachment; filename="{d.filename}"',
                "X-Content-SHA256": d.sha256,
                "X-Report-Placements": str(d.placements),
            },
        )

    return r
