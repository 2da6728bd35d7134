"""Credentials on a real, migrated PostgreSQL: a passed placement's facts arrive; the school asks and signs; the host
enterprise countersigns; the credential checks out from what this Praxis publishes (and with PyJWT, a second
implementation); one byte changed fails; a revocation shows in the signed status list with its reason; keys rotate
without breaking old credentials; a grade amended takes the credential back; and no one but the parties sees or
acts on it."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import jwt
import pytest
from joserfc.jwk import RSAKey

from credentials.adapters.key_store import KeyStore
from credentials.config import DEV_KEY_ENCRYPTION_KEY
from credentials.domain import did, securing
from credentials.domain.issuance import Passed, Stage
from credentials.domain.open_badges import Kind
from credentials.handlers import credentials, facts, keys, public
from credentials.handlers.custody import Custody
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound

MIGRATIONS = Path(__file__).resolve().parents[2] / "credentials" / "migrations"
PUBLIC = "https://praxis.example.edu"
T0 = datetime.now(UTC) - timedelta(days=2)


def who(org: str, kind: str, *roles: str, sub: str = "u-1") -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset(roles))


SCHOOL, TEACHER = who("sz-poly", "school", "admin", sub="t-admin"), who("sz-poly", "school", "teacher")
STUDENT, OTHER_STUDENT = who("sz-poly", "school", "student", sub="S-42"), who("sz-poly", "school", "student", sub="S-7")
HOST, HOST_MENTOR = who("acme", "enterprise", "hr", sub="e-hr"), who("acme", "enterprise", "mentor")
OTHER_SCHOOL, OTHER_ENTERPRISE = who("gz-tech", "school", "admin"), who("globex", "enterprise", "admin")


@pytest.fixture(scope="module")
def custody() -> Custody:
    store = KeyStore(DEV_KEY_ENCRYPTION_KEY)
    return Custody(seal=store.seal, open=store.open, public_url=PUBLIC, status_list_lifetime=timedelta(hours=1))


def passed_placement(placement_id: str, *, grade: str = "优", ok: bool = True, revision: int = 1) -> Passed:
    return Passed(
        kind=Kind.PLACEMENT,
        source_id=placement_id,
        school_org="sz-poly",
        enterprise_org="acme",
        student_ref="S-42",
        title="Store operations intern",
        passed=ok,
        credits=Decimal("4.0"),
        revision=revision,
        grade=grade,
        total=Decimal("91.50"),
        internship_type="post",
        programme="Cross-border e-commerce 2024",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 6, 30),
    )


async def a_passed_placement(uow) -> str:
    placement_id = str(uuid.uuid4())
    await facts.record_organisation("sz-poly", "school", "深圳职业技术大学", "Shenzhen Polytechnic", 1, uow=uow)
    await facts.record_organisation("acme", "enterprise", "", "Acme Cross-border", 3, uow=uow)
    await facts.record_competencies(placement_id, ["platform-operation"], uow=uow)
    for week, (total, core) in enumerate([(Decimal(40), Decimal(30)), (Decimal(38), Decimal(20))]):
        await facts.record_week(placement_id, date(2026, 3, 2) + timedelta(weeks=week), total, core, uow=uow)
    await facts.record_passed(passed_placement(placement_id), updated_at=T0, uow=uow)
    return placement_id


async def issued(uow, custody) -> tuple[str, credentials.Credential]:
    placement_id = await a_passed_placement(uow)
    asked = await credentials.request_credential(
        credentials.RequestCredential(Kind.PLACEMENT, placement_id, student_name="李伟"),
        SCHOOL,
        uow=uow,
        custody=custody,
        clock=lambda: T0,
    )
    assert asked.stage is Stage.AWAITING_COUNTERSIGNATURE
    done = await credentials.countersign(asked.id, HOST, uow=uow, custody=custody, clock=lambda: T0)
    return placement_id, done


async def test_a_passed_placement_gets_a_cosigned_credential_that_checks_out(uow, custody):
    _, c = await issued(uow, custody)
    assert c.stage is Stage.ISSUED and c.countersigned_by == "e-hr"
    result = await public.verify(json.dumps(c.secured), uow=uow, custody=custody)
    assert result.valid, result.problems
    school_did, host_did = (
        did.did_of(PUBLIC + "/public", "school", "sz-poly"),
        did.did_of(PUBLIC + "/public", "enterprise", "acme"),
    )
    assert result.signers == {"issuer": f"{school_did}#key-1", "countersigner": f"{host_did}#key-1"}
    said = result.credential
    assert said["issuer"]["name"] == "深圳职业技术大学 / Shenzhen Polytechnic"
    assert said["credentialSubject"]["source"]["name"] == "Acme Cross-border"
    assert said["credentialSubject"]["achievement"]["tag"] == ["platform-operation"]
    assert "78 approved hours (64% of them core work)" in said["evidence"][0]["narrative"]
    assert said["description"] == f"Verify at {PUBLIC}/public/credentials/{c.id}/verification"

    # A second implementation: PyJWT checks the school's signature with the key its published DID document lists.
    document = await public.did_document("school", "sz-poly", uow=uow, custody=custody)
    jwk = document["verificationMethod"][0]["publicKeyJwk"]
    claims = jwt.decode(
        securing.compact(c.secured, 0),
        RSAKey.import_key(jwk).as_pem(private=False),
        algorithms=["RS256"],
        options={"verify_aud": False},
    )
    assert claims["iss"] == school_did and claims["jti"] == f"urn:uuid:{c.id}"
    assert "d" not in jwk  # the document never carries a private half


async def test_one_byte_changed_fails_and_what_is_not_a_credential_is_invalid_input(uow, custody):
    _, c = await issued(uow, custody)
    payload = base64.urlsafe_b64decode(c.secured["payload"] + "==")
    forged = payload.replace(b'"creditsEarned":4.0', b'"creditsEarned":8.0')
    tampered = {**c.secured, "payload": base64.urlsafe_b64encode(forged).decode().rstrip("=")}
    result = await public.verify(tampered, uow=uow, custody=custody)
    assert not result.valid
    assert "the issuer's signature does not match the credential" in result.problems
    with pytest.raises(InvalidInput):
        await public.verify("not a credential", uow=uow, custody=custody)


async def test_revoked_it_fails_with_the_reason_in_the_signed_status_list(uow, custody):
    _, c = await issued(uow, custody)
    assert (await public.verification_of(c.id, uow=uow, custody=custody)).valid
    await credentials.revoke(
        credentials.EndCredential(c.id, "the placement record was found to be falsified"), HOST, uow=uow
    )
    result = await public.verification_of(c.id, uow=uow, custody=custody)
    assert not result.valid and result.revoked
    assert result.problems == ["revoked by its issuer: the placement record was found to be falsified"]
    # Anyone checking offline: the school's signed list, read back, has the bit set.
    token = await public.status_list_token("sz-poly", uow=uow, custody=custody)
    documents = {
        did.did_of(PUBLIC + "/public", "school", "sz-poly"): await public.did_document(
            "school", "sz-poly", uow=uow, custody=custody
        )
    }
    url = securing.status_url(c.secured)
    bits = securing.read_status_list(
        token,
        url=url,
        issuer=did.did_of(PUBLIC + "/public", "school", "sz-poly"),
        documents=documents,
        now=datetime.now(UTC),
    )
    offline = securing.verify(
        c.secured,
        documents={**documents, **await _host_document(uow, custody)},
        status_bits=bits,
        now=datetime.now(UTC),
    )
    assert offline.revoked and offline.problems == ["revoked by its issuer"]


async def test_keys_rotate_and_old_credentials_still_verify(uow, custody):
    _, before = await issued(uow, custody)
    rotated = await keys.rotate_key(SCHOOL, uow=uow, custody=custody)
    assert rotated.kid.endswith("#key-2") and rotated.signs
    _, after = await issued(uow, custody)
    assert (
        json.loads(base64.urlsafe_b64decode(after.secured["signatures"][0]["protected"] + "=="))["kid"] == rotated.kid
    )
    for c in (before, after):
        assert (await public.verify(c.secured, uow=uow, custody=custody)).valid
    # Listing keys opens no private half (a custody that cannot open any still lists them).
    sealed = replace(custody, open=lambda _: pytest.fail("a private key was opened to list the keys"))
    first, token = await keys.list_keys(SCHOOL, uow=uow, custody=sealed, page_size=1)
    rest, last = await keys.list_keys(SCHOOL, uow=uow, custody=sealed, page_token=token)
    assert [(k.number, k.signs, k.published) for k in first + rest] == [(1, False, True), (2, True, True)]
    assert last is None
    async with uow() as u:  # and signing opens only the key that signs
        opened = []
        held = await u.keys.of("sz-poly", "school", lambda sealed_key: opened.append(1) or custody.open(sealed_key))
    assert len(opened) == 1 and [bool(k.private_jwk) for k in held] == [False, True]
    with pytest.raises(Forbidden):
        await keys.rotate_key(TEACHER, uow=uow, custody=custody)


async def test_one_live_credential_per_achievement_and_a_new_one_after_a_decline(uow, custody):
    placement_id = await a_passed_placement(uow)
    ask = credentials.RequestCredential(Kind.PLACEMENT, placement_id)
    first = await credentials.request_credential(ask, SCHOOL, uow=uow, custody=custody)
    with pytest.raises(Conflict, match="already has a credential"):
        await credentials.request_credential(ask, SCHOOL, uow=uow, custody=custody)
    declined = await credentials.decline(credentials.EndCredential(first.id, "hours not yet confirmed"), HOST, uow=uow)
    assert declined.stage is Stage.DECLINED and declined.end_reason == "hours not yet confirmed"
    again = await credentials.request_credential(ask, SCHOOL, uow=uow, custody=custody)
    assert again.id != first.id and again.status_index != first.status_index


async def test_a_grade_amended_takes_the_credential_back(uow, custody):
    placement_id, c = await issued(uow, custody)
    await facts.record_passed(
        passed_placement(placement_id, grade="不及格", ok=False, revision=2),
        updated_at=T0 + timedelta(days=1),
        reason="plagiarised report",
        uow=uow,
    )
    after = await credentials.get_credential(c.id, SCHOOL, uow=uow)
    assert after.stage is Stage.REVOKED and after.ended_for == "school"
    assert after.end_reason == "the grade was amended to not passed: plagiarised report"
    stale = passed_placement(placement_id, revision=1)  # a late copy of the first revision changes nothing
    await facts.record_passed(stale, updated_at=T0, uow=uow)
    with pytest.raises(Conflict, match="not passed"):
        await credentials.request_credential(
            credentials.RequestCredential(Kind.PLACEMENT, placement_id), SCHOOL, uow=uow, custody=custody
        )


async def test_only_the_parties_see_or_act(uow, custody):
    placement_id, c = await issued(uow, custody)
    for outsider in (OTHER_SCHOOL, OTHER_ENTERPRISE, OTHER_STUDENT, who("acme", "school", "admin")):
        with pytest.raises(NotFound):
            await credentials.get_credential(c.id, outsider, uow=uow)
        with pytest.raises(NotFound):
            await credentials.revoke(credentials.EndCredential(c.id, "no"), outsider, uow=uow)
        assert c.id not in {x.id for x in await _listed(uow, outsider)}
    with pytest.raises(NotFound):  # an enterprise that did not host it cannot ask for one either
        await credentials.request_credential(
            credentials.RequestCredential(Kind.PLACEMENT, placement_id), OTHER_SCHOOL, uow=uow, custody=custody
        )
    for reader in (TEACHER, STUDENT, HOST_MENTOR):
        assert (await credentials.get_credential(c.id, reader, uow=uow)).id == c.id
        assert c.id in {x.id for x in await _listed(uow, reader)}
    with pytest.raises(Forbidden):  # the host's mentor reads, but signs nothing
        await credentials.revoke(credentials.EndCredential(c.id, "no"), HOST_MENTOR, uow=uow)
    with pytest.raises(Forbidden):  # a school's teacher reads, but does not commit the school
        await credentials.request_credential(
            credentials.RequestCredential(Kind.PLACEMENT, placement_id), TEACHER, uow=uow, custody=custody
        )


async def _listed(uow, principal):
    try:
        found, _ = await credentials.list_credentials(credentials.ListCredentials(page_size=500), principal, uow=uow)
        return found
    except Forbidden:
        return []


async def _host_document(uow, custody) -> dict:
    host = did.did_of(PUBLIC + "/public", "enterprise", "acme")
    return {host: await public.did_document("enterprise", "acme", uow=uow, custody=custody)}


async def test_a_schools_first_two_signatures_at_once_share_its_first_key(uow, custody):
    """Two admins ask at once for the first credentials of a school that has no key yet: one key is made, both sign
    with it, no request fails."""
    asks = []
    for _ in range(2):
        placement_id = str(uuid.uuid4())
        p = passed_placement(placement_id)
        await facts.record_passed(Passed(**{**vars(p), "school_org": "first-time-school"}), updated_at=T0, uow=uow)
        asks.append(credentials.RequestCredential(Kind.PLACEMENT, placement_id))
    school = who("first-time-school", "school", "admin")
    made = await asyncio.gather(*(credentials.request_credential(a, school, uow=uow, custody=custody) for a in asks))
    kids = {json.loads(base64.urlsafe_b64decode(c.secured["signatures"][0]["protected"] + "=="))["kid"] for c in made}
    assert len(made) == 2 and len(kids) == 1 and kids.pop().endswith("#key-1")
    assert len({c.status_index for c in made}) == 2


async def test_an_amended_grade_that_still_passes_takes_the_credential_back_too(uow, custody):
    placement_id, c = await issued(uow, custody)
    await facts.record_passed(
        passed_placement(placement_id, grade="良", revision=2), updated_at=T0 + timedelta(days=1), uow=uow
    )
    after = await credentials.get_credential(c.id, SCHOOL, uow=uow)
    assert after.stage is Stage.REVOKED and after.end_reason == "the grade was amended"
    again = await credentials.request_credential(
        credentials.RequestCredential(Kind.PLACEMENT, placement_id), SCHOOL, uow=uow, custody=custody
    )
    assert (
        json.loads(base64.urlsafe_b64decode(again.secured["payload"] + "=="))["credentialSubject"]["result"][0]["value"]
        == "良"
    )


async def test_the_public_check_tells_a_reason_only_for_the_credential_itself(uow, custody):
    """A made-up payload naming a revoked credential's id and its set status bit learns no reason (nor validity)."""
    _, c = await issued(uow, custody)
    await credentials.revoke(credentials.EndCredential(c.id, "a private matter"), SCHOOL, uow=uow)
    made_up = securing.credential_of(c.secured)
    made_up["name"] = "something else"
    forged = {**c.secured, "payload": base64.urlsafe_b64encode(json.dumps(made_up).encode()).decode().rstrip("=")}
    result = await public.verify(forged, uow=uow, custody=custody)
    assert result.revoked and not result.valid and result.reason is None
    assert not any("a private matter" in p for p in result.problems)
    real = await public.verify(c.secured, uow=uow, custody=custody)
    assert real.reason == "a private matter"


async def test_a_school_signed_list_is_reused_until_something_changes(uow, custody):
    _, c = await issued(uow, custody)
    first = await public.status_list_token("sz-poly", uow=uow, custody=custody)
    assert await public.status_list_token("sz-poly", uow=uow, custody=custody) == first
    await credentials.revoke(credentials.EndCredential(c.id, "changed"), SCHOOL, uow=uow)
    assert await public.status_list_token("sz-poly", uow=uow, custody=custody) != first


async def test_a_status_list_signed_on_a_clock_in_another_zone_is_in_force_now(uow, custody):
    """The deployment's clock reads in its zone (rt.clock, e.g. Asia/Shanghai): the list says UTC, not that wall time."""
    _, c = await issued(uow, custody)
    shanghai = timezone(timedelta(hours=8))
    token = await public.status_list_token(
        "sz-poly", uow=uow, custody=replace(custody, signed_lists={}), clock=lambda: datetime.now(shanghai)
    )
    school = did.did_of(PUBLIC + "/public", "school", "sz-poly")
    documents = {school: await public.did_document("school", "sz-poly", uow=uow, custody=custody)}
    bits = securing.read_status_list(
        token, url=securing.status_url(c.secured), issuer=school, documents=documents, now=datetime.now(UTC)
    )
    assert len(bits) * 8 >= 131_072
