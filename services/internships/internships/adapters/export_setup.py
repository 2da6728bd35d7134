"""What the export edges need from the running service's settings (read at each call, so the edges can be assembled
without the service running): the job policy and the reader of every service's part (praxis_common.exports)."""

from __future__ import annotations

from datetime import timedelta

from internships.handlers.exports import ExportPolicy
from praxis_common.exports.client import PartSources
from praxis_common.service import Runtime


class ExportSetup:
    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def policy(self) -> ExportPolicy:
        s = self._rt.settings
        return ExportPolicy(
            services=s.export_service_names, ttl=timedelta(hours=s.export_ttl_hours), max_ready=s.export_max_ready
        )

    def sources(self) -> PartSources:
        s = self._rt.settings
        return PartSources(
            self._rt.engine, "internships", s.export_targets(), deadline_seconds=s.export_part_deadline_seconds
        )
