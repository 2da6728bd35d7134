"""When a text names a student's ref: the one rule erasure applies, in SQL and in Python alike (docs/erasure.md,
"Matching").

- JSON (event payloads, outbox rows, stream messages, dead letters, cached responses, export JSON Lines): the ref is
  a whole JSON string value, so the JSON-encoded ref with its quotes (`"S-1"`) is looked for; `1` never matches the
  number 1 nor `"P-1"`, and `S-1` never matches `"S-10"`.
- Headers: those naming a resource (an event's `ce-subject` = `<aggregate>/<id>`, a cached response's `Location`)
  whose value is the ref or ends with `/<ref>`; no other header (`ce-source` is `/praxis/<service>`) names a student.
- Free text (import errors, a hook's text columns through erasure_sql.scrub, an upload's cells): the ref as a whole
  token: no ref character (letter, digit, `_`, `-`) on either side; a `.` or `:` next to it ends the token unless a
  ref character follows it (`S-1.` and `S-1:` are the ref; `S-1.5` and `2024.S-1` are not).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_REF_CHAR = r"[A-Za-z0-9_\-]"
_JOINER = "[.:]"  # joins two ref parts (`2024.s:7`), ends a token otherwise (`S-1.`)


def _literal(ref: str) -> str:
    """The ref as a regular expression matching only itself (PostgreSQL's ARE and Python's re alike)."""
    return re.sub(r"([^A-Za-z0-9])", r"\\\1", ref)


def token_pattern(ref: str) -> str:
    """The ref as a whole token in free text: a regular expression for PostgreSQL (`~`, regexp_replace) and Python."""
    before = rf"(?<!{_REF_CHAR})(?<!{_REF_CHAR}{_JOINER})"
    after = rf"(?!{_REF_CHAR})(?!{_JOINER}{_REF_CHAR})"
    return before + _literal(ref) + after


def json_values(ref: str) -> list[str]:
    """The ref as a JSON string value, quotes included: escaped (`ensure_ascii`, as protobuf's JSON writes it) and raw
    (PostgreSQL's row_to_json, FastAPI's responses); one entry when they are the same."""
    encoded = [json.dumps(ref), json.dumps(ref, ensure_ascii=False)]
    return list(dict.fromkeys(encoded))


def json_mentions(data: bytes | None, ref: str) -> bool:
    return any(v.encode() in (data or b"") for v in json_values(ref))


RESOURCE_HEADERS = ("ce-subject", "location")  # lower-case


def header_mentions(name: str, value: str, ref: str) -> bool:
    return name.lower() in RESOURCE_HEADERS and (value == ref or value.endswith("/" + ref))


def message_mentions(data: bytes | None, headers: Mapping[str, str] | None, ref: str) -> bool:
    """A stored message (JSON data, headers) names the ref."""
    return json_mentions(data, ref) or any(header_mentions(k, v, ref) for k, v in (headers or {}).items())


def text_mentions(text: str | None, ref: str) -> bool:
    return bool(text) and re.search(token_pattern(ref), text) is not None


def escaped_bytes_pattern(ref: str) -> str:
    """`token_pattern` for bytes as PostgreSQL's `encode(bytes, 'escape')` writes them (a CSV upload of any encoding):
    printable ASCII as itself, a backslash doubled, any other byte as `\\ooo`."""
    out = []
    for b in ref.encode():
        if b == 0x5C:
            out.append("\\\\")
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append(f"\\{b:03o}")
    before = rf"(?<!{_REF_CHAR})(?<!{_REF_CHAR}{_JOINER})"
    after = rf"(?!{_REF_CHAR})(?!{_JOINER}{_REF_CHAR})"
    return before + _literal("".join(out)) + after


# ---- the same rule as SQL fragments over a table's columns, with `sql_params`


def sql_json_mentions(column: str) -> str:
    """A bytea column (JSON) holding the ref as a whole string value."""
    return f"EXISTS (SELECT 1 FROM unnest(CAST(:json_needles AS bytea[])) nd WHERE position(nd IN {column}) > 0)"


SQL_RESOURCE_HEADERS = "(" + ", ".join(f"'{h}'" for h in RESOURCE_HEADERS) + ")"


def sql_header_mentions(column: str) -> str:
    """A jsonb column of headers (name -> value) with a value naming the ref."""
    return (
        f"EXISTS (SELECT 1 FROM jsonb_each_text({column}) hd WHERE lower(hd.key) IN {SQL_RESOURCE_HEADERS} "
        "AND (hd.value = :ref OR right(hd.value, :suffix_length) = :suffix))"
    )


def sql_text_mentions(expression: str) -> str:
    return f"coalesce({expression}, '') ~ :token"


def sql_params(ref: str) -> dict[str, Any]:
    needles = [v.encode() for v in json_values(ref)]
    return {
        "ref": ref,
        "json_needles": needles,
        "json_needle_length": max(len(n) for n in needles),
        "suffix": "/" + ref,
        "suffix_length": len(ref) + 1,
        "token": token_pattern(ref),
        "bytes_token": escaped_bytes_pattern(ref),
    }
