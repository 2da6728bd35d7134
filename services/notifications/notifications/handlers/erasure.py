"""Erasing a school's student from the notifications service (the hook of the kernel's erasure consumer;
docs/erasure.md).

What this service keeps about a student only serves the person: their directory entry and preferences, reminder
facts and mails about or to them, webhook deliveries naming them: all deleted. Runs in the kernel's open transaction
(`u.erasure`: adapters/erasure.py); a second run finds nothing.
"""

from __future__ import annotations

from praxis_common.erasure import ErasureRequest


async def erase_student(u, request: ErasureRequest) -> dict[str, int]:
    """Table -> rows deleted. `u`: the service's unit of work, open."""
    school, ref = request.school_org, request.student_ref
    return {
        **await u.erasure.delete_account(school, ref),
        "notification": await u.erasure.delete_notifications(school, ref),
        "reminder_fact": await u.erasure.delete_facts(school, ref),
        "webhook_delivery": await u.erasure.delete_deliveries(school, ref),
    }
