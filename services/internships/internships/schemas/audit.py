"""Response bodies of the audit log of cross-organisation reads (docs/audit.md), shared by REST and gRPC."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from praxis_common.audit import AuditEntry, Verification
from praxis_common.pages import Page
from praxis_common.validation import StudentRef


class AuditQuery(BaseModel):
    """The filter of a list of reads (gRPC validates its request with it; REST's query takes the same type)."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef | None = None


class AuditReadEntry(BaseModel):
    seq: int = Field(description="the entry's place in the chain")
    at: datetime
    actor: str = Field(description="who read: the token subject")
    actor_org: str
    actor_org_kind: str
    owner_org: str = Field(description="whose data was read: the caller's organisation")
    owner_org_kind: str
    subject_kind: str = Field(description="student")
    subject_ref: str = Field(description="the student_ref whose data was read (never the data itself)")
    resource_kind: str = Field(description="placement | logbook")
    resource_id: str
    action: str
    route: str = Field(description="the REST route template or the gRPC method the read came through")
    hash: str

    @classmethod
    def of(cls, e: AuditEntry) -> AuditReadEntry:
        return cls(
            seq=e.seq,
            at=e.at,
            actor=e.actor,
            actor_org=e.actor_org,
            actor_org_kind=e.actor_org_kind,
            owner_org=e.owner_org,
            owner_org_kind=e.owner_org_kind,
            subject_kind=e.subject_kind,
            subject_ref=e.subject_ref,
            resource_kind=e.resource_kind,
            resource_id=e.resource_id,
            action=e.action,
            route=e.route,
            hash=e.hash,
        )


class AuditReadPage(Page[AuditReadEntry]):
    pass


class AuditVerification(BaseModel):
    ok: bool
    entries: int = Field(description="entries checked: all of them when ok, those before the break otherwise")
    broken_at: int | None = Field(None, description="seq of the first entry whose hash or link does not hold")

    @classmethod
    def of(cls, v: Verification) -> AuditVerification:
        return cls(ok=v.ok, entries=v.entries, broken_at=v.broken_at)
