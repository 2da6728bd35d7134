"""The credit ledger as plain objects: totals per student, the CSV and JSON rows, the OneRoster 1.2 gradebook files
(manifest, categories, one lineItem per source, one result per entry), and an achievement's entry (there while it
earns credit)."""

import csv
import io
import json
import uuid
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

from internships.domain.credit_ledger import (
    COLUMNS,
    Achievement,
    LedgerEntry,
    SourceKind,
    csv_header,
    csv_line,
    json_item,
    totals,
)
from internships.domain.oneroster import LINE_ITEM_COLUMNS, RESULT_COLUMNS, files, zip_of

PLACEMENT, PROJECT, ACHIEVEMENT = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def entry(kind: SourceKind, source: uuid.UUID, student: str, credits: str, **fields) -> LedgerEntry:
    return LedgerEntry(
        school_org="s",
        source_kind=kind,
        source_id=source,
        student_ref=student,
        title=fields.pop("title", "Store operations, 店铺运营"),
        enterprise_org="e",
        credits=Decimal(credits),
        score=fields.pop("score", Decimal("82.50")),
        grade=fields.pop("grade", "良" if kind is SourceKind.PLACEMENT else None),
        passed=fields.pop("passed", True),
        awarded_on=date(2030, 7, 1),
        revision=1,
        updated_at=datetime(2030, 7, 1, tzinfo=UTC),
    )


ENTRIES = [
    entry(SourceKind.PLACEMENT, PLACEMENT, "stu-1", "4.00"),
    entry(SourceKind.PROJECT, PROJECT, "stu-1", "2.00", title="Lazada store"),
    entry(SourceKind.PROJECT, PROJECT, "stu-2", "2.00", title="Lazada store"),
    entry(SourceKind.PLACEMENT, uuid.uuid4(), "stu-2", "0.00", passed=False, grade="不及格", score=Decimal(40)),
]


def test_totals_sum_credits_per_student():
    assert [(t.student_ref, t.credits, t.entries, t.passed) for t in totals(ENTRIES)] == [
        ("stu-1", Decimal("6.00"), 2, 2),
        ("stu-2", Decimal("2.00"), 2, 1),
    ]


def test_csv_and_json_rows_carry_the_columns():
    rows = list(csv.DictReader(io.StringIO(csv_header() + "".join(csv_line(e) for e in ENTRIES))))
    assert list(rows[0]) == list(COLUMNS)
    assert (rows[0]["credits"], rows[0]["grade"], rows[0]["passed"], rows[1]["grade"]) == ("4.00", "良", "true", "")
    assert rows[0]["title"] == "Store operations, 店铺运营"  # a comma is quoted, not a new column
    item = json.loads(json_item(ENTRIES[1]))
    assert (item["source_kind"], item["grade"], item["credits"], item["score"]) == ("project", None, "2.00", "82.50")


def test_oneroster_has_a_line_item_per_source_and_a_result_per_entry():
    out = files(ENTRIES)
    assert list(out) == ["manifest.csv", "categories.csv", "lineItems.csv", "results.csv"]
    manifest = dict(csv.reader(io.StringIO(out["manifest.csv"])))
    assert manifest["oneroster.version"] == "1.2"
    assert (manifest["file.lineItems"], manifest["file.results"], manifest["file.users"]) == ("bulk", "bulk", "absent")
    items = list(csv.DictReader(io.StringIO(out["lineItems.csv"])))
    assert tuple(items[0]) == LINE_ITEM_COLUMNS
    assert sorted(i["sourcedId"] for i in items) == sorted(
        {f"placement-{PLACEMENT}", f"project-{PROJECT}", f"placement-{ENTRIES[3].source_id}"}
    )
    results = list(csv.DictReader(io.StringIO(out["results.csv"])))
    assert tuple(results[0]) == RESULT_COLUMNS
    assert len(results) == 4 and {r["scoreStatus"] for r in results} == {"fully graded"}
    first = results[0]
    assert (first["lineItemSourcedId"], first["studentSourcedId"], first["score"], first["textScore"]) == (
        f"placement-{PLACEMENT}",
        "stu-1",
        "82.50",
        "良",
    )
    assert {r["lineItemSourcedId"] for r in results} <= {i["sourcedId"] for i in items}
    categories = {c["sourcedId"] for c in csv.DictReader(io.StringIO(out["categories.csv"]))}
    assert {i["categorySourcedId"] for i in items} <= categories


def test_the_zip_holds_the_files():
    with zipfile.ZipFile(io.BytesIO(zip_of(ENTRIES))) as z:
        assert z.namelist() == ["manifest.csv", "categories.csv", "lineItems.csv", "results.csv"]
        assert "良" in z.read("results.csv").decode("utf-8")


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_written_as_text_in_every_csv():
    """An enterprise names its position or project: the school opens the ledger in a spreadsheet, which must show
    the title, never run it (OWASP CSV injection: a leading = + - @ is prefixed with an apostrophe)."""
    hostile = entry(SourceKind.PROJECT, uuid.uuid4(), "stu-9", "2.00", title='=HYPERLINK("http://x.example","open")')
    (row,) = list(csv.reader(io.StringIO(csv_line(hostile))))
    assert row[COLUMNS.index("title")] == "'" + hostile.title
    item = next(r for r in csv.DictReader(io.StringIO(files([hostile])["lineItems.csv"])))
    assert item["title"] == "'" + hostile.title
    assert json.loads(json_item(hostile))["title"] == hostile.title  # JSON is data, not a sheet: kept as given


def achievement(**fields) -> Achievement:
    return Achievement(
        school_org="s",
        achievement_id=ACHIEVEMENT,
        student_ref="stu-1",
        kind="certificate",
        title="AWS Certified Cloud Practitioner",
        issuer_name="Amazon Web Services",
        awarded_on=date(2030, 5, 2),
        points=Decimal(20),
        credits=fields.pop("credits", Decimal(1)),
        withdrawn=fields.pop("withdrawn", False),
        revision=fields.pop("revision", 2),
        updated_at=datetime(2030, 5, 3, tzinfo=UTC),
    )


def test_an_achievement_is_in_the_ledger_while_it_earns_credit():
    e = achievement().ledger_entry()
    assert e is not None
    assert (e.source_kind, e.source_id, e.student_ref, e.title, e.enterprise_org) == (
        SourceKind.ACHIEVEMENT,
        ACHIEVEMENT,
        "stu-1",
        "AWS Certified Cloud Practitioner",
        "",
    )
    assert (e.credits, e.score, e.grade, e.passed, e.awarded_on, e.revision) == (
        Decimal(1),
        None,
        None,
        True,
        date(2030, 5, 2),
        2,
    )
    assert achievement(credits=Decimal(0)).ledger_entry() is None  # weighed, but no credit awarded
    assert achievement(withdrawn=True).ledger_entry() is None


def test_oneroster_has_an_achievements_category_and_line_item():
    entries = [*ENTRIES, achievement().ledger_entry()]
    out = files(entries)
    items = {i["sourcedId"]: i for i in csv.DictReader(io.StringIO(out["lineItems.csv"]))}
    item = items[f"achievement-{ACHIEVEMENT}"]
    assert (item["categorySourcedId"], item["description"]) == ("praxis-achievement", "achievement")
    categories = {c["sourcedId"] for c in csv.DictReader(io.StringIO(out["categories.csv"]))}
    assert categories == {"praxis-placement", "praxis-project", "praxis-achievement"}
    results = csv.DictReader(io.StringIO(out["results.csv"]))
    [result] = [r for r in results if r["lineItemSourcedId"] == f"achievement-{ACHIEVEMENT}"]
    assert (result["score"], result["textScore"], result["comment"]) == ("", "", "credits 1; passed")
