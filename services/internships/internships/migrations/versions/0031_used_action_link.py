"""Action links: the links that did their action, so each is used once (docs/action-links.md).

Revision ID: 0031_used_action_link
Revises: 0030_change_feeds
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0031_used_action_link"
down_revision = "0030_change_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "used_action_link",
        sa.Column("jti", sa.UUID(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.PrimaryKeyConstraint("jti", name="pk_used_action_link"),
    )


def downgrade() -> None:
    op.drop_table("used_action_link")
