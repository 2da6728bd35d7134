"""Who receives an event, and what each receiver may see of it: the one place that decides a webhook payload.

Each supported event type maps to its audience (the organisations the event concerns: a placement's school and
enterprise, an agreement's two parties; never anyone else) and, per audience member, the data that organisation's
own API shows it of the object. Fields are listed, never copied wholesale, so a field an event gains later reaches
no webhook until it is added here.

Placements: the enterprise sees a placement as internships' PlacementRead shows it, whose `profile` is only what the
school chose to share (competencies, languages, as the event carries them); the student's birth date, study year
and anything else the school keeps never reach it — the event does not carry them and this list would not pass
them if it did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from notifications.domain.orgs import ENTERPRISE, SCHOOL, Org
from praxis_common.errors import InvalidInput

PLACEMENT_FIELDS = (
    "placement_id",
    "position_id",
    "agreement_id",
    "school_org",
    "enterprise_org",
    "student_ref",
    "status",
    "starts_on",
    "ends_on",
    "reason",
    "occurred_at",
    "forced",
    "cohort",
)
AGREEMENT_ACTIVATED_FIELDS = (
    "agreement_id",
    "school_org",
    "enterprise_org",
    "valid_from",
    "valid_to",
    "intern_quota",
    "activated_at",
)
AGREEMENT_ENDED_FIELDS = (
    "agreement_id",
    "school_org",
    "enterprise_org",
    "reason",
    "ended_at",
    "terminated_by_org",
    "note",
)


@dataclass(frozen=True)
class Addressed:
    org: Org  # the receiver, its kind that of the event's field naming it (school_org: a school)
    data: dict


def _picked(payload: dict, names: tuple[str, ...]) -> dict:
    return {n: payload[n] for n in names if n in payload}


def _parties(payload: dict) -> list[Org]:
    orgs = [Org(payload.get("school_org") or "", SCHOOL), Org(payload.get("enterprise_org") or "", ENTERPRISE)]
    if not all(o.id for o in orgs):
        raise InvalidInput("event names no school_org or enterprise_org")
    return orgs


def _placement(payload: dict) -> list[Addressed]:
    data = _picked(payload, PLACEMENT_FIELDS)
    data["position_competencies"] = list(payload.get("position_competencies", []))
    # What the school shared of the student (its profile), as the event carries it; the same for both parties.
    data["profile"] = {
        "competencies": list(payload.get("student_competencies", [])),
        "languages": list(payload.get("student_languages", [])),
    }
    return [Addressed(org, dict(data)) for org in _parties(payload)]


def _fields(names: tuple[str, ...]) -> Callable[[dict], list[Addressed]]:
    return lambda payload: [Addressed(org, _picked(payload, names)) for org in _parties(payload)]


PROJECTIONS: dict[str, Callable[[dict], list[Addressed]]] = {
    **{
        f"praxis.internships.placement.{k}.v1": _placement
        for k in ("requested", "confirmed", "rejected", "started", "completed", "withdrawn", "terminated", "expired")
    },
    "praxis.internships.agreement.activated.v1": _fields(AGREEMENT_ACTIVATED_FIELDS),
    "praxis.internships.agreement.ended.v1": _fields(AGREEMENT_ENDED_FIELDS),
}


def addressed(event_type: str, payload: dict) -> list[Addressed]:
    """Each organisation the event is for, with what it may see; [] for an event type no webhook carries."""
    project = PROJECTIONS.get(event_type)
    return project(payload) if project else []
