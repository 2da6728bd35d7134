"""The student's feedback survey at the end of a placement, and what of it the enterprise may see.

The placement's student answers once: how well the work matched their programme (1–5), the quality of the guidance
they had (1–5), whether they would recommend the base, whether they received a return offer, and an optional
comment. The survey opens `OPENS_BEFORE_END` before the placement's end date while it is active, and stays open once
it completed or was terminated; earlier (or on a placement that never ran) it is a 409.

Privacy: the answers are the student's and their school's. The host enterprise sees only a base's figures over at
least `MIN_ANSWERS` answers (means and shares, never a comment, never who said what): with fewer, a figure would
point at one student (`figures` withholds them).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from internships.domain.placements import Placement, PlacementStatus
from praxis_common.errors import Conflict

OPENS_BEFORE_END = timedelta(days=7)
ENDED = frozenset({PlacementStatus.COMPLETED, PlacementStatus.TERMINATED})
MIN_ANSWERS = 3  # fewer answers than this: no figure is shown to the enterprise (nor used as tier evidence)
RATING = (1, 5)  # the two ratings' scale
COMMENT_MOST = 2000  # characters
SHARE = "0.0001"  # shares are kept to four places, like the other rates of the service


class FeedbackNotOpen(Conflict):
    code, title = "feedback-not-open", "The placement's feedback survey is not open yet"


class FeedbackGivenAlready(Conflict):
    code, title = "feedback-given", "The student has answered the placement's feedback survey already"


@dataclass(frozen=True)
class Answers:
    work_match: int  # 1–5: how well the work matched the programme
    guidance_quality: int  # 1–5: the quality of the guidance (both mentors)
    would_recommend: bool
    return_offer: bool  # the enterprise offered the student a job after the placement
    comment: str | None = None


@dataclass(frozen=True)
class FeedbackGiven:
    feedback: Feedback
    placement: Placement


@dataclass
class Feedback:
    placement_id: uuid.UUID
    base_id: uuid.UUID
    school_org: str
    enterprise_org: str
    student_ref: str
    work_match: int
    guidance_quality: int
    would_recommend: bool
    return_offer: bool
    comment: str | None
    given_at: datetime
    given_by: str
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def give(cls, placement: Placement, base_id: uuid.UUID, answers: Answers, *, by: str, now: datetime) -> Feedback:
        """The student's answers, when the survey is open (`check_open`)."""
        check_open(placement, now=now)
        feedback = cls(
            placement_id=placement.id,
            base_id=base_id,
            school_org=placement.school_org,
            enterprise_org=placement.enterprise_org,
            student_ref=placement.student_ref,
            work_match=answers.work_match,
            guidance_quality=answers.guidance_quality,
            would_recommend=answers.would_recommend,
            return_offer=answers.return_offer,
            comment=(answers.comment or "").strip() or None,
            given_at=now,
            given_by=by,
        )
        feedback.events.append(FeedbackGiven(feedback, placement))
        return feedback

    def pull_events(self) -> list:
        events, self.events = self.events, []
        return events


def opens_on(placement: Placement):
    return placement.ends_on - OPENS_BEFORE_END


def check_open(placement: Placement, *, now: datetime) -> None:
    """The survey is open from `OPENS_BEFORE_END` before the end date while the placement is active, and once it
    completed or was terminated. A 409 `feedback-not-open` otherwise, saying when it opens."""
    if placement.status in ENDED:
        return
    if placement.status is PlacementStatus.ACTIVE:
        if now.date() >= opens_on(placement):
            return
        raise FeedbackNotOpen(f"the survey opens on {opens_on(placement)}, a week before the placement ends")
    raise FeedbackNotOpen(
        f"the placement is {placement.status}; the survey is for placements that ran (active from "
        f"{opens_on(placement)}, or completed or terminated)"
    )


@dataclass(frozen=True)
class FeedbackFigures:
    """A base's figures over its students' answers, as its enterprise may see them: None for each figure when there
    are fewer than MIN_ANSWERS answers."""

    answers: int
    work_match_mean: Decimal | None
    guidance_quality_mean: Decimal | None
    rating_mean: Decimal | None  # the mean of both ratings
    would_recommend_share: Decimal | None
    return_offer_share: Decimal | None

    @property
    def shown(self) -> bool:
        return self.answers >= MIN_ANSWERS


def figures(answers: Sequence[Feedback]) -> FeedbackFigures:
    n = len(answers)
    if n < MIN_ANSWERS:
        return FeedbackFigures(n, None, None, None, None, None)

    def ratio(count: int, over: int, places: str = "0.01") -> Decimal:
        return (Decimal(count) / over).quantize(Decimal(places), ROUND_HALF_UP)

    work = sum(a.work_match for a in answers)
    guidance = sum(a.guidance_quality for a in answers)
    return FeedbackFigures(
        answers=n,
        work_match_mean=ratio(work, n),
        guidance_quality_mean=ratio(guidance, n),
        rating_mean=ratio(work + guidance, 2 * n),
        would_recommend_share=ratio(sum(a.would_recommend for a in answers), n, SHARE),
        return_offer_share=ratio(sum(a.return_offer for a in answers), n, SHARE),
    )
