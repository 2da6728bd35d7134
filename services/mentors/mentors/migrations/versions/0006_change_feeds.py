"""Change feeds: a change log written by a trigger on assignments (docs/change-feeds.md).

Revision ID: 0006_change_feeds
Revises: 0005_idempotency_subject
Create Date: 2026-11-30
"""

from alembic import op

from praxis_common import feeds

revision = "0006_change_feeds"
down_revision = "0005_idempotency_subject"
branch_labels = None
depends_on = None

TRACKED = {"assignment": ("school_org", "enterprise_org")}


def upgrade() -> None:
    for statement in feeds.create_change_log():
        op.execute(statement)
    for table, orgs in TRACKED.items():
        for statement in feeds.track(table, *orgs):
            op.execute(statement)


def downgrade() -> None:
    for statement in feeds.drop_change_log(*TRACKED):
        op.execute(statement)
