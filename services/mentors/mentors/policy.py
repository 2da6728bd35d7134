"""Who may do what in the mentors service. Rows of another organisation answer as if they did not exist (404).

- Organisation managers (a school's admin/coordinator, an enterprise's admin/hr) manage their own
  organisation's mentors and its side of every assignment.
- A mentor signing in (role mentor or teacher, their `sub` recorded as the mentor's account) sees the
  assignments they hold and records sessions for them.
- A student (role student, no staff role) sees their own assignments and confirms their sessions.
- Both parties of a mentoring context (the student's school, the host enterprise) see both of its
  assignments; only the side that owns an assignment changes it.
- A platform principal with role "service" (another Praxis service) may ask the two service questions (gRPC
  GetAssignments, IsMentorOf) about any organisation, and nothing else; other platform principals see nothing
  (the edges refuse them too: praxis_common.principals).
"""

from __future__ import annotations

from mentors.domain.mentors import Side
from mentors.domain.views import Viewer
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden
from praxis_common.principals import is_service

MANAGING_ROLES = {"school": ("admin", "coordinator"), "enterprise": ("admin", "hr")}
MENTOR_ROLES = ("mentor", "teacher")
STAFF_ROLES = {"admin", "coordinator", "teacher", "hr", "mentor"}


def is_manager(principal: Principal) -> bool:
    roles = MANAGING_ROLES.get(principal.org_kind)
    return bool(roles) and principal.has_any_role(*roles)


def manager(principal: Principal) -> Side:
    """The side the principal manages for (their organisation's kind), or Forbidden."""
    if principal.org_kind not in MANAGING_ROLES:
        raise Forbidden("only schools and enterprises manage mentors")
    if not is_manager(principal):
        raise Forbidden(f"needs one of the roles {', '.join(MANAGING_ROLES[principal.org_kind])}")
    return Side(principal.org_kind)


def member(principal: Principal) -> Side:
    """A school's or an enterprise's staff (any staff role): may read their organisation's mentors."""
    if principal.org_kind not in MANAGING_ROLES:
        raise Forbidden("only schools and enterprises have mentors")
    if not principal.roles & STAFF_ROLES:
        raise Forbidden(f"needs a staff role ({', '.join(sorted(STAFF_ROLES))})")
    return Side(principal.org_kind)


def asking_viewer(principal: Principal, *, service_org: str | None = None) -> Viewer:
    """The view behind the questions other services ask (who mentors a student, is X their mentor). A platform
    service may name the organisation whose view it takes (`service_org`); without one it sees every
    organisation. Anyone else takes their own `viewer` and may name only their own organisation."""
    if is_service(principal):
        return Viewer(org=service_org, side=None, sub=principal.sub, manager=True)
    if service_org is not None and service_org != principal.org:
        raise Forbidden("only a platform service may query another organisation")
    return viewer(principal)


def viewer(principal: Principal) -> Viewer:
    """A school's or an enterprise's view of assignments: its own organisation's contexts, narrowed to their own
    assignments (mentor) or their own record (student). Platform principals see none."""
    if principal.org_kind not in MANAGING_ROLES:
        raise Forbidden("only schools and enterprises see assignments")
    side = Side(principal.org_kind)
    if is_manager(principal):
        return Viewer(org=principal.org, side=side, sub=principal.sub, manager=True)
    if principal.has_any_role(*MENTOR_ROLES):
        return Viewer(org=principal.org, side=side, sub=principal.sub, mentor_account=principal.sub)
    if side is Side.SCHOOL and principal.has_any_role("student"):
        return Viewer(org=principal.org, side=side, sub=principal.sub, student_ref=principal.sub)
    raise Forbidden("needs a managing, mentor or student role")
