"""An export job's state and progress as the services' reports arrive (internships.domain.exports)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from internships.domain.exports import ExportJob, ReportedPart

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SERVICES = ["mentors", "internships", "projects", "notifications"]


def job() -> ExportJob:
    return ExportJob.start(org="s", org_kind="school", by="admin", services=SERVICES, now=NOW, ttl=timedelta(days=7))


def ready(service: str) -> ReportedPart:
    return ReportedPart(service, [], NOW)


def test_a_job_is_running_until_every_expected_service_reported_its_part():
    j = job()
    assert (j.state(NOW), j.progress, set(j.service_states().values())) == ("running", 0.0, {"requested"})
    for i, service in enumerate(sorted(SERVICES), start=1):
        j.parts[service] = ready(service)
        assert j.progress == i / 4
    assert j.state(NOW) == "ready" and set(j.service_states().values()) == {"ready"}


def test_one_failed_part_fails_the_job_and_a_job_past_its_expiry_is_expired():
    j = job()
    j.parts["mentors"] = ready("mentors")
    j.parts["projects"] = ReportedPart("projects", [], None, "DivisionByZeroError while writing the part")
    assert j.state(NOW) == "failed" and j.service_states()["projects"] == "failed" and j.progress == 0.25
    assert job().state(NOW + timedelta(days=7)) == "expired"
