"""`praxis up`'s SMTP sink: a real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it is sent as an
`.eml` file in a directory (.praxis/mail/), delivering nothing further; and the reading of those files that
`praxis mail list|show` prints.

Each file is the message as received, after two headers of the SMTP envelope (`X-Envelope-From`, `X-Envelope-To`:
the recipients a Bcc leaves out of the headers). Names start with the UTC arrival time, so they sort in arrival order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from aiosmtpd.controller import Controller

PORT_VAR = "PRAXIS_SMTP_PORT"
DEFAULT_PORT = 2525
_sequence = itertools.count()


class _Keep:
    """The aiosmtpd handler: write the message, answer 250."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def handle_DATA(self, server, session, envelope) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        envelope_headers = (
            f"X-Envelope-From: {envelope.mail_from}\r\nX-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        path = self.directory / f"{stamp}-{next(_sequence):06d}.eml"
        partial = path.with_suffix(".part")
        partial.write_bytes(envelope_headers + envelope.original_content)
        partial.rename(path)  # readers never see half a message
        return "250 Message accepted for delivery"


class MailSink:
    """`MailSink(directory, port).start()` … `.stop()`: the server runs in a thread of its own (aiosmtpd's
    Controller), so it serves while the caller's loop does other work."""

    def __init__(self, directory: Path, port: int = DEFAULT_PORT, host: str = "127.0.0.1") -> None:
        self.directory, self.host, self.port = directory, host, port
        self.directory.mkdir(parents=True, exist_ok=True)
        self._controller = Controller(_Keep(directory), hostname=host, port=port)

    def start(self) -> MailSink:
        self._controller.start()  # returns once the server answers (aiosmtpd connects to it to check)
        return self

    def stop(self) -> None:
        self._controller.stop()


@dataclass(frozen=True)
class Mail:
    number: int  # 1 = the first message caught
    path: Path
    message: EmailMessage

    @property
    def summary(self) -> dict[str, str | int]:
        m = self.message
        return {
            "number": self.number,
            "date": str(m["Date"] or ""),
            "from": str(m["From"] or m["X-Envelope-From"] or ""),
            "to": str(m["To"] or m["X-Envelope-To"] or ""),
            "subject": str(m["Subject"] or ""),
            "file": str(self.path),
        }

    @property
    def text(self) -> str:
        """The plain-text body (else the HTML one, as it is); empty when the message has neither."""
        body = self.message.get_body(preferencelist=("plain", "html"))
        return body.get_content() if body is not None else ""


def caught(directory: Path) -> list[Mail]:
    """Every message in the directory, oldest first, numbered from 1."""
    files = sorted(directory.glob("*.eml")) if directory.is_dir() else []
    parser = BytesParser(policy=policy.default)
    return [Mail(n, path, parser.parsebytes(path.read_bytes())) for n, path in enumerate(files, start=1)]
