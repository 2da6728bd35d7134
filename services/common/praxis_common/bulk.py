"""Bulk input (a ranking of 50,000 applicants, a thousand students at once) handled off the event loop.

pydantic validates a list in one call that holds the GIL for the whole list (about 4 µs an entry on the 2-core
reference machine: 0.2 s for 50,000), and so does building or serialising a large response. A service runs REST,
gRPC, its consumers and /healthz on one event loop, so such work runs in a worker thread, a slice at a time: the
GIL changes hands between slices and the loop keeps serving.

A full collection of the cyclic garbage collector holds the GIL too, for as long as it takes to scan every object
alive: with a national round's rows in memory that is 0.1–1 s, wherever it happens to be triggered. Bulk steps run
without full collections (`collector_paused`); their objects are freed by reference counting as the step ends, and
the next full collection scans an ordinary heap.

REST routes declare a bulk body as `Annotated[Model, Deferred]`: FastAPI documents the model as usual but hands
over the parsed JSON unvalidated, and the route validates it with `validate_bulk` in a worker thread
(`asyncio.to_thread`). The gRPC edge builds the same dict from the message and calls the same function.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from fastapi import Response
from pydantic import BaseModel, SkipValidation, TypeAdapter, ValidationError

from praxis_common.errors import FieldError, InvalidInput, capped
from praxis_common.validation import validate

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

# Marks a REST body validated later, off the loop (documented in the OpenAPI document like any body).
Deferred = SkipValidation
# Entries per validation call: about 2 ms of work each, so the loop waits at most that long for the GIL.
SLICE = 500

_adapters: dict[type, TypeAdapter] = {}
_pausing = 0  # bulk steps running now: full collections resume when the last one ends
_pausing_lock = threading.Lock()
_threshold: tuple[int, ...] = gc.get_threshold()
_NEVER = 2**31 - 1  # a full collection after this many young-generation ones


@contextmanager
def collector_paused() -> Iterator[None]:
    """No full collections while a bulk step (or several at once) runs. Young collections go on, as cheap as ever,
    so cyclic garbage still goes; the step's objects promoted meanwhile are freed by reference counting when it
    ends, and the next full collection scans an ordinary heap. (Disabling the collector altogether would only move
    the cost: the first young collection afterwards would scan everything allocated in between.)"""
    global _pausing, _threshold
    with _pausing_lock:
        if _pausing == 0:
            _threshold = gc.get_threshold()
            gc.set_threshold(_threshold[0], _threshold[1], _NEVER)
        _pausing += 1
    try:
        yield
    finally:
        with _pausing_lock:
            _pausing -= 1
            if _pausing == 0:
                gc.set_threshold(*_threshold)


def bulk_step(use_case: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """A use case that handles a national round's worth of rows runs with the collector paused."""

    @functools.wraps(use_case)
    async def run(*args: Any, **kwargs: Any) -> T:
        with collector_paused():
            return await use_case(*args, **kwargs)

    return run


def _adapter(entry: type) -> TypeAdapter:
    if entry not in _adapters:
        _adapters[entry] = TypeAdapter(list[entry])
    return _adapters[entry]


def _entries(data: Any, path: tuple[str, ...], loc: tuple, most: int, out: list) -> None:
    """Collect (container, index, location) of every entry the path reaches; `*` walks a list. Lists longer than
    `most` are refused here, before any entry is validated."""
    if not path:
        return
    step, rest = path[0], path[1:]
    if step == "*":
        if not isinstance(data, list):
            return  # the model's own validation names the mistake
        if len(data) > most:
            raise InvalidInput(
                f"too many entries in {'.'.join(map(str, loc))}",
                errors=[FieldError(".".join(map(str, loc)), f"at most {most} entries")],
            )
        for i, item in enumerate(data):
            if rest:
                _entries(item, rest, (*loc, i), most, out)
            else:
                out.append((data, i, (*loc, i)))
    elif isinstance(data, dict) and step in data:
        _entries(data[step], rest, (*loc, step), most, out)


def validate_bulk(model: type[M], data: Any, *, entries: tuple[str, ...], entry: type, most: int) -> M:
    """`data` validated as `model`, whose entries (at `entries`, e.g. ("groups", "*", "*")) are validated as
    `entry` a slice at a time. Every list on the way holds at most `most` items and there are at most `most`
    entries in all; other constraints of those lists (a minimum length past the first, uniqueness) are the use
    case's to check. The first errors are named (InvalidInput). Run it in a worker thread."""
    with collector_paused():
        return _validate_bulk(model, data, entries=entries, entry=entry, most=most)


def _validate_bulk(model: type[M], data: Any, *, entries: tuple[str, ...], entry: type, most: int) -> M:
    found: list = []
    _entries(data, entries, (), most, found)
    if len(found) > most:
        top = entries[0]
        raise InvalidInput(f"too many entries in {top}", errors=[FieldError(top, f"at most {most} entries in all")])
    errors: list[FieldError] = []
    adapter = _adapter(entry)
    for start in range(0, len(found), SLICE):
        chunk = found[start : start + SLICE]
        try:
            values = adapter.validate_python([container[i] for container, i, _ in chunk])
        except ValidationError as exc:
            for e in exc.errors():
                _, _, loc = chunk[e["loc"][0]]
                errors.append(FieldError(".".join(str(p) for p in (*loc, *e["loc"][1:])), e["msg"]))
            if len(errors) > 1000:
                break  # enough to name; the rest is not worth the work
            continue
        for (container, i, _), value in zip(chunk, values, strict=True):
            container[i] = value
    if errors:
        names = ", ".join(dict.fromkeys(e.field for e in errors[:5]))
        raise InvalidInput(f"invalid fields: {names}", errors=capped(errors))
    # The rest of the body is checked on a skeleton holding one entry of each list: even passing validated entries
    # through costs an instance check each, 0.1 s for 50,000 in one call. The lists' lengths were checked above.
    checked = validate(model, _skeleton(data, entries))
    if isinstance(data, dict) and entries[0] in data:
        setattr(checked, entries[0], data[entries[0]])
    return checked


def _skeleton(data: Any, path: tuple[str, ...]) -> Any:
    if not path:
        return data
    step, rest = path[0], path[1:]
    if step == "*":
        return [_skeleton(data[0], rest)] if isinstance(data, list) and data else data
    if isinstance(data, dict) and step in data:
        return {**data, step: _skeleton(data[step], rest)}
    return data


# Items serialised per call when a response's list is large.
RESPONSE_SLICE = 100


def _dump(model: BaseModel, sliced: str) -> bytes:
    """The model as JSON, its list `sliced` (e.g. a page's items) serialised a slice at a time."""
    items = getattr(model, sliced, None)
    if not isinstance(items, list) or len(items) <= RESPONSE_SLICE:
        return model.model_dump_json().encode()
    head = model.model_dump_json(exclude={sliced}).encode()
    adapter = _adapter(type(items[0]))
    parts = [adapter.dump_json(items[i : i + RESPONSE_SLICE])[1:-1] for i in range(0, len(items), RESPONSE_SLICE)]
    return head[:-1] + (b"," if len(head) > 2 else b"") + f'"{sliced}":['.encode() + b",".join(parts) + b"]}"


async def json_response(
    build: Callable[[], BaseModel], *, sliced: str = "items", status_code: int = 200, headers: dict | None = None
) -> Response:
    """A response model built and serialised in a worker thread, its list `sliced` a slice at a time: for a large
    body (a page of 5,000 results with their explanations, a ranking of 50,000 echoed back)."""

    def dump() -> bytes:
        with collector_paused():
            return _dump(build(), sliced)

    body = await asyncio.to_thread(dump)
    return Response(body, status_code, headers, media_type="application/json")
