"""The credentials service's unit of work: keys, achievements, credentials and recorded achievements on one
transaction; a credential's and a record's changes become integration events at commit (credentials.outgoing)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from credentials.adapters.erasure import ErasureRepository
from credentials.adapters.recorded import RecordedRepository
from credentials.adapters.repositories import AchievementRepository, CredentialRepository, KeyRepository
from credentials.outgoing import integration_event
from praxis_common.uow import UnitOfWork


class CredentialsUnit(UnitOfWork):
    """`u.keys`, `u.achievements`, `u.credentials`, `u.recorded`, `u.erasure`."""

    keys: KeyRepository
    achievements: AchievementRepository
    credentials: CredentialRepository
    recorded: RecordedRepository  # achievements schools recorded from outside
    erasure: ErasureRepository  # erasing a student (handlers/erasure.py)
    integration_event = staticmethod(integration_event)

    def _bind(self, connection: AsyncConnection) -> None:
        self.keys = KeyRepository(connection)
        self.achievements = AchievementRepository(connection)
        self.credentials = CredentialRepository(connection, track=self.track)
        self.recorded = RecordedRepository(connection, track=self.track)
        self.erasure = ErasureRepository(connection)
