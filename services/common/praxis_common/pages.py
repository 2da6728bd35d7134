"""Keyset pagination shared by every list: signed page tokens carrying the sort key of a page's last item.

Every list answers one shape, `{items, next_page_token}` (gRPC: the resource's repeated field and
`next_page_token`), and takes `page_size` and `page_token`. A token is `base64url(key).base64url(mac)`: the key
as JSON and an HMAC-SHA256 of it under the service's `<PREFIX>PAGE_TOKEN_SECRET`, so a client can neither forge
a token nor alter one (both are a 422 `invalid page token`). Every process of a service must share the secret,
since a client may send the next request to another replica; `configure` installs it at start-up.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from praxis_common.errors import FieldError, InvalidInput

T = TypeVar("T")
KeyPart = str | int | datetime | date | uuid.UUID

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# The longest token a list accepts: a key of two long strings (school, student_ref) fits with room to spare.
MAX_TOKEN_LENGTH = 600
# The embedded and test default; `prod` refuses to start without a secret of its own (settings.py).
DEV_SECRET = "praxis-dev-page-token-secret"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAC_BYTES = 16  # 128 bits: forging needs 2**128 tries
_secret = DEV_SECRET.encode()


class Page(BaseModel, Generic[T]):
    """The page shape of every REST list; subclass it per item type (`class BasePage(Page[BaseRead]): ...`) so
    the OpenAPI document names it."""

    items: list[T]
    next_page_token: str | None = Field(
        description="Pass as page_token for the next page; null on the last page. Signed: a token altered or made "
        "up is refused (422)"
    )


def configure(secret: str) -> None:
    """Sign and verify tokens with this secret from now on (called once per process, from the settings)."""
    global _secret
    _secret = secret.encode()


def _mac(payload: bytes) -> bytes:
    return hmac.new(_secret, payload, hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _dump(part: KeyPart) -> str | int:
    if isinstance(part, datetime):
        return (part - _EPOCH) // timedelta(microseconds=1)  # exact, unlike float timestamps
    if isinstance(part, date):
        return part.isoformat()
    if isinstance(part, uuid.UUID):
        return str(part)
    return part


def _load(value: object, kind: type) -> KeyPart:
    if kind is datetime and type(value) is int:
        return _EPOCH + timedelta(microseconds=value)
    if kind is uuid.UUID and isinstance(value, str):
        return uuid.UUID(value)
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind in (str, int) and type(value) is kind:
        return value
    raise ValueError(f"not a {kind.__name__}")


def invalid_token() -> InvalidInput:
    return InvalidInput(
        "invalid page token", errors=[FieldError("page_token", "not a token this list issued, or altered")]
    )


def encode_page_token(*key: KeyPart) -> str:
    payload = json.dumps([_dump(p) for p in key], separators=(",", ":")).encode()
    return f"{_b64(payload)}.{_b64(_mac(payload))}"


def decode_page_token(token: str, *kinds: type) -> tuple:
    """The key a token carries, each part of the given kind (default: a timestamp and a UUID). A token this
    service did not sign, or one altered, is a 422 `invalid page token`."""
    kinds = kinds or (datetime, uuid.UUID)
    try:
        payload_text, _, mac_text = token.partition(".")
        payload = _unb64(payload_text)
        if not hmac.compare_digest(_unb64(mac_text), _mac(payload)):
            raise ValueError("bad signature")
        values = json.loads(payload)
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError("wrong shape")
        return tuple(_load(v, k) for v, k in zip(values, kinds, strict=True))
    except (ValueError, TypeError, UnicodeDecodeError, OverflowError, binascii.Error) as exc:
        raise invalid_token() from exc


def page_size(requested: int | None, *, default: int = DEFAULT_PAGE_SIZE, most: int = MAX_PAGE_SIZE) -> int:
    """gRPC's page size: 0 (unset) is the default; otherwise 1..most, as on REST (INVALID_ARGUMENT beyond)."""
    if not requested:
        return default
    if not 1 <= requested <= most:
        raise InvalidInput(
            f"page_size must be 1 to {most}", errors=[FieldError("page_size", f"must be 1 to {most} (0: {default})")]
        )
    return requested


def next_page(rows: Sequence[T], size: int, key: Callable[[T], tuple[KeyPart, ...]]) -> tuple[list[T], str | None]:
    """A page from up to `size + 1` rows fetched in key order: the first `size`, and a token after the last of
    them when there was one more."""
    page = list(rows[:size])
    return page, (encode_page_token(*key(page[-1])) if len(rows) > size and page else None)


def page_of(
    items: Sequence[T],
    size: int,
    token: str | None,
    key: Callable[[T], tuple[KeyPart, ...]],
    *kinds: type,
) -> tuple[list[T], str | None]:
    """A page of a list already in memory and sorted ascending by `key` (a short list, e.g. one assignment's
    history): the items after the token's key."""
    rest = items
    if token:
        after = decode_page_token(token, *kinds)
        rest = [item for item in items if key(item) > after]
    return next_page(rest, size, key)
