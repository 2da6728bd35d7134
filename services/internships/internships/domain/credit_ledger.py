"""The school's one credit ledger: what each of its students earned in placements (graded here), projects (awarded
by the projects service) and achievements brought in from outside (recorded by the school in the credentials
service), kept from events as a read model, listed, totalled per student and exported.

An entry is one source (a placement, a project or an achievement) of one student. A placement's entry follows its
grade: the highest revision seen wins, so an amendment replaces it, and an amendment to a fail keeps the entry with 0
credits and passed = false (the record says it was graded and failed). A project's entry is its credit.awarded
(projects award credits only to those who passed; projects record no grade on a school scale, so `grade` is empty).
An achievement's entry follows the highest revision of the achievement (`Achievement`, kept whole as a read model of
its own): it is in the ledger while the school awards credit for it (credits > 0, not withdrawn), without a score,
a grade or an enterprise, and leaves it when a later revision takes the credit back.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from praxis_common.spreadsheet import text_cell


class SourceKind(StrEnum):
    PLACEMENT = "placement"
    PROJECT = "project"
    ACHIEVEMENT = "achievement"


ACHIEVEMENT_KINDS = ("certificate", "competition", "badge")


@dataclass(frozen=True)
class LedgerEntry:
    school_org: str
    source_kind: SourceKind
    source_id: uuid.UUID
    student_ref: str
    title: str
    enterprise_org: str
    credits: Decimal
    score: Decimal | None
    grade: str | None
    passed: bool
    awarded_on: date
    revision: int
    updated_at: datetime

    @property
    def order_key(self) -> tuple[date, str, uuid.UUID, str]:
        """The ledger's order (award date, then source and student): pages and export batches continue after it."""
        return (self.awarded_on, self.source_kind.value, self.source_id, self.student_ref)


@dataclass(frozen=True)
class Achievement:
    """An achievement a student brought in from outside (an industry certificate, a competition result, a verified
    Open Badges credential), as the school recorded it in the credentials service: the latest revision seen. `points`
    (0–100) is its weight in the `achievements` data measure (domain/placement_data.py); `credits` what the school
    awards for it (0: none). A withdrawn one weighs nothing and earns nothing."""

    school_org: str
    achievement_id: uuid.UUID
    student_ref: str
    kind: str  # ACHIEVEMENT_KINDS
    title: str
    issuer_name: str
    awarded_on: date
    points: Decimal
    credits: Decimal
    withdrawn: bool
    revision: int
    updated_at: datetime

    def ledger_entry(self) -> LedgerEntry | None:
        """Its entry in the credit ledger while the school awards credit for it, else None (the ledger lists credit
        awarded only)."""
        if self.withdrawn or self.credits <= 0:
            return None
        return LedgerEntry(
            school_org=self.school_org,
            source_kind=SourceKind.ACHIEVEMENT,
            source_id=self.achievement_id,
            student_ref=self.student_ref,
            title=self.title,
            enterprise_org="",  # brought in from outside: no host enterprise
            credits=self.credits,
            score=None,
            grade=None,
            passed=True,
            awarded_on=self.awarded_on,
            revision=self.revision,
            updated_at=self.updated_at,
        )


@dataclass(frozen=True)
class LedgerFilter:
    student_ref: str | None = None
    source_kind: SourceKind | None = None
    awarded_from: date | None = None
    awarded_to: date | None = None
    enterprise_org: str | None = None


@dataclass(frozen=True)
class StudentTotal:
    student_ref: str
    credits: Decimal  # the sum of the entries' credits
    entries: int
    passed: int  # entries passed


def totals(entries: Iterable[LedgerEntry]) -> list[StudentTotal]:
    """Per student (in student order): the sum of credits, how many entries, how many passed."""
    acc: dict[str, list] = {}
    for e in entries:
        t = acc.setdefault(e.student_ref, [Decimal(0), 0, 0])
        t[0] += e.credits
        t[1] += 1
        t[2] += int(e.passed)
    return [StudentTotal(s, c, n, p) for s, (c, n, p) in sorted(acc.items())]


# The export's columns, in order (CSV header = these names; JSON objects have these keys).
COLUMNS = (
    "student_ref",
    "school_org",
    "source_kind",
    "source_id",
    "title",
    "enterprise_org",
    "credits",
    "score",
    "grade",
    "passed",
    "awarded_on",
    "revision",
)


def row_of(e: LedgerEntry) -> dict[str, str | bool | int | None]:
    """An entry as exported: decimals as strings ("4.00"), the date in ISO form."""
    return {
        "student_ref": e.student_ref,
        "school_org": e.school_org,
        "source_kind": e.source_kind.value,
        "source_id": str(e.source_id),
        "title": e.title,
        "enterprise_org": e.enterprise_org,
        "credits": str(e.credits),
        "score": None if e.score is None else str(e.score),
        "grade": e.grade,
        "passed": e.passed,
        "awarded_on": e.awarded_on.isoformat(),
        "revision": e.revision,
    }


def csv_header() -> str:
    out = io.StringIO()
    csv.writer(out).writerow(COLUMNS)
    return out.getvalue()


def csv_line(e: LedgerEntry) -> str:
    out = io.StringIO()
    csv.writer(out).writerow([_csv_value(v) for v in row_of(e).values()])
    return out.getvalue()


def _csv_value(v: str | bool | int | None) -> str | int:
    """Booleans as true/false, nothing as an empty cell, text as a spreadsheet shows it (never a formula)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return ""
    return text_cell(v) if isinstance(v, str) else v


def json_item(e: LedgerEntry) -> str:
    return json.dumps(row_of(e), ensure_ascii=False)
