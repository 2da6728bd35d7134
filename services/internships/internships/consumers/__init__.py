"""The events this service listens to, one module per read model it keeps from them:

- mentoring       the mentors service's assignments and mentors → who reviews logbooks and attests attendance
- guidance        the mentors service's guidance sessions → value ledger minutes, base tiers' on-site guidance
- value_ledger    placements, logbook weeks, hires, positions and the projects service's teams and projects → the
                  partnership value ledger and the yearly outcomes
- credit_ledger   placement.graded, the projects service's credit.awarded and the credentials service's
                  achievement.recorded/withdrawn → the school's credit ledger, the students' recorded achievements

Each is applied once per event id through the kernel's inbox; `fields` reads an event's fields into checked values.
"""

from __future__ import annotations

from internships.consumers import credit_ledger, guidance, mentoring, value_ledger
from praxis_common.consumer import Subscription


def subscriptions() -> list[Subscription]:
    """Every durable consumer of the service."""
    return [
        mentoring.subscription(),
        guidance.subscription(),
        *value_ledger.subscriptions(),
        *credit_ledger.subscriptions(),
    ]
