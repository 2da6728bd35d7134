"""The erasure requests internships coordinates (docs/erasure.md): one row per request, one per taking-part service.

Revision ID: 0035_erasure_requests
Revises: 0034_audit_erasable_digests
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0035_erasure_requests"
down_revision = "0034_audit_erasable_digests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_request",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=True),
        sa.Column("requested_by", sa.String(255), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('pending','completed')", name="ck_erasure_request_state"),
        sa.CheckConstraint(
            "(state = 'completed') = (student_ref IS NULL)", name="ck_erasure_request_forgets_the_student"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_erasure_request"),
    )
    op.create_index(
        "uq_erasure_request_pending",
        "erasure_request",
        ["school_org", "student_ref"],
        unique=True,
        postgresql_where=sa.text("state = 'pending'"),
    )
    op.create_index("ix_erasure_request_school", "erasure_request", ["school_org", "requested_at", "id"])
    op.create_table(
        "erasure_service",
        sa.Column("erasure_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("rows_changed", postgresql.JSONB(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('pending','erased')", name="ck_erasure_service_state"),
        sa.ForeignKeyConstraint(
            ["erasure_id"], ["erasure_request.id"], name="fk_erasure_service_erasure_id_erasure_request"
        ),
        sa.PrimaryKeyConstraint("erasure_id", "service", name="pk_erasure_service"),
    )


def downgrade() -> None:
    op.drop_table("erasure_service")
    op.drop_table("erasure_request")
