"""The notifications service's unit of work: endpoints, deliveries and notices on one transaction; an endpoint's
changes become integration events at commit (notifications.outgoing)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.adapters.webhooks import DeliveryRepository, EndpointRepository, NoticeRepository
from notifications.outgoing import integration_event
from praxis_common.uow import UnitOfWork


class NotificationsUnit(UnitOfWork):
    """`u.endpoints`, `u.deliveries`, `u.notices`."""

    endpoints: EndpointRepository
    deliveries: DeliveryRepository
    notices: NoticeRepository
    integration_event = staticmethod(integration_event)

    def _bind(self, connection: AsyncConnection) -> None:
        self.endpoints = EndpointRepository(connection, track=self.track)
        self.deliveries = DeliveryRepository(connection)
        self.notices = NoticeRepository(connection)
