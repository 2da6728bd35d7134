"""The use cases of the job resource: queue an upload (the file checked as a whole first), read a job, list jobs.

A job is seen by the organisation that uploaded it, nobody else: another organisation's job does not exist (404),
and an organisation is its id and its kind (an enterprise named like a school is not that school).
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from praxis_common.auth import Principal
from praxis_common.errors import NotFound
from praxis_common.imports.jobs import ImportJob
from praxis_common.imports.runner import ImportKind, ImportRunner, parse_off_loop
from praxis_common.pages import DEFAULT_PAGE_SIZE, decode_page_token, next_page
from praxis_common.uow import Clock, utc_clock
from praxis_common.validation import parse_uuid


async def submit(
    kind: ImportKind,
    data: bytes,
    principal: Principal,
    *,
    dry_run: bool,
    uow: Any,
    runner: ImportRunner,
    clock: Clock = utc_clock,
) -> ImportJob:
    """A queued job for the file; a file that cannot be read as a whole is refused now (InvalidInput)."""
    kind.authorize(principal)
    await parse_off_loop(kind, data, principal.org, principal.org_kind)
    job = ImportJob(
        id=uuid.uuid4(),
        org=principal.org,
        org_kind=principal.org_kind,
        kind=kind.name,
        dry_run=dry_run,
        file_sha256=hashlib.sha256(data).hexdigest(),
        created_by=principal.sub,
        created_at=clock(),
    )
    async with uow() as u:
        await u.import_jobs.add(job, data)
        await u.commit()
    runner.wakeup.set()
    return job


async def get_job(job_id: uuid.UUID | str, principal: Principal, *, uow: Any, kinds: list[ImportKind]) -> ImportJob:
    """The organisation's job (a gRPC id as text is parsed once the caller may read jobs at all)."""
    _may_import(principal, kinds)
    if isinstance(job_id, str):
        job_id = parse_uuid(job_id, "job_id")
    async with uow() as u:
        job = await u.import_jobs.get(job_id)
    if job is None or (job.org, job.org_kind) != (principal.org, principal.org_kind):
        raise NotFound("no such import job")
    return job


async def list_jobs(
    principal: Principal,
    *,
    uow: Any,
    kinds: list[ImportKind],
    page_size: int = DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[ImportJob], str | None]:
    """A page of the organisation's jobs, newest first."""
    _may_import(principal, kinds)
    after = decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await u.import_jobs.list_for(principal.org, principal.org_kind, after=after, limit=page_size + 1)
    return next_page(found, page_size, lambda j: (j.created_at, j.id))


def _may_import(principal: Principal, kinds: list[ImportKind]) -> None:
    """Whoever may upload some kind of import may read the organisation's jobs (platform principals may not)."""
    refused = None
    for kind in kinds:
        try:
            kind.authorize(principal)
            return
        except Exception as exc:  # the kind's own refusal (Forbidden), re-raised when no kind admits the caller
            refused = exc
    if refused is not None:
        raise refused
