"""A round's life: create it, invite co-owner schools (accept, decline), read, list, reopen."""

from __future__ import annotations

import uuid

from internships import policy
from internships.domain.rounds import (
    Round,
)
from internships.handlers.rounds.access import (
    DEFAULT_LIST_LIMIT,
    CreateRound,
    NoActiveAgreement,
    RoundView,
    party,
    school_round,
    shown,
)
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import (
    Conflict,
    NotFound,
)
from praxis_common.uow import Clock, UowFactory, utc_clock


async def create_round(
    cmd: CreateRound,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    default_list_limit: int = DEFAULT_LIST_LIMIT,
) -> Round:
    policy.manager(principal, "school")
    rnd = Round.create(
        title=cmd.title,
        owner_org=principal.org,
        created_by=principal.sub,
        co_owners=list(cmd.co_owner_schools),
        enterprise_org=cmd.enterprise_org,
        list_limit=cmd.list_limit if cmd.list_limit is not None else default_list_limit,
        publish_as=cmd.publish_as,
        seed=cmd.seed,
        tie_rule=cmd.tie_rule,
        now=clock(),
    )
    async with uow() as u:
        repo = u.rounds
        if rnd.enterprise_org is not None and not await repo.active_agreements([principal.org], [rnd.enterprise_org]):
            raise NoActiveAgreement(
                f"an order class needs an active agreement between your school and {rnd.enterprise_org}"
            )
        await repo.add(rnd)
        await u.commit()
    return rnd


async def _invited_round(repo, round_id: uuid.UUID, principal: Principal) -> Round:
    """The round inviting the caller's school (its manager: the caller passed policy.manager); NotFound otherwise."""
    rnd = await repo.get(round_id, lock="update")
    if rnd is None or principal.org_kind != "school":
        raise NotFound("no such round")
    if rnd.has_school(principal.org):  # it sees the round already: nothing to answer
        raise Conflict("your school already takes part in this round (its owner or a co-owner that accepted)")
    if not rnd.is_invited(principal.org):
        raise NotFound("no such round")
    return rnd


async def accept_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> RoundView:
    """An invited co-owner school (its admin or coordinator) joins the round while it is open: from then on it sees
    the round and adds positions and its own students."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = u.rounds
        rnd = await _invited_round(repo, round_id, principal)
        rnd.accept(principal.org)
        await repo.save(rnd)
        positions, students = await repo.counts(round_id)
        await u.commit()
    return RoundView(rnd, positions, students)


async def decline_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> None:
    """An invited co-owner school turns the invitation down: the round stays invisible to it."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = u.rounds
        rnd = await _invited_round(repo, round_id, principal)
        rnd.decline(principal.org)
        await repo.save(rnd)
        await u.commit()


async def list_invitations(
    principal: Principal, *, uow: UowFactory, page_size: int = 50, page_token: str | None = None
) -> tuple[list[Round], str | None]:
    """The rounds inviting the caller's school as a co-owner that it has not answered, newest first (to its
    managers: they decide)."""
    policy.manager(principal, "school")
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await u.rounds.invitations(principal.org, after=after, limit=page_size + 1)
    page, token = pages.next_page(found, page_size, lambda r: (r.created_at, r.id))
    return [shown(principal, r) for r in page], token


async def get_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> RoundView:
    async with uow() as u:
        repo = u.rounds
        rnd = await repo.get(round_id)
        if await party(repo, rnd, principal) == "school":
            positions, students = await repo.counts(round_id)
            return RoundView(shown(principal, rnd), positions, students)
        return RoundView(shown(principal, rnd), None, None)


async def list_rounds(
    principal: Principal, *, uow: UowFactory, page_size: int = 50, page_token: str | None = None
) -> tuple[list[Round], str | None]:
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await u.rounds.list_for(principal.org, principal.org_kind, after=after, limit=page_size + 1)
    page, token = pages.next_page(found, page_size, lambda r: (r.created_at, r.id))
    return [shown(principal, r) for r in page], token


async def reopen_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Round:
    """Back to open (from closed or computed): the inputs may change again, the next close decides the offered
    seats afresh; runs made so far are kept."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="update", owner=True)
        rnd.reopen()
        await repo.thaw_positions(round_id)
        await repo.save(rnd)
        await u.commit()
    return rnd
