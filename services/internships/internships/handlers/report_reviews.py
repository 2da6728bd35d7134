"""Review reports over a school's weekly reports: the review queue (a teacher's own; per teacher for the school's
admins and coordinators), review rates per teacher and for the school, and the placements short of the minimum
count of accepted weekly reports. Schools only: the rows are their students' (queries: adapters/weekly_reports.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from internships.domain.report_reviews import (
    DEFAULT_MINIMUM_REPORTS,
    PendingReport,
    ReviewRate,
    Shortfall,
    TeacherQueue,
    teacher_queues,
)
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden
from praxis_common.uow import Clock, UowFactory, utc_clock

SCHOOL_VIEW_ROLES = ("admin", "coordinator")  # see every teacher's queue
TEACHER_ROLES = ("teacher",)  # see their own queue


@dataclass(frozen=True)
class ReviewQueue:
    pending: list[PendingReport]  # oldest first
    teachers: list[TeacherQueue]  # empty for a teacher's own queue
    now: datetime


@dataclass(frozen=True)
class ReviewRates:
    teachers: list[ReviewRate]
    school: ReviewRate


async def review_queue(principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> ReviewQueue:
    whole_school = _school_staff(principal)
    async with uow() as u:
        pending = await u.weekly_reports.pending(principal.org, mentor_account=None if whole_school else principal.sub)
    now = clock()
    return ReviewQueue(pending, teacher_queues(pending, now) if whole_school else [], now)


async def review_rates(principal: Principal, *, uow: UowFactory) -> ReviewRates:
    _school_staff(principal)
    async with uow() as u:
        teachers = await u.weekly_reports.rates(principal.org)
    school = ReviewRate(
        None,
        None,
        sum(t.filed for t in teachers),
        sum(t.accepted for t in teachers),
        sum(t.returned for t in teachers),
        sum(t.pending for t in teachers),
    )
    return ReviewRates(teachers, school)


async def report_shortfalls(principal: Principal, *, uow: UowFactory, minimum: int | None = None) -> list[Shortfall]:
    """Placements below their minimum of accepted weekly reports: `minimum` if given, else the programme
    requirement that applies to the placement (its type and cohort), else DEFAULT_MINIMUM_REPORTS."""
    _school_staff(principal)
    async with uow() as u:
        return await u.weekly_reports.shortfalls(principal.org, minimum, DEFAULT_MINIMUM_REPORTS)


def _school_staff(principal: Principal) -> bool:
    """True for the school's admins and coordinators (the whole school), False for a teacher (their own)."""
    if principal.org_kind != "school" or not principal.has_any_role(*SCHOOL_VIEW_ROLES, *TEACHER_ROLES):
        raise Forbidden("review reports are for a school's admins, coordinators and teachers")
    return principal.has_any_role(*SCHOOL_VIEW_ROLES)
