"""The check of a presented Open Badges credential (domain/presented.py): an outside issuer's VC-JWT, made with PyJWT
and a key of its own, verifies and says what to record; anything altered, re-signed by someone else, in a form or
with an algorithm not checked here, expired or not a badge is refused with what failed."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from credentials.domain import presented
from praxis_common.errors import InvalidInput
from praxis_dev.testing.outside_issuer import OutsideIssuer

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
AWARDED = datetime(2026, 10, 18, 15, 0, tzinfo=UTC)


def check(value, **kwargs):
    return presented.verify(value, documents=kwargs.get("documents", {}), status_bits=kwargs.get("bits"), now=NOW)


def refused(value, **kwargs) -> str:
    with pytest.raises(InvalidInput) as caught:
        check(value, **kwargs)
    return str(caught.value)


@pytest.fixture(scope="module")
def issuer() -> OutsideIssuer:
    return OutsideIssuer()


def test_an_outside_badge_verifies_and_says_what_it_is(issuer):
    badge = check(issuer.badge("Cross-border e-commerce skills contest, 2nd prize", awarded=AWARDED))
    assert badge.issuer_id == issuer.did and badge.issuer_name == issuer.name
    assert badge.title == "Cross-border e-commerce skills contest, 2nd prize"
    assert badge.awarded_on == AWARDED.date() and badge.expires_on is None
    assert badge.signed_by == issuer.did


def test_one_byte_changed_is_refused(issuer):
    token = issuer.badge("Contest, 2nd prize", awarded=AWARDED)
    header, payload, signature = token.split(".")
    forged = base64.urlsafe_b64decode(payload + "==").replace(b"2nd prize", b"1st prize")
    tampered = f"{header}.{base64.urlsafe_b64encode(forged).decode().rstrip('=')}.{signature}"
    assert "the issuer's signature" in refused(tampered) and "does not match" in refused(tampered)


def test_re_signed_by_another_key_is_refused_even_carrying_that_key(issuer):
    """Whoever alters a badge can sign it with a key of their own and put that key in the header: it proves nothing."""
    other = ec.generate_private_key(ec.SECP256R1())
    forged = issuer.credential("Contest, 1st prize", awarded=AWARDED)
    assert "does not match" in refused(issuer.sign(forged, key=other))
    stranger = OutsideIssuer("Somebody")
    with_its_key = stranger.sign(forged, headers={"kid": f"{issuer.did}#0", "jwk": stranger.public_jwk})
    assert "embedded key is not its issuer's" in refused(with_its_key)
    forged["issuer"]["id"] = "did:web:certs.example.com"
    elsewhere = stranger.sign(forged, headers={"kid": "did:web:certs.example.com#key-1", "jwk": stranger.public_jwk})
    assert "cannot be confirmed" in refused(elsewhere)


def test_the_vc_1_1_form_and_the_flattened_json_verify(issuer):
    credential = issuer.credential("1+X certificate, intermediate", awarded=AWARDED)
    wrapped = jwt.encode(
        {"vc": credential, "iss": issuer.did, "nbf": int(AWARDED.timestamp())},
        issuer.key,
        algorithm="ES256",
        headers={"kid": f"{issuer.did}#0"},
    )
    assert check(wrapped).title == "1+X certificate, intermediate"
    header, payload, signature = issuer.badge("Contest, 3rd prize", awarded=AWARDED).split(".")
    assert check({"protected": header, "payload": payload, "signature": signature}).title == "Contest, 3rd prize"


def test_what_is_not_checked_here_is_refused_saying_why(issuer):
    credential = issuer.credential("Contest", awarded=AWARDED)
    assert "Data Integrity" in refused({**credential, "proof": {"type": "DataIntegrityProof"}})
    hmac_signed = jwt.encode({**credential, "iss": issuer.did}, "a shared secret of 32 bytes or more!!", "HS256")
    assert "'HS256'" in refused(hmac_signed)
    assert "neither a VC-JWT nor JSON" in refused("not a credential")
    assert "not an Open Badges credential" in refused(issuer.sign({**credential, "type": ["VerifiableCredential"]}))
    critical = issuer.sign(credential, headers={"crit": ["exp"]})
    assert "never needs" in refused(critical)


def test_expired_not_yet_valid_or_revocation_unknown_is_refused(issuer):
    expired = issuer.credential("Certificate", awarded=AWARDED)
    expired["validUntil"] = (NOW - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert "expired" in refused(issuer.sign(expired))
    assert "not valid before" in refused(issuer.badge("Certificate", awarded=NOW + timedelta(days=2)))
    listed = issuer.credential("Certificate", awarded=AWARDED)
    listed["credentialStatus"] = {
        "id": "https://certs.example.com/status/1#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": "https://certs.example.com/status/1",
    }
    token = issuer.sign(listed)
    assert presented.status_url(token) == "https://certs.example.com/status/1"
    assert "revocation unknown" in refused(token)


def test_a_did_jwk_holding_a_private_key_is_no_issuer(issuer):
    private = {**issuer.public_jwk, "d": "c2VjcmV0"}
    did = "did:jwk:" + base64.urlsafe_b64encode(json.dumps(private).encode()).decode().rstrip("=")
    credential = issuer.credential("Contest", awarded=AWARDED)
    credential["issuer"]["id"] = did
    assert "holding a public key" in refused(issuer.sign(credential, headers={"kid": f"{did}#0"}))
