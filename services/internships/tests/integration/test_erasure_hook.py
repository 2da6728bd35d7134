"""Internships' erasure hook on a real, migrated PostgreSQL: after it ran in a unit of work, a scan of every column of
every table finds nothing of the student (ref, name, any text about them) outside the kernel's tables (the kernel's
part of the same transaction erases those); the same ref at another school and a classmate are untouched; seat,
quota and placement counters, credits, hours and the school's placement report are unchanged; a second run changes
nothing."""

from __future__ import annotations

import io
import uuid

import pytest
from internships_attendance_world import World
from internships_erasure_world import ministry_download, prepare, record, relay, round_with, texts
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.handlers.documents import get_document_pdf
from internships.handlers.erasure import erase_student
from internships.handlers.reports import placement_report
from internships.main import MIGRATIONS
from praxis_common.erasure import ErasureRequest
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.personal_data_scan import scan_database

ERASED, ERASED_NAME = "2031-ERASE-0317", "Zhao Lingxi"
PEER, PEER_NAME = "2031-KEEP-0042", "Qian Mingyu"
ELSEWHERE_NAME = "Sun Haoran"  # the same ref, a student of another school
# The kernel's tables: its own part of the erasure transaction clears them (praxis_common.erasure).
KERNEL_TABLES = {"public.outbox", "public.inbox", "public.idempotency_key", "public.import_job", "public.audit_entry"}
# Where the erased student's record is before the erasure (every table the hook has to reach).
RECORD_TABLES = {
    "public.student_roster", "public.placement", "public.placement_document", "public.placement_signature",
    "public.logbook_week", "public.weekly_report", "public.weekly_report_comment", "public.attendance_day",
    "public.attendance_week", "public.leave_request", "public.placement_evaluation", "public.placement_grade",
    "public.placement_feedback", "public.credit_ledger_entry", "public.student_achievement", "public.guidance_record",
    "public.hire", "public.ledger_placement", "public.ledger_hire", "public.round_student", "public.round_match",
    "public.round_position", "public.round_run", "public.ministry_report_download",
}  # fmt: skip
AGGREGATES = """
    SELECT 'position ' || id, seats_taken || '/' || interns_current FROM position
    UNION ALL SELECT 'base ' || id, interns_current::text FROM practice_base
    UNION ALL SELECT 'agreement ' || id, interns_placed::text FROM agreement
    UNION ALL SELECT 'placements ' || school_org || ' ' || status, count(*)::text FROM placement GROUP BY 1
    UNION ALL SELECT 'hours ' || placement_id, sum(total_hours) || '/' || sum(core_hours) FROM logbook_week GROUP BY 1
    UNION ALL SELECT 'days ' || placement_id, count(*) || '/' || sum(hours) FROM attendance_day GROUP BY 1
    UNION ALL SELECT 'disputed ' || id, jsonb_array_length(disputed_days)::text FROM attendance_week
    UNION ALL SELECT 'grade ' || placement_id || ' ' || revision, total || grade || credits FROM placement_grade
    UNION ALL SELECT 'credits ' || school_org, count(*) || '/' || sum(credits) FROM credit_ledger_entry GROUP BY 1
    UNION ALL SELECT 'achievements ' || school_org, count(*) || '/' || sum(points) FROM student_achievement GROUP BY 1
    UNION ALL SELECT 'scores ' || placement_id, sum(score)::text FROM placement_evaluation GROUP BY 1
    UNION ALL SELECT 'survey ' || placement_id, work_match || '/' || guidance_quality FROM placement_feedback
    UNION ALL SELECT 'guidance ' || school_org, sum(minutes)::text FROM guidance_record GROUP BY 1
    UNION ALL SELECT 'matches ' || run_id, count(*) || '/' || count(position_id) FROM round_match GROUP BY 1
    UNION ALL SELECT 'hires ' || school_org, count(*)::text FROM hire GROUP BY 1
    UNION ALL SELECT 'ledger ' || school_org, count(*)::text FROM ledger_placement GROUP BY 1
"""


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_erasure", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


def needles(ref: str, name: str) -> list[str]:
    return [ref, name, *texts(name).values()]


async def scan(database_url: str, words: list[str], *, kernel: bool) -> dict[tuple[str, str, str], int]:
    """(table, column, needle) -> rows holding it; the kernel's tables left out unless `kernel`."""
    hits = await scan_database(database_url, words)
    return {(h.table, h.column, h.needle): h.count for h in hits if kernel or h.table not in KERNEL_TABLES}


async def erase(uow, request: ErasureRequest) -> dict[str, int]:
    """The hook in a unit of work, as the kernel's erasure consumer runs it (it commits)."""
    async with uow() as u:
        changed = await erase_student(u, request)
        await u.commit()
    return changed


async def aggregates(uow, school: World) -> tuple[dict[str, str], object]:
    async with uow() as u:
        figures = {row[0]: row[1] for row in await u.connection.execute(text(AGGREGATES))}
    return figures, await placement_report(school.school_admin, uow=uow)


async def digest(uow) -> dict[str, str]:
    """Every table but the kernel's, as an md5 of its rows: equal digests, nothing changed."""
    async with uow() as u:
        tables = await u.connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        )
        found = {}
        for table in tables.all():
            if f"public.{table}" in KERNEL_TABLES:
                continue
            found[table] = await u.connection.scalar(
                text(f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t")
            )
        return found


async def test_erasure_leaves_nothing_of_the_student_and_keeps_the_counts_and_everyone_else(uow, database_url):
    # The same ref at another school, with a record of its own: it must stay whole.
    elsewhere = World(uow)
    await prepare(elsewhere)
    await record(elsewhere, ERASED, ELSEWHERE_NAME)
    await round_with(elsewhere, {ERASED: ELSEWHERE_NAME})
    await ministry_download(elsewhere)
    await relay(uow)
    erased_needles = needles(ERASED, ERASED_NAME)
    baseline = await scan(database_url, erased_needles, kernel=False)
    assert {needle for _, _, needle in baseline} == {ERASED}  # only the ref, in the other school's rows

    # The student and a classmate, in one school, one round and one ministry report.
    school = World(uow)
    await prepare(school)
    placement_id = await record(school, ERASED, ERASED_NAME)
    await record(school, PEER, PEER_NAME)
    await round_with(school, {ERASED: ERASED_NAME, PEER: PEER_NAME})
    await ministry_download(school)
    await relay(uow)

    before = await scan(database_url, erased_needles, kernel=False)
    assert {needle for _, _, needle in before} == set(erased_needles)  # every text of the record is stored
    assert {table for table, _, _ in before} >= RECORD_TABLES
    peer_needles = needles(PEER, PEER_NAME)
    peer_before = await scan(database_url, peer_needles, kernel=True)
    counts_before = await aggregates(uow, school)

    request = ErasureRequest(uuid.uuid4(), school.school_org, ERASED)
    changed = await erase(uow, request)

    assert {f"public.{table}" for table in changed} >= RECORD_TABLES
    # Nothing of the student is left outside the kernel's tables: what the scan finds is the other school's.
    assert await scan(database_url, erased_needles, kernel=False) == baseline
    # The classmate is untouched, everywhere.
    assert await scan(database_url, peer_needles, kernel=True) == peer_before
    # Seats, quotas, placements, hours, grades, credits, scores and the school's report: as they were.
    assert await aggregates(uow, school) == counts_before
    async with uow() as u:
        kept = (
            await u.connection.execute(
                text("SELECT student_ref, profile, status FROM placement WHERE id = :id"), {"id": placement_id}
            )
        ).one()
        ledger = await u.connection.scalar(
            text("SELECT count(*) FROM credit_ledger_entry WHERE student_ref = :p"), {"p": request.pseudonym}
        )
    assert (kept.student_ref, kept.profile, kept.status) == (request.pseudonym, {}, "completed")
    assert ledger == 2  # the credits stay (the placement's, the achievement's), under the pseudonym
    # The school still reads its signed agreement's record: who signed which version, and no student in it.
    view, pdf = await get_document_pdf(placement_id, school.school_admin, uow=uow)
    assert (view.document.body, len(view.signatures)) == ("", 3)
    assert request.pseudonym in {s.signer_sub for s in view.signatures}
    assert ERASED_NAME not in "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    # Idempotent: a second run finds nothing that still names the student and changes nothing.
    snapshot = await digest(uow)
    assert await erase(uow, request) == {}
    assert await digest(uow) == snapshot


async def test_a_student_with_no_record_in_the_school_is_erased_with_no_change(uow):
    school = World(uow)
    await school.setup()
    snapshot = await digest(uow)
    assert await erase(uow, ErasureRequest(uuid.uuid4(), school.school_org, "2031-NEVER-0001")) == {}
    assert await digest(uow) == snapshot
