"""Revocation: the W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/).

A school publishes one list of at least 131,072 bits (16 KB, the size the specification sets so that a list does not
tell a verifier which few credentials exist); each credential it issues names one index in it. A set bit means
revoked. The list is published as a credential the school signs (`BitstringStatusListCredential`) whose
`encodedList` is the GZIP-compressed bitstring, base64url without padding, with the multibase prefix `u`. Bit 0 is
the most significant bit of the first byte.
"""

from __future__ import annotations

import base64
import gzip
import random
import zlib

from praxis_common.errors import InvalidInput

SIZE = 131_072  # bits: the specification's minimum
PURPOSE = "revocation"
MAX_ENCODED = 2_000_000  # characters of encodedList read at most
MAX_BITS = 64 * SIZE  # a list may be larger than the minimum, not unboundedly (a small gzip can inflate hugely)


def bits_of(revoked: set[int], size: int = SIZE) -> bytes:
    """The bitstring with `revoked` set."""
    bits = bytearray(size // 8)
    for index in revoked:
        if not 0 <= index < size:
            raise ValueError(f"index {index} is outside a list of {size} bits")
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode(revoked: set[int], size: int = SIZE) -> str:
    return "u" + base64.urlsafe_b64encode(gzip.compress(bits_of(revoked, size), mtime=0)).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    """The bitstring of an `encodedList`; a malformed one is an InvalidInput (the list cannot be trusted)."""
    if not isinstance(encoded, str) or not encoded.startswith("u") or len(encoded) > MAX_ENCODED:
        raise InvalidInput("the status list's encodedList is not a multibase base64url string")
    body = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        bits = inflate.decompress(compressed, MAX_BITS // 8 + 1)
    except (ValueError, zlib.error) as exc:
        raise InvalidInput(f"the status list's encodedList does not decode: {exc}") from None
    if len(bits) <= MAX_BITS // 8 and (not inflate.eof or inflate.unused_data):
        raise InvalidInput(
            "the status list's encodedList is not one whole GZIP stream (cut short, or followed by more)"
        )
    if len(bits) * 8 < SIZE:
        raise InvalidInput(f"the status list holds {len(bits) * 8} bits, fewer than {SIZE}")
    if len(bits) > MAX_BITS // 8:
        raise InvalidInput(f"the status list holds more than {MAX_BITS} bits")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise InvalidInput(f"status index {index} is outside the list of {len(bits) * 8} bits")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def random_index(taken: set[int], rng: random.Random, size: int = SIZE) -> int:
    """A free index chosen at random (the specification's privacy advice: indexes given in order tell a verifier who
    was issued when). ValueError when the list is full."""
    if len(taken) >= size:
        raise ValueError(f"the status list's {size} indexes are all taken")
    if len(taken) < size // 2:
        while (index := rng.randrange(size)) in taken:
            pass
        return index
    return rng.choice(sorted(set(range(size)) - taken))  # a crowded list: choose among what is left


def entry(list_url: str, index: int) -> dict:
    """The `credentialStatus` of a credential at `index` of the list published at `list_url`."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def list_credential(list_url: str, issuer_did: str, encoded: str, valid_from: str, valid_until: str) -> dict:
    """The status list as the credential its school signs and publishes at `list_url`, in force for a short while
    (`valid_until`): a verifier refuses an old copy, which could predate a revocation."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did,
        "validFrom": valid_from,
        "validUntil": valid_until,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encoded,
        },
    }
