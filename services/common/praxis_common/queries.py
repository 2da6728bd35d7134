"""Query parameter types shared by the services' lists: page size and page token, and value lists given either
repeated (`?competency=a&competency=b`) or comma-separated (`?competency=a,b`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import BeforeValidator, Field

from praxis_common.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from praxis_common.validation import PageToken as TokenText

PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page (default {DEFAULT_PAGE_SIZE})")]
PageToken = Annotated[TokenText | None, Query(description="`next_page_token` of the previous page (signed; opaque)")]
UpdatedSince = Annotated[
    TokenText | None,
    Query(
        description="A change feed instead of the list: `0` for every change from the beginning, then the "
        "`next_cursor` of the previous answer (signed; opaque). Deleted rows, and rows that left your view, come as "
        "tombstones `{id, deleted: true, changed_at}` (docs/change-feeds.md)"
    ),
]


def split_values(value: object) -> object:
    """Repeated values and comma-separated ones, flattened, lower-cased (tags are), blanks and repeats dropped."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return value
    out: list = []
    for item in value:
        parts = item.split(",") if isinstance(item, str) else [item]
        for part in parts:
            part = part.strip().lower() if isinstance(part, str) else part
            if part != "" and part not in out:
                out.append(part)
    return out


def value_list(item: object, *, most: int) -> object:
    """A query parameter holding up to `most` values of type `item`, repeated or comma-separated."""
    return Annotated[list[item], BeforeValidator(split_values), Field(max_length=most)]


def value_list_help(what: str, most: int) -> str:
    return f"{what}: repeat the parameter or separate the values with commas (at most {most}; case-insensitive)"
