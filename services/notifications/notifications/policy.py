"""Who may do what, and over which organisation: the one place a caller's organisation is taken from their token,
as its id and its kind (domain/orgs.py), so every repository query filters by both. An admin of a school or
enterprise manages its own webhooks; its admins (an enterprise's hr too) maintain its directory; anyone signed in
keeps their own preferences and directory entry."""

from __future__ import annotations

from notifications.domain.orgs import Org
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden

MANAGING_ROLES = ("admin",)


def own_org(principal: Principal) -> Org:
    """The caller's organisation: its id and its kind."""
    return Org(principal.org, principal.org_kind)


def require_webhook_admin(principal: Principal) -> Org:
    """The organisation whose endpoints the caller manages; Forbidden unless an admin of a school or enterprise."""
    if principal.org_kind not in ("school", "enterprise") or not principal.has_any_role(*MANAGING_ROLES):
        raise Forbidden("only an organisation's admins manage its webhooks")
    return own_org(principal)


DIRECTORY_ROLES = {"school": ("admin",), "enterprise": ("admin", "hr")}


def require_directory_manager(principal: Principal) -> Org:
    """The organisation whose user directory the caller maintains: a school's admins, an enterprise's admins and hr."""
    if not principal.has_any_role(*DIRECTORY_ROLES.get(principal.org_kind, ())):
        raise Forbidden("only an organisation's admins (an enterprise's hr too) maintain its user directory")
    return own_org(principal)
