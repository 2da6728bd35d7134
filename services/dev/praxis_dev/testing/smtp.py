"""A real SMTP server for tests of mail: aiosmtpd's Controller on a free port (its own thread), keeping every
message it accepts, parsed. Tests assert on what arrived; `refuse(n)` makes it answer the next n messages with a
temporary failure (451), to exercise retries."""

from __future__ import annotations

import asyncio
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from praxis_dev.testing.servers import free_port


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.sink._lock:
            if self.sink._refusals > 0:
                self.sink._refusals -= 1
                return "451 4.3.0 try again later"
            parsed = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
            self.sink.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


class Received:
    def __init__(self, mail_from: str, rcpt_tos: list[str], message: EmailMessage) -> None:
        self.mail_from, self.rcpt_tos, self.message = mail_from, rcpt_tos, message

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def body(self, subtype: str = "plain") -> str:
        part = self.message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else ""

    def __repr__(self) -> str:
        return f"Received(to={self.rcpt_tos}, subject={self.subject!r})"


class SmtpSink:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host, self.port = host, free_port()
        self.messages: list[Received] = []
        self._refusals = 0
        self._lock = threading.Lock()
        self._controller = Controller(_Handler(self), hostname=host, port=self.port)

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def refuse(self, count: int) -> None:
        """Answer the next `count` messages 451 (a temporary failure: the sender retries)."""
        with self._lock:
            self._refusals = count

    def to(self, address: str) -> list[Received]:
        with self._lock:
            return [m for m in self.messages if address in m.rcpt_tos]

    async def wait_for(self, address: str, count: int = 1, *, timeout: float = 30.0) -> list[Received]:
        """The messages to `address` once there are at least `count` of them (polled); fails after `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            await asyncio.sleep(0.05)
        raise AssertionError(f"{len(self.to(address))} of {count} mails to {address} arrived within {timeout} s")

    @property
    def settings(self) -> dict[str, str]:
        """The service settings (without the service's prefix) that point a sender at this server."""
        return {"SMTP_HOST": self.host, "SMTP_PORT": str(self.port), "SMTP_STARTTLS": "false"}
