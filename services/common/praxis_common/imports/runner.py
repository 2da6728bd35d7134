"""The worker that runs import jobs: it claims the oldest queued job (FOR UPDATE SKIP LOCKED, so several processes
share the work), reads its file in a worker thread, and applies the valid rows a batch per transaction, each batch's
changes, their events and the job's progress committing together. A job whose process died mid-way is taken over
once it has been silent for `<SERVICE>_IMPORT_STALE_SECONDS` (120) and resumes after the last committed batch;
should the first worker wake up after all, its next batch finds the job moved on and rolls back (JobTakenOver)."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from praxis_common.bulk import collector_paused
from praxis_common.errors import InvalidInput
from praxis_common.imports.jobs import STALE_SECONDS, BatchOutcome, ImportJob, JobState, JobTakenOver, RowError

log = logging.getLogger("praxis.imports")

BATCH_ROWS = 2000  # rows per transaction: a few hundred ms of work, so progress moves and locks stay short


@dataclass
class Parsed:
    """A file read: how many rows it has, the valid ones as (line, item), and the rows refused with their reason."""

    total: int
    items: list[tuple[int, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        """Rows refused (a row may have several errors)."""
        return len({(e.file, e.line) for e in self.errors})


@dataclass(frozen=True)
class ImportKind:
    """One kind of import a service takes (`POST /v1/imports/<name>`)."""

    name: str
    media_types: tuple[str, ...]  # what the upload may be sent as (documented; the body is read whatever it says)
    summary: str
    description: str
    # Who may upload it (raises Forbidden); jobs are then seen by the uploader's organisation only.
    authorize: Callable[[Any], None]
    # The file read for the organisation (its id and kind), in a worker thread: InvalidInput refuses the file as a
    # whole (422).
    parse: Callable[[bytes, str, str], Parsed]
    # A batch of valid items applied in the unit of work (or, for a dry run, only compared): what it did.
    apply: Callable[[Any, ImportJob, list[tuple[int, Any]]], Awaitable[BatchOutcome]]
    batch_rows: int = BATCH_ROWS


async def parse_off_loop(kind: ImportKind, data: bytes, org: str, org_kind: str) -> Parsed:
    def parse() -> Parsed:
        with collector_paused():
            return kind.parse(data, org, org_kind)

    return await asyncio.to_thread(parse)


# id(runtime) -> (the runtime, weakly, and its runner): an id reused by a later runtime gets a runner of its own.
_runners: dict[int, tuple[weakref.ref, ImportRunner]] = {}


class ImportRunner:
    """Runs the service's queued jobs one at a time; `wakeup` (set by an upload) starts the next at once."""

    @classmethod
    def of(cls, rt: Any, kinds: list[ImportKind]) -> ImportRunner:
        """The running service's one runner: its REST and gRPC uploads wake it, its worker runs the jobs."""
        found = _runners.get(id(rt))
        if found is None or found[0]() is not rt:
            found = (weakref.ref(rt), cls(rt.uow, kinds, stale_seconds=rt.settings.import_stale_seconds))
            _runners[id(rt)] = found
        return found[1]

    def __init__(
        self,
        uow: Callable[[], Any],
        kinds: list[ImportKind],
        *,
        poll_seconds: float = 2.0,
        stale_seconds: float = STALE_SECONDS,
    ) -> None:
        self.uow = uow
        self.kinds = {k.name: k for k in kinds}
        self.poll_seconds = poll_seconds
        self.stale_seconds = stale_seconds
        self.wakeup = asyncio.Event()

    async def run_next(self) -> bool:
        """Claim and run one job; False when none was waiting."""
        async with self.uow() as u:
            claimed = await u.import_jobs.claim_next(self.stale_seconds)
            await u.commit()
        if claimed is None:
            return False
        job, upload = claimed
        try:
            await self._run(job, upload)
        except JobTakenOver:
            log.warning("import job taken over by another worker; leaving it", extra={"job": str(job.id)})
        except Exception:
            log.exception("import job failed", extra={"job": str(job.id), "kind": job.kind})
            await self._finish(
                job, JobState.FAILED, "the import stopped on an internal error; rows applied so far stay"
            )
        return True

    async def _run(self, job: ImportJob, upload: bytes) -> None:
        kind = self.kinds.get(job.kind)
        if kind is None:
            await self._finish(job, JobState.FAILED, f"this service does not import {job.kind!r}")
            return
        try:
            parsed = await parse_off_loop(kind, upload, job.org, job.org_kind)
        except InvalidInput as exc:
            await self._finish(job, JobState.FAILED, exc.detail)
            return
        if job.total is None:  # not a job taken over: its file's refused rows are not recorded yet
            async with self.uow() as u:
                await u.import_jobs.started(job.id, parsed.total, parsed.errors, failed=parsed.failed_rows)
                await u.commit()
        for start in range(job.applied, len(parsed.items), kind.batch_rows):
            batch = parsed.items[start : start + kind.batch_rows]
            async with self.uow() as u:
                outcome = await kind.apply(u, job, batch)
                await u.import_jobs.record(job.id, outcome, applied_before=start, rows=len(batch))
                await u.commit()
        await self._finish(job, JobState.SUCCEEDED)
        log.info("import job done", extra={"job": str(job.id), "kind": job.kind, "rows": parsed.total})

    async def _finish(self, job: ImportJob, state: JobState, detail: str | None = None) -> None:
        async with self.uow() as u:
            await u.import_jobs.finish(job.id, state, detail)
            await u.commit()

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop`: run jobs while there are any, then wait for an upload or the next poll."""
        while not stop.is_set():
            self.wakeup.clear()
            try:
                if await self.run_next():
                    continue
            except Exception:
                log.exception("import runner pass failed")
            waiters = [asyncio.ensure_future(self.wakeup.wait()), asyncio.ensure_future(stop.wait())]
            await asyncio.wait(waiters, timeout=self.poll_seconds, return_when=asyncio.FIRST_COMPLETED)
            for w in waiters:
                w.cancel()
