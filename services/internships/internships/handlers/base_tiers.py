"""Base tier use cases: the recommended tier and its evidence, confirming a base's tier, and the history of tier
decisions.

Who: the evidence and the history are for both parties of the base's agreement (their staff; a student gets 403)
and for a platform authority (a platform organisation's admin). The tier is confirmed by the school of the base's
agreement (its admin) or a platform authority; the enterprise that proposed it gets 403, as does a school's staff
without the admin role. Anyone else: 404, the base does not exist for them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from internships.domain.attendance_summary import summarise
from internships.domain.base_tiers import PlacementRecord, Recommendation, TierDecision, confirm, recommend
from internships.domain.positions import PracticeBase
from internships.policy import own_student_ref
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock

PLATFORM_AUTHORITY_ROLE = "admin"  # of an organisation of kind platform
ONSITE = "onsite"  # the mode of an on-site guidance session (domain/guidance.MODES)


@dataclass(frozen=True)
class ConfirmTier:
    base_id: uuid.UUID
    tier: int
    reason: str


@dataclass(frozen=True)
class TierEvidence:
    base: PracticeBase
    recommendation: Recommendation


def _platform_authority(principal: Principal) -> bool:
    return principal.org_kind == "platform" and principal.has_any_role(PLATFORM_AUTHORITY_ROLE)


def _seen(base: PracticeBase | None, principal: Principal) -> PracticeBase:
    """The base, to its parties' staff and a platform authority; 404 to anyone else, 403 to a student."""
    party = base is not None and principal.org == {"school": base.school_org, "enterprise": base.enterprise_org}.get(
        principal.org_kind
    )
    if base is None or not (party or _platform_authority(principal)):
        raise NotFound("no such practice base")
    if own_student_ref(principal) is not None:
        raise Forbidden("a base's tier evidence is for the staff of the school and the enterprise")
    return base


async def _recommendation(u, base: PracticeBase, clock: Clock) -> Recommendation:
    now = clock()
    placements = await u.base_tiers.started_placements(base.id, base.school_org)
    ids = [p.id for p in placements]
    hours = await u.base_tiers.approved_hours(ids)
    days = await u.attendance.days_of(ids) if ids else []
    weeks = await u.attendance.weeks_of(ids) if ids else []
    sessions = await u.guidance.of_placements(ids)
    answers = await u.feedback.of_base(base.id, base.school_org)
    records = []
    for p in placements:
        own_days = [d for d in days if d.placement_id == p.id]
        total, core = hours.get(p.id, (Decimal(0), Decimal(0)))
        records.append(
            PlacementRecord(
                placement=p,
                approved_hours=total,
                approved_core_hours=core,
                attendance=summarise(p, own_days, [w for w in weeks if w.placement_id == p.id], now=now)
                if own_days
                else None,
                onsite_sessions=sum(1 for s in sessions.get(p.id, []) if s.mode == ONSITE),
            )
        )
    return recommend(records, answers, now=now)


async def tier_evidence(
    base_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> TierEvidence:
    async with uow() as u:
        base = _seen(await u.bases.get(base_id), principal)
        return TierEvidence(base, await _recommendation(u, base, clock))


async def confirm_tier(
    cmd: ConfirmTier, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> tuple[PracticeBase, TierDecision]:
    if principal.org_kind == "platform" and not _platform_authority(principal):
        raise Forbidden(f"a platform authority confirms tiers with the role {PLATFORM_AUTHORITY_ROLE}")
    async with uow() as u:
        base = _seen(await u.bases.get(cmd.base_id, for_update=True), principal)  # one decision at a time
        if principal.org_kind == "enterprise":
            raise Forbidden(
                "the enterprise proposes its base's tier; the school of the base's agreement or a platform authority "
                "confirms it"
            )
        if principal.org_kind == "school" and not principal.has_any_role("admin"):
            raise Forbidden("the school's admin confirms a base's tier")
        recommendation = await _recommendation(u, base, clock)
        decision = confirm(
            base,
            cmd.tier,
            cmd.reason,
            recommendation,
            by=principal.sub,
            org=principal.org,
            kind=principal.org_kind,
            now=clock(),
        )
        await u.base_tiers.save_tier(base)
        await u.base_tiers.add_decision(decision)
        u.track(base)
        await u.commit()
    return base, decision


async def tier_history(
    base_id: uuid.UUID, principal: Principal, *, uow: UowFactory
) -> tuple[PracticeBase, list[TierDecision]]:
    """The base's tier decisions, newest first."""
    async with uow() as u:
        base = _seen(await u.bases.get(base_id), principal)
        return base, await u.base_tiers.decisions(base.id)
