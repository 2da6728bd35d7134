"""Outcomes: guidance sessions kept from the mentors service's events, hires and return offers, programme competency
profiles, and the partnership value ledger's read model (placements, approved weeks, completed teams, hires, demand).

Revision ID: 0028_value_ledger
Revises: 0027_grades_credit_ledger
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0028_value_ledger"
down_revision = "0027_grades_credit_ledger"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guidance_record",
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("context_kind", sa.String(16), nullable=False),
        sa.Column("context_id", sa.String(64), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("context_kind IN ('placement','project')", name="ck_guidance_record_context_kind"),
        sa.CheckConstraint("mode IN ('onsite','online')", name="ck_guidance_record_mode"),
        sa.CheckConstraint("minutes > 0", name="ck_guidance_record_minutes"),
        sa.PrimaryKeyConstraint("session_id", name="pk_guidance_record"),
    )
    op.create_index("ix_guidance_record_context", "guidance_record", ["context_kind", "context_id"])
    op.create_index("ix_guidance_record_pair", "guidance_record", ["school_org", "enterprise_org"])
    op.create_table(
        "hire",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("position_title", sa.String(200), nullable=True),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('return_offer','hired')", name="ck_hire_kind"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], name="fk_hire_agreement_id_agreement"),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_hire_placement_id_placement"),
        sa.PrimaryKeyConstraint("id", name="pk_hire"),
    )
    op.create_index("ix_hire_enterprise", "hire", ["enterprise_org", "recorded_at"])
    op.create_index("ix_hire_school", "hire", ["school_org", "recorded_at"])
    op.create_table(
        "programme",
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("cohort", sa.String(16), nullable=False),
        sa.Column("competencies", postgresql.JSONB(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("set_by", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("school_org", "cohort", name="pk_programme"),
    )
    op.create_table(
        "ledger_placement",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("cohort", sa.String(16), nullable=True),
        sa.Column("competencies", postgresql.JSONB(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("rank", sa.SmallInteger(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("placement_id", name="pk_ledger_placement"),
    )
    op.create_index("ix_ledger_placement_agreement", "ledger_placement", ["agreement_id"])
    op.create_index("ix_ledger_placement_school", "ledger_placement", ["school_org", "starts_on"])
    op.create_table(
        "ledger_week",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("core_hours", sa.Numeric(7, 2), nullable=False),
        sa.Column("total_hours", sa.Numeric(7, 2), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("placement_id", "week_start", name="pk_ledger_week"),
    )
    op.create_table(
        "ledger_team",
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("project_id", sa.String(64), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", name="pk_ledger_team"),
    )
    op.create_index("ix_ledger_team_pair", "ledger_team", ["school_org", "enterprise_org"])
    op.create_table(
        "ledger_hire",
        sa.Column("hire_id", sa.UUID(), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=True),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("hire_id", name="pk_ledger_hire"),
    )
    op.create_index("ix_ledger_hire_agreement", "ledger_hire", ["agreement_id"])
    op.create_table(
        "ledger_demand",
        sa.Column("source", sa.String(80), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("competencies", postgresql.JSONB(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("source", name="pk_ledger_demand"),
    )
    op.create_index("ix_ledger_demand_enterprise", "ledger_demand", ["enterprise_org", "year"])


def downgrade() -> None:
    for table in (
        "ledger_demand",
        "ledger_hire",
        "ledger_team",
        "ledger_week",
        "ledger_placement",
        "programme",
        "hire",
    ):
        op.drop_table(table)
    op.drop_table("guidance_record")
