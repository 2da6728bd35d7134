"""Change feeds of the lists an integrator syncs (`updated_since`): agreements, positions, placements and a
placement's logbook weeks.

Each feed shows exactly what the caller's list shows (the same party filter, student scope and status filter):
praxis_common.feeds finds the settled changes after the cursor among the caller's organisation's rows, the list's
own filter decides which of them the caller still sees, and the others come as tombstones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from internships import policy
from internships.domain.agreements import Agreement, Status
from internships.domain.logbooks import LogbookWeek
from internships.domain.placements import Placement, PlacementStatus
from internships.domain.positions import Position
from internships.handlers.audit import audited_read
from internships.handlers.positions import SearchPositions
from praxis_common.auth import Principal
from praxis_common.feeds import Changes, feed_page
from praxis_common.uow import UowFactory


@dataclass(frozen=True)
class Feed:
    updated_since: str
    page_size: int = 50


async def agreement_changes(
    query: Feed, principal: Principal, *, uow: UowFactory, status: Status | None = None
) -> Changes[Agreement]:
    async with uow() as u:
        items, cursor, more = await feed_page(
            u.connection,
            "agreement",
            [principal.org],
            query.updated_since,
            query.page_size,
            lambda ids: u.agreements.shown_among(ids, principal.org, principal.org_kind, status=status),
        )
    return Changes(items, cursor, more)


async def placement_changes(
    query: Feed, principal: Principal, *, uow: UowFactory, status: PlacementStatus | None = None
) -> Changes[Placement]:
    student_ref = policy.own_student_ref(principal)
    async with uow() as u:
        items, cursor, more = await feed_page(
            u.connection,
            "placement",
            [principal.org],
            query.updated_since,
            query.page_size,
            lambda ids: u.placements.shown_among(
                ids, principal.org, principal.org_kind, status=status, student_ref=student_ref
            ),
            # A student sees their own placements only: the others' ids are not theirs to learn.
            hidden_as_tombstones=student_ref is None,
        )
        await audited_read(u, [p for p in items if isinstance(p, Placement)], principal, "placement")
        await u.commit()
    return Changes(items, cursor, more)


async def position_changes(
    query: Feed, principal: Principal, *, uow: UowFactory, search: SearchPositions
) -> Changes[Position]:
    """The positions the caller's search shows: an enterprise its own in any state, a school the published
    positions of the enterprises it holds an active agreement with, both through the search's filters. A position
    that stops matching (closed, or a filter) is a tombstone. Gaining or losing a partner changes no position: a
    school re-syncs from `0` after an agreement becomes active or ends (its agreements feed tells it when)."""
    school = principal.org if principal.org_kind == "school" else None
    async with uow() as u:
        if school:
            owners = await u.agreements.active_partners(school)
        else:  # an enterprise's own; nobody else has positions to see
            owners = [principal.org] if principal.org_kind == "enterprise" else []

        async def shown(ids):
            found = await u.positions.search(
                visible_to_school=school,
                enterprise=None if school else principal.org,
                competencies=list(search.competencies),
                country=search.country,
                starts_from=search.starts_from,
                ends_by=search.ends_by,
                open_only=search.open_only,
                text=search.text,
                after=None,
                limit=len(ids),
                ids=ids,
            )
            return {p.id: p for p in found}

        items, cursor, more = await feed_page(
            u.connection, "position", owners, query.updated_since, query.page_size, shown
        )
    return Changes(items, cursor, more)


async def logbook_week_changes(
    placement_id: uuid.UUID, query: Feed, principal: Principal, *, uow: UowFactory
) -> Changes[LogbookWeek]:
    """The weeks of one placement's logbook changed since the cursor, to whoever sees the logbook (404 otherwise).
    The log keeps weeks under their placement's id, so the feed reads one placement's weeks only. Weeks are never
    deleted: this feed has no tombstones."""
    async with uow() as u:
        placement = policy.visible_placement(await u.placements.get(placement_id), principal)[0]
        items, cursor, more = await feed_page(
            u.connection,
            "logbook_week",
            [str(placement.id)],
            query.updated_since,
            query.page_size,
            lambda ids: u.logbooks.weeks_among(placement.id, ids),
        )
        await audited_read(u, placement, principal, "logbook")
        await u.commit()
    return Changes(items, cursor, more)
