"""Use cases of the internships service: one async function per command or query, each in a unit of work.

REST and gRPC edges both call these; they take already-validated commands and a Principal."""

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

__all__ = [
    "Clock",
    "UowFactory",
    "apply_calendar",
    "draft_agreement",
    "get_agreement",
    "list_agreements",
    "sign_agreement",
    "terminate_agreement",
    "utc_clock",
]
