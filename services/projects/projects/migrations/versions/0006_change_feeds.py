"""Change feeds: a change log written by triggers on projects (and their shares with schools), teams and credits
(docs/change-feeds.md).

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

TRACKED = {
    "project": ("enterprise_org",),
    "team": ("school_org", "enterprise_org"),
    "credit": ("school_org", "enterprise_org"),
}


def upgrade() -> None:
    for statement in feeds.create_change_log():
        op.execute(statement)
    for table, orgs in TRACKED.items():
        for statement in feeds.track(table, *orgs):
            op.execute(statement)
    # A share granted or revoked is a change of the project for that school (a revoked one: its tombstone).
    for statement in feeds.track_scope("project_school", "project", "project_id", "school_org"):
        op.execute(statement)


def downgrade() -> None:
    for statement in feeds.drop_change_log("project_school", *TRACKED):
        op.execute(statement)
