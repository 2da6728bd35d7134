"""A placement completed long before its end date says so: `forced` (the reason is the placement's `reason`).

Revision ID: 0011_placement_forced
Revises: 0010_booking_agreement_in_force
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_placement_forced"
down_revision = "0010_booking_agreement_in_force"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("placement", sa.Column("forced", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("placement", "forced")
