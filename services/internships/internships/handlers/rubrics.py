"""Rubric use cases: propose a version for an agreement and internship type, revise a version no score uses yet,
accept the other party's version, list and read an agreement's versions, read the default rubrics.

Who: the agreement's parties only (another organisation, or a student, gets 404). The school proposes and accepts
through its admin or a teacher, the enterprise through its admin or HR; a version is accepted by the party that did
not propose it (domain/rubrics.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from internships.domain.agreements import Agreement
from internships.domain.course import InternshipType
from internships.domain.rubric_defaults import DEFAULT_RUBRICS
from internships.domain.rubrics import RubricVersion, agreed, school_base
from internships.policy import own_student_ref, visible
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, Forbidden, InvalidInput, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock
from praxis_evaluation import Indicator

RUBRIC_ROLES = {"school": ("admin", "teacher"), "enterprise": ("admin", "hr")}


@dataclass(frozen=True)
class ProposeRubric:
    internship_type: InternshipType
    indicators: list[Indicator]


@dataclass(frozen=True)
class AgreementRubrics:
    versions: list[RubricVersion]
    agreed: dict[InternshipType, int]  # the agreed version of each type that has one


async def propose_rubric(
    agreement_id: uuid.UUID, cmd: ProposeRubric, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> RubricVersion:
    async with uow() as u:
        agreement = await u.agreements.get(agreement_id, for_update=True)  # versions are numbered one at a time
        side = _side(agreement, principal)
        versions = await u.evaluations.versions(agreement_id)
        proposed = RubricVersion.propose(
            agreement_id=agreement_id,
            version=max((v.version for v in versions), default=0) + 1,
            internship_type=cmd.internship_type,
            indicators=cmd.indicators,
            side=side,
            base=school_base(versions, cmd.internship_type),
            by=principal.sub,
            now=clock(),
        )
        await u.evaluations.add_version(proposed)
        u.track(proposed)
        await u.commit()
    return proposed


async def revise_rubric(
    agreement_id: uuid.UUID,
    version: int,
    cmd: ProposeRubric,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> RubricVersion:
    """Change a version no placement's scores use yet (its proposer only; it then waits for acceptance again).
    A version in use is a 409 `rubric-in-use`: propose a new version instead."""
    async with uow() as u:
        side = _side(await u.agreements.get(agreement_id), principal)
        found = await _version(u, agreement_id, version, for_update=True)
        if cmd.internship_type != found.internship_type:
            raise InvalidInput(
                "a version keeps its internship type",
                errors=[FieldError("internship_type", f"version {version} is for {found.internship_type}")],
            )
        versions = [v for v in await u.evaluations.versions(agreement_id) if v.version < version]
        found.revise(
            cmd.indicators,
            side=side,
            base=school_base(versions, found.internship_type),
            in_use=await u.evaluations.in_use(str(agreement_id), version),
            by=principal.sub,
            now=clock(),
        )
        await u.evaluations.save_version(found)
        u.track(found)
        await u.commit()
    return found


async def accept_rubric(
    agreement_id: uuid.UUID, version: int, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> RubricVersion:
    async with uow() as u:
        side = _side(await u.agreements.get(agreement_id), principal)
        found = await _version(u, agreement_id, version, for_update=True)
        found.accept(side=side, by=principal.sub, now=clock())
        await u.evaluations.save_version(found)
        u.track(found)
        await u.commit()
    return found


async def list_rubrics(agreement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> AgreementRubrics:
    async with uow() as u:
        _party(await u.agreements.get(agreement_id), principal)
        versions = await u.evaluations.versions(agreement_id)
    found = {t: agreed(versions, t) for t in InternshipType}
    return AgreementRubrics(versions, {t: v.version for t, v in found.items() if v is not None})


async def get_rubric(agreement_id: uuid.UUID, version: int, principal: Principal, *, uow: UowFactory) -> RubricVersion:
    async with uow() as u:
        _party(await u.agreements.get(agreement_id), principal)
        return await _version(u, agreement_id, version)


def rubric_defaults() -> dict[InternshipType, tuple[Indicator, ...]]:
    return dict(DEFAULT_RUBRICS)


def _party(agreement: Agreement | None, principal: Principal) -> Agreement:
    if own_student_ref(principal) is not None:
        raise NotFound("no such agreement")
    return visible(agreement, principal)


def _side(agreement: Agreement | None, principal: Principal) -> str:
    _party(agreement, principal)
    roles = RUBRIC_ROLES[principal.org_kind]
    if not principal.has_any_role(*roles):
        raise Forbidden(f"the {principal.org_kind}'s {' or '.join(roles)} propose and accept rubrics")
    return principal.org_kind


async def _version(u, agreement_id: uuid.UUID, version: int, *, for_update: bool = False) -> RubricVersion:
    found = await u.evaluations.version(agreement_id, version, for_update=for_update)
    if found is None:
        raise NotFound(f"no rubric version {version} of this agreement")
    return found
