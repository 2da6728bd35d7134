"""Organisation profiles: the display names, national code and contact an organisation keeps about itself, and the
rules of the two national codes (GB 32100-2015 unified social credit code, the 10-digit school identification code).

An organisation puts its own profile (create or replace); its kind is the kind its tokens carry. A school carries
its school code, an enterprise its unified social credit code (USCC), never the other's. A profile is the proof that
an organisation id names a real party: an agreement is drafted only between two organisations with profiles of the
right kind (handlers/organisations.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum

from praxis_common.errors import Conflict, FieldError, InvalidInput

# GB 32100-2015: 31 characters, the digits and the capitals without I, O, S, V, Z.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_WEIGHTS = [pow(3, i, 31) for i in range(USCC_LENGTH - 1)]  # w_i = 3^(i-1) mod 31, i = 1..17
SCHOOL_CODE_LENGTH = 10


def uscc_check_character(body: str) -> str:
    """The 18th character for the first 17 (which must all be in the charset)."""
    total = sum(_VALUE[c] * w for c, w in zip(body, _WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why `code` is not a unified social credit code (None when it is one). Upper case only: callers normalise."""
    if len(code) != USCC_LENGTH:
        return f"must be {USCC_LENGTH} characters (it has {len(code)})"
    wrong = sorted({c for c in code if c not in _VALUE})
    if wrong:
        return f"may use only 0-9 and A-Z without I, O, S, V, Z (found {''.join(wrong)!r})"
    if not code[2:8].isdigit():
        return "characters 3 to 8 must be the 6-digit administrative division code"
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return f"the check character is wrong (GB 32100-2015): it should be {expected!r} for this code"
    return None


def normalise_uscc(value: str) -> str:
    """The code in upper case, or ValueError saying what is wrong. Lower case is accepted and upper-cased: the code
    is printed in capitals, but people type it as they read it; anything else (spaces, dashes) is refused."""
    code = value.upper()
    problem = uscc_problem(code)
    if problem:
        raise ValueError(problem)
    return code


def school_code_problem(code: str) -> str | None:
    if len(code) != SCHOOL_CODE_LENGTH or not code.isascii() or not code.isdigit():
        return f"must be the {SCHOOL_CODE_LENGTH}-digit national school identification code (学校标识码)"
    return None


class Kind(StrEnum):
    SCHOOL = "school"
    ENTERPRISE = "enterprise"


class KindDiffers(Conflict):
    code = "organisation-kind-differs"


@dataclass(frozen=True)
class ProfileDetails:
    """What the organisation says about itself (everything but its id, kind and bookkeeping)."""

    name_zh: str | None = None
    name_en: str | None = None
    school_code: str | None = None
    uscc: str | None = None
    address: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None


@dataclass(frozen=True)
class ProfileUpdated:
    profile: OrganisationProfile


@dataclass
class OrganisationProfile:
    org: str
    kind: Kind
    name_zh: str | None
    name_en: str | None
    school_code: str | None
    uscc: str | None
    address: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    created_at: datetime
    updated_at: datetime
    version: int = 0
    events: list[ProfileUpdated] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def put(
        cls, existing: OrganisationProfile | None, *, org: str, kind: Kind, details: ProfileDetails, now: datetime
    ) -> OrganisationProfile:
        """Create the profile or replace what it says; an event when anything changed (a repeated PUT is quiet)."""
        check(kind, details)
        if existing is None:
            profile = cls(org=org, kind=kind, created_at=now, updated_at=now, version=1, **_as_dict(details))
            profile.events.append(ProfileUpdated(profile))
            return profile
        if existing.kind is not kind:
            raise KindDiffers(f"organisation {org!r} has a profile as a {existing.kind}, not as a {kind}")
        if existing.details() != details:
            for name, value in _as_dict(details).items():
                setattr(existing, name, value)
            existing.updated_at = now
            existing.events.append(ProfileUpdated(existing))
        return existing

    def details(self) -> ProfileDetails:
        return ProfileDetails(**{f.name: getattr(self, f.name) for f in fields(ProfileDetails)})

    @property
    def changed(self) -> bool:
        return bool(self.events)

    def pull_events(self) -> list[ProfileUpdated]:
        events, self.events = self.events, []
        return events


def _as_dict(details: ProfileDetails) -> dict:
    return {f.name: getattr(details, f.name) for f in fields(ProfileDetails)}


def check(kind: Kind, d: ProfileDetails) -> None:
    """The rules a profile keeps whichever edge it came through (the schemas apply the same code checks first)."""
    problems = []
    if not (d.name_zh or "").strip() and not (d.name_en or "").strip():
        problems.append(FieldError("name_zh", "give a display name in Chinese (name_zh) or English (name_en)"))
    if kind is Kind.SCHOOL:
        if d.uscc is not None:
            problems.append(FieldError("uscc", "is for enterprises; a school gives its school_code"))
        if d.school_code is None:
            problems.append(FieldError("school_code", "a school gives its national school identification code"))
        elif problem := school_code_problem(d.school_code):
            problems.append(FieldError("school_code", problem))
    else:
        if d.school_code is not None:
            problems.append(FieldError("school_code", "is for schools; an enterprise gives its uscc"))
        if d.uscc is None:
            problems.append(FieldError("uscc", "an enterprise gives its unified social credit code"))
        elif problem := uscc_problem(d.uscc):
            problems.append(FieldError("uscc", problem))
    if problems:
        raise InvalidInput("the profile is incomplete or wrong", errors=problems)


def party_problem(profile: OrganisationProfile | None, org: str, kind: Kind) -> str | None:
    """Why `org` cannot be the `kind` party of an agreement (None when it can)."""
    if profile is None:
        return (
            f"organisation {org!r} has no profile: an admin of that {kind} must first PUT /v1/organisations/me "
            "(check the organisation id)"
        )
    if profile.kind is not kind:
        return f"organisation {org!r} is registered as a {profile.kind}, not a {kind}"
    return None
