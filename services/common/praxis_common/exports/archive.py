"""The archive of an export job: a ZIP holding `manifest.json` and each service's files as
`<service>/<resource>.jsonl`. The manifest names, per service, the snapshot's time and per file its row count,
SHA-256, byte size and schema version, as each service reported them (its part_ready event); every file's bytes are
checked against them while the archive is written, so an archive that would not verify is never handed out."""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
import zipfile
from collections.abc import AsyncIterator, Callable
from typing import IO

from praxis_common.errors import Unavailable

MANIFEST = "manifest.json"
FORMAT = "praxis-export/1"
SPOOL_BYTES = 32 << 20  # an archive up to this size stays in memory; larger ones go to a temporary file
COMPRESS_LEVEL = 1  # JSON Lines shrink about 8-fold already; higher levels cost far more time than they save


def manifest(*, job_id: str, org: str, org_kind: str, created_at: str, parts: dict[str, dict]) -> dict:
    """`parts`: service -> {"taken_at", "files": [{name, count, sha256, schema_version, bytes}]}."""
    return {
        "format": FORMAT,
        "job_id": job_id,
        "org": org,
        "org_kind": org_kind,
        "created_at": created_at,
        "services": {
            service: {
                "taken_at": part["taken_at"],
                "files": [
                    {**{k: f[k] for k in ("count", "sha256", "schema_version", "bytes")}, "path": path(service, f)}
                    for f in part["files"]
                ],
            }
            for service, part in sorted(parts.items())
        },
    }


def path(service: str, file: dict) -> str:
    return f"{service}/{file['name']}.jsonl"


Chunks = Callable[[str], AsyncIterator[tuple[str, bytes]]]  # service -> its part's (file name, bytes) in order


async def write_archive(the_manifest: dict, parts: dict[str, dict], chunks: Chunks) -> IO[bytes]:
    """The archive in a temporary file (at its start; the caller closes it). Raises Unavailable when a service's
    bytes do not match what it reported (count or hash)."""
    out = tempfile.SpooledTemporaryFile(SPOOL_BYTES)
    zf = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)
    try:
        zf.writestr(MANIFEST, json.dumps(the_manifest, indent=2, sort_keys=True))
        for service, part in sorted(parts.items()):
            await _write_part(zf, service, part["files"], chunks(service))
        await asyncio.to_thread(zf.close)
        out.seek(0)
        return out
    except BaseException:
        zf.fp = None  # abandoned half-written: nothing more is written to it, not even by its finaliser
        out.close()
        raise


async def _write_part(zf: zipfile.ZipFile, service: str, files: list[dict], chunks: AsyncIterator) -> None:
    expected = {f["name"]: f for f in files}
    seen: dict[str, tuple] = {}  # name -> (entry, hash, lines)
    current = None
    async for name, data in chunks:
        if name not in expected:
            raise Unavailable(f"the {service} service sent a file it did not report: {name}", dependency=service)
        if current is None or current[0] != name:
            if current is not None:
                await asyncio.to_thread(current[1].close)
            entry = zf.open(path(service, expected[name]), "w", force_zip64=True)
            current = (name, entry)
            seen[name] = (hashlib.sha256(), [0])
        digest, lines = seen[name]
        digest.update(data)
        lines[0] += data.count(b"\n")
        await asyncio.to_thread(current[1].write, data)
    if current is not None:
        await asyncio.to_thread(current[1].close)
    for name, f in expected.items():
        if name not in seen:  # an empty file has no chunk
            zf.writestr(path(service, f), b"")
            got = (hashlib.sha256().hexdigest(), 0)
        else:
            got = (seen[name][0].hexdigest(), seen[name][1][0])
        if got != (f["sha256"], f["count"]):
            raise Unavailable(
                f"the {service} service's {name} does not match its manifest entry; try again", dependency=service
            )


def verify(archive: IO[bytes]) -> list[str]:
    """The manifest's entries an archive's files fail (empty: it verifies): what a recipient checks."""
    failed = []
    with zipfile.ZipFile(archive) as zf:
        the_manifest = json.loads(zf.read(MANIFEST))
        for part in the_manifest["services"].values():
            for f in part["files"]:
                data = zf.read(f["path"])
                if hashlib.sha256(data).hexdigest() != f["sha256"] or data.count(b"\n") != f["count"]:
                    failed.append(f["path"])
    return failed
