"""What every use case is given: a factory of units of work and a clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from praxis_common.db import UnitOfWork

Clock = Callable[[], datetime]
UowFactory = Callable[[], UnitOfWork]


def utc_clock() -> datetime:
    return datetime.now(UTC)
