"""Placement evaluation use cases: record a midterm or final score, read a placement's evaluations and scorecard.

Who scores: the placement's assigned school mentor and enterprise mentor (the mentors service confirms it over gRPC,
before any transaction opens), the student (`self`, their own placement only), and the school's admin or teacher
recording an invited expert's score (`expert_name`). Scores are taken once the window is open
(domain/evaluation_windows.py). Who reads: the placement's school and enterprise staff, its mentors, its student
(`visible_placement`), except that an enterprise account that is only a mentor reads the placements it mentors; anyone else
gets 404.

Hook for grading: `scorecard_of(u, placement, now, pass_mark=...)` is the scorecard inside the caller's unit of work
(completion calls it with the programme's pass mark). Keep its signature stable."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from internships.domain.attendance_summary import summarise
from internships.domain.course import InternshipType
from internships.domain.evaluation_windows import Window, check_open
from internships.domain.logbooks import core_work_share
from internships.domain.placement_data import DataMeasures, measure_scores
from internships.domain.placement_evaluations import PASS_MARK, PlacementEvaluation, placement_scorecard
from internships.domain.placements import Placement, PlacementStatus
from internships.domain.rubrics import Rubric, default_rubric, rubric_for
from internships.handlers.audit import audited_read
from internships.handlers.milestones import pass_mark_of, progress_of, requirement_of
from internships.policy import is_the_student, own_student_ref, sees_placement_evaluations, visible_placement
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock
from praxis_evaluation import Scorecard, Scorer

EVALUATED = (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED)
EXPERT_RECORDERS = ("admin", "teacher")


@dataclass(frozen=True)
class MentorRole:
    """The caller is the placement's mentor of this side (as the mentors service knows it)."""

    side: str  # school | enterprise
    mentor_id: str


class MentorDirectory(Protocol):
    async def role_of_caller(self, token: str, *, student_ref: str, placement_id: str) -> MentorRole | None:
        """The caller's (the token's) active mentoring of the student on the placement, or None. Raises Unavailable
        when the mentors service cannot answer in time: nothing is then accepted unchecked."""
        ...


class PlacementNotEvaluated(Conflict):
    code, title = "placement-not-evaluated", "Only an active or completed placement is evaluated"


@dataclass(frozen=True)
class RecordPlacementEvaluation:
    window: Window
    scores: dict[str, Decimal]
    comments: str = ""
    expert_name: str | None = None


@dataclass(frozen=True)
class Evaluator:
    scorer: Scorer
    mentor_id: uuid.UUID | None


@dataclass(frozen=True)
class PlacementScorecard:
    placement: Placement
    rubric: Rubric
    bound: bool  # the placement's scores use this rubric version (else: what its first score will use)
    scorecard: Scorecard
    evaluations: list[PlacementEvaluation]
    data: dict[str, Decimal | None]  # each data measure's score now


async def confirm_evaluator(
    placement_id: uuid.UUID,
    cmd: RecordPlacementEvaluation,
    principal: Principal,
    *,
    token: str,
    uow: UowFactory,
    mentors: MentorDirectory,
    clock: Clock = utc_clock,
) -> Evaluator:
    """First step, before any transaction is held: the local checks (in a short transaction of their own: the
    placement is visible, the window open, the scores fit the rubric), then — for a mentor — the mentors service's
    confirmation that the caller is the placement's mentor of their side (no: 403; unreachable: 503, nothing
    recorded)."""
    async with uow() as u:
        placement, scorer, _ = await _checked(u, placement_id, cmd, principal, clock())
    if scorer not in (Scorer.SCHOOL_MENTOR, Scorer.ENTERPRISE_MENTOR):
        return Evaluator(scorer, None)
    found = await mentors.role_of_caller(token, student_ref=placement.student_ref, placement_id=str(placement.id))
    if found is None or found.side != principal.org_kind:
        raise Forbidden(
            f"only the placement's assigned {principal.org_kind} mentor scores it: the mentors service knows no mentor "
            f"of {principal.org} whose account is {principal.sub!r} (your token's sub) assigned to this placement"
        )
    return Evaluator(scorer, _mentor_id(found.mentor_id))


def _mentor_id(value: str) -> uuid.UUID | None:
    """The mentors service's id of the mentor (a UUID there); anything else is not kept rather than failing."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


async def record_placement_evaluation(
    placement_id: uuid.UUID,
    cmd: RecordPlacementEvaluation,
    principal: Principal,
    evaluator: Evaluator,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> PlacementEvaluation:
    """Second step, in the unit of work: the local checks again, the placement bound to its rubric version by its
    first score, the score recorded with its provenance and its event emitted."""
    now = clock()
    async with uow() as u:
        # the agreement's versions held FOR SHARE: a revision of the version this first score binds waits, then
        # finds it in use (409); one already under way is committed before the score is checked against the rubric
        placement, scorer, rubric = await _checked(u, placement_id, cmd, principal, now, lock_versions=True)
        rubric_id, version = await u.evaluations.bind(placement.id, rubric.rubric_id, rubric.version, at=now)
        if (rubric_id, version) != (rubric.rubric_id, rubric.version):  # another score bound it first
            rubric = await _bound_rubric(u, placement, rubric_id, version)
        e = PlacementEvaluation.record(
            placement=placement,
            rubric=rubric,
            window=cmd.window,
            scorer=evaluator.scorer,
            scores=cmd.scores,
            comments=cmd.comments,
            by=principal.sub,
            mentor_id=evaluator.mentor_id,
            expert_name=cmd.expert_name,
            now=now,
        )
        await u.evaluations.add(e)
        u.track(e)
        await u.commit()
    return e


async def get_scorecard(
    placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> PlacementScorecard:
    now = clock()
    async with uow() as u:
        placement = await evaluated_placement(u, placement_id, principal)
        rubric, bound = await rubric_of(u, placement)
        evaluations = await u.evaluations.of_placement(placement.id)
        data = measure_scores(await data_measures(u, placement, now))
        pass_mark = pass_mark_of(await requirement_of(u, placement))
        await audited_read(u, placement, principal, "scorecard")
        await u.commit()
    card = placement_scorecard(placement.student_ref, rubric, evaluations, data, computed_at=now, pass_mark=pass_mark)
    return PlacementScorecard(placement, rubric, bound, card, evaluations, data)


async def evaluated_placement(
    u, placement_id: uuid.UUID, principal: Principal, *, for_update: bool = False
) -> Placement:
    """The placement, when the caller may read its evaluations and what is made of them (its scorecard, its grade):
    `visible_placement`, narrowed by `sees_placement_evaluations`; 404 otherwise."""
    placement = visible_placement(await u.placements.get(placement_id, for_update=for_update), principal)[0]
    if not sees_placement_evaluations(principal, placement, await u.mentoring.mentor_of(placement.id, "enterprise")):
        raise NotFound("no such placement")
    return placement


async def scorecard_of(u, placement: Placement, now: datetime, *, pass_mark: Decimal = PASS_MARK) -> Scorecard:
    """The placement's scorecard inside the caller's unit of work `u`, as of `now`, against `pass_mark` (the
    programme requirement's; 60 until it gives one). For grading at completion: a stable signature."""
    rubric, _ = await rubric_of(u, placement)
    evaluations = await u.evaluations.of_placement(placement.id)
    data = measure_scores(await data_measures(u, placement, now))
    return placement_scorecard(placement.student_ref, rubric, evaluations, data, computed_at=now, pass_mark=pass_mark)


async def rubric_of(u, placement: Placement, *, lock_versions: bool = False) -> tuple[Rubric, bool]:
    """The rubric version the placement's scores use (True), else the one its first score would use (False;
    `lock_versions`: the agreement's versions are held FOR SHARE until the unit ends)."""
    bound = await u.evaluations.bound(placement.id)
    if bound is not None:
        return await _bound_rubric(u, placement, *bound), True
    versions = await u.evaluations.versions(placement.agreement_id, for_share=lock_versions)
    return rubric_for(versions, InternshipType(placement.internship_type)), False


async def data_measures(u, placement: Placement, now: datetime) -> DataMeasures:
    """The measures of the placement's own records behind its data score, and the points of the achievements its
    school recorded for its student within its period (domain/placement_data.py)."""
    attendance = summarise(
        placement, await u.attendance.days(placement.id), await u.attendance.weeks(placement.id), now=now
    )
    progress = await progress_of(u, placement)
    accepted, returned = await u.evaluations.report_reviews(placement.id)
    points = await u.credit_ledger.achievement_points(
        placement.school_org, placement.student_ref, placement.starts_on, placement.ends_on
    )
    return DataMeasures(
        attendance_rate=attendance.rate,
        approved_hours=progress.approved_hours,
        required_hours=progress.requirement.required_hours if progress.requirement else None,
        core_share=core_work_share(await u.logbooks.weeks(placement.id)),
        reports_accepted=accepted,
        reports_returned=returned,
        achievement_points=tuple(points),
    )


async def _bound_rubric(u, placement: Placement, rubric_id: str, version: int) -> Rubric:
    if rubric_id.startswith("default:"):
        return default_rubric(InternshipType(rubric_id.removeprefix("default:")))
    found = await u.evaluations.version(uuid.UUID(rubric_id), version)
    if found is None:  # pragma: no cover - a bound version is never deleted
        raise NotFound("the placement's rubric version is gone")
    return found.as_rubric()


async def _checked(
    u,
    placement_id: uuid.UUID,
    cmd: RecordPlacementEvaluation,
    principal: Principal,
    now: datetime,
    *,
    lock_versions: bool = False,
) -> tuple[Placement, Scorer, Rubric]:
    placement = visible_placement(await u.placements.get(placement_id), principal)[0]
    scorer = _scorer(principal, placement, cmd)
    if placement.status not in EVALUATED:
        raise PlacementNotEvaluated(f"the placement is {placement.status}; only an active or completed one is scored")
    check_open(cmd.window, placement.starts_on, placement.ends_on, now.date())
    rubric, _ = await rubric_of(u, placement, lock_versions=lock_versions)
    PlacementEvaluation.record(  # validates the scores against the rubric before anyone else is asked
        placement=placement,
        rubric=rubric,
        window=cmd.window,
        scorer=scorer,
        scores=cmd.scores,
        comments=cmd.comments,
        by=principal.sub,
        mentor_id=None,
        expert_name=cmd.expert_name,
        now=now,
    )
    return placement, scorer, rubric


def _scorer(principal: Principal, placement: Placement, cmd: RecordPlacementEvaluation) -> Scorer:
    """Which party the caller scores as: the student (self), the school recording an expert (expert_name given),
    else the mentor of the caller's side (confirmed by the mentors service afterwards)."""
    if own_student_ref(principal) is not None:
        if not is_the_student(principal, placement):  # pragma: no cover - visible_placement() refused them already
            raise NotFound("no such placement")
        if cmd.expert_name is not None:
            raise Forbidden("the school's admin or teacher records an invited expert's score")
        return Scorer.SELF
    if cmd.expert_name is not None:
        if principal.org_kind != "school" or not principal.has_any_role(*EXPERT_RECORDERS):
            raise Forbidden("the school's admin or teacher records an invited expert's score")
        return Scorer.EXPERT
    return Scorer.SCHOOL_MENTOR if principal.org_kind == "school" else Scorer.ENTERPRISE_MENTOR
