"""Sending mail over SMTP with aiosmtplib: a multipart/alternative message (text, then HTML) with the RFC 8058
one-click unsubscribe headers."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

import aiosmtplib

from notifications.domain.reminders import Mail


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool
    sender: str
    timeout: float = 30.0

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    def message(self, mail: Mail) -> EmailMessage:
        m = EmailMessage()
        m["From"] = self.sender
        m["To"] = formataddr((mail.to_name, mail.to))
        m["Subject"] = mail.subject
        m["Message-ID"] = make_msgid(domain="praxis")
        m["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>"
        m["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        m["Auto-Submitted"] = "auto-generated"
        m.set_content(mail.text)
        m.add_alternative(mail.html, subtype="html")
        m["Content-Language"] = mail.language  # after the content: setting it clears Content-* headers
        return m

    async def send(self, mail: Mail) -> None:
        """Raises aiosmtplib.SMTPException or OSError when the server refuses or cannot be reached."""
        await aiosmtplib.send(
            self.message(mail),
            hostname=self.host,
            port=self.port,
            username=self.username or None,
            password=self.password or None,
            start_tls=self.starttls,
            use_tls=False,
            timeout=self.timeout,
        )
