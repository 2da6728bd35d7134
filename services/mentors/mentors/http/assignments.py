"""REST routes for assignments (/v1/assignments), their sessions, and a student's mentors (/v1/students)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from mentors.handlers import assignment_feed
from mentors.handlers import assignments as handlers
from mentors.handlers import sessions as session_handlers
from mentors.schemas.assignments import (
    AssignIn,
    AssignmentChanges,
    AssignmentPage,
    AssignmentQuery,
    AssignmentRead,
    HistoryPage,
    HistoryRead,
    OverdueList,
    OverdueRead,
    StudentMentorsRead,
)
from mentors.schemas.sessions import SessionIn, SessionPage, SessionRead
from praxis_common.errors import NotFound
from praxis_common.feeds import feed_items, one_of
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken, UpdatedSince
from praxis_common.service import Runtime
from praxis_common.validation import StudentRef


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/assignments", tags=["assignments"])

    @r.get(
        "",
        operation_id="listAssignments",
        response_model=AssignmentPage | AssignmentChanges,
        summary="Assignments you can see; with updated_since, the changes since a cursor",
    )
    async def list_(
        principal: PrincipalDep,
        status: Literal["pending", "active", "ended"] | None = None,
        side: Literal["school", "enterprise"] | None = None,
        student_ref: StudentRef | None = None,
        mentor_id: uuid.UUID | None = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
        updated_since: UpdatedSince = None,
    ) -> AssignmentPage | AssignmentChanges:
        """Newest first. A school sees the assignments of its students (both sides), an enterprise those of the
        students it hosts; a mentor their own; a student theirs."""
        query = AssignmentQuery(
            status=status,
            side=side,
            student_ref=student_ref,
            mentor_id=mentor_id,
            page_size=page_size,
            page_token=page_token,
        )
        one_of(updated_since, page_token)
        if updated_since is not None:
            changes = await assignment_feed.assignment_changes(query.to_command(), updated_since, principal, uow=rt.uow)
            return AssignmentChanges(
                items=feed_items(changes.items, AssignmentRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        items, token = await handlers.list_assignments(query.to_command(), principal, uow=rt.uow)
        return AssignmentPage(items=[AssignmentRead.of(v) for v in items], next_page_token=token)

    @r.get(
        "/pending",
        operation_id="listPendingAssignments",
        response_model=AssignmentPage,
        summary="Your organisation's needs-a-mentor list",
    )
    async def pending(
        principal: PrincipalDep,
        page_size: Annotated[int, Query(ge=1, le=500)] = 200,
        page_token: PageToken = None,
    ) -> AssignmentPage:
        """Your side's assignments that no mentor had capacity for, oldest first. They are filled automatically
        as soon as capacity frees (a seat released, a mentor created, capacity raised, a mentor re-activated),
        or by hand with POST /v1/assignments/{id}/assign."""
        items, token = await handlers.needs_a_mentor(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return AssignmentPage(items=[AssignmentRead.of(v) for v in items], next_page_token=token)

    @r.get(
        "/overdue-guidance",
        operation_id="listOverdueGuidance",
        response_model=OverdueList,
        summary="Assignments overdue for on-site guidance",
    )
    async def overdue(
        principal: PrincipalDep,
        days: Annotated[int | None, Query(ge=1, le=365)] = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
    ) -> OverdueList:
        """Active enterprise-side assignments of your contexts whose placement began at least `days` days ago
        (default: the configured threshold) and with no on-site session of the enterprise mentor in that time;
        oldest first."""
        threshold = days or rt.settings.overdue_guidance_days
        found, token = await session_handlers.overdue_guidance(
            principal, uow=rt.uow, days=threshold, clock=rt.clock, page_size=page_size, page_token=page_token
        )
        return OverdueList(
            days=threshold,
            items=[
                OverdueRead(assignment=AssignmentRead.of(o.assignment), last_onsite_session=o.last_onsite)
                for o in found
            ],
            next_page_token=token,
        )

    @r.get(
        "/{assignment_id}",
        operation_id="getAssignment",
        response_model=AssignmentRead,
        summary="One assignment you can see",
    )
    async def get(assignment_id: uuid.UUID, principal: PrincipalDep) -> AssignmentRead:
        return AssignmentRead.of(await handlers.get_assignment(assignment_id, principal, uow=rt.uow))

    @r.get(
        "/{assignment_id}/history",
        operation_id="getAssignmentHistory",
        response_model=HistoryPage,
        summary="Every change of an assignment",
    )
    async def history(
        assignment_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> HistoryPage:
        """Oldest first: pending, assigned (automatic, manual, or filled when capacity freed), reassigned, ended;
        each with its reason and who acted."""
        found, token = await handlers.assignment_history(
            assignment_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return HistoryPage(items=[HistoryRead.of(h) for h in found], next_page_token=token)

    @r.post(
        "/{assignment_id}/assign",
        operation_id="assignMentor",
        response_model=AssignmentRead,
        summary="Assign or reassign the mentor (owning side)",
        responses={409: {"description": "mentor-full, an inactive mentor, or an ended assignment (problem+json)"}},
    )
    async def assign(assignment_id: uuid.UUID, body: AssignIn, principal: PrincipalDep) -> AssignmentRead:
        """The school picks the school mentor, the enterprise the enterprise mentor (managers), with a reason.
        The previous mentor's seat goes to the side's oldest waiting assignment."""
        return AssignmentRead.of(
            await handlers.assign_mentor(body.to_command(assignment_id), principal, uow=rt.uow, clock=rt.clock)
        )

    @r.post(
        "/{assignment_id}/sessions",
        operation_id="recordSession",
        status_code=201,
        response_model=SessionRead,
        summary="Record a guidance session",
    )
    async def record(
        request: Request,
        assignment_id: uuid.UUID,
        body: SessionIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """By the assignment's side: its mentor or managers. held_on must not be in the future; minutes 1 to
        1440. Send an Idempotency-Key."""

        async def record_it(uow):
            session = await session_handlers.record_session(
                assignment_id,
                body.to_command(),
                principal,
                uow=uow,
                clock=rt.clock,
            )
            return SessionRead.of(session), f"/v1/assignments/{assignment_id}/sessions/{session.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=record_it)

    @r.get(
        "/{assignment_id}/sessions",
        operation_id="listSessions",
        response_model=SessionPage,
        summary="An assignment's guidance sessions",
    )
    async def sessions(
        assignment_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> SessionPage:
        """Latest first."""
        found, token = await session_handlers.list_sessions(
            assignment_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return SessionPage(items=[SessionRead.of(s) for s in found], next_page_token=token)

    @r.post(
        "/{assignment_id}/sessions/{session_id}/confirm",
        operation_id="confirmSession",
        response_model=SessionRead,
        summary="Confirm a session took place (student's school)",
    )
    async def confirm(assignment_id: uuid.UUID, session_id: uuid.UUID, principal: PrincipalDep) -> SessionRead:
        """The student's school (its managers, or the student) confirms; confirming again changes nothing."""
        return SessionRead.of(
            await session_handlers.confirm_session(assignment_id, session_id, principal, uow=rt.uow, clock=rt.clock)
        )

    return r


def students_router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/students", tags=["assignments"])

    @r.get(
        "/{student_ref}/mentors",
        operation_id="getStudentMentors",
        response_model=StudentMentorsRead,
        summary="Who mentors a student now, and for what",
    )
    async def mentors_of(
        student_ref: StudentRef,
        principal: PrincipalDep,
        include_ended: bool = False,
    ) -> StudentMentorsRead:
        """The student's current assignments (every one with include_ended): the student's school sees its own
        student's, the host enterprise those of the placements it hosts; 404 when you see none."""
        found = await handlers.student_mentors(student_ref, principal, uow=rt.uow, include_ended=include_ended)
        if not found:
            raise NotFound("no mentoring known for this student")
        return StudentMentorsRead(student_ref=student_ref, assignments=[AssignmentRead.of(v) for v in found])

    return r
