"""Winding down an ended agreement: what its termination or expiry does to the placements and positions under it.

Runs in the transaction that ends the agreement (terminate_agreement, and the calendar's expiry), so the agreement
never ends without its consequences and every change leaves through the outbox with it:

  * requested placements are rejected, confirmed ones (not started) withdrawn, with reason `agreement-ended`
    (a request whose hold already lapsed expires); their seats and quota come back;
  * active placements run to their end date, unless the terminating party asked to end them too, with a reason:
    they are then terminated with reason `agreement-ended: <reason>`;
  * the enterprise's published positions that no remaining active agreement of the enterprise covers (its period
    containing the whole term, the rule publishing applies) close: no school can book them any more.

The events (placement.rejected / withdrawn / terminated / expired, position.closed) tell the other services:
mentors releases the mentors of withdrawn and terminated placements.

Locks, taken in this order before the agreement's row: the enterprise's partnership lock (exclusively: two
wind-downs of one enterprise, or a wind-down and a publish, take turns, so each sees the other's outcome), the
school's booking lock (exclusively: no booking of the school is half-way, and bookings queued behind it find the
agreement ended), then the agreement's current placements. The placements' positions, bases and the agreement are
then locked in the order the booking function uses.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from internships.domain.agreements import Agreement
from internships.domain.placements import Placement, PlacementStatus
from internships.handlers.placements import apply_change
from internships.outgoing import integration_event
from praxis_common.uow import Clock


@dataclass
class WindDown:
    """What the end of an agreement did: placement ids by their new state, those that carry on, positions closed."""

    rejected: list[uuid.UUID] = field(default_factory=list)
    withdrawn: list[uuid.UUID] = field(default_factory=list)
    terminated: list[uuid.UUID] = field(default_factory=list)
    expired: list[uuid.UUID] = field(default_factory=list)
    continuing: list[uuid.UUID] = field(default_factory=list)
    positions_closed: list[uuid.UUID] = field(default_factory=list)


async def lock_for_wind_down(u, agreement: Agreement) -> list[Placement]:
    """Take the locks a wind-down needs before the agreement's row (see the module notes); returns the agreement's
    current placements, locked."""
    agreements = u.agreements
    await agreements.lock_partnerships_of(agreement.enterprise_org, exclusive=True)
    await agreements.lock_bookings_of(agreement.school_org)
    return await u.placements.holding_under(agreement.id)


async def wind_down(
    u, agreement: Agreement, placements: list[Placement], *, clock: Clock, end_active_reason: str | None = None
) -> WindDown:
    """Apply the end of `agreement` (already ended in this transaction) to its placements, taken with
    lock_for_wind_down, and to the enterprise's positions."""
    done = WindDown()
    outcome = {
        PlacementStatus.REJECTED: done.rejected,
        PlacementStatus.WITHDRAWN: done.withdrawn,
        PlacementStatus.TERMINATED: done.terminated,
        PlacementStatus.EXPIRED: done.expired,
    }
    for placement in placements:
        step = placement.wind_down(now=clock(), end_active_reason=end_active_reason)
        if step is None:
            done.continuing.append(placement.id)
            continue
        action, party, reason = step
        await apply_change(u, placement, action, party, clock=clock, reason=reason)
        outcome[placement.status].append(placement.id)
    positions = u.positions
    for position in await positions.uncovered(agreement.enterprise_org):
        position.close(now=clock())
        await positions.save(position)
        country = await positions.country_of(position.id)
        u.emit(*(integration_event(e, country=country) for e in position.pull_events()))
        done.positions_closed.append(position.id)
    return done
