"""Settings refuse at start-up what would fail later: a short action link secret (every logbook reminder would fail
to render and be retried for a day), and in prod the development unsubscribe secret (anyone could unsubscribe anyone)."""

import pytest
from pydantic import ValidationError

from notifications.config import DEV_UNSUBSCRIBE_SECRET, Settings

BASE = {"database_url": "postgresql+asyncpg://x/y", "jwt_public_key": "unused-here"}


def test_an_action_link_secret_is_long_enough_or_none():
    assert Settings(**BASE, action_link_secret="").action_link_secret is None
    assert Settings(**BASE, action_link_secret="k" * 32).action_link_secret.get_secret_value() == "k" * 32
    with pytest.raises(ValidationError, match="at least 32 random characters"):
        Settings(**BASE, action_link_secret="short")


@pytest.mark.parametrize("secret", [None, "s" * 31, DEV_UNSUBSCRIBE_SECRET])
def test_prod_refuses_a_missing_short_or_development_unsubscribe_secret(secret, tmp_path):
    (tmp_path / "nats").write_text("n" * 40)
    prod = {**BASE, "environment": "prod", "jwt_issuer": "https://idp.example", "page_token_secret": "p" * 40}
    prod |= {"nats_user": "notifications", "nats_password_file": tmp_path / "nats"}
    with pytest.raises(ValidationError, match="NOTIFICATIONS_UNSUBSCRIBE_SECRET"):
        Settings(**prod, unsubscribe_secret=secret)
    assert Settings(**prod, unsubscribe_secret="u" * 40).unsubscribe_key == "u" * 40
