"""Proof of erasure: find personal values (a student_ref, a name, an e-mail...) anywhere in a database or in the
retained messages of every JetStream stream.

`scan_database` reads every column of every table (ordinary, partitioned, materialised views) of every schema but
the system ones, cast to text; bytea columns are searched as bytes (the needle's UTF-8 and latin-1 encodings) and,
when a value is a PDF, in its extracted text too (page streams are compressed, so raw bytes would hide a name).
`scan_streams` reads every retained message of every stream: its data (UTF-8 / latin-1) and its headers.
Matching is case-insensitive; a needle is also looked for in its JSON-escaped form (`\\u00e9`, `\\"`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import asyncpg
import nats
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js.errors import NotFoundError

from praxis_dev.testing.servers import plain_url

_SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")


@dataclass(frozen=True)
class Hit:
    table: str  # schema.table
    column: str
    needle: str
    count: int  # rows whose value holds the needle


@dataclass(frozen=True)
class StreamHit:
    stream: str
    seq: int
    subject: str
    needle: str
    part: str = "data"  # "data" or "headers"


def _forms(needle: str) -> list[str]:
    """The needle, and its JSON-escaped form when that differs (lower-cased: matching ignores case)."""
    forms = [needle.lower()]
    escaped = json.dumps(needle)[1:-1].lower()
    if escaped not in forms:
        forms.append(escaped)
    return forms


def _byte_forms(needle: str) -> list[bytes]:
    forms: list[bytes] = []
    for text in _forms(needle):
        for encoding in ("utf-8", "latin-1"):
            try:
                encoded = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            if encoded not in forms:
                forms.append(encoded)
    return forms


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pdf_text(value: bytes) -> str:
    """The text of a PDF (empty if it is none or pypdf is missing): a name set in a compressed page stream."""
    if not value.startswith(b"%PDF"):
        return ""
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a test requirement
        return ""
    try:
        reader = PdfReader(io.BytesIO(value))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # a damaged PDF: its raw bytes were searched already
        return ""


def _bytes_hold(value: bytes, needle: str) -> bool:
    lowered = value.lower()
    if any(form in lowered for form in _byte_forms(needle)):
        return True
    text = _pdf_text(value).lower()
    return bool(text) and any(form in text for form in _forms(needle))


async def _columns(conn: asyncpg.Connection) -> dict[tuple[str, str], list[tuple[str, str]]]:
    rows = await conn.fetch(
        """
        SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, t.typname AS type
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname <> ALL($1::text[]) AND n.nspname NOT LIKE 'pg_temp%'
        ORDER BY n.nspname, c.relname, a.attnum
        """,
        list(_SYSTEM_SCHEMAS),
    )
    tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in rows:
        tables.setdefault((row["schema"], row["table"]), []).append((row["column"], row["type"]))
    return tables


async def _scan_text_columns(
    conn: asyncpg.Connection, table: str, columns: Iterable[str], needles: Sequence[str]
) -> list[Hit]:
    """One query per table: for each (column, needle) the number of rows whose text holds any form of the needle."""
    selects, keys, args = [], [], []
    for column in columns:
        for needle in needles:
            conditions = []
            for form in _forms(needle):
                args.append(form)
                conditions.append(f"strpos(lower({_ident(column)}::text), ${len(args)}) > 0")
            selects.append(f"count(*) FILTER (WHERE {' OR '.join(conditions)})")
            keys.append((column, needle))
    if not selects:
        return []
    row = await conn.fetchrow(f"SELECT {', '.join(selects)} FROM {table}", *args)
    return [Hit(table, column, needle, row[i]) for i, (column, needle) in enumerate(keys) if row[i]]


async def _scan_bytea_column(conn: asyncpg.Connection, table: str, column: str, needles: Sequence[str]) -> list[Hit]:
    counts = dict.fromkeys(needles, 0)
    async with conn.transaction():  # a cursor needs one
        async for record in conn.cursor(f"SELECT {_ident(column)} FROM {table} WHERE {_ident(column)} IS NOT NULL"):
            value = bytes(record[0])
            for needle in needles:
                if _bytes_hold(value, needle):
                    counts[needle] += 1
    return [Hit(table, column, needle, n) for needle, n in counts.items() if n]


async def scan_database(database_url: str, needles: Sequence[str]) -> list[Hit]:
    """Every (table, column, needle) whose rows hold the needle, with the number of such rows; [] when clean.
    `database_url` may be a SQLAlchemy URL (`postgresql+asyncpg://...`) or a plain one."""
    needles = [n for n in dict.fromkeys(needles) if n]
    if not needles:
        raise ValueError("scan_database needs at least one non-empty needle")
    conn = await asyncpg.connect(plain_url(database_url), timeout=30)
    try:
        hits: list[Hit] = []
        for (schema, name), columns in (await _columns(conn)).items():
            table = f"{_ident(schema)}.{_ident(name)}"
            label = f"{schema}.{name}"
            text_columns = [c for c, typ in columns if typ != "bytea"]
            for hit in await _scan_text_columns(conn, table, text_columns, needles):
                hits.append(Hit(label, hit.column, hit.needle, hit.count))
            for column in (c for c, typ in columns if typ == "bytea"):
                for hit in await _scan_bytea_column(conn, table, column, needles):
                    hits.append(Hit(label, hit.column, hit.needle, hit.count))
        return hits
    finally:
        await conn.close()


async def _stream_messages(js, stream: str, first: int, last: int):
    """Every retained message of `stream` from `first` to `last`; deleted sequences are skipped."""
    seq = first
    while seq and seq <= last:
        try:
            msg = await js.get_msg(stream, seq, subject=">", next=True)
        except NotFoundError:
            return
        yield msg
        seq = msg.seq + 1


async def scan_streams(nats_url: str | list[str], needles: Sequence[str], **connect_options) -> list[StreamHit]:
    """Every (stream, sequence, needle) of a retained message whose data or headers hold the needle; [] when
    clean. Reads every stream of the server (KV buckets and object stores included: they are streams)."""
    needles = [n for n in dict.fromkeys(needles) if n]
    if not needles:
        raise ValueError("scan_streams needs at least one non-empty needle")
    servers = [nats_url] if isinstance(nats_url, str) else list(nats_url)
    nc = await nats.connect(servers=servers, **connect_options)
    try:
        js = nc.jetstream()
        hits: list[StreamHit] = []
        for info in await _all_streams(js):
            state = info.state
            if not state.messages:
                continue
            async for msg in _stream_messages(js, info.config.name, state.first_seq, state.last_seq):
                data = bytes(msg.data or b"")
                headers = " ".join(f"{k}: {v}" for k, v in (msg.headers or {}).items())
                for needle in needles:
                    if data and _bytes_hold(data, needle):
                        hits.append(StreamHit(info.config.name, msg.seq, msg.subject, needle, "data"))
                    if headers and any(form in headers.lower() for form in _forms(needle)):
                        hits.append(StreamHit(info.config.name, msg.seq, msg.subject, needle, "headers"))
        return hits
    finally:
        await nc.close()


async def _all_streams(js) -> list:
    """Every stream's info (the API pages its list; nats-py's `streams_info` reads from an offset)."""
    streams: list = []
    while True:
        try:
            page = await js.streams_info(offset=len(streams))
        except (NatsTimeoutError, TimeoutError):
            page = await js.streams_info(offset=len(streams))
        if not page:
            return streams
        streams.extend(page)
        if len(page) < 256:
            return streams
