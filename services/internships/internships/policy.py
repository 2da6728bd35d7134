"""Who may do what: the parties of an agreement, an organisation's managers, a student's own records. Non-parties
get NotFound: another tenant's agreement does not exist."""

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


# Who manages bases, positions and placements for their organisation.
MANAGING_ROLES = {"school": ("admin", "coordinator"), "enterprise": ("admin", "hr")}


def manager(principal: Principal, *kinds: str) -> str:
    """The principal's organisation kind, if it is one of `kinds` and the principal may manage for it."""
    if principal.org_kind not in kinds:
        raise Forbidden(f"only {' or '.join(k + 's' for k in kinds)} may do this")
    roles = MANAGING_ROLES[principal.org_kind]
    if not principal.has_any_role(*roles):
        raise Forbidden(f"needs one of the roles {', '.join(roles)}")
    return principal.org_kind


STAFF_ROLES = {"admin", "coordinator", "teacher", "hr", "mentor"}


def own_student_ref(principal: Principal) -> str | None:
    """A principal signed in as a student (holding no staff role) sees only their own records: their `sub` is
    the school's student_ref. None for staff."""
    if principal.has_any_role("student") and not principal.roles & STAFF_ROLES:
        return principal.sub
    return None
