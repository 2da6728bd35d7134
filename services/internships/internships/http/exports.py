"""REST routes of organisation exports (docs/export.md): start one (`POST /v1/exports`, 202), follow it
(`GET /v1/exports/{export_id}`, `GET /v1/exports`) and download its archive (`GET /v1/exports/{export_id}/archive`, a
ZIP)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import IO

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from internships.handlers import exports
from internships.schemas.exports import ExportJobPage, ExportJobRead
from praxis_common.auth import bearer_token
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime

CHUNK_BYTES = 1 << 20


async def chunks_of(archive: IO[bytes]) -> AsyncIterator[bytes]:
    try:
        while data := archive.read(CHUNK_BYTES):
            yield data
    finally:
        archive.close()


def router(rt: Runtime, setup) -> APIRouter:
    r = APIRouter(prefix="/v1/exports", tags=["exports"])

    @r.post(
        "",
        operation_id="startExport",
        status_code=202,
        response_model=ExportJobRead,
        summary="Export everything the organisation owns (organisation admin)",
    )
    async def start(principal: PrincipalDep) -> Response:
        """Every service writes what the caller's organisation owns, each in one snapshot; poll the job until its
        state is ready, then download the archive before expires_at."""
        job = await exports.start_export(principal, uow=rt.uow, policy=setup.policy(), clock=rt.clock)
        return Response(
            ExportJobRead.of(job, rt.clock()).model_dump_json(),
            202,
            {"Location": f"/v1/exports/{job.id}"},
            media_type="application/json",
        )

    @r.get("", operation_id="listExports", response_model=ExportJobPage, summary="The organisation's exports")
    async def list_jobs(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None):
        """Newest first."""
        items, token = await exports.list_exports(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        now = rt.clock()
        return ExportJobPage(items=[ExportJobRead.of(j, now) for j in items], next_page_token=token)

    @r.get("/{export_id}", operation_id="getExport", response_model=ExportJobRead, summary="One export job")
    async def get_job(export_id: uuid.UUID, principal: PrincipalDep) -> ExportJobRead:
        """Its state, and each service's part."""
        return ExportJobRead.of(await exports.get_export(export_id, principal, uow=rt.uow), rt.clock())

    @r.get(
        "/{export_id}/archive",
        operation_id="getExportArchive",
        summary="Download an export's archive (a ZIP: manifest.json and <service>/<resource>.jsonl)",
        response_class=Response,
        responses={
            200: {"content": {"application/zip": {}}, "description": "The archive"},
            409: {"description": "The export is not ready yet"},
        },
    )
    async def archive(export_id: uuid.UUID, request: Request, principal: PrincipalDep) -> StreamingResponse:
        """Assembled from every service's part, each checked against the counts and hashes its service reported."""
        job, archive = await exports.export_archive(
            export_id,
            principal,
            token=bearer_token(request.headers.get("authorization")),
            uow=rt.uow,
            sources=setup.sources(),
            clock=rt.clock,
        )
        return StreamingResponse(
            chunks_of(archive),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="export-{job.id}.zip"'},
        )

    return r
