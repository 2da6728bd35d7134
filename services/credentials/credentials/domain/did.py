"""Organisations' identifiers and their published keys: did:web (https://w3c-ccg.github.io/did-method-web/).

An organisation without a domain of its own is given one under Praxis's public address: with the public URL
`https://praxis.example.edu`, the school `sz-poly` is `did:web:praxis.example.edu:orgs:school:sz-poly`, whose DID
document is served at `https://praxis.example.edu/orgs/school/sz-poly/did.json` (an organisation is its id and its
kind: a school and an enterprise may share an id). A port is percent-encoded (`localhost%3A8080`), as
the method says. The document lists every key the organisation signed with and has not withdrawn, so a credential
signed before a rotation still verifies.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from praxis_common.errors import FieldError, InvalidInput

DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"]
ORG_SEGMENT = "orgs"
KINDS = ("school", "enterprise")
ORG_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
# What a did:web may say (stricter than a URL: the method percent-encodes only the port's colon): a host name, an
# optional port, path segments of unreserved characters. Anything else is refused, never decoded into another host.
_HOST = re.compile(
    r"^(?P<name>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?:%3a(?P<port>[0-9]{1,5}))?$"
)
_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]{1,128}$")
LOCAL_HOSTS = ("localhost", "127.0.0.1")  # served over http: a test or a laptop (outside the method, knowingly)


def did_of(public_url: str, kind: str, org: str) -> str:
    """The did:web of an organisation (`kind` school or enterprise: an id names an organisation only with its kind)
    hosted by the Praxis at `public_url` (an https URL, or http on localhost)."""
    parts = urlsplit(public_url.rstrip("/"))
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {public_url!r}")
    if kind not in KINDS:
        raise InvalidInput("not an organisation kind", errors=[FieldError("kind", "school or enterprise")])
    if not ORG_PATTERN.match(org):
        raise InvalidInput("not an organisation id", errors=[FieldError("org", "letters, digits, '.', '_', '-'")])
    host = parts.hostname + (quote(f":{parts.port}", safe="") if parts.port else "")
    path = [quote(p, safe="") for p in parts.path.split("/") if p]
    return ":".join(["did", "web", host, *path, ORG_SEGMENT, kind, org])


def document_url(did: str) -> str:
    """Where a did:web's document lives: `did:web:host:a:b` -> `https://host/a/b/did.json`; `did:web:host` ->
    `https://host/.well-known/did.json` (http for localhost and 127.0.0.1, as a test or a laptop runs it)."""
    method_id = did.split("#", 1)[0] if isinstance(did, str) else ""
    if not method_id.startswith("did:web:") or len(method_id) > 1000:
        raise InvalidInput(f"not a did:web identifier: {method_id[:80]!r}")
    host, *path = method_id[len("did:web:") :].split(":")
    found = _HOST.match(host.lower())
    if found is None or not all(_SEGMENT.match(p) for p in path) or any(p in (".", "..") for p in path):
        raise InvalidInput(f"not a did:web identifier: {method_id[:80]!r}")
    name, port = found["name"], found["port"]
    if port is not None and not 0 < int(port) < 65536:
        raise InvalidInput(f"not a did:web identifier: {method_id[:80]!r}")
    scheme = "http" if name in LOCAL_HOSTS else "https"
    authority = f"{name}:{int(port)}" if port else name
    tail = "/".join(path) + "/did.json" if path else ".well-known/did.json"
    return f"{scheme}://{authority}/{tail}"


def controller_of(kid: str) -> str:
    """The DID a key id (`did:web:…#key-2`) belongs to."""
    did, sep, fragment = kid.partition("#")
    if not sep or not fragment or not did.startswith("did:"):
        raise InvalidInput(f"not a key id of a DID: {kid[:80]!r}")
    return did


def document(did: str, public_jwks: list[dict]) -> dict:
    """The DID document publishing `public_jwks` (each with its `kid`, a DID URL of `did`) as JsonWebKey2020
    verification methods usable to sign credentials (assertionMethod)."""
    methods = []
    for jwk in public_jwks:
        if controller_of(jwk["kid"]) != did:
            raise ValueError(f"{jwk['kid']} is not a key of {did}")
        public = {k: v for k, v in jwk.items() if k not in ("d", "p", "q", "dp", "dq", "qi", "kid")}
        methods.append({"id": jwk["kid"], "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": public})
    return {
        "@context": DID_CONTEXT,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def keys_of(doc: dict, did: str) -> list[dict]:
    """The public JWKs a DID document lets `did` sign credentials with (its assertion methods), each with its kid.
    A document for another DID, or one naming a method it does not define, gives nothing for it."""
    if not isinstance(doc, dict) or doc.get("id") != did:
        return []

    def absolute(ref):  # a method id may be relative to the document ("#key-1")
        return did + ref if isinstance(ref, str) and ref.startswith("#") else ref

    listed, refs = doc.get("verificationMethod"), doc.get("assertionMethod")
    if not isinstance(listed, list) or not isinstance(refs, list):
        return []
    methods = {absolute(m["id"]): m for m in listed if isinstance(m, dict) and isinstance(m.get("id"), str)}
    keys = []
    for ref in refs:
        method = methods.get(absolute(ref)) if isinstance(ref, str) else ref if isinstance(ref, dict) else None
        if not isinstance(method, dict) or method.get("controller") != did:
            continue
        kid, jwk = absolute(method.get("id")), method.get("publicKeyJwk")
        if isinstance(jwk, dict) and isinstance(kid, str) and kid.startswith(did + "#"):
            keys.append({**jwk, "kid": kid})
    return keys
