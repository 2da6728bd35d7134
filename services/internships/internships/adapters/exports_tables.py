"""The kernel's export_part and export_chunk tables on the service's metadata (praxis_common.exports, docs/export.md),
and the coordinator's export jobs with the parts each service reported (alembic owns the schema)."""

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKeyConstraint, Index, String, Table, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from internships.adapters.orm import metadata
from praxis_common.exports.parts import export_part_tables

export_part, export_chunk = export_part_tables(metadata)

export_job = Table(
    "export_job",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("services", ARRAY(String(32)), nullable=False),  # the services expected to write a part
    Column("requested_by", String(255), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ready_at", DateTime(timezone=True)),
    CheckConstraint("org_kind IN ('school','enterprise')", name="org_kind"),
    Index("ix_export_job_org", "org", "org_kind", "created_at", "id"),
    Index("ix_export_job_expires", "expires_at"),
)

# A service's part as its part_ready event reported it (the manifest's entries), or its part_failed event.
export_job_part = Table(
    "export_job_part",
    metadata,
    Column("job_id", UUID(as_uuid=True), primary_key=True),
    Column("service", String(32), primary_key=True),
    Column("files", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("taken_at", DateTime(timezone=True)),  # none when the part failed
    Column("failed_reason", Text),
    Column("gone_at", DateTime(timezone=True)),  # found gone (erased) when the archive was assembled
    ForeignKeyConstraint(["job_id"], ["export_job.id"], ondelete="CASCADE"),
)
