"""A badge of an outside issuer known by its own did:web, presented: its DID document and its status list are read
from a real HTTP server the test runs (adapters/outside.py, as the service does), the badge verified and recorded,
a revoked one refused with the reason; an issuer whose document cannot be read (a 404, too large, a private address
where private addresses are not allowed) is refused saying why, and nothing is recorded."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from credentials.adapters.key_store import KeyStore
from credentials.adapters.outside import MAX_BYTES, OutsideSources
from credentials.config import DEV_KEY_ENCRYPTION_KEY
from credentials.domain import did as dids
from credentials.domain import status_list
from credentials.handlers import brought_in
from credentials.handlers.custody import Custody
from praxis_common.auth import Principal
from praxis_common.errors import InvalidInput
from praxis_dev.testing.outside_issuer import OutsideIssuer

STAFF = Principal(sub="coord", org="sz-poly", org_kind="school", roles=frozenset({"coordinator"}))
AWARDED = datetime.now(UTC) - timedelta(days=10)
REVOKED_INDEX, LIVE_INDEX = 7, 8


class Served:
    """A real HTTP server on 127.0.0.1: path -> (status, body[, headers])."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                status, body, *headers = pages.get(self.path, (404, b"not here"))
                self.send_response(status)
                self.send_header("content-length", str(len(body)))
                for name, value in (headers[0] if headers else {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class WebIssuer:
    """An issuer with its own did:web, served by `site`: its DID document and its revocation list."""

    def __init__(self, site: Served, name: str = "issuers:contest") -> None:
        self.site, self.key = site, ec.generate_private_key(ec.SECP256R1())
        self.did = f"did:web:127.0.0.1%3A{site.port}:{name}"
        self.kid = f"{self.did}#key-1"
        public = {**json.loads(ECAlgorithm.to_jwk(self.key.public_key())), "kid": self.kid}
        path = "/" + "/".join(name.split(":")) + "/did.json"
        site.pages[path] = (200, json.dumps(dids.document(self.did, [public])).encode())
        self.status_url = f"http://127.0.0.1:{site.port}/{'/'.join(name.split(':'))}/status/1"
        now = datetime.now(UTC)
        listed = status_list.list_credential(
            self.status_url,
            self.did,
            status_list.encode({REVOKED_INDEX}),
            (now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        claims = {**listed, "iss": self.did, "jti": listed["id"], "nbf": int(now.timestamp()) - 60}
        token = jwt.encode(claims, self.key, algorithm="ES256", headers={"kid": self.kid, "typ": "JWT"})
        site.pages["/" + "/".join(name.split(":")) + "/status/1"] = (200, token.encode())

    def badge(self, achievement: str, *, index: int | None = None) -> str:
        credential = OutsideIssuer("Provincial Skills Contest Committee").credential(achievement, awarded=AWARDED)
        credential["issuer"]["id"] = self.did
        if index is not None:
            credential["credentialStatus"] = status_list.entry(self.status_url, index)
        claims = {**credential, "iss": self.did, "jti": credential["id"], "nbf": int(AWARDED.timestamp())}
        return jwt.encode(claims, self.key, algorithm="ES256", headers={"kid": self.kid, "typ": "JWT"})


@pytest.fixture(scope="module")
def site() -> Iterator[Served]:
    served = Served()
    yield served
    served.server.shutdown()


async def custody_reading(*, allow_private: bool) -> tuple[Custody, OutsideSources]:
    store = KeyStore(DEV_KEY_ENCRYPTION_KEY)
    outside = OutsideSources(timeout=5, allow_private=allow_private)
    custody = Custody(seal=store.seal, open=store.open, public_url="https://praxis.example.edu", outside=outside)
    return custody, outside


async def present(uow, custody: Custody, token: str, student: str = "S-42"):
    return await brought_in.present_badge(brought_in.PresentBadge(student, token), STAFF, uow=uow, custody=custody)


async def test_a_did_web_issuers_badge_is_read_verified_and_recorded(uow, site):
    issuer = WebIssuer(site)
    custody, outside = await custody_reading(allow_private=True)
    try:
        a = await present(uow, custody, issuer.badge("Skills contest, 1st prize", index=LIVE_INDEX))
        assert (a.description.issuer_id, a.description.signed_by, a.description.issuer_known) == (
            issuer.did,
            issuer.kid,
            False,  # its domain serves the key; its name is its own claim (not an organisation of this Praxis)
        )
        with pytest.raises(InvalidInput, match="revoked by its issuer"):
            await present(uow, custody, issuer.badge("Skills contest, 2nd prize", index=REVOKED_INDEX))
        stranger = WebIssuer(site, "issuers:stranger")  # signs a badge naming the first issuer: not its key
        forged = jwt.encode(
            {**json.loads(jwt.api_jws.PyJWS().decode(issuer.badge("x"), options={"verify_signature": False}))},
            stranger.key,
            algorithm="ES256",
            headers={"kid": issuer.kid},
        )
        with pytest.raises(InvalidInput, match="does not match"):
            await present(uow, custody, forged)
    finally:
        await outside.close()


async def test_what_cannot_be_read_is_refused_saying_why(uow, site):
    custody, outside = await custody_reading(allow_private=True)
    gone = WebIssuer(site, "issuers:gone")
    site.pages.pop("/issuers/gone/did.json")
    huge = WebIssuer(site, "issuers:huge")
    site.pages["/issuers/huge/did.json"] = (200, b" " * (MAX_BYTES + 1))
    listless = WebIssuer(site, "issuers:listless")
    site.pages.pop("/issuers/listless/status/1")
    bomb = WebIssuer(site, "issuers:bomb")  # a small gzip that would unfold far past the limit: never unfolded
    site.pages["/issuers/bomb/did.json"] = (200, gzip.compress(b" " * (64 * MAX_BYTES)), {"content-encoding": "gzip"})
    elsewhere = WebIssuer(site, "issuers:elsewhere")  # names a list on another host than its DID document's
    try:
        for issuer, why in ((gone, "answered 404"), (huge, f"more than {MAX_BYTES} bytes"), (bomb, "encoded body")):
            with pytest.raises(InvalidInput, match="DID document could not be read") as caught:
                await present(uow, custody, issuer.badge("Contest"), student="S-gone")
            assert why in str(caught.value)
        with pytest.raises(InvalidInput, match="status list could not be read"):
            await present(uow, custody, listless.badge("Contest", index=LIVE_INDEX), student="S-gone")
        for url in (elsewhere.status_url.replace("127.0.0.1", "localhost"), "https://[::1/x", "https://h:99999/l"):
            elsewhere.status_url = url
            with pytest.raises(InvalidInput, match="not on its issuer's host"):
                await present(uow, custody, elsewhere.badge("Contest", index=LIVE_INDEX), student="S-gone")
    finally:
        await outside.close()
    sealed, outside = await custody_reading(allow_private=False)  # prod: only public addresses are read
    try:
        with pytest.raises(InvalidInput, match="not a public address"):
            await present(uow, sealed, WebIssuer(site, "issuers:private").badge("Contest"), student="S-gone")
    finally:
        await outside.close()
    found, _ = await brought_in.list_recorded(brought_in.ListRecorded("S-gone"), STAFF, uow=uow)
    assert found == []
