"""Organisation exports, coordinated here (docs/export.md): an organisation's admin starts a job (the request event
makes every service write its part in one snapshot), follows it as the parts are reported, and downloads the
archive, which is assembled from the parts (each service's read with the admin's own token) and checked against
what each service reported."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

from internships.domain.exports import EXPIRED, READY, STALE, ExportJob, ReportedPart
from internships.outgoing.exports import export_requested
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, NotFound, Unavailable
from praxis_common.events import payload_time
from praxis_common.exports import archive
from praxis_common.exports.access import PartGone, may_export
from praxis_common.pages import DEFAULT_PAGE_SIZE, decode_page_token, next_page
from praxis_common.uow import Clock, UowFactory, utc_clock
from praxis_common.validation import parse_uuid


@dataclass(frozen=True)
class ExportPolicy:
    services: list[str]  # every service expected to write a part
    ttl: timedelta  # how long parts and the job are kept
    max_ready: int = 10  # ready, unexpired jobs an organisation may hold


class ExportRunning(Conflict):
    code, title = "export-running", "An export of the organisation is being written"


class TooManyExports(Conflict):
    code, title = "too-many-exports", "The organisation holds as many ready exports as it may"


async def start_export(principal: Principal, *, uow: UowFactory, policy: ExportPolicy, clock: Clock = utc_clock):
    """A new job, unless one of the organisation's is still being written or it holds `policy.max_ready` ready ones
    (each export makes every service copy all the organisation owns and keep it until it expires)."""
    may_export(principal)
    now = clock()
    job = ExportJob.start(
        org=principal.org,
        org_kind=principal.org_kind,
        by=principal.sub,
        services=policy.services,
        now=now,
        ttl=policy.ttl,
    )
    async with uow() as u:
        await u.export_jobs.lock_org(principal.org, principal.org_kind)
        running = await u.export_jobs.running_job(principal.org, principal.org_kind, now)
        if running is not None:
            raise ExportRunning(
                f"export {running} of the organisation is still being written; follow it at /v1/exports/{running}",
                running_job=str(running),
            )
        if await u.export_jobs.count_ready(principal.org, principal.org_kind, now) >= policy.max_ready:
            raise TooManyExports(
                f"the organisation holds {policy.max_ready} ready exports, the most it may; download one of them, "
                "or start a new one when one expires",
                max_ready=policy.max_ready,
            )
        await u.export_jobs.add(job)
        u.emit(export_requested(job))
        await u.commit()
    return job


async def get_export(job_id: uuid.UUID | str, principal: Principal, *, uow: UowFactory) -> ExportJob:
    """The caller's organisation's job; another organisation's, or one pruned, is not found."""
    may_export(principal)
    key = job_id if isinstance(job_id, uuid.UUID) else parse_uuid(job_id, "job_id")
    async with uow() as u:
        job = await u.export_jobs.get(key)
    if job is None or (job.org, job.org_kind) != (principal.org, principal.org_kind):
        raise NotFound("no such export")
    return job


async def list_exports(
    principal: Principal, *, uow: UowFactory, page_size: int = DEFAULT_PAGE_SIZE, page_token: str | None = None
) -> tuple[list[ExportJob], str | None]:
    """A page of the organisation's jobs, newest first."""
    may_export(principal)
    after = decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await u.export_jobs.list_for(principal.org, principal.org_kind, after=after, limit=page_size + 1)
    return next_page(found, page_size, lambda j: (j.created_at, j.id))


async def part_ready(
    job_id: str, service: str, files: list[dict], taken_at: str, *, uow: UowFactory, clock: Clock = utc_clock
) -> None:
    """A service reported its part (its part_ready event): recorded once; the job is ready with its last part."""
    await _reported(job_id, ReportedPart(service, files, payload_time(taken_at)), uow=uow, clock=clock)


async def part_failed(job_id: str, service: str, reason: str, *, uow: UowFactory, clock: Clock = utc_clock) -> None:
    """A service could not write its part (its part_failed event): the job is failed."""
    await _reported(job_id, ReportedPart(service, [], None, reason or "failed"), uow=uow, clock=clock)


async def _reported(job_id: str, part: ReportedPart, *, uow: UowFactory, clock: Clock) -> None:
    try:
        key = uuid.UUID(job_id)
    except ValueError:
        return  # not a job of ours
    service = part.service
    async with uow() as u:
        job = await u.export_jobs.get(key, for_update=True)
        if job is None or service not in job.services:
            return  # expired and pruned, or a service this job did not wait for
        if await u.export_jobs.add_part(key, part):
            job.parts[service] = part
            if job.complete:
                await u.export_jobs.mark_ready(key, clock())
        await u.commit()


async def export_archive(
    job_id: uuid.UUID | str,
    principal: Principal,
    *,
    token: str,
    uow: UowFactory,
    sources: Any,
    clock: Clock = utc_clock,
) -> tuple[ExportJob, IO[bytes]]:
    """The job's archive, in a temporary file the caller streams and closes. The job is read in a short transaction;
    the parts are then read (other services' over gRPC with the caller's token and a deadline) with none open."""
    job = await get_export(job_id, principal, uow=uow)
    state = job.state(clock())
    if state == EXPIRED:
        raise NotFound("no such export")
    if state == STALE:
        raise PartGone(job.gone_services[0])
    if state != READY:
        raise Conflict(f"the export is {state}: {job.progress:.0%} of its parts are written; see its services")
    parts = {s: {"taken_at": p.taken_at.isoformat(), "files": p.files} for s, p in job.parts.items()}
    the_manifest = archive.manifest(
        job_id=str(job.id),
        org=job.org,
        org_kind=job.org_kind,
        created_at=job.created_at.isoformat(),
        parts=parts,
    )
    own_files = parts.get(sources.own, {}).get("files", [])
    try:
        if sources.own in parts:
            await sources.check_own(job.id)  # its chunks would read as empty files, failing their hashes
        try:
            return job, await archive.write_archive(the_manifest, parts, sources.reader(token, str(job.id), own_files))
        except Unavailable as exc:
            if exc.extensions.get("dependency") == sources.own:
                await sources.check_own(job.id)  # erased while it was read: gone, not unavailable
            raise
    except PartGone as gone:  # erased: the job is stale for good, and says so
        async with uow() as u:
            await u.export_jobs.mark_gone(job.id, gone.service)
            await u.commit()
        raise


async def prune_exports(*, uow: UowFactory) -> int:
    async with uow() as u:
        pruned = await u.export_jobs.prune()
        await u.commit()
    return pruned
