"""Erasing a school's student from the projects service (the hook of the kernel's erasure consumer; docs/erasure.md).

Memberships, evaluations, peer ratings (given and received) and credits stay under the request's pseudonym, so team
sizes, scores and credit totals stay right; names and comments about the student go, and so do their acceptances of
a project's terms. The team's work stays with the ref replaced where it names the student. Runs in the kernel's
open transaction (`u.erasure`: adapters/erasure.py); a second run changes nothing.
"""

from __future__ import annotations

from praxis_common.erasure import ErasureRequest


async def erase_student(u, request: ErasureRequest) -> dict[str, int]:
    """Table -> rows changed. `u`: the service's unit of work, open."""
    school, ref, pseudonym = request.school_org, request.student_ref, request.pseudonym
    teams = await u.erasure.teams_of(school, ref)  # before the memberships change
    changed = await u.erasure.scrub_team_work(teams, ref, pseudonym)
    changed |= {
        "team_member": await u.erasure.pseudonymise_members(teams, ref, pseudonym),
        "evaluation": await u.erasure.pseudonymise_evaluations(teams, ref, pseudonym),
        "peer_rating": await u.erasure.pseudonymise_peer_ratings(teams, ref, pseudonym),
        "credit": await u.erasure.pseudonymise_credits(school, ref, pseudonym),
        "terms_acceptance": await u.erasure.delete_terms_acceptances(school, ref),
    }
    return changed
