"""The mentors service's unit of work: its repositories on one transaction, and its aggregates' events as
integration events at commit (mentors.outgoing)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.erasure import ErasureRepository
from mentors.adapters.repositories.assignments import AssignmentRepository
from mentors.adapters.repositories.contexts import ContextRepository
from mentors.adapters.repositories.mentors import MentorRepository
from mentors.adapters.repositories.overdue import OverdueRepository
from mentors.adapters.repositories.reports import ReportRepository
from mentors.adapters.repositories.sessions import SessionRepository
from mentors.domain.assignments import MentorAssigned
from mentors.outgoing import integration_event
from praxis_common.audit import AuditLog
from praxis_common.events import IntegrationEvent
from praxis_common.imports.jobs import ImportJobRepository
from praxis_common.uow import UnitOfWork


class MentorsUnit(UnitOfWork):
    """`u.mentors`, `u.contexts`, `u.assignments`, `u.sessions`, `u.reports`, `u.overdue`, `u.import_jobs`, `u.audit`, `u.erasure`. A saved
    assignment or mentor is tracked: its domain events become integration events when the unit commits."""

    mentors: MentorRepository
    contexts: ContextRepository
    assignments: AssignmentRepository
    sessions: SessionRepository
    reports: ReportRepository
    overdue: OverdueRepository
    import_jobs: ImportJobRepository
    audit: AuditLog  # cross-organisation reads (praxis_common.audit)
    erasure: ErasureRepository  # erasing a student (handlers/erasure.py)

    def _bind(self, connection: AsyncConnection) -> None:
        self.mentors = MentorRepository(connection, track=self.track)
        self.contexts = ContextRepository(connection)
        self.assignments = AssignmentRepository(connection, track=self.track)
        self.sessions = SessionRepository(connection)
        self.reports = ReportRepository(connection)
        self.overdue = OverdueRepository(connection)
        self.import_jobs = ImportJobRepository(connection)
        self.audit = AuditLog(connection)
        self.erasure = ErasureRepository(connection)
        self._sign_ins: dict[uuid.UUID, tuple[str | None, int, str]] = {}

    async def commit(self) -> None:
        if not self.joined:
            # MentorAssigned names the mentor's sign-in account, record version and name (for services that authorise
            # the mentor): read in this transaction, which holds the mentor's row since it took the seat.
            self._sign_ins = await self.mentors.sign_ins(self.assignments.assigned_mentors())
        await super().commit()

    def _integration_events(self, aggregate: Any, events: list) -> Iterable[IntegrationEvent]:
        for e in events:
            if isinstance(e, MentorAssigned):
                account, version, name = self._sign_ins[e.assignment.mentor_id]
                yield integration_event(e, mentor_account=account, mentor_version=version, mentor_name=name)
            else:
                yield integration_event(e)
