"""Erasing a school's student from the mentors service (the hook of the kernel's erasure consumer; docs/erasure.md).

The student's placement context, assignments and team memberships keep their rows under the request's pseudonym
(mentor loads, team sizes and session minutes stay right); guidance notes and reasons about the student are
emptied. Runs in the kernel's open transaction (`u.erasure`: adapters/erasure.py); a second run changes nothing.
"""

from __future__ import annotations

from praxis_common.erasure import ErasureRequest


async def erase_student(u, request: ErasureRequest) -> dict[str, int]:
    """Table -> rows changed. `u`: the service's unit of work, open."""
    school, ref, pseudonym = request.school_org, request.student_ref, request.pseudonym
    reach = await u.erasure.reach(school, ref)  # before the refs change: what is the student's, and their teams'
    return {
        "mentoring_context": await u.erasure.pseudonymise_contexts(school, ref, pseudonym),
        "assignment": await u.erasure.pseudonymise_assignments(reach.own, pseudonym),
        "assignment_history": await u.erasure.scrub_history(reach, ref, pseudonym),
        "guidance_session": await u.erasure.scrub_sessions(reach, ref, pseudonym),
    }
