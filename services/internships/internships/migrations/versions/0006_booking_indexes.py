"""Indexes the booking path counts with: placements per position and state, positions per base.

Revision ID: 0006_booking_indexes
Revises: 0005_compliance_figures
Create Date: 2026-11-22
"""

from alembic import op

revision = "0006_booking_indexes"
down_revision = "0005_compliance_figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_position_base", "position", ["base_id"])
    op.create_index("ix_placement_position", "placement", ["position_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_placement_position", table_name="placement")
    op.drop_index("ix_position_base", table_name="position")
