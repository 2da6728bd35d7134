"""An index for winding down an ended agreement: its placements by state.

Revision ID: 0012_placement_agreement_index
Revises: 0011_placement_forced
Create Date: 2026-12-01
"""

from alembic import op

revision = "0012_placement_agreement_index"
down_revision = "0011_placement_forced"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_placement_agreement", "placement", ["agreement_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_placement_agreement", table_name="placement")
