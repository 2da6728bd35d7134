"""Document repository: schools' agreement templates, placements' document versions and their signatures."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import agreement_template as tpl_t
from internships.adapters.course_tables import placement_document as doc_t
from internships.adapters.course_tables import placement_signature as sig_t
from internships.domain.documents import OnBehalfOf, PlacementDocument, Signature, SigningParty


class DocumentRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    # -- templates

    async def template(self, school_org: str, locale: str) -> dict | None:
        row = (
            await self.connection.execute(
                select(tpl_t).where(tpl_t.c.school_org == school_org, tpl_t.c.locale == locale)
            )
        ).first()
        return dict(row._mapping) if row else None

    async def put_template(
        self, *, school_org: str, locale: str, source: str, sha256: str, at: datetime, by: str
    ) -> None:
        row = dict(school_org=school_org, locale=locale, source=source, sha256=sha256, updated_at=at, updated_by=by)
        stmt = insert(tpl_t).values(row)
        await self.connection.execute(
            stmt.on_conflict_do_update(
                index_elements=[tpl_t.c.school_org, tpl_t.c.locale],
                set_={k: stmt.excluded[k] for k in ("source", "sha256", "updated_at", "updated_by")},
            )
        )

    # -- document versions

    async def current(self, placement_id: uuid.UUID, *, with_pdf: bool = True) -> PlacementDocument | None:
        """The latest version (never voided: a version is voided only when a newer one is added)."""
        columns = list(doc_t.c) if with_pdf else [c for c in doc_t.c if c.name != "pdf"]
        row = (
            await self.connection.execute(
                select(*columns).where(doc_t.c.placement_id == placement_id).order_by(doc_t.c.version.desc()).limit(1)
            )
        ).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data.setdefault("pdf", b"")
        return PlacementDocument(**data)

    async def add(self, document: PlacementDocument) -> None:
        await self.connection.execute(doc_t.insert().values({c.name: getattr(document, c.name) for c in doc_t.c}))

    async def void(self, placement_id: uuid.UUID, version: int, at: datetime) -> list[Signature]:
        """Mark the version and its live signatures voided; the signatures voided."""
        await self.connection.execute(
            update(doc_t)
            .where(doc_t.c.placement_id == placement_id, doc_t.c.version == version, doc_t.c.voided_at.is_(None))
            .values(voided_at=at)
        )
        rows = await self.connection.execute(
            update(sig_t)
            .where(
                sig_t.c.placement_id == placement_id,
                sig_t.c.document_version == version,
                sig_t.c.voided_at.is_(None),
            )
            .values(voided_at=at)
            .returning(*sig_t.c)
        )
        return sorted((_signature(r) for r in rows), key=lambda s: s.signed_at)

    # -- signatures

    async def signatures(self, placement_id: uuid.UUID, version: int) -> list[Signature]:
        rows = await self.connection.execute(
            select(sig_t)
            .where(sig_t.c.placement_id == placement_id, sig_t.c.document_version == version)
            .order_by(sig_t.c.signed_at, sig_t.c.party)
        )
        return [_signature(r) for r in rows]

    async def add_signature(self, s: Signature) -> bool:
        """Insert the party's signature of the version; False when the party already signed it."""
        row = {c.name: getattr(s, c.name) for c in sig_t.c}
        row["id"] = s.id or uuid.uuid4()
        row["party"] = s.party.value
        row["on_behalf_of"] = s.on_behalf_of.value if s.on_behalf_of else None
        result = await self.connection.execute(insert(sig_t).values(row).on_conflict_do_nothing())
        return result.rowcount == 1


def _signature(row) -> Signature:
    data = dict(row._mapping)
    data["party"] = SigningParty(data["party"])
    data["on_behalf_of"] = OnBehalfOf(data["on_behalf_of"]) if data["on_behalf_of"] else None
    return Signature(**data)
