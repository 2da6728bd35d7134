"""The positions import's use cases: who may import, and a batch of positions applied as `POST /v1/positions`
creates one (handlers.positions.own_base / new_position: the same checks of the base and its room), each keyed by
the enterprise's own reference (external_ref).

A new reference becomes a draft position (as created alone: no event until it is published). A known reference
whose row equals the position is unchanged. A known reference with other values is that row's error: positions
have no edit path (a draft is closed and created anew), so an import does not invent one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from internships import policy
from internships.domain.positions import Position, PracticeBase
from internships.handlers.positions import CreatePosition, new_position, own_base
from praxis_common.auth import Principal
from praxis_common.errors import PraxisError
from praxis_common.imports.files import BatchOutcome, RowError
from praxis_common.imports.jobs import ImportJob
from praxis_common.uow import utc_clock

COMPARED = ("base_id", "title", "description", "seats", "starts_on", "ends_on", "duties", "post_staff",
            "monthly_pay", "reference_monthly_wage")  # fmt: skip


@dataclass(frozen=True)
class PositionRow:
    external_ref: str
    cmd: CreatePosition


def may_import_positions(principal: Principal) -> None:
    """An enterprise's managers (admin, hr) import its positions."""
    policy.manager(principal, "enterprise")


def same(p: Position, cmd: CreatePosition) -> bool:
    return all(getattr(p, name) == getattr(cmd, name) for name in COMPARED) and (
        p.languages == sorted(set(cmd.languages)) and p.competencies == sorted(set(cmd.competencies))
    )


async def apply_positions_batch(u, job: ImportJob, batch: list[tuple[int, PositionRow]]) -> BatchOutcome:
    now = utc_clock()
    known = await u.positions.by_external_refs(job.org, [row.external_ref for _, row in batch])
    bases: dict[uuid.UUID, tuple[PracticeBase, int] | PraxisError] = {}  # a base and the seats offered there
    created = unchanged = 0
    errors: list[RowError] = []
    for line, row in batch:
        existing = known.get(row.external_ref)
        if existing is not None:
            if same(existing, row.cmd):
                unchanged += 1
            else:
                errors.append(
                    RowError(
                        line,
                        "external_ref",
                        f"position {row.external_ref} exists with other values; an import creates positions and "
                        "leaves existing ones as they are",
                    )
                )
            continue
        try:
            if row.cmd.base_id not in bases:
                try:
                    base = await own_base(u, row.cmd.base_id, job.org)
                    bases[row.cmd.base_id] = (base, await u.bases.seats_offered(base.id))
                except PraxisError as exc:
                    bases[row.cmd.base_id] = exc
            found = bases[row.cmd.base_id]
            if isinstance(found, PraxisError):
                raise found
            base, offered = found
            position = new_position(row.cmd, base, seats_at_base=offered, now=now, external_ref=row.external_ref)
            bases[base.id] = (base, offered + position.seats)
            if not job.dry_run:
                await u.positions.add(position)
            known[row.external_ref] = position
            created += 1
        except PraxisError as exc:  # the domain's refusal of this row (nothing of it was written)
            errors.extend(RowError(line, e.field, e.message) for e in exc.errors or [])
            if not exc.errors:
                errors.append(RowError(line, "row", exc.detail))
    return BatchOutcome(created=created, unchanged=unchanged, errors=tuple(errors))
