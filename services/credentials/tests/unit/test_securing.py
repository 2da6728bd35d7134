"""A credential signed by the school and countersigned by the enterprise: checked by joserfc, and independently by
PyJWT and by `cryptography` directly; a byte changed, a revoked index, a missing or foreign signature each fail;
rotated keys keep old credentials valid, withdrawn keys do not."""

from __future__ import annotations

import base64
import copy
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import jwt
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from joserfc.jwk import RSAKey

from credentials.domain import did, keys, open_badges, securing, status_list
from praxis_common.errors import InvalidInput

PUBLIC = "https://praxis.example.edu"
NOW = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
SCHOOL_DID, ENTERPRISE_DID = did.did_of(PUBLIC, "school", "sz-poly"), did.did_of(PUBLIC, "enterprise", "acme")
LIST_URL = f"{PUBLIC}/orgs/school/sz-poly/status/1"


@pytest.fixture(scope="module")
def org_keys() -> dict[str, list[keys.SigningKey]]:
    return {
        SCHOOL_DID: [keys.new_key(SCHOOL_DID, "sz-poly", 1, NOW)],
        ENTERPRISE_DID: [keys.new_key(ENTERPRISE_DID, "acme", 1, NOW)],
    }


def achievement() -> open_badges.Achievement:
    return open_badges.Achievement(
        kind=open_badges.Kind.PLACEMENT,
        source_id="7d3c6a52-8f0e-4b5e-9a53-1f0c5d1e2a44",
        title="Store operations intern",
        school=open_badges.Party(SCHOOL_DID, "Shenzhen Polytechnic"),
        enterprise=open_badges.Party(ENTERPRISE_DID, "Acme Cross-border"),
        student_ref="S2024-0042",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 6, 30),
        credits=Decimal("4.0"),
        grade="优",
        total=Decimal("91.50"),
        internship_type="post",
        programme="Cross-border e-commerce 2024",
        competencies=("platform-operation", "listing-optimisation"),
        hours=Decimal("480"),
        core_hours=Decimal("312"),
    )


def issued(org_keys, index: int = 5) -> dict:
    unsigned = open_badges.credential(
        achievement(),
        credential_id="urn:uuid:2b0f4c1e-0d5a-4c7b-8a43-5c2e9d7f1a10",
        issued_at=NOW,
        salt="c2FsdA",
        status=status_list.entry(LIST_URL, index),
        student_name="Li Wei",
    )
    school = keys.signing_key(org_keys[SCHOOL_DID])
    enterprise = keys.signing_key(org_keys[ENTERPRISE_DID])
    return securing.countersign(securing.sign(unsigned, school), enterprise)


def documents(org_keys) -> dict[str, dict]:
    return {d: did.document(d, keys.published(ks)) for d, ks in org_keys.items()}


def check(secured, org_keys, revoked: set[int] = frozenset(), now: datetime = NOW + timedelta(days=1)):
    bits = status_list.decode(status_list.encode(set(revoked)))
    return securing.verify(secured, documents=documents(org_keys), status_bits=bits, now=now)


def test_a_cosigned_credential_verifies_and_names_both_signers(org_keys):
    secured = issued(org_keys)
    result = check(secured, org_keys)
    assert result.valid, result.problems
    assert result.signers == {
        "issuer": keys.signing_key(org_keys[SCHOOL_DID]).kid,
        "countersigner": keys.signing_key(org_keys[ENTERPRISE_DID]).kid,
    }
    subject = result.credential["credentialSubject"]
    assert result.credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert result.credential["issuer"]["id"] == SCHOOL_DID and subject["source"]["id"] == ENTERPRISE_DID
    assert subject["achievement"]["tag"] == ["platform-operation", "listing-optimisation"]
    assert subject["creditsEarned"] == 4.0 and subject["result"][0]["value"] == "优"
    assert "480 approved hours (65% of them core work)" in result.credential["evidence"][0]["narrative"]
    assert "S2024-0042" not in json.dumps(result.credential)  # the school's reference only hashed
    assert subject["identifier"][0]["identityHash"] == open_badges.identity_hash("S2024-0042", "c2FsdA")


def test_the_schools_signature_is_an_open_badges_vc_jwt_that_pyjwt_verifies(org_keys):
    """A second implementation (PyJWT) checks the school's compact form, its claims and its not-before."""
    token = securing.compact(issued(org_keys), 0)
    public = RSAKey.import_key(keys.signing_key(org_keys[SCHOOL_DID]).public_jwk()).as_pem(private=False)
    claims = jwt.decode(token, public, algorithms=["RS256"], options={"verify_aud": False})
    assert claims["iss"] == SCHOOL_DID and claims["jti"] == "urn:uuid:2b0f4c1e-0d5a-4c7b-8a43-5c2e9d7f1a10"
    assert claims["nbf"] == int(NOW.timestamp())
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, _pem(org_keys, ENTERPRISE_DID), algorithms=["RS256"], options={"verify_aud": False})


def test_both_signatures_check_with_cryptography_alone(org_keys):
    """A third check, from the RFC: RSASSA-PKCS1-v1_5 with SHA-256 over `protected.payload`."""
    secured = issued(org_keys)
    for s, signer in zip(secured["signatures"], (SCHOOL_DID, ENTERPRISE_DID), strict=True):
        public = RSAKey.import_key(keys.signing_key(org_keys[signer]).public_jwk()).public_key
        signed = f"{s['protected']}.{secured['payload']}".encode()
        public.verify(_unb64(s["signature"]), signed, padding.PKCS1v15(), hashes.SHA256())  # raises if not


def test_one_byte_changed_fails(org_keys):
    secured = issued(org_keys)
    payload = _unb64(secured["payload"])
    at = payload.index(b'"creditsEarned":4.0') + len(b'"creditsEarned":')
    forged = payload[:at] + b"9" + payload[at + 1 :]  # 4.0 credits -> 9.0
    tampered = {**secured, "payload": base64.urlsafe_b64encode(forged).decode().rstrip("=")}
    result = check(tampered, org_keys)
    assert not result.valid
    assert "the issuer's signature does not match the credential" in result.problems
    assert "the countersigner's signature does not match the credential" in result.problems


def test_a_revoked_credential_fails_with_the_reason(org_keys):
    secured = issued(org_keys, index=77)
    assert check(secured, org_keys, revoked={76, 78}).valid  # neighbours' bits are not its own
    result = check(secured, org_keys, revoked={77})
    assert not result.valid and result.revoked
    assert result.problems == ["revoked by its issuer"]


def test_revocation_unknown_is_not_valid(org_keys):
    result = securing.verify(issued(org_keys), documents=documents(org_keys), status_bits=None, now=NOW)
    assert not result.valid
    assert result.problems == [f"its status list {LIST_URL} could not be read: revocation unknown"]


def test_without_the_countersignature_it_is_not_valid(org_keys):
    secured = issued(org_keys)
    alone = {**secured, "signatures": secured["signatures"][:1]}
    result = check(alone, org_keys)
    assert not result.valid
    assert result.problems == [f"no signature by the countersigner ({ENTERPRISE_DID})"]


def test_a_signature_by_another_enterprise_is_refused(org_keys):
    other_did = did.did_of(PUBLIC, "enterprise", "not-the-host")
    other = keys.new_key(other_did, "not-the-host", 1, NOW)
    secured = issued(org_keys)
    with pytest.raises(ValueError, match="not a key of the achievement's source"):
        securing.countersign({**secured, "signatures": secured["signatures"][:1]}, other)
    forged = {
        **secured,
        "signatures": [secured["signatures"][0], securing._signed(_unb64(secured["payload"]), other)["signatures"][0]],
    }
    everyone = {**org_keys, other_did: [other]}
    result = check(forged, everyone)
    assert not result.valid
    assert any("neither the issuer nor the source" in p for p in result.problems)


def test_an_unsigned_algorithm_header_is_refused(org_keys):
    secured = issued(org_keys)
    header = json.loads(_unb64(secured["signatures"][1]["protected"]))
    none = base64.urlsafe_b64encode(json.dumps({**header, "alg": "none"}).encode()).decode().rstrip("=")
    forged = {**secured, "signatures": [secured["signatures"][0], {"protected": none, "signature": ""}]}
    result = check(forged, org_keys)
    assert not result.valid and "the countersigner's signature uses 'none', not RS256" in result.problems


def test_rotation_keeps_old_credentials_valid_and_withdrawal_does_not(org_keys):
    rotated = copy.deepcopy(org_keys)  # the module's keys stay as they are
    before = issued(rotated)
    rotated[SCHOOL_DID].append(keys.rotate(SCHOOL_DID, "sz-poly", rotated[SCHOOL_DID], NOW))
    after = issued(rotated)
    assert keys.signing_key(rotated[SCHOOL_DID]).kid == f"{SCHOOL_DID}#key-2"
    assert [k["kid"] for k in keys.published(rotated[SCHOOL_DID])] == [f"{SCHOOL_DID}#key-1", f"{SCHOOL_DID}#key-2"]
    assert check(before, rotated).valid and check(after, rotated).valid
    assert securing.verify(
        after, documents=documents(rotated), status_bits=status_list.decode(status_list.encode(set())), now=NOW
    ).valid
    keys.withdraw(rotated[SCHOOL_DID], f"{SCHOOL_DID}#key-1", NOW)
    old = check(before, rotated)
    assert not old.valid
    assert old.problems == [f"the issuer's key {SCHOOL_DID}#key-1 is not published in {SCHOOL_DID}'s DID document"]
    assert check(after, rotated).valid


def test_not_valid_before_it_was_issued(org_keys):
    assert check(issued(org_keys), org_keys, now=NOW - timedelta(minutes=1)).valid  # within the clocks' leeway
    result = check(issued(org_keys), org_keys, now=NOW - timedelta(minutes=10))
    assert not result.valid and result.problems == ["not valid before 2026-07-01T09:30:00Z"]


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not json",
        "[]",
        '{"payload": 1}',
        '{"payload": "e30", "signatures": []}',
        '{"payload": "!!", "signatures": [{"protected": "", "signature": ""}]}',
        "x" * 300_000,
    ],
)
def test_what_is_not_a_secured_credential_is_invalid_input(value):
    with pytest.raises(InvalidInput):
        securing.parse(value)


def _pem(org_keys, owner: str) -> bytes:
    return RSAKey.import_key(keys.signing_key(org_keys[owner]).public_jwk()).as_pem(private=False)


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_the_published_status_list_is_trusted_only_when_its_school_signed_it(org_keys):
    school = keys.signing_key(org_keys[SCHOOL_DID])
    listed = status_list.list_credential(
        LIST_URL, SCHOOL_DID, status_list.encode({77}), "2026-07-02T00:00:00Z", "2026-07-03T00:00:00Z"
    )
    token = securing.sign_status_list(listed, school)
    docs = documents(org_keys)
    at = datetime(2026, 7, 2, 12, tzinfo=UTC)
    bits = securing.read_status_list(token, url=LIST_URL, issuer=SCHOOL_DID, documents=docs, now=at)
    result = securing.verify(issued(org_keys, index=77), documents=docs, status_bits=bits, now=NOW)
    assert result.revoked and result.problems == ["revoked by its issuer"]

    enterprise = keys.signing_key(org_keys[ENTERPRISE_DID])
    by_enterprise = securing.sign_status_list({**listed, "issuer": ENTERPRISE_DID}, enterprise)
    with pytest.raises(InvalidInput, match="not signed by a published key"):
        securing.read_status_list(by_enterprise, url=LIST_URL, issuer=SCHOOL_DID, documents=docs, now=at)
    with pytest.raises(InvalidInput, match="is not"):
        securing.read_status_list(token, url=LIST_URL + "0", issuer=SCHOOL_DID, documents=docs, now=at)
    # Signed a moment after the verifier read its clock (or by a clock slightly ahead): still in force.
    just_before = datetime(2026, 7, 1, 23, 58, tzinfo=UTC)
    assert securing.read_status_list(token, url=LIST_URL, issuer=SCHOOL_DID, documents=docs, now=just_before)
    for stale_or_early in (datetime(2026, 7, 3, 0, 1, tzinfo=UTC), datetime(2026, 7, 1, 23, tzinfo=UTC)):
        with pytest.raises(InvalidInput, match="not now"):
            securing.read_status_list(token, url=LIST_URL, issuer=SCHOOL_DID, documents=docs, now=stale_or_early)
    head, payload, signature = token.split(".")
    cleared = base64.urlsafe_b64encode(
        _unb64(payload).replace(status_list.encode({77}).encode(), status_list.encode(set()).encode())
    )
    with pytest.raises(InvalidInput, match="signature does not match"):
        securing.read_status_list(
            f"{head}.{cleared.decode().rstrip('=')}.{signature}",
            url=LIST_URL,
            issuer=SCHOOL_DID,
            documents=docs,
            now=at,
        )


@pytest.mark.parametrize("index", ["Infinity", "1e3", "-1", "", " 5", "99999999999999999999", 5, None, [5], "５"])
def test_a_status_index_that_is_not_a_decimal_index_is_a_problem_not_a_crash(org_keys, index):
    secured = issued(org_keys)
    credential = securing.credential_of(secured)
    credential["credentialStatus"]["statusListIndex"] = index
    forged = {**secured, "payload": base64.urlsafe_b64encode(json.dumps(credential).encode()).decode().rstrip("=")}
    result = check(forged, org_keys)
    assert not result.valid
    assert "its statusListIndex is not an index of the list" in result.problems


def test_a_status_list_among_several_entries_is_found_by_its_purpose(org_keys):
    credential = securing.credential_of(issued(org_keys, index=12))
    entry = credential["credentialStatus"]
    credential["credentialStatus"] = [{**entry, "statusPurpose": "suspension", "statusListIndex": "13"}, entry]
    school = keys.signing_key(org_keys[SCHOOL_DID])
    secured = securing.countersign(securing.sign(credential, school), keys.signing_key(org_keys[ENTERPRISE_DID]))
    assert securing.status_url(secured) == LIST_URL
    assert check(secured, org_keys, revoked={13}).valid
    assert check(secured, org_keys, revoked={12}).problems == ["revoked by its issuer"]


@pytest.mark.parametrize("crit", [None, [1], [{}], [["a"]], ["exp"], "b64"])
def test_a_hostile_header_is_a_problem_not_a_crash(org_keys, crit):
    """joserfc raised TypeError on some `crit` values: a header member this format never uses is refused unread."""
    secured = issued(org_keys)
    header = json.loads(_unb64(secured["signatures"][1]["protected"]))
    hostile = base64.urlsafe_b64encode(json.dumps({**header, "crit": crit}).encode()).decode().rstrip("=")
    forged = {**secured, "signatures": [secured["signatures"][0], {**secured["signatures"][1], "protected": hostile}]}
    result = check(forged, org_keys)
    assert not result.valid
    assert "the countersigner's signature has header members this format never uses" in result.problems
