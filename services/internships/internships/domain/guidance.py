"""Guidance sessions as internships keeps them from the mentors service's guidance.recorded events (a read model):
which placement or project team was guided, by which side, on site or online, for how many minutes. The partnership
value ledger counts their minutes per agreement (domain/outcomes.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

CONTEXT_KINDS = ("placement", "project")  # a placement, or a project team
MODES = ("onsite", "online")
MAX_MINUTES = 24 * 60  # the mentors service's bound on one session


@dataclass(frozen=True)
class GuidanceRecord:
    """One guidance session (`session_id` is the mentors service's id of it)."""

    session_id: uuid.UUID
    context_kind: str  # one of CONTEXT_KINDS
    context_id: str  # the placement id, or the team id
    side: str  # school | enterprise
    school_org: str
    enterprise_org: str
    student_ref: str  # a team's context: team:<team id>
    mode: str  # one of MODES
    minutes: int
    held_on: date
    recorded_at: datetime


@dataclass(frozen=True)
class RecordGuidance:
    """The command a guidance.recorded event becomes."""

    record: GuidanceRecord


@dataclass(frozen=True)
class GuidanceTotals:
    """Sums of guidance: sessions, minutes, and the on-site share of them."""

    sessions: int = 0
    minutes: int = 0
    onsite_minutes: int = 0
