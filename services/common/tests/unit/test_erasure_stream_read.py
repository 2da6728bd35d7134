"""The scrub's read of a stream (praxis_common.erasure.read_retained): it ends at the last message there was when it
began, or at one with nothing pending after it; a read that times out before then is an error (the erasure request
is redelivered), never taken for "read everything"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from praxis_common.erasure import StreamNotRead, read_retained


def _msg(seq: int, pending: int):
    return SimpleNamespace(metadata=SimpleNamespace(sequence=SimpleNamespace(stream=seq), num_pending=pending))


def _delivering(*msgs):
    """An ordered consumer that delivers `msgs`, then stalls (every further read times out)."""
    queue = list(msgs)

    async def next_msg(timeout: float):
        if not queue:
            raise TimeoutError
        return queue.pop(0)

    return next_msg


async def _read(next_msg, last_seq: int) -> list[int]:
    return [m.metadata.sequence.stream async for m in read_retained(next_msg, last_seq)]


async def test_a_read_that_stalls_before_the_last_message_fails_instead_of_confirming():
    with pytest.raises(StreamNotRead):
        await _read(_delivering(_msg(1, 2), _msg(2, 1)), last_seq=3)


async def test_a_read_ends_at_the_last_sequence_or_when_nothing_is_pending():
    assert await _read(_delivering(_msg(1, 2), _msg(2, 1), _msg(3, 0)), last_seq=3) == [1, 2, 3]
    # the last messages were deleted meanwhile: the last one delivered has nothing pending after it
    assert await _read(_delivering(_msg(1, 1), _msg(2, 0)), last_seq=5) == [1, 2]
    # published after the read began: not read
    assert await _read(_delivering(_msg(1, 5), _msg(2, 4)), last_seq=1) == [1]
