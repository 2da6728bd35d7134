"""`praxis import`'s pieces without a server: a directory of CSV files becomes the ZIP a service reads, and a job's
end reads as its counts and one line per refused row (the exit status follows from it)."""

import io
import zipfile

import click
import pytest

from praxis_cli.imports import bundle_bytes, report


def test_a_directory_of_csv_files_is_zipped_and_a_zip_is_sent_as_it_is(tmp_path):
    (tmp_path / "users.csv").write_text("sourcedId\n")
    (tmp_path / "orgs.csv").write_text("sourcedId\n")
    (tmp_path / "notes.txt").write_text("not sent")
    with zipfile.ZipFile(io.BytesIO(bundle_bytes(tmp_path))) as z:
        assert sorted(z.namelist()) == ["orgs.csv", "users.csv"]
    zipped = tmp_path / "b.zip"
    zipped.write_bytes(b"PK\x05\x06" + bytes(18))
    assert bundle_bytes(zipped) == zipped.read_bytes()
    (tmp_path / "empty").mkdir()
    with pytest.raises(click.BadParameter):
        bundle_bytes(tmp_path / "empty")


JOB = {
    "id": "j-1",
    "state": "succeeded",
    "dry_run": True,
    "total": 3,
    "created": 2,
    "updated": 0,
    "unchanged": 0,
    "failed": 1,
    "errors": [{"file": "users.csv", "line": 4, "field": "student_ref", "message": "bad"}],
    "errors_more": 0,
    "detail": None,
}


def test_a_job_reads_as_its_counts_and_its_refused_rows(capsys):
    assert report("internships", JOB) is False  # a refused row: exit status 1
    out, err = capsys.readouterr()
    assert out == (
        "internships: job j-1 succeeded (dry run: nothing written)\n"
        "  total 3, created 2, updated 0, unchanged 0, failed 1\n"
    )
    assert err == "  users.csv:4: student_ref: bad\n"
    clean = {**JOB, "dry_run": False, "failed": 0, "created": 3, "errors": [], "file": ""}
    assert report("internships", clean) is True
    failed = {**clean, "state": "failed", "total": None, "detail": "not a ZIP file"}
    assert report("mentors", failed) is False
    out, err = capsys.readouterr()
    assert "total -, created 3" in out and err == "  failed: not a ZIP file\n"
