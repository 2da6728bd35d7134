"""Use cases of the mentors service: one async function per command or query, each in a unit of work.

REST, gRPC and the event consumer call these; they take already-validated commands and a Principal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from praxis_common.db import UnitOfWork
from praxis_common.events import IntegrationEvent

Clock = Callable[[], datetime]
UowFactory = Callable[[], UnitOfWork]


class Unit(Protocol):
    """An open transaction a use case works in: a UnitOfWork, or the event consumer's transaction."""

    session: AsyncConnection

    def emit(self, *events: IntegrationEvent) -> None: ...


def utc_clock() -> datetime:
    return datetime.now(UTC)
