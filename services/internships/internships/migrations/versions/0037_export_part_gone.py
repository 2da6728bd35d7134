"""Organisation exports (docs/export.md): a reported part found gone (an erasure deleted it) when the archive was
assembled; its job then reads `stale`.

Revision ID: 0037_export_part_gone
Revises: 0036_exports
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0037_export_part_gone"
down_revision = "0036_exports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("export_job_part", sa.Column("gone_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("export_job_part", "gone_at")
