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

The placement and outbox rows arrive as JSON built by the service's repository and unit of work, so
their columns have one definition (the tables); the function adds no rule of its own beyond the
counters: caps come as arguments computed by the domain's compliance policy.

Revision ID: 0007_booking_function
Revises: 0006_booking_indexes
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_booking_function"
down_revision = "0006_booking_indexes"
branch_labels = None
depends_on = None

HOLDING = "('requested', 'confirmed', 'active')"

BOOK = f"""
CREATE FUNCTION book_placement(placement_row jsonb, outbox_rows jsonb, max_at_base integer, max_in_post integer)
RETURNS TABLE (refusal text, interns_at_base integer, interns_in_post integer)
LANGUAGE plpgsql AS $$
DECLARE
    p placement;
    pos record;
    unit record;
    agr record;
BEGIN
    p := jsonb_populate_record(NULL::placement, placement_row);
    -- One student books one thing at a time, so the overlap check holds until this transaction ends.
    PERFORM pg_advisory_xact_lock(hashtextextended('student' || chr(31) || p.school_org || chr(31) || p.student_ref, 1));
    IF EXISTS (SELECT 1 FROM placement
               WHERE school_org = p.school_org AND student_ref = p.student_ref AND status IN {HOLDING}
                 AND starts_on <= p.ends_on AND ends_on >= p.starts_on) THEN
        RETURN QUERY SELECT 'overlapping-placement', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    -- Lock order everywhere: position, then base, then agreement (end_hold takes the same order).
    SELECT id, base_id, status, seats, seats_taken, interns_current INTO pos
    FROM position WHERE id = p.position_id FOR UPDATE;
    IF NOT FOUND OR pos.status <> 'published' OR pos.seats_taken >= pos.seats THEN
        RETURN QUERY SELECT 'seats-exhausted', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    SELECT id, interns_current INTO unit FROM practice_base WHERE id = pos.base_id FOR UPDATE;
    IF (max_at_base IS NOT NULL AND unit.interns_current >= max_at_base)
       OR (max_in_post IS NOT NULL AND pos.interns_current >= max_in_post) THEN
        RETURN QUERY SELECT 'intern-cap', unit.interns_current, pos.interns_current;
        RETURN;
    END IF;
    SELECT id, interns_placed, intern_quota INTO agr FROM agreement WHERE id = p.agreement_id FOR UPDATE;
    IF NOT FOUND OR agr.interns_placed >= agr.intern_quota THEN
        RETURN QUERY SELECT 'quota-exhausted', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    -- Every condition holds on locked rows; the conditional UPDATE and the CHECK constraints stay as the last word.
    UPDATE position SET seats_taken = seats_taken + 1, interns_current = interns_current + 1
    WHERE id = pos.id AND seats_taken < seats;
    UPDATE practice_base SET interns_current = interns_current + 1 WHERE id = unit.id;
    UPDATE agreement SET interns_placed = interns_placed + 1 WHERE id = agr.id AND interns_placed < intern_quota;
    INSERT INTO placement SELECT p.*;
    INSERT INTO outbox (id, subject, aggregate_type, aggregate_id, headers, payload, occurred_at)
    SELECT (r->>'id')::uuid, r->>'subject', r->>'aggregate_type', r->>'aggregate_id', r->'headers',
           convert_to(r->>'payload', 'UTF8'), (r->>'occurred_at')::timestamptz
    FROM jsonb_array_elements(outbox_rows) AS r;
    RETURN QUERY SELECT NULL::text, unit.interns_current + 1, pos.interns_current + 1;
END
$$
"""

END_HOLD = """
CREATE FUNCTION end_hold(hold_position uuid, hold_agreement uuid, give_back_seat boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    unit uuid;
BEGIN
    UPDATE position
    SET interns_current = interns_current - 1,
        seats_taken = seats_taken - CASE WHEN give_back_seat THEN 1 ELSE 0 END
    WHERE id = hold_position
    RETURNING base_id INTO unit;
    UPDATE practice_base SET interns_current = interns_current - 1 WHERE id = unit;
    IF give_back_seat THEN
        UPDATE agreement SET interns_placed = interns_placed - 1 WHERE id = hold_agreement;
    END IF;
END
$$
"""


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
    op.execute(BOOK)
    op.execute(END_HOLD)


def downgrade() -> None:
    op.execute("DROP FUNCTION end_hold(uuid, uuid, boolean)")
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer)")
    for table in ("position", "practice_base"):
        op.drop_constraint(f"ck_{table}_interns_current", table)
        op.drop_column(table, "interns_current")
