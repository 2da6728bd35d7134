"""REST routes of the student erasures this service coordinates (docs/erasure.md): a school's admin asks to erase a
student everywhere (`POST /v1/students/{student_ref}/erasure`), follows it per service (`GET /v1/erasures/{id}`) and
lists its school's (`GET /v1/erasures`)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from internships.handlers import erasure_requests as erasures
from internships.schemas.erasures import ErasurePage, ErasureRead
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import StudentRef


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["erasures"])

    @r.post(
        "/v1/students/{student_ref}/erasure",
        operation_id="requestStudentErasure",
        response_model=ErasureRead,
        status_code=202,
        summary="Erase a student everywhere (school admin)",
    )
    async def request(student_ref: StudentRef, principal: PrincipalDep, response: Response) -> ErasureRead:
        """Every taking-part service deletes or pseudonymises what it holds about the student, then confirms; the
        request answers at once (202) and is followed with `GET /v1/erasures/{id}`. While one is pending for the
        student, asking again answers that one. Export what the school keeps as record holder first: erasure
        cannot be undone."""
        found = await erasures.request_erasure(
            student_ref,
            principal,
            uow=rt.uow,
            clock=rt.clock,
            services=rt.settings.erasure_service_names,
            max_pending=rt.settings.erasure_max_pending,
        )
        response.headers["Location"] = f"/v1/erasures/{found.erasure.id}"
        return ErasureRead.of(found.erasure)

    @r.get(
        "/v1/erasures/{erasure_id}",
        operation_id="getErasure",
        response_model=ErasureRead,
        summary="An erasure's state, per service (school admin)",
    )
    async def get(erasure_id: uuid.UUID, principal: PrincipalDep) -> ErasureRead:
        """Pending until every service confirmed; then completed, and the request no longer names the student."""
        return ErasureRead.of(await erasures.get_erasure(erasure_id, principal, uow=rt.uow))

    @r.get(
        "/v1/erasures",
        operation_id="listErasures",
        response_model=ErasurePage,
        summary="The school's erasures, newest first (school admin)",
    )
    async def list_(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> ErasurePage:
        items, token = await erasures.list_erasures(principal, page_size=page_size, page_token=page_token, uow=rt.uow)
        return ErasurePage(items=[ErasureRead.of(e) for e in items], next_page_token=token)

    return r
