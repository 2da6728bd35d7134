"""gRPC service praxis.internships.v1.WeeklyReportsService: protobuf → schemas.weekly_reports → the same handlers as
REST → protobuf."""

from __future__ import annotations

from internships.domain.weekly_reports import ReportKind, ReportStatus, WeeklyReport
from internships.handlers import report_reviews, weekly_reports
from internships.rpc.messages import Servicer, decimal, optional, ts
from internships.schemas.weekly_reports import (
    MinimumIn,
    WeeklyReportCommentIn,
    WeeklyReportIn,
    WeeklyReportReviewIn,
    WeekStart,
)
from praxis.internships.v1 import weekly_reports_pb2 as pb
from praxis.internships.v1 import weekly_reports_pb2_grpc as pb_grpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_KIND_TO_PB = {k: getattr(pb, f"WEEKLY_REPORT_KIND_{k.name}") for k in ReportKind}
_KIND_FROM_PB = {pb.WEEKLY_REPORT_KIND_UNSPECIFIED: "weekly"} | {v: k.value for k, v in _KIND_TO_PB.items()}
_STATUS_TO_PB = {s: getattr(pb, f"WEEKLY_REPORT_STATUS_{s.name}") for s in ReportStatus}
_DECISION_FROM_PB = {pb.WEEKLY_REPORT_DECISION_ACCEPTED: "accepted", pb.WEEKLY_REPORT_DECISION_RETURNED: "returned"}


def report_to_pb(r: WeeklyReport) -> pb.WeeklyReport:
    return pb.WeeklyReport(
        id=str(r.id),
        placement_id=str(r.placement_id),
        kind=_KIND_TO_PB[r.kind],
        period_start=r.period_start.isoformat(),
        period_end=r.period_end.isoformat(),
        text=r.text,
        evidence=r.evidence,
        duties=r.duties,
        status=_STATUS_TO_PB[r.status],
        submitted_at=ts(r.submitted_at),
        submitted_by=r.submitted_by,
        reviewed_at=ts(r.reviewed_at),
        reviewed_by=r.reviewed_by or "",
        review_comments=r.review_comments or "",
        score=r.score,
        reviewer_mentor_id=str(r.reviewer_mentor_id or ""),
        comments=[
            pb.WeeklyReportComment(
                id=str(c.id),
                body=c.body,
                side=c.side,
                author=c.author,
                mentor_id=str(c.mentor_id or ""),
                created_at=ts(c.created_at),
            )
            for c in r.comments
        ],
    )


def _kind(value: int) -> str | int:
    return _KIND_FROM_PB.get(value, value)  # an unknown number fails the schema's validation, naming `kind`


def _rate(r) -> pb.WeeklyReviewRate:
    return pb.WeeklyReviewRate(
        mentor_id=str(r.mentor_id or ""),
        mentor_account=r.mentor_account or "",
        filed=r.filed,
        accepted=r.accepted,
        returned=r.returned,
        pending=r.pending,
        rate=decimal(r.rate),
    )


class WeeklyReportsServicer(Servicer, pb_grpc.WeeklyReportsServiceServicer):
    """praxis.internships.v1.WeeklyReportsService."""

    async def FileWeeklyReport(self, request: pb.FileWeeklyReportRequest, context) -> pb.FileWeeklyReportResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(WeekStart, {"week_start": request.week_start})
        body = validate(
            WeeklyReportIn,
            {
                "kind": _kind(request.kind),
                "text": request.text,
                "evidence": list(request.evidence),
                "duties": list(request.duties),
            },
        )
        filed = await weekly_reports.file_report(
            placement_id, body.to_command(week.week_start), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.FileWeeklyReportResponse(report=report_to_pb(filed))

    async def ReviewWeeklyReport(self, request: pb.ReviewWeeklyReportRequest, context) -> pb.ReviewWeeklyReportResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(WeekStart, {"week_start": request.week_start})
        body = validate(
            WeeklyReportReviewIn,
            {
                "kind": _kind(request.kind),
                "decision": _DECISION_FROM_PB.get(request.decision, ""),
                "comments": request.comments or None,  # proto3: "" is "no comments"
                "score": optional(request, "score"),
            },
        )
        reviewed = await weekly_reports.review_report(
            placement_id, body.to_command(week.week_start), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.ReviewWeeklyReportResponse(report=report_to_pb(reviewed))

    async def CommentWeeklyReport(
        self, request: pb.CommentWeeklyReportRequest, context
    ) -> pb.CommentWeeklyReportResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(WeekStart, {"week_start": request.week_start})
        body = validate(WeeklyReportCommentIn, {"kind": _kind(request.kind), "text": request.text})
        commented = await weekly_reports.comment_report(
            placement_id, body.to_command(week.week_start), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.CommentWeeklyReportResponse(report=report_to_pb(commented))

    async def GetWeeklyReports(self, request: pb.GetWeeklyReportsRequest, context) -> pb.GetWeeklyReportsResponse:
        found = await weekly_reports.get_reports(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow
        )
        return pb.GetWeeklyReportsResponse(
            placement_id=str(found.placement.id),
            reports=[report_to_pb(r) for r in found.reports],
            weekly_accepted=found.weekly_accepted,
            weekly_filed=found.weekly_filed,
            school_mentor_id=str(found.school_mentor_id or ""),
        )

    async def GetReviewQueue(self, request: pb.GetReviewQueueRequest, context) -> pb.GetReviewQueueResponse:
        queue = await report_reviews.review_queue(principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.GetReviewQueueResponse(
            pending=[
                pb.PendingWeeklyReport(
                    report_id=str(p.report_id),
                    placement_id=str(p.placement_id),
                    student_ref=p.student_ref,
                    kind=_KIND_TO_PB[ReportKind(p.kind)],
                    period_start=p.period_start.isoformat(),
                    submitted_at=ts(p.submitted_at),
                    waiting_hours=str(p.waiting_hours(queue.now)),
                    mentor_id=str(p.mentor_id or ""),
                    mentor_account=p.mentor_account or "",
                )
                for p in queue.pending
            ],
            teachers=[
                pb.TeacherReviewQueue(
                    mentor_id=str(t.mentor_id or ""),
                    mentor_account=t.mentor_account or "",
                    pending=t.pending,
                    oldest_waiting_hours=str(t.oldest_waiting_hours),
                )
                for t in queue.teachers
            ],
        )

    async def GetReviewRates(self, request: pb.GetReviewRatesRequest, context) -> pb.GetReviewRatesResponse:
        rates = await report_reviews.review_rates(principal(), uow=self.rt.uow)
        return pb.GetReviewRatesResponse(teachers=[_rate(t) for t in rates.teachers], school=_rate(rates.school))

    async def GetWeeklyReportShortfalls(
        self, request: pb.GetWeeklyReportShortfallsRequest, context
    ) -> pb.GetWeeklyReportShortfallsResponse:
        given = optional(request, "minimum")
        minimum = validate(MinimumIn, {"minimum": given}).minimum
        found = await report_reviews.report_shortfalls(principal(), uow=self.rt.uow, minimum=minimum)
        return pb.GetWeeklyReportShortfallsResponse(
            minimum=minimum,
            placements=[
                pb.WeeklyReportShortfall(
                    placement_id=str(s.placement_id),
                    student_ref=s.student_ref,
                    status=s.status,
                    starts_on=s.starts_on.isoformat(),
                    ends_on=s.ends_on.isoformat(),
                    accepted=s.accepted,
                    filed=s.filed,
                    minimum=s.minimum,
                    missing=s.missing,
                )
                for s in found
            ],
        )
