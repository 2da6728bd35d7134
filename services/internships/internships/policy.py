"""Who may do what with agreements. Non-parties get NotFound: another tenant's agreement does not exist."""

from __future__ import annotations

from internships.domain.agreements import Agreement, Side
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound

# Roles that may commit an organisation to an agreement.
SIGNING_ROLES = {Side.SCHOOL: ("admin",), Side.ENTERPRISE: ("admin", "hr")}


def acting_side(principal: Principal) -> Side:
    if principal.org_kind == "school":
        side = Side.SCHOOL
    elif principal.org_kind == "enterprise":
        side = Side.ENTERPRISE
    else:
        raise Forbidden("only schools and enterprises are parties to agreements")
    if not principal.has_any_role(*SIGNING_ROLES[side]):
        raise Forbidden(f"needs one of the roles {', '.join(SIGNING_ROLES[side])}")
    return side


def visible(agreement: Agreement | None, principal: Principal) -> Agreement:
    # A party is an organisation of the right kind: an enterprise named like a school is not that school.
    if agreement is None or agreement.side_of(principal.org, principal.org_kind) is None:
        raise NotFound("no such agreement")
    return agreement


def own_side(agreement: Agreement, principal: Principal) -> Side:
    """The side the principal acts for on this agreement (it must be a party of the right kind)."""
    visible(agreement, principal)
    side = acting_side(principal)
    if agreement.side_of(principal.org, side) is None:
        raise NotFound("no such agreement")
    return side
