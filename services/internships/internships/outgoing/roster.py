"""The roster's integration event: one `internships.roster.imported` per applied batch of an import job."""

from __future__ import annotations

from datetime import datetime

from internships.domain.roster import RosterChanges
from internships.outgoing import _event
from praxis.events.v1 import roster_pb2
from praxis_common.events import IntegrationEvent


def roster_imported(school_org: str, job_id, changes: RosterChanges, at: datetime) -> IntegrationEvent:
    return _event(
        "roster.imported",
        "roster",
        school_org,
        roster_pb2.RosterImported(
            school_org=school_org,
            import_job_id=str(job_id),
            created_student_refs=[s.student_ref for s in changes.created],
            updated_student_refs=[s.student_ref for s in changes.updated],
            imported_at=at.isoformat(),
        ),
    )
