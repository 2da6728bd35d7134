"""Booking checks, under the agreement's row lock, that the agreement is still in force.

`book_placement` locked the agreement row and checked only its quota. The service picks the agreement
before the statement runs (an active agreement covering the position's start), so a termination, or the
calendar's expiry, that committed in between let a booking commit against an agreement that had ended.
Now, once the row is locked, the function also requires what the domain requires of the agreement a
booking counts against: status `active`, the booking's day not past `valid_to` (the calendar expires an
agreement the day after it; `Agreement.advance`), and its period covering the placement's start
(`valid_from <= starts_on <= valid_to`, as the service picks it). Otherwise it refuses with
`agreement-not-active` and changes nothing. The booking's day is the service's calendar date in the
deployment's time zone, passed as `booking_day`; a caller that passes none gets the database's date.

The function is migrations/sql/book_placement_v3.sql: version 2 (0009) with those changes.

Revision ID: 0010_booking_agreement_in_force
Revises: 0009_school_booking_lock
Create Date: 2026-12-01
"""

from pathlib import Path

from alembic import op

revision = "0010_booking_agreement_in_force"
down_revision = "0009_school_booking_lock"
branch_labels = None
depends_on = None

SQL = Path(__file__).parents[1] / "sql"  # the functions, executed as they are (versioned files: never edited)


def upgrade() -> None:
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer, boolean)")
    op.execute((SQL / "book_placement_v3.sql").read_text())


def downgrade() -> None:
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer, boolean, date)")
    op.execute((SQL / "book_placement_v2.sql").read_text())
