"""The coordinator's export jobs and the parts services reported (`u.export_jobs`, tables in exports_tables.py)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import text

from internships.domain.exports import ExportJob, ReportedPart

_COLUMNS = "id, org, org_kind, services, requested_by, created_at, expires_at, ready_at"
# A job and its reported parts in one statement (one snapshot).
_READ = f"""
    SELECT {_COLUMNS}, (
        SELECT coalesce(json_agg(json_build_object(
            'service', p.service, 'files', p.files, 'taken_at', p.taken_at, 'failed_reason', p.failed_reason,
            'gone', p.gone_at IS NOT NULL)), '[]')
        FROM export_job_part p WHERE p.job_id = j.id) AS parts
    FROM export_job j"""


def _job(row) -> ExportJob:
    job = ExportJob(**{k: v for k, v in row._mapping.items() if k != "parts"})
    for p in row.parts:
        taken = datetime.fromisoformat(p["taken_at"]) if p["taken_at"] else None
        job.parts[p["service"]] = ReportedPart(p["service"], p["files"], taken, p["failed_reason"], p["gone"])
    return job


class ExportJobRepository:
    def __init__(self, connection) -> None:
        self.connection = connection

    async def add(self, job: ExportJob) -> None:
        await self.connection.execute(
            text(
                f"INSERT INTO export_job ({_COLUMNS}) VALUES "
                "(:id, :org, :org_kind, :services, :requested_by, :created_at, :expires_at, NULL)"
            ),
            {
                k: getattr(job, k)
                for k in ("id", "org", "org_kind", "services", "requested_by", "created_at", "expires_at")
            },
        )

    async def get(self, job_id: uuid.UUID, *, for_update: bool = False) -> ExportJob | None:
        """The job with its reported parts, read in one statement: one snapshot, so a job whose last part just
        committed is never seen with every part and without its ready time. With `for_update`, the job's row is
        locked first and then read (a fresh snapshot, with whatever the lock waited for)."""
        if for_update:
            await self.connection.execute(text("SELECT 1 FROM export_job WHERE id = :id FOR UPDATE"), {"id": job_id})
        row = (await self.connection.execute(text(f"{_READ} WHERE id = :id"), {"id": job_id})).first()
        return _job(row) if row is not None else None

    async def list_for(self, org: str, org_kind: str, *, after: tuple | None, limit: int) -> list[ExportJob]:
        """The organisation's jobs, newest first."""
        where = "org = :org AND org_kind = :kind" + (" AND (created_at, id) < (:at, :id)" if after else "")
        params = {"org": org, "kind": org_kind, "limit": limit, **({"at": after[0], "id": after[1]} if after else {})}
        rows = await self.connection.execute(
            text(f"{_READ} WHERE {where} ORDER BY created_at DESC, id DESC LIMIT :limit"), params
        )
        return [_job(r) for r in rows]

    async def add_part(self, job_id: uuid.UUID, part: ReportedPart) -> bool:
        """Record a service's part once (a redelivered report changes nothing); False when the job is unknown (it
        expired and was pruned) or the part was known."""
        result = await self.connection.execute(
            text(
                "INSERT INTO export_job_part (job_id, service, files, taken_at, failed_reason) "
                "SELECT :job, :service, CAST(:files AS jsonb), :taken_at, :failed WHERE EXISTS "
                "(SELECT 1 FROM export_job WHERE id = :job) ON CONFLICT DO NOTHING"
            ),
            {
                "job": job_id,
                "service": part.service,
                "files": json.dumps(part.files),
                "taken_at": part.taken_at,
                "failed": part.failed_reason,
            },
        )
        return result.rowcount == 1

    async def mark_ready(self, job_id: uuid.UUID, at) -> None:
        await self.connection.execute(
            text("UPDATE export_job SET ready_at = :at WHERE id = :id AND ready_at IS NULL"), {"id": job_id, "at": at}
        )

    async def mark_gone(self, job_id: uuid.UUID, service: str) -> None:
        """The service's reported part was found gone (erased): the job is stale."""
        await self.connection.execute(
            text(
                "UPDATE export_job_part SET gone_at = now() "
                "WHERE job_id = :job AND service = :service AND gone_at IS NULL"
            ),
            {"job": job_id, "service": service},
        )

    async def lock_org(self, org: str, org_kind: str) -> None:
        """Serialise starts of one organisation's exports until the transaction ends (the limits below hold)."""
        await self.connection.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended('export_job:' || :kind || ':' || :org, 0))"),
            {"org": org, "kind": org_kind},
        )

    async def running_job(self, org: str, org_kind: str, now) -> uuid.UUID | None:
        """The organisation's job still being written, if any: not expired, not ready, no part failed."""
        return (
            await self.connection.execute(
                text(
                    "SELECT id FROM export_job j WHERE org = :org AND org_kind = :kind AND expires_at > :now "
                    "AND ready_at IS NULL AND NOT EXISTS (SELECT 1 FROM export_job_part p "
                    "WHERE p.job_id = j.id AND p.failed_reason IS NOT NULL) ORDER BY created_at LIMIT 1"
                ),
                {"org": org, "kind": org_kind, "now": now},
            )
        ).scalar()

    async def count_ready(self, org: str, org_kind: str, now) -> int:
        """The organisation's downloadable jobs: ready, not expired, no part gone."""
        return (
            await self.connection.execute(
                text(
                    "SELECT count(*) FROM export_job j WHERE org = :org AND org_kind = :kind AND expires_at > :now "
                    "AND ready_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM export_job_part p "
                    "WHERE p.job_id = j.id AND p.gone_at IS NOT NULL)"
                ),
                {"org": org, "kind": org_kind, "now": now},
            )
        ).scalar()

    async def prune(self) -> int:
        """Forget expired jobs (their reported parts go with them)."""
        return (await self.connection.execute(text("DELETE FROM export_job WHERE expires_at <= now()"))).rowcount
