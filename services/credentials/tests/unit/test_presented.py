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

from credentials.domain import presented, securing
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
    assert presented.read(token).status_url == "https://certs.example.com/status/1"
    assert "revocation unknown" in refused(token)


def test_a_did_jwk_holding_a_private_key_is_no_issuer(issuer):
    private = {**issuer.public_jwk, "d": "c2VjcmV0"}
    did = "did:jwk:" + base64.urlsafe_b64encode(json.dumps(private).encode()).decode().rstrip("=")
    credential = issuer.credential("Contest", awarded=AWARDED)
    credential["issuer"]["id"] = did
    assert "holding a public key" in refused(issuer.sign(credential, headers={"kid": f"{did}#0"}))


def test_the_jwt_claims_and_the_vc_1_1_dates_bound_it_too(issuer):
    """exp / nbf of the JWT, issuanceDate / expirationDate of a VC 1.1 credential: each is checked, not only the
    VC 2.0 names."""
    credential = issuer.credential("Certificate", awarded=AWARDED)
    past, future = int((NOW - timedelta(hours=1)).timestamp()), int((NOW + timedelta(days=3)).timestamp())
    assert "expired" in refused(
        jwt.encode({**credential, "exp": past}, issuer.key, "ES256", {"kid": f"{issuer.did}#0"})
    )
    assert "not valid before" in refused(
        jwt.encode({**credential, "nbf": future}, issuer.key, "ES256", {"kid": f"{issuer.did}#0"})
    )
    vc11 = {k: v for k, v in credential.items() if k != "validFrom"}
    vc11["issuanceDate"] = AWARDED.strftime("%Y-%m-%dT%H:%M:%SZ")
    wrapped = {"vc": vc11, "iss": issuer.did}
    ok = jwt.encode(wrapped, issuer.key, "ES256", {"kid": f"{issuer.did}#0"})
    assert check(ok).awarded_on == AWARDED.date()
    vc11["expirationDate"] = (NOW - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert "expired" in refused(jwt.encode(wrapped, issuer.key, "ES256", {"kid": f"{issuer.did}#0"}))


def test_hostile_values_are_refused_or_cleaned_never_a_crash(issuer):
    credential = issuer.credential("Contest", awarded=AWARDED)
    _, payload, signature = issuer.sign(credential).split(".")
    for alg in (["ES256"], {"a": 1}, None):  # a header no JOSE library would write: refused, not a TypeError
        header = base64.urlsafe_b64encode(json.dumps({"alg": alg, "kid": f"{issuer.did}#0"}).encode()).decode()
        assert "Praxis checks" in refused(f"{header.rstrip('=')}.{payload}.{signature}")
    ancient = {**credential, "validFrom": "0001-01-01T00:00:00Z"}
    assert "validFrom is not a date and time" in refused(
        jwt.encode({**ancient, "iss": issuer.did}, issuer.key, "ES256", {"kid": f"{issuer.did}#0"})
    )
    future = issuer.credential("Contest", awarded=AWARDED)
    future["credentialSubject"]["activityEndDate"] = "2999-01-01T00:00:00Z"
    assert "has not come yet" in refused(issuer.sign(future))
    noisy = issuer.credential("Contest\x00 2nd\tprize", awarded=AWARDED)
    noisy["issuer"]["name"] = "Committee\x00" + "x" * 300
    badge = check(issuer.sign(noisy))
    assert badge.title == "Contest 2nd prize" and "\x00" not in badge.issuer_name and len(badge.issuer_name) == 200
    assert badge.issuer_known is False and badge.credential_ref == noisy["id"]


def test_a_check_of_an_out_of_range_date_is_a_problem_not_an_overflow():
    """securing's period check (the public verification endpoint's) meets year 1 and year 9999 at -23:59."""
    for instant in ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59"):
        found = securing.Check()
        securing.check_period({"validFrom": instant}, NOW, found)
        assert found.problems == ["validFrom is not a date and time"], instant
