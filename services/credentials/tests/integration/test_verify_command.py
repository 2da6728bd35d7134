"""`praxis credential verify`: against a real HTTP server publishing the organisations' DID documents and the
school's signed status list (did:web on 127.0.0.1), and offline from files; exit 0 valid, 1 not valid, 2 not a
credential."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from credentials.command import credential
from credentials.domain import did, keys, open_badges, securing, status_list

NOW = datetime.now(UTC) - timedelta(hours=1)


class Published:
    """What the organisations publish, served over HTTP by the test: path -> body."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.public_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _handler(self):
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the stdlib's name)
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def world(tmp_path: Path):
    web = Published()
    school_did, enterprise_did = (
        did.did_of(web.public_url, "school", "sz-poly"),
        did.did_of(web.public_url, "enterprise", "acme"),
    )
    school, enterprise = keys.new_key(school_did, "sz-poly", 1, NOW), keys.new_key(enterprise_did, "acme", 1, NOW)
    list_url = f"{web.public_url}/orgs/school/sz-poly/status/1"
    unsigned = open_badges.credential(
        open_badges.Achievement(
            kind=open_badges.Kind.PROJECT,
            source_id="credit-1",
            title="Storefront analytics dashboard",
            school=open_badges.Party(school_did, "Shenzhen Polytechnic"),
            enterprise=open_badges.Party(enterprise_did, "Acme Cross-border"),
            student_ref="S2024-0042",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 6, 30),
            credits=Decimal("2"),
            total=Decimal("84"),
        ),
        credential_id="urn:uuid:0f6b1b8e-3c55-4f0e-8d0a-8c7f1f5f2a01",
        issued_at=NOW,
        salt="c2FsdA",
        status=status_list.entry(list_url, 3),
    )
    secured = securing.countersign(securing.sign(unsigned, school), enterprise)
    for d, k in ((school_did, school), (enterprise_did, enterprise)):
        web.files[did.document_url(d).removeprefix(web.public_url)] = json.dumps(
            did.document(d, keys.published([k]))
        ).encode()

    def publish_list(revoked: set[int], *, at: datetime | None = None) -> str:
        at = at or datetime.now(UTC) - timedelta(minutes=5)
        token = securing.sign_status_list(
            status_list.list_credential(
                list_url, school_did, status_list.encode(revoked), _iso(at), _iso(at + timedelta(days=1))
            ),
            school,
        )
        web.files["/orgs/school/sz-poly/status/1"] = token.encode()
        return token

    publish_list(set())
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(secured))
    yield web, path, secured, publish_list
    web.close()


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def run(*args: str):
    return CliRunner().invoke(credential, ["verify", *args], catch_exceptions=False)


def test_a_credential_verifies_from_what_the_organisations_publish(world):
    _, path, _, _ = world
    result = run(str(path), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["valid"] is True and out["problems"] == [] and set(out["signers"]) == {"issuer", "countersigner"}


def test_revoked_after_issue_fails_with_the_reason(world):
    _, path, _, publish_list = world
    publish_list({3})
    result = run(str(path))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("NOT VALID: Enterprise project: Storefront analytics dashboard")
    assert "  - revoked by its issuer" in result.output


def test_one_byte_changed_fails(world):
    _, path, secured, _ = world
    payload = base64.urlsafe_b64decode(secured["payload"] + "=" * (-len(secured["payload"]) % 4))
    forged = payload.replace(b'"creditsEarned":2.0', b'"creditsEarned":9.0')
    assert forged != payload
    path.write_text(json.dumps({**secured, "payload": base64.urlsafe_b64encode(forged).decode().rstrip("=")}))
    result = run(str(path), "--json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["problems"]
    assert "the issuer's signature does not match the credential" in problems
    assert "the countersigner's signature does not match the credential" in problems


def test_offline_from_files_with_the_publisher_gone(world, tmp_path):
    web, path, _, publish_list = world
    token = publish_list({3})
    files = []
    for name, body in web.files.items():
        f = tmp_path / name.strip("/").replace("/", "_")
        f.write_bytes(body)
        files.append(f)
    web.close()
    documents = [a for f in files if f.name.endswith("did.json") for a in ("--did-document", str(f))]
    status = tmp_path / "status.jwt"
    status.write_text(token)
    result = run(str(path), *documents, "--status-list", str(status), "--timeout", "1")
    assert result.exit_code == 1 and "  - revoked by its issuer" in result.output
    unreachable = run(str(path), "--timeout", "1", "--json")
    assert unreachable.exit_code == 1
    assert any("could not be read" in p for p in json.loads(unreachable.output)["problems"])


def test_an_old_copy_of_the_list_from_before_the_revocation_does_not_pass(world, tmp_path):
    _, path, _, publish_list = world
    old = tmp_path / "old-status.jwt"
    old.write_text(publish_list(set(), at=datetime.now(UTC) - timedelta(days=3)))  # kept from before
    publish_list({3})  # then revoked
    result = run(str(path), "--status-list", str(old), "--json")
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert any("is valid from" in p and "not now" in p for p in problems), problems
    assert any("revocation unknown" in p for p in problems)


def _secured(payload: object) -> str:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    encoded = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return json.dumps({"payload": encoded, "signatures": [{"protected": "e30", "signature": "AA"}]})


@pytest.mark.parametrize(
    "content",
    [
        '{"hello": "world"}',
        "[" * 100_000,
        _secured(b"[" * 100_000),
        _secured({"issuer": {}, "credentialSubject": {}}),
        _secured({"issuer": {"id": ["x"]}, "credentialSubject": {}}),
        _secured({"issuer": {"id": 5}, "credentialSubject": {}}),
    ],
)
def test_not_a_credential_is_exit_status_2(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert run(str(bad)).exit_code == 2


@pytest.mark.parametrize(
    "credential_",
    [
        {"issuer": {"id": "did:web:" + "a" * 70_000}, "credentialSubject": {}},
        {"issuer": {"id": "did:web:localhost%3A1%40127.0.0.1%3A9:orgs:x"}, "credentialSubject": {}},
        {
            "issuer": {"id": "did:web:127.0.0.1%3A9:orgs:x"},
            "credentialSubject": {"source": "x"},
            "credentialStatus": {"statusPurpose": "revocation", "statusListCredential": 5, "statusListIndex": 1e309},
        },
    ],
)
def test_hostile_credentials_are_refused_without_a_traceback(tmp_path, credential_):
    bad = tmp_path / "bad.json"
    bad.write_text(_secured(credential_))
    result = run(str(bad), "--timeout", "1", "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)["valid"] is False


def test_the_praxis_command_runs_it(world):
    _, path, _, _ = world
    done = subprocess.run(
        [sys.executable, "-m", "praxis_common.cli", "credential", "verify", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("VALID: Enterprise project: Storefront analytics dashboard")
