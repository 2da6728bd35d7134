"""The REST routes of the job resource, the same in every importing service: `POST /v1/imports/<kind>` (the file as
the body, `?dry_run=true` to only validate and count), `GET /v1/imports/{job_id}`, `GET /v1/imports`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from praxis_common.http import PrincipalDep
from praxis_common.imports import uploads
from praxis_common.imports.jobs import ImportJob
from praxis_common.imports.runner import ImportKind, ImportRunner
from praxis_common.pages import Page
from praxis_common.queries import PageSize, PageToken

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class RowErrorRead(BaseModel):
    file: str = Field(description="In a bundle of files, which one; empty for a single file")
    line: int = Field(description="The line the row starts on; the header is line 1")
    field: str
    message: str


class ImportJobRead(BaseModel):
    id: uuid.UUID
    kind: str
    state: str = Field(description="queued | running | succeeded | failed")
    dry_run: bool = Field(description="true: validated and counted; nothing was written")
    file_sha256: str
    total: int | None = Field(description="Rows in the file, once read")
    processed: int = Field(description="created + updated + unchanged + failed")
    created: int
    updated: int
    unchanged: int
    failed: int
    errors: list[RowErrorRead] = Field(description="The refused rows, by line (the first 1,000)")
    errors_more: int = Field(description="Refused rows beyond those listed")
    detail: str | None = Field(description="Why a failed job failed as a whole")
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def of(cls, job: ImportJob) -> ImportJobRead:
        return cls.model_validate(job, from_attributes=True)


class ImportJobPage(Page[ImportJobRead]):
    """A page of import jobs."""


DryRun = Annotated[bool, Query(description="validate and count what would change; write nothing")]


def router(rt: Any, runner: ImportRunner, kinds: list[ImportKind]) -> APIRouter:
    r = APIRouter(prefix="/v1/imports", tags=["imports"])

    for kind in kinds:
        r.add_api_route(
            f"/{kind.name}",
            _upload(rt, runner, kind),
            methods=["POST"],
            name=f"import_{kind.name}",
            operation_id=f"import{kind.name.title()}",
            status_code=202,
            response_model=ImportJobRead,
            summary=kind.summary,
            description=kind.description,
            max_body_size=MAX_UPLOAD_BYTES,
            openapi_extra={
                "requestBody": {
                    "required": True,
                    "content": {m: {"schema": {"type": "string", "format": "binary"}} for m in kind.media_types},
                }
            },
        )

    @r.get("", operation_id="listImportJobs", response_model=ImportJobPage, summary="The organisation's import jobs")
    async def list_jobs(
        principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> ImportJobPage:
        """Newest first."""
        items, token = await uploads.list_jobs(
            principal, uow=rt.uow, kinds=kinds, page_size=page_size, page_token=page_token
        )
        return ImportJobPage(items=[ImportJobRead.of(j) for j in items], next_page_token=token)

    # `uuid` keeps the path apart from the uploads' (/v1/imports/oneroster is not a job): OPTIONS and 405 name the
    # methods of the one route a path is.
    @r.get("/{job_id:uuid}", operation_id="getImportJob", response_model=ImportJobRead, summary="One import job")
    async def get_job(job_id: uuid.UUID, principal: PrincipalDep) -> ImportJobRead:
        """Its state, its counts so far and the refused rows by line; poll it until the state is succeeded or
        failed."""
        return ImportJobRead.of(await uploads.get_job(job_id, principal, uow=rt.uow, kinds=kinds))

    return r


def _upload(rt: Any, runner: ImportRunner, kind: ImportKind):
    async def upload(request: Request, principal: PrincipalDep, dry_run: DryRun = False) -> Response:
        kind.authorize(principal)  # before the body is looked at
        job = await uploads.submit(
            kind, await request.body(), principal, dry_run=dry_run, uow=rt.uow, runner=runner, clock=rt.clock
        )
        return Response(
            ImportJobRead.of(job).model_dump_json(),
            202,
            {"Location": f"/v1/imports/{job.id}"},
            media_type="application/json",
        )

    return upload
