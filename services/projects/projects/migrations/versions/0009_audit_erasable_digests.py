"""The audit chain covers salted digests of an entry's subject and actor instead of their values, so erasing a
student (docs/erasure.md) can forget them without breaking the chain. Existing entries get their salts and digests
and the whole chain is recomputed from the first entry, in seq order: every hash changes, so a checkpoint of the
head kept outside the database must be taken again after this migration (docs/audit.md).

Revision ID: 0009_audit_erasable_digests
Revises: 0008_audit_entry
Create Date: 2026-12-01
"""

from alembic import op

from praxis_common.audit import add_erasable_digests, drop_erasable_digests

revision = "0009_audit_erasable_digests"
down_revision = "0008_audit_entry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_erasable_digests(op)


def downgrade() -> None:
    drop_erasable_digests(op)
