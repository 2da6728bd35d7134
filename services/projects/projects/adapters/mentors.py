"""The projects service's MentorDirectory: "is the caller this team's mentor?", asked of the mentors service through
the shared client (praxis_mentors_client: forwarded token, deadline PROJECTS_MENTORS_DEADLINE_SECONDS, one retry on
UNAVAILABLE, 503 when it cannot answer). The resources hook opens the client at start, inside the running event
loop, and closes it at shutdown; edges reach it through the Runtime (`MentorsOf`)."""

from __future__ import annotations

from praxis_common.service import Runtime
from praxis_mentors_client import MentorsClient
from projects.handlers import MentorRole


def open_client(rt: Runtime) -> MentorsClient:
    """The projects service's resources hook: the mentors client, opened at start and closed at shutdown."""
    return MentorsClient(rt.settings.mentors_grpc_target, deadline_seconds=rt.settings.mentors_deadline_seconds)


class MentorsOf:
    """The MentorDirectory of a running service: the client its resources hook opened (`rt.resources`), looked up
    at each question, so edges can also be assembled without the service running (the OpenAPI document is)."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    async def role_of_caller(self, token: str, *, student_ref: str, team_id: str) -> MentorRole | None:
        client: MentorsClient = self._rt.resources
        found = await client.role_of_caller(token, student_ref=student_ref, context="project", context_id=team_id)
        return MentorRole(found.side, found.mentor_id, found.assignment_id) if found else None
