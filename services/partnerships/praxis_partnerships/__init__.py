"""Read model of partnerships (agreements), kept from the agreement events, for the services that consume them.

The agreement events (proto/praxis/events/v1/agreements.proto) are the producer's public contract; this package
is the one consumer-side projection of them. A service that needs to know who is partner with whom installs it,
keeps the `partnership` table in its own database (its migrations call `create_partnership_table`), subscribes
with `subscription(<service>)`, and serves the caller's partnerships with `router` (REST) and `list_for` +
`to_message` (gRPC). Nothing of the producing service is imported: only its event contract.
"""

from praxis_partnerships.api import PartnershipPage, list_for, router, to_message
from praxis_partnerships.read_model import (
    ACTIVATED,
    ENDED,
    Partnership,
    apply_agreement_event,
    create_partnership_table,
    metadata,
    partnership,
    partnerships_of,
    subscription,
)

__all__ = [
    "ACTIVATED",
    "ENDED",
    "Partnership",
    "PartnershipPage",
    "apply_agreement_event",
    "create_partnership_table",
    "list_for",
    "metadata",
    "partnership",
    "partnerships_of",
    "router",
    "subscription",
    "to_message",
]
