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

The function body is 0007's, with that one change, so it is not written out twice.

Revision ID: 0009_school_booking_lock
Revises: 0008_rounds
Create Date: 2026-11-22
"""

import importlib.util
from pathlib import Path

from alembic import op

revision = "0009_school_booking_lock"
down_revision = "0008_rounds"
branch_labels = None
depends_on = None

_STUDENT_LOCK = (
    "    PERFORM pg_advisory_xact_lock(hashtextextended('student' || chr(31) || p.school_org || chr(31) || "
    "p.student_ref, 1));\n"
)
_SCHOOL_THEN_STUDENT_LOCK = """    IF NOT school_locked THEN
        PERFORM pg_advisory_xact_lock_shared(hashtextextended('school' || chr(31) || p.school_org, 1));
        PERFORM pg_advisory_xact_lock(hashtextextended('student' || chr(31) || p.school_org || chr(31) || p.student_ref, 1));
    END IF;
"""


def _booking_function_0007() -> str:
    path = Path(__file__).with_name("2026_11_22_booking_function.py")
    spec = importlib.util.spec_from_file_location("booking_function_0007", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BOOK


def upgrade() -> None:
    book = _booking_function_0007()
    assert _STUDENT_LOCK in book, "0007's student lock line moved; update this migration"
    book = book.replace(_STUDENT_LOCK, _SCHOOL_THEN_STUDENT_LOCK).replace(
        "max_in_post integer)\nRETURNS", "max_in_post integer,\n    school_locked boolean DEFAULT false)\nRETURNS"
    )
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer)")
    op.execute(book)


def downgrade() -> None:
    op.execute("DROP FUNCTION book_placement(jsonb, jsonb, integer, integer, boolean)")
    op.execute(_booking_function_0007())
