"""Organisation exports (docs/export.md): what a service declares an organisation owns (`ExportResource`, listed in
`ServiceSpec.exports`), its part of an export job written in one snapshot (parts.py, built by worker.py when the
job's request event arrives), answered to an admin of the owning organisation only (access.py) over gRPC to the
coordinator (rpc.py, client.py), and assembled into the archive with its manifest (archive.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class ExportResource:
    """One JSON Lines file of a service's part: the rows of `query` (a SELECT whose `$1` is the organisation's id
    and `$2` its kind, selecting only rows that organisation owns, in a stable order), each as a JSON object of its
    columns. `schema_version` goes up when the columns change meaning or are removed."""

    name: str
    schema_version: int
    query: str

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"export resource name {self.name!r}: lower-case letters, digits and _")

    def copy_query(self) -> str:
        # row_to_json keeps the columns' order and renders every type (dates ISO, numerics exact). Both parameters
        # are named here, so a query may use either (asyncpg inlines them as literals for COPY, by their types).
        return f"SELECT row_to_json(r) FROM ({self.query}) AS r WHERE $1::text IS NOT NULL AND $2::text IS NOT NULL"
