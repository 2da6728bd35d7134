"""The projects service's unit of work: its repositories on the unit's connection, and the integration events
its aggregates' domain events become (outgoing.py)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from praxis_common.audit import AuditLog
from praxis_common.uow import UnitOfWork
from projects.adapters.erasure import ErasureRepository
from projects.adapters.repositories.credits import CreditRepository
from projects.adapters.repositories.evaluations import EvaluationRepository, MetricRepository
from projects.adapters.repositories.projects import ProjectRepository
from projects.adapters.repositories.teams import TeamRepository
from projects.adapters.repositories.terms import TermsRepository
from projects.outgoing import integration_event


class ProjectsUnit(UnitOfWork):
    projects: ProjectRepository
    teams: TeamRepository
    evaluations: EvaluationRepository
    metrics: MetricRepository
    credits: CreditRepository
    terms: TermsRepository
    audit: AuditLog  # cross-organisation reads (praxis_common.audit)
    erasure: ErasureRepository  # erasing a student (handlers/erasure.py)

    integration_event = staticmethod(integration_event)

    def _bind(self, connection: AsyncConnection) -> None:
        self.projects = ProjectRepository(connection)
        self.teams = TeamRepository(connection)
        self.evaluations = EvaluationRepository(connection)
        self.metrics = MetricRepository(connection)
        self.credits = CreditRepository(connection)
        self.terms = TermsRepository(connection)
        self.audit = AuditLog(connection)
        self.erasure = ErasureRepository(connection)
