"""Who reviews a placement's logbook: the mentors service's assignments and mentors' sign-in accounts as a read
model (kept from mentor.assigned / released / updated events), and on each week who filed it (and for which
organisation) and whether HR reviewed it on the assigned mentor's behalf.

Revision ID: 0013_logbook_reviewers
Revises: 0012_placement_agreement_index
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_logbook_reviewers"
down_revision = "0012_placement_agreement_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "placement_mentor",
        sa.Column("assignment_id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("side IN ('school','enterprise')", name="ck_placement_mentor_side"),
        sa.PrimaryKeyConstraint("assignment_id", name="pk_placement_mentor"),
    )
    op.create_index("ix_placement_mentor_placement", "placement_mentor", ["placement_id", "side"])
    op.create_table(
        "mentor_account",
        sa.Column("mentor_id", sa.UUID(), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("account", sa.String(255), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("mentor_id", name="pk_mentor_account"),
    )
    op.add_column("logbook_week", sa.Column("submitted_by_org", sa.String(64), nullable=True))
    op.add_column(
        "logbook_week", sa.Column("reviewed_on_behalf", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("logbook_week", sa.Column("reviewer_mentor_id", sa.UUID(), nullable=True))


def downgrade() -> None:
    op.drop_column("logbook_week", "reviewer_mentor_id")
    op.drop_column("logbook_week", "reviewed_on_behalf")
    op.drop_column("logbook_week", "submitted_by_org")
    op.drop_table("mentor_account")
    op.drop_index("ix_placement_mentor_placement", table_name="placement_mentor")
    op.drop_table("placement_mentor")
