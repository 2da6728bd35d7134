"""Request and response bodies of the monthly ministry report, shared by REST and gRPC."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from internships.domain.ministry_report import COLUMNS, Month
from internships.handlers.ministry_report import Preview
from praxis_common.errors import FieldError, InvalidInput


def month_of(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise InvalidInput(str(exc), errors=[FieldError("month", str(exc))]) from None


class DownloadIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"format": "xlsx"}]})

    format: Literal["csv", "xlsx"] = "xlsx"


class RowProblemRead(BaseModel):
    placement_id: str
    student_ref: str | None
    missing: list[str]


class ChangeRead(BaseModel):
    placement_id: str
    kind: Literal["added", "removed", "changed"]
    fields: list[str]


class ColumnRead(BaseModel):
    key: str
    header: str
    required: bool


class MinistryReportPreview(BaseModel):
    month: str
    placements: int
    ready: bool  # no row lacks a required column: a download will succeed
    columns: list[ColumnRead]
    problems: list[RowProblemRead]
    previous_month: str
    previous_month_downloaded: bool
    changes_since_previous_month: list[ChangeRead]

    @classmethod
    def of(cls, p: Preview) -> MinistryReportPreview:
        return cls(
            month=str(p.month),
            placements=p.placements,
            ready=not p.problems,
            columns=[ColumnRead(key=k, header=h, required=r) for k, h, r in COLUMNS],
            problems=[
                RowProblemRead(placement_id=x.placement_id, student_ref=x.student_ref, missing=list(x.missing))
                for x in p.problems
            ],
            previous_month=str(p.previous_month),
            previous_month_downloaded=p.previous_downloaded,
            changes_since_previous_month=[
                ChangeRead(placement_id=c.placement_id, kind=c.kind, fields=list(c.fields)) for c in p.changes
            ],
        )
