"""Who may do what with webhooks: an organisation's admins manage its own endpoints and read their deliveries."""

from __future__ import annotations

from praxis_common.auth import Principal
from praxis_common.errors import Forbidden

MANAGING_ROLES = ("admin",)


def require_webhook_admin(principal: Principal) -> str:
    """The organisation whose endpoints the caller manages; Forbidden unless an admin of a school or enterprise."""
    if principal.org_kind not in ("school", "enterprise") or not principal.has_any_role(*MANAGING_ROLES):
        raise Forbidden("only an organisation's admins manage its webhooks")
    return principal.org


DIRECTORY_ROLES = {"school": ("admin",), "enterprise": ("admin", "hr")}


def require_directory_manager(principal: Principal) -> str:
    """The organisation whose user directory the caller maintains: a school's admins, an enterprise's admins and hr."""
    if not principal.has_any_role(*DIRECTORY_ROLES.get(principal.org_kind, ())):
        raise Forbidden("only an organisation's admins (an enterprise's hr too) maintain its user directory")
    return principal.org
