"""A project's confidentiality terms: the enterprise publishes versions, a school's student accepts the current one
(docs/project-material.md). Which material then opens is decided in handlers.projects.list_material."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from projects import policy
from projects.domain.terms import Terms, TermsAcceptance, TermsAccepted, TermsPublished, require_current
from projects.handlers import Clock, UowFactory, utc_clock
from projects.handlers.projects import owned_project, visible_project
from projects.outgoing import integration_event


@dataclass(frozen=True)
class PublishTerms:
    text: str


@dataclass(frozen=True)
class AcceptTerms:
    version: int  # the version the student read: it must be the current one


@dataclass(frozen=True)
class TermsView:
    terms: Terms
    accepted: bool  # the calling student accepted this version


async def publish_terms(
    project_id: uuid.UUID, cmd: PublishTerms, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> TermsView:
    """A new version replaces the current terms; every student must accept it before the material opens again.
    Event project.terms.published."""
    async with uow() as u:
        p = await owned_project(u, project_id, principal, for_update=True)  # the row lock orders the versions
        terms = await u.terms.publish(p.id, cmd.text, by=principal.sub, now=clock())
        u.emit(integration_event(TermsPublished(terms, p.enterprise_org)))
        await u.commit()
    return TermsView(terms, accepted=False)


async def current_terms(project_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> TermsView:
    """The current terms, for whoever sees the project; NotFound when none were published."""
    async with uow() as u:
        await visible_project(u, project_id, principal)
        terms = await u.terms.current(project_id)
        if terms is None:
            raise NotFound("the project has no confidentiality terms")
        accepted = policy.is_student(principal) and (
            await u.terms.acceptance(project_id, terms.version, principal.org, principal.sub) is not None
        )
    return TermsView(terms, accepted)


async def accept_terms(
    project_id: uuid.UUID, cmd: AcceptTerms, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> TermsAcceptance:
    """A student of a school that sees the project accepts the current version (terms-changed for another one);
    accepting again returns the first acceptance. Event project.terms.accepted (once)."""
    async with uow() as u:
        await visible_project(u, project_id, principal)
        if not policy.is_student(principal):
            raise Forbidden("only a student accepts a project's terms; staff open its material without")
        terms = require_current(await u.terms.current(project_id), cmd.version)
        before = await u.terms.acceptance(project_id, terms.version, principal.org, principal.sub)
        if before is not None:
            return before
        acceptance = await u.terms.accept(
            TermsAcceptance(project_id, terms.version, principal.sub, principal.org, clock())
        )
        u.emit(integration_event(TermsAccepted(acceptance)))
        await u.commit()
    return acceptance
