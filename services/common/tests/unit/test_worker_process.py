"""A computation in a worker process: its own process, its own collector, its result and its refusals returned."""

from __future__ import annotations

import asyncio
import gc
import os
import time
from dataclasses import dataclass

import pytest

from praxis_common.worker_process import SLICE, in_worker_process


@dataclass(frozen=True)
class Totals:
    rows: list[tuple]
    name: str


def totals(inputs: dict) -> Totals:
    """Long lists in (in a dict) and out (in a dataclass)."""
    shared = inputs["rows"][0][1]
    return Totals([(i, ids, ids is shared) for i, ids in inputs["rows"]], inputs["name"])


def where_and_collector(n: int) -> tuple[int, bool, int]:
    return os.getpid(), gc.isenabled(), sum(range(n))


def refuse(why: str) -> None:
    raise ValueError(why)


def spin(seconds: float) -> int:
    """Pure CPU for `seconds`: holds its interpreter's GIL throughout."""
    deadline, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < deadline:
        n += 1
    return n


async def test_the_computation_runs_in_a_process_of_its_own_without_the_collector():
    gc.enable()
    pid, collecting, total = await in_worker_process(where_and_collector, 1000)
    assert (pid != os.getpid(), collecting, total) == (True, False, sum(range(1000)))
    assert gc.isenabled()  # the caller's collector untouched
    again, _, _ = await in_worker_process(where_and_collector, 1)
    assert again != pid  # a fresh process for each call: the memory a call touched goes back with it


async def test_long_lists_cross_to_the_worker_and_back_whole_and_in_order():
    ids = ["a", "b"]  # one object in every row: shared within a slice on the way
    rows = [(i, ids) for i in range(3 * SLICE + 7)]
    got = await in_worker_process(totals, {"rows": rows, "name": "round"})
    assert got.name == "round" and [(i, x) for i, x, _ in got.rows] == rows
    assert all(same for _, _, same in got.rows[:SLICE])


async def test_an_exception_in_the_computation_is_raised_to_the_caller():
    with pytest.raises(ValueError, match="inconsistent round"):
        await in_worker_process(refuse, "inconsistent round")


async def test_the_event_loop_keeps_serving_while_a_computation_runs():
    await in_worker_process(spin, 0.0)  # the fork server up (its first start is not what is measured)
    computation = asyncio.ensure_future(in_worker_process(spin, 1.5))
    longest, ticks = 0.0, 0
    while not computation.done():
        t0 = time.perf_counter()
        await asyncio.sleep(0.005)  # the loop's responsiveness is what is measured, not a wait for the worker
        longest, ticks = max(longest, time.perf_counter() - t0), ticks + 1
    assert computation.result() > 0
    assert ticks > 50 and longest < 0.25, (ticks, longest)
