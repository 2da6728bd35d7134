"""Reading uploads for imports: CSV rows with the line each starts on (a quoted cell may span lines), a byte-order
mark skipped, rows of the wrong width named, files refused as a whole with their reason; a OneRoster bundle in the
1.2 layout (roles in roles.csv) read like the 1.1 layout (a role column in users.csv)."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from praxis_common.errors import InvalidInput
from praxis_common.imports import files
from praxis_common.imports.files import Row, RowError, decode, rows, unzip
from praxis_common.imports.jobs import stored_error
from praxis_common.imports.oneroster import users


def read(text: str, *required: str) -> list[Row | RowError]:
    _, found = rows(text, "f.csv", required=required)
    return list(found)


def test_rows_carry_the_line_they_start_on_across_quoted_line_breaks():
    text = 'a,b\r\n1,"two\r\nlines"\r\n\r\n3,x\r\n4\r\n'
    found = read(text, "a", "b")
    assert [(r.line, r.values) for r in found[:2]] == [(2, {"a": "1", "b": "two\r\nlines"}), (5, {"a": "3", "b": "x"})]
    assert found[2] == RowError(6, "row", "1 cells, the header has 2", "f.csv")


def test_a_byte_order_mark_is_skipped_and_other_encodings_are_refused_with_their_line():
    assert decode("\ufeffa,b\n".encode(), "f.csv") == "a,b\n"
    with pytest.raises(InvalidInput, match=r"f.csv is not UTF-8 text \(line 2"):
        decode("a\nJos\xe9\n".encode("latin-1"), "f.csv")


def test_a_missing_column_or_an_empty_file_is_refused():
    with pytest.raises(InvalidInput, match="lacks the column"):
        read("a,c\n1,2\n", "a", "b")
    with pytest.raises(InvalidInput, match="is empty"):
        read("", "a")


def test_a_zip_that_is_not_one_is_refused():
    with pytest.raises(InvalidInput, match="not a ZIP"):
        unzip(b"PK not really")


def test_a_file_of_more_rows_than_a_service_can_hold_is_refused_while_it_is_read(monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 3)
    assert len(read("a\n1\n2\n3\n", "a")) == 3
    with pytest.raises(InvalidInput, match="more than 3 rows \\(line 5\\): split it"):
        read("a\n1\n2\n3\n4\n", "a")


def zipped(data: bytes, method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as z:
        z.writestr("users.csv", data)
    return buffer.getvalue()


def test_an_entry_that_does_not_unpack_is_a_refusal_not_a_crash():
    """A corrupt deflated entry raised zlib.error: a 500 (and bzip2's OSError a 503 "database unavailable")."""
    good = zipped(b"sourcedId\n" + random.Random(7).randbytes(5000), zipfile.ZIP_DEFLATED)
    at = good.index(b"users.csv") + 1000  # inside the entry's compressed data
    corrupt = good[:at] + bytes(b ^ 0xFF for b in good[at : at + 64]) + good[at + 64 :]
    with pytest.raises(InvalidInput, match="users.csv cannot be read from the ZIP"):
        unzip(corrupt)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_only_stored_and_deflated_entries_are_read(method):
    with pytest.raises(InvalidInput, match=f"compressed with method {method}"):
        unzip(zipped(b"sourcedId\nS1\n", method))
    assert unzip(zipped(b"sourcedId\nS1\n", zipfile.ZIP_STORED)) == {"users.csv": b"sourcedId\nS1\n"}


def test_a_zip_stops_at_its_unpacked_limit_whatever_its_headers_declare(monkeypatch):
    monkeypatch.setattr(files, "MAX_UNZIPPED_BYTES", 10_000)
    assert unzip(zipped(b"a" * 10_000, zipfile.ZIP_DEFLATED)) == {"users.csv": b"a" * 10_000}
    with pytest.raises(InvalidInput, match="unpacks to more than 10000 bytes"):
        unzip(zipped(b"a" * 10_001, zipfile.ZIP_DEFLATED))


def test_a_row_error_quoting_the_rows_own_bytes_is_kept_without_them():
    """A repeated key with a NUL in it: PostgreSQL keeps no NUL in JSON, and the whole job failed."""
    kept = stored_error(RowError(7, "identifier", "x\x00y again (first on line 3)", "users.csv"))
    assert kept == {
        "line": 7,
        "field": "identifier",
        "message": "x\ufffdy again (first on line 3)",
        "file": "users.csv",
    }


def bundle(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(f"export/{name}", text)  # a folder inside the ZIP is fine
    return buffer.getvalue()


ORGS = "sourcedId,name,type,identifier,parentSourcedId\nd,District,district,,\ns,School,school,sch-1,d\nc,Campus,school,,s\n"


def test_the_1_2_layout_takes_roles_from_roles_csv_and_the_schools_orgs_include_those_below_it():
    data = bundle(
        {
            "orgs.csv": ORGS,
            "users.csv": "sourcedId,givenName,familyName,identifier\nu1,A,B,S1\nu2,C,D,S2\nu3,E,F,S3\nt1,T,U,\n",
            "roles.csv": "sourcedId,userSourcedId,roleType,role,orgSourcedId\n"
            "r1,u1,primary,student,c\nr2,u2,primary,student,d\nr3,u3,primary,student,s\nr4,t1,primary,teacher,s\n",
        }
    )
    found = users(data, "sch-1", "student", lambda u: u["identifier"] or u["sourcedId"], "identifier")
    assert found.total == 3
    assert [(line, u.key, u.display_name) for line, u in found.rows] == [(2, "S1", "A B"), (4, "S3", "E F")]
    assert [(e.line, e.field) for e in found.errors] == [(3, "roles.csv orgSourcedId")]  # the district is above


def test_a_bundle_without_the_callers_org_is_refused():
    data = bundle({"orgs.csv": ORGS, "users.csv": "sourcedId,givenName,familyName,role,orgSourcedIds\n"})
    with pytest.raises(InvalidInput, match="another school"):
        users(data, "sch-2", "student", lambda u: u["sourcedId"], "sourcedId")
