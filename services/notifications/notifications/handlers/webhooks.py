"""Use cases of webhook endpoints: register, list, read, change, delete, rotate the secret. An organisation's admins
only, over their own organisation's endpoints (another's is NotFound, as if it did not exist)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from notifications.domain.webhooks import Endpoint, Notice, check_url
from notifications.policy import require_webhook_admin
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class RegisterEndpoint:
    url: str
    description: str
    event_types: list[str]


@dataclass(frozen=True)
class ChangeEndpoint:
    url: str | None = None
    description: str | None = None
    event_types: list[str] | None = None
    enabled: bool | None = None


# url -> why it may not be delivered to (it resolves to a private address), or None: adapters/sender.py
Refuse = Callable[[str], Awaitable[str | None]]


async def _deliverable(url: str, *, allow_http: bool, refuse: Refuse | None) -> str:
    """The URL, if its form is allowed and (in prod) its host resolves to public addresses only; asked before any
    transaction opens. Resolved again at every delivery: DNS may change."""
    check_url(url, allow_http=allow_http)
    why = await refuse(url) if refuse is not None else None
    if why:
        raise InvalidInput(f"url refused: {why}", errors=[FieldError("url", why)])
    return url


async def vet_url(url: str, principal: Principal, *, allow_http: bool, refuse: Refuse | None) -> str:
    """Registration's first step, before any transaction opens (it may resolve the host): the URL, if allowed."""
    require_webhook_admin(principal)
    return await _deliverable(url, allow_http=allow_http, refuse=refuse)


async def register_endpoint(
    cmd: RegisterEndpoint, principal: Principal, *, uow: UowFactory, allow_http: bool, clock: Clock = utc_clock
) -> Endpoint:
    """After vet_url: a new endpoint of the caller's organisation, with its first secret."""
    org = require_webhook_admin(principal)
    endpoint = Endpoint.register(
        org=org,
        url=check_url(cmd.url, allow_http=allow_http),
        description=cmd.description,
        event_types=cmd.event_types,
        now=clock(),
    )
    async with uow() as u:
        await u.endpoints.add(endpoint)
        await u.commit()
    return endpoint


async def list_endpoints(
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Endpoint], str | None]:
    """A page of the organisation's endpoints, oldest first (an organisation has a handful)."""
    org = require_webhook_admin(principal)
    async with uow() as u:
        found = await u.endpoints.of_org(org)
    return pages.page_of(found, page_size, page_token, lambda e: (e.created_at, e.id))


async def get_endpoint(endpoint_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Endpoint:
    org = require_webhook_admin(principal)
    async with uow() as u:
        return _found(await u.endpoints.get(org, endpoint_id))


async def change_endpoint(
    endpoint_id: uuid.UUID,
    cmd: ChangeEndpoint,
    principal: Principal,
    *,
    uow: UowFactory,
    allow_http: bool,
    refuse: Refuse | None = None,
    clock: Clock = utc_clock,
) -> Endpoint:
    org = require_webhook_admin(principal)
    url = await _deliverable(cmd.url, allow_http=allow_http, refuse=refuse) if cmd.url is not None else None
    async with uow() as u:
        endpoint = _found(await u.endpoints.get(org, endpoint_id, for_update=True))
        endpoint.update(
            now=clock(), url=url, description=cmd.description, event_types=cmd.event_types, enabled=cmd.enabled
        )
        await u.endpoints.save(endpoint)
        await u.commit()
    return endpoint


async def delete_endpoint(
    endpoint_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> None:
    org = require_webhook_admin(principal)
    async with uow() as u:
        endpoint = _found(await u.endpoints.get(org, endpoint_id, for_update=True))
        endpoint.delete(now=clock())
        await u.endpoints.save(endpoint)
        await u.commit()


async def rotate_secret(
    endpoint_id: uuid.UUID, principal: Principal, *, uow: UowFactory, grace: timedelta, clock: Clock = utc_clock
) -> Endpoint:
    """A new secret; the old one keeps signing (next to the new) for `grace`."""
    org = require_webhook_admin(principal)
    async with uow() as u:
        endpoint = _found(await u.endpoints.get(org, endpoint_id, for_update=True))
        endpoint.rotate(now=clock(), grace=grace)
        await u.endpoints.save(endpoint)
        await u.commit()
    return endpoint


async def list_notices(
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Notice], str | None]:
    """A page of the organisation's webhook notices, newest first."""
    org = require_webhook_admin(principal)
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await u.notices.of_org(org, after=after, limit=page_size + 1)
    return pages.next_page(found, page_size, lambda n: (n.created_at, n.id))


def _found(endpoint: Endpoint | None) -> Endpoint:
    if endpoint is None:
        raise NotFound("no such webhook")
    return endpoint
