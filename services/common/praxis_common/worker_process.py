"""Long CPU-bound computations (a national round's allocation: seconds of pure Python over hundreds of megabytes of
small objects) run in a worker process of their own, one per call.

A worker thread would do the work off the event loop but not off the service: it holds the GIL between the
interpreter's switch intervals, so REST, gRPC, consumers and /healthz wait behind it; the garbage collector's
state is process-wide, so pausing it for the computation pauses it for every request; and the memory the
computation touched stays with the service's allocator afterwards. A process has its own GIL, collector and heap,
and gives the memory back to the system when it exits.

Processes come from a fork server (multiprocessing's "forkserver"): a small single-threaded process started on the
first call, which imports the computation's module once (`preload`) and forks a fresh worker for each call in
milliseconds. Forking the service itself is not safe (its other threads' locks would be copied mid-use); spawning
would re-import the module on every call. The worker runs with the cyclic collector off: it is one call long, its
objects form no cycles that outlive it, and the system takes its whole heap back when it exits.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import multiprocessing
import pickle
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")

_context = multiprocessing.get_context("forkserver")
_preloaded: set[str] = {__name__}
_lock = threading.Lock()


# Entries of a long list pickled in one call: pickling holds the GIL for the whole call (a national round's inputs,
# 0.5 s in one piece on a slow core), so long lists cross to and from the worker as slices pickled one at a time.
SLICE = 2_000


class _Slices(NamedTuple):
    pickled: list[bytes]


def _walk(value: Any, leaf: Callable[[Any], Any]) -> Any:
    """`value` with `leaf` applied at its top, to a dict's values and to a dataclass's fields."""
    if isinstance(value, dict):
        return {k: _walk(v, leaf) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: _walk(getattr(value, f.name), leaf) for f in dataclasses.fields(value)}
        )
    return leaf(value)


def _slice(value: Any) -> Any:
    if isinstance(value, list) and len(value) > SLICE:
        return _Slices(
            [pickle.dumps(value[i : i + SLICE], pickle.HIGHEST_PROTOCOL) for i in range(0, len(value), SLICE)]
        )
    return value


def _join(value: Any) -> Any:
    return [entry for piece in value.pickled for entry in pickle.loads(piece)] if isinstance(value, _Slices) else value


def _pack(value: Any) -> Any:
    """`value` with each long list in it (at its top, in a dict's values or a dataclass's fields) as pickled slices."""
    return _walk(value, _slice)


def _unpack(value: Any) -> Any:
    return _walk(value, _join)


def _run(fn: Callable[..., T], packed: tuple) -> T:
    gc.disable()  # this process lives for this one call (see the module docstring)
    return _pack(fn(*(_unpack(a) for a in packed)))


async def in_worker_process(fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)` in a fresh worker process, awaited without blocking the event loop. `fn` must be a module-level
    function and its arguments and result picklable; its module is imported once into the fork server. Long lists
    among the arguments and in the result (at the top, in a dict or a dataclass) cross as slices (`SLICE`), packed
    and unpacked in a worker thread. An exception raised by `fn` is raised here; a worker that dies (killed, out of
    memory) raises BrokenProcessPool."""
    with _lock:
        if fn.__module__ not in _preloaded:  # only modules named before the fork server starts are preloaded
            _preloaded.add(fn.__module__)
            _context.set_forkserver_preload(sorted(_preloaded))
    packed = await asyncio.to_thread(lambda: tuple(_pack(a) for a in args))
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_context, max_tasks_per_child=1)
    try:
        # Submitting starts the worker, which waits on the fork server (the first time, on its imports): a thread's
        # wait, not the event loop's.
        result = await asyncio.wrap_future(await asyncio.to_thread(pool.submit, _run, fn, packed))
    finally:
        pool.shutdown(wait=False)
    return await asyncio.to_thread(_unpack, result)
