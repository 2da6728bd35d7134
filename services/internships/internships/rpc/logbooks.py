"""gRPC methods of placement logbooks: protobuf → schemas.logbooks → handler → protobuf."""

from __future__ import annotations

from internships.domain.logbooks import LogbookWeek, WeekStatus
from internships.handlers import feeds as logbook_feed
from internships.handlers import logbooks as logbook_handlers
from internships.rpc.messages import Servicer, decimal, tombstone_to_pb, ts
from internships.schemas.logbooks import LogbookWeekIn, ReviewIn, Week
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import pages
from praxis_common.feeds import Tombstone
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_WEEK_STATUS_TO_PB = {s: getattr(pb, f"LOGBOOK_WEEK_STATUS_{s.name}") for s in WeekStatus}


def week_to_pb(w: LogbookWeek) -> pb.LogbookWeek:
    return pb.LogbookWeek(
        week_start=w.week_start.isoformat(),
        status=_WEEK_STATUS_TO_PB[w.status],
        lines=[
            pb.LogLine(day=ln.day.isoformat(), duty=ln.duty, hours=str(ln.hours), start=ts(ln.start), end=ts(ln.end))
            for ln in w.lines
        ],
        total_hours=str(w.total_hours),
        core_hours=str(w.core_hours),
        submitted_at=ts(w.submitted_at),
        submitted_by=w.submitted_by,
        reviewed_at=ts(w.reviewed_at),
        reviewed_by=w.reviewed_by or "",
        comments=w.comment or "",
        reviewed_on_behalf=w.reviewed_on_behalf,
        reviewer_mentor_id=str(w.reviewer_mentor_id or ""),
    )


class LogbooksServicer(Servicer):
    async def FileLogbookWeek(self, request: pb.FileLogbookWeekRequest, context) -> pb.FileLogbookWeekResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(Week, {"week_start": request.week_start})
        body = validate(
            LogbookWeekIn,
            {
                "lines": [
                    {
                        "day": ln.day,
                        "duty": ln.duty,
                        "hours": ln.hours,
                        "start": ln.start or None,  # proto3: "" is "not given"
                        "end": ln.end or None,
                    }
                    for ln in request.lines
                ]
            },
        )
        filed = await logbook_handlers.file_week(
            placement_id,
            week.week_start,
            body.to_command(),
            principal(),
            uow=self.rt.uow,
            policy=self.compliance,
            clock=self.rt.clock,
        )
        return pb.FileLogbookWeekResponse(week=week_to_pb(filed))

    async def ReviewLogbookWeek(self, request: pb.ReviewLogbookWeekRequest, context) -> pb.ReviewLogbookWeekResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(Week, {"week_start": request.week_start})
        body = validate(  # proto3: "" is "no comments"
            ReviewIn, {"comments": request.comments or None, "on_behalf_of_mentor": request.on_behalf_of_mentor}
        )
        reviewed = await logbook_handlers.review_week(
            placement_id,
            week.week_start,
            principal(),
            approve=request.approve,
            comment=body.comments,
            on_behalf_of_mentor=body.on_behalf_of_mentor,
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.ReviewLogbookWeekResponse(week=week_to_pb(reviewed))

    async def GetLogbook(self, request: pb.GetLogbookRequest, context) -> pb.GetLogbookResponse:
        if request.updated_since:
            changes = await logbook_feed.logbook_week_changes(
                parse_uuid(request.placement_id, "placement_id"),
                logbook_feed.Feed(request.updated_since, pages.page_size(request.page_size)),
                principal(),
                uow=self.rt.uow,
            )
            return pb.GetLogbookResponse(
                placement_id=request.placement_id,
                changes=[
                    pb.LogbookWeekChange(deleted=tombstone_to_pb(c))
                    if isinstance(c, Tombstone)
                    else pb.LogbookWeekChange(week=week_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        book = await logbook_handlers.get_logbook(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow
        )
        return pb.GetLogbookResponse(
            placement_id=str(book.placement.id),
            weeks=[week_to_pb(w) for w in book.weeks],
            approved_hours=str(book.approved_hours),
            approved_core_hours=str(book.approved_core_hours),
            core_work_share=decimal(book.core_work_share),
            enterprise_mentor_id=str(book.enterprise_mentor_id or ""),
        )
