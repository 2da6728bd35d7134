"""Use cases of the internships service: one async function per command or query, each in a unit of work.

REST, gRPC and the event consumer call these; they take already-validated commands and a Principal, and reach
the database only through the unit of work they open (`async with uow() as u`, `u.placements`, …)."""

from internships.handlers.agreements import (
    Clock,
    UowFactory,
    apply_calendar,
    draft_agreement,
    get_agreement,
    list_agreements,
    sign_agreement,
    terminate_agreement,
    utc_clock,
)
from internships.handlers.organisations import get_own_profile, get_profile, put_own_profile

__all__ = [
    "Clock",
    "UowFactory",
    "apply_calendar",
    "draft_agreement",
    "get_agreement",
    "get_own_profile",
    "get_profile",
    "list_agreements",
    "put_own_profile",
    "sign_agreement",
    "terminate_agreement",
    "utc_clock",
]
