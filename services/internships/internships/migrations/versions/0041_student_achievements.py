"""The achievements a school recorded for its students in the credentials service (certificates, competition results,
verified Open Badges credentials), kept from its achievement.recorded/withdrawn events: `student_achievement`, one
row per achievement at its highest revision. The credit ledger gains a third source kind, `achievement`: the credit
the school awards for one.

Revision ID: 0041_student_achievements
Revises: 0040_run_inputs_lz4
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0041_student_achievements"
down_revision = "0040_run_inputs_lz4"
branch_labels = None
depends_on = None

_SOURCE_KIND = "ck_credit_ledger_entry_source_kind"


def upgrade() -> None:
    op.create_table(
        "student_achievement",
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("achievement_id", sa.UUID(), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("issuer_name", sa.Text(), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("points", sa.Numeric(5, 2), nullable=False),
        sa.Column("credits", sa.Numeric(5, 2), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('certificate','competition','badge')", name="ck_student_achievement_kind"),
        sa.CheckConstraint("points >= 0 AND points <= 100 AND credits >= 0", name="ck_student_achievement_figures"),
        sa.CheckConstraint("revision >= 1", name="ck_student_achievement_revision"),
        sa.PrimaryKeyConstraint("achievement_id", name="pk_student_achievement"),
    )
    op.create_index(
        "ix_student_achievement_student", "student_achievement", ["school_org", "student_ref", "awarded_on"]
    )
    op.drop_constraint(_SOURCE_KIND, "credit_ledger_entry", type_="check")
    op.create_check_constraint(
        _SOURCE_KIND, "credit_ledger_entry", "source_kind IN ('placement','project','achievement')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM credit_ledger_entry WHERE source_kind = 'achievement'")
    op.drop_constraint(_SOURCE_KIND, "credit_ledger_entry", type_="check")
    op.create_check_constraint(_SOURCE_KIND, "credit_ledger_entry", "source_kind IN ('placement','project')")
    op.drop_table("student_achievement")
