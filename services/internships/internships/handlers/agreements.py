"""Agreement use cases: draft, sign, terminate, read, list, and the calendar that starts and ends them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from internships import policy
from internships.domain import commands
from internships.domain.agreements import Agreement, Status
from internships.handlers.organisations import require_parties
from internships.handlers.wind_down import WindDown, lock_for_wind_down, wind_down
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.pages import decode_page_token, encode_page_token
from praxis_common.uow import Clock, UowFactory, utc_clock


async def draft_agreement(
    cmd: commands.DraftAgreement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Agreement:
    side = policy.acting_side(principal)
    now = clock()
    agreement = Agreement.draft(
        drafter_org=principal.org,
        drafter_side=side,
        school_org=cmd.school_org,
        enterprise_org=cmd.enterprise_org,
        title=cmd.title,
        valid_from=cmd.valid_from,
        valid_to=cmd.valid_to,
        intern_quota=cmd.intern_quota,
        today=now.date(),
        now=now,
    )
    async with uow() as u:
        await require_parties(u, cmd)
        await u.agreements.add(agreement)
        await u.commit()
    return agreement


async def get_agreement(agreement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Agreement:
    async with uow() as u:
        return policy.visible(await u.agreements.get(agreement_id), principal)


async def sign_agreement(
    cmd: commands.SignAgreement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Agreement:
    async with uow() as u:
        repo = u.agreements
        agreement = policy.visible(await repo.get(cmd.agreement_id, for_update=True), principal)
        side = policy.own_side(agreement, principal)
        now = clock()
        agreement.sign(side, principal.sub, today=now.date(), now=now)
        await _save(u, repo, agreement)
        await u.commit()
    return agreement


@dataclass(frozen=True)
class Terminated:
    agreement: Agreement
    wind_down: WindDown


async def terminate_agreement(
    cmd: commands.TerminateAgreement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Terminated:
    """Either party ends the agreement; in the same transaction its placements and the positions only it covered
    are wound down (handlers/wind_down.py). Active placements carry on unless `end_active_placements` is asked
    for, with its own reason."""
    end_active = _end_active_reason(cmd)
    async with uow() as u:
        repo = u.agreements
        found = policy.visible(await repo.get(cmd.agreement_id), principal)
        policy.own_side(found, principal)
        placements = await lock_for_wind_down(u, found)
        agreement = await repo.get(cmd.agreement_id, for_update=True)
        was_active = agreement.status is Status.ACTIVE
        agreement.terminate(principal.org, cmd.reason, now=clock())
        await _save(u, repo, agreement)
        done = WindDown()
        if was_active:
            done = await wind_down(u, agreement, placements, clock=clock, end_active_reason=end_active)
        await u.commit()
    return Terminated(agreement, done)


def _end_active_reason(cmd: commands.TerminateAgreement) -> str | None:
    reason = (cmd.active_placements_reason or "").strip()
    if cmd.end_active_placements and not reason:
        raise InvalidInput(
            "ending the active placements too needs its own reason",
            errors=[FieldError("active_placements_reason", "required with end_active_placements")],
        )
    if reason and not cmd.end_active_placements:
        raise InvalidInput(
            "a reason for ending active placements, but end_active_placements is not set",
            errors=[FieldError("end_active_placements", "set it to end the active placements")],
        )
    return reason if cmd.end_active_placements else None


async def list_agreements(
    query: commands.ListAgreements, principal: Principal, *, uow: UowFactory
) -> tuple[list[Agreement], str | None]:
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        page = await u.agreements.list_for_org(
            principal.org, principal.org_kind, status=query.status, after=after, limit=query.page_size + 1
        )
    more = len(page) > query.page_size
    page = page[: query.page_size]
    return page, (encode_page_token(page[-1].created_at, page[-1].id) if more else None)


async def apply_calendar(*, uow: UowFactory, clock: Clock = utc_clock, batch: int = 200) -> int:
    """Start signed agreements whose period began and expire those whose period ended; an active agreement that
    expires is wound down in the same transaction (its placements and positions, handlers/wind_down.py).

    Safe to run in every process at once: starts are taken with SKIP LOCKED; an ending takes the wind-down's locks
    and then finds whether another process ended it already."""
    changed = 0
    while True:
        async with uow() as u:
            repo = u.agreements
            now = clock()
            due = await repo.due_for_calendar(now.date(), batch)
            for agreement in due:
                agreement.advance(today=now.date(), now=now)
                await _save(u, repo, agreement)
            await u.commit()
            changed += len(due)
        if len(due) < batch:
            break
    while True:
        async with uow() as u:
            ending = await u.agreements.ending(clock().date(), batch)
        for agreement_id in ending:
            changed += await _expire(agreement_id, uow=uow, clock=clock)
        if len(ending) < batch:
            return changed


async def _expire(agreement_id: uuid.UUID, *, uow: UowFactory, clock: Clock) -> int:
    async with uow() as u:
        repo = u.agreements
        placements = await lock_for_wind_down(u, await repo.get(agreement_id))
        agreement = await repo.get(agreement_id, for_update=True)
        now = clock()
        if agreement.status is not Status.ACTIVE or now.date() <= agreement.valid_to:
            return 0  # another process ended it meanwhile (or a party terminated it)
        agreement.advance(today=now.date(), now=now)
        await _save(u, repo, agreement)
        await wind_down(u, agreement, placements, clock=clock)
        await u.commit()
    return 1


async def _save(u, repo, agreement: Agreement) -> None:
    await repo.save(agreement)
    u.track(agreement)  # its events leave with the commit (adapters/unit_of_work.py)
