"""Each allocation round's tie rule (domain.allocation.TieRule, docs/allocation.md): what follows the lottery. Rounds
made before it keep the plain lottery they were computed with; new rounds default to stable improvement cycles.

Revision ID: 0038_round_tie_rule
Revises: 0037_export_part_gone
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0038_round_tie_rule"
down_revision = "0037_export_part_gone"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("allocation_round", sa.Column("tie_rule", sa.String(40), nullable=False, server_default="lottery"))
    op.alter_column("allocation_round", "tie_rule", server_default=None)
    op.create_check_constraint(
        "ck_allocation_round_tie_rule", "allocation_round", "tie_rule IN ('lottery','lottery-then-improvement-cycles')"
    )


def downgrade() -> None:
    op.drop_constraint("ck_allocation_round_tie_rule", "allocation_round", type_="check")
    op.drop_column("allocation_round", "tie_rule")
