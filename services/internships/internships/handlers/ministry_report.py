"""The monthly ministry report (domain/ministry_report.py): a school previews a month — how many placements, the rows
that lack a required column, what changed since its download of the previous month — and downloads it as CSV or
XLSX. A download with any incomplete row is refused, listing the rows; a download is recorded (and published) so
the next month can show what changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from internships import policy
from internships.domain.ministry_report import (
    Change,
    Month,
    ReportDownloaded,
    RowProblem,
    changes,
    problems,
    to_csv,
    to_xlsx,
)
from internships.outgoing import integration_event
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.uow import Clock, UowFactory, utc_clock

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LISTED_PROBLEMS = 200  # rows listed in a refusal; the count says how many more


class ReportIncomplete(InvalidInput):
    code, title = "report-incomplete", "Rows of the report lack required columns"


@dataclass(frozen=True)
class Preview:
    month: Month
    placements: int
    problems: list[RowProblem]
    previous_month: Month
    previous_downloaded: bool
    changes: list[Change]  # since the previous month's latest download


@dataclass(frozen=True)
class Download:
    month: Month
    fmt: str
    content: bytes
    media_type: str
    sha256: str
    filename: str
    placements: int


async def preview(month: Month, principal: Principal, *, uow: UowFactory) -> Preview:
    policy.manager(principal, "school")
    async with uow() as u:
        rows = await u.ministry_report.rows(principal.org, month)
        before = await u.ministry_report.last_download(principal.org, month.previous())
    return Preview(month, len(rows), problems(rows), month.previous(), before is not None, changes(before, rows))


async def download(
    month: Month, fmt: str, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Download:
    policy.manager(principal, "school")
    if fmt not in FORMATS:
        raise InvalidInput("format is csv or xlsx", errors=[FieldError("format", "one of csv, xlsx")])
    async with uow() as u:
        rows = await u.ministry_report.rows(principal.org, month)
        incomplete = problems(rows)
        if incomplete:
            raise refusal(incomplete)
        content = to_csv(rows) if fmt == "csv" else to_xlsx(rows, month)
        sha256 = hashlib.sha256(content).hexdigest()
        at = clock()
        download_id = await u.ministry_report.record_download(
            school_org=principal.org, month=month, fmt=fmt, rows=rows, sha256=sha256, by=principal.sub, at=at
        )
        u.emit(
            integration_event(
                ReportDownloaded(download_id, principal.org, month, fmt, len(rows), sha256, principal.sub, at)
            )
        )
        await u.commit()
    return Download(month, fmt, content, FORMATS[fmt], sha256, f"internships-{month}.{fmt}", len(rows))


def refusal(incomplete: list[RowProblem]) -> ReportIncomplete:
    listed = incomplete[:LISTED_PROBLEMS]
    return ReportIncomplete(
        f"{len(incomplete)} row(s) lack required columns; complete them (profiles, insurance, the guidance teacher, "
        "the student's name) before downloading",
        errors=[FieldError(f"rows[{p.placement_id}]", "missing " + ", ".join(p.missing)) for p in listed],
        rows=[
            {"placement_id": p.placement_id, "student_ref": p.student_ref, "missing": list(p.missing)} for p in listed
        ],
        incomplete_rows=len(incomplete),
    )
