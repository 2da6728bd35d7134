"""Use cases of the projects service: one async function per command or query, each in a unit of work.

REST and gRPC call these (through one schema's to_command()); they take already-validated commands and a Principal. The mentors service is reached
through the MentorDirectory port (adapters/mentors.py over gRPC), never inside an open transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from praxis_common.uow import Clock, UowFactory, utc_clock

__all__ = ["Clock", "MentorDirectory", "MentorRole", "UowFactory", "utc_clock"]


@dataclass(frozen=True)
class MentorRole:
    """The caller is the team's mentor of this side (as the mentors service knows it)."""

    side: str  # school | enterprise
    mentor_id: str
    assignment_id: str


class MentorDirectory(Protocol):
    async def role_of_caller(self, token: str, *, student_ref: str, team_id: str) -> MentorRole | None:
        """The caller's (the token's) active mentoring of the student in the team, or None. Raises Unavailable
        when the mentors service cannot answer in time: nothing is then accepted unchecked."""
        ...
