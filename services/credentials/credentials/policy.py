"""Who may do what to a credential (docs/roles.md): only the two parties see it, a student of the school sees their
own, anyone else is told it does not exist (404). Signing commits an organisation: a school's admin signs and
revokes for the school (as for an agreement), an enterprise's admin or hr for the enterprise."""

from __future__ import annotations

from credentials.domain.brought_in import RecordedAchievement
from credentials.domain.issuance import Credential, Passed
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound

SCHOOL_SIGNERS = ("admin",)
ENTERPRISE_SIGNERS = ("admin", "hr")
SCHOOL_READERS = ("admin", "coordinator", "teacher", "mentor")
ENTERPRISE_READERS = ("admin", "hr", "mentor")


def party_of(principal: Principal, c: Credential | Passed) -> str | None:
    """Which party of the credential the caller's organisation is: school, enterprise, or None."""
    if principal.org_kind == "school" and principal.org == c.school_org:
        return "school"
    if principal.org_kind == "enterprise" and principal.org == c.enterprise_org:
        return "enterprise"
    return None


def may_see(principal: Principal, c: Credential | Passed) -> bool:
    party = party_of(principal, c)
    if party == "school":
        return principal.has_any_role(*SCHOOL_READERS) or (
            principal.has_any_role("student") and principal.sub == c.student_ref
        )
    return party == "enterprise" and principal.has_any_role(*ENTERPRISE_READERS)


def visible(principal: Principal, c: Credential | Passed | None, what: str = "credential") -> Credential | Passed:
    """`c` if the caller may see it; otherwise it does not exist (404), whoever holds it."""
    if c is None or not may_see(principal, c):
        raise NotFound(f"no such {what}")
    return c


def require_signer(principal: Principal, c: Credential | Passed, party: str) -> None:
    """The caller signs (or revokes) for `party` of `c`: its organisation is that party and holds a signing role."""
    visible(principal, c)
    if party_of(principal, c) != party:
        raise Forbidden(f"only the {party} of this {c.kind.value} may do this")
    roles = SCHOOL_SIGNERS if party == "school" else ENTERPRISE_SIGNERS
    if not principal.has_any_role(*roles):
        raise Forbidden(f"only the {party}'s {' or '.join(roles)} sign or revoke its credentials")


def listing(principal: Principal) -> tuple[str, str | None]:
    """Whose credentials the caller lists: (the side's column, the student they are limited to, if a student)."""
    if principal.org_kind == "school" and principal.has_any_role(*SCHOOL_READERS):
        return "school_org", None
    if principal.org_kind == "school" and principal.has_any_role("student"):
        return "school_org", principal.sub
    if principal.org_kind == "enterprise" and principal.has_any_role(*ENTERPRISE_READERS):
        return "enterprise_org", None
    raise Forbidden("only a school's or an enterprise's staff, or a student, list credentials")


# Achievements brought in (domain/brought_in.py) are the school's records: its staff record, weigh and withdraw them,
# its readers see them, a student sees their own and presents their own badges. An enterprise sees none.
SCHOOL_RECORDERS = ("admin", "coordinator")


def recording_school(principal: Principal, student_ref: str) -> bool:
    """Whether the caller records `student_ref`'s achievement as the school's staff (True) or presents their own
    badge as the student (False); anyone else is refused."""
    if principal.org_kind == "school" and principal.has_any_role(*SCHOOL_RECORDERS):
        return True
    if principal.org_kind == "school" and principal.has_any_role("student") and principal.sub == student_ref:
        return False
    raise Forbidden("a school's admin or coordinator records its students' achievements; a student presents their own")


def visible_record(principal: Principal, a: RecordedAchievement | None) -> RecordedAchievement:
    """A recorded achievement, if the caller may see it; otherwise it does not exist (404)."""
    if a is None or principal.org_kind != "school" or principal.org != a.school_org:
        raise NotFound("no such recorded achievement")
    if principal.has_any_role(*SCHOOL_READERS) or (
        principal.has_any_role("student") and principal.sub == a.student_ref
    ):
        return a
    raise NotFound("no such recorded achievement")


def require_recorder(principal: Principal, a: RecordedAchievement | None) -> RecordedAchievement:
    a = visible_record(principal, a)
    if not principal.has_any_role(*SCHOOL_RECORDERS):
        raise Forbidden("only the school's admin or coordinator weighs or withdraws a recorded achievement")
    return a


def listing_records(principal: Principal, student_ref: str | None) -> str | None:
    """Whose records the caller lists within its school: the student asked for (None: all) for its staff, always
    their own for a student."""
    if principal.org_kind == "school" and principal.has_any_role(*SCHOOL_READERS):
        return student_ref
    if principal.org_kind == "school" and principal.has_any_role("student"):
        if student_ref not in (None, principal.sub):
            raise NotFound("no such student's achievements")
        return principal.sub
    raise Forbidden("only a school's staff, or a student, list its recorded achievements")
