"""`praxis up`'s SMTP sink: a message sent with smtplib to the real aiosmtpd server is kept as an .eml file, and
`praxis mail list` / `praxis mail show N` read it back (a Bcc recipient included, from the SMTP envelope)."""

from __future__ import annotations

import json
import smtplib
from email.message import EmailMessage

from click.testing import CliRunner

from praxis_common.cli import main
from praxis_dev.mail_sink import MailSink
from praxis_dev.testing.servers import free_port


def send(port: int, subject: str, body: str, *, bcc: str | None = None) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "Praxis <noreply@praxis.test>", "mentor@school.test", subject
    message["Date"] = "Mon, 30 Nov 2026 08:00:00 +0000"
    message.set_content(body)
    message.add_alternative(f"<p>{body}</p>", subtype="html")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(message, to_addrs=["mentor@school.test", *([bcc] if bcc else [])])


def praxis(home, *args: str):
    return CliRunner().invoke(main, list(args), prog_name="praxis", env={"PRAXIS_HOME": str(home)})


def test_a_sent_message_is_kept_and_read_back_by_praxis_mail(tmp_path):
    port = free_port()
    sink = MailSink(tmp_path / "mail", port).start()
    try:
        send(port, "Logbook week 3 is waiting", "Please review the week of 2026-11-23.\nThanks")
        send(port, "Second", "another body", bcc="office@school.test")
    finally:
        sink.stop()
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 2

    listed = praxis(tmp_path, "mail", "list")
    assert listed.exit_code == 0, listed.output
    first, second = listed.output.splitlines()
    assert first.split()[0] == "1" and "Praxis <noreply@praxis.test> -> mentor@school.test" in first
    assert first.endswith("Logbook week 3 is waiting") and "30 Nov 2026" in first
    assert second.split()[0] == "2" and second.endswith("Second")

    shown = praxis(tmp_path, "mail", "show", "1")
    assert shown.exit_code == 0, shown.output
    assert "Subject: Logbook week 3 is waiting" in shown.output and "To:      mentor@school.test" in shown.output
    assert "Please review the week of 2026-11-23.\nThanks" in shown.output and "<p>" not in shown.output

    raw = praxis(tmp_path, "mail", "show", "2", "--raw")
    assert "X-Envelope-To: mentor@school.test, office@school.test" in raw.output  # the Bcc, from the envelope
    as_json = [json.loads(line) for line in praxis(tmp_path, "mail", "list", "--json").output.splitlines()]
    assert [m["subject"] for m in as_json] == ["Logbook week 3 is waiting", "Second"]

    missing = praxis(tmp_path, "mail", "show", "3")
    assert missing.exit_code == 1 and "no message 3: 2 caught" in missing.output


def test_no_mail_yet_says_where_it_looked(tmp_path):
    listed = praxis(tmp_path, "mail", "list")
    assert listed.exit_code == 0 and f"no mail in {tmp_path / 'mail'}" in listed.output
