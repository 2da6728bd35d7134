"""Organisation profiles (domain/organisations.py) → integration events."""

from __future__ import annotations

from internships.domain.organisations import ProfileUpdated
from internships.outgoing import _event, integration_event
from praxis.events.v1 import (
    organisations_pb2,
)
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: ProfileUpdated, **context) -> IntegrationEvent:
    p = event.profile
    return _event(
        "organisation.profile_updated",
        "organisation",
        p.org,
        organisations_pb2.OrganisationProfileUpdated(
            org=p.org,
            kind=p.kind.value,
            name_zh=p.name_zh or "",
            name_en=p.name_en or "",
            school_code=p.school_code or "",
            uscc=p.uscc or "",
            version=p.version,
            updated_at=p.updated_at.isoformat(),
        ),
    )
