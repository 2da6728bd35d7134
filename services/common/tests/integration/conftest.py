"""The kernel fixtures of the outbox and inbox tests: a test database with an outbox, an inbox and the applied table,
on the session's NATS or on a NATS a test may stop and restart."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from praxis_kernel_harness import Kernel, kernel


@pytest.fixture
async def k(database_factory, nats_server) -> AsyncIterator[Kernel]:
    async with kernel(database_factory("kernel"), nats_server.url) as env:
        yield env


@pytest.fixture
async def k_restartable(database_factory, restartable_nats) -> AsyncIterator[tuple[Kernel, object]]:
    async with kernel(database_factory("kernel"), restartable_nats.url) as env:
        yield env, restartable_nats
