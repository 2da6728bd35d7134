"""The CloudEvents envelope and the relay's back-off."""

from __future__ import annotations

import pytest

from praxis.events.v1 import agreements_pb2
from praxis_common.errors import InvalidInput
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.outbox import MAX_BACKOFF_SECONDS, backoff_seconds


def test_outbox_row_round_trips_through_the_envelope():
    payload = agreements_pb2.AgreementActivated(agreement_id="a1", school_org="s", enterprise_org="e", intern_quota=3)
    e = IntegrationEvent(
        source="internships",
        topic="internships.agreement.activated",
        aggregate_type="agreement",
        aggregate_id="a1",
        payload=payload,
    )
    row = e.outbox_row("praxis")
    assert row["subject"] == "praxis.internships.agreement.activated"
    h = row["headers"]
    assert h["Nats-Msg-Id"] == h["ce-id"] == str(e.id)
    assert h["ce-type"] == "praxis.internships.agreement.activated.v1"
    assert h["ce-source"] == "/praxis/internships" and h["ce-subject"] == "agreement/a1"
    assert h["ce-specversion"] == "1.0" and h["content-type"] == "application/json"
    received = ReceivedEvent.from_message(h, row["payload"])
    assert received.parse(agreements_pb2.AgreementActivated) == payload


def test_envelope_without_cloudevents_attributes_is_refused():
    with pytest.raises(InvalidInput):
        ReceivedEvent.from_message({"ce-id": "1"}, b"{}")


def test_bad_payload_is_refused():
    received = ReceivedEvent.from_message({"ce-id": "1", "ce-type": "t", "ce-source": "s"}, b"{not json")
    with pytest.raises(InvalidInput):
        received.parse(agreements_pb2.AgreementActivated)


def test_backoff_grows_and_is_capped_below_the_duplicate_window():
    from praxis_common.jetstream import DUPLICATE_WINDOW_SECONDS

    delays = [backoff_seconds(n) for n in range(20)]
    assert delays == sorted(delays) and delays[0] < 1
    assert max(delays) == MAX_BACKOFF_SECONDS < DUPLICATE_WINDOW_SECONDS
