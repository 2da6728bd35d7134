"""When a placement's evaluations are due and accepted: the one rule the calendar job and the score check share.

  midterm  due at the placement's mid-point (start + half its length, rounded down); scores accepted from that day
  final    due on its last day; scores accepted from 7 days before it
Each window closes 14 days after it is due: scores after that are still taken (shown as late by notifications)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from internships.domain.placements import Placement
from praxis_common.errors import Conflict

FINAL_EARLY = timedelta(days=7)
CLOSES_AFTER = timedelta(days=14)


class Window(StrEnum):
    MIDTERM = "midterm"
    FINAL = "final"


class WindowNotOpen(Conflict):
    code, title = "window-not-open", "The evaluation window is not open yet"


@dataclass(frozen=True)
class WindowDates:
    window: Window
    due_on: date  # when the calendar announces it (evaluation.due)
    opens_on: date  # the first day scores are accepted
    closes_on: date


@dataclass(frozen=True)
class EvaluationDue:
    """The calendar announced a window of a placement; `parties` still owe their scores."""

    placement: Placement
    dates: WindowDates
    parties: tuple[str, ...]
    at: datetime


def windows_of(starts_on: date, ends_on: date) -> dict[Window, WindowDates]:
    mid = starts_on + timedelta(days=(ends_on - starts_on).days // 2)
    final_opens = max(mid, ends_on - FINAL_EARLY)
    return {
        Window.MIDTERM: WindowDates(Window.MIDTERM, mid, mid, mid + CLOSES_AFTER),
        Window.FINAL: WindowDates(Window.FINAL, ends_on, final_opens, ends_on + CLOSES_AFTER),
    }


def check_open(window: Window, starts_on: date, ends_on: date, today: date) -> WindowDates:
    """The window's dates, if scores are accepted for it `today`; WindowNotOpen (409) naming the day otherwise."""
    dates = windows_of(starts_on, ends_on)[window]
    if today < dates.opens_on:
        raise WindowNotOpen(
            f"the {window} evaluation of this placement opens on {dates.opens_on.isoformat()}",
            opens_on=str(dates.opens_on),
        )
    return dates


def due(starts_on: date, ends_on: date, today: date) -> list[WindowDates]:
    """The windows whose due day has come by `today`, midterm first."""
    return [d for d in windows_of(starts_on, ends_on).values() if d.due_on <= today]
