"""Which texts name a student's ref (praxis_common.erasure_match), on a real PostgreSQL and JetStream: a whole JSON
value, a header ending in /<ref>, a whole token of free text; the kernel's tables touch only the erasing school's rows
that name the ref so, and the stream scrub deletes only the messages that do."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common.erasure import ErasureRequest, erase_kernel_rows, scrub_stream
from praxis_common.erasure_match import message_mentions, token_pattern
from praxis_common.erasure_sql import scrub
from praxis_common.jetstream import Bus, service_streams, stream_name

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
async def engine(database_factory):
    engine = create_async_engine(database_factory("erasurematch", migrated="mentors"))
    yield engine
    await engine.dispose()


@pytest.fixture
async def bus(nats_server):
    bus = Bus(nats_server.url, name="erasure-match-test")
    await bus.connect()
    yield bus
    await bus.close()


# (free text, what the token rule makes of it with S-1 replaced by "X")
TOKENS = [
    ("Great work by S-1.", "Great work by X."),  # a sentence ends after the ref
    ("S-1: late again", "X: late again"),
    ("ask S-1. Then S-1, S-2", "ask X. Then X, S-2"),
    ("(S-1)", "(X)"),
    ("S-1.5 and S-10 and xS-1 and 2024.S-1 and S-1_b", "S-1.5 and S-10 and xS-1 and 2024.S-1 and S-1_b"),
]


async def test_a_hooks_scrub_replaces_a_ref_in_free_text_as_a_whole_token(engine):
    note = Table("erasure_note", MetaData(), Column("id", Integer, primary_key=True), Column("body", Text))
    async with engine.begin() as conn:
        await conn.run_sync(note.metadata.create_all)
        await conn.execute(note.insert(), [{"id": n, "body": before} for n, (before, _) in enumerate(TOKENS)])
        await conn.execute(scrub(note, note.c.id >= 0, "S-1", "X", mentions=[note.c.body]))
        after = (await conn.execute(select(note.c.body).order_by(note.c.id))).scalars().all()
    assert after == [a for _, a in TOKENS]
    assert [re.sub(token_pattern("S-1"), "X", b) for b, _ in TOKENS] == after  # Python's re reads it alike


def test_a_message_names_the_ref_as_a_whole_json_value_or_a_header_ending_in_it():
    assert message_mentions(b'{"studentRef":"S-1"}', {}, "S-1")
    assert message_mentions(b"{}", {"ce-subject": "student/S-1"}, "S-1")
    assert message_mentions(b'{"name":"J\\u00f6rg"}', {}, "Jörg")  # protobuf's JSON escapes what is not ASCII
    assert not message_mentions(b'{"studentRef":"S-10"}', {"ce-subject": "student/S-10"}, "S-1")
    assert not message_mentions(b'{"positionId":"P-1","seats":1}', {"ce-subject": "position/P-1"}, "1")
    assert not message_mentions(b"{}", {"ce-source": "/praxis/mentors"}, "mentors")  # only headers naming a resource


async def test_an_unsent_event_goes_out_under_the_pseudonym_in_its_payload_subject_and_aggregate(engine):
    request = ErasureRequest(uuid.uuid4(), "school-er", "S-1")
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO outbox (id, subject, aggregate_type, aggregate_id, headers, payload, occurred_at) "
                "VALUES (:id, 's', 'student', 'S-1', CAST(:h AS jsonb), :p, now())"
            ),
            {
                "id": uuid.uuid4(),
                "h": json.dumps({"ce-subject": "student/S-1", "ce-source": "/praxis/S-1"}),
                "p": json.dumps({"schoolOrg": "school-er", "studentRef": "S-1", "peers": ["S-10"]}).encode(),
            },
        )
        assert (await erase_kernel_rows(conn, request))["outbox"] == 1
        row = (await conn.execute(text("SELECT aggregate_id, headers, payload FROM outbox"))).one()
    assert row.aggregate_id == request.pseudonym
    assert row.headers == {"ce-subject": f"student/{request.pseudonym}", "ce-source": "/praxis/S-1"}
    assert json.loads(row.payload) == {"schoolOrg": "school-er", "studentRef": request.pseudonym, "peers": ["S-10"]}


async def test_the_kernel_tables_keep_other_schools_rows_and_refs_that_only_contain_this_one(engine):
    async with engine.begin() as conn:
        for org, body in (("school-other", {"student_ref": "S-1"}), ("school-er", {"student_ref": "S-10", "id": 1})):
            await conn.execute(
                text(
                    "INSERT INTO idempotency_key (org, key, subject, fingerprint, status, body, headers, expires_at) "
                    "VALUES (:org, 'k', 'u', 'f', 201, :body, '{\"Location\": \"/v1/s/S-10\"}'::jsonb, :exp)"
                ),
                {"org": org, "body": json.dumps(body).encode(), "exp": NOW + timedelta(days=1)},
            )
        for payload in ({"schoolOrg": "school-other", "studentRef": "S-1"}, {"studentRef": "S-10", "n": 1}):
            for sent in (NOW, None):
                await conn.execute(
                    text(
                        "INSERT INTO outbox (id, subject, aggregate_type, aggregate_id, headers, payload, "
                        "occurred_at, sent_at) VALUES (:id, 's', 'student', 'S-10', "
                        '\'{"ce-subject": "student/S-10"}\'::jsonb, :p, now(), :sent)'
                    ),
                    {"id": uuid.uuid4(), "p": json.dumps(payload).encode(), "sent": sent},
                )
        job = uuid.uuid4()
        await conn.execute(
            text(
                "INSERT INTO export_part (job_id, org, org_kind, state, requested_at, expires_at) "
                "VALUES (:job, 'acme', 'enterprise', 'ready', now(), now() + interval '1 day')"
            ),
            {"job": job},
        )
        await conn.execute(
            text("INSERT INTO export_chunk (job_id, file, seq, data) VALUES (:job, 'p', 0, :d)"),
            {"job": job, "d": b'{"id": 1, "student_ref": "S-10", "position_id": "P-1"}\n'},
        )
        for org, message in (("school-other", "S-1: bad date"), ("school-er", "S-10: bad date")):
            await conn.execute(
                text(
                    "INSERT INTO import_job (id, org, org_kind, kind, state, dry_run, file_sha256, upload, errors, "
                    "created_by, created_at, finished_at) VALUES (:id, :org, 'school', 'k', 'succeeded', false, "
                    "'h', :upload, CAST(:errors AS jsonb), 'u', now(), now())"
                ),
                {
                    "id": uuid.uuid4(),
                    "org": org,
                    "upload": b"ref,name,position\nS-10,Bob,P-1\n" if org == "school-er" else b"ref\nS-1\n",
                    "errors": json.dumps([{"row": 1, "message": message}]),
                },
            )
    untouched = {"outbox": 0, "idempotency_key": 0, "import_job": 0, "audit_entry": 0, "export_part": 0}
    for ref in ("S-1", "1"):  # `1` is neither the number 1 nor inside P-1 or S-10
        async with engine.begin() as conn:
            assert await erase_kernel_rows(conn, ErasureRequest(uuid.uuid4(), "school-er", ref)) == untouched


async def test_the_scrub_deletes_whole_values_only(bus):
    prefix = "em" + uuid.uuid4().hex[:8]
    await bus.ensure_streams(service_streams(prefix, "svc"))
    stream, subjects = stream_name(prefix, "svc"), f"{prefix}.svc.>"
    sent = [
        b'{"schoolOrg":"school-er","studentRef":"S-10"}',
        b'{"enterpriseOrg":"acme","positionId":"P-1","seats":1}',
        b'{"schoolOrg":"school-er","studentRef":"S-1","comment":"S-10 helped"}',
    ]
    for n, data in enumerate(sent):
        await bus.publish(f"{prefix}.svc.a.b", data, headers={"Nats-Msg-Id": f"m{n}"}, timeout=5)
    assert await scrub_stream(bus, stream, subjects, "1", school_org="school-er") == []
    assert await scrub_stream(bus, stream, subjects, "S-1", school_org="school-er") == [3]
