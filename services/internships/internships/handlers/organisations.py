"""Organisation profile use cases: put and read the caller's own profile, read a partner's, and the rule that an
agreement's two parties have profiles of the right kind (called by draft_agreement)."""

from __future__ import annotations

from internships import policy
from internships.domain import commands
from internships.domain.organisations import Kind, OrganisationProfile, party_problem
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


async def put_own_profile(
    cmd: commands.PutOwnProfile, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> OrganisationProfile:
    """Create or replace the caller's organisation's profile (a school's admin, an enterprise's admin or HR)."""
    kind = Kind(policy.acting_side(principal).value)
    async with uow() as u:
        repo = u.organisations
        await repo.lock(principal.org)
        existing = await repo.get(principal.org)
        profile = OrganisationProfile.put(existing, org=principal.org, kind=kind, details=cmd.details, now=clock())
        if existing is None:
            await repo.add(profile)
        elif profile.changed:
            await repo.save(profile)
        u.track(profile)  # its ProfileUpdated leaves with the commit (outgoing.py)
        await u.commit()
    return profile


async def get_own_profile(principal: Principal, *, uow: UowFactory) -> OrganisationProfile:
    """Any member of the organisation reads its profile; 404 until an admin has put one."""
    return await get_profile(principal.org, principal, uow=uow)


async def get_profile(org: str, principal: Principal, *, uow: UowFactory) -> OrganisationProfile:
    """The organisation itself and its partners' staff (an agreement in any state with it) see a profile; others get
    404. A student sees their own school's profile only: a partner's profile (its contacts) is staff business, and
    the student's placement names its enterprise in the agreement's document."""
    async with uow() as u:
        profile = await u.organisations.get(org)
        if profile is None or principal.org_kind not in (Kind.SCHOOL, Kind.ENTERPRISE):
            raise NotFound("no such organisation")
        if org != principal.org and policy.own_student_ref(principal) is not None:
            raise NotFound("no such organisation")
        own_kind = Kind(principal.org_kind)
        if org == principal.org:
            if profile.kind is own_kind:
                return profile
        elif profile.kind is not own_kind and await u.organisations.partners(principal.org, own_kind, org):
            return profile
    raise NotFound("no such organisation")


async def require_parties(u, cmd: commands.DraftAgreement) -> None:
    """Refuse (422 naming the input field) an agreement whose school or enterprise has no profile of its kind: a
    mistyped organisation id would otherwise leave an agreement nobody can sign."""
    found = await u.organisations.get_many([cmd.school_org, cmd.enterprise_org])
    problems = [
        FieldError(name, problem)
        for name, org, kind in (
            ("school_org", cmd.school_org, Kind.SCHOOL),
            ("enterprise_org", cmd.enterprise_org, Kind.ENTERPRISE),
        )
        if (problem := party_problem(found.get(org), org, kind))
    ]
    if problems:
        raise InvalidInput("both parties of an agreement need an organisation profile", errors=problems)
