"""Booking through the kernel's SQL: its advisory-lock keys and its outbox rows.

`book_placement` wrote the outbox's columns and derived the school and student lock keys itself; the service's code
derived the same keys again (a round's publish, a wind-down). Now the kernel creates `praxis_lock_key` and
`outbox_append` (praxis_common.migrations.create_kernel_functions) and version 4 of the function
(migrations/sql/book_placement_v4.sql) calls them: the same keys, the same rows, one definition of each. The
service's Python takes its locks through praxis_common.locks, i.e. the same `praxis_lock_key`.

Revision ID: 0017_booking_kernel_functions
Revises: 0016_explanations_without_draws
Create Date: 2026-12-02
"""

from pathlib import Path

from alembic import op

from praxis_common.migrations import create_kernel_functions, drop_kernel_functions

revision = "0017_booking_kernel_functions"
down_revision = "0016_explanations_without_draws"
branch_labels = None
depends_on = None

SQL = Path(__file__).parents[1] / "sql"  # the functions, executed as they are (versioned files: never edited)
_SIGNATURE = "book_placement(jsonb, jsonb, integer, integer, boolean, date)"


def upgrade() -> None:
    create_kernel_functions(op)
    op.execute(f"DROP FUNCTION {_SIGNATURE}")
    op.execute((SQL / "book_placement_v4.sql").read_text())


def downgrade() -> None:
    op.execute(f"DROP FUNCTION {_SIGNATURE}")
    op.execute((SQL / "book_placement_v3.sql").read_text())
    drop_kernel_functions(op)
