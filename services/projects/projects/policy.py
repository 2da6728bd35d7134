"""Who may do what in the projects service. What a caller may not see answers as if it did not exist (404).

- An enterprise owns its projects: its managers (admin, hr) create, change, publish, share, revoke and complete
  them; its staff (also mentors and integrations) read them and their teams; its managers and its platform
  integration (role `integration`) post the teams' metrics.
- A school sees a project while the enterprise shares it with the school (not revoked, not expired) and the two
  are partners (an active agreement): its staff and students read it and its material — a student only after
  accepting the project's current confidentiality terms, and confidential items only then (domain.terms.opens).
  Its managers (admin, coordinator) form and dissolve teams of its students.
- A team and everything recorded about it (milestones, deliverables, evaluations, scorecards, credits) belong to
  the team's school and stay readable by it after the enterprise revokes the school; the enterprise reads the
  teams of its projects. A student reads the teams they are in and their own scorecard, submits their team's
  deliverables and rates their teammates; the school's staff submit too.
- Reviews and mentor scores come from the team's mentors, which the mentors service decides (gRPC IsMentorOf);
  here a caller only needs to belong to one of the team's two organisations.
- Platform principals see no tenant content (403 before any lookup).
"""

from __future__ import annotations

from enum import StrEnum

from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from projects.domain.teams import Team

MANAGING_ROLES = {"school": ("admin", "coordinator"), "enterprise": ("admin", "hr")}
STAFF_ROLES = {
    "school": {"admin", "coordinator", "teacher", "mentor"},
    "enterprise": {"admin", "hr", "mentor", "integration"},
}
METRIC_ROLES = ("admin", "hr", "integration")
STUDENT_ROLE = "student"


def tenant(principal: Principal) -> None:
    if principal.org_kind not in MANAGING_ROLES:
        raise Forbidden("only schools and enterprises use projects")


def is_staff(principal: Principal) -> bool:
    return bool(principal.roles & STAFF_ROLES.get(principal.org_kind, set()))


def is_manager(principal: Principal) -> bool:
    roles = MANAGING_ROLES.get(principal.org_kind)
    return bool(roles) and principal.has_any_role(*roles)


def is_student(principal: Principal) -> bool:
    return principal.org_kind == "school" and STUDENT_ROLE in principal.roles and not is_staff(principal)


def reader(principal: Principal) -> None:
    """Staff of a school or an enterprise, or a school's student."""
    tenant(principal)
    if not (is_staff(principal) or is_student(principal)):
        raise Forbidden("needs a staff or student role")


def enterprise_manager(principal: Principal) -> None:
    if principal.org_kind != "enterprise":
        raise Forbidden("only an enterprise manages its projects")
    if not is_manager(principal):
        raise Forbidden("needs one of the roles admin, hr")


def school_manager(principal: Principal) -> None:
    if principal.org_kind != "school":
        raise Forbidden("only a school forms teams of its students")
    if not is_manager(principal):
        raise Forbidden("needs one of the roles admin, coordinator")


class TeamRole(StrEnum):
    SCHOOL_STAFF = "school_staff"
    MEMBER = "member"  # a student of the team
    ENTERPRISE_STAFF = "enterprise_staff"


def team_role(principal: Principal, team: Team) -> TeamRole:
    """How the caller relates to the team; NotFound for anyone else (another school, another enterprise, a
    student of another team)."""
    reader(principal)
    if principal.org_kind == "school" and principal.org == team.school_org:
        if is_staff(principal):
            return TeamRole.SCHOOL_STAFF
        if principal.sub in team.member_refs:
            return TeamRole.MEMBER
    if principal.org_kind == "enterprise" and principal.org == team.enterprise_org:
        return TeamRole.ENTERPRISE_STAFF
    raise NotFound("no such team")


def not_the_mentor(principal: Principal, what: str) -> Forbidden:
    """A refusal that says how the mentors service recognises a mentor, so a mentor refused knows what to fix."""
    return Forbidden(
        f"{what}: the mentors service knows no mentor of {principal.org} whose account is {principal.sub!r} (your "
        "token's sub) assigned to this team. Sign in with the sub your mentor record's `account` holds (see "
        "docs/roles.md)"
    )


def sees_scorecard(principal: Principal, team: Team, student_ref: str) -> bool:
    role = team_role(principal, team)
    return role is not TeamRole.MEMBER or principal.sub == student_ref
