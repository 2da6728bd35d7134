"""The imports internships takes (docs/imports.md): what each upload is, who may send it, how its file is read and
its rows applied; the REST and gRPC edges serve the same list."""

from __future__ import annotations

from internships.handlers import position_imports
from internships.handlers import roster as handlers
from internships.schemas.position_imports import parse_positions
from internships.schemas.roster import parse_oneroster
from praxis_common.imports.runner import ImportKind

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
