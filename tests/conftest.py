"""Fixtures for cross-service tests: the three services as real processes on real servers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from praxis_common.testing.stack import Stack


@pytest.fixture(scope="module")
def stack(nats_server, event_prefix, database_factory, tmp_path_factory) -> Iterator[Stack]:
    s = Stack(nats_server.url, event_prefix, tmp_path_factory.mktemp("stack"), database_factory)
    try:
        yield s.start()
    finally:
        s.stop()
