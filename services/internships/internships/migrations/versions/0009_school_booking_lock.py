"""Booking under a school-wide lock that a round's publish can take whole.

`book_placement` took one advisory lock per student, held to the end of the transaction. A round's
publish books every match in one transaction, so it held one lock per student: about 6,400 fit in
PostgreSQL's shared lock table with stock settings (max_locks_per_transaction 64 x max_connections
100), far fewer than a national round's 50,000 students.

Now every booking first takes its school's lock in SHARE mode (bookings of one school still run side
by side) and then the student's lock, as before. A publish takes each of its schools' locks
EXCLUSIVELY, once, and calls `book_placement(..., school_locked => true)`, which then skips the
per-student lock: no other booking of those schools can run until the publish commits, so the overlap
check still holds, with a handful of locks whatever the round's size. Lock order everywhere: school,
student, position, base, agreement.

The function is migrations/sql/book_placement_v2.sql: version 1 (0007) with that one change.

Revision ID: 0009_school_booking_lock
Revises: 0008_rounds
Create Date: 2026-11-22
"""

from pathlib import Path

from alembic import op

revision = "0009_school_booking_lock"
down_revision = "0008_rounds"
branch_labels = None
depends_on = None

SQL = Path(__file__).parents[1] / "sql"  # the functions, executed as they are (versioned files: never edited)


def upgrade() -> None:
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer)")
    op.execute((SQL / "book_placement_v2.sql").read_text())


def downgrade() -> None:
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer, boolean)")
    op.execute((SQL / "book_placement_v1.sql").read_text())
