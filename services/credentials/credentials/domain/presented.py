"""The check of an Open Badges 3.0 credential a student presents to be recorded (brought_in.py): it must be a
credential describing an achievement, signed by its issuer with a key the issuer is known to hold, unaltered, in
its validity period and not revoked. Anything else is refused with what failed, in words (InvalidInput: a 422).

Accepted as presented: the VC-JWT (`header.payload.signature`, the payload the credential itself or, VC 1.1 style,
under `vc`), or a JWS in JSON (general or flattened: a Praxis credential's file). Data Integrity proofs need RDF
canonicalisation, which this service does not do (docs/credentials.md); such a credential is refused with that.

Whose key: a signature proves only that the holder of some key signed. Praxis takes a key as the issuer's when
  - the issuer is a `did:jwk` (the identifier is the public key itself), or
  - the key is published in the issuer's DID document (`documents`): an organisation this Praxis hosts, or a
    did:web whose document its host serves (read by the caller, handlers/brought_in.py, from public addresses only).
A key the credential carries in its own header (`jwk`) for an issuer named otherwise proves nothing about the
issuer (anyone can re-sign an altered credential with a key of their own): refused, saying so; as is an issuer
known by an https profile only (its keys are not read).

Signing and checking are joserfc's (RFC 7515/7518), with RS256 or ES256, the key's type matching its algorithm.
"""

from __future__ import annotations

import base64
import json
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from joserfc import jws
from joserfc.errors import JoseError

from credentials.domain import did as dids
from credentials.domain import securing, validity
from praxis_common.errors import FieldError, InvalidInput

ALGORITHMS = securing.ALGORITHMS  # what a presented credential may be signed with
# A presented signature's protected header may also carry the key (`jwk`), which is then compared, never trusted.
HEADER = securing.PLAIN_HEADER | {"jwk"}
OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential"}
MAX_TEXT = 500
MAX_NAME = 200


@dataclass(frozen=True)
class Presented:
    """What a verified badge says: enough to record it (brought_in.Description) and to show whose word it is."""

    credential: dict
    issuer_id: str
    issuer_name: str
    title: str
    awarded_on: date
    expires_on: date | None
    signed_by: str  # the key id (or the did:jwk) whose signature held
    issuer_known: bool  # an organisation of this Praxis signed it; False: an outside issuer, its name its own claim
    credential_ref: str  # the credential's own id (`id`, else the JWT's `jti`): one badge is recorded once


@dataclass(frozen=True)
class Presentation:
    """A presented credential, read once: its signatures, its payload, the JWT's claims and the credential they carry
    (unchecked: `verify` checks them)."""

    signatures: list[dict]
    payload: str
    claims: dict
    credential: dict

    @property
    def issuer(self) -> str:
        """The issuer it names ("" when none): whose records and documents `verify` needs."""
        return _issuer_id(self.credential)

    @property
    def signer_dids(self) -> set[str]:
        """The DIDs its signatures' key ids name."""
        kids = (_header(s).get("kid") for s in self.signatures)
        return {k.split("#", 1)[0] for k in kids if isinstance(k, str) and k.startswith("did:") and "#" in k}

    @property
    def status_url(self) -> str | None:
        """The revocation list it names (its bits are `verify`'s `status_bits`)."""
        entry = securing.revocation_entry(self.credential)
        url = entry.get("statusListCredential") if entry else None
        return url if isinstance(url, str) and url.startswith(("https://", "http://")) and len(url) <= 2000 else None

    def signed_by_issuer(self, documents: dict[str, dict]) -> bool:
        """Whether its issuer signed it with a key `documents` publish: checked before anything else it names (its
        status list) is read."""
        return bool(self.issuer) and bool(_issuer_signature(self.signatures, self.payload, self.issuer, documents)[0])


def read(value: object) -> Presentation:
    """A presented credential as sent (its VC-JWT, or a JWS in JSON, as text or parsed): InvalidInput when it is
    neither."""
    signatures, payload = _jws_parts(value)
    claims, credential = _unwrapped(payload)
    return Presentation(signatures, payload, claims, credential)


def verify(
    value: object,
    *,
    documents: dict[str, dict],
    status_bits: bytes | None,
    now: datetime,
    hosted: frozenset[str] = frozenset(),
) -> Presented:
    """The presented credential (as sent, or `read`) checked (see the module): its description when it holds, else
    InvalidInput naming every problem found. `hosted`: the DIDs of organisations this Praxis hosts (whose names are
    their own)."""
    presentation = value if isinstance(value, Presentation) else read(value)
    signatures, payload = presentation.signatures, presentation.payload
    claims, credential = presentation.claims, presentation.credential
    problems = _shape_problems(credential)
    if problems:
        raise _refused(*problems)
    issuer_id = _issuer_id(credential)
    if isinstance(claims.get("iss"), str) and claims["iss"] != issuer_id:
        raise _refused(f"its `iss` claim ({claims['iss'][:120]}) is not its issuer ({issuer_id[:120]})")
    signed_by, problems = _issuer_signature(signatures, payload, issuer_id, documents)
    valid_from, valid_until, period_problems = validity.period(credential, now, claims)
    check = securing.Check(credential=credential)
    securing.check_status(credential, status_bits, check)
    problems += period_problems + check.problems
    subject = credential["credentialSubject"]
    awarded_on = _awarded_on(subject, valid_from)
    if awarded_on > now.date() + timedelta(days=1):  # a day's grace: the issuer's date may be a zone ahead
        problems.append(f"it says it was awarded on {awarded_on}, which has not come yet")
    if problems:
        raise _refused(*problems)
    issuer = credential["issuer"]
    own_id = credential.get("id") if isinstance(credential.get("id"), str) else claims.get("jti")
    return Presented(
        credential=credential,
        issuer_id=issuer_id,
        issuer_name=_text(issuer.get("name") if isinstance(issuer, dict) else "", MAX_NAME) or issuer_id[:MAX_NAME],
        title=_text(subject["achievement"].get("name"), MAX_TEXT),
        awarded_on=awarded_on,
        expires_on=valid_until.date() if valid_until and valid_until.date() >= awarded_on else None,
        signed_by=signed_by,
        issuer_known=issuer_id in hosted,
        credential_ref=_text(own_id, MAX_TEXT),
    )


def _jws_parts(value: object) -> tuple[list[dict], str]:
    """(the signatures, each {protected, signature}; the payload) of a VC-JWT or a JWS in JSON."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) > securing.MAX_CREDENTIAL_BYTES:
            raise _refused(f"a credential is at most {securing.MAX_CREDENTIAL_BYTES} bytes")
        if text.count(".") == 2 and not text.startswith("{"):
            protected, payload, signature = text.split(".")
            return [{"protected": protected, "signature": signature}], payload
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            raise _refused("it is neither a VC-JWT nor JSON") from None
    if isinstance(value, dict) and isinstance(value.get("proof"), (dict, list)):
        raise _refused("it is secured with a Data Integrity proof, which Praxis does not check: present its VC-JWT")
    if isinstance(value, dict) and isinstance(value.get("protected"), str) and isinstance(value.get("payload"), str):
        value = {"payload": value["payload"], "signatures": [value]}  # the flattened JSON serialization
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("payload"), str)
        or not isinstance(value.get("signatures"), list)
        or not 1 <= len(value["signatures"]) <= 4
        or not all(
            isinstance(s, dict) and isinstance(s.get("protected"), str) and isinstance(s.get("signature"), str)
            for s in value["signatures"]
        )
    ):
        raise _refused("it is not a signed credential: a VC-JWT, or a JWS in JSON (payload, signatures)")
    return value["signatures"], value["payload"]


def _unwrapped(payload: str) -> tuple[dict, dict]:
    """(the JWT's claims, the credential): the payload itself, or its `vc` claim (VC 1.1's VC-JWT)."""
    try:
        claims = json.loads(_b64(payload))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise _refused("its payload is not base64url JSON") from None
    if not isinstance(claims, dict):
        raise _refused("its payload is not a credential")
    credential = claims["vc"] if isinstance(claims.get("vc"), dict) else claims
    return claims, credential


def _shape_problems(credential: dict) -> list[str]:
    problems = []
    types = credential.get("type")
    if not (isinstance(types, list) and OB3_TYPES & {t for t in types if isinstance(t, str)}):
        problems.append("it is not an Open Badges credential (type OpenBadgeCredential)")
    issuer = credential.get("issuer")
    if not _issuer_id(credential):
        problems.append("it names no issuer")
    elif isinstance(issuer, dict) and issuer.get("name") is not None and not isinstance(issuer["name"], str):
        problems.append("its issuer's name is not text")
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    if not isinstance(achievement, dict) or not _text(achievement.get("name"), MAX_TEXT):
        problems.append("its credentialSubject names no achievement (achievement.name)")
    return problems


def _issuer_signature(
    signatures: list[dict], payload: str, issuer_id: str, documents: dict[str, dict]
) -> tuple[str, list[str]]:
    """(the key id whose signature by the issuer held, []) or ("", why none did)."""
    problems = []
    for s in signatures:
        header = _header(s)
        alg, kid = header.get("alg"), header.get("kid")
        if set(header) - HEADER:
            problems.append("a signature's header has members a credential's never needs (crit, b64, jku, ...)")
            continue
        if not isinstance(alg, str) or alg not in ALGORITHMS:
            problems.append(f"a signature uses {str(alg)[:20]!r}: Praxis checks {' or '.join(ALGORITHMS)}")
            continue
        key, named, why = _issuer_key(header, issuer_id, documents)
        if key is None:
            problems.append(why)
            continue
        try:
            imported = ALGORITHMS[alg].import_key(key)
            jws.deserialize_compact(f"{s['protected']}.{payload}.{s['signature']}", imported, algorithms=[alg])
        except (JoseError, ValueError, TypeError, KeyError):
            problems.append(f"the issuer's signature ({str(kid or named)[:120]}) does not match the credential")
            continue
        return named, []
    return "", problems or ["no signature by its issuer"]


def _issuer_key(header: dict, issuer_id: str, documents: dict[str, dict]) -> tuple[dict | None, str, str]:
    """(the issuer's public JWK for this signature, its name, "") or (None, "", why it is not known)."""
    kid = header.get("kid")
    if issuer_id.startswith("did:jwk:"):
        key = _did_jwk(issuer_id)
        if key is None:
            return None, "", f"its issuer {issuer_id[:80]}… is not a did:jwk holding a public key"
        if isinstance(kid, str) and kid.split("#", 1)[0] != issuer_id:
            return None, "", f"a signature by {kid[:120]!r}, not by its issuer"
        if isinstance(header.get("jwk"), dict) and _public(header["jwk"]) != _public(key):
            return None, "", "a signature's embedded key is not its issuer's (did:jwk)"
        return key, issuer_id, ""
    if isinstance(kid, str) and kid.startswith(issuer_id + "#"):
        published = [k for k in dids.keys_of(documents.get(issuer_id, {}), issuer_id) if k.get("kid") == kid]
        if published:
            return published[0], kid, ""
        if issuer_id in documents:
            return None, "", f"its issuer's key {kid[:200]} is not published in the issuer's DID document"
    return (
        None,
        "",
        f"its issuer {issuer_id[:200]}'s key cannot be confirmed: Praxis accepts a did:jwk issuer, a did:web one whose "
        "DID document publishes the key, or an organisation it hosts (a key the credential carries itself proves "
        "nothing about its issuer)",
    )


def _did_jwk(did: str) -> dict | None:
    """The public key a `did:jwk:<base64url JSON>` is (https://github.com/quartzjer/did-jwk/blob/main/spec.md)."""
    if len(did) > 2000:
        return None
    try:
        key = json.loads(_b64(did[len("did:jwk:") :].split("#", 1)[0]))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(key, dict) or "d" in key or key.get("kty") not in ("RSA", "EC"):
        return None  # a private key in an identifier is no public key
    return key


def _public(jwk: dict) -> dict:
    return {k: v for k, v in jwk.items() if k in ("kty", "crv", "x", "y", "n", "e")}


def _issuer_id(credential: dict) -> str:
    issuer = credential.get("issuer")
    found = issuer.get("id") if isinstance(issuer, dict) else issuer
    return found if isinstance(found, str) and 0 < len(found) <= 2000 else ""


def _awarded_on(subject: dict, valid_from: datetime | None) -> date:
    """When it was awarded: the subject's activity end when it says one, else when the credential was issued."""
    try:
        return validity.parse_instant(subject.get("activityEndDate")).date()
    except (TypeError, ValueError):
        return valid_from.date() if valid_from else date.min


def _header(signature: dict) -> dict:
    try:
        header = json.loads(_b64(signature["protected"]))
    except (ValueError, UnicodeDecodeError, RecursionError, KeyError, TypeError):
        return {}
    return header if isinstance(header, dict) else {}


def _b64(text: str) -> bytes:
    if not isinstance(text, str) or not text.isascii():
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _text(value: object, most: int) -> str:
    """Words as a person reads them: no control characters (NUL and the like), spaces collapsed, at most `most`."""
    if not isinstance(value, str):
        return ""
    printable = "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in value)
    return " ".join(printable.split())[:most]


def _refused(*problems: str) -> InvalidInput:
    return InvalidInput(
        "the credential presented could not be verified: " + "; ".join(problems),
        errors=[FieldError("credential", p) for p in problems],
    )
