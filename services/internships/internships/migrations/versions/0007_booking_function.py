"""Booking in one statement: counters of current interns per practice base and per position, and the two
functions that take a seat and end a placement's hold on it, atomically.

Two kinds of count: a seat (position.seats_taken, agreement.interns_placed) is held from the request
until the placement is rejected, withdrawn or expires, and stays used once the internship ran; a
current intern (practice_base / position .interns_current, what the ratio rules count) is one whose
placement is requested, confirmed or active.

Why a function: the booking used to be ~14 statements, each a round trip from the service, and held the
base's row lock across them (the intern ratio rules counted placements). Now the service reads the
position once, checks the rules a count cannot change, builds the placement and its event, and hands
both to `book_placement`, which locks in a fixed order (the student, the position, the base, the
agreement), checks what depends on those rows, and writes the seat, the counters, the placement and
its outbox row, or nothing. `end_hold` runs when a placement leaves requested / confirmed / active: the
intern no longer counts, and on rejected / withdrawn / expired the seat and the quota come back too. The
CHECK constraints (counters never below zero nor above their limits) stay the last word.

The functions are migrations/sql/book_placement_v1.sql and end_hold_v1.sql. The placement and outbox rows arrive as JSON built by the service's repository and unit of work, so
their columns have one definition (the tables); the function adds no rule of its own beyond the
counters: caps come as arguments computed by the domain's compliance policy.

Revision ID: 0007_booking_function
Revises: 0006_booking_indexes
Create Date: 2026-11-22
"""

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0007_booking_function"
down_revision = "0006_booking_indexes"
branch_labels = None
depends_on = None

HOLDING = "('requested', 'confirmed', 'active')"
SQL = Path(__file__).parents[1] / "sql"  # the functions, executed as they are (versioned files: never edited)


def upgrade() -> None:
    for table in ("practice_base", "position"):
        op.add_column(table, sa.Column("interns_current", sa.Integer(), nullable=False, server_default="0"))
        op.create_check_constraint(f"ck_{table}_interns_current", table, "interns_current >= 0")
    op.execute(f"""
        UPDATE position p SET interns_current = (
            SELECT count(*) FROM placement pl WHERE pl.position_id = p.id AND pl.status IN {HOLDING})
    """)
    op.execute("""
        UPDATE practice_base b SET interns_current = (
            SELECT coalesce(sum(p.interns_current), 0) FROM position p WHERE p.base_id = b.id)
    """)
    op.execute((SQL / "book_placement_v1.sql").read_text())
    op.execute((SQL / "end_hold_v1.sql").read_text())


def downgrade() -> None:
    op.execute("DROP FUNCTION end_hold(uuid, uuid, boolean)")
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer)")
    for table in ("position", "practice_base"):
        op.drop_constraint(f"ck_{table}_interns_current", table)
        op.drop_column(table, "interns_current")
