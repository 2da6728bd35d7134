"""Grade use cases: a placement's grade with its history, and the school's amendment of it.

Who: the grade is read by those who read the placement's evaluations (handlers/placement_evaluations.py
`evaluated_placement`: its school's and its enterprise's staff, but of an enterprise's mentor-only accounts only its
own mentor) and by the student themselves; anyone else gets 404. Only the school's admin amends, with a reason; the enterprise and the student
get 403 (they see the placement), everyone else 404."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from internships.domain import grades
from internships.domain.grades import PlacementGrade
from internships.domain.placements import Placement
from internships.handlers.audit import audited_read
from internships.handlers.grading import emit_graded
from internships.handlers.placement_evaluations import evaluated_placement
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock

AMENDING_ROLES = ("admin",)


class NotGraded(Conflict):
    code, title = "not-graded", "The placement has no grade yet: it is graded when it completes"


@dataclass(frozen=True)
class AmendGrade:
    total: Decimal | None
    grade: str | None
    reason: str


@dataclass(frozen=True)
class GradeHistory:
    placement: Placement
    current: PlacementGrade
    revisions: list[PlacementGrade]  # oldest first


async def placement_grade(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> GradeHistory:
    """The placement's grade and every revision (who, when, why)."""
    async with uow() as u:
        placement = await evaluated_placement(u, placement_id, principal)
        history = await u.grades.history(placement.id)
        if not history:
            raise NotFound("the placement has no grade yet: it is graded when it completes")
        await audited_read(u, placement, principal, "grade")
        await u.commit()
    return GradeHistory(placement, history[-1], history)


async def amend_grade(
    placement_id: uuid.UUID, cmd: AmendGrade, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> GradeHistory:
    """The school's admin amends the grade with a reason: a new revision, and placement.graded carrying it."""
    async with uow() as u:
        placement = await evaluated_placement(u, placement_id, principal, for_update=True)
        if principal.org_kind != "school" or not principal.has_any_role(*AMENDING_ROLES):
            raise Forbidden("only the school's admin amends a grade")
        history = await u.grades.history(placement.id)
        if not history:
            raise NotGraded("the placement has no grade yet: it is graded when it completes")
        amended = grades.amend(
            history[-1], total=cmd.total, grade=cmd.grade, reason=cmd.reason, by=principal.sub, now=clock()
        )
        await u.grades.add(amended)
        await emit_graded(u, placement, amended)
        await u.commit()
    return GradeHistory(placement, amended, [*history, amended])
