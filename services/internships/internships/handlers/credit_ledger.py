"""Credit ledger use cases: record an entry from an event (placement.graded of this service, credit.awarded of
projects), record an achievement from credentials' achievement.recorded/withdrawn (the kept achievement and its
ledger entry in one unit of work), list a school's ledger with per-student totals, a student's summary, and the
exports (CSV, JSON, OneRoster 1.2).

Who: the ledger is the school's record. Its staff see every student of the school; a student sees their own entries
only (a filter for another student finds nothing, another student's summary is 404); an enterprise, or any other
kind of organisation, gets 403: it holds no ledger. Another school's entries never appear: every query is the
caller's school's."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from internships import policy
from internships.domain.credit_ledger import Achievement, LedgerEntry, LedgerFilter, StudentTotal
from internships.domain.oneroster import zip_of
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.pages import decode_page_token, next_page
from praxis_common.uow import UowFactory


@dataclass(frozen=True)
class ListLedger:
    filter: LedgerFilter
    page_size: int = 50
    page_token: str | None = None


@dataclass(frozen=True)
class LedgerPage:
    entries: list[LedgerEntry]
    next_page_token: str | None
    totals: list[StudentTotal]  # per student, over every entry the filter matches (not only this page)


@dataclass(frozen=True)
class StudentSummary:
    student_ref: str
    total: StudentTotal
    entries: list[LedgerEntry]


def _readable(principal: Principal, f: LedgerFilter) -> LedgerFilter | None:
    """The filter the caller may run on their school's ledger (a student's is pinned to themselves; None when it
    cannot match anything of theirs); Forbidden for a caller who holds no ledger."""
    if principal.org_kind != "school":
        raise Forbidden("the credit ledger is the school's record")
    own = policy.own_student_ref(principal)
    if own is not None:
        if f.student_ref is not None and f.student_ref != own:
            return None
        return replace(f, student_ref=own)
    if not principal.roles & policy.STAFF_ROLES:
        raise Forbidden("the credit ledger is read by the school's staff and its students")
    return f


async def record_entry(entry: LedgerEntry, *, uow: UowFactory) -> bool:
    """Keep the entry unless the ledger already holds a revision as high for its source and student (events arrive
    at least once and possibly out of order). Whether it changed the ledger."""
    async with uow() as u:
        changed = await u.credit_ledger.record(entry)
        await u.commit()
    return changed


async def record_achievement(achievement: Achievement, *, uow: UowFactory) -> bool:
    """Keep the achievement unless a revision as high is kept already (events arrive at least once and possibly out
    of order); when kept, its ledger entry follows it in the same unit of work: there while the school awards credit
    for it, gone when a later revision has 0 credits or withdraws it. An older revision changes neither (the kept
    achievement remembers its revision also when its entry is gone). Whether it changed anything."""
    async with uow() as u:
        kept = await u.credit_ledger.record_achievement(achievement)
        if kept is not None:
            await u.credit_ledger.follow_achievement(kept)
        await u.commit()
    return kept is not None


async def list_ledger(query: ListLedger, principal: Principal, *, uow: UowFactory) -> LedgerPage:
    f = _readable(principal, query.filter)
    if f is None:
        return LedgerPage([], None, [])
    after = decode_page_token(query.page_token, date, str, uuid.UUID, str) if query.page_token else None
    async with uow() as u:
        rows = await u.credit_ledger.entries(principal.org, f, after=after, limit=query.page_size + 1)
        totals = await u.credit_ledger.totals(principal.org, f)
    page, token = next_page(rows, query.page_size, lambda e: e.order_key)
    return LedgerPage(page, token, totals)


async def student_summary(student_ref: str, principal: Principal, *, uow: UowFactory) -> StudentSummary:
    """A student's credits at the school: their total and every entry. 404 when the school's ledger has none for
    them (or the caller is another student)."""
    f = _readable(principal, LedgerFilter(student_ref=student_ref))
    if f is None:
        raise NotFound("no credits for this student")
    async with uow() as u:
        entries = [e async for e in u.credit_ledger.stream(principal.org, f)]
    if not entries:
        raise NotFound("no credits for this student")
    total = StudentTotal(
        student_ref,
        sum((e.credits for e in entries), Decimal(0)),
        len(entries),
        sum(1 for e in entries if e.passed),
    )
    return StudentSummary(student_ref, total, entries)


EXPORT_BATCH = 500


def export_ledger(f: LedgerFilter, principal: Principal, *, uow: UowFactory) -> AsyncIterator[LedgerEntry]:
    """Every entry the filter matches, in award order, read in batches while the caller writes them out. Who may
    read is decided now (a refusal comes before the first byte). Each batch is read in a short transaction of its
    own, closed before its rows are handed out: a slow or stalled download holds no connection (the batches
    continue after the last entry sent, so none is listed twice)."""
    readable = _readable(principal, f)

    async def entries() -> AsyncIterator[LedgerEntry]:
        if readable is None:
            return
        after = None
        while True:
            async with uow() as u:
                batch = await u.credit_ledger.entries(principal.org, readable, after=after, limit=EXPORT_BATCH)
            for e in batch:
                yield e
            if len(batch) < EXPORT_BATCH:
                return
            after = batch[-1].order_key

    return entries()


async def oneroster_export(f: LedgerFilter, principal: Principal, *, uow: UowFactory) -> bytes:
    """The matching entries as a OneRoster 1.2 gradebook (a ZIP of CSV files, domain/oneroster.py)."""
    return zip_of([e async for e in export_ledger(f, principal, uow=uow)])
