"""The events the mentors service listens to, each mapped to a command and applied by its use case (through the
unit the kernel's consumer opened and claimed the event in): placements (internships) and project teams."""

from __future__ import annotations

from collections.abc import Callable

from mentors.handlers.assignments import CloseMentoring, OpenMentoring, close_mentoring, open_mentoring
from praxis_common.consumer import Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.uow import Clock, UowFactory, utc_clock

CommandOf = Callable[..., OpenMentoring | CloseMentoring | None]  # (event, *, now) -> the command, or None


def mentoring_subscription(
    durable: str, source: str, topics: list[str], command_of: CommandOf, *, clock: Clock = utc_clock
) -> Subscription:
    """A durable consumer of `source`'s events that maps each to a command and calls its use case with the unit
    the consumer opened (and claimed the event in)."""

    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        cmd = command_of(event, now=clock())
        if isinstance(cmd, OpenMentoring):
            await open_mentoring(cmd, uow=uow, clock=clock)
        elif cmd is not None:
            await close_mentoring(cmd, uow=uow, clock=clock)

    return Subscription(durable=durable, source=source, topics=topics, handler=handle)
