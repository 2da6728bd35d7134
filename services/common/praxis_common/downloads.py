"""A list downloaded whole as a file: CSV (a header row, then one line per row) or JSON (an array), streamed as the
rows are read, so a long list holds neither the service's memory nor, read in batches, a database connection."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable
from typing import Literal, TypeVar

from fastapi.responses import StreamingResponse

T = TypeVar("T")


def table_download(
    rows: AsyncIterable[T],
    *,
    format: Literal["csv", "json"],
    csv_header: str,
    csv_line: Callable[[T], str],
    json_item: Callable[[T], str],
    filename: str,
) -> StreamingResponse:
    """`rows` as an attachment named `filename`: CSV (`csv_header`, then `csv_line` of each) or a JSON array of
    `json_item` of each."""

    async def as_csv() -> AsyncIterator[bytes]:
        yield csv_header.encode()
        async for row in rows:
            yield csv_line(row).encode()

    async def as_json() -> AsyncIterator[bytes]:
        yield b"["
        first = True
        async for row in rows:
            yield (b"" if first else b",") + json_item(row).encode()
            first = False
        yield b"]"

    return StreamingResponse(
        as_csv() if format == "csv" else as_json(),
        media_type="text/csv; charset=utf-8" if format == "csv" else "application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
