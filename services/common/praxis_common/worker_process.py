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
import gc
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

_context = multiprocessing.get_context("forkserver")
_preloaded: set[str] = {__name__}
_lock = threading.Lock()


def _run(fn: Callable[..., T], args: tuple) -> T:
    gc.disable()  # this process lives for this one call (see the module docstring)
    return fn(*args)


async def in_worker_process(fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)` in a fresh worker process, awaited without blocking the event loop. `fn` must be a module-level
    function and its arguments and result picklable; its module is imported once into the fork server. An
    exception raised by `fn` is raised here; a worker that dies (killed, out of memory) raises BrokenProcessPool."""
    with _lock:
        if fn.__module__ not in _preloaded:  # only modules named before the fork server starts are preloaded
            _preloaded.add(fn.__module__)
            _context.set_forkserver_preload(sorted(_preloaded))
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_context, max_tasks_per_child=1)
    try:
        # Submitting starts the worker, which waits on the fork server (the first time, on its imports): a thread's
        # wait, not the event loop's.
        return await asyncio.wrap_future(await asyncio.to_thread(pool.submit, _run, fn, args))
    finally:
        pool.shutdown(wait=False)
