"""Who may do what: the parties of an agreement, an organisation's managers, a student's own records. Non-parties
get NotFound: another tenant's agreement does not exist."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from internships.domain.agreements import Agreement, Side
from internships.domain.mentoring import AssignedMentor
from internships.domain.placements import Party, Placement
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


# ---- a placement's people: who files for its student, who acts as its assigned mentor

FILING_ROLES = ("admin", "coordinator", "teacher")  # the school, on the student's behalf
ON_BEHALF_ROLES = ("admin", "hr")  # the enterprise, on its assigned mentor's behalf


def is_the_student(principal: Principal, placement: Placement) -> bool:
    return (
        principal.has_any_role("student")
        and principal.org == placement.school_org
        and principal.sub == placement.student_ref
    )


def files_for_student(principal: Principal, placement: Placement) -> bool:
    """The student, or their school's staff on their behalf (logbook weeks, attendance, weekly reports). The host
    enterprise files nothing: it would be approving its own account of the student's work."""
    if principal.org_kind != "school" or principal.org != placement.school_org:
        return False
    return principal.has_any_role(*FILING_ROLES) or is_the_student(principal, placement)


def is_assigned_mentor(principal: Principal, mentor: AssignedMentor | None, side: str, org: str) -> bool:
    """The principal signs in as the mentor the mentors service assigned to the placement's `side` (of `org`): the
    token's `sub` is the account internships' read model keeps for that mentor."""
    return (
        principal.org_kind == side
        and principal.org == org
        and mentor is not None
        and mentor.org == org
        and mentor.account is not None
        and mentor.account == principal.sub
        and bool(principal.roles & STAFF_ROLES)
    )


def acting_for_enterprise_mentor(
    principal: Principal, placement: Placement, mentor: AssignedMentor | None, on_behalf_of_mentor: bool, *, what: str
) -> bool:
    """False for the placement's assigned enterprise mentor, True for the enterprise's admin or HR acting explicitly
    on the mentor's behalf (`on_behalf_of_mentor`); Forbidden, saying who may do `what`, for anyone else."""
    if principal.org_kind == "enterprise" and principal.org == placement.enterprise_org:
        if is_assigned_mentor(principal, mentor, "enterprise", placement.enterprise_org):
            return False
        if on_behalf_of_mentor and principal.has_any_role(*ON_BEHALF_ROLES):
            return True
    raise Forbidden(
        "only the placement's assigned enterprise mentor (signed in with the account the mentors service records for "
        f"them) {what}; the enterprise's admin or HR may act on the mentor's behalf with on_behalf_of_mentor"
        + ("" if mentor is not None else "; no enterprise mentor is assigned to this placement yet")
    )


@dataclass(frozen=True)
class MentorAct:
    """Who does an enterprise mentor's act on a placement (review a logbook week, attest a week's attendance), as the
    week records it: `by` of `by_org`, for the assigned mentor `mentor_id`, and whether HR acted on their behalf."""

    by: str
    by_org: str
    mentor_id: uuid.UUID | None
    on_behalf: bool


def enterprise_mentor_act(
    principal: Principal, placement: Placement, mentor: AssignedMentor | None, on_behalf_of_mentor: bool, *, what: str
) -> MentorAct:
    """A signed-in principal's act: the assigned mentor's, or HR's on their behalf (acting_for_enterprise_mentor)."""
    on_behalf = acting_for_enterprise_mentor(principal, placement, mentor, on_behalf_of_mentor, what=what)
    return MentorAct(principal.sub, principal.org, mentor.mentor_id if mentor else None, on_behalf)


def linked_mentor_act(
    org: str, mentor_id: uuid.UUID, placement: Placement, mentor: AssignedMentor | None, *, what: str
) -> MentorAct:
    """The act of the enterprise (`org`) mentor an action link was sent to, while they are still the placement's
    assigned enterprise mentor; recorded as theirs (their sign-in account, else `mentor:<id>`), like their own review.
    Another enterprise's placement does not exist for the link."""
    if placement.enterprise_org != org:
        raise NotFound("no such placement")
    if mentor is None or mentor.mentor_id != mentor_id or mentor.org != org:
        raise Forbidden(
            f"the mentor this link was sent to is no longer the placement's enterprise mentor; only that mentor {what}"
        )
    return MentorAct(mentor.account or f"mentor:{mentor.mentor_id}", org, mentor.mentor_id, False)


MENTOR_ONLY = frozenset({"mentor"})


def sees_placement_evaluations(
    principal: Principal, placement: Placement, enterprise_mentor: AssignedMentor | None
) -> bool:
    """A party's staff see a placement's evaluations, but an enterprise account that is only a mentor sees those of
    the placements it mentors (as internships' read model of the mentors service knows them), not its colleagues'."""
    if principal.org_kind == "enterprise" and principal.roles and principal.roles <= MENTOR_ONLY:
        return is_assigned_mentor(principal, enterprise_mentor, "enterprise", placement.enterprise_org)
    return True


def visible_placement(placement: Placement | None, principal: Principal) -> tuple[Placement, Party]:
    """The placement and the caller's party to it, if the caller may see it: its school's and enterprise's staff, and
    its own student; anyone else gets 404, as if it did not exist."""
    party = placement.party(principal.org, principal.org_kind) if placement else None
    student = own_student_ref(principal)
    if placement is None or party is None or (student is not None and placement.student_ref != student):
        raise NotFound("no such placement")
    return placement, party
