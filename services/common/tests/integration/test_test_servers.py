"""Tests of the real-server test plugin (praxis_dev.testing.plugin) itself."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import nats
import pytest
from nats.js.api import StorageType
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_dev.testing.servers import DATABASE_URL_ENV, NATS_URL_ENV, plain_url

pytestmark = pytest.mark.integration


@pytest.mark.asyncio
async def test_database_factory_gives_a_working_database(database_factory, event_prefix):
    url = database_factory("select one")
    assert url.startswith("postgresql+asyncpg://")
    conn = await asyncpg.connect(plain_url(url))
    try:
        assert await conn.fetchval("select 1") == 1
        assert (await conn.fetchval("select current_database()")).startswith(event_prefix + "_select_one_")
    finally:
        await conn.close()
    engine = create_async_engine(url)
    try:
        async with engine.connect() as sa_conn:
            assert (await sa_conn.execute(text("select 1"))).scalar_one() == 1
    finally:
        await engine.dispose()


@pytest.mark.asyncio
async def test_each_call_gives_a_distinct_database(database_factory):
    first, second = database_factory("orders"), database_factory("orders")
    assert first != second
    a = await asyncpg.connect(plain_url(first))
    b = await asyncpg.connect(plain_url(second))
    try:
        await a.execute("create table only_here (id int)")
        assert await a.fetchval("select to_regclass('only_here') is not null")
        assert not await b.fetchval("select to_regclass('only_here') is not null")
    finally:
        await a.close()
        await b.close()


def test_modules_get_distinct_prefixes_and_databases_are_dropped(postgres_server, nats_server, tmp_path: Path):
    """Run two modules in a child pytest against the same servers (via the env URLs)."""
    module = textwrap.dedent(
        """
        import json, os, pathlib

        def test_record(database_factory, event_prefix):
            url = database_factory("x")
            out = pathlib.Path(os.environ["RECORD_DIR"]) / "{tag}.json"
            out.write_text(json.dumps({{"prefix": event_prefix, "url": url}}))
        """
    )
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "pytest.ini").write_text("[pytest]\n")
    for tag in ("a", "b"):
        (suite / f"test_{tag}.py").write_text(module.format(tag=tag))
    env = {
        **os.environ,
        DATABASE_URL_ENV: postgres_server.admin_url,
        NATS_URL_ENV: nats_server.url,
        "RECORD_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "praxis_dev.testing.plugin",
            "--import-mode=importlib",
            "-c",
            str(suite / "pytest.ini"),
            "--rootdir",
            str(suite),
            str(suite),
        ],
        env=env,
        cwd=suite,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    records = [json.loads((tmp_path / f"{tag}.json").read_text()) for tag in ("a", "b")]
    assert records[0]["prefix"] != records[1]["prefix"]
    assert records[0]["url"] != records[1]["url"]
    names = [urlsplit(r["url"]).path.lstrip("/") for r in records]
    assert all(n.startswith(r["prefix"] + "_") for n, r in zip(names, records, strict=True))

    async def existing() -> list[str]:
        conn = await asyncpg.connect(postgres_server.admin_url)
        try:
            rows = await conn.fetch("select datname from pg_database where datname = any($1::text[])", names)
            return [r["datname"] for r in rows]
        finally:
            await conn.close()

    assert asyncio.run(existing()) == []


@pytest.mark.asyncio
async def test_jetstream_dedups_by_msg_id(nats_server, event_prefix):
    nc = await nats.connect(nats_server.url, connect_timeout=5, max_reconnect_attempts=0)
    try:
        js = nc.jetstream(timeout=5)
        stream = f"{event_prefix}_dedup"
        await js.add_stream(name=stream, subjects=[f"{event_prefix}.dedup.>"])
        try:
            headers = {"Nats-Msg-Id": "event-1"}
            first = await js.publish(f"{event_prefix}.dedup.x", b"one", headers=headers)
            again = await js.publish(f"{event_prefix}.dedup.x", b"one", headers=headers)
            assert not first.duplicate
            assert again.duplicate and again.seq == first.seq
            info = await js.stream_info(stream)
            assert info.state.messages == 1
        finally:
            await js.delete_stream(stream)
    finally:
        await nc.close()


@pytest.mark.asyncio
async def test_restartable_nats_keeps_file_stream_across_restart(restartable_nats, event_prefix):
    subject = f"{event_prefix}.durable.x"
    stream = f"{event_prefix}_durable"
    url_before = restartable_nats.url

    nc = await nats.connect(restartable_nats.url, connect_timeout=5, max_reconnect_attempts=0)
    try:
        js = nc.jetstream(timeout=5)
        await js.add_stream(name=stream, subjects=[f"{event_prefix}.durable.>"], storage=StorageType.FILE)
        for i in range(3):
            await js.publish(subject, f"m{i}".encode(), headers={"Nats-Msg-Id": f"id-{i}"})
    finally:
        await nc.close()

    restartable_nats.restart()  # blocks until the server accepts clients with JetStream enabled
    assert restartable_nats.url == url_before

    nc = await nats.connect(restartable_nats.url, connect_timeout=5, max_reconnect_attempts=0)
    try:
        js = nc.jetstream(timeout=5)
        info = await js.stream_info(stream)
        assert info.state.messages == 3
        assert (await js.get_msg(stream, seq=1)).data == b"m0"
        # the dedup window survives the restart as well
        assert (await js.publish(subject, b"m0", headers={"Nats-Msg-Id": "id-0"})).duplicate
        ack = await js.publish(subject, b"m3", headers={"Nats-Msg-Id": "id-3"})
        assert ack.seq == 4 and not ack.duplicate
    finally:
        await nc.close()


def test_restartable_nats_stop_start_keeps_port(restartable_nats):
    port = restartable_nats.port
    restartable_nats.stop()
    assert not restartable_nats.running
    restartable_nats.start()
    assert restartable_nats.running and restartable_nats.port == port
