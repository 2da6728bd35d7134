"""Dead-lettered events, for the operator: read them from the dead-letter stream and send them back.

A consumer dead-letters an event (consumer.py) by publishing it to `<prefix>.dlq.<service>.<durable>` with its
CloudEvents headers and two of its own: `praxis-dlq-subject` (where it came from) and `praxis-dlq-reason`. The
stream keeps the letters for the stream's max age (30 days). A letter is named by its sequence in that stream.

Replaying a letter publishes the event again to its original subject, under a message id of its own (the
original's is inside the producer stream's duplicate window for ten minutes, so reusing it would be dropped), then
deletes the letter. Every consumer of that subject receives it again; the ones that applied it already find its id
in their inbox and skip it, so only the consumer that failed applies it, once. If it fails again it is
dead-lettered again, as a new letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nats.js.errors import NotFoundError

from praxis_common.jetstream import Bus, dead_letter_stream, stream_name

SUBJECT_HEADER = "praxis-dlq-subject"
REASON_HEADER = "praxis-dlq-reason"
REPLAYED_HEADER = "praxis-replayed-from"
PUBLISH_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class DeadLetter:
    seq: int  # its sequence in the dead-letter stream: the id `praxis dlq replay` takes
    time: datetime  # when it was dead-lettered
    service: str  # the consuming service that gave up on it
    durable: str  # its consumer
    subject: str  # the subject it was published to (without change: the deployment prefix included)
    event_id: str | None
    event_type: str | None
    reason: str
    headers: dict[str, str]
    data: bytes

    def as_dict(self) -> dict:
        return {
            "id": self.seq,
            "time": self.time.isoformat(),
            "service": self.service,
            "consumer": self.durable,
            "subject": self.subject,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "reason": self.reason,
            "size": len(self.data),
        }


class NoSuchLetter(LookupError):
    pass


def _letter(prefix: str, msg) -> DeadLetter:
    headers = dict(msg.headers or {})
    # <prefix>.dlq.<service>.<durable>; the prefix may itself hold dots
    service, _, durable = msg.subject[len(f"{prefix}.dlq.") :].partition(".")
    return DeadLetter(
        seq=msg.seq,
        time=msg.time,
        service=service,
        durable=durable,
        subject=headers.get(SUBJECT_HEADER, "?"),
        event_id=headers.get("ce-id"),
        event_type=headers.get("ce-type"),
        reason=headers.get(REASON_HEADER, ""),
        headers=headers,
        data=msg.data or b"",
    )


async def list_letters(
    bus: Bus, prefix: str, *, service: str | None = None, since: datetime | None = None, limit: int | None = None
) -> list[DeadLetter]:
    """The letters (of one consuming service, dead-lettered at or after `since`), oldest first, at most `limit`."""
    assert bus.js is not None
    stream = dead_letter_stream(prefix)
    try:
        state = (await bus.js.stream_info(stream)).state
    except NotFoundError:
        return []  # no consumer has provisioned it yet: nothing was ever dead-lettered
    subject = f"{prefix}.dlq.{service}.>" if service else f"{prefix}.dlq.>"
    letters: list[DeadLetter] = []
    seq = state.first_seq
    while limit is None or len(letters) < limit:
        try:
            msg = await bus.js.get_msg(stream, seq=seq, subject=subject, next=True)
        except NotFoundError:
            break  # no letter at or after seq
        if since is None or msg.time >= since:
            letters.append(_letter(prefix, msg))
        seq = msg.seq + 1
    return letters


async def get_letter(bus: Bus, prefix: str, seq: int) -> DeadLetter:
    assert bus.js is not None
    try:
        msg = await bus.js.get_msg(dead_letter_stream(prefix), seq=seq)
    except NotFoundError:
        raise NoSuchLetter(f"no dead letter {seq} (replayed already, expired, or never there)") from None
    return _letter(prefix, msg)


def replay_subject(prefix: str, letter: DeadLetter) -> str:
    """Where the letter goes back to; refused unless it is a producer's subject of this deployment (a letter
    with a forged or missing subject must not be published anywhere)."""
    subject = letter.subject
    head, _, rest = subject.partition(f"{prefix}.")
    if head or not rest or rest.startswith("dlq."):
        raise ValueError(f"dead letter {letter.seq} names no subject of this deployment: {subject!r}")
    return subject


async def replay(bus: Bus, prefix: str, letter: DeadLetter) -> str:
    """Publish the letter's event to its original subject, then delete the letter. The subject it went to."""
    assert bus.js is not None
    subject = replay_subject(prefix, letter)
    headers = {k: v for k, v in letter.headers.items() if k not in (SUBJECT_HEADER, REASON_HEADER)}
    # One message id per letter: a replay retried after a lost ack is dropped by the stream's duplicate window.
    headers["Nats-Msg-Id"] = f"{letter.event_id or 'event'}.replay.{stream_name(prefix, 'dlq')}.{letter.seq}"
    headers[REPLAYED_HEADER] = str(letter.seq)
    await bus.publish(subject, letter.data, headers=headers, timeout=PUBLISH_TIMEOUT_SECONDS)
    await bus.js.delete_msg(dead_letter_stream(prefix), letter.seq)
    return subject
