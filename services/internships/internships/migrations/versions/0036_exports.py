"""Organisation exports (docs/export.md): the parts this service writes, and the export jobs it coordinates with
the parts each service reported.

Revision ID: 0036_exports
Revises: 0035_erasure_requests
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from praxis_common.exports.parts import create_export_part_tables, drop_export_part_tables

revision = "0036_exports"
down_revision = "0035_erasure_requests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_export_part_tables(op)
    op.create_table(
        "export_job",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("org_kind", sa.String(16), nullable=False),
        sa.Column("services", ARRAY(sa.String(32)), nullable=False),
        sa.Column("requested_by", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("org_kind IN ('school','enterprise')", name="org_kind"),
    )
    op.create_index("ix_export_job_org", "export_job", ["org", "org_kind", "created_at", "id"])
    op.create_index("ix_export_job_expires", "export_job", ["expires_at"])
    op.create_table(
        "export_job_part",
        sa.Column("job_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("service", sa.String(32), primary_key=True),
        sa.Column("files", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("taken_at", sa.DateTime(timezone=True)),
        sa.Column("failed_reason", sa.Text()),
        sa.ForeignKeyConstraint(["job_id"], ["export_job.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("export_job_part")
    op.drop_table("export_job")
    drop_export_part_tables(op)
