"""Feedback survey use cases: the placement's student answers once, at the end of the placement; the student and
the school's staff read the answers.

Who: only the placement's student answers (another student: 404, like any placement not theirs; the school's staff
and the enterprise: 403, the answers are the student's own). The student and the school's staff read them; the host
enterprise never sees a student's answers, only a base's figures over at least MIN_ANSWERS answers (its tier
evidence, handlers/base_tiers.py): 403 here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from internships.domain.feedback import MIN_ANSWERS, Answers, Feedback, FeedbackGivenAlready
from internships.domain.placements import Party
from internships.policy import STAFF_ROLES, is_the_student, visible_placement
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class GiveFeedback:
    placement_id: uuid.UUID
    answers: Answers


async def give_feedback(
    cmd: GiveFeedback, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Feedback:
    now = clock()
    async with uow() as u:
        placement = visible_placement(await u.placements.get(cmd.placement_id), principal)[0]
        if not is_the_student(principal, placement):
            raise Forbidden("only the placement's student answers its feedback survey")
        if await u.feedback.get(placement.id) is not None:
            raise FeedbackGivenAlready("the survey of this placement was answered already; answers are not changed")
        base_id = await u.feedback.base_of(placement.id)
        feedback = Feedback.give(placement, base_id, cmd.answers, by=principal.sub, now=now)
        if not await u.feedback.add(feedback):  # answered at the same moment by another request
            raise FeedbackGivenAlready("the survey of this placement was answered already; answers are not changed")
        u.track(feedback)
        await u.commit()
    return feedback


async def get_feedback(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Feedback:
    async with uow() as u:
        placement, party = visible_placement(await u.placements.get(placement_id), principal)
        if party is not Party.SCHOOL or not (is_the_student(principal, placement) or principal.roles & STAFF_ROLES):
            raise Forbidden(
                "a student's answers are for the student and their school; the enterprise sees a base's figures over "
                f"at least {MIN_ANSWERS} answers in its tier evidence (GET /v1/bases/{{base_id}}/tier-evidence)"
            )
        feedback = await u.feedback.get(placement.id)
    if feedback is None:
        raise NotFound("the placement's student has not answered its feedback survey yet")
    return feedback
