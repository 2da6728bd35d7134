"""The audit log of cross-organisation reads (praxis_common.audit, docs/audit.md): append-only, hash-chained.

Revision ID: 0008_audit_entry
Revises: 0007_material_access
Create Date: 2026-12-01
"""

from alembic import op

from praxis_common.audit import create_audit_entry_table, drop_audit_entry_table

revision = "0008_audit_entry"
down_revision = "0007_material_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_entry_table(op)


def downgrade() -> None:
    drop_audit_entry_table(op)
