"""Reading an uploaded CSV file (or a ZIP of them) row by row, each row with the line it starts on.

UTF-8 only (a byte-order mark is skipped); a file that is not, a missing column or a ZIP that is not one is refused
as a whole (InvalidInput: 422 at upload), with the file and line named. Rows come as dicts of the header's columns;
a row with more or fewer cells than the header is a row error, not a refusal of the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from praxis_common.errors import FieldError, InvalidInput

# What one upload may hold. Parsing keeps a file's rows in memory (a dict each), so the bounds are what keeps a
# service inside its memory limit: a 100,000-row roster parses in about 150 MB.
MAX_FILES_IN_ZIP = 64
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # a ZIP bomb stops here, counted as it is read (declared sizes may lie)
MAX_ROWS = 100_000  # per file; a larger roster is split into several files
csv.field_size_limit(1 << 20)


@dataclass(frozen=True)
class RowError:
    line: int  # the line of the file the row starts on (the header is line 1)
    field: str
    message: str
    file: str = ""  # in a bundle of several files (OneRoster), which one


@dataclass(frozen=True)
class BatchOutcome:
    """What applying a batch of valid rows did (or, in a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: tuple[RowError, ...] = ()


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, str]


def refuse(detail: str, field: str = "file") -> InvalidInput:
    return InvalidInput(detail, errors=[FieldError(field, detail)])


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refuse(f"{name} is not UTF-8 text (line {line}, byte {exc.start}): save it as CSV UTF-8") from None


def rows(text: str, name: str, *, required: tuple[str, ...]) -> tuple[list[str], Iterator[Row | RowError]]:
    """The header, and each row (or a RowError for a row of the wrong width). The header must name `required`."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise refuse(f"{name} is empty: it needs a header line") from None
    except csv.Error as exc:
        raise refuse(f"{name} line 1: {exc}") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise refuse(f"{name} lacks the column(s) {', '.join(missing)} (line 1 is the header)")

    def each() -> Iterator[Row | RowError]:
        line = reader.line_num + 1
        count = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield RowError(line, "row", f"not CSV: {exc}", name)
                return  # the reader cannot resynchronise after a broken quote
            if cells and any(c.strip() for c in cells):
                count += 1
                if count > MAX_ROWS:
                    raise refuse(f"{name} has more than {MAX_ROWS} rows (line {line}): split it into several files")
                if len(cells) != len(header):
                    yield RowError(line, "row", f"{len(cells)} cells, the header has {len(header)}", name)
                else:
                    yield Row(name, line, dict(zip(header, cells, strict=True)))
            line = reader.line_num + 1

    return header, each()


COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what spreadsheet tools and `zip` write
_CHUNK = 1 << 20


def unzip(data: bytes) -> dict[str, bytes]:
    """The files of a ZIP by their base name (`orgs.csv`), directories ignored. Stored or deflated entries only; the
    bytes unpacked are counted as they come, so a ZIP whose headers understate its sizes stops at the limit too; an
    entry that does not unpack (corrupt, encrypted) refuses the upload."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse("not a ZIP file") from None
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_FILES_IN_ZIP:
        raise refuse(f"the ZIP holds {len(infos)} files; at most {MAX_FILES_IN_ZIP}")
    out: dict[str, bytes] = {}
    left = MAX_UNZIPPED_BYTES
    for info in infos:
        name = info.filename.rsplit("/", 1)[-1]
        if info.compress_type not in COMPRESSIONS:
            raise refuse(f"{name} is compressed with method {info.compress_type}: use ZIP's ordinary deflate")
        if info.file_size > left:
            raise refuse(f"the ZIP unpacks to more than {MAX_UNZIPPED_BYTES} bytes")
        parts = []
        try:
            with archive.open(info) as entry:
                while chunk := entry.read(min(_CHUNK, left + 1)):
                    left -= len(chunk)
                    if left < 0:
                        raise refuse(f"the ZIP unpacks to more than {MAX_UNZIPPED_BYTES} bytes")
                    parts.append(chunk)
        except InvalidInput:
            raise
        except Exception as exc:  # zlib.error, BadZipFile (CRC), RuntimeError (encrypted), …: the file, not us
            raise refuse(f"{name} cannot be read from the ZIP: {type(exc).__name__}: {exc}"[:300]) from None
        out[name] = b"".join(parts)
    return out
