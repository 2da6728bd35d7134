"""Agreement use cases: draft, sign, terminate, read, list, and the calendar that starts and ends them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from internships import policy
from internships.adapters.repositories import AgreementRepository
from internships.domain import commands
from internships.domain.agreements import Agreement
from internships.outgoing import integration_event
from praxis_common.auth import Principal
from praxis_common.db import UnitOfWork
from praxis_common.pages import decode_page_token, encode_page_token

Clock = Callable[[], datetime]
UowFactory = Callable[[], UnitOfWork]


def utc_clock() -> datetime:
    return datetime.now(UTC)


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
        await AgreementRepository(u.session).add(agreement)
        await u.commit()
    return agreement


async def get_agreement(agreement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Agreement:
    async with uow() as u:
        return policy.visible(await AgreementRepository(u.session).get(agreement_id), principal)


async def sign_agreement(
    cmd: commands.SignAgreement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Agreement:
    async with uow() as u:
        repo = AgreementRepository(u.session)
        agreement = policy.visible(await repo.get(cmd.agreement_id, for_update=True), principal)
        side = policy.own_side(agreement, principal)
        now = clock()
        agreement.sign(side, principal.sub, today=now.date(), now=now)
        await _save(u, repo, agreement)
        await u.commit()
    return agreement


async def terminate_agreement(
    cmd: commands.TerminateAgreement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Agreement:
    async with uow() as u:
        repo = AgreementRepository(u.session)
        agreement = policy.visible(await repo.get(cmd.agreement_id, for_update=True), principal)
        policy.own_side(agreement, principal)
        agreement.terminate(principal.org, cmd.reason, now=clock())
        await _save(u, repo, agreement)
        await u.commit()
    return agreement


async def list_agreements(
    query: commands.ListAgreements, principal: Principal, *, uow: UowFactory
) -> tuple[list[Agreement], str | None]:
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        page = await AgreementRepository(u.session).list_for_org(
            principal.org, principal.org_kind, status=query.status, after=after, limit=query.page_size + 1
        )
    more = len(page) > query.page_size
    page = page[: query.page_size]
    return page, (encode_page_token(page[-1].created_at, page[-1].id) if more else None)


async def apply_calendar(*, uow: UowFactory, clock: Clock = utc_clock, batch: int = 200) -> int:
    """Start signed agreements whose period began and expire those whose period ended.

    Safe to run in every process at once: rows are taken with SKIP LOCKED."""
    changed = 0
    while True:
        async with uow() as u:
            repo = AgreementRepository(u.session)
            now = clock()
            due = await repo.due_for_calendar(now.date(), batch)
            for agreement in due:
                agreement.advance(today=now.date(), now=now)
                await _save(u, repo, agreement)
            await u.commit()
            changed += len(due)
        if len(due) < batch:
            return changed


async def _save(u: UnitOfWork, repo: AgreementRepository, agreement: Agreement) -> None:
    await repo.save(agreement)
    u.emit(*(integration_event(e) for e in agreement.pull_events()))
