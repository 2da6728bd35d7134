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
