"""The `book_placement` database function writes the booking rules' states and refusal codes as literals (SQL cannot
import domain/booking.py): the latest version must use exactly the domain's."""

import re
from pathlib import Path

import internships
from internships.adapters.agreements import SCHOOL_BOOKINGS
from internships.domain import booking

MIGRATIONS = Path(internships.__file__).parent / "migrations"


def _latest() -> tuple[str, str]:
    files = sorted(MIGRATIONS.glob("sql/book_placement_v*.sql"), key=lambda f: int(re.search(r"_v(\d+)", f.name)[1]))
    return files[-1].name, files[-1].read_text()


def _literals(sql: str) -> list[str]:
    return re.findall(r"'([^']*)'", sql)


def test_the_latest_function_is_what_the_last_migration_installs():
    name, _ = _latest()
    installing = [f.name for f in sorted((MIGRATIONS / "versions").glob("*.py")) if name in f.read_text()]
    assert installing, f"no migration executes {name}"
    last_booking_migration = max(
        f.name for f in (MIGRATIONS / "versions").glob("*.py") if "book_placement_v" in f.read_text()
    )
    assert installing[-1] == last_booking_migration


def test_holding_states_are_the_domains():
    _, sql = _latest()
    [holding] = re.findall(r"status IN \(([^)]*)\)", sql)
    assert set(_literals(holding)) == booking.HOLDING_STATUSES


def test_bookable_position_and_agreement_in_force_are_the_domains():
    _, sql = _latest()
    assert re.findall(r"pos\.status <> '([^']*)'", sql) == [booking.BOOKABLE_POSITION]
    assert re.findall(r"agr\.status <> '([^']*)'", sql) == [booking.AGREEMENT_IN_FORCE]


def test_refusal_codes_are_the_domains():
    _, sql = _latest()
    refusals = set(re.findall(r"RETURN QUERY SELECT '([^']*)'", sql))
    assert refusals == booking.STATEMENT_REFUSALS
    assert set(booking.PUBLISH_REFUSALS) == booking.STATEMENT_REFUSALS


def test_every_literal_is_accounted_for():
    """No state or code the domain does not know hides elsewhere in the function."""
    _, sql = _latest()
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    known = (
        booking.HOLDING_STATUSES
        | {booking.BOOKABLE_POSITION, booking.AGREEMENT_IN_FORCE}
        | booking.STATEMENT_REFUSALS
        | {SCHOOL_BOOKINGS, "student"}  # lock scopes (praxis_common.locks)
    )
    assert set(_literals(body)) <= known


def test_the_function_locks_the_schools_the_service_locks():
    _, sql = _latest()
    assert f"praxis_lock_key('{SCHOOL_BOOKINGS}', p.school_org)" in sql
    assert "hashtextextended" not in sql and "INSERT INTO outbox" not in sql  # the kernel's, not written out here
