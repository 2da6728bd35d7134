"""A credential's use cases: the school asks (and signs), the enterprise countersigns or declines, either revokes;
the parties list and read them (docs/credentials.md)."""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

from credentials import policy
from credentials.domain import certificate, open_badges, securing, status_list
from credentials.domain.issuance import Credential, Stage
from credentials.domain.open_badges import Kind, Party
from credentials.handlers.custody import Custody, signing_key
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.erasure import PSEUDONYM_PREFIX
from praxis_common.errors import Conflict, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock

_RANDOM = random.SystemRandom()
MAX_NAME = 200


@dataclass(frozen=True)
class RequestCredential:
    kind: Kind
    source_id: str  # the placement's id, or the project credit's
    student_name: str = ""  # printed on the certificate when given


@dataclass(frozen=True)
class EndCredential:
    credential_id: uuid.UUID
    reason: str


@dataclass(frozen=True)
class ListCredentials:
    page_size: int = 50
    page_token: str | None = None


async def request_credential(
    cmd: RequestCredential, principal: Principal, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock
) -> Credential:
    """The school's admin asks for a credential for a student's passed achievement: the school signs it at once, and
    it awaits the host enterprise's countersignature."""
    now = clock()
    async with uow() as u:
        found = await u.achievements.get(cmd.kind, cmd.source_id, lock=True)  # an amendment or erasure waits
        if found is not None and found.student_ref.startswith(PSEUDONYM_PREFIX):
            found = None  # its student was erased: no credential names them again
        passed = policy.visible(principal, found, "achievement")
        policy.require_signer(principal, passed, "school")
        key = await signing_key(u, custody, "school", passed.school_org, now)  # locks the school's keys: one at a time
        school = Party(
            custody.did("school", passed.school_org), await u.achievements.name_of(passed.school_org, "school")
        )
        enterprise = Party(
            custody.did("enterprise", passed.enterprise_org),
            await u.achievements.name_of(passed.enterprise_org, "enterprise"),
        )
        live = await u.credentials.live_for(cmd.kind, cmd.source_id)
        credential_id = uuid.uuid4()
        try:
            index = status_list.random_index(await u.credentials.taken_indexes(passed.school_org), _RANDOM)
        except ValueError:
            raise Conflict("the school's status list is full: no credential can be issued") from None
        unsigned = open_badges.credential(
            passed.achievement(school, enterprise),
            credential_id=f"urn:uuid:{credential_id}",
            issued_at=now,
            salt=secrets.token_urlsafe(16),
            status=status_list.entry(custody.status_list_url(passed.school_org), index),
            student_name=" ".join(cmd.student_name.split())[:MAX_NAME],
            verify_url=custody.verification_url(credential_id),
        )
        c = Credential.request(
            passed,
            credential_id=credential_id,
            status_index=index,
            secured=securing.sign(unsigned, key),
            by=principal.sub,
            now=now,
            live=live,
        )
        await u.credentials.add(c)
        await u.commit()
    return c


async def countersign(
    credential_id: uuid.UUID, principal: Principal, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock
) -> Credential:
    """The host enterprise's admin or hr countersigns: the credential is issued."""
    now = clock()
    async with uow() as u:
        c = policy.visible(principal, await u.credentials.get(credential_id, lock=True))
        policy.require_signer(principal, c, "enterprise")
        if not c.secured:
            raise Conflict("the credential's student was erased: there is nothing to countersign")
        key = await signing_key(u, custody, "enterprise", c.enterprise_org, now)
        c.countersign(securing.countersign(c.secured, key), by=principal.sub, now=now)
        await u.credentials.save(c)
        await u.commit()
    return c


async def decline(cmd: EndCredential, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> Credential:
    """The host enterprise will not countersign (with its reason): the credential is never issued."""
    async with uow() as u:
        c = policy.visible(principal, await u.credentials.get(cmd.credential_id, lock=True))
        policy.require_signer(principal, c, "enterprise")
        c.decline(by=principal.sub, reason=cmd.reason, now=clock())
        await u.credentials.save(c)
        await u.commit()
    return c


async def revoke(cmd: EndCredential, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> Credential:
    """Either party withdraws the credential, with a reason: the school's status list says so from now on."""
    async with uow() as u:
        c = policy.visible(principal, await u.credentials.get(cmd.credential_id, lock=True))
        party = policy.party_of(principal, c)
        policy.require_signer(principal, c, party)
        c.revoke(party=party, by=principal.sub, reason=cmd.reason, now=clock())
        await u.credentials.save(c)
        await u.commit()
    return c


async def get_credential(credential_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Credential:
    async with uow() as u:
        return policy.visible(principal, await u.credentials.get(credential_id))


async def list_credentials(
    cmd: ListCredentials, principal: Principal, *, uow: UowFactory
) -> tuple[list[Credential], str | None]:
    """The caller's side's credentials, newest first, and the next page's token: a school's staff see the school's,
    a student their own, an enterprise's readers the enterprise's."""
    side, student = policy.listing(principal)
    after = pages.decode_page_token(cmd.page_token) if cmd.page_token else None
    async with uow() as u:
        found = await u.credentials.of_party(
            side, principal.org, student_ref=student, after=after, limit=cmd.page_size + 1
        )
    more, found = len(found) > cmd.page_size, found[: cmd.page_size]
    return found, pages.encode_page_token(found[-1].requested_at, found[-1].id) if more else None


EXPORT_BATCH = 500


def export_credentials(principal: Principal, *, uow: UowFactory) -> AsyncIterator[Credential]:
    """Every credential of the caller's side (as the list: a school's staff the school's, a student their own, an
    enterprise the ones it hosted), newest first, read in batches while the caller writes them out. Who may read is
    decided now (a refusal comes before the first byte); each batch is read in a short transaction of its own, so a
    slow download holds no connection."""
    side, student = policy.listing(principal)

    async def credentials() -> AsyncIterator[Credential]:
        after = None
        while True:
            async with uow() as u:
                batch = await u.credentials.of_party(
                    side, principal.org, student_ref=student, after=after, limit=EXPORT_BATCH
                )
            for c in batch:
                yield c
            if len(batch) < EXPORT_BATCH:
                return
            after = (batch[-1].requested_at, batch[-1].id)

    return credentials()


async def download(credential_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Credential:
    """An issued credential, for its JSON, its VC-JWT or its certificate: what is not issued is not handed out."""
    c = await get_credential(credential_id, principal, uow=uow)
    if not c.secured:
        raise NotFound("no such credential: its student's data was erased")
    if c.stage is not Stage.ISSUED:
        raise Conflict(f"the credential is {c.stage.value}: only an issued credential is downloaded")
    return c


async def certificate_pdf(
    credential_id: uuid.UUID, principal: Principal, *, uow: UowFactory, custody: Custody
) -> bytes:
    """The printable certificate of an issued credential, whose QR code leads to its public check."""
    c = await download(credential_id, principal, uow=uow)
    issuer, countersigner = securing.key_ids(c.secured)[:2]
    return certificate.render(
        securing.credential_of(c.secured),
        signers={"issuer": issuer, "countersigner": countersigner},
        verify_url=custody.verification_url(c.id),
    )
