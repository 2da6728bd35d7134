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

The function body is 0009's (itself 0007's with the school lock) with those changes, so it is not written
out again.

Revision ID: 0010_booking_agreement_in_force
Revises: 0009_school_booking_lock
Create Date: 2026-12-01
"""

import importlib.util
from pathlib import Path

from alembic import op

revision = "0010_booking_agreement_in_force"
down_revision = "0009_school_booking_lock"
branch_labels = None
depends_on = None

_SIGNATURE_0009 = "school_locked boolean DEFAULT false)\nRETURNS"
_SIGNATURE = "school_locked boolean DEFAULT false,\n    booking_day date DEFAULT NULL)\nRETURNS"

_AGREEMENT_0007 = """    SELECT id, interns_placed, intern_quota INTO agr FROM agreement WHERE id = p.agreement_id FOR UPDATE;
    IF NOT FOUND OR agr.interns_placed >= agr.intern_quota THEN
"""
_AGREEMENT = """    SELECT id, status, valid_from, valid_to, interns_placed, intern_quota INTO agr
    FROM agreement WHERE id = p.agreement_id FOR UPDATE;
    -- Decided on the locked row: a termination or expiry that committed since the service chose it wins.
    IF NOT FOUND OR agr.status <> 'active' OR coalesce(booking_day, current_date) > agr.valid_to
       OR p.starts_on < agr.valid_from OR p.starts_on > agr.valid_to THEN
        RETURN QUERY SELECT 'agreement-not-active', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    IF agr.interns_placed >= agr.intern_quota THEN
"""


def _load(filename: str, name: str):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _booking_function_0009() -> str:
    m = _load("2026_11_22_school_booking_lock.py", "school_booking_lock_0009")
    return (
        m._booking_function_0007()
        .replace(m._STUDENT_LOCK, m._SCHOOL_THEN_STUDENT_LOCK)
        .replace("max_in_post integer)\nRETURNS", "max_in_post integer,\n    " + _SIGNATURE_0009)
    )


def upgrade() -> None:
    book = _booking_function_0009()
    assert _SIGNATURE_0009 in book and _AGREEMENT_0007 in book, "0009's function changed; update this migration"
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer, boolean)")
    op.execute(book.replace(_SIGNATURE_0009, _SIGNATURE).replace(_AGREEMENT_0007, _AGREEMENT))


def downgrade() -> None:
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer, boolean, date)")
    op.execute(_booking_function_0009())
