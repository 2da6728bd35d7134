"""The credit ledger as a OneRoster 1.2 gradebook in its CSV binding: a ZIP of manifest.csv, categories.csv,
lineItems.csv and results.csv, which a school's SIS or LMS imports.

- one lineItem per source (a placement, a project or an achievement): sourcedId `placement-<id>` / `project-<id>` /
  `achievement-<id>`, its title, assign and due date the award date, classSourcedId the same id (the school's SIS
  rosters the class; the roster files are marked absent), its category `praxis-placement`, `praxis-project` or
  `praxis-achievement`, results from 0 to 100;
- one result per ledger entry: the student's sourcedId is the school's student_ref, scoreStatus "fully graded",
  score = the total (empty for achievements), textScore = the grade (empty for projects and achievements),
  scoreDate = the award date, and the credits in the comment;
- bulk files: status and dateLastModified are left empty, as the binding asks of bulk files.
Columns follow the binding's tables in their order; what the binding marks as a file this set does not carry is
`absent` in the manifest.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable

from internships.domain.credit_ledger import LedgerEntry
from praxis_common.spreadsheet import text_cell

FILES = (  # every file of the 1.2 CSV binding, as the manifest lists them
    "academicSessions",
    "categories",
    "classes",
    "classResources",
    "courses",
    "courseResources",
    "demographics",
    "enrollments",
    "lineItemLearningObjectiveIds",
    "lineItems",
    "lineItemScoreScales",
    "orgs",
    "resources",
    "resultLearningObjectiveIds",
    "results",
    "resultScoreScales",
    "roles",
    "scoreScales",
    "userProfiles",
    "userResources",
    "users",
)
CARRIED = ("categories", "lineItems", "results")

CATEGORY_COLUMNS = ("sourcedId", "status", "dateLastModified", "title", "weight")
LINE_ITEM_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "title",
    "description",
    "assignDate",
    "dueDate",
    "classSourcedId",
    "categorySourcedId",
    "gradingPeriodSourcedId",
    "resultValueMin",
    "resultValueMax",
)
RESULT_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "lineItemSourcedId",
    "studentSourcedId",
    "scoreStatus",
    "score",
    "textScore",
    "scoreDate",
    "comment",
)
CATEGORIES = {
    "placement": "Internship placement (岗位实习)",
    "project": "Enterprise project",
    "achievement": "Achievement brought in (certificate, competition, badge)",
}


def line_item_id(e: LedgerEntry) -> str:
    return f"{e.source_kind.value}-{e.source_id}"


def _csv(columns: tuple[str, ...], rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(columns)
    w.writerows([text_cell(v) if isinstance(v, str) else v for v in row] for row in rows)
    return out.getvalue()


def files(entries: list[LedgerEntry]) -> dict[str, str]:
    """The CSV files by name, for the entries (one school's, already filtered)."""
    manifest = [("manifest.version", "1.0"), ("oneroster.version", "1.2")]
    manifest += [(f"file.{name}", "bulk" if name in CARRIED else "absent") for name in FILES]
    manifest += [("source.systemName", "Praxis"), ("source.systemCode", "praxis-internships")]
    kinds = sorted({e.source_kind.value for e in entries})
    categories = [(f"praxis-{k}", "", "", CATEGORIES[k], "") for k in kinds]
    items: dict[str, tuple] = {}
    for e in entries:
        items.setdefault(
            line_item_id(e),
            (
                line_item_id(e),
                "",
                "",
                e.title,
                f"{e.source_kind.value} with {e.enterprise_org}" if e.enterprise_org else e.source_kind.value,
                e.awarded_on.isoformat(),
                e.awarded_on.isoformat(),
                line_item_id(e),
                f"praxis-{e.source_kind.value}",
                "",
                "0",
                "100",
            ),
        )
    results = [
        (
            f"{line_item_id(e)}-{e.student_ref}",
            "",
            "",
            line_item_id(e),
            e.student_ref,
            "fully graded",
            "" if e.score is None else str(e.score),
            e.grade or "",
            e.awarded_on.isoformat(),
            f"credits {e.credits}; {'passed' if e.passed else 'not passed'}",
        )
        for e in entries
    ]
    return {
        "manifest.csv": _csv(("propertyName", "value"), manifest),
        "categories.csv": _csv(CATEGORY_COLUMNS, categories),
        "lineItems.csv": _csv(LINE_ITEM_COLUMNS, items.values()),
        "results.csv": _csv(RESULT_COLUMNS, results),
    }


def zip_of(entries: list[LedgerEntry]) -> bytes:
    """The files as one ZIP (UTF-8 CSV, manifest first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files(entries).items():
            z.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()
