"""The integration event of an export job (praxis.events.v1.ExportRequested): every service writes its part."""

from __future__ import annotations

from internships.domain.exports import ExportJob
from praxis.events.v1 import exports_pb2
from praxis_common.events import IntegrationEvent
from praxis_common.exports.worker import REQUESTED_TOPIC


def export_requested(job: ExportJob) -> IntegrationEvent:
    return IntegrationEvent(
        source="internships",
        topic=REQUESTED_TOPIC,
        aggregate_type="export",
        aggregate_id=str(job.id),
        payload=exports_pb2.ExportRequested(
            job_id=str(job.id),
            org=job.org,
            org_kind=job.org_kind,
            expires_at=job.expires_at.isoformat(),
            requested_at=job.created_at.isoformat(),
        ),
    )
