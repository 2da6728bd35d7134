"""Action links: signed, expiring tokens that let one named person take one action from an e-mail, without a session.

A link token is a JWT (HS256, audience `praxis-action-link`) under a secret shared by the service that acts on it
(internships) and the ones that put links in mails (notifications): `issue` mints one, `verify` checks one. Both
are plain functions of the secret and the time, so any holder of the secret mints the same kind of token and a
test mints expired ones. Single use is not the token's business: the service that acts records the `jti` in the
transaction of the action (docs/action-links.md).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import jwt
from pydantic import SecretStr

AUDIENCE = "praxis-action-link"
ALGORITHM = "HS256"
DEFAULT_TTL = timedelta(days=7)
MIN_SECRET_LENGTH = 32  # HS256 keys shorter than the hash are weak (RFC 7518 §3.2)
MAX_TOKEN_LENGTH = 2000  # a link's token is ~400 characters; anything much longer is not one of ours
Action = Literal["approve_week", "attest_week"]
ACTIONS: tuple[Action, ...] = ("approve_week", "attest_week")
_CLAIMS = ("action", "org", "placement_id", "week_start", "mentor_id", "jti", "iat", "exp", "aud")


class LinkInvalid(Exception):
    """Not a link this secret signed for this audience, or not a well-formed one: as if it did not exist."""


class LinkExpired(Exception):
    """A genuine link whose time is over."""

    def __init__(self, link: ActionLink) -> None:
        super().__init__(f"the link expired at {link.expires_at.isoformat()}")
        self.link = link


@dataclass(frozen=True)
class ActionLink:
    """What a link lets its holder do: `action` on the `week_start` week of a placement, as the enterprise (`org`)
    mentor `mentor_id`."""

    action: Action
    org: str
    placement_id: uuid.UUID
    week_start: date
    mentor_id: uuid.UUID
    jti: uuid.UUID
    issued_at: datetime
    expires_at: datetime


def issue(
    secret: str,
    *,
    action: Action,
    org: str,
    placement_id: uuid.UUID,
    week_start: date,
    mentor_id: uuid.UUID,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
    jti: uuid.UUID | None = None,
) -> str:
    """A link token for one action; a fresh `jti` unless one is given. A negative `ttl` mints an expired link."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    _check_secret(secret)
    claims = {
        "action": action,
        "org": org,
        "placement_id": str(placement_id),
        "week_start": week_start.isoformat(),
        "mentor_id": str(mentor_id),
        "jti": str(jti or uuid.uuid4()),
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "aud": AUDIENCE,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify(secret: str, token: str, *, now: datetime) -> ActionLink:
    """The link a token carries; LinkInvalid for a forged, altered, foreign or malformed token, LinkExpired (only
    once the signature holds) for one whose `exp` is past at `now`."""
    _check_secret(secret)
    if len(token) > MAX_TOKEN_LENGTH:
        raise LinkInvalid("not an action link")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            options={"require": list(_CLAIMS), "verify_exp": False, "verify_iat": False},
        )
        link = ActionLink(
            action=_action(claims["action"]),
            org=_text(claims["org"]),
            placement_id=uuid.UUID(_text(claims["placement_id"])),
            week_start=date.fromisoformat(_text(claims["week_start"])),
            mentor_id=uuid.UUID(_text(claims["mentor_id"])),
            jti=uuid.UUID(_text(claims["jti"])),
            issued_at=datetime.fromtimestamp(_number(claims["iat"]), now.tzinfo),
            expires_at=datetime.fromtimestamp(_number(claims["exp"]), now.tzinfo),
        )
    except (jwt.InvalidTokenError, ValueError, TypeError, OverflowError, OSError) as exc:
        raise LinkInvalid("not an action link") from exc
    if link.expires_at <= now:
        raise LinkExpired(link)
    return link


def _check_secret(secret: str) -> None:
    if len(secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"an action link secret has at least {MIN_SECRET_LENGTH} characters")


def _action(value: object) -> Action:
    if value not in ACTIONS:
        raise ValueError("unknown action")
    return value  # type: ignore[return-value]


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("a claim that should be text is not")
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("a time claim is not a whole number of seconds")
    return value


def secret_setting(value: SecretStr | None) -> SecretStr | None:
    """The check of an `ACTION_LINK_SECRET` setting, for every service that holds one: empty (docker-compose's default)
    is none; a shorter one than MIN_SECRET_LENGTH is refused at start-up, not at the first link."""
    if value is not None and not value.get_secret_value():
        return None
    if value is not None and len(value.get_secret_value()) < MIN_SECRET_LENGTH:
        raise ValueError(f"at least {MIN_SECRET_LENGTH} random characters (e.g. `openssl rand -hex 32`)")
    return value
