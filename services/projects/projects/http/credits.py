"""REST routes for credit records (/v1/credits): listed and exported (CSV or JSON) for a school's academic system."""

from __future__ import annotations

import asyncio
import re
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from praxis_common import bulk
from praxis_common.feeds import feed_items, one_of
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageToken, UpdatedSince
from praxis_common.service import Runtime
from projects.handlers import credits as handlers
from projects.schemas.credits import CreditChanges, CreditExport, CreditPage, CreditRead


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/credits", tags=["credits"])

    @r.get(
        "",
        operation_id="listCredits",
        response_model=CreditPage | CreditChanges,
        summary="Credit records you can see; with updated_since, the changes since a cursor",
    )
    async def list_(
        principal: PrincipalDep,
        project_id: uuid.UUID | None = None,
        page_size: Annotated[int, Query(ge=1, le=500)] = 100,
        page_token: PageToken = None,
        updated_since: UpdatedSince = None,
    ) -> CreditPage | CreditChanges:
        """Newest first: a school's staff see their students' credits (also of projects the enterprise no longer
        shares), a student their own, an enterprise's staff those earned on its projects."""
        one_of(updated_since, page_token)
        if updated_since is not None:
            changes = await handlers.credit_changes(
                principal, updated_since, uow=rt.uow, project_id=project_id, page_size=page_size
            )
            return CreditChanges(
                items=feed_items(changes.items, CreditRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        items, token = await handlers.list_credits(
            principal, uow=rt.uow, project_id=project_id, page_size=page_size, page_token=page_token
        )
        return CreditPage(items=[CreditRead.of(c) for c in items], next_page_token=token)

    @r.get(
        "/export",
        operation_id="exportCredits",
        summary="Export credit records as CSV or JSON",
        response_model=CreditExport,
        responses={
            200: {
                "content": {
                    "text/csv": {
                        "example": "student_ref,school_org,project_id,project_title,enterprise_org,team_id,credits,"
                        "score,awarded_on\r\n2024-0117,school-a,…,Lazada store,ent-b,…,2.00,81.40,2027-07-01\r\n"
                    }
                },
                "description": "format=json: the records as JSON; format=csv: RFC 4180 CSV with a header row",
            }
        },
    )
    async def export(
        principal: PrincipalDep,
        format: Literal["csv", "json"] = "csv",
        project_id: uuid.UUID | None = None,
    ) -> Response:
        """Every credit record you can see, oldest first, for an academic system: columns student_ref, school_org,
        project_id, project_title, enterprise_org, team_id, credits, score (0 to 100), awarded_on."""
        found = await handlers.export_credits(principal, uow=rt.uow, project_id=project_id)
        now = rt.clock()
        name = f"credits-{re.sub(r'[^A-Za-z0-9._-]', '_', principal.org)}-{now.date().isoformat()}"
        # Every record at once: written in a worker thread, so a large school's export never holds the event loop.
        if format == "csv":
            return Response(
                await asyncio.to_thread(handlers.credits_csv, found),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
            )
        return await bulk.json_response(
            lambda: CreditExport(
                exported_at=now, org=principal.org, count=len(found), credits=[CreditRead.of(c) for c in found]
            ),
            sliced="credits",
            headers={"Content-Disposition": f'attachment; filename="{name}.json"'},
        )

    return r
