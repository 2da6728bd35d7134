"""Organisation exports (docs/export.md): the parts this service writes.

Revision ID: 0003_export_parts
Revises: 0002_recorded_achievements
Create Date: 2026-12-02
"""

from alembic import op

from praxis_common.exports.parts import create_export_part_tables, drop_export_part_tables

revision = "0003_export_parts"
down_revision = "0002_recorded_achievements"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_export_part_tables(op)


def downgrade() -> None:
    drop_export_part_tables(op)
