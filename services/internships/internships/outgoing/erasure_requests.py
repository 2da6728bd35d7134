"""The erasure request's integration event: `internships.student.erasure_requested`, which every taking-part
service (this one included) consumes through the kernel's erasure consumer (praxis_common.erasure)."""

from __future__ import annotations

from internships.domain.erasure_requests import ErasureRequest
from internships.outgoing import _event
from praxis.events.v1 import erasure_pb2
from praxis_common import erasure


def erasure_requested(r: ErasureRequest) -> object:
    return _event(
        erasure.REQUESTED,
        "erasure",
        r.id,
        erasure_pb2.StudentErasureRequested(
            erasure_id=str(r.id),
            school_org=r.school_org,
            student_ref=r.student_ref or "",
            requested_at=r.requested_at.isoformat(),
        ),
    )
