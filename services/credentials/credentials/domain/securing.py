"""How a credential is secured and checked: one JWS over the credential, signed by the school and countersigned by
the host enterprise (RFC 7515's General JSON Serialization carries several signatures over one payload).

The payload is the credential (open_badges.py) with the JWT claims Open Badges 3.0's VC-JWT format asks for (`iss`,
`jti`, `nbf`, `sub` when the subject has an id): the school's signature alone, written compactly
(`header.payload.signature`), is a standard Open Badges VC-JWT. The enterprise's signature covers the same bytes; its
key must belong to the credential's `credentialSubject.source`. Keys are named by DID URL (`kid`) and found in the
signers' DID documents (did.py), so anyone can check a credential offline, given those documents and the school's
status list. Signing and checking are joserfc's (RFC 7515/7518); nothing here computes a signature by hand.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey

from credentials.domain import did as dids
from credentials.domain import status_list, validity
from credentials.domain.keys import ALGORITHM, SigningKey
from praxis_common.errors import InvalidInput

ISSUER, COUNTERSIGNER = "issuer", "countersigner"
# What a signature's protected header holds here; anything else (`crit`, `b64`, `jku`, ...) is refused unread.
PLAIN_HEADER = frozenset({"alg", "typ", "kid", "cty"})
MAX_CREDENTIAL_BYTES = 256 * 1024
# What an outside issuer may sign with (a presented badge, its status list), each with the key type it needs;
# Praxis itself signs with RS256.
ALGORITHMS = {"RS256": RSAKey, "ES256": ECKey}


def payload_of(credential: dict) -> bytes:
    claims = {"iss": credential["issuer"]["id"], "jti": credential["id"], "nbf": _epoch(credential["validFrom"])}
    if isinstance(credential["credentialSubject"].get("id"), str):
        claims["sub"] = credential["credentialSubject"]["id"]
    return json.dumps({**credential, **claims}, ensure_ascii=False, separators=(",", ":")).encode()


def sign(credential: dict, key: SigningKey) -> dict:
    """The school's signature: a JWS (General JSON Serialization) with one signature, awaiting the countersignature."""
    if dids.controller_of(key.kid) != credential["issuer"]["id"]:
        raise ValueError(f"{key.kid} is not a key of the issuer {credential['issuer']['id']}")
    return _signed(payload_of(credential), key)


def countersign(secured: dict, key: SigningKey) -> dict:
    """The enterprise's signature over the same payload, added to the school's."""
    credential = json.loads(_payload_bytes(secured))
    if dids.controller_of(key.kid) != _source_of(credential):
        raise ValueError(f"{key.kid} is not a key of the achievement's source {_source_of(credential)}")
    own = _signed(_payload_bytes(secured), key)
    if own["payload"] != secured["payload"]:
        raise ValueError("the countersignature's payload differs")  # the same bytes give the same encoding
    return {"payload": secured["payload"], "signatures": [*secured["signatures"], *own["signatures"]]}


def sign_status_list(list_credential: dict, key: SigningKey) -> str:
    """The school's status list as the VC-JWT it publishes (status_list.list_credential, signed by its key)."""
    if dids.controller_of(key.kid) != list_credential["issuer"]:
        raise ValueError(f"{key.kid} is not a key of the list's issuer {list_credential['issuer']}")
    claims = {
        "iss": list_credential["issuer"],
        "jti": list_credential["id"],
        "nbf": _epoch(list_credential["validFrom"]),
    }
    payload = json.dumps({**list_credential, **claims}, separators=(",", ":")).encode()
    return jws.serialize_compact(
        {"alg": ALGORITHM, "typ": "JWT", "kid": key.kid}, payload, RSAKey.import_key(key.private_jwk)
    )


def read_status_list(
    token: str, *, url: str, issuer: str, documents: dict[str, dict], now: datetime, fetched_now: bool = False
) -> bytes:
    """The bits of a published status list, trusted only when the credential's issuer signed it with a published key,
    it is the list the credential names, and it is in force at `now` (a list is published with a short validUntil:
    an old copy, from before a revocation, must not pass; `fetched_now`: read from its issuer just now, so a list
    that states no validUntil is current). InvalidInput says why not."""
    if not isinstance(token, str) or len(token) > status_list.MAX_ENCODED + 4096:
        raise InvalidInput("the status list is not a VC-JWT")
    try:
        header = json.loads(_b64(token.split(".", 1)[0]))
        kid = header.get("kid") if isinstance(header, dict) else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InvalidInput("the status list is not a VC-JWT") from None
    published = [k for k in dids.keys_of(documents.get(issuer, {}), issuer) if k["kid"] == kid]
    if not published:
        raise InvalidInput(f"the status list is not signed by a published key of {issuer}")
    alg = header.get("alg")
    if set(header) - PLAIN_HEADER or not isinstance(alg, str) or alg not in ALGORITHMS:
        raise InvalidInput(f"the status list's header is not a plain {' or '.join(ALGORITHMS)} one")
    try:
        claims = json.loads(
            jws.deserialize_compact(token, ALGORITHMS[alg].import_key(published[0]), algorithms=[alg]).payload
        )
    except (JoseError, ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError):
        raise InvalidInput(f"the status list's signature does not match ({issuer})") from None
    if not isinstance(claims, dict):
        raise InvalidInput(f"{url} is not {issuer}'s status list")
    subject = claims.get("credentialSubject")
    if claims.get("id") != url or claims.get("issuer") != issuer or not isinstance(subject, dict):
        raise InvalidInput(f"{url} is not {issuer}'s status list")
    if subject.get("statusPurpose") != status_list.PURPOSE:
        raise InvalidInput(f"{url} is not a revocation list")
    try:
        valid_from = validity.parse_instant(claims.get("validFrom"))
        until = claims.get("validUntil")
        valid_until = validity.parse_instant(until) if until is not None or not fetched_now else validity.LATEST
    except (TypeError, ValueError):
        raise InvalidInput(f"the status list {url} does not say when it is valid (validFrom, validUntil)") from None
    if not valid_from - validity.CLOCK_LEEWAY <= now <= valid_until:
        raise InvalidInput(f"the status list {url} is valid from {claims['validFrom']} to {until}, not now")
    return status_list.decode(subject.get("encodedList"))


def compact(secured: dict, index: int = 0) -> str:
    """One signature written compactly: the school's (index 0) is the credential as an Open Badges VC-JWT."""
    s = secured["signatures"][index]
    return f"{s['protected']}.{secured['payload']}.{s['signature']}"


@dataclass
class Check:
    """What verification found: `valid` only when every check passed; `problems` says what failed, in words."""

    credential: dict | None = None
    signers: dict[str, str] = field(default_factory=dict)  # role -> kid, for the signatures that verified
    problems: list[str] = field(default_factory=list)
    revoked: bool = False
    status_list: str | None = None

    @property
    def valid(self) -> bool:
        return not self.problems and set(self.signers) == {ISSUER, COUNTERSIGNER}


def parse(value: object) -> dict:
    """A secured credential as sent (its JSON, as text or already parsed): shape checked, else InvalidInput."""
    if isinstance(value, (str, bytes)):
        if len(value) > MAX_CREDENTIAL_BYTES:
            raise InvalidInput(f"a credential is at most {MAX_CREDENTIAL_BYTES} bytes")
        try:
            value = json.loads(value)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise InvalidInput("the credential is not JSON") from None
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("payload"), str)
        or not isinstance(value.get("signatures"), list)
        or not value["signatures"]
        or len(value["signatures"]) > 4
        or not all(
            isinstance(s, dict) and isinstance(s.get("protected"), str) and isinstance(s.get("signature"), str)
            for s in value["signatures"]
        )
    ):
        raise InvalidInput("not a secured credential: a JWS in General JSON Serialization (payload, signatures)")
    try:
        credential = json.loads(_payload_bytes(value))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InvalidInput("the credential's payload is not base64url JSON") from None
    if (
        not isinstance(credential, dict)
        or not isinstance(credential.get("issuer"), dict)
        or not isinstance(credential["issuer"].get("id"), str)
        or not isinstance(credential.get("credentialSubject"), dict)
    ):
        raise InvalidInput("the payload is not a credential with an issuer profile and a subject")
    return value


def key_ids(secured: dict) -> list[str]:
    """The signatures' key ids, in order (the school's first): what a certificate names as its signers."""
    return [str(_header(s).get("kid", "")) for s in secured["signatures"]]


def signer_dids(secured: dict) -> set[str]:
    """The DIDs whose documents a verifier needs (the signatures' key ids)."""
    kids = set()
    for s in secured["signatures"]:
        try:
            kids.add(dids.controller_of(str(_header(s).get("kid", ""))))
        except InvalidInput:
            continue
    return kids


def dumps(secured: dict) -> bytes:
    """A secured credential as the JSON file handed out."""
    return json.dumps({"payload": secured["payload"], "signatures": secured["signatures"]}, indent=2).encode()


def credential_of(secured: dict) -> dict:
    """The credential a parsed secured credential carries (its payload), unchecked."""
    return json.loads(_payload_bytes(secured))


def status_url(secured: dict) -> str | None:
    """The revocation list a credential names, when it names one at an http(s) address."""
    entry = revocation_entry(credential_of(secured))
    url = entry.get("statusListCredential") if entry else None
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) and len(url) <= 2000 else None


def verify(
    secured: dict,
    *,
    documents: dict[str, dict],
    status_bits: bytes | None,
    now: datetime,
) -> Check:
    """Check a secured credential: each signature with its signer's published key (from `documents`, DID ->
    DID document), the school's as issuer and the enterprise's as the achievement's source; the validity period;
    and the status list's bit (`status_bits`, status_list.decode of the school's list; None when it could not be
    had, which fails the check: revocation unknown is not valid)."""
    check = Check()
    try:
        credential = json.loads(_payload_bytes(secured))
    except (ValueError, UnicodeDecodeError, RecursionError):
        check.problems.append("the payload is not base64url JSON")
        return check
    check.credential = credential
    if not isinstance(credential, dict):
        check.problems.append("the payload is not a credential")
        return check
    expected = {ISSUER: _issuer_of(credential), COUNTERSIGNER: _source_of(credential)}
    for s in secured["signatures"]:
        header = _header(s)
        kid, alg = header.get("kid"), header.get("alg")
        role = next((r for r, d in expected.items() if d and isinstance(kid, str) and kid.startswith(d + "#")), None)
        if role is None:
            check.problems.append(f"a signature by {str(kid)[:120]!r}, who is neither the issuer nor the source")
            continue
        if alg != ALGORITHM:
            check.problems.append(f"the {role}'s signature uses {str(alg)[:20]!r}, not {ALGORITHM}")
            continue
        if set(header) - PLAIN_HEADER:
            check.problems.append(f"the {role}'s signature has header members this format never uses")
            continue
        keys = [k for k in dids.keys_of(documents.get(expected[role], {}), expected[role]) if k["kid"] == kid]
        if not keys:
            check.problems.append(f"the {role}'s key {kid} is not published in {expected[role]}'s DID document")
            continue
        try:
            jws.deserialize_json(
                {"payload": secured["payload"], "signatures": [s]},
                KeySet([RSAKey.import_key(keys[0])]),
                algorithms=[ALGORITHM],
            )
        except (JoseError, ValueError, TypeError, KeyError):  # whatever joserfc makes of a hostile header
            check.problems.append(f"the {role}'s signature does not match the credential")
            continue
        check.signers[role] = kid
    for role in (ISSUER, COUNTERSIGNER):
        if role not in check.signers and not any(role in p for p in check.problems):
            check.problems.append(f"no signature by the {role} ({expected[role] or 'not named'})")
    check_period(credential, now, check)
    check_status(credential, status_bits, check)
    return check


def check_period(credential: dict, now: datetime, check: Check) -> None:
    check.problems.extend(validity.period(credential, now)[2])


def revocation_entry(credential: dict) -> dict | None:
    """The credential's revocation entry: its `credentialStatus`, or the revocation one of several (VC 2.0 allows a
    list)."""
    status = credential.get("credentialStatus")
    entries = status if isinstance(status, list) else [status]
    found = [e for e in entries if isinstance(e, dict) and e.get("statusPurpose") == status_list.PURPOSE]
    return found[0] if found else None


def check_status(credential: dict, bits: bytes | None, check: Check) -> None:
    if credential.get("credentialStatus") is None:
        return
    status = revocation_entry(credential)
    if status is None or status.get("type") != "BitstringStatusListEntry":
        check.problems.append("its credentialStatus has no BitstringStatusListEntry for revocation")
        return
    check.status_list = str(status.get("statusListCredential"))[:2000]
    if bits is None:
        check.problems.append(f"its status list {check.status_list} could not be read: revocation unknown")
        return
    index = status.get("statusListIndex")
    try:
        if not isinstance(index, str) or not (index.isascii() and index.isdigit()) or len(index) > 12:
            raise InvalidInput("not a decimal index")
        check.revoked = status_list.is_set(bits, int(index))
    except InvalidInput:
        check.problems.append("its statusListIndex is not an index of the list")
        return
    if check.revoked:
        check.problems.append("revoked by its issuer")


def _issuer_of(credential: dict) -> str:
    issuer = credential.get("issuer")
    return issuer.get("id", "") if isinstance(issuer, dict) else issuer if isinstance(issuer, str) else ""


def _source_of(credential: dict) -> str:
    subject = credential.get("credentialSubject")
    source = subject.get("source") if isinstance(subject, dict) else None
    return source.get("id", "") if isinstance(source, dict) else ""


def _signed(payload: bytes, key: SigningKey) -> dict:
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": key.kid}
    return dict(jws.serialize_json([{"protected": header}], payload, RSAKey.import_key(key.private_jwk)))


def _payload_bytes(secured: dict) -> bytes:
    return _b64(secured["payload"])


def _header(signature: dict) -> dict:
    try:
        header = json.loads(_b64(signature["protected"]))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {}
    return header if isinstance(header, dict) else {}


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _epoch(instant: str) -> int:
    return int(validity.parse_instant(instant).timestamp())
