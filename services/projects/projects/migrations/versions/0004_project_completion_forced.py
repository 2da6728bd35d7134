"""A project completed while stages of its current teams were not accepted says so, with the reason given.

Revision ID: 0004_project_completion_forced
Revises: 0003_projects
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_project_completion_forced"
down_revision = "0003_projects"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("project", sa.Column("completion_forced", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("project", sa.Column("completion_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("project", "completion_reason")
    op.drop_column("project", "completion_forced")
