"""A project's confidentiality terms and who may open its material.

The enterprise publishes the terms of a project in versions (1, 2, …); a published version never changes, a new
one replaces it as the current terms. A school's student accepts the current version (a recorded acceptance: who,
which school, which version, when) before the project's material opens to them; a new version asks for acceptance
again. Each material item has a sensitivity (domain.projects.Sensitivity); `opens` decides, for a caller who sees
the project, which items open to them (docs/project-material.md).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from praxis_common.errors import Conflict, Forbidden
from projects.domain.projects import Material, Sensitivity

MAX_TERMS_CHARS = 50_000


class TermsNotAccepted(Forbidden):
    code, title = "terms-not-accepted", "Accept the project's current confidentiality terms first"


class TermsChanged(Conflict):
    code, title = "terms-changed", "The terms accepted are not the current version"


@dataclass(frozen=True)
class Terms:
    project_id: uuid.UUID
    version: int
    text: str
    published_at: datetime
    published_by: str


@dataclass(frozen=True)
class TermsAcceptance:
    project_id: uuid.UUID
    version: int
    student_ref: str
    school_org: str
    accepted_at: datetime


@dataclass(frozen=True)
class TermsPublished:
    terms: Terms
    enterprise_org: str


@dataclass(frozen=True)
class TermsAccepted:
    acceptance: TermsAcceptance


def require_current(current: Terms | None, version: int) -> Terms:
    """The terms a student accepts are the current version (the one they read)."""
    if current is None:
        raise Conflict("the project has no confidentiality terms to accept")
    if version != current.version:
        raise TermsChanged(
            f"version {version} is not the current terms; read version {current.version} and accept it",
            current_version=current.version,
        )
    return current


def opens(items: list[Material], *, student: bool, current: Terms | None, accepted: bool) -> list[Material]:
    """The items a caller who sees the project may open. Staff (the enterprise's, the school's) open every item.
    A student: while the project has terms they have not accepted in their current version, nothing (refused with
    terms-not-accepted); then public and internal items, and confidential ones only with an accepted version (a
    project without terms keeps its confidential items from students)."""
    if not student:
        return items
    if current is not None and not accepted:
        raise TermsNotAccepted(
            f"accept version {current.version} of the project's confidentiality terms to open its material",
            current_version=current.version,
        )
    return [m for m in items if m.sensitivity is not Sensitivity.CONFIDENTIAL or accepted]
