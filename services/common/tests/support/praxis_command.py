"""The `praxis` command run as an operator runs it: a real process, with the environment it is given."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

# The services' variables the operator commands read: the test's own environment must not point them elsewhere.
_READ = ("NATS_URL", "EVENT_PREFIX", "DATABASE_URL")


async def praxis(*args: str, env: dict[str, str] | None = None, **more: str) -> subprocess.CompletedProcess:
    """`praxis ARGS…` with the test's environment minus the variables above, plus `env` and `more`."""
    base = {k: v for k, v in os.environ.items() if not k.endswith(_READ)}
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "praxis_common.cli", *args],
        env={**base, **(env or {}), **more},
        capture_output=True,
        text=True,
        timeout=60,
    )
