"""The student roster's use cases: who may import it, a batch of an import applied (or only counted, in a dry run),
and the roster read a page at a time."""

from __future__ import annotations

from internships import policy
from internships.domain.roster import RosterStudent, compare
from internships.outgoing.roster import roster_imported
from praxis_common.auth import Principal
from praxis_common.imports.files import BatchOutcome
from praxis_common.imports.jobs import ImportJob
from praxis_common.pages import DEFAULT_PAGE_SIZE, decode_page_token, next_page
from praxis_common.uow import UowFactory, utc_clock


def may_import_roster(principal: Principal) -> None:
    """A school's managers (admin, coordinator) import its roster."""
    policy.manager(principal, "school")


async def apply_roster_batch(u, job: ImportJob, batch: list[tuple[int, RosterStudent]]) -> BatchOutcome:
    """In the import's unit of work: new students added, changed profiles replaced, one event naming them; rows
    equal to the roster are left alone (no write, no event). A dry run only counts."""
    incoming = [s for _, s in batch]
    changes = compare(incoming, await u.roster.get_many(job.org, [s.student_ref for s in incoming]))
    if not job.dry_run and (changes.created or changes.updated):
        now = utc_clock()
        await u.roster.upsert(job.org, [*changes.created, *changes.updated], now)
        u.emit(roster_imported(job.org, job.id, changes, now))
    return BatchOutcome(created=len(changes.created), updated=len(changes.updated), unchanged=changes.unchanged)


async def list_students(
    principal: Principal, *, uow: UowFactory, page_size: int = DEFAULT_PAGE_SIZE, page_token: str | None = None
):
    """A page of the caller school's roster, by student_ref."""
    policy.manager(principal, "school")
    after = decode_page_token(page_token, str)[0] if page_token else None
    async with uow() as u:
        found = await u.roster.page(principal.org, after=after, limit=page_size + 1)
    return next_page(found, page_size, lambda s: (s.student_ref,))
