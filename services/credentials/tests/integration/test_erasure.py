"""Erasing a school's student from the credentials service, on a real PostgreSQL: after the kernel's erase (the hook
and the kernel's tables), a scan of every column of the database finds neither the student's ref nor their name
except in another school's student with the same ref; their credential's stage and status index stay (a revoked one
stays revoked for verifiers), its stored copy is gone (404 to its parties and at its public check); a second run
changes nothing."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from credentials.adapters.key_store import KeyStore
from credentials.config import DEV_KEY_ENCRYPTION_KEY
from credentials.domain.issuance import Passed, Stage
from credentials.domain.open_badges import Kind
from credentials.handlers import brought_in, credentials, facts, public
from credentials.handlers.custody import Custody
from credentials.handlers.erasure import erase_student
from praxis_common.auth import Principal
from praxis_common.erasure import ErasureRequest
from praxis_common.erasure import erase as kernel_erase
from praxis_common.errors import NotFound
from praxis_dev.testing.personal_data_scan import scan_database

REF, NAME = "S-2024-0042", "Zoë Quarantotto"
T0 = datetime.now(UTC) - timedelta(days=1)


def admin(org: str, kind: str, role: str) -> Principal:
    return Principal(sub=f"{org}-{role}", org=org, org_kind=kind, roles=frozenset({role}))


async def credential_of(uow, custody, school: str, *, revoke: bool) -> credentials.Credential:
    placement_id = str(uuid.uuid4())
    passed = Passed(
        kind=Kind.PLACEMENT,
        source_id=placement_id,
        school_org=school,
        enterprise_org="acme",
        student_ref=REF,
        title="Store operations intern",
        passed=True,
        credits=Decimal(4),
    )
    await facts.record_passed(passed, updated_at=T0, uow=uow)
    ask = credentials.RequestCredential(Kind.PLACEMENT, placement_id, student_name=NAME)
    c = await credentials.request_credential(ask, admin(school, "school", "admin"), uow=uow, custody=custody)
    c = await credentials.countersign(c.id, admin("acme", "enterprise", "hr"), uow=uow, custody=custody)
    if revoke:
        c = await credentials.revoke(
            credentials.EndCredential(c.id, "issued in error"), admin(school, "school", "admin"), uow=uow
        )
    return c


async def test_the_student_is_erased_and_what_verifiers_rely_on_stays(uow, database_url):
    store = KeyStore(DEV_KEY_ENCRYPTION_KEY)
    custody = Custody(seal=store.seal, open=store.open, public_url="https://praxis.example.edu")
    kept = await credential_of(uow, custody, "sz-poly", revoke=True)
    other = await credential_of(uow, custody, "gz-tech", revoke=False)  # another school's student, the same ref
    # Each school also recorded a badge the student presented (its copy names them): the one they sent sz-poly.
    for school in ("sz-poly", "gz-tech"):
        await brought_in.present_badge(
            brought_in.PresentBadge(REF, json.dumps(other.secured)),
            admin(school, "school", "admin"),
            uow=uow,
            custody=custody,
        )
    assert (await public.verification_of(other.id, uow=uow, custody=custody)).valid

    request = ErasureRequest(uuid.uuid4(), "sz-poly", REF)
    changed = await kernel_erase(uow, erase_student, request)

    assert {k: v for k, v in changed.items() if k in ("achievement", "credential", "recorded_achievement")} == {
        "achievement": 1,
        "credential": 1,
        "recorded_achievement": 1,
    }
    hits = await scan_database(database_url, [REF, NAME])
    assert not [h for h in hits if h.table == "public.outbox" and h.needle != REF], hits
    left = sorted({(h.table, h.needle) for h in hits if h.table != "public.outbox"})
    # the other school's student's rows
    assert left == [("public.achievement", REF), ("public.credential", REF), ("public.recorded_achievement", REF)]
    # The name is inside the stored credentials' base64 payloads, out of the scan's sight: read them.
    async with uow() as u:
        stored = [await u.credentials.get(c.id) for c in (kept, other)]
    payloads = [base64.urlsafe_b64decode(c.secured["payload"] + "==") if c.secured else b"" for c in stored]
    assert NAME.encode() not in payloads[0] and NAME.encode() in payloads[1]
    erased_records, _ = await brought_in.list_recorded(
        brought_in.ListRecorded(request.pseudonym), admin("sz-poly", "school", "admin"), uow=uow
    )
    assert [r.presented for r in erased_records] == [None]  # the presented copy (naming the student) is gone
    async with uow() as u:
        erased = await u.credentials.get(kept.id)
        untouched = await u.credentials.get(other.id)
    assert (erased.student_ref, erased.secured, erased.stage) == (request.pseudonym, {}, Stage.REVOKED)
    assert erased.status_index == kept.status_index
    assert untouched.secured == other.secured and untouched.student_ref == REF
    async with uow() as u:
        assert kept.status_index in await u.credentials.revoked_indexes("sz-poly")  # still revoked for verifiers
    with pytest.raises(NotFound):
        await public.verification_of(kept.id, uow=uow, custody=custody)
    with pytest.raises(NotFound):
        await credentials.download(kept.id, admin("sz-poly", "school", "admin"), uow=uow)

    assert set((await kernel_erase(uow, erase_student, request)).values()) == {0}
    # Asked again after the erasure, the pseudonymised achievement gives no new credential naming the student.
    with pytest.raises(NotFound):
        await credentials.request_credential(
            credentials.RequestCredential(Kind.PLACEMENT, kept.source_id, student_name=NAME),
            admin("sz-poly", "school", "admin"),
            uow=uow,
            custody=custody,
        )
