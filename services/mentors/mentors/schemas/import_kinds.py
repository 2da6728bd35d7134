"""The imports mentors takes (docs/imports.md): what each upload is, who may send it, how its file is read and its
rows applied; the REST and gRPC edges serve the same list."""

from __future__ import annotations

from mentors.handlers import imports as handlers
from mentors.schemas.imports import parse_mentors, parse_teachers
from praxis_common.imports.runner import ImportKind

ONEROSTER = ImportKind(
    name="oneroster",
    media_types=("application/zip", "application/octet-stream"),
    summary="Import the school's teachers as school mentors from a OneRoster 1.2 CSV bundle (school)",
    description="The body is a ZIP of orgs.csv, users.csv and enrollments.csv (roles.csv when present). Users with "
    f"role teacher in the school's orgs become school mentors keyed by their account (username, else sourcedId); a new "
    f"one may mentor {handlers.TEACHER_CAPACITY} students until changed. Answers 202 with the queued job "
    "(docs/imports.md). A bundle that cannot be read, or of another school, is a 422; a body over 50 MB a 413.",
    authorize=handlers.may_import_teachers,
    parse=parse_teachers,
    apply=handlers.apply_mentor_batch,
    batch_rows=500,
)
MENTORS = ImportKind(
    name="mentors",
    media_types=("text/csv",),
    summary="Import the organisation's mentors from a CSV file (school or enterprise)",
    description="Columns account, display_name, capacity, and optionally expertise, languages (separated by ; or ,) "
    "and active (true/false); each row keyed by account. Answers 202 with the queued job (docs/imports.md). A file "
    "that is not UTF-8 CSV with those columns is a 422; a body over 50 MB a 413.",
    authorize=handlers.may_import_mentors,
    parse=parse_mentors,
    apply=handlers.apply_mentor_batch,
    batch_rows=500,
)
KINDS = [ONEROSTER, MENTORS]
