"""REST routes of outcomes (/v1/hires, /v1/programmes, an agreement's /value, /v1/outcomes/{year}); thin."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from internships.handlers import outcomes as handlers
from internships.schemas.course import Cohort
from internships.schemas.outcomes import (
    AgreementValueRead,
    HireCreate,
    HirePage,
    HireRead,
    ProgrammeCompetencies,
    ProgrammePage,
    ProgrammeRead,
    ProgrammeSet,
    YearOutcomesRead,
    YearQuery,
)
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import validate


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["outcomes"])

    @r.post(
        "/v1/hires",
        operation_id="recordHire",
        status_code=201,
        response_model=HireRead,
        summary="Report that a student placed with the caller's enterprise was hired or given a return offer",
    )
    async def record_hire(
        request: Request, body: HireCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """An enterprise's admin or HR (its HR system) reports a hire or return offer of a student placed with it.
        A placement named that is not the enterprise's is a 404; a student with no placement there is a 422
        naming `student_ref`. Send an Idempotency-Key to retry safely."""

        async def make(uow) -> tuple[HireRead, str]:
            hire = await handlers.record_hire(body.to_command(), principal, uow=uow, clock=rt.clock)
            return HireRead.of(hire), "/v1/hires"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=make)

    @r.get(
        "/v1/hires",
        operation_id="listHires",
        response_model=HirePage,
        summary="Hires and return offers: an enterprise's own, a school's students'; newest first",
    )
    async def list_hires(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> HirePage:
        items, token = await handlers.list_hires(handlers.Page(page_size, page_token), principal, uow=rt.uow)
        return HirePage(items=[HireRead.of(h) for h in items], next_page_token=token)

    @r.put(
        "/v1/programmes/{cohort}/competencies",
        operation_id="setProgrammeCompetencies",
        response_model=ProgrammeRead,
        summary="Declare the competency tags one of the caller's school's programmes trains",
    )
    async def set_programme(cohort: Cohort, body: ProgrammeCompetencies, principal: PrincipalDep) -> ProgrammeRead:
        """A school's admin or coordinator; replaces the programme's tags. The programme is the placements'
        `cohort` (e.g. 2024-cbec)."""
        cmd = validate(ProgrammeSet, {"cohort": cohort, "competencies": body.competencies}).to_command()
        return ProgrammeRead.of(await handlers.set_programme(cmd, principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/v1/programmes",
        operation_id="listProgrammes",
        response_model=ProgrammePage,
        summary="The caller's school's programme competency profiles, by cohort",
    )
    async def list_programmes(
        principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> ProgrammePage:
        """To the school's staff; 404 to anyone else."""
        items, token = await handlers.list_programmes(handlers.Page(page_size, page_token), principal, uow=rt.uow)
        return ProgrammePage(items=[ProgrammeRead.of(p) for p in items], next_page_token=token)

    @r.get(
        "/v1/programmes/{cohort}",
        operation_id="getProgramme",
        response_model=ProgrammeRead,
        summary="One programme competency profile of the caller's school",
    )
    async def get_programme(cohort: Cohort, principal: PrincipalDep) -> ProgrammeRead:
        return ProgrammeRead.of(await handlers.get_programme(cohort, principal, uow=rt.uow))

    @r.get(
        "/v1/agreements/{agreement_id}/value",
        operation_id="getAgreementValue",
        response_model=AgreementValueRead,
        summary="The partnership value ledger of an agreement, the same figures for both parties",
    )
    async def agreement_value(agreement_id: uuid.UUID, principal: PrincipalDep) -> AgreementValueRead:
        """Interns hosted, approved core hours, projects delivered, guidance minutes, students hired, job-to-major
        alignment: kept from events (docs/outcomes.md). To both parties' staff; 404 to anyone else."""
        return AgreementValueRead.of(await handlers.agreement_value(agreement_id, principal, uow=rt.uow))

    @r.get(
        "/v1/outcomes/{year}",
        operation_id="getYearOutcomes",
        response_model=YearOutcomesRead,
        summary="The caller's school's outcomes for the placements that started in a year",
    )
    async def year_outcomes(year: int, principal: PrincipalDep) -> YearOutcomesRead:
        """Alignment, hire and completion rates, and the competencies partner enterprises demanded against those
        the school's programmes train (the gaps: demanded, trained by none). To the school's staff."""
        query = validate(YearQuery, {"year": year})
        return YearOutcomesRead.of(await handlers.school_outcomes(query.year, principal, uow=rt.uow))

    return r
