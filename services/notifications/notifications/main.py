"""Bootstrap of the notifications service: what runs in its process, and its migrations."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from notifications import rpc
from notifications.adapters import exports
from notifications.adapters.sender import Sender
from notifications.adapters.smtp import SmtpServer
from notifications.adapters.templates import Templates
from notifications.adapters.unit_of_work import NotificationsUnit
from notifications.config import Settings
from notifications.consumers import internships, mentors
from notifications.domain.approve_links import ApproveLinks
from notifications.domain.unsubscribe import UnsubscribeLinks
from notifications.handlers.dispatch import Dispatcher
from notifications.handlers.erasure import erase_student
from notifications.handlers.mailer import Mailer, MailSettings
from notifications.http import directory, webhooks
from praxis_common.service import Runtime, ServiceSpec

MIGRATIONS = Path(__file__).parent / "migrations"


@asynccontextmanager
async def sender(rt: Runtime) -> AsyncIterator[Sender]:
    """The outbound HTTP client of webhook deliveries, for as long as the service runs."""
    s = Sender(timeout=rt.settings.webhook_timeout_seconds, allow_private=rt.settings.allow_private_urls)
    try:
        yield s
    finally:
        await s.close()


def dispatcher(rt: Runtime) -> Dispatcher:
    s = rt.settings
    return Dispatcher(
        rt.uow,
        rt.resources.send,
        backoff=s.backoff,
        timeout=s.webhook_timeout_seconds,
        per_endpoint=s.webhook_endpoint_concurrency,
        total=s.webhook_concurrency,
        poll_seconds=s.webhook_poll_seconds,
    )


def links(s: Settings) -> UnsubscribeLinks:
    return UnsubscribeLinks(s.unsubscribe_key, s.public_url)


def smtp(s: Settings) -> SmtpServer:
    return SmtpServer(
        host=s.smtp_host,
        port=s.smtp_port,
        username=s.smtp_username,
        password=s.smtp_password.get_secret_value() if s.smtp_password else None,
        starttls=s.smtp_starttls,
        sender=s.mail_from,
        timeout=s.smtp_timeout_seconds,
    )


def mailer(rt: Runtime) -> Mailer:
    s: Settings = rt.settings
    server = smtp(s)
    return Mailer(
        rt.uow,
        server.send if server.enabled else None,
        templates=Templates(),
        links=links(s),
        approve=ApproveLinks(
            s.action_link_secret.get_secret_value() if s.action_link_secret else None, s.internships_public_url
        ),
        settings=MailSettings(
            backoff=s.mail_backoff,
            poll_seconds=s.mail_poll_seconds,
            retention=timedelta(days=s.retention_days),
            digest_period=timedelta(seconds=s.digest_period_seconds),
            digest_offset=timedelta(seconds=s.digest_at_seconds),
            default_language=s.default_language,
        ),
        clock=rt.clock,
    )


SPEC = ServiceSpec(
    name="notifications",
    exports=exports.RESOURCES,  # what an organisation owns here, for its export (docs/export.md)
    consumes=frozenset({"internships", "mentors"}),
    settings=Settings,
    migrations=MIGRATIONS,
    unit=NotificationsUnit,
    erase_student=erase_student,  # its part in erasing a student (docs/erasure.md)
    routers=lambda rt: [
        webhooks.router(rt),
        webhooks.deliveries_router(rt),
        webhooks.notices_router(rt),
        directory.router(rt),
        directory.preferences_router(rt),
        directory.unsubscribe_router(rt, links(rt.settings)),
    ],
    grpc_services=rpc.services,
    subscriptions=lambda rt: [
        internships.subscription(rt.settings.reminder_rules, clock=rt.clock),
        mentors.subscription(clock=rt.clock),
    ],
    resources=sender,
    workers=lambda rt: [dispatcher(rt).run, mailer(rt).run],
)
