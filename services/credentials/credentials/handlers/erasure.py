"""Erasing a school's student from the credentials service (the hook of the kernel's erasure consumer;
docs/erasure.md): their achievements (those events reported and those the school recorded) under the pseudonym,
their credentials' stored copies emptied (adapters/erasure.py says what stays and why). Runs in the kernel's open
transaction; a second run finds nothing."""

from __future__ import annotations

from praxis_common.erasure import ErasureRequest


async def erase_student(u, request: ErasureRequest) -> dict[str, int]:
    """Table -> rows changed. `u`: the service's unit of work, open."""
    school, ref, pseudonym = request.school_org, request.student_ref, request.pseudonym
    return {
        "achievement": await u.erasure.pseudonymise_achievements(school, ref, pseudonym),
        "credential": await u.erasure.empty_credentials(school, ref, pseudonym),
        "recorded_achievement": await u.erasure.pseudonymise_recorded(school, ref, pseudonym),
    }
