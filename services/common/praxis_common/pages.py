"""Opaque cursor tokens for keyset pagination: (timestamp, id) of the last item of a page, shared by the
services' list endpoints."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta

from praxis_common.errors import FieldError, InvalidInput

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def encode_page_token(at: datetime, ident: uuid.UUID) -> str:
    micros = (at - _EPOCH) // timedelta(microseconds=1)  # exact, unlike float timestamps
    return base64.urlsafe_b64encode(f"{micros}|{ident}".encode()).decode()


def decode_page_token(token: str) -> tuple[datetime, uuid.UUID]:
    try:
        micros, _, ident = base64.urlsafe_b64decode(token.encode()).decode().partition("|")
        return _EPOCH + timedelta(microseconds=int(micros)), uuid.UUID(ident)
    except (ValueError, UnicodeDecodeError, OverflowError, OSError) as exc:
        raise InvalidInput("bad page token", errors=[FieldError("page_token", "not a token this API issued")]) from exc
