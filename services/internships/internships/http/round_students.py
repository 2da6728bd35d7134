"""REST routes of an allocation round's students and their ranked lists (/v1/rounds/{id}/students)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from internships.handlers import rounds as handlers
from internships.http.rounds import CONFLICTS, PREFIX, TAGS
from internships.schemas.rounds import (
    STUDENTS_MAX_BYTES,
    PreferencesIn,
    RoundStudentPage,
    RoundStudentRead,
    RoundStudentsAdded,
    RoundStudentsIn,
)
from praxis_common import bulk
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import StudentRef


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix=PREFIX, tags=TAGS)
    compliance = rt.settings.compliance

    @r.post(
        "/{round_id}/students",
        operation_id="addRoundStudents",
        max_body_size=STUDENTS_MAX_BYTES,
        response_model=RoundStudentsAdded,
        summary="Add students to the round (school)",
        responses={**CONFLICTS, 409: {"description": CONFLICTS[409]["description"] + ", or round-full"}},
    )
    async def add_students(
        round_id: uuid.UUID, body: Annotated[RoundStudentsIn, bulk.Deferred], principal: PrincipalDep
    ) -> Response:
        """Up to 1,000 of the caller school's students at a time (a round holds at most 50,000: 409 round-full),
        with the profile it shares with enterprises; adding a student again updates the profile and keeps the
        list. While the round is open."""
        entries = await asyncio.to_thread(lambda: RoundStudentsIn.check(body).to_command())
        stored = await handlers.add_students(round_id, entries, principal, uow=rt.uow, clock=rt.clock)
        return await bulk.json_response(lambda: RoundStudentsAdded(items=[RoundStudentRead.of(s) for s in stored]))

    @r.get(
        "/{round_id}/students",
        operation_id="listRoundStudents",
        response_model=RoundStudentPage,
        summary="The school's students in the round",
    )
    async def students(
        round_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> RoundStudentPage:
        """The caller school's own students with their ranked lists, by reference (a signed-in student: their own
        entry)."""
        items, token = await handlers.list_students(
            round_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return RoundStudentPage(items=[RoundStudentRead.of(s) for s in items], next_page_token=token)

    @r.put(
        "/{round_id}/students/{student_ref}/preferences",
        operation_id="setPreferences",
        response_model=RoundStudentRead,
        summary="Set a student's ranked list",
        responses={**CONFLICTS, 422: {"description": "unknown or repeated positions, too many, or not bookable"}},
    )
    async def preferences(
        round_id: uuid.UUID, student_ref: StudentRef, body: PreferencesIn, principal: PrincipalDep
    ) -> RoundStudentRead:
        """Replaces the list (best first) of one of the caller school's students, or the signed-in student's own.
        Every position must be in the round, once, at most list_limit of them, and bookable for the student (an
        agreement covering its start, the compliance rules for the student's age and year). While open."""
        stored = await handlers.set_preferences(
            round_id, student_ref, body.positions, principal, uow=rt.uow, clock=rt.clock, compliance=compliance
        )
        return RoundStudentRead.of(stored)

    @r.delete(
        "/{round_id}/students/{student_ref}",
        operation_id="removeRoundStudent",
        status_code=204,
        summary="Take a student out of the round",
        responses=CONFLICTS,
    )
    async def remove_student(round_id: uuid.UUID, student_ref: StudentRef, principal: PrincipalDep) -> Response:
        """One of the caller school's students, while the round is open; rankings naming them stop counting."""
        await handlers.remove_student(round_id, student_ref, principal, uow=rt.uow)
        return Response(status_code=204)

    return r
