"""Action link tokens: what one secret issues it verifies, until its expiry; anything forged, altered, signed for
another audience or with another secret, or not a link at all, is invalid (and never reported as merely expired)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, date, datetime, timedelta

import jwt
import pytest

from praxis_common import action_links
from praxis_common.action_links import LinkExpired, LinkInvalid, issue, verify

SECRET = "s" * 64
NOW = datetime(2030, 3, 8, 12, tzinfo=UTC)
PLACEMENT, MENTOR = uuid.uuid4(), uuid.uuid4()


def mint(**overrides) -> str:
    fields = dict(
        action="approve_week",
        org="ent-1",
        placement_id=PLACEMENT,
        week_start=date(2030, 3, 4),
        mentor_id=MENTOR,
        now=NOW,
    )
    return issue(SECRET, **{**fields, **overrides})


def test_a_link_verifies_to_what_it_was_issued_for_until_it_expires():
    jti = uuid.uuid4()
    link = verify(SECRET, mint(jti=jti, ttl=timedelta(days=7)), now=NOW + timedelta(days=6, hours=23))
    assert (link.action, link.org, link.placement_id, link.week_start, link.mentor_id, link.jti) == (
        "approve_week",
        "ent-1",
        PLACEMENT,
        date(2030, 3, 4),
        MENTOR,
        jti,
    )
    assert link.expires_at == NOW + timedelta(days=7)
    with pytest.raises(LinkExpired) as expired:
        verify(SECRET, mint(ttl=timedelta(days=7)), now=NOW + timedelta(days=7))
    assert expired.value.link.placement_id == PLACEMENT
    assert mint() != mint()  # each link has its own jti


def test_a_forged_or_altered_link_is_invalid_even_when_it_would_have_expired():
    token = mint(ttl=timedelta(seconds=-1))  # expired, and genuine
    with pytest.raises(LinkExpired):
        verify(SECRET, token, now=NOW)
    head, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["org"] = "ent-2"
    altered = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    for bad in (
        f"{head}.{altered}.{signature}",  # another enterprise, same signature
        f"{head}.{body}.{flipped}",
        mint(ttl=timedelta(seconds=-1)).replace(".", ".x", 1),
        issue(
            "t" * 40,
            action="approve_week",
            org="ent-1",
            placement_id=PLACEMENT,
            week_start=date(2030, 3, 4),
            mentor_id=MENTOR,
            now=NOW,
        ),  # another secret
        "",
        "not-a-token",
        "a" * (action_links.MAX_TOKEN_LENGTH + 1),
    ):
        with pytest.raises(LinkInvalid):
            verify(SECRET, bad, now=NOW - timedelta(days=1))


def test_a_token_for_another_audience_or_algorithm_or_missing_a_claim_is_invalid():
    claims = {
        "action": "approve_week",
        "org": "ent-1",
        "placement_id": str(PLACEMENT),
        "week_start": "2030-03-04",
        "mentor_id": str(MENTOR),
        "jti": str(uuid.uuid4()),
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(days=1)).timestamp()),
        "aud": action_links.AUDIENCE,
    }
    assert verify(SECRET, jwt.encode(claims, SECRET, algorithm="HS256"), now=NOW).org == "ent-1"
    bad = [
        {**claims, "aud": "praxis"},  # a sign-in token's audience
        {k: v for k, v in claims.items() if k != "aud"},
        {k: v for k, v in claims.items() if k != "mentor_id"},
        {**claims, "action": "delete_everything"},
        {**claims, "placement_id": "not-a-uuid"},
        {**claims, "week_start": 20300304},
        {**claims, "exp": "tomorrow"},
    ]
    for c in bad:
        with pytest.raises(LinkInvalid):
            verify(SECRET, jwt.encode(c, SECRET, algorithm="HS256"), now=NOW)
    with pytest.raises(LinkInvalid):
        verify(SECRET, jwt.encode(claims, SECRET, algorithm="HS512"), now=NOW)
    unsigned = jwt.encode(claims, None, algorithm="none")
    with pytest.raises(LinkInvalid):
        verify(SECRET, unsigned, now=NOW)


def test_a_short_secret_or_an_unknown_action_is_refused_when_issuing():
    with pytest.raises(ValueError, match="32"):
        issue(
            "short",
            action="approve_week",
            org="o",
            placement_id=PLACEMENT,
            week_start=NOW.date(),
            mentor_id=MENTOR,
            now=NOW,
        )
    with pytest.raises(ValueError, match="unknown action"):
        mint(action="delete_everything")
