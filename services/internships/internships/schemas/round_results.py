"""Response bodies of allocation rounds' runs, results, comparisons and publication, shared by REST and gRPC."""

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from internships.domain.rounds import split_student_key
from internships.handlers.rounds import Published, Result
from internships.schemas.rounds import RoundRead
from praxis_common.pages import Page

# A page of a national round's results (each with its explanations) or of a comparison of runs (REST and gRPC).
RESULT_PAGE_DEFAULT = 500
RESULT_PAGE_MAX = 5_000


class RunRead(BaseModel):
    id: uuid.UUID
    seq: int = Field(description="1 for the round's first run, then 2, 3…")
    input_hash: str = Field(description="sha256 of the inputs, the seed and the algorithm version")
    algorithm_version: str
    seed: int | None = Field(description="The tie lottery's seed: to the staff of the round's schools only")
    computed_at: datetime
    computed_by: str
    students: int
    matched: int
    published: bool = False

    @classmethod
    def of(cls, run, *, published_run_id=None) -> "RunRead":
        return cls(
            **{n: getattr(run, n) for n in cls.model_fields if n != "published"},
            published=run.id == published_run_id,
        )


class RunPage(Page[RunRead]):
    """A page of a round's runs, oldest first."""


class StandingRead(BaseModel):
    """A tie band of the position's order, shared by every student in it (never a lottery place)."""

    group: int | None = Field(description="Tie group in the enterprise's ranking (1 = first); null under the default")
    shared_tags: int | None = Field(description="Competency fit under the default ranking: tags shared")


class RejectionRead(BaseModel):
    position_id: str
    reason: str = Field(description="full, not-ranked or no-seats")
    seats: int
    position_tags: int
    you: StandingRead | None = Field(description="For full: your band")
    cutoff: StandingRead | None = Field(description="For full: the lowest band the position admitted anyone from")
    lost_on_draw: bool = Field(
        description="You were in the cutoff band and the round's lottery gave its last seats to others"
    )
    text: str


class MatchRead(BaseModel):
    school_org: str
    student_ref: str
    position_id: uuid.UUID | None = Field(description="The match; null: none")
    choice: int | None = Field(description="Place of the match in the student's list (1 = first choice)")
    profile: dict
    explanation: list[RejectionRead] | None = Field(
        description="For each position listed above the match (all, if unmatched): why not. Schools and students only"
    )


class PositionFillRead(BaseModel):
    # Two response models are named PositionFillRead, so OpenAPI names each component after the model's module.
    # This one keeps the module it had before the schemas moved (internships.http.schemas), so the published
    # component names stay. Hence no `from __future__ import annotations` in this file: pydantic would resolve
    # the annotations in that module.
    __module__ = "internships.http.schemas"

    position_id: uuid.UUID
    enterprise_org: str
    title: str
    offered_seats: int | None
    offered_limit: str | None
    filled: int


class ResultRead(Page[MatchRead]):
    """A page of the students' matches (`items`), with the run and the seats of the positions the caller sees."""

    round_id: uuid.UUID
    run: RunRead
    published: bool = Field(description="This run is the published one")
    positions: list[PositionFillRead]

    @classmethod
    def of(cls, result: Result) -> "ResultRead":
        """The result as the handler shaped it for the caller (explanations only where it kept them)."""
        return cls(
            round_id=result.round.id,
            run=RunRead.of(result.run, published_run_id=result.round.published_run_id),
            published=result.published,
            items=[
                MatchRead(
                    school_org=m.school_org,
                    student_ref=m.student_ref,
                    position_id=m.position_id,
                    choice=m.choice,
                    profile=m.profile,
                    explanation=None if m.explanation is None else [RejectionRead(**r) for r in m.explanation],
                )
                for m in result.matches
            ],
            positions=[
                PositionFillRead(
                    position_id=f.position_id,
                    enterprise_org=f.enterprise_org,
                    title=f.title,
                    offered_seats=f.offered_seats,
                    offered_limit=f.offered_limit,
                    filled=f.filled,
                )
                for f in result.positions
            ],
            next_page_token=result.next_page_token,
        )


class MoveRead(BaseModel):
    school_org: str
    student_ref: str
    before: str | None = Field(description="Position in run a (null: none)")
    after: str | None = Field(description="Position in run b (null: none)")
    why: str


class CompareRead(Page[MoveRead]):
    """A page of the students who moved (`items`), by student."""

    run_a: RunRead
    run_b: RunRead

    @classmethod
    def of(cls, run_a, run_b, moves, next_page_token: str | None) -> "CompareRead":
        return cls(
            run_a=RunRead.of(run_a),
            run_b=RunRead.of(run_b),
            next_page_token=next_page_token,
            items=[
                MoveRead(
                    school_org=split_student_key(m.student_id)[0],
                    student_ref=split_student_key(m.student_id)[1],
                    before=m.before,
                    after=m.after,
                    why=m.why,
                )
                for m in moves
            ],
        )


class PositionPlacements(BaseModel):
    position_id: uuid.UUID
    placements: int


class PublishedRead(BaseModel):
    round: RoundRead
    run_id: uuid.UUID
    placements: int
    by_position: list[PositionPlacements]

    @classmethod
    def of(cls, done: Published) -> "PublishedRead":
        return cls(
            round=RoundRead.of(done.round),
            run_id=done.run.id,
            placements=done.placements,
            by_position=[
                PositionPlacements(position_id=pid, placements=n) for pid, n in sorted(done.by_position.items())
            ],
        )
