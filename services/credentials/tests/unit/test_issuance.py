"""A credential's life (requested and signed by the school, countersigned or declined by the enterprise, revoked by
either) and who may see it or act on it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from credentials import policy
from credentials.domain.issuance import Credential, CredentialEnded, CredentialIssued, Passed, Stage
from credentials.domain.open_badges import Kind
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound

NOW = datetime(2026, 7, 1, tzinfo=UTC)


def passed(ok: bool = True) -> Passed:
    return Passed(
        kind=Kind.PLACEMENT,
        source_id="p-1",
        school_org="sz-poly",
        enterprise_org="acme",
        student_ref="S-42",
        title="Store operations intern",
        passed=ok,
        credits=Decimal("4"),
    )


def requested() -> Credential:
    return Credential.request(
        passed(),
        credential_id=uuid.uuid4(),
        status_index=9,
        secured={"signatures": [1]},
        by="t-admin",
        now=NOW,
        live=False,
    )


def who(org: str, kind: str, *roles: str, sub: str = "u") -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset(roles))


def test_only_a_passed_achievement_without_a_live_credential_gets_one():
    with pytest.raises(Conflict, match="not passed"):
        Credential.request(
            passed(False), credential_id=uuid.uuid4(), status_index=1, secured={}, by="a", now=NOW, live=False
        )
    with pytest.raises(Conflict, match="already has a credential"):
        Credential.request(passed(), credential_id=uuid.uuid4(), status_index=1, secured={}, by="a", now=NOW, live=True)
    c = requested()
    assert c.stage is Stage.AWAITING_COUNTERSIGNATURE and not c.revoked


def test_countersigned_once_it_is_issued():
    c = requested()
    c.pull_events()
    c.countersign({"signatures": [1, 2]}, by="e-hr", now=NOW)
    assert c.stage is Stage.ISSUED and c.countersigned_by == "e-hr" and c.secured == {"signatures": [1, 2]}
    assert [type(e) for e in c.pull_events()] == [CredentialIssued]
    with pytest.raises(Conflict, match="not awaiting"):
        c.countersign({}, by="e-hr", now=NOW)
    with pytest.raises(Conflict, match="not awaiting"):
        c.decline(by="e-hr", reason="no", now=NOW)


def test_declined_or_revoked_with_a_reason_and_then_it_no_longer_stands():
    c = requested()
    with pytest.raises(InvalidInput):
        c.decline(by="e-hr", reason="   ", now=NOW)
    with pytest.raises(InvalidInput):
        c.decline(by="e-hr", reason="x" * 501, now=NOW)
    c.decline(by="e-hr", reason="  the  hours are wrong ", now=NOW)
    assert c.stage is Stage.DECLINED and c.revoked and c.end_reason == "the hours are wrong"
    assert c.ended_for == "enterprise"

    issued = requested()
    issued.countersign({}, by="e-hr", now=NOW)
    issued.pull_events()
    issued.revoke(party="enterprise", by="e-hr", reason="misconduct found later", now=NOW)
    assert issued.stage is Stage.REVOKED and issued.revoked and issued.ended_for == "enterprise"
    assert [type(e) for e in issued.pull_events()] == [CredentialEnded]
    with pytest.raises(Conflict, match="only an issued credential"):
        issued.revoke(party="school", by="t-admin", reason="again", now=NOW)


def test_the_school_may_take_back_its_request_the_enterprise_declines_it():
    c = requested()
    with pytest.raises(Conflict):
        c.revoke(party="enterprise", by="e-hr", reason="no", now=NOW)
    c.revoke(party="school", by="t-admin", reason="grade amended", now=NOW)
    assert c.stage is Stage.REVOKED and c.ended_for == "school"


@pytest.mark.parametrize(
    ("principal", "sees"),
    [
        (who("sz-poly", "school", "admin"), True),
        (who("sz-poly", "school", "teacher"), True),
        (who("sz-poly", "school", "student", sub="S-42"), True),
        (who("sz-poly", "school", "student", sub="S-43"), False),
        (who("acme", "enterprise", "mentor"), True),
        (who("acme", "enterprise", "integration"), False),
        (who("other-school", "school", "admin"), False),
        (who("other-co", "enterprise", "admin"), False),
        (who("acme", "school", "admin"), False),  # a school named like the enterprise is not it
        (who("sz-poly", "enterprise", "admin"), False),
        (who("sz-poly", "platform", "ops"), False),
    ],
)
def test_only_the_parties_see_a_credential(principal, sees):
    c = requested()
    assert policy.may_see(principal, c) is sees
    if not sees:
        with pytest.raises(NotFound):
            policy.visible(principal, c)


def test_each_party_signs_for_itself_with_a_signing_role():
    c = requested()
    policy.require_signer(who("sz-poly", "school", "admin"), c, "school")
    policy.require_signer(who("acme", "enterprise", "hr"), c, "enterprise")
    with pytest.raises(Forbidden):
        policy.require_signer(who("sz-poly", "school", "coordinator"), c, "school")
    with pytest.raises(Forbidden):
        policy.require_signer(who("acme", "enterprise", "mentor"), c, "enterprise")
    with pytest.raises(Forbidden):
        policy.require_signer(who("sz-poly", "school", "admin"), c, "enterprise")  # a school never countersigns
    with pytest.raises(NotFound):
        policy.require_signer(who("other-co", "enterprise", "admin"), c, "enterprise")  # not the host: no such thing
