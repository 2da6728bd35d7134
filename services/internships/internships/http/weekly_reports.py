"""REST routes for weekly reports (/v1/placements/{id}/weekly-reports) and their review reports (/v1/reports/…)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from internships.handlers import report_reviews, weekly_reports
from internships.schemas.weekly_reports import (
    ReviewQueueRead,
    ReviewRatesRead,
    ShortfallRead,
    ShortfallsRead,
    WeeklyReportCommentIn,
    WeeklyReportIn,
    WeeklyReportRead,
    WeeklyReportReviewIn,
    WeeklyReportsRead,
)
from praxis_common.http import PrincipalDep
from praxis_common.service import Runtime
from praxis_common.validation import Date

PATH = "/v1/placements/{placement_id}/weekly-reports"


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["weekly reports"])

    @r.put(
        PATH + "/{week_start}",
        operation_id="fileWeeklyReport",
        response_model=WeeklyReportRead,
        summary="File a weekly or monthly report",
        responses={
            403: {"description": "not the student nor the student's school"},
            409: {"description": "report-accepted or placement-not-reporting (problem+json)"},
            422: {
                "description": "the field at fault: text too long, a link not https, an unknown duty, a period "
                "outside the placement"
            },
        },
    )
    async def file(
        placement_id: uuid.UUID, week_start: Date, body: WeeklyReportIn, principal: PrincipalDep
    ) -> WeeklyReportRead:
        """The student (or the student's school on their behalf) files the narrative of a week (`week_start` = its
        Monday) or, with `kind: monthly`, of a calendar month (`week_start` = its first day), of an active or
        completed placement. A returned report filed again is submitted again; an accepted one is final (409)."""
        return WeeklyReportRead.of(
            await weekly_reports.file_report(
                placement_id, body.to_command(week_start), principal, uow=rt.uow, clock=rt.clock
            )
        )

    @r.post(
        PATH + "/{week_start}/review",
        operation_id="reviewWeeklyReport",
        response_model=WeeklyReportRead,
        summary="Accept or return a report (the assigned school mentor)",
        responses={
            403: {"description": "a party of the placement, but not its assigned school mentor"},
            409: {"description": "report-not-submitted (problem+json)"},
        },
    )
    async def review(
        placement_id: uuid.UUID, week_start: Date, body: WeeklyReportReviewIn, principal: PrincipalDep
    ) -> WeeklyReportRead:
        """The placement's assigned school mentor (the mentors service's assignment; the token's `sub` is the
        mentor's account) accepts a submitted report, optionally with a `score` 0–100, or returns it with
        `comments`."""
        return WeeklyReportRead.of(
            await weekly_reports.review_report(
                placement_id, body.to_command(week_start), principal, uow=rt.uow, clock=rt.clock
            )
        )

    @r.post(
        PATH + "/{week_start}/comments",
        operation_id="commentWeeklyReport",
        status_code=201,
        response_model=WeeklyReportRead,
        summary="Comment on a report (an assigned mentor)",
        responses={403: {"description": "a party of the placement, but not one of its assigned mentors"}},
    )
    async def comment(
        placement_id: uuid.UUID, week_start: Date, body: WeeklyReportCommentIn, principal: PrincipalDep
    ) -> WeeklyReportRead:
        """The placement's assigned enterprise mentor (or its assigned school mentor) adds a comment to a report in
        any state; the report is answered with its comments."""
        return WeeklyReportRead.of(
            await weekly_reports.comment_report(
                placement_id, body.to_command(week_start), principal, uow=rt.uow, clock=rt.clock
            )
        )

    @r.get(
        PATH,
        operation_id="getWeeklyReports",
        response_model=WeeklyReportsRead,
        summary="A placement's weekly and monthly reports",
    )
    async def reports(placement_id: uuid.UUID, principal: PrincipalDep) -> WeeklyReportsRead:
        """To the placement's school, enterprise and student: every report with its comments, and the counts of
        weekly reports accepted and filed."""
        return WeeklyReportsRead.of(await weekly_reports.get_reports(placement_id, principal, uow=rt.uow))

    @r.get(
        "/v1/reports/review-queue",
        operation_id="getReviewQueue",
        response_model=ReviewQueueRead,
        summary="Reports waiting for review, with waiting time",
    )
    async def queue(principal: PrincipalDep) -> ReviewQueueRead:
        """A teacher's own pending reports (the placements they are the assigned school mentor of), oldest first,
        with the hours each has waited; a school admin or coordinator gets the school's, with a line per teacher."""
        return ReviewQueueRead.of(await report_reviews.review_queue(principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/v1/reports/review-rates",
        operation_id="getReviewRates",
        response_model=ReviewRatesRead,
        summary="Review rate per teacher and school",
    )
    async def rates(principal: PrincipalDep) -> ReviewRatesRead:
        """For the school's staff: reports filed, accepted, returned and pending per assigned school mentor and for
        the school, and the review rate (accepted + returned) / filed."""
        return ReviewRatesRead.of(await report_reviews.review_rates(principal, uow=rt.uow))

    @r.get(
        "/v1/reports/weekly-report-shortfalls",
        operation_id="getWeeklyReportShortfalls",
        response_model=ShortfallsRead,
        summary="Placements below the minimum report count",
    )
    async def shortfalls(
        principal: PrincipalDep,
        minimum: Annotated[
            int | None,
            Query(
                ge=1,
                le=100,
                description="accepted weekly reports required of every placement (overrides the programmes')",
            ),
        ] = None,
    ) -> ShortfallsRead:
        """The school's active and completed placements with fewer accepted weekly reports than their minimum: the
        programme requirement for the placement's type and cohort (`min_weekly_reports`), or 12 (校友邦's figure)
        where none applies; `minimum` overrides both."""
        found = await report_reviews.report_shortfalls(principal, uow=rt.uow, minimum=minimum)
        return ShortfallsRead(minimum=minimum, placements=[ShortfallRead.of(s) for s in found])

    return r
