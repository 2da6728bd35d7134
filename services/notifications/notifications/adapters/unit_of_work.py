"""The notifications service's unit of work: endpoints, deliveries, notices, the directory, preferences, reminder
facts, notifications and placements' mentors on one transaction; an endpoint's changes become integration events at commit
(notifications.outgoing)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.adapters.directory import DirectoryRepository, PreferenceRepository
from notifications.adapters.erasure import ErasureRepository
from notifications.adapters.mentoring import MentoringRepository
from notifications.adapters.reminders import FactRepository, NotificationRepository
from notifications.adapters.webhooks import DeliveryRepository, EndpointRepository, NoticeRepository
from notifications.outgoing import integration_event
from praxis_common.uow import UnitOfWork


class NotificationsUnit(UnitOfWork):
    """`u.endpoints`, `u.deliveries`, `u.notices`, `u.directory`, `u.preferences`, `u.facts`, `u.notifications`,
    `u.mentoring`, `u.erasure`."""

    endpoints: EndpointRepository
    deliveries: DeliveryRepository
    notices: NoticeRepository
    directory: DirectoryRepository
    preferences: PreferenceRepository
    facts: FactRepository
    notifications: NotificationRepository
    mentoring: MentoringRepository
    erasure: ErasureRepository  # erasing a student (handlers/erasure.py)
    integration_event = staticmethod(integration_event)

    def _bind(self, connection: AsyncConnection) -> None:
        self.endpoints = EndpointRepository(connection, track=self.track)
        self.deliveries = DeliveryRepository(connection)
        self.notices = NoticeRepository(connection)
        self.directory = DirectoryRepository(connection)
        self.preferences = PreferenceRepository(connection)
        self.facts = FactRepository(connection)
        self.notifications = NotificationRepository(connection)
        self.mentoring = MentoringRepository(connection)
        self.erasure = ErasureRepository(connection)
