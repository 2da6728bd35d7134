"""gRPC methods for credit records: listed, and exported as CSV or JSON like GET /v1/credits/export."""

from __future__ import annotations

from praxis.projects.v1 import projects_pb2 as pb
from praxis_common import feeds
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid
from projects.domain.credits import Credit
from projects.handlers import credits as credit_handlers
from projects.rpc.common import Servicer, dec, ts
from projects.schemas.credits import CreditExport, CreditRead


def credit_to_pb(c: Credit) -> pb.Credit:
    return pb.Credit(
        id=str(c.id),
        student_ref=c.student_ref,
        school_org=c.school_org,
        enterprise_org=c.enterprise_org,
        project_id=str(c.project_id),
        project_title=c.project_title,
        team_id=str(c.team_id),
        credits=dec(c.credits),
        score=dec(c.score),
        awarded_on=ts(c.awarded_on),
    )


class CreditMethods(Servicer):
    async def ListCredits(self, request: pb.ListCreditsRequest, context) -> pb.ListCreditsResponse:
        project_id = parse_uuid(request.project_id, "project_id") if request.project_id else None
        if not 0 <= request.page_size <= 500:
            raise InvalidInput("bad page size", errors=[FieldError("page_size", "1 to 500")])
        feeds.one_of(request.updated_since or None, request.page_token)
        if request.updated_since:
            changes = await credit_handlers.credit_changes(
                principal(),
                request.updated_since,
                uow=self.rt.uow,
                project_id=project_id,
                page_size=request.page_size or 100,
            )
            return pb.ListCreditsResponse(
                changes=[
                    pb.CreditChange(deleted=pb.Tombstone(id=str(c.id), changed_at=ts(c.changed_at)))
                    if isinstance(c, feeds.Tombstone)
                    else pb.CreditChange(credit=credit_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        found, token = await credit_handlers.list_credits(
            principal(),
            uow=self.rt.uow,
            project_id=project_id,
            page_size=request.page_size or 100,
            page_token=request.page_token or None,
        )
        return pb.ListCreditsResponse(credits=[credit_to_pb(c) for c in found], next_page_token=token or "")

    async def ExportCredits(self, request: pb.ExportCreditsRequest, context) -> pb.ExportCreditsResponse:
        project_id = parse_uuid(request.project_id, "project_id") if request.project_id else None
        found = await credit_handlers.export_credits(principal(), uow=self.rt.uow, project_id=project_id)
        if request.format == pb.EXPORT_FORMAT_JSON:
            body = CreditExport(
                exported_at=self.rt.clock(),
                org=principal().org,
                count=len(found),
                credits=[CreditRead.of(c) for c in found],
            )
            return pb.ExportCreditsResponse(
                content_type="application/json", content=body.model_dump_json().encode(), count=len(found)
            )
        return pb.ExportCreditsResponse(
            content_type="text/csv; charset=utf-8",
            content=credit_handlers.credits_csv(found).encode(),
            count=len(found),
        )
