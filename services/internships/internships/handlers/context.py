"""What every use case is given: a factory of units of work and a clock (the kernel's types)."""

from praxis_common.uow import Clock, UowFactory, utc_clock

__all__ = ["Clock", "UowFactory", "utc_clock"]
