"""The monthly internship report a school owes the national internship public service platform
(全国职业院校学生实习公共服务平台 / the ministry's platform): one row per placement that ran in the month, in the
platform's column layout, checked before any file is produced.

The columns follow the platform's import sheet as schools describe it (internship type, organisation form, mode,
student, school, enterprise with its unified social credit code, position, dates, insurance, guidance teacher, pay);
the headers are written in Chinese (the platform's) with the English key in the API. A row with a required column
empty is not written into a file: the download is refused and the row is listed with what it lacks, so a school
never uploads a sheet the platform would bounce.

Which placements: the school's placements that were confirmed or ran (confirmed, active, completed, terminated)
and whose dates overlap the month — up to the day they actually ended, for one that ended early (its end date in the
report is that day).
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from openpyxl import Workbook

from praxis_common.spreadsheet import text_cell

# (key, header on the platform's sheet, required)
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("internship_type", "实习类型", True),
    ("organisation_form", "实习组织形式", True),
    ("internship_mode", "实习方式", True),
    ("student_name", "学生姓名", True),
    ("student_ref", "学号", True),
    ("school_name", "学校名称", True),
    ("school_code", "学校标识码", True),
    ("enterprise_name", "实习单位名称", True),
    ("enterprise_uscc", "实习单位统一社会信用代码", True),
    ("position_title", "实习岗位", True),
    ("starts_on", "实习开始日期", True),
    ("ends_on", "实习结束日期", True),
    ("insurer", "保险公司", True),
    ("policy_number", "保单号", True),
    ("insurance_starts_on", "保险起始日期", True),
    ("insurance_ends_on", "保险截止日期", True),
    ("guidance_teacher", "校内指导教师", True),
    ("monthly_pay", "实习报酬（元/月）", False),
    ("status", "实习状态", True),
)
KEYS = tuple(key for key, _, _ in COLUMNS)
REQUIRED = tuple(key for key, _, required in COLUMNS if required)

# The platform's words for our enums (the API keeps the English keys).
TYPE_NAMES = {
    "observation": "认识实习",
    "course_practice": "专业实习",
    "post_internship": "岗位实习",
    "graduation_internship": "毕业实习",
}
FORM_NAMES = {"centralised": "集中实习", "dispersed": "分散实习"}
MODE_NAMES = {"on_site": "线下实习", "virtual": "线上实习", "simulated": "模拟实习"}
STATUS_NAMES = {"confirmed": "待实习", "active": "实习中", "completed": "已结束", "terminated": "已终止"}
REPORTED_STATUSES = tuple(STATUS_NAMES)

Row = dict[str, str | None]
MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2026-11' -> Month(2026, 11); ValueError otherwise."""
        if not MONTH.fullmatch(text):
            raise ValueError("a month is written YYYY-MM")
        value = cls(int(text[:4]), int(text[5:]))
        if not 1 <= value.month <= 12 or not 2000 <= value.year <= 2999:
            raise ValueError("a month is written YYYY-MM, from 2000-01 to 2999-12")
        return value

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class RowProblem:
    placement_id: str
    student_ref: str | None
    missing: tuple[str, ...]  # the keys of required columns left empty


@dataclass(frozen=True)
class Change:
    placement_id: str
    kind: str  # added | removed | changed
    fields: tuple[str, ...] = ()  # for changed: the columns whose value differs


def problems(rows: dict[str, Row]) -> list[RowProblem]:
    """Every row (by placement id) with a required column empty, with the columns it lacks."""
    found = []
    for placement_id, row in rows.items():
        missing = tuple(key for key in REQUIRED if not (row.get(key) or "").strip())
        if missing:
            found.append(RowProblem(placement_id, row.get("student_ref"), missing))
    return found


def changes(previous: dict[str, Row] | None, current: dict[str, Row]) -> list[Change]:
    """What differs from the rows of an earlier download (None: there was none, nothing to compare)."""
    if previous is None:
        return []
    found = [Change(pid, "added") for pid in current if pid not in previous]
    found += [Change(pid, "removed") for pid in previous if pid not in current]
    for pid, row in current.items():
        before = previous.get(pid)
        if before is not None:
            fields = tuple(key for key in KEYS if (row.get(key) or None) != (before.get(key) or None))
            if fields:
                found.append(Change(pid, "changed", fields))
    return sorted(found, key=lambda c: (c.kind, c.placement_id))


def as_platform_row(row: Row) -> list[str]:
    """A row's cells in column order, enums in the platform's words."""
    names = {"internship_type": TYPE_NAMES, "organisation_form": FORM_NAMES, "internship_mode": MODE_NAMES}
    names["status"] = STATUS_NAMES
    return [
        names[key].get(row.get(key) or "", row.get(key) or "") if key in names else row.get(key) or "" for key in KEYS
    ]


def ordered(rows: dict[str, Row]) -> list[Row]:
    return sorted(rows.values(), key=lambda r: (r.get("student_ref") or "", r.get("starts_on") or ""))


def to_csv(rows: dict[str, Row]) -> bytes:
    """UTF-8 with a byte-order mark (what Excel, and so the school's staff, need to read Chinese headers)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for _, header, _ in COLUMNS])
    for row in ordered(rows):
        writer.writerow([text_cell(v) for v in as_platform_row(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: dict[str, Row], month: Month) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=f"实习情况 {month}")
    sheet.append([header for _, header, _ in COLUMNS])
    for row in ordered(rows):
        sheet.append([text_cell(v) for v in as_platform_row(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class ReportDownloaded:
    """internships.ministry_report.downloaded: a school took a month's file (its rows are kept for the next month)."""

    download_id: uuid.UUID
    school_org: str
    month: Month
    fmt: str
    placements: int
    sha256: str
    by: str
    at: datetime
