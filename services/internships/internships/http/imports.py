"""REST routes of imports (/v1/imports, the kernel's job resource) and of the student roster they fill
(/v1/students)."""

from __future__ import annotations

from fastapi import APIRouter

from internships.handlers import roster as handlers
from internships.schemas.import_kinds import KINDS
from internships.schemas.roster import RosterPage, RosterStudentRead
from praxis_common.http import PrincipalDep
from praxis_common.imports import http as imports_http
from praxis_common.imports.runner import ImportRunner
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    return imports_http.router(rt, ImportRunner.of(rt, KINDS), KINDS)


def students_router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1", tags=["student roster"])

    @r.get("/students", operation_id="listStudents", response_model=RosterPage, summary="The school's student roster")
    async def list_students(
        principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> RosterPage:
        """The students the school imported (POST /v1/imports/oneroster), by student_ref, with the profile it
        shares."""
        items, token = await handlers.list_students(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return RosterPage(items=[RosterStudentRead.of(s) for s in items], next_page_token=token)

    return r
