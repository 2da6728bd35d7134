"""JSON structured logs on stderr: one object per line, with the service name and any extras.

Every line says what it belongs to: a request's lines carry its `request_id` (praxis_common.edge_telemetry sets it
per REST and gRPC request) and, while a trace is being recorded, its `trace_id` and `span_id`; any other line is a
background task's and carries the task's name (`task`: "outbox-relay", "consumer:mentors-placements", "main", ...).
uvicorn's loggers write through the same formatter, so nothing is printed in another format or with colour codes.

Logs carry no personal data (docs/security.md, "Personal data in logs"): log calls name ids and refs, never names,
addresses or texts; an exception's text goes in through `error_summary`, which keeps what an operator needs (its
kind, the database's SQLSTATE) and drops what may quote a request's values.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import sys
import threading
import traceback
from datetime import UTC, datetime

from opentelemetry import trace

# The request being served in this context (REST or gRPC), set by praxis_common.edge_telemetry.
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_request_id", default=None)


def error_summary(exc: BaseException) -> str:
    """An exception for a log line without the values it may quote (see `_summary`); any other exception as its
    repr."""
    return _summary(exc) or repr(exc)


def _summary(exc: BaseException) -> str | None:
    """A database error's kind and SQLSTATE (a driver's message can quote a bound value), a validation error's count
    of errors (pydantic quotes the input); None for any other exception."""
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's exception
    if orig is not None:
        driver = orig.__cause__ or orig  # the asyncpg dialect chains asyncpg's own exception, which has the code
        code = getattr(driver, "sqlstate", None) or getattr(orig, "sqlstate", None)
        return f"{type(exc).__name__}({type(driver).__name__}{f', SQLSTATE {code}' if code else ''})"
    code = getattr(exc, "sqlstate", None)
    if isinstance(code, str):  # asyncpg's own exceptions
        return f"{type(exc).__name__}(SQLSTATE {code})"
    count = getattr(exc, "error_count", None)
    if callable(count):  # pydantic's ValidationError
        return f"{type(exc).__name__}({count()} errors)"
    return None


def _traceback(exc: BaseException, seen: set[int]) -> list[str]:
    """Python's traceback of `exc` and the exceptions it was raised from, with `_summary` for the text of those
    whose text may quote values."""
    seen.add(id(exc))
    lines: list[str] = []
    if exc.__cause__ is not None and id(exc.__cause__) not in seen:
        lines += _traceback(exc.__cause__, seen)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif exc.__context__ is not None and not exc.__suppress_context__ and id(exc.__context__) not in seen:
        lines += _traceback(exc.__context__, seen)
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    if exc.__traceback__ is not None:
        lines += ["Traceback (most recent call last):\n", *traceback.format_tb(exc.__traceback__)]
    summary = _summary(exc)
    lines += [summary + "\n"] if summary else traceback.format_exception_only(type(exc), exc)
    return lines


# Not copied into a line: the record's own attributes, and uvicorn's `color_message` (the message again, with ANSI
# colour codes).
_RESERVED = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_context())
        entry.update({k: v for k, v in vars(record).items() if k not in _RESERVED})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return "".join(_traceback(ei[1], set())).rstrip("\n") if ei[1] is not None else super().formatException(ei)


def _context() -> dict[str, str]:
    """The request (and trace) a line belongs to, or the background task (or thread) that wrote it."""
    found: dict[str, str] = {}
    request_id = current_request_id.get()
    if request_id is not None:
        found["request_id"] = request_id
    else:
        try:
            task = asyncio.current_task()
        except RuntimeError:  # no event loop in this thread
            task = None
        found["task"] = task.get_name() if task is not None else threading.current_thread().name
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        found["trace_id"], found["span_id"] = format(span.trace_id, "032x"), format(span.span_id, "016x")
    return found


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn installs its own handlers; route them through ours.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("nats").setLevel("WARNING")
