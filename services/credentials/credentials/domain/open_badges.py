"""What a credential says: an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential, data model 2.0).

Praxis issues one for a passed placement or a passed enterprise project. The school is the issuer; the host
enterprise is the achievement's `source` (in Open Badges, who assessed the achievement on the issuer's behalf) and
countersigns (securing.py). The evidence is what Praxis holds: approved hours and the core-work share, the
four-party scorecard's total, the grade on the school's scale, the credits.

The student is identified without their school reference in the clear: a salted SHA-256 of it (an Open Badges
`IdentityObject`), which the student, who knows the reference and is given the salt, can prove; and, when the school
gives it, their name, for a human reading the certificate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


class Kind(StrEnum):
    PLACEMENT = "placement"
    PROJECT = "project"


# Open Badges' achievementType vocabulary has no internship; extensions are written "ext:<Name>".
ACHIEVEMENT_TYPE = {Kind.PLACEMENT: "ext:Internship", Kind.PROJECT: "ext:EnterpriseProject"}


@dataclass(frozen=True)
class Party:
    did: str
    name: str

    def profile(self) -> dict:
        return {"id": self.did, "type": ["Profile"], "name": self.name}


@dataclass(frozen=True)
class Achievement:
    """A passed placement or project, as the events reported it."""

    kind: Kind
    source_id: str  # the placement's id, or the project credit's id
    title: str  # the position's or the project's title
    school: Party
    enterprise: Party
    student_ref: str
    starts_on: date | None
    ends_on: date | None
    credits: Decimal
    grade: str = ""  # on the school's scale (优, B); "" for a project
    total: Decimal | None = None  # the weighted total, 0-100
    internship_type: str = ""
    programme: str = ""  # the cohort or programme the placement belongs to
    competencies: tuple[str, ...] = ()
    hours: Decimal | None = None  # approved hours
    core_hours: Decimal | None = None
    evidence_notes: tuple[str, ...] = field(default_factory=tuple)


def identity_hash(student_ref: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((student_ref + salt).encode()).hexdigest()


def credential(
    a: Achievement,
    *,
    credential_id: str,
    issued_at: datetime,
    salt: str,
    status: dict,
    student_name: str = "",
    verify_url: str = "",
) -> dict:
    """The unsigned credential (securing.py signs it). `credential_id` is a URN (`urn:uuid:…`); `status` its
    `credentialStatus` entry (status_list.entry)."""
    subject: dict = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "identifier",
                "hashed": True,
                "identityHash": identity_hash(a.student_ref, salt),
                "salt": salt,
            }
        ],
        "achievement": _achievement(a),
        "source": a.enterprise.profile(),
        "creditsEarned": float(a.credits),
    }
    if student_name:
        subject["identifier"].append(
            {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": student_name}
        )
    if a.grade or a.total is not None:
        subject["result"] = [
            {"type": ["Result"], "value": v} for v in (a.grade, None if a.total is None else str(a.total)) if v
        ]
    if a.starts_on:
        subject["activityStartDate"] = a.starts_on.isoformat()
    if a.ends_on:
        subject["activityEndDate"] = a.ends_on.isoformat()
    body = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": _name(a),
        "issuer": a.school.profile(),
        "validFrom": instant(issued_at),
        "credentialSubject": subject,
        "evidence": _evidence(a),
        "credentialStatus": status,
    }
    if verify_url:
        body["description"] = f"Verify at {verify_url}"
    return body


def _name(a: Achievement) -> str:
    return f"Internship: {a.title}" if a.kind is Kind.PLACEMENT else f"Enterprise project: {a.title}"


def _achievement(a: Achievement) -> dict:
    what = "an internship placement" if a.kind is Kind.PLACEMENT else "an enterprise project"
    achievement: dict = {
        "id": f"urn:praxis:achievement:{a.kind.value}:{a.source_id}",
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPE[a.kind],
        "name": a.title,
        "description": f"Passed {what} at {a.enterprise.name}, assessed by the school and the enterprise.",
        "criteria": {
            "narrative": "Passed under the school's rubric: scores from the school mentor, the enterprise mentor "
            "and the student's own assessment, graded by the school."
        },
        "creator": a.school.profile(),
        "creditsAvailable": float(a.credits),
    }
    if a.competencies:
        achievement["tag"] = list(a.competencies)
    if a.programme:
        achievement["fieldOfStudy"] = a.programme
    if a.internship_type:
        achievement["specialization"] = a.internship_type
    return achievement


def _evidence(a: Achievement) -> list[dict]:
    lines = []
    if a.hours is not None:
        share = f" ({a.core_hours / a.hours:.0%} of them core work)" if a.core_hours is not None and a.hours else ""
        lines.append(f"{a.hours.normalize():f} approved hours{share}.")
    if a.total is not None:
        lines.append(f"Four-party scorecard total {a.total}{f', grade {a.grade}' if a.grade else ''}.")
    lines.append(f"{a.credits.normalize():f} credits awarded by {a.school.name}.")
    lines.extend(a.evidence_notes)
    return [{"type": ["Evidence"], "name": "Praxis record", "narrative": " ".join(lines)}]


def instant(t: datetime) -> str:
    """A time as credentials write it: UTC, to the second, `Z` (whatever zone the clock reads in)."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
