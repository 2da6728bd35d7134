"""Credit records: when a project completes, each student of its teams whose weighted total is at or above the
project's pass mark earns the project's credits. The record belongs to the student's school, which lists and
exports it for its academic system; it stays the school's even if the enterprise later stops sharing the project.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a project's completion records the credits it awards (domain/projects.py imports this module)
    from praxis_evaluation import Scorecard
    from projects.domain.projects import Project
    from projects.domain.teams import Team


@dataclass(frozen=True)
class Credit:
    id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    project_id: uuid.UUID
    project_title: str
    team_id: uuid.UUID
    credits: Decimal
    score: Decimal  # the weighted total, 0–100
    awarded_on: date
    awarded_at: datetime


@dataclass(frozen=True)
class CreditAwarded:
    credit: Credit


def award(project: Project, team: Team, card: Scorecard, *, now: datetime) -> Credit | None:
    """The credit the student earns, or None below the pass mark. `now` is in the deployment's zone: its date is
    the award date."""
    if not card.passes:
        return None
    return Credit(
        id=uuid.uuid4(),
        student_ref=card.student_ref,
        school_org=team.school_org,
        enterprise_org=project.enterprise_org,
        project_id=project.id,
        project_title=project.title,
        team_id=team.id,
        credits=project.credits,
        score=card.weighted_total,
        awarded_on=now.date(),
        awarded_at=now,
    )
