"""What anyone may ask, without a token: an organisation's DID document, a school's signed status list, and the check
of a credential (one sent, or one stored, which the certificate's QR code leads to).

The check resolves only what this Praxis hosts (DIDs under its public URL, its schools' status lists), from its own
database: it never fetches an address a credential names (a public endpoint that did would let anyone make the
service request any address). A credential of another issuer is checked with `praxis credential verify`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from credentials.domain import did as dids
from credentials.domain import keys as org_keys
from credentials.domain import open_badges, securing, status_list
from credentials.handlers.custody import Custody
from praxis_common.errors import NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock

REUSE_SIGNED_LIST = timedelta(seconds=60)


@dataclass
class Verification:
    valid: bool
    problems: list[str]
    signers: dict[str, str]
    revoked: bool
    reason: str | None  # why it was revoked or declined, when this Praxis issued it
    credential: dict | None = field(default=None)


async def did_document(kind: str, org: str, *, uow: UowFactory, custody: Custody) -> dict:
    async with uow() as u:
        published = await u.keys.published(org, kind)
    if not published:
        raise NotFound("no such organisation signs credentials here")
    return dids.document(custody.did(kind, org), published)


async def status_list_token(school_org: str, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock) -> str:
    """The school's revocation list as the VC-JWT it signs, in force for the configured while (the same token again
    within a minute when nothing changed: custody.signed_lists)."""
    now = clock()
    async with uow() as u:
        revoked = frozenset(await u.credentials.revoked_indexes(school_org))
        cached = custody.signed_lists.get(school_org)
        if cached and cached[0] == revoked and timedelta(0) <= now - cached[2] < REUSE_SIGNED_LIST:
            if cached[1] in {k["kid"] for k in await u.keys.published(school_org, "school")}:
                return cached[3]
        key = org_keys.signing_key(await u.keys.of(school_org, "school", custody.open))
    if key is None:  # never signed here, or every key withdrawn (a rotation makes a new one)
        raise NotFound("no such school signs credentials here")
    listed = status_list.list_credential(
        custody.status_list_url(school_org),
        custody.did("school", school_org),
        status_list.encode(revoked),
        open_badges.instant(now),
        open_badges.instant(now + custody.status_list_lifetime),
    )
    token = securing.sign_status_list(listed, key)
    custody.signed_lists[school_org] = (revoked, key.kid, now, token)
    return token


async def verify(value: object, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock) -> Verification:
    """Check a credential sent as its JSON: InvalidInput (a 422) when it is not one."""
    secured = securing.parse(value)
    return await _check(secured, uow=uow, custody=custody, now=clock())


async def verification_of(credential_id: uuid.UUID, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock):
    """The check of a credential this Praxis holds (the certificate's QR code): awaiting ones are not shown."""
    async with uow() as u:
        c = await u.credentials.get(credential_id)
    if c is None or c.countersigned_at is None or not c.secured:  # awaiting, or its student erased
        raise NotFound("no such credential")
    return await _check(c.secured, uow=uow, custody=custody, now=clock())


async def _check(secured: dict, *, uow: UowFactory, custody: Custody, now: datetime) -> Verification:
    credential = securing.credential_of(secured)
    issuer = credential["issuer"]["id"]
    reason = None
    async with uow() as u:
        wanted = securing.signer_dids(secured) | {issuer}
        documents, bits = await hosted_evidence(u, custody, wanted, issuer, securing.status_url(secured))
        held = await u.credentials.get(_uuid_of(credential.get("id")) or uuid.UUID(int=0))
    notes = [
        f"{d} is not an organisation of this Praxis: check it with `praxis credential verify`"
        for d in sorted(wanted)
        if custody.hosted(d) is None
    ]
    check = securing.verify(secured, documents=documents, status_bits=bits, now=now)
    if (  # the reason is told only for the very credential this Praxis issued and holds, its school's signature good
        held is not None
        and held.countersigned_at is not None
        and held.secured
        and held.secured.get("payload") == secured["payload"]
        and securing.ISSUER in check.signers
    ):
        reason = held.end_reason
    problems = notes + check.problems
    if check.revoked and reason:
        problems = [p if p != "revoked by its issuer" else f"revoked by its issuer: {reason}" for p in problems]
    return Verification(
        valid=check.valid and not notes,
        problems=problems,
        signers=check.signers,
        revoked=check.revoked,
        reason=reason if check.revoked else None,
        credential=check.credential,
    )


async def hosted_evidence(
    u, custody: Custody, wanted: set[str], issuer: str, status_url: str | None
) -> tuple[dict[str, dict], bytes | None]:
    """What this Praxis itself holds to check a credential: the DID documents of the `wanted` DIDs it hosts, and the
    bits of `status_url` when it is the list of `issuer`, a school hosted here (None otherwise). Nothing is fetched."""
    documents: dict[str, dict] = {}
    for d in sorted(wanted):
        hosted = custody.hosted(d)
        published = await u.keys.published(hosted[1], hosted[0]) if hosted else None
        if published:
            documents[d] = dids.document(d, published)
    hosted_issuer = custody.hosted(issuer)
    if hosted_issuer and hosted_issuer[0] == "school" and status_url == custody.status_list_url(hosted_issuer[1]):
        return documents, status_list.bits_of(await u.credentials.revoked_indexes(hosted_issuer[1]))
    return documents, None


def _uuid_of(urn: object) -> uuid.UUID | None:
    if isinstance(urn, str) and urn.startswith("urn:uuid:"):
        try:
            return uuid.UUID(urn[len("urn:uuid:") :])
        except ValueError:
            return None
    return None
