"""Page tokens: what a token carries comes back only from a token this deployment signed, unaltered."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from praxis_common import pages
from praxis_common.errors import InvalidInput
from praxis_common.settings import ServiceSettings


@pytest.fixture(autouse=True)
def secret():
    pages.configure("a-test-secret-of-more-than-32-characters")
    yield
    pages.configure(pages.DEV_SECRET)


def test_a_token_carries_its_key_back():
    at, ident = datetime(2027, 3, 1, 9, 30, 0, 123456, tzinfo=UTC), uuid.uuid4()
    assert pages.decode_page_token(pages.encode_page_token(at, ident)) == (at, ident)
    key = ("gdpi", "2024-ECOM-0317", 7, date(2027, 3, 1))
    assert pages.decode_page_token(pages.encode_page_token(*key), str, str, int, date) == key


@pytest.mark.parametrize(
    "token",
    [
        base64.urlsafe_b64encode(f"0|{uuid.UUID(int=0)}".encode()).decode(),  # the unsigned format of before
        "not-a-token",
        "",
        ".",
    ],
)
def test_a_token_not_signed_here_is_refused(token):
    with pytest.raises(InvalidInput) as refused:
        pages.decode_page_token(token)
    assert refused.value.detail == "invalid page token" and refused.value.errors[0].field == "page_token"


def test_an_altered_token_or_another_deployments_is_refused():
    token = pages.encode_page_token(datetime.now(UTC), uuid.uuid4())
    payload, _, mac = token.partition(".")
    forged = base64.urlsafe_b64encode(b'[0,"00000000-0000-0000-0000-000000000000"]').decode().rstrip("=")
    # Altered: the first character of the signature (the last one can differ in padding bits only, decoding the same).
    altered = ("B" if mac[0] == "A" else "A") + mac[1:]
    for bad in (f"{forged}.{mac}", f"{payload}.{altered}"):
        with pytest.raises(InvalidInput):
            pages.decode_page_token(bad)
    pages.configure("another-deployment-another-secret-0123456789")
    with pytest.raises(InvalidInput):
        pages.decode_page_token(token)
    with pytest.raises(InvalidInput):  # the right signature, but not the kinds this list pages by
        pages.decode_page_token(pages.encode_page_token("a", "b"))


def test_a_page_of_a_list_in_memory_resumes_after_the_token():
    items = list(range(7))
    first, token = pages.page_of(items, 3, None, lambda n: (n,), int)
    second, token2 = pages.page_of(items, 3, token, lambda n: (n,), int)
    last, end = pages.page_of(items, 3, token2, lambda n: (n,), int)
    assert (first, second, last, end) == ([0, 1, 2], [3, 4, 5], [6], None)


class _Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PAGETEST_", extra="ignore")

    http_port: int = 1
    grpc_port: int = 2


def test_prod_refuses_to_start_without_a_page_token_secret(tmp_path):
    (tmp_path / "nats").write_text("n" * 40)
    common = {"database_url": "postgresql+asyncpg://x@h/db", "jwt_public_key": "k", "jwt_issuer": "https://idp"}
    common |= {"nats_user": "pagetest", "nats_password_file": tmp_path / "nats"}
    with pytest.raises(ValidationError, match="PAGETEST_PAGE_TOKEN_SECRET"):
        _Settings(environment="prod", **common)
    with pytest.raises(ValidationError, match="PAGETEST_PAGE_TOKEN_SECRET"):
        _Settings(environment="prod", page_token_secret="short", **common)
    ok = _Settings(environment="prod", page_token_secret="s" * 32, **common)
    assert ok.page_token_key() == "s" * 32
    assert _Settings(**common).page_token_key() == pages.DEV_SECRET  # dev and test: the development secret
