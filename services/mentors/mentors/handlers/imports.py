"""Mentor imports' use cases: who may import, and a batch of mentors applied through the same domain rules as
creating one (Mentor.create) or changing one (Mentor.update); each row keyed by the mentor's sign-in account.

A new mentor is created (and takes waiting assignments, as when created alone); a known one gets the row's fields
that differ (its `mentor.updated` event goes out at commit, as for a single change); a row equal to the record
changes nothing. A row the domain refuses is that row's error. A dry run validates and counts, writing nothing."""

from __future__ import annotations

from dataclasses import dataclass

from mentors import policy
from mentors.domain.mentors import Mentor, normalise_tags
from mentors.handlers.assignments import fill_from
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, PraxisError
from praxis_common.imports.files import BatchOutcome, RowError
from praxis_common.imports.jobs import ImportJob
from praxis_common.uow import utc_clock

# A teacher imported from OneRoster, new to Praxis, may mentor this many students until the school says otherwise.
TEACHER_CAPACITY = 10
FIELDS = ("display_name", "expertise", "languages", "capacity", "active")


@dataclass(frozen=True)
class MentorRow:
    """A row of an import: the account it is keyed by, the values it gives (only the columns the file has), and
    the values a new mentor takes for the rest."""

    account: str
    given: dict
    defaults: dict
    file: str


def may_import_mentors(principal: Principal) -> None:
    """An organisation's managers import its mentors."""
    policy.manager(principal)


def may_import_teachers(principal: Principal) -> None:
    """A school's managers import its teachers as school mentors."""
    if policy.manager(principal).value != "school":
        raise Forbidden("only schools import teachers from OneRoster")


def _differs(m: Mentor, name: str, value) -> bool:
    if name in ("expertise", "languages"):
        return getattr(m, name) != normalise_tags(value)
    if name == "display_name":
        return m.display_name != value.strip()
    return getattr(m, name) != value


async def apply_mentor_batch(u, job: ImportJob, batch: list[tuple[int, MentorRow]]) -> BatchOutcome:
    now = utc_clock()
    known = await u.mentors.by_accounts(job.org, [row.account for _, row in batch])
    created = updated = unchanged = 0
    errors: list[RowError] = []
    for line, row in batch:
        try:
            m = known.get(row.account)
            if m is None:
                m = Mentor.create(
                    org=job.org,
                    org_kind=job.org_kind,
                    kind=job.org_kind,
                    **{**row.defaults, **row.given},
                    account=row.account,
                    now=now,
                )
                if not job.dry_run:
                    await u.mentors.add(m)
                    await fill_from(u, m.id, clock=utc_clock, trigger="mentor imported")
                created += 1
                continue
            changes = {k: v for k, v in row.given.items() if _differs(m, k, v)}
            if not changes:
                unchanged += 1
                continue
            was_active = m.active
            freed = m.update(now=now, **changes)
            if not job.dry_run:
                await u.mentors.save(m)
                if freed:
                    trigger = "mentor re-activated" if m.active and not was_active else "capacity raised"
                    await fill_from(u, m.id, clock=utc_clock, trigger=trigger)
            else:
                m.pull_events()
            updated += 1
        except PraxisError as exc:  # the domain's refusal of this row (before anything of it was written)
            for e in exc.errors or [None]:
                errors.append(RowError(line, e.field if e else "row", e.message if e else exc.detail, row.file))
    return BatchOutcome(created=created, updated=updated, unchanged=unchanged, errors=tuple(errors))
