"""REST routes of the internship course: amend a placement, its progress, the school's programme requirements."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from internships.domain.course import InternshipType
from internships.handlers import course as handlers
from internships.schemas.course import (
    Cohort,
    PlacementAmend,
    ProgressRead,
    RequirementIn,
    RequirementKey,
    RequirementList,
    RequirementRead,
)
from internships.schemas.placements import PlacementRead
from praxis_common.http import PrincipalDep
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["course"])

    @r.patch(
        "/v1/placements/{placement_id}",
        operation_id="amendPlacement",
        response_model=PlacementRead,
        summary="Amend a placement before it starts (school)",
        responses={
            409: {"description": "illegal-transition (it started or ended) or overlapping-placement (problem+json)"},
            422: {"description": "dates outside the position's term or the agreement, end before start"},
        },
    )
    async def amend(placement_id: uuid.UUID, body: PlacementAmend, principal: PrincipalDep) -> PlacementRead:
        """The school's admin or coordinator changes the dates (inside the position's term, start on or before
        end) or the course fields of a requested or confirmed placement; `placement.amended` says what changed.
        An explicit `cohort: null` clears the cohort."""
        return PlacementRead.of(
            await handlers.amend_placement(
                placement_id,
                body.to_command(),
                principal,
                uow=rt.uow,
                clock=rt.clock,
                compliance=rt.settings.compliance,
            )
        )

    @r.get(
        "/v1/placements/{placement_id}/progress",
        operation_id="getPlacementProgress",
        response_model=ProgressRead,
        summary="A placement's progress against its programme requirement",
    )
    async def progress(placement_id: uuid.UUID, principal: PrincipalDep) -> ProgressRead:
        """Approved logbook hours and weeks against the requirement the school set for the placement's type and
        cohort (else the type's default); to the placement's parties and its student."""
        return ProgressRead.of(await handlers.placement_progress(placement_id, principal, uow=rt.uow))

    @r.put(
        "/v1/programme-requirements/{internship_type}",
        operation_id="setProgrammeRequirement",
        response_model=RequirementRead,
        summary="Set the programme requirement of an internship type (school)",
    )
    async def set_requirement(
        internship_type: InternshipType,
        body: RequirementIn,
        principal: PrincipalDep,
        cohort: Annotated[Cohort | None, Query(description="the enrolment cohort; absent = the type's default")] = None,
    ) -> RequirementRead:
        """Creates or replaces the school's requirement for the type (and `cohort`): approved hours, weeks with
        an approved logbook, weekly reports. A placement takes its cohort's, else the type's default."""
        key = RequirementKey(internship_type=internship_type, cohort=cohort)
        return RequirementRead.of(
            await handlers.set_requirement(key.to_command(body), principal, uow=rt.uow, clock=rt.clock)
        )

    @r.get(
        "/v1/programme-requirements",
        operation_id="listProgrammeRequirements",
        response_model=RequirementList,
        summary="The school's own programme requirements",
    )
    async def list_requirements(principal: PrincipalDep) -> RequirementList:
        found = await handlers.list_requirements(principal, uow=rt.uow)
        return RequirementList(requirements=[RequirementRead.of(x) for x in found])

    return r
