"""The caller's partnerships over REST (GET /v1/partnerships) and as a consuming service's gRPC message."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncEngine

from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.http import PrincipalDep
from praxis_common.pages import Page
from praxis_common.queries import PageSize, PageToken
from praxis_partnerships.read_model import Partnership, partnerships_of


class PartnershipPage(Page[Partnership]):
    """A page of partnerships, by agreement id."""


def router(engine: AsyncEngine) -> APIRouter:
    r = APIRouter(prefix="/v1/partnerships", tags=["partnerships"])

    @r.get(
        "",
        operation_id="listPartnerships",
        response_model=PartnershipPage,
        summary="The caller's partnerships (active agreements) as this service knows them",
    )
    async def list_(
        principal: PrincipalDep, include_ended: bool = False, page_size: PageSize = 50, page_token: PageToken = None
    ) -> PartnershipPage:
        items, token = await list_for(
            engine, principal, include_ended=include_ended, page_size=page_size, page_token=page_token
        )
        return PartnershipPage(items=items, next_page_token=token)

    return r


async def list_for(
    engine: AsyncEngine,
    principal: Principal,
    *,
    include_ended: bool,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Partnership], str | None]:
    """A page of the caller's partnerships, and the next page's token."""
    after = pages.decode_page_token(page_token, str)[0] if page_token else None
    async with engine.connect() as conn:
        found = await partnerships_of(conn, principal, include_ended=include_ended, after=after, limit=page_size + 1)
    return pages.next_page(found, page_size, lambda p: (p.agreement_id,))


def to_message(message_type, p: Partnership):
    """A Partnership as the caller's proto message (mentors.v1 and projects.v1 each define one)."""
    return message_type(
        agreement_id=p.agreement_id,
        school_org=p.school_org,
        enterprise_org=p.enterprise_org,
        valid_from=_iso(p.valid_from),
        valid_to=_iso(p.valid_to),
        intern_quota=p.intern_quota or 0,
        active=p.active,
        activated_at=_iso(p.activated_at),
        ended_at=_iso(p.ended_at),
    )


def _iso(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""
