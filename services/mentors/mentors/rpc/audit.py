"""gRPC methods of the audit log of cross-organisation reads (praxis.mentors.v1.AuditService): the kernel's
(praxis_common.audit_api), on this service's messages."""

from __future__ import annotations

from praxis.mentors.v1 import audit_pb2 as pb
from praxis.mentors.v1 import audit_pb2_grpc as pb_grpc
from praxis_common.audit_api import AuditReadsServicer


class AuditServicer(AuditReadsServicer, pb_grpc.AuditServiceServicer):
    """praxis.mentors.v1.AuditService."""

    pb = pb
