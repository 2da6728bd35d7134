"""A real HTTP server that receives webhooks, for the notifications tests: uvicorn on a free port, in a thread.

Each path behaves as the test sets it up (`behave(path, fail_first=5)`, `behave(path, delay=10)`): it answers 500
to the first `fail_first` requests of each webhook-id, waits `delay` seconds before answering, and records every
request (headers, body, when it arrived, the status it answered)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import uvicorn

from praxis_common.processes import wait_until
from praxis_dev.testing.servers import free_port


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str
    at: float  # time.monotonic() when the request arrived
    status: int


@dataclass
class Behaviour:
    fail_first: int = 0
    delay: float = 0.0


@dataclass
class Receiver:
    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    behaviours: dict[str, Behaviour] = field(default_factory=dict)
    arrivals: list[str] = field(default_factory=list)  # the path of every request as it arrives (answered or not)
    _seen: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def behave(self, path: str, **behaviour) -> str:
        self.behaviours[path] = Behaviour(**behaviour)
        return self.url(path)

    def arrived(self, path: str) -> int:
        with self._lock:
            return self.arrivals.count(path)

    def at(self, path: str, status: int | None = None) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == path and (status is None or r.status == status)]

    async def __call__(self, scope, receive, send) -> None:  # the ASGI app
        if scope["type"] != "http":
            return
        arrived = time.monotonic()
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        path = scope["path"]
        behaviour = self.behaviours.get(path, Behaviour())
        with self._lock:
            self.arrivals.append(path)
            key = (path, headers.get("webhook-id", ""))
            self._seen[key] += 1
            status = 500 if self._seen[key] <= behaviour.fail_first else 200
        if behaviour.delay:
            await asyncio.sleep(behaviour.delay)
        with self._lock:
            self.received.append(Received(path, headers, body.decode(), arrived, status))
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ok" if status == 200 else b"failing on purpose"})

    def start(self) -> Receiver:
        config = uvicorn.Config(
            self, host="127.0.0.1", port=self.port, log_config=None, access_log=False, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True, name="webhook-receiver")
        self.thread.start()
        wait_until(lambda: self.server.started, timeout=10, what="the webhook receiver")
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
