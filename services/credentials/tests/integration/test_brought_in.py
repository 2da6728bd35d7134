"""Achievements brought in, on a real, migrated PostgreSQL: a badge an outside issuer made with its own key is
verified and recorded with its issuer, a tampered one is refused and nothing recorded; a credential this Praxis
issued is accepted, a revoked one is not; the school's staff record certificates and results and weigh them, each
change an event for the credit ledger and the rubrics; only the school's people see them."""

from __future__ import annotations

import asyncio
import base64
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from google.protobuf import json_format
from sqlalchemy import text

from credentials.adapters.key_store import KeyStore
from credentials.config import DEV_KEY_ENCRYPTION_KEY
from credentials.domain.brought_in import AchievementKind, Weight
from credentials.domain.issuance import Passed
from credentials.domain.open_badges import Kind
from credentials.handlers import brought_in, credentials, facts
from credentials.handlers.custody import Custody
from credentials.handlers.erasure import erase_student
from praxis.events.v1 import credentials_pb2
from praxis_common.auth import Principal
from praxis_common.erasure import ErasureRequest
from praxis_common.erasure import erase as kernel_erase
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound
from praxis_dev.testing.outside_issuer import OutsideIssuer

AWARDED = datetime.now(UTC) - timedelta(days=30)


def who(org: str, kind: str, *roles: str, sub: str = "u-1") -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset(roles))


STAFF, TEACHER = who("sz-poly", "school", "coordinator", sub="coord"), who("sz-poly", "school", "teacher")
STUDENT, OTHER_STUDENT = who("sz-poly", "school", "student", sub="S-42"), who("sz-poly", "school", "student", sub="S-7")
OTHER_SCHOOL, ENTERPRISE = who("gz-tech", "school", "admin"), who("acme", "enterprise", "admin")


@pytest.fixture(scope="module")
def custody() -> Custody:
    store = KeyStore(DEV_KEY_ENCRYPTION_KEY)
    return Custody(seal=store.seal, open=store.open, public_url="https://praxis.example.edu")


@pytest.fixture(scope="module")
def outside() -> OutsideIssuer:
    return OutsideIssuer()


def certificate(student: str = "S-42", **weight) -> brought_in.RecordAchievement:
    return brought_in.RecordAchievement(
        student_ref=student,
        kind=AchievementKind.CERTIFICATE,
        title="Cloud platform operations (1+X), intermediate",
        issuer_name="1+X certificate body",
        awarded_on=date(2026, 6, 20),
        level="intermediate",
        reference="1X-2026-004418",
        weight=Weight(**weight),
    )


async def events_of(uow, achievement_id: uuid.UUID) -> list[credentials_pb2.AchievementRecorded]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT payload FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(achievement_id)}
        )
        return [json_format.Parse(bytes(p), credentials_pb2.AchievementRecorded()) for p in rows.scalars()]


async def test_an_outside_badge_is_verified_and_recorded_with_its_issuer(uow, custody, outside):
    token = outside.badge("National vocational skills contest: e-commerce, 2nd prize", awarded=AWARDED)
    a = await brought_in.present_badge(brought_in.PresentBadge("S-42", token), STUDENT, uow=uow, custody=custody)
    assert (a.description.kind, a.description.issuer_id, a.description.issuer_name) == (
        AchievementKind.BADGE,
        outside.did,
        outside.name,
    )
    assert a.description.title == "National vocational skills contest: e-commerce, 2nd prize"
    assert a.description.awarded_on == AWARDED.date() and a.presented == token
    assert a.weight == Weight() and a.school_org == "sz-poly"  # a student's own badge weighs nothing until weighed
    [event] = await events_of(uow, a.id)
    assert (event.kind, event.student_ref, event.points, event.credits, event.withdrawn) == (
        "badge",
        "S-42",
        "0.00",
        "0.00",
        False,
    )


async def test_a_tampered_badge_is_refused_and_nothing_is_recorded(uow, custody, outside):
    header, payload, signature = outside.badge("Skills contest, 3rd prize", awarded=AWARDED).split(".")
    forged = base64.urlsafe_b64decode(payload + "==").replace(b"3rd prize", b"1st prize")
    tampered = f"{header}.{base64.urlsafe_b64encode(forged).decode().rstrip('=')}.{signature}"
    with pytest.raises(InvalidInput) as caught:
        await brought_in.present_badge(brought_in.PresentBadge("S-99", tampered), STAFF, uow=uow, custody=custody)
    assert "does not match the credential" in str(caught.value)
    assert [e.field for e in caught.value.errors] == ["credential"]
    found, _ = await brought_in.list_recorded(brought_in.ListRecorded("S-99"), STAFF, uow=uow)
    assert found == []


async def test_a_credential_issued_here_is_accepted_and_a_revoked_one_is_not(uow, custody):
    placement_id = str(uuid.uuid4())
    passed = Passed(
        kind=Kind.PLACEMENT,
        source_id=placement_id,
        school_org="gz-tech",
        enterprise_org="acme",
        student_ref="S-42",
        title="Warehouse intern",
        passed=True,
        credits=Decimal(2),
    )
    await facts.record_passed(passed, updated_at=AWARDED, uow=uow)
    asked = await credentials.request_credential(
        credentials.RequestCredential(Kind.PLACEMENT, placement_id), OTHER_SCHOOL, uow=uow, custody=custody
    )
    issued = await credentials.countersign(asked.id, who("acme", "enterprise", "hr"), uow=uow, custody=custody)
    # Another school's co-signed credential, presented to sz-poly by a student who moved there.
    a = await brought_in.present_badge(
        brought_in.PresentBadge("S-42", issued.secured, Weight(Decimal(20), Decimal(1))),
        STAFF,
        uow=uow,
        custody=custody,
    )
    assert a.description.issuer_id == custody.did("school", "gz-tech")
    assert a.description.signed_by == custody.did("school", "gz-tech") + "#key-1"
    assert a.description.issuer_known is True  # an organisation this Praxis hosts signed it
    assert a.weight == Weight(Decimal(20), Decimal(1))
    await credentials.revoke(credentials.EndCredential(issued.id, "grade amended"), OTHER_SCHOOL, uow=uow)
    with pytest.raises(InvalidInput, match="revoked by its issuer"):
        await brought_in.present_badge(brought_in.PresentBadge("S-42", issued.secured), STAFF, uow=uow, custody=custody)


async def test_the_staff_record_weigh_and_withdraw_each_change_an_event(uow):
    a = await brought_in.record_achievement(certificate(points=Decimal(40), credits=Decimal(2)), STAFF, uow=uow)
    weighed = await brought_in.weigh(
        brought_in.WeighAchievement(a.id, Weight(Decimal("35.5"), Decimal(0))), STAFF, uow=uow
    )
    assert (weighed.revision, weighed.weight.points, weighed.weighed_by) == (2, Decimal("35.5"), "coord")
    gone = await brought_in.withdraw(brought_in.WithdrawAchievement(a.id, "  number   unknown "), STAFF, uow=uow)
    assert gone.withdrawn and gone.withdraw_reason == "number unknown" and gone.revision == 3
    with pytest.raises(Conflict):
        await brought_in.weigh(brought_in.WeighAchievement(a.id, Weight(Decimal(10))), STAFF, uow=uow)
    events = await events_of(uow, a.id)
    assert [(e.revision, e.points, e.credits, e.withdrawn) for e in events] == [
        (1, "40.00", "2.00", False),
        (2, "35.50", "0.00", False),
        (3, "35.50", "0.00", True),
    ]
    async with uow() as u:
        topics = (
            (
                await u.connection.execute(
                    text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(a.id)}
                )
            )
            .scalars()
            .all()
        )
    assert [t.rsplit(".", 1)[-1] for t in topics] == ["recorded", "recorded", "withdrawn"]


async def test_weights_and_dates_are_checked(uow):
    for bad in ({"points": Decimal(101)}, {"credits": Decimal(-1)}, {"points": Decimal("1.005")}):
        with pytest.raises(InvalidInput):
            await brought_in.record_achievement(certificate(**bad), STAFF, uow=uow)
    with pytest.raises(InvalidInput, match="expires after"):
        cmd = certificate()
        await brought_in.record_achievement(
            brought_in.RecordAchievement(**{**vars(cmd), "expires_on": date(2026, 1, 1)}), STAFF, uow=uow
        )


async def test_only_the_school_s_people_see_and_only_its_staff_record_or_weigh(uow, custody, outside):
    a = await brought_in.record_achievement(certificate("S-42"), STAFF, uow=uow)
    for stranger in (OTHER_SCHOOL, ENTERPRISE, OTHER_STUDENT):
        with pytest.raises(NotFound):
            await brought_in.get_recorded(a.id, stranger, uow=uow)
    assert (await brought_in.get_recorded(a.id, STUDENT, uow=uow)).id == a.id
    assert (await brought_in.get_recorded(a.id, TEACHER, uow=uow)).id == a.id
    with pytest.raises(Forbidden):
        await brought_in.weigh(brought_in.WeighAchievement(a.id, Weight(Decimal(5))), TEACHER, uow=uow)
    with pytest.raises(Forbidden):
        await brought_in.record_achievement(certificate("S-42"), STUDENT, uow=uow)  # a student presents, not records
    with pytest.raises(Forbidden):
        await brought_in.record_achievement(certificate("S-42"), ENTERPRISE, uow=uow)
    badge = outside.badge("Contest", awarded=AWARDED)
    with pytest.raises(Forbidden):  # a student presents only their own badge, and never weighs it
        await brought_in.present_badge(brought_in.PresentBadge("S-7", badge), STUDENT, uow=uow, custody=custody)
    with pytest.raises(Forbidden):
        await brought_in.present_badge(
            brought_in.PresentBadge("S-42", badge, Weight(Decimal(50))), STUDENT, uow=uow, custody=custody
        )
    mine, _ = await brought_in.list_recorded(brought_in.ListRecorded(), STUDENT, uow=uow)
    assert mine and {r.student_ref for r in mine} == {"S-42"}
    with pytest.raises(NotFound):
        await brought_in.list_recorded(brought_in.ListRecorded("S-42"), OTHER_STUDENT, uow=uow)
    theirs, _ = await brought_in.list_recorded(brought_in.ListRecorded(), OTHER_SCHOOL, uow=uow)
    assert a.id not in {r.id for r in theirs}
    with pytest.raises(Forbidden):
        await brought_in.list_recorded(brought_in.ListRecorded(), ENTERPRISE, uow=uow)


async def test_the_list_pages_newest_first_and_filters_by_kind(uow, custody, outside):
    made = [await brought_in.record_achievement(certificate("S-300"), STAFF, uow=uow) for _ in range(3)]
    badge = await brought_in.present_badge(
        brought_in.PresentBadge("S-300", outside.badge("Contest", awarded=AWARDED)), STAFF, uow=uow, custody=custody
    )
    first, token = await brought_in.list_recorded(brought_in.ListRecorded("S-300", page_size=3), STAFF, uow=uow)
    rest, last = await brought_in.list_recorded(
        brought_in.ListRecorded("S-300", page_size=3, page_token=token), STAFF, uow=uow
    )
    assert [r.id for r in first + rest] == [badge.id, *reversed([m.id for m in made])] and last is None
    badges, _ = await brought_in.list_recorded(brought_in.ListRecorded("S-300", AchievementKind.BADGE), STAFF, uow=uow)
    assert [b.id for b in badges] == [badge.id]


async def test_a_badge_is_recorded_once_while_its_record_stands(uow, custody, outside):
    badge = outside.badge("Contest, 3rd prize", awarded=AWARDED)
    first = await brought_in.present_badge(brought_in.PresentBadge("S-500", badge), STAFF, uow=uow, custody=custody)
    assert first.description.issuer_known is False  # a did:jwk: known by its key only, its name its own claim
    with pytest.raises(Conflict, match="recorded for the school already"):
        await brought_in.present_badge(brought_in.PresentBadge("S-500", badge), STAFF, uow=uow, custody=custody)
    # Two presentations at once: one record.
    racing = outside.badge("Race", awarded=AWARDED)
    results = await asyncio.gather(
        *(
            brought_in.present_badge(brought_in.PresentBadge("S-501", racing), STAFF, uow=uow, custody=custody)
            for _ in range(2)
        ),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "RecordedAchievement"]
    await brought_in.withdraw(
        brought_in.WithdrawAchievement(first.id, "recorded for the wrong student"), STAFF, uow=uow
    )
    again = await brought_in.present_badge(brought_in.PresentBadge("S-502", badge), STAFF, uow=uow, custody=custody)
    assert again.id != first.id


async def test_an_erased_students_record_stands_as_it_was(uow):
    a = await brought_in.record_achievement(certificate("S-600", credits=Decimal(2)), STAFF, uow=uow)
    await kernel_erase(uow, erase_student, ErasureRequest(uuid.uuid4(), "sz-poly", "S-600"))
    for change in (
        brought_in.weigh(brought_in.WeighAchievement(a.id, Weight(Decimal(5))), STAFF, uow=uow),
        brought_in.withdraw(brought_in.WithdrawAchievement(a.id, "gone"), STAFF, uow=uow),
    ):
        with pytest.raises(Conflict, match="erased"):
            await change
