"""What a placement needs before `start`, done through the handlers by the parties themselves: the one place the
handler-level tests prepare a start, so a new requirement (e.g. recorded insurance) is added here once.

The three signatures of the current version of the tripartite agreement (the school, the enterprise, and the student
in person), internship liability insurance over the placement's dates (recorded and attached by the
school) and, with `guardian`, a minor's guardian's informed consent."""

from __future__ import annotations

import uuid

from internships.domain.insurance import CoverageType, Payer
from internships.handlers.documents import SignDocument, get_document, sign_document
from internships.handlers.insurance import AttachPolicy, RecordPolicy, attach_policy, record_policy
from internships.handlers.placements import record_consent
from praxis_common.auth import Principal


async def ready_to_start(
    placement_id: uuid.UUID,
    *,
    school: Principal,
    enterprise: Principal,
    uow,
    clock,
    guardian: bool = False,
    **compliance,
) -> None:
    """`school` and `enterprise` are principals allowed to sign for their parties (school admin, enterprise hr)."""
    first = await get_document(placement_id, school, uow=uow, clock=clock, **compliance)
    student = Principal(
        sub=first.placement.student_ref, org=school.org, org_kind="school", roles=frozenset({"student"})
    )
    for principal in (school, enterprise, student):  # the student signs in person
        current = await get_document(placement_id, principal, uow=uow, clock=clock, **compliance)
        await sign_document(
            placement_id, SignDocument(current.document.sha256), principal, uow=uow, clock=clock, **compliance
        )
    await insure(current.placement, school=school, uow=uow, clock=clock)
    if guardian:
        await record_consent(placement_id, school, student=False, guardian=True, uow=uow, clock=clock)


async def insure(placement, *, school: Principal, uow, clock) -> None:
    """The school records a liability policy over the placement's dates and attaches it."""
    policy = await record_policy(
        RecordPolicy(
            insurer="PICC",
            policy_number=f"PL-{placement.id}",
            coverage_type=CoverageType.INTERNSHIP_LIABILITY,
            starts_on=placement.starts_on,
            ends_on=placement.ends_on,
            payer=Payer.SCHOOL,
        ),
        school,
        uow=uow,
        clock=clock,
    )
    await attach_policy(AttachPolicy(policy.id, [placement.id]), school, uow=uow, clock=clock)
