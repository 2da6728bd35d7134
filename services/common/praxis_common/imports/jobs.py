"""The import job: what was uploaded, where it stands, what it did to each row; its table and repository.

A job is queued by the upload, run by a worker (runner.py) a batch of rows per transaction, and ends `succeeded`
(every row was looked at; some may have failed, each named with its line) or `failed` (the file as a whole could not
be applied; `detail` says why). Its counts add up: processed = created + updated + unchanged + failed. Per-row errors
are kept up to MAX_ROW_ERRORS; `errors_more` counts the rest. A dry run counts what would happen and writes nothing
but the job.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from praxis_common.db import new_metadata
from praxis_common.imports.files import BatchOutcome, RowError

MAX_ROW_ERRORS = 1000
STALE_SECONDS = 120.0  # a running job not heard of for this long lost its process (the default of the setting)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def stored_error(e: RowError) -> dict:
    """A row error as the job keeps it: a message may quote the row's own bytes (a repeated key), and PostgreSQL keeps
    no NUL in text or JSON, so control characters become U+FFFD; long texts are cut."""
    return {k: _CONTROL.sub("\ufffd", v)[:500] if isinstance(v, str) else v for k, v in e.__dict__.items()}


class JobTakenOver(Exception):
    """Another worker runs the job now (this one went silent for longer than STALE_SECONDS)."""


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass
class ImportJob:
    id: uuid.UUID
    org: str
    org_kind: str  # the uploader's organisation's kind (school, enterprise)
    kind: str
    dry_run: bool
    file_sha256: str
    created_by: str
    created_at: datetime
    state: JobState = JobState.QUEUED
    total: int | None = None  # rows in the file, once read
    processed: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    applied: int = 0  # valid rows applied so far: where a job taken over resumes
    errors: list[RowError] = field(default_factory=list)
    errors_more: int = 0
    detail: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None


def import_job_table(metadata: MetaData) -> Table:
    """The `import_job` table on a service's metadata (its migration creates it with `create_import_job_table`)."""
    return Table(
        "import_job",
        metadata,
        Column("id", UUID(as_uuid=True), primary_key=True),
        Column("org", String(64), nullable=False),
        Column("org_kind", String(16), nullable=False),
        Column("kind", String(32), nullable=False),
        Column("state", String(16), nullable=False),
        Column("dry_run", Boolean, nullable=False),
        Column("file_sha256", String(64), nullable=False),
        Column("upload", LargeBinary, nullable=False),  # the file as sent; emptied when the job ends
        Column("total", Integer),
        Column("processed", Integer, nullable=False, server_default="0"),
        Column("created", Integer, nullable=False, server_default="0"),
        Column("updated", Integer, nullable=False, server_default="0"),
        Column("unchanged", Integer, nullable=False, server_default="0"),
        Column("failed", Integer, nullable=False, server_default="0"),
        Column("applied", Integer, nullable=False, server_default="0"),
        Column("errors", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
        Column("errors_more", Integer, nullable=False, server_default="0"),
        Column("detail", Text),
        Column("created_by", String(255), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("started_at", DateTime(timezone=True)),
        Column("heartbeat_at", DateTime(timezone=True)),
        Column("finished_at", DateTime(timezone=True)),
        CheckConstraint("state IN ('queued','running','succeeded','failed')", name="state"),
        Index("ix_import_job_org", "org", "created_at", "id"),
        Index("ix_import_job_pending", "created_at", postgresql_where=text("state IN ('queued','running')")),
    )


def create_import_job_table(op) -> None:
    """The table as first released, for a service's migration (a later change is a new function)."""
    import_job_table(new_metadata()).create(op.get_bind())


def drop_import_job_table(op) -> None:
    op.drop_table("import_job")


_COLUMNS = (
    "id, org, org_kind, kind, state, dry_run, file_sha256, total, processed, created, updated, unchanged, failed, applied, "
    "errors, errors_more, detail, created_by, created_at, started_at, finished_at"
)


def _job(row) -> ImportJob:
    m = {k: v for k, v in row._mapping.items() if k != "upload"}
    m["state"] = JobState(m["state"])
    # Kept in the order found (the file's refusals first, then each batch's): read by line.
    m["errors"] = sorted((RowError(**e) for e in m["errors"]), key=lambda e: (e.file, e.line))
    return ImportJob(**m)


class ImportJobRepository:
    """A service's import jobs, on a unit of work's connection (`u.import_jobs`)."""

    def __init__(self, connection) -> None:
        self.connection = connection

    async def add(self, job: ImportJob, upload: bytes) -> None:
        await self.connection.execute(
            text(
                "INSERT INTO import_job (id, org, org_kind, kind, state, dry_run, file_sha256, upload, created_by, "
                "created_at) VALUES (:id, :org, :org_kind, :kind, :state, :dry_run, :sha, :upload, :by, :at)"
            ),
            {
                "id": job.id,
                "org": job.org,
                "org_kind": job.org_kind,
                "kind": job.kind,
                "state": job.state.value,
                "dry_run": job.dry_run,
                "sha": job.file_sha256,
                "upload": upload,
                "by": job.created_by,
                "at": job.created_at,
            },
        )

    async def get(self, job_id: uuid.UUID) -> ImportJob | None:
        row = (
            await self.connection.execute(text(f"SELECT {_COLUMNS} FROM import_job WHERE id = :id"), {"id": job_id})
        ).first()
        return _job(row) if row else None

    async def list_for(self, org: str, org_kind: str, *, after: tuple | None, limit: int) -> list[ImportJob]:
        """The organisation's jobs, newest first."""
        where = "org = :org AND org_kind = :kind" + (" AND (created_at, id) < (:at, :id)" if after else "")
        params = {"org": org, "kind": org_kind, "limit": limit, **({"at": after[0], "id": after[1]} if after else {})}
        rows = await self.connection.execute(
            text(f"SELECT {_COLUMNS} FROM import_job WHERE {where} ORDER BY created_at DESC, id DESC LIMIT :limit"),
            params,
        )
        return [_job(r) for r in rows]

    async def claim_next(self, stale_seconds: float = STALE_SECONDS) -> tuple[ImportJob, bytes] | None:
        """The oldest queued job (or a running one whose worker went silent for `stale_seconds`), now running and
        ours, with its file."""
        row = (
            await self.connection.execute(
                text(f"""
                    UPDATE import_job SET state = 'running', started_at = coalesce(started_at, now()),
                                          heartbeat_at = now()
                    WHERE id = (
                        SELECT id FROM import_job
                        WHERE state = 'queued'
                           OR (state = 'running' AND heartbeat_at < now() - make_interval(secs => :stale))
                        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING {_COLUMNS}, upload
                """),
                {"stale": stale_seconds},
            )
        ).first()
        return (_job(row), bytes(row.upload)) if row else None

    async def started(self, job_id: uuid.UUID, total: int, errors: list[RowError], *, failed: int) -> None:
        """The file is read: its row count, and the `failed` rows refused (with their errors) before any applied."""
        await self._progress(job_id, expected=0, total=total, failed=failed, errors=errors)

    async def record(self, job_id: uuid.UUID, outcome: BatchOutcome, *, applied_before: int, rows: int) -> None:
        """A batch of `rows` valid rows is done, after `applied_before` others: its counts."""
        await self._progress(
            job_id,
            expected=applied_before,
            created=outcome.created,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            failed=len({(e.file, e.line) for e in outcome.errors}),
            errors=list(outcome.errors),
            applied=rows,
        )

    async def _progress(
        self, job_id: uuid.UUID, *, expected: int, total: int | None = None, errors: list[RowError], **counts
    ) -> None:
        """Add to the job's counts, if it is where this worker left it (`applied` = expected); else another worker
        took the job over (this one was thought dead): JobTakenOver, and the caller's transaction rolls back."""
        add = {k: counts.get(k, 0) for k in ("created", "updated", "unchanged", "failed", "applied")}
        result = await self.connection.execute(
            text("""
                UPDATE import_job SET
                    total = coalesce(CAST(:total AS integer), total),
                    created = created + :created, updated = updated + :updated, unchanged = unchanged + :unchanged,
                    failed = failed + :failed, applied = applied + :applied,
                    processed = processed + :created + :updated + :unchanged + :failed,
                    errors = errors || (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM (
                        SELECT e FROM jsonb_array_elements(CAST(:errors AS jsonb)) AS e
                        LIMIT greatest(0, :cap - jsonb_array_length(errors))) kept),
                    errors_more = errors_more + greatest(0, :n_errors - greatest(0, :cap - jsonb_array_length(errors))),
                    heartbeat_at = now()
                WHERE id = :id AND applied = :expected AND state = 'running'
                  AND (CAST(:total AS integer) IS NULL OR total IS NULL)
            """),
            {
                "id": job_id,
                "expected": expected,
                "total": total,
                "errors": json.dumps([stored_error(e) for e in errors[:MAX_ROW_ERRORS]]),
                "n_errors": len(errors),
                "cap": MAX_ROW_ERRORS,
                **add,
            },
        )
        if result.rowcount != 1:
            raise JobTakenOver(f"import job {job_id} moved on without this worker")

    async def finish(self, job_id: uuid.UUID, state: JobState, detail: str | None = None) -> None:
        await self.connection.execute(
            text(
                "UPDATE import_job SET state = :state, detail = :detail, finished_at = now(), upload = ''::bytea "
                "WHERE id = :id"
            ),
            {"id": job_id, "state": state.value, "detail": detail},
        )
