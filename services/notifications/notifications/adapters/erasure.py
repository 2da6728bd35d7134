"""The SQL of erasing one school's student from the notifications service's tables (docs/erasure.md,
"## notifications").

Everything this service keeps about a student only serves the person, so it is deleted: their directory entry and
preferences (a student's account is their student_ref at their school), the reminder facts and notifications about
them or to them, and the webhook deliveries whose payload names them. A row is the school's when it names the
school: a directory entry, preference or notification by its `org` and `org_kind` (the recipient's organisation,
a school), a fact or a
notification about the student by its context's `school_org` (a context written before contexts named the school
counts as the school's: the ref alone decides), a webhook delivery by its payload's `school_org`.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, func, or_
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.adapters.orm import (
    directory_user,
    notification,
    notification_preference,
    owned,
    reminder_fact,
    webhook_delivery,
)
from notifications.domain.orgs import SCHOOL, Org


def _about(context, school_org: str, student_ref: str):
    """A JSON context naming the student (and the school, or no school at all)."""
    return and_(
        context["student_ref"].astext == student_ref,
        func.coalesce(func.nullif(context["school_org"].astext, ""), school_org) == school_org,
    )


class ErasureRepository:
    """`u.erasure`: the statements of the notifications service's erasure hook (handlers/erasure.py)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def _count(self, statement) -> int:
        return (await self.connection.execute(statement)).rowcount

    async def delete_account(self, school_org: str, student_ref: str) -> dict[str, int]:
        """The student's directory entry (name, e-mail) and their preferences."""
        return {
            t.name: await self._count(delete(t).where(owned(t, Org(school_org, SCHOOL)), t.c.account == student_ref))
            for t in (directory_user, notification_preference)
        }

    async def delete_notifications(self, school_org: str, student_ref: str) -> int:
        """Mails to the student, and mails to anyone about the student (their context names them)."""
        n = notification
        to_them = and_(owned(n, Org(school_org, SCHOOL)), n.c.account == student_ref)
        return await self._count(delete(n).where(or_(to_them, _about(n.c.context, school_org, student_ref))))

    async def delete_facts(self, school_org: str, student_ref: str) -> int:
        f = reminder_fact
        return await self._count(delete(f).where(_about(f.c.context, school_org, student_ref)))

    async def delete_deliveries(self, school_org: str, student_ref: str) -> int:
        """Webhook deliveries (their attempts go with them) whose payload is about the student: the pending ones
        too, so the ref reaches no receiver after the erasure."""
        d = webhook_delivery
        data = d.c.body.cast(JSONB)["data"]
        about = and_(data["student_ref"].astext == student_ref, data["school_org"].astext == school_org)
        # strpos first: only bodies holding the ref are parsed as JSON.
        return await self._count(delete(d).where(func.strpos(d.c.body, student_ref) > 0, about))
