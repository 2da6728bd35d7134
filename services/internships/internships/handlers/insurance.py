"""Insurance use cases: record a policy, read and list an organisation's policies, attach one policy to many
placements at once, read a placement's insurance, and list the placements whose cover has a gap.

Who: a policy belongs to the organisation that recorded it (a school's admin or coordinator, an enterprise's admin
or HR); only its owner reads or attaches it, anyone else gets 404. The owner attaches it to placements it is a party
to; a placement it is not a party to is "no such placement" in the refusal, never attached. A placement's insurance
is read by its parties and its student (the same visibility as the placement). The gap report covers the caller's
organisation's current placements; students have no report."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from internships.domain.compliance import CompliancePolicy
from internships.domain.insurance import Attachment, CoverageType, InsurancePolicy, Payer, covers, uncovered_from
from internships.domain.placements import Placement
from internships.handlers.audit import audited_read
from internships.policy import manager, own_student_ref, visible_placement
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.pages import decode_page_token, next_page
from praxis_common.uow import Clock, UowFactory, utc_clock

ATTACH_MOST = 500  # placements in one attach request (an insurer's roster for a cohort)


@dataclass(frozen=True)
class RecordPolicy:
    insurer: str
    policy_number: str
    coverage_type: CoverageType
    starts_on: date
    ends_on: date
    payer: Payer


@dataclass(frozen=True)
class AttachPolicy:
    policy_id: uuid.UUID
    placement_ids: list[uuid.UUID]


@dataclass(frozen=True)
class Page:
    page_size: int = 50
    page_token: str | None = None


@dataclass(frozen=True)
class PlacementInsurance:
    placement: Placement
    policies: list[Attachment]
    covered: bool
    uncovered_from: date | None  # the first day no liability policy covers


@dataclass(frozen=True)
class InsuranceGap:
    placement: Placement
    uncovered_from: date
    covered_until: date | None  # the last day of the cover that reaches back to the start, if the start is covered


async def record_policy(
    cmd: RecordPolicy,
    principal: Principal,
    *,
    uow: UowFactory,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
    clock: Clock = utc_clock,
) -> InsurancePolicy:
    kind = manager(principal, "school", "enterprise")
    policy = InsurancePolicy.record(
        owner_org=principal.org,
        owner_kind=kind,
        insurer=cmd.insurer,
        policy_number=cmd.policy_number,
        coverage_type=cmd.coverage_type,
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        payer=cmd.payer,
        policy=compliance,
        by=principal.sub,
        now=clock(),
    )
    async with uow() as u:
        await u.insurance.add(policy)
        u.track(policy)
        await u.commit()
    return policy


async def get_policy(policy_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> InsurancePolicy:
    _organisation(principal)
    async with uow() as u:
        return _owned(await u.insurance.get(policy_id), principal)


async def list_policies(
    query: Page, principal: Principal, *, uow: UowFactory
) -> tuple[list[InsurancePolicy], str | None]:
    _organisation(principal)
    after = decode_page_token(query.page_token) if query.page_token else None
    if own_student_ref(principal) is not None:
        return [], None  # a student holds no policies of the school's
    async with uow() as u:
        rows = await u.insurance.owned(principal.org, principal.org_kind, after=after, limit=query.page_size + 1)
    return next_page(rows, query.page_size, lambda p: (p.recorded_at, p.id))


async def attach_policy(
    cmd: AttachPolicy, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> list[tuple[uuid.UUID, bool]]:
    """Attach the policy to every placement listed, all or nothing. Returns each distinct placement id with whether
    it was newly attached (False: it was attached already)."""
    now = clock()
    async with uow() as u:
        # Locked: two rosters of one policy take turns, so each placement is attached (and published) once.
        policy = _owned(await u.insurance.get(cmd.policy_id, for_update=True), principal)  # not the caller's: 404
        manager(principal, "school", "enterprise")
        found = await u.insurance.placements(cmd.placement_ids)
        targets = [(pid, _party_to(found.get(pid), principal)) for pid in cmd.placement_ids]
        already = await u.insurance.attached_to(policy.id, list(found))
        new = policy.attach(targets, attached=already, by=principal.sub, now=now)
        await u.insurance.attach(policy.id, new, at=now, by=principal.sub)
        u.track(policy)
        await u.commit()
    fresh = set(new)
    return [(pid, pid in fresh) for pid in dict.fromkeys(cmd.placement_ids)]


async def placement_insurance(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> PlacementInsurance:
    async with uow() as u:
        placement = visible_placement(await u.placements.get(placement_id), principal)[0]
        attached = await u.insurance.policies_of(placement.id)
        await audited_read(u, placement, principal, "insurance")
        await u.commit()
    policies = [a.policy for a in attached]
    return PlacementInsurance(
        placement,
        attached,
        covers(policies, placement.starts_on, placement.ends_on),
        uncovered_from(policies, placement.starts_on, placement.ends_on),
    )


async def insurance_gaps(
    query: Page, principal: Principal, *, uow: UowFactory
) -> tuple[list[InsuranceGap], str | None]:
    """The caller's organisation's requested, confirmed and active placements whose liability cover ends before the
    placement does (or has a gap, or is missing), by start date."""
    _organisation(principal)
    if own_student_ref(principal) is not None:
        raise Forbidden("reports are for the school's and the enterprise's staff")
    after = decode_page_token(query.page_token, date, uuid.UUID) if query.page_token else None
    async with uow() as u:
        rows = await u.insurance.gaps(principal.org, principal.org_kind, after=after, limit=query.page_size + 1)
        page, token = next_page(rows, query.page_size, lambda p: (p.starts_on, p.id))
        policies = await u.insurance.policies_by_placement([p.id for p in page])
    gaps = []
    for p in page:
        first = uncovered_from(policies[p.id], p.starts_on, p.ends_on) or p.starts_on  # raced with an attach: listed
        gaps.append(InsuranceGap(p, first, first - timedelta(days=1) if first > p.starts_on else None))
    return gaps, token


def _organisation(principal: Principal) -> None:
    if principal.org_kind not in ("school", "enterprise"):
        raise Forbidden("insurance is recorded by schools and enterprises")


def _owned(policy: InsurancePolicy | None, principal: Principal) -> InsurancePolicy:
    if (
        policy is None
        or own_student_ref(principal) is not None
        or not policy.owned_by(principal.org, principal.org_kind)
    ):
        raise NotFound("no such insurance policy")
    return policy


def _party_to(placement: Placement | None, principal: Principal) -> Placement | None:
    try:
        return visible_placement(placement, principal)[0]
    except NotFound:
        return None
