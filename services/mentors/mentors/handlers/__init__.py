"""Use cases of the mentors service: one async function per command or query, each in a unit of work.

REST, gRPC and the event consumers call these; they take already-validated commands and a Principal."""

from praxis_common.uow import Clock, UnitOfWork, UowFactory, utc_clock

Unit = UnitOfWork  # transitional: the service's own unit of work replaces it

__all__ = ["Clock", "Unit", "UowFactory", "utc_clock"]
