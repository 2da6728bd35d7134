"""The evaluation calendar: a periodic job that announces each active placement's midterm window at its mid-point
and its final window at its end (domain/evaluation_windows.py), once each, emitting evaluation.due.

Safe in every process at once: a window is recorded in evaluation_window (keyed by placement and window) in the
same transaction as its event; a second runner's insert finds the row and emits nothing."""

from __future__ import annotations

from internships.domain.evaluation_windows import EvaluationDue, due
from internships.handlers.placement_evaluations import rubric_of
from internships.outgoing import integration_event
from praxis_common.uow import Clock, UowFactory, utc_clock
from praxis_evaluation import Scorer, weights_by_scorer

OWED = (Scorer.SCHOOL_MENTOR, Scorer.ENTERPRISE_MENTOR, Scorer.SELF)  # the parties a notification reminds


async def open_windows(*, uow: UowFactory, clock: Clock = utc_clock, batch: int = 200) -> int:
    """Announce every window that has come; returns how many were announced."""
    opened = 0
    while True:
        now = clock()
        async with uow() as u:
            placements = await u.evaluations.due_candidates(now.date(), batch)
            for p in placements:
                announced = await u.evaluations.announced(p.id)
                for dates in due(p.starts_on, p.ends_on, now.date()):
                    if dates.window in announced:
                        continue
                    if await u.evaluations.announce(p.id, dates.window, dates.due_on, at=now):
                        rubric, _ = await rubric_of(u, p)
                        parties = tuple(s.value for s in weights_by_scorer(rubric.indicators) if s in OWED)
                        u.emit(integration_event(EvaluationDue(p, dates, parties, now)))
                        opened += 1
            await u.commit()
        if len(placements) < batch:
            return opened
