"""Use cases of the user directory and of a user's own notification preferences, and unsubscribing by link.

The directory is the organisation's own (another organisation's user is NotFound); users register themselves with
`register_me` from their token's claims. Preferences belong to the signed-in user (`me`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from notifications.domain.directory import ALL, CATEGORIES, Delivery, DirectoryUser, Preferences, language_of
from notifications.domain.orgs import Org
from notifications.domain.unsubscribe import Unsubscribe, UnsubscribeLinks
from notifications.policy import own_org, require_directory_manager
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class PutUser:
    account: str
    email: str
    display_name: str
    language: str
    roles: list[str]
    mentor_id: uuid.UUID | None = None


@dataclass(frozen=True)
class RegisterMe:
    """What the caller says of themselves; a field left None comes from the token's claims."""

    email: str | None = None
    display_name: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class SetPreferences:
    disabled: list[str]
    delivery: Delivery
    language: str | None


async def put_user(cmd: PutUser, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> DirectoryUser:
    """Add or replace a user of the caller's organisation."""
    org = require_directory_manager(principal)
    now = clock()
    async with uow() as u:
        existing = await u.directory.get(org, cmd.account, for_update=True)
        user = DirectoryUser(
            org=org.id,
            org_kind=org.kind,
            account=cmd.account,
            email=cmd.email,
            display_name=cmd.display_name,
            language=cmd.language,
            roles=sorted(set(cmd.roles)),
            mentor_id=cmd.mentor_id,
            self_registered=False,
            created_at=existing.created_at if existing else now,
            updated_at=now,
        )
        await u.directory.put(user)
        await u.commit()
    return user


async def get_user(account: str, principal: Principal, *, uow: UowFactory) -> DirectoryUser:
    org = require_directory_manager(principal)
    async with uow() as u:
        user = await u.directory.get(org, account)
    if user is None:
        raise NotFound("no such user in your directory")
    return user


async def list_users(
    principal: Principal, *, uow: UowFactory, page_size: int = pages.DEFAULT_PAGE_SIZE, page_token: str | None = None
) -> tuple[list[DirectoryUser], str | None]:
    """A page of the organisation's users, by account."""
    org = require_directory_manager(principal)
    after = pages.decode_page_token(page_token, str, str) if page_token else None
    async with uow() as u:
        found = await u.directory.of_org(org, after=after, limit=page_size + 1)
    return pages.next_page(found, page_size, lambda d: (d.account, d.org))


async def delete_user(account: str, principal: Principal, *, uow: UowFactory) -> None:
    org = require_directory_manager(principal)
    async with uow() as u:
        if not await u.directory.delete(org, account):
            raise NotFound("no such user in your directory")
        await u.commit()


async def register_me(
    cmd: RegisterMe, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> DirectoryUser:
    """Record the caller in their organisation's directory, from what they sent and their token's claims. What the
    organisation's admins set (roles, mentor id) is kept; a new entry takes the token's roles."""
    email = cmd.email or principal.email
    if not email:
        why = "give your e-mail address (your token carries none)"
        raise InvalidInput(why, errors=[FieldError("email", why)])
    now, org = clock(), own_org(principal)
    async with uow() as u:
        existing = await u.directory.get(org, principal.sub, for_update=True)
        user = DirectoryUser(
            org=org.id,
            org_kind=org.kind,
            account=principal.sub,
            email=email,
            display_name=cmd.display_name or principal.name or (existing.display_name if existing else email),
            language=cmd.language or language_of(principal.locale) or (existing.language if existing else "en"),
            roles=existing.roles if existing else sorted(principal.roles),
            mentor_id=existing.mentor_id if existing else None,
            self_registered=existing.self_registered if existing else True,
            created_at=existing.created_at if existing else now,
            updated_at=now,
        )
        await u.directory.put(user)
        await u.commit()
    return user


async def get_my_preferences(principal: Principal, *, uow: UowFactory) -> Preferences:
    """The caller's preferences (every category on, mail at once, the directory's language until they set any)."""
    org = own_org(principal)
    async with uow() as u:
        found = await u.preferences.get(org, principal.sub)
    return found or Preferences(org=org.id, org_kind=org.kind, account=principal.sub)


async def set_my_preferences(
    cmd: SetPreferences, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Preferences:
    unknown = [c for c in cmd.disabled if c not in CATEGORIES]
    if unknown:
        why = f"unknown categories {unknown}; known: {', '.join(CATEGORIES)}"
        raise InvalidInput(why, errors=[FieldError("disabled", why)])
    org = own_org(principal)
    prefs = Preferences(
        org=org.id,
        org_kind=org.kind,
        account=principal.sub,
        disabled=sorted(set(cmd.disabled)),
        delivery=cmd.delivery,
        language=cmd.language,
        updated_at=clock(),
    )
    async with uow() as u:
        await u.preferences.put(prefs)
        await u.commit()
    return prefs


def unsubscribe_target(token: str, *, links: UnsubscribeLinks) -> Unsubscribe:
    """What an unsubscribe link names (shown before the user confirms); NotFound for a link that is not ours."""
    target = links.read(token)
    if target.category not in (*CATEGORIES, ALL):
        raise NotFound("no such unsubscribe link")
    return target


async def unsubscribe(token: str, *, links: UnsubscribeLinks, uow: UowFactory, clock: Clock = utc_clock) -> Unsubscribe:
    """Turn the link's category off for its recipient (repeating it changes nothing). A link minted before links
    named the organisation's kind counts for the organisations of that id whose directory lists the account."""
    target = unsubscribe_target(token, links=links)
    async with uow() as u:
        kinds = [target.org_kind] if target.org_kind else await u.directory.kinds_of(target.org, target.account)
        for kind in kinds:
            org = Org(target.org, kind)
            prefs = await u.preferences.get(org, target.account, for_update=True)
            prefs = prefs or Preferences(org=org.id, org_kind=org.kind, account=target.account)
            prefs.turn_off(target.category, clock())
            await u.preferences.put(prefs)
        await u.commit()
    return target
