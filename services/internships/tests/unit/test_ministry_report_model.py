"""The monthly ministry report's rows: which lack a required column, what changed since an earlier download, and
the files (CSV with the platform's headers, XLSX) that carry them."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from internships.domain.ministry_report import COLUMNS, REQUIRED, Change, Month, changes, problems, to_csv, to_xlsx


def full_row(**overrides) -> dict:
    row = {
        "internship_type": "post_internship",
        "organisation_form": "dispersed",
        "internship_mode": "on_site",
        "student_name": "李伟",
        "student_ref": "2024-ECOM-0317",
        "school_name": "某职业技术学院",
        "school_code": "4133010001",
        "enterprise_name": "某跨境电商有限公司",
        "enterprise_uscc": "91330100MA2XXXXX0X",
        "position_title": "Store operator",
        "starts_on": "2026-11-02",
        "ends_on": "2027-01-29",
        "insurer": "PICC",
        "policy_number": "PL-1",
        "insurance_starts_on": "2026-11-01",
        "insurance_ends_on": "2027-02-28",
        "guidance_teacher": "王老师",
        "monthly_pay": "3200.00",
        "status": "active",
    }
    return row | overrides


def test_a_complete_row_has_no_problem_and_each_empty_required_column_is_named():
    assert problems({"p1": full_row()}) == []
    found = problems({"p1": full_row(), "p2": full_row(enterprise_uscc=None, insurer="  ", student_ref="S2")})
    assert [(p.placement_id, p.student_ref, p.missing) for p in found] == [("p2", "S2", ("enterprise_uscc", "insurer"))]


def test_pay_is_the_one_optional_column():
    assert set(key for key, _, _ in COLUMNS) - set(REQUIRED) == {"monthly_pay"}
    assert problems({"p1": full_row(monthly_pay=None)}) == []


def test_changes_since_an_earlier_download_name_the_rows_and_columns():
    before = {"p1": full_row(), "p2": full_row(student_ref="S2")}
    now = {"p1": full_row(ends_on="2027-02-26", status="completed"), "p3": full_row(student_ref="S3")}
    assert changes(before, now) == [
        Change("p3", "added"),
        Change("p1", "changed", ("ends_on", "status")),
        Change("p2", "removed"),
    ]
    assert changes(None, now) == []  # no earlier download: nothing to compare with


def test_the_csv_has_the_platforms_headers_and_words_and_opens_in_excel():
    data = to_csv({"p1": full_row(), "p2": full_row(student_ref="0001", internship_type="observation")})
    assert data.startswith("\ufeff".encode())  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [header for _, header, _ in COLUMNS]
    assert [r[0] for r in rows[1:]] == ["认识实习", "岗位实习"]  # ordered by student
    assert rows[2][8] == "91330100MA2XXXXX0X"
    assert rows[2][18] == "实习中"


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text():
    rows = list(csv.reader(io.StringIO(to_csv({"p1": full_row(student_name="=HYPERLINK(1)")}).decode("utf-8-sig"))))
    assert rows[1][3] == "'=HYPERLINK(1)"


def test_the_xlsx_holds_the_same_rows():
    book = load_workbook(io.BytesIO(to_xlsx({"p1": full_row()}, Month(2026, 11))))
    sheet = book.worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][8] == "实习单位统一社会信用代码"
    assert values[1][:3] == ["岗位实习", "分散实习", "线下实习"]
    assert sheet.title == "实习情况 2026-11"


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "26-11", "2026/11", "", "1999-12", "9999-12", "２０２６-11"])
def test_a_month_is_yyyy_mm(text):
    with pytest.raises(ValueError):
        Month.parse(text)


def test_month_arithmetic():
    m = Month.parse("2026-12")
    assert (str(m.previous()), str(m.next()), m.first_day.isoformat(), m.last_day.isoformat()) == (
        "2026-11",
        "2027-01",
        "2026-12-01",
        "2026-12-31",
    )
    assert Month.parse("2027-01").previous() == Month(2026, 12)
    assert Month.parse("2028-02").last_day.day == 29
