"""The erasure proof's scanner, on a real PostgreSQL and a real NATS JetStream: a value planted in a text, jsonb,
array or bytea column (a compressed PDF included), in any schema, or in a stream message's data or headers (a KV
bucket's included) is found where it is; a value that is nowhere is found nowhere."""

from __future__ import annotations

import io
import json
import secrets

import asyncpg
import nats
import pytest
from reportlab.pdfgen import canvas

from praxis_dev.testing.personal_data_scan import Hit, scan_database, scan_streams
from praxis_dev.testing.servers import plain_url

SCHEMA = """
CREATE SCHEMA audit;
CREATE TABLE person (id serial PRIMARY KEY, student_ref text, display_name varchar(80), tags text[]);
CREATE TABLE snapshot (id serial PRIMARY KEY, payload jsonb, raw json);
CREATE TABLE document (id serial PRIMARY KEY, content bytea);
CREATE TABLE audit.entry (id serial PRIMARY KEY, detail text);
"""


def compressed_pdf(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=1)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def planted(database_factory):
    return database_factory("scan")


async def fill(url: str) -> None:
    conn = await asyncpg.connect(plain_url(url))
    try:
        await conn.execute(SCHEMA)
        await conn.execute(
            "INSERT INTO person (student_ref, display_name, tags) VALUES"
            " ('s-4711', 'Zoë Quarantotto', ARRAY['x', 'tag-of-NEEDLE-ARRAY']), ('s-1', 'Other', NULL)"
        )
        await conn.execute(
            "INSERT INTO snapshot (payload, raw) VALUES ($1::jsonb, $2::json), ('{\"a\": 1}', NULL)",
            json.dumps({"student": {"ref": "S-4711-json", "mail": "zoe@school.test"}}),
            json.dumps({"name": "Zoë Quarantotto"}),  # json.dumps escapes the ë as \u00eb
        )
        await conn.execute(
            "INSERT INTO document (content) VALUES ($1), ($2), (NULL)",
            b"\x00\x01binary...needle-in-bytes\xff",
            compressed_pdf("Agreement of Pdfname Student"),
        )
        await conn.execute("INSERT INTO audit.entry (detail) VALUES ('read by s-4711'), ('read by s-1')")
    finally:
        await conn.close()


async def test_a_planted_value_is_found_in_each_kind_of_column_and_nothing_when_absent(planted):
    await fill(planted)

    hits = await scan_database(planted, ["s-4711", "zoe@school.test", "NEEDLE-array", "needle-in-bytes", "Pdfname"])

    assert sorted(hits, key=lambda h: (h.table, h.column, h.needle)) == [
        Hit("audit.entry", "detail", "s-4711", 1),
        Hit("public.document", "content", "Pdfname", 1),
        Hit("public.document", "content", "needle-in-bytes", 1),
        Hit("public.person", "student_ref", "s-4711", 1),
        Hit("public.person", "tags", "NEEDLE-array", 1),
        Hit("public.snapshot", "payload", "s-4711", 1),  # case-insensitive: "S-4711-json"
        Hit("public.snapshot", "payload", "zoe@school.test", 1),
    ]
    name_hits = await scan_database(planted, ["Zoë Quarantotto"])
    assert {(h.table, h.column) for h in name_hits} == {("public.person", "display_name"), ("public.snapshot", "raw")}
    assert await scan_database(planted, ["s-9999", "nobody@school.test", secrets.token_hex(8)]) == []


async def test_a_value_in_a_stream_message_is_found_in_its_data_or_headers_and_nothing_when_absent(
    nats_server, event_prefix
):
    ref, header_ref = f"s-{secrets.token_hex(6)}", f"h-{secrets.token_hex(6)}"
    stream, subject = f"{event_prefix.upper()}_SCAN", f"{event_prefix}.scan"
    bucket = f"{event_prefix}_scan"
    nc = await nats.connect(servers=[nats_server.url])
    try:
        js = nc.jetstream()
        await js.add_stream(name=stream, subjects=[f"{subject}.>"])
        await js.publish(f"{subject}.a", b"nothing personal")
        await js.publish(f"{subject}.b", b"\x0a\x06" + ref.encode() + b"\x12\x01x")  # a protobuf-like payload
        deleted = await js.publish(f"{subject}.c", ref.encode())
        await js.publish(f"{subject}.d", b"{}", headers={"Praxis-About": header_ref})
        await js.delete_msg(stream, deleted.seq)  # a deleted message is not retained: no hit, and no stop there

        kv = await js.create_key_value(bucket=bucket)  # a KV bucket is a stream too ($KV.<bucket>.<key>)
        await kv.put("profile", f'{{"ref": "{ref}"}}'.encode())

        hits = await scan_streams(nats_server.url, [ref, header_ref])
        assert [(h.seq, h.subject, h.needle, h.part) for h in hits if h.stream == stream] == [
            (2, f"{subject}.b", ref, "data"),
            (4, f"{subject}.d", header_ref, "headers"),
        ]
        assert [(h.subject, h.needle) for h in hits if h.stream == f"KV_{bucket}"] == [(f"$KV.{bucket}.profile", ref)]
        assert await scan_streams([nats_server.url], [f"s-{secrets.token_hex(6)}"]) == []
    finally:
        try:
            await nc.jetstream().delete_stream(stream)
            await nc.jetstream().delete_key_value(bucket)
        finally:
            await nc.close()
