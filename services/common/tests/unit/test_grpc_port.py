"""A gRPC server refuses a port another server already listens on, instead of sharing it (SO_REUSEPORT)."""

from __future__ import annotations

import pytest

from praxis_common.processes import free_port
from praxis_common.rpc import GrpcServer


async def test_a_second_server_on_a_taken_port_fails_to_start():
    port = free_port()
    first, second = (GrpcServer(None, host="127.0.0.1", port=port) for _ in range(2))
    await first.start()
    try:
        with pytest.raises(OSError, match=f"cannot bind gRPC to 127.0.0.1:{port}"):
            await second.start()
    finally:
        await second.server.stop(None)
        await first.server.stop(None)
