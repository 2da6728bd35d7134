"""Erasing a student everywhere, as its coordinator (docs/erasure.md): a school's admin asks, every taking-part
service confirms, and the request completes and forgets the student once all have.

Who: only a school's `admin` may ask, see and list its school's requests; a request of another organisation does
not exist for the caller (404); anyone else of the school, and any other kind of organisation, gets 403."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from internships.domain.erasure_requests import ErasureRequest, ErasureState
from internships.outgoing.erasure_requests import erasure_requested
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.pages import decode_page_token, next_page
from praxis_common.uow import Clock, UowFactory


def _school_admin(principal: Principal) -> None:
    if principal.org_kind != "school" or not principal.has_any_role("admin"):
        raise Forbidden("erasing a student is for the admin of the student's school")


@dataclass(frozen=True)
class Requested:
    erasure: ErasureRequest
    created: bool  # False: the school's pending request for the student, asked again


async def request_erasure(
    student_ref: str,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock,
    services: Sequence[str],
    max_pending: int,
) -> Requested:
    """Start erasing the student from every service in `services` (INTERNSHIPS_ERASURE_SERVICES); while a request
    for the student is pending, asking again answers it. The student needs no record here: the school may hold
    data about them in other services. A school has at most `max_pending` requests pending at once
    (INTERNSHIPS_ERASURE_MAX_PENDING): every one costs each service a read of its stream."""
    _school_admin(principal)
    async with uow() as u:
        found = await u.erasure_requests.pending(principal.org, student_ref)
        if found is not None:
            return Requested(found, False)
        if await u.erasure_requests.count_pending(principal.org) >= max_pending:
            raise Conflict(
                f"the school has {max_pending} erasures pending, the most at once; ask again when some completed"
            )
        r = ErasureRequest.new(principal.org, student_ref, by=principal.sub, at=clock(), services=list(services))
        if not await u.erasure_requests.add(r):  # a concurrent request for the student committed first
            return Requested(await u.erasure_requests.pending(principal.org, student_ref), False)
        u.emit(erasure_requested(r))
        await u.commit()
    return Requested(r, True)


async def get_erasure(erasure_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> ErasureRequest:
    async with uow() as u:
        r = await u.erasure_requests.get(erasure_id)
    if r is None or principal.org_kind != "school" or r.school_org != principal.org:
        raise NotFound("no such erasure")
    _school_admin(principal)
    return r


async def list_erasures(
    principal: Principal, *, page_size: int, page_token: str | None, uow: UowFactory
) -> tuple[list[ErasureRequest], str | None]:
    """The school's requests, newest first."""
    _school_admin(principal)
    after = decode_page_token(page_token) if page_token else None  # (requested_at, id)
    async with uow() as u:
        rows = await u.erasure_requests.of_school(principal.org, after=after, limit=page_size + 1)
    return next_page(rows, page_size, lambda r: (r.requested_at, r.id))


async def record_confirmation(
    erasure_id: uuid.UUID, service: str, school_org: str, rows_changed: dict[str, int], *, uow: UowFactory, clock: Clock
) -> ErasureRequest | None:
    """A service confirmed (its `student.erased`): the request as it stands now, None when it is not one of this
    school's (a confirmation that names another school's or an unknown request changes nothing)."""
    async with uow() as u:
        r = await u.erasure_requests.get(erasure_id, for_update=True)
        if r is None or r.school_org != school_org:
            return None
        if r.confirm(service, rows_changed, at=clock()):
            await u.erasure_requests.save(r)
        await u.commit()
    return r


async def complete(erasure_id: uuid.UUID, *, uow: UowFactory, clock: Clock) -> bool:
    """Every service confirmed: the request completes and forgets the student (once; whether it did now)."""
    async with uow() as u:
        r = await u.erasure_requests.get(erasure_id, for_update=True)
        if r is None or r.state is not ErasureState.PENDING or not r.all_confirmed:
            return False
        r.complete(at=clock())
        await u.erasure_requests.save(r)
        await u.commit()
    return True
