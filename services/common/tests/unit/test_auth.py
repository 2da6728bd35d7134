"""Token verification: what becomes a Principal and what is refused."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from praxis_common.auth import TokenVerifier, bearer_token
from praxis_common.errors import Unauthenticated
from praxis_dev.tokens import generate_keypair, mint_token


@pytest.fixture
def keys(tmp_path):
    private, public = generate_keypair(tmp_path / "k")
    other, _ = generate_keypair(tmp_path / "other")
    return private.read_bytes(), public.read_text(), other.read_bytes()


@pytest.fixture
def verifier(keys):
    return TokenVerifier(issuer="praxis-dev", audience="praxis", public_key=keys[1])


async def test_valid_token_gives_the_principal(keys, verifier):
    token = mint_token(keys[0], org="s1", org_kind="school", roles=["admin", "teacher"], sub="u1")
    p = await verifier.verify(token)
    assert (p.sub, p.org, p.org_kind, p.roles) == ("u1", "s1", "school", frozenset({"admin", "teacher"}))
    assert p.has_any_role("teacher") and not p.has_any_role("hr")


async def test_profile_claims_are_read_when_they_are_strings(keys, verifier):
    profile = {"email": "li@example.com", "name": "Li Na", "locale": "zh-CN"}
    p = await verifier.verify(mint_token(keys[0], org="e1", org_kind="enterprise", roles=[], profile=profile))
    assert (p.email, p.name, p.locale) == ("li@example.com", "Li Na", "zh-CN")
    odd = {"email": ["li@example.com"], "name": "", "locale": "x" * 400}
    p = await verifier.verify(mint_token(keys[0], org="e1", org_kind="enterprise", roles=[], profile=odd))
    assert (p.email, p.name, p.locale) == (None, None, None)
    # Input like any other: a NUL would break the directory's row (a 500), a display-name address every mail to it.
    unusable = {"email": "Li <li@example.com>", "name": "Li\x00Na", "locale": "zh\x01CN"}
    p = await verifier.verify(mint_token(keys[0], org="e1", org_kind="enterprise", roles=[], profile=unusable))
    assert (p.email, p.name, p.locale) == (None, None, None)


@pytest.mark.parametrize("case", ["expired", "other key", "audience", "issuer", "kind", "org", "roles", "alg none"])
async def test_bad_tokens_are_refused(keys, verifier, case):
    private, _, other = keys
    claims = dict(org="s1", org_kind="school", roles=["admin"])
    token = {
        "expired": lambda: mint_token(private, **claims, ttl=timedelta(minutes=-5)),
        "other key": lambda: mint_token(other, **claims),
        "audience": lambda: mint_token(private, **claims, audience="elsewhere"),
        "issuer": lambda: mint_token(private, **claims, issuer="mallory"),
        "kind": lambda: mint_token(private, **{**claims, "org_kind": "ministry"}),
        "org": lambda: mint_token(private, **{**claims, "org": ""}),
        "roles": lambda: jwt.encode(
            {
                "sub": "x",
                "org": "s1",
                "org_kind": "school",
                "roles": "admin",
                "iss": "praxis-dev",
                "aud": "praxis",
                "exp": 9999999999,
            },
            private,
            "ES256",
        ),
        "alg none": lambda: jwt.encode(
            {"sub": "x", "org": "s1", "org_kind": "school", "iss": "praxis-dev", "aud": "praxis", "exp": 9999999999},
            None,
            "none",
        ),
    }[case]()
    with pytest.raises(Unauthenticated):
        await verifier.verify(token)


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer   ", "Basic abc", "token abc"])
def test_authorization_header_must_be_bearer(header):
    with pytest.raises(Unauthenticated):
        bearer_token(header)


def test_exactly_one_key_source():
    with pytest.raises(ValueError):
        TokenVerifier(issuer="i", audience="a")


async def test_keys_from_a_jwks_url(keys, tmp_path):
    """The production path: keys fetched (and cached) from the identity provider's JWKS endpoint."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from praxis_dev.tokens import public_jwk

    body = json.dumps({"keys": [public_jwk(keys[1])]}).encode()
    hits = []

    class Jwks(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        verifier = TokenVerifier(
            issuer="praxis-dev", audience="praxis", jwks_url=f"http://127.0.0.1:{server.server_port}/jwks.json"
        )
        for _ in range(3):
            p = await verifier.verify(mint_token(keys[0], org="e1", org_kind="enterprise", roles=["hr"]))
            assert p.org == "e1" and p.org_kind == "enterprise"
        assert len(hits) == 1  # cached
        with pytest.raises(Unauthenticated):
            await verifier.verify(mint_token(keys[2], org="e1", org_kind="enterprise", roles=["hr"]))
    finally:
        server.shutdown()


async def test_a_token_for_another_key_type_is_refused_not_a_crash(keys, verifier):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = rsa_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    claims = {"sub": "x", "org": "s1", "org_kind": "school", "iss": "praxis-dev", "aud": "praxis", "exp": 9999999999}
    for token in (jwt.encode(claims, pem, "RS256"), jwt.encode(claims, "s" * 32, "HS256")):
        with pytest.raises(Unauthenticated):
            await verifier.verify(token)


@pytest.mark.parametrize("claim", [{"sub": "u" * 300}, {"org": "o" * 65}, {"sub": ""}])
async def test_oversized_or_empty_identity_claims_are_refused(keys, verifier, claim):
    base = {
        "sub": "u",
        "org": "s1",
        "org_kind": "school",
        "roles": [],
        "iss": "praxis-dev",
        "aud": "praxis",
        "exp": 9999999999,
    }
    with pytest.raises(Unauthenticated):
        await verifier.verify(jwt.encode(base | claim, keys[0], "ES256"))


async def test_an_unreachable_identity_provider_is_unavailable_not_the_clients_fault(keys):
    from praxis_common.errors import Unavailable
    from praxis_common.processes import free_port

    verifier = TokenVerifier(
        issuer="praxis-dev", audience="praxis", jwks_url=f"http://127.0.0.1:{free_port()}/jwks.json"
    )
    with pytest.raises(Unavailable) as err:
        await verifier.verify(mint_token(keys[0], org="s1", org_kind="school", roles=[]))
    assert "127.0.0.1" not in err.value.detail
