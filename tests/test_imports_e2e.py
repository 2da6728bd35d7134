"""Imports over the running services: the real `praxis import oneroster` command (a subprocess, its output on a
pseudo-terminal so the progress bar renders as a person sees it) uploads a OneRoster bundle to internships and
follows the job to its end; the re-import changes nothing; a bundle with 3 bad rows names them by line and imports
the rest (or nothing, in a dry run), and the command exits 1; the job and the roster are the school's alone; an
upload too large or not a ZIP is refused as problem+json."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import socket
import subprocess
import sys
from datetime import date, timedelta

import httpx

from praxis_dev import oneroster_bundles as bundles
from praxis_dev.testing.stack import eventually

SCHOOL, OTHER = "school-imports", "school-imports-other"


def command_env(stack, org: str, kind: str = "school") -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PRAXIS_")},
        "PRAXIS_INTERNSHIPS_URL": stack["internships"].base_url,
        "PRAXIS_MENTORS_URL": stack["mentors"].base_url,
        "PRAXIS_TOKEN": stack.token(org, kind, "admin"),
        "COLUMNS": "100",
    }


def run_on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """The command with its stdout on a pseudo-terminal (as in a person's shell); (exit status, stdout, stderr)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "praxis_common.cli", *args], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed: the command ended
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    err = proc.stderr.read()
    return proc.wait(timeout=120), out.decode(errors="replace"), err.decode(errors="replace")


async def praxis_import(stack, org: str, *args: str, what: str = "oneroster", kind: str = "school"):
    """`praxis import WHAT ARGS…` as the organisation's admin: (exit status, stdout, stderr)."""
    return await asyncio.to_thread(run_on_terminal, ["import", what, *args], command_env(stack, org, kind))


def write_bundle(directory, texts: dict[str, str]):
    directory.mkdir()
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


async def test_praxis_import_shows_progress_imports_the_roster_and_a_reimport_changes_nothing(stack, tmp_path):
    folder = write_bundle(tmp_path / "bundle", bundles.files(SCHOOL, 3000))
    status, out, err = await praxis_import(stack, SCHOOL, str(folder))
    assert status == 0, (out, err)
    assert "internships: importing students" in out and "3000/3000" in out and "100%" in out
    assert "succeeded" in out and "total 3000, created 3000, updated 0, unchanged 0, failed 0" in out
    assert "mentors: importing teachers" in out and "total 3, created 3, updated 0, unchanged 0, failed 0" in out

    headers = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'admin')}"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        page = (await c.get("/v1/students", headers=headers, params={"page_size": 2})).json()
        assert [s["student_ref"] for s in page["items"]] == ["S000000", "S000001"]
        assert page["items"][0]["programme"] == "Cross-border e-commerce" and page["next_page_token"]

    zipped = tmp_path / "bundle.zip"
    zipped.write_bytes(bundles.zipped(bundles.files(SCHOOL, 3000)))
    status, out, err = await praxis_import(stack, SCHOOL, str(zipped))
    assert status == 0, (out, err)
    assert "total 3000, created 0, updated 0, unchanged 3000, failed 0" in out
    assert "total 3, created 0, updated 0, unchanged 3, failed 0" in out
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        mentors = (await m.get("/v1/mentors", headers=headers)).json()["items"]
    assert sorted((x["account"], x["kind"], x["display_name"]) for x in mentors) == [
        (f"t{i}@school", "school", f"Teacher{i} Lee") for i in range(3)
    ]


async def test_three_bad_rows_are_named_by_line_a_dry_run_writes_nothing_and_the_rest_is_imported(stack, tmp_path):
    org = "school-imports-bad"
    users = [bundles.student(i) for i in range(20)]
    users[2] = bundles.student(2, identifier="S 2")  # users.csv line 4
    users[9] = bundles.student(9, org_sourced_id="org-other")  # line 11
    users[15] = bundles.student(15, familyName="y" * 200)  # line 17
    zipped = tmp_path / "bad.zip"
    zipped.write_bytes(bundles.zipped(bundles.files(org, 0, users=users)))

    status, out, err = await praxis_import(stack, org, str(zipped), "--dry-run")
    assert status == 1
    assert "dry run: nothing written" in out and "total 20, created 17, updated 0, unchanged 0, failed 3" in out
    assert [line.split(":")[1] for line in err.splitlines() if line.startswith("  users.csv:")] == ["4", "11", "17"]
    assert "users.csv:11: orgSourcedIds: not an org of your school" in err
    headers = {"Authorization": f"Bearer {stack.token(org, 'school', 'admin')}"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        assert (await c.get("/v1/students", headers=headers)).json()["items"] == []

        status, out, err = await praxis_import(stack, org, str(zipped))
        assert status == 1 and "total 20, created 17, updated 0, unchanged 0, failed 3" in out
        refs = {
            s["student_ref"]
            for s in (await c.get("/v1/students", headers=headers, params={"page_size": 50})).json()["items"]
        }
        assert len(refs) == 17 and "S000009" not in refs


async def test_praxis_import_mentors_names_a_bad_row_by_line_and_imports_the_rest(stack, tmp_path):
    org = "ent-imports"
    sheet = tmp_path / "mentors.csv"
    sheet.write_text(
        "account,display_name,capacity,expertise\r\nm-1,Chen Jing,4,logistics\r\nm-2,Li Na,-1,\r\nm-3,Wu Fei,2,\r\n"
    )
    status, out, err = await praxis_import(stack, org, str(sheet), what="mentors", kind="enterprise")
    assert status == 1 and "mentors: importing mentors" in out and "3/3" in out
    assert "total 3, created 2, updated 0, unchanged 0, failed 1" in out
    assert "  line 3: capacity: " in err
    headers = {"Authorization": f"Bearer {stack.token(org, 'enterprise', 'admin')}"}
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        mentors = (await m.get("/v1/mentors", headers=headers)).json()["items"]
        assert sorted(x["account"] for x in mentors) == ["m-1", "m-3"]
        other = {"Authorization": f"Bearer {stack.token('ent-imports-other', 'enterprise', 'admin')}"}
        assert (await m.get("/v1/imports", headers=other)).json()["items"] == []
        [job] = (await m.get("/v1/imports", headers=headers)).json()["items"]
        seen = await m.get(f"/v1/imports/{job['id']}", headers=other)
        assert seen.status_code == 404 and seen.headers["content-type"] == "application/problem+json"


async def test_praxis_import_positions_makes_drafts_names_a_bad_row_and_a_reimport_changes_nothing(
    stack, internships, tmp_path
):
    school, enterprise = "school-imports-pos", "ent-imports-pos"
    starts = date.today() + timedelta(days=30)
    async with internships.client() as c:
        agreement = await internships.agreement(c, school, enterprise)
        base = (await internships.position(c, enterprise, agreement, seats=2, starts_on=starts))["base_id"]
    sheet = tmp_path / "positions.csv"
    ends = starts + timedelta(days=60)
    sheet.write_text(
        "external_ref,base_id,title,seats,starts_on,ends_on,duties,post_staff,monthly_pay,reference_monthly_wage\r\n"
        f'P-1,{base},Listings intern,3,{starts},{ends},"listings:core; chat:peripheral",5000,4000,4500\r\n'
        f"P-2,{base},Bad term,3,{ends},{starts},listings:core,5000,4000,4500\r\n"
        f"P-3,{base},Logistics intern,2,{starts},{ends},packing:core,5000,4000,4500\r\n"
    )
    status, out, err = await praxis_import(stack, enterprise, str(sheet), what="positions", kind="enterprise")
    assert status == 1 and "internships: importing positions" in out and "3/3" in out
    assert "total 3, created 2, updated 0, unchanged 0, failed 1" in out and "  line 3: ends_on: " in err
    headers = stack.auth(enterprise, "enterprise", "hr")
    async with internships.client() as c:
        listed = (await c.get("/v1/positions", headers=headers)).json()["items"]
    assert sorted(p["title"] for p in listed if p["status"] == "draft") == ["Listings intern", "Logistics intern"]
    sheet.write_text("\r\n".join(line for line in sheet.read_text().splitlines() if "Bad term" not in line) + "\r\n")
    status, out, err = await praxis_import(stack, enterprise, str(sheet), what="positions", kind="enterprise")
    assert status == 0 and "total 2, created 0, updated 0, unchanged 2, failed 0" in out, (out, err)


async def test_a_job_and_the_roster_are_the_schools_alone(stack):
    own = {"Authorization": f"Bearer {stack.token(SCHOOL + '-own', 'school', 'admin')}"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await c.post(
            "/v1/imports/oneroster",
            headers={**own, "Content-Type": "application/zip"},
            content=bundles.bundle(SCHOOL + "-own", 3),
        )
        assert made.status_code == 202 and made.headers["Location"] == f"/v1/imports/{made.json()['id']}"
        job = made.json()["id"]
        for org, kind in ((OTHER, "school"), (SCHOOL + "-own", "enterprise")):
            other = {"Authorization": f"Bearer {stack.token(org, kind, 'admin')}"}
            seen = await c.get(f"/v1/imports/{job}", headers=other)
            assert seen.status_code in (403, 404) and seen.headers["content-type"] == "application/problem+json"
        other = {"Authorization": f"Bearer {stack.token(OTHER, 'school', 'admin')}"}
        assert (await c.get(f"/v1/imports/{job}", headers=other)).status_code == 404
        assert (await c.get("/v1/imports", headers=other)).json()["items"] == []

        async def done():
            j = (await c.get(f"/v1/imports/{job}", headers=own)).json()
            return j if j["state"] == "succeeded" else None

        assert (await eventually(done, timeout=30, what="the job to end"))["created"] == 3
        assert (await c.get("/v1/students", headers=other)).json()["items"] == []
        assert len((await c.get("/v1/students", headers=own)).json()["items"]) == 3
        listed = (await c.get("/v1/imports", headers=own)).json()["items"]
        assert [j["id"] for j in listed] == [job]


async def test_an_upload_too_large_or_not_a_zip_is_a_problem(stack):
    headers = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'admin')}", "Content-Type": "application/zip"}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=60) as c:
        bad = await c.post("/v1/imports/oneroster", headers=headers, content=b"not a zip")
        assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
        assert bad.json()["detail"] == "not a ZIP file"
        another = await c.post("/v1/imports/oneroster", headers=headers, content=bundles.bundle("someone-else", 2))
        assert another.status_code == 422 and "another school" in another.json()["detail"]
    head, body = await asyncio.to_thread(declare_upload, stack, 50 * 1024 * 1024 + 1, headers["Authorization"])
    assert head.startswith(b"HTTP/1.1 413") and b"content-type: application/problem+json" in head.lower()
    assert json.loads(body)["max_body_bytes"] == 50 * 1024 * 1024


def declare_upload(stack, size: int, authorization: str) -> tuple[bytes, bytes]:
    """A request declaring a body of `size` bytes and sending none of it: the answer's head and body."""
    with socket.create_connection(("127.0.0.1", stack["internships"].http_port), timeout=10) as sock:
        sock.sendall(
            f"POST /v1/imports/oneroster HTTP/1.1\r\nHost: x\r\nAuthorization: {authorization}\r\n"
            f"Content-Type: application/zip\r\nContent-Length: {size}\r\n\r\n".encode()
        )
        response = b""
        while b"\r\n\r\n" not in response or len(response.split(b"\r\n\r\n", 1)[1]) < 10:
            chunk = sock.recv(65536)
            if not chunk:
                break
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    return head, body
