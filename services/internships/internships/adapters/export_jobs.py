"""The coordinator's export jobs and the parts services reported (`u.export_jobs`, tables in exports_tables.py)."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import text

from internships.domain.exports import ExportJob, ReportedPart

_COLUMNS = "id, org, org_kind, services, requested_by, created_at, expires_at, ready_at"


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
        lock = " FOR UPDATE" if for_update else ""
        row = (
            await self.connection.execute(
                text(f"SELECT {_COLUMNS} FROM export_job WHERE id = :id{lock}"), {"id": job_id}
            )
        ).first()
        if row is None:
            return None
        job = ExportJob(**row._mapping)
        await self._attach_parts([job])
        return job

    async def list_for(self, org: str, org_kind: str, *, after: tuple | None, limit: int) -> list[ExportJob]:
        """The organisation's jobs, newest first."""
        where = "org = :org AND org_kind = :kind" + (" AND (created_at, id) < (:at, :id)" if after else "")
        params = {"org": org, "kind": org_kind, "limit": limit, **({"at": after[0], "id": after[1]} if after else {})}
        rows = await self.connection.execute(
            text(f"SELECT {_COLUMNS} FROM export_job WHERE {where} ORDER BY created_at DESC, id DESC LIMIT :limit"),
            params,
        )
        jobs = [ExportJob(**r._mapping) for r in rows]
        await self._attach_parts(jobs)
        return jobs

    async def _attach_parts(self, jobs: list[ExportJob]) -> None:
        if not jobs:
            return
        by_id = {j.id: j for j in jobs}
        rows = await self.connection.execute(
            text(
                "SELECT job_id, service, files, taken_at, failed_reason, gone_at FROM export_job_part "
                "WHERE job_id = ANY(:ids)"
            ),
            {"ids": list(by_id)},
        )
        for r in rows:
            by_id[r.job_id].parts[r.service] = ReportedPart(
                r.service, r.files, r.taken_at, r.failed_reason, r.gone_at is not None
            )

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
