"""The audit log of cross-organisation reads (praxis_common.audit, docs/audit.md): append-only, hash-chained.

Revision ID: 0009_audit_entry
Revises: 0008_import_jobs
Create Date: 2026-12-01
"""

from alembic import op

from praxis_common.audit import create_audit_entry_table, drop_audit_entry_table

revision = "0009_audit_entry"
down_revision = "0008_import_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_entry_table(op)


def downgrade() -> None:
    drop_audit_entry_table(op)
