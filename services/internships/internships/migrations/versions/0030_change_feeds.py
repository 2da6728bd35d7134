"""Change feeds: a change log written by triggers on agreements, positions, placements and logbook weeks (docs/change-feeds.md).

Revision ID: 0030_change_feeds
Revises: 0029_feedback_tiers
Create Date: 2026-11-30
"""

from alembic import op

from praxis_common import feeds

revision = "0030_change_feeds"
down_revision = "0029_feedback_tiers"
branch_labels = None
depends_on = None

TRACKED = {
    "agreement": ("school_org", "enterprise_org"),
    "position": ("enterprise_org",),
    "placement": ("school_org", "enterprise_org"),
    # A week is seen by whoever sees its placement's logbook: its feed is read per placement.
    "logbook_week": ("placement_id",),
}


def upgrade() -> None:
    for statement in feeds.create_change_log():
        op.execute(statement)
    for table, orgs in TRACKED.items():
        for statement in feeds.track(table, *orgs):
            op.execute(statement)


def downgrade() -> None:
    for statement in feeds.drop_change_log(*TRACKED):
        op.execute(statement)
