"""Imports: the kernel's import_job table (mentors from OneRoster and CSV files, docs/imports.md).

Revision ID: 0008_import_jobs
Revises: 0007_guidance_overdue
Create Date: 2026-12-01
"""

from alembic import op

from praxis_common.imports.jobs import create_import_job_table, drop_import_job_table

revision = "0008_import_jobs"
down_revision = "0007_guidance_overdue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_import_job_table(op)


def downgrade() -> None:
    drop_import_job_table(op)
