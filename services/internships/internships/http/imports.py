"""REST routes of imports (/v1/imports, the kernel's job resource) and of the student roster they fill
(/v1/students)."""

from __future__ import annotations

from fastapi import APIRouter

from internships.handlers import position_imports
from internships.handlers import roster as handlers
from internships.schemas.position_imports import parse_positions
from internships.schemas.roster import RosterPage, RosterStudentRead, parse_oneroster
from praxis_common.http import PrincipalDep
from praxis_common.imports import http as imports_http
from praxis_common.imports.runner import ImportKind, ImportRunner
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime

ONEROSTER = ImportKind(
    name="oneroster",
    media_types=("application/zip", "application/octet-stream"),
    summary="Import the school's students from a OneRoster 1.2 CSV bundle (school)",
    description="The body is a ZIP of orgs.csv, users.csv and enrollments.csv (classes.csv, roles.csv when present). "
    "Users with role student in the school's orgs become roster rows keyed by identifier (else sourcedId); "
    "answers 202 with the queued job (docs/imports.md). A bundle that cannot be read, or of another school, is a "
    "422; a body over 50 MB a 413.",
    authorize=handlers.may_import_roster,
    parse=parse_oneroster,
    apply=handlers.apply_roster_batch,
)
POSITIONS = ImportKind(
    name="positions",
    media_types=("text/csv",),
    summary="Import the enterprise's positions from a CSV file (enterprise)",
    description="Columns external_ref (your own id of the position: the key), base_id, title, seats, starts_on, "
    "ends_on, duties (`name:core; name:peripheral`), and optionally description, languages, competencies (separated "
    "by ; or ,), post_staff, monthly_pay, reference_monthly_wage; each row checked as POST /v1/positions checks its "
    "body. New references become draft positions. Answers 202 with the queued job (docs/imports.md); a file that is "
    "not UTF-8 CSV with those columns is a 422, a body over 50 MB a 413.",
    authorize=position_imports.may_import_positions,
    parse=parse_positions,
    apply=position_imports.apply_positions_batch,
    batch_rows=500,
)
KINDS = [ONEROSTER, POSITIONS]


def router(rt: Runtime, runner: ImportRunner) -> APIRouter:
    return imports_http.router(rt, runner, KINDS)


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
