"""The assignments feed: the changes since a cursor of what the caller's assignment list shows
(praxis_common.feeds)."""

from __future__ import annotations

import uuid

from mentors import policy
from mentors.domain.views import AssignmentView
from mentors.handlers.assignments import ListAssignments
from mentors.handlers.audit import audited_read
from praxis_common.auth import Principal
from praxis_common.feeds import Changes, feed_page
from praxis_common.uow import UowFactory


async def assignment_changes(
    query: ListAssignments, updated_since: str, principal: Principal, *, uow: UowFactory
) -> Changes[AssignmentView]:
    """The assignments the caller's list shows (the same viewer and filters) changed since the cursor; those that
    left the view are tombstones, except for a mentor or a student, who sees only their own and learns no others'
    ids. A platform service's feed holds every organisation's."""
    viewer = policy.viewer(principal)

    async def shown(ids: list[uuid.UUID]) -> dict[uuid.UUID, AssignmentView]:
        found = await u.assignments.list_visible(
            viewer,
            status=query.status,
            side=query.side,
            student_ref=query.student_ref,
            mentor_id=query.mentor_id,
            ids=ids,
            limit=len(ids),
        )
        return {v.assignment.id: v for v in found}

    async with uow() as u:
        items, cursor, more = await feed_page(
            u.connection,
            "assignment",
            None if viewer.org is None else [viewer.org],
            updated_since,
            query.page_size,
            shown,
            hidden_as_tombstones=viewer.mentor_account is None and viewer.student_ref is None,
        )
        shown_views = [v.assignment for v in items if isinstance(v, AssignmentView)]
        await audited_read(u, shown_views, principal, "assignment")
        await u.commit()
    return Changes(items, cursor, more)
