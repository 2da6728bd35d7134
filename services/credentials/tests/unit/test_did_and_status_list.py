"""did:web identifiers and documents for organisations hosted by Praxis; the Bitstring Status List's encoding."""

from __future__ import annotations

import base64
import gzip
import random
from datetime import UTC, datetime

import pytest

from credentials.domain import did, keys, status_list
from praxis_common.errors import InvalidInput

NOW = datetime(2026, 7, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("public_url", "kind", "org", "expected_did", "expected_url"),
    [
        (
            "https://praxis.example.edu",
            "school",
            "sz-poly",
            "did:web:praxis.example.edu:orgs:school:sz-poly",
            "https://praxis.example.edu/orgs/school/sz-poly/did.json",
        ),
        (
            "https://example.edu/praxis/",
            "enterprise",
            "acme",
            "did:web:example.edu:praxis:orgs:enterprise:acme",
            "https://example.edu/praxis/orgs/enterprise/acme/did.json",
        ),
        (
            "http://localhost:8080",
            "enterprise",
            "acme",
            "did:web:localhost%3A8080:orgs:enterprise:acme",
            "http://localhost:8080/orgs/enterprise/acme/did.json",
        ),
    ],
)
def test_an_organisation_hosted_by_praxis_has_a_did_web_that_resolves_to_praxis(
    public_url, kind, org, expected_did, expected_url
):
    assert did.did_of(public_url, kind, org) == expected_did
    assert did.document_url(expected_did) == expected_url
    assert did.document_url(expected_did + "#key-3") == expected_url


def test_a_domain_of_its_own_resolves_to_its_well_known_document():
    assert did.document_url("did:web:hr.acme.example") == "https://hr.acme.example/.well-known/did.json"


@pytest.mark.parametrize(
    "bad",
    [
        "did:key:z6Mk",
        "https://x",
        "did:web:",
        "did:web:a%2Fb",
        "did:web:praxis.example.edu%40evil.com:orgs:sz-poly",  # would be fetched from evil.com
        "did:web:localhost%3A1%40127.0.0.1%3A8080:orgs:x",
        "did:web:praxis.example.edu:%2F..%2F..:admin",
        "did:web:praxis.example.edu:..:admin",
        "did:web:praxis.example.edu%3A99999",
        "did:web:" + "a" * 70_000,
        "did:web:exa mple.com",
    ],
)
def test_what_is_not_a_did_web_is_invalid_input(bad):
    with pytest.raises(InvalidInput):
        did.document_url(bad)


def test_the_document_publishes_public_keys_only_and_reads_back():
    d = did.did_of("https://praxis.example.edu", "school", "sz-poly")
    ks = [keys.new_key(d, "sz-poly", 1, NOW), keys.new_key(d, "sz-poly", 2, NOW)]
    doc = did.document(d, keys.published(ks))
    assert doc["id"] == d and doc["assertionMethod"] == [f"{d}#key-1", f"{d}#key-2"]
    assert all("d" not in m["publicKeyJwk"] and m["publicKeyJwk"]["kty"] == "RSA" for m in doc["verificationMethod"])
    assert [k["kid"] for k in did.keys_of(doc, d)] == [f"{d}#key-1", f"{d}#key-2"]
    assert did.keys_of(doc, did.did_of("https://praxis.example.edu", "school", "other")) == []  # another DID's document


def test_relative_method_ids_and_foreign_controllers():
    d = "did:web:hr.acme.example"
    doc = {
        "id": d,
        "verificationMethod": [
            {
                "id": "#k1",
                "type": "JsonWebKey2020",
                "controller": d,
                "publicKeyJwk": {"kty": "RSA", "n": "x", "e": "AQAB"},
            },
            {"id": "#k2", "type": "JsonWebKey2020", "controller": "did:web:evil", "publicKeyJwk": {"kty": "RSA"}},
        ],
        "assertionMethod": ["#k1", "#k2", 7],
    }
    assert [k["kid"] for k in did.keys_of(doc, d)] == [f"{d}#k1"]


def test_status_list_bits_round_trip_in_the_specified_order():
    encoded = status_list.encode({0, 9, status_list.SIZE - 1})
    assert encoded.startswith("u") and "=" not in encoded
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) * 8 == status_list.SIZE
    assert raw[0] == 0x80 and raw[1] == 0x40 and raw[-1] == 0x01  # bit 0 is the first byte's most significant
    bits = status_list.decode(encoded)
    assert [i for i in (0, 1, 8, 9, status_list.SIZE - 1) if status_list.is_set(bits, i)] == [
        0,
        9,
        status_list.SIZE - 1,
    ]


def test_a_malformed_short_or_inflating_list_is_refused():
    def multibase(data: bytes) -> str:
        return "u" + base64.urlsafe_b64encode(data).decode().rstrip("=")

    whole = gzip.compress(bytes(status_list.SIZE // 8))
    for bad in [
        "",
        "zabc",
        "u!!!",
        multibase(b"not gzip"),
        multibase(gzip.compress(bytes(100))),
        multibase(whole[:-6]),  # cut short: its length and CRC never read
        multibase(whole + b"more"),
    ]:
        with pytest.raises(InvalidInput):
            status_list.decode(bad)
    bomb = multibase(gzip.compress(bytes(status_list.MAX_BITS // 8 + 1024)))  # ~1 MB inflating from ~1 KB
    with pytest.raises(InvalidInput, match="more than"):
        status_list.decode(bomb)
    with pytest.raises(InvalidInput):
        status_list.is_set(status_list.decode(status_list.encode(set())), status_list.SIZE)


def test_indexes_are_given_at_random_and_never_twice():
    rng = random.Random(7)
    taken: set[int] = set()
    for _ in range(200):
        taken.add(status_list.random_index(taken, rng))
    assert len(taken) == 200
    assert sorted(taken) != list(range(min(taken), min(taken) + 200))  # not handed out in order
    small = set(range(15))
    assert status_list.random_index(small, rng, size=16) == 15  # a crowded list still finds the free one
    with pytest.raises(ValueError, match="all taken"):
        status_list.random_index(set(range(16)), rng, size=16)
