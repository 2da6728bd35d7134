"""The operator's commands beside a running deployment, reading nothing but the variables the services read: a
poison event sent to the mentors service is dead-lettered by its consumer, `praxis dlq list --service mentors`
shows it, a replay reaches the consumer again (which dead-letters it again: its cause is in the event); `praxis
outbox status` reports every service's outbox."""

from __future__ import annotations

import json

import pytest
from praxis_command import praxis

from praxis.events.v1 import placements_pb2
from praxis_common.bus_access import ADMIN_USER
from praxis_common.events import IntegrationEvent
from praxis_common.jetstream import Bus
from praxis_dev.testing.stack import eventually

pytestmark = pytest.mark.destructive  # publishes a forged event and reads the whole dead-letter stream


def deployment_env(stack) -> dict[str, str]:
    """Every service's variables, as an operator's shell beside the deployment has them (no PRAXIS_ overrides), and
    the NATS admin's user and password file, which `dlq` connects with (docs/security.md, "The bus")."""
    env: dict[str, str] = {}
    for service in stack.services.values():
        env.update(service.env)
    if stack.nats.access is not None:
        admin = stack.nats.access.password_file(ADMIN_USER)
        env.update(PRAXIS_NATS_USER=ADMIN_USER, PRAXIS_NATS_PASSWORD_FILE=str(admin))
    return env


async def letters(env: dict[str, str], *args: str) -> list[dict]:
    listed = await praxis("dlq", "list", "--json", *args, env=env)
    assert listed.returncode == 0, listed.stderr
    return [json.loads(line) for line in listed.stdout.splitlines()]


async def test_a_poison_event_is_dead_lettered_by_mentors_listed_and_replayed_to_it(stack):
    env = deployment_env(stack)
    poison = IntegrationEvent(
        source="internships",
        topic="internships.placement.confirmed",
        aggregate_type="placement",
        aggregate_id="forged",
        payload=placements_pb2.PlacementChanged(status="confirmed"),  # no placement, school or student: can never apply
    )
    row = poison.outbox_row(stack.prefix)
    bus = Bus(stack.nats_url, name="operator-e2e")
    await bus.connect()
    try:
        await bus.publish(row["subject"], row["payload"], headers=row["headers"], timeout=5)
    finally:
        await bus.close()

    async def mentors_letters() -> list[dict]:
        return [d for d in await letters(env, "--service", "mentors") if d["event_id"] == str(poison.id)]

    [letter] = await eventually(mentors_letters, timeout=30, what="mentors to dead-letter the poison event")
    assert letter["consumer"] == "mentors-placements" and letter["subject"] == row["subject"]
    assert letter["reason"].startswith("poison:") and "placement_id" in letter["reason"]
    assert letter["event_type"] == "praxis.internships.placement.confirmed.v1"

    replayed = await praxis("dlq", "replay", str(letter["id"]), env=env)
    assert replayed.returncode == 0, replayed.stderr
    assert f"replayed {letter['id']} " in replayed.stdout

    async def dead_lettered_again() -> list[dict]:
        return [d for d in await mentors_letters() if d["id"] != letter["id"]]

    [again] = await eventually(dead_lettered_again, timeout=30, what="the replay to reach mentors' consumer again")
    assert again["id"] > letter["id"] and again["consumer"] == "mentors-placements"
    assert [d["id"] for d in await mentors_letters()] == [again["id"]]  # the replayed letter left the stream


async def test_outbox_status_reports_every_service_from_the_services_variables(stack):
    env = deployment_env(stack)

    async def drained() -> list[dict] | None:
        status = await praxis("outbox", "status", "--json", env=env)
        assert status.returncode == 0, status.stderr
        reports = [json.loads(line) for line in status.stdout.splitlines()]
        return reports if all(r["unsent"] == 0 for r in reports) else None

    reports = await eventually(drained, timeout=30, what="every outbox published")
    assert [r["service"] for r in reports] == sorted(stack.services)
    assert all(r["stuck"] == 0 and r["oldest_age_seconds"] is None for r in reports)
    readable = await praxis("outbox", "status", env=env)
    for name in stack.services:
        assert f"{name}: 0 unsent; 0 stuck" in readable.stdout, readable.stdout
