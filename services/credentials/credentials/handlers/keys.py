"""An organisation's signing keys: rotated or withdrawn by its admin (an enterprise's hr too); published to all."""

from __future__ import annotations

from dataclasses import dataclass

from credentials.domain import keys as org_keys
from credentials.handlers.custody import Custody, signing_key
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden
from praxis_common.uow import Clock, UowFactory, utc_clock

KEY_ADMINS = {"school": ("admin",), "enterprise": ("admin", "hr")}


@dataclass(frozen=True)
class KeyView:
    kid: str
    number: int
    signs: bool
    published: bool
    created_at: object
    retired_at: object
    withdrawn_at: object


def _admin(principal: Principal) -> str:
    if not principal.has_any_role(*KEY_ADMINS.get(principal.org_kind, ())):
        raise Forbidden("only a school's admin, or an enterprise's admin or hr, manages its signing keys")
    return principal.org_kind


async def list_keys(
    principal: Principal, *, uow: UowFactory, custody: Custody, page_size: int = 50, page_token: str | None = None
) -> tuple[list[KeyView], str | None]:
    """The organisation's keys, oldest first, a page at a time, and the next page's token."""
    kind = _admin(principal)
    after = pages.decode_page_token(page_token, int)[0] if page_token else 0
    async with uow() as u:
        held = [k for k in await u.keys.of(principal.org, kind) if k.number > after]  # no private half opened
    found = held[:page_size]
    return [_view(k) for k in found], pages.encode_page_token(found[-1].number) if len(held) > page_size else None


async def rotate_key(principal: Principal, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock) -> KeyView:
    """A new signing key; the one signing until now is retired and stays published, so what it signed verifies."""
    kind, now = _admin(principal), clock()
    async with uow() as u:
        await signing_key(u, custody, kind, principal.org, now)  # the first key, if none yet (and the lock)
        held = await u.keys.of(principal.org, kind, lock=True)  # their states change; no private half is needed
        new = org_keys.rotate(custody.did(kind, principal.org), principal.org, held, now)
        await u.keys.save_states(held, kind)
        await u.keys.add(new, kind, custody.seal)
        await u.commit()
    return _view(new)


async def withdraw_key(
    kid: str, principal: Principal, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock
) -> KeyView:
    """Unpublish a key (it leaked): what it signed fails verification from now on. The organisation's next signature
    uses a new key."""
    kind = _admin(principal)
    async with uow() as u:
        held = await u.keys.of(principal.org, kind, lock=True)
        withdrawn = org_keys.withdraw(held, kid, clock())
        await u.keys.save_states(held, kind)
        await u.commit()
    return _view(withdrawn)


def _view(k: org_keys.SigningKey) -> KeyView:
    return KeyView(k.kid, k.number, k.signs, k.published, k.created_at, k.retired_at, k.withdrawn_at)
