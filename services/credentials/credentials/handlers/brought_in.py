"""Achievements brought in (domain/brought_in.py): the school's staff record a certificate or a competition result, a
student or the staff present an Open Badges credential (verified before it is recorded: domain/presented.py), the
staff weigh a record (rubric points, credit) or withdraw it; the school's readers and the student list and read them.
Each change is sent as an event (credentials.achievement.recorded / withdrawn) that the internships service counts
in rubrics and in the credit ledger."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from credentials import policy
from credentials.domain import presented as presentation
from credentials.domain import securing
from credentials.domain.brought_in import AchievementKind, Description, RecordedAchievement, Weight
from credentials.domain.did import document_url as did_document_url
from credentials.handlers.custody import Custody, OutsideUnreadable
from credentials.handlers.public import hosted_evidence
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.erasure import PSEUDONYM_PREFIX
from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class RecordAchievement:
    student_ref: str
    kind: AchievementKind  # certificate | competition
    title: str
    issuer_name: str
    awarded_on: date
    level: str = ""
    reference: str = ""
    expires_on: date | None = None
    weight: Weight = Weight()


@dataclass(frozen=True)
class PresentBadge:
    student_ref: str
    credential: str | dict  # the VC-JWT, or the JWS in JSON
    weight: Weight = Weight()


@dataclass(frozen=True)
class WeighAchievement:
    achievement_id: uuid.UUID
    weight: Weight


@dataclass(frozen=True)
class WithdrawAchievement:
    achievement_id: uuid.UUID
    reason: str


@dataclass(frozen=True)
class ListRecorded:
    student_ref: str | None = None
    kind: AchievementKind | None = None
    page_size: int = 50
    page_token: str | None = None


async def record_achievement(
    cmd: RecordAchievement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> RecordedAchievement:
    """The school's staff record a certificate or a competition result for one of its students."""
    if cmd.kind is AchievementKind.BADGE:
        raise InvalidInput(
            "a badge is presented, to be verified", errors=[FieldError("kind", "certificate or competition")]
        )
    if not policy.recording_school(principal, _student(cmd.student_ref)):
        raise Forbidden("a student presents their badges; the school's staff record certificates and results")
    description = Description(
        kind=cmd.kind,
        title=cmd.title,
        issuer_name=cmd.issuer_name,
        awarded_on=cmd.awarded_on,
        level=cmd.level,
        reference=cmd.reference,
        expires_on=cmd.expires_on,
    )
    return await _add(principal, cmd.student_ref, description, cmd.weight, None, uow=uow, now=clock())


async def present_badge(
    cmd: PresentBadge, principal: Principal, *, uow: UowFactory, custody: Custody, clock: Clock = utc_clock
) -> RecordedAchievement:
    """An Open Badges credential the student holds, verified and recorded with its issuer: a student presents their
    own (it weighs nothing until the staff weigh it), the school's staff present one for a student (weighed at
    once). One that does not verify is refused with what failed (422) and nothing is recorded."""
    staff = policy.recording_school(principal, _student(cmd.student_ref))
    if not staff and cmd.weight != Weight():
        raise Forbidden("the school's staff weigh an achievement; present it without points or credits")
    text = cmd.credential if isinstance(cmd.credential, str) else json.dumps(cmd.credential, ensure_ascii=False)
    now = clock()
    presented = presentation.read(cmd.credential)
    issuer, url = presented.issuer, presented.status_url
    fetched, fetched_bits = await _outside_evidence(custody, presented, now)  # no transaction open
    async with uow() as u:
        documents, bits = await hosted_evidence(u, custody, presented.signer_dids | {issuer}, issuer, url)
    badge = presentation.verify(
        presented,
        documents=documents | fetched,
        status_bits=bits if bits is not None else fetched_bits,
        now=now,
        hosted=frozenset({issuer} if custody.hosted(issuer) else ()),
    )
    description = Description(
        kind=AchievementKind.BADGE,
        title=badge.title,
        issuer_name=badge.issuer_name,
        awarded_on=badge.awarded_on,
        expires_on=badge.expires_on,
        issuer_id=badge.issuer_id,
        signed_by=badge.signed_by,
        issuer_known=badge.issuer_known,
        credential_ref=badge.credential_ref,
    )
    return await _add(principal, cmd.student_ref, description, cmd.weight, text, uow=uow, now=now)


async def weigh(
    cmd: WeighAchievement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> RecordedAchievement:
    """The school's points (its weight in a rubric) and credit for a record, replacing what it gave before."""
    async with uow() as u:
        a = _standing(policy.require_recorder(principal, await u.recorded.get(cmd.achievement_id, lock=True)))
        a.weigh(cmd.weight, by=principal.sub, now=clock())
        await u.recorded.save(a)
        await u.commit()
    return a


async def withdraw(
    cmd: WithdrawAchievement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> RecordedAchievement:
    async with uow() as u:
        a = _standing(policy.require_recorder(principal, await u.recorded.get(cmd.achievement_id, lock=True)))
        a.withdraw(by=principal.sub, reason=cmd.reason, now=clock())
        await u.recorded.save(a)
        await u.commit()
    return a


async def get_recorded(achievement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> RecordedAchievement:
    async with uow() as u:
        return policy.visible_record(principal, await u.recorded.get(achievement_id))


async def list_recorded(
    cmd: ListRecorded, principal: Principal, *, uow: UowFactory
) -> tuple[list[RecordedAchievement], str | None]:
    """The school's records, newest first: its staff see every student's (or the one asked for), a student their own."""
    student = policy.listing_records(principal, cmd.student_ref)
    after = pages.decode_page_token(cmd.page_token) if cmd.page_token else None
    async with uow() as u:
        found = await u.recorded.of_school(
            principal.org, student_ref=student, kind=cmd.kind, after=after, limit=cmd.page_size + 1
        )
    return pages.next_page(found, cmd.page_size, lambda a: (a.recorded_at, a.id))


async def _add(
    principal: Principal,
    student_ref: str,
    description: Description,
    weight: Weight,
    presented: str | None,
    *,
    uow: UowFactory,
    now,
) -> RecordedAchievement:
    a = RecordedAchievement.record(
        achievement_id=uuid.uuid4(),
        school_org=principal.org,
        student_ref=student_ref,
        description=description,
        weight=weight,
        by=principal.sub,
        now=now,
        presented=presented,
    )
    async with uow() as u:
        await u.recorded.add(a)
        await u.commit()
    return a


async def _outside_evidence(
    custody: Custody, presented: presentation.Presentation, now: datetime
) -> tuple[dict[str, dict], bytes | None]:
    """An outside did:web issuer's DID document and, when the badge names one, its status list's bits, read where the
    issuer publishes them (custody.outside: public addresses only, a deadline, a size limit). The list is read only
    once the issuer's signature holds, and only from the issuer's own host. What cannot be read refuses the badge,
    saying why: a key not found cannot be the issuer's, a revocation not known is not a "no"."""
    issuer, status_url = presented.issuer, presented.status_url
    if custody.outside is None or not issuer.startswith("did:web:") or custody.hosted(issuer):
        return {}, None
    try:
        documents = {issuer: await custody.outside.did_document(issuer)}
    except OutsideUnreadable as exc:
        raise _unverified(f"its issuer's DID document could not be read: {exc}") from None
    if not status_url or not presented.signed_by_issuer(documents):
        return documents, None  # no list, or a signature the check refuses anyway: nothing more is read
    if not _on_host_of(status_url, issuer):
        raise _unverified("its status list is not on its issuer's host")
    try:
        token = await custody.outside.text(status_url)
        bits = securing.read_status_list(
            token, url=status_url, issuer=issuer, documents=documents, now=now, fetched_now=True
        )
        return documents, bits
    except (OutsideUnreadable, InvalidInput) as exc:
        raise _unverified(f"its status list could not be read, so its revocation is unknown: {exc}") from None


def _on_host_of(url: str, did: str) -> bool:
    """Whether `url` is served by the host of the did:web `did` (its status list where its DID document is)."""
    try:
        return urlsplit(url).hostname == urlsplit(did_document_url(did)).hostname
    except (ValueError, InvalidInput):
        return False


def _unverified(problem: str) -> InvalidInput:
    return InvalidInput(
        f"the credential presented could not be verified: {problem}", errors=[FieldError("credential", problem)]
    )


def _standing(a: RecordedAchievement) -> RecordedAchievement:
    """A record whose student was not erased: an erased student's credit stands as it was (docs/erasure.md)."""
    if a.student_ref.startswith(PSEUDONYM_PREFIX):
        raise Conflict("the achievement's student was erased: their record stands as it was")
    return a


def _student(student_ref: str) -> str:
    if student_ref.startswith(PSEUDONYM_PREFIX):
        raise InvalidInput("no such student", errors=[FieldError("student_ref", "the student's data was erased")])
    return student_ref
