"""The bus only the services can use (docs/security.md, "The bus"): a client without credentials is refused; a
service's user publishes only its own events, reads only the streams its spec says it consumes, and reads no
other user's replies. Against the test plugin's NATS server, configured as every server we ship is."""

from __future__ import annotations

from datetime import UTC, datetime

import nats
import pytest
from nats.js.api import ConsumerConfig

from praxis_common import registry
from praxis_common.bus_access import service_permissions
from praxis_common.jetstream import Bus, BusCredentials, BusRefused, service_streams, stream_name
from praxis_common.service import Runtime
from praxis_dev.testing.stack import eventually

SERVICES = registry.service_names()


def test_every_subscription_reads_a_stream_its_service_declares():
    """ServiceSpec.consumes is what the server's permissions are made from: a subscription reading a producer the
    spec does not declare would be refused by the bus at run time, so it fails here first."""
    for name in SERVICES:
        spec = registry.load(name)
        settings = spec.settings.model_construct(database_url="postgresql+asyncpg://unused/unused", jwt_public_key="-")
        rt = Runtime(settings=settings, engine=None, uow=None, bus=None, verifier=None)
        rt.clock = lambda: datetime.now(UTC)
        for sub in spec.subscriptions(rt):
            assert sub.source in spec.consumes | {name}, (
                f"{name}'s consumer {sub.durable} reads {sub.source}'s stream: add {sub.source!r} to its "
                "ServiceSpec.consumes"
            )
        assert name not in spec.consumes, f"{name}: its own stream is always readable, do not declare it"


def _matches(pattern: str, subject: str) -> bool:
    """NATS subject matching: `*` one token, `>` one or more at the end."""
    wanted, tokens = pattern.split("."), subject.split(".")
    for i, token in enumerate(wanted):
        if token == ">":
            return len(tokens) > i
        if i >= len(tokens) or token not in ("*", tokens[i]):
            return False
    return len(tokens) == len(wanted)


@pytest.mark.parametrize("other", SERVICES)
@pytest.mark.parametrize("name", SERVICES)
def test_no_user_may_publish_as_another_service_or_read_what_it_does_not_consume(name, other):
    """Every pair of services, from the generated permissions (the server enforces them: the tests below)."""
    if name == other:
        return
    user = registry.bus_user(registry.load(name))
    allowed = service_permissions(["praxis"], user)["publish"]["allow"]
    stream = stream_name("praxis", other)
    forbidden = [
        f"praxis.{other}.placement.confirmed.v1",
        f"praxis.dlq.{other}.{other}-mentoring",
        f"$JS.API.STREAM.UPDATE.{stream}",
        f"$JS.API.STREAM.CREATE.{stream}",
        f"$JS.API.STREAM.PURGE.{stream}",
        f"$JS.API.STREAM.MSG.DELETE.{stream}",
        f"$JS.API.STREAM.MSG.GET.{stream}",
        f"$JS.API.DIRECT.GET.{stream}",
    ]
    if other not in user.consumes:
        forbidden += [f"$JS.API.CONSUMER.DURABLE.CREATE.{stream}.{name}-x", f"$JS.ACK.{stream}.{name}-x.1.1.1.1.1"]
    for subject in forbidden:
        assert not any(_matches(p, subject) for p in allowed), f"{name} may publish to {subject}"
    assert service_permissions(["praxis"], user)["subscribe"]["allow"] == [f"_INBOX_{name}.>"]


@pytest.fixture(scope="module")
def bus_server(nats_server, event_prefix):
    if nats_server.access is None:
        pytest.skip("PRAXIS_TEST_NATS_URL names a server of its own: its users are not ours to check")
    nats_server.allow_prefix(event_prefix)
    return nats_server


async def _as(server, user: str, errors: list[str]) -> Bus:
    async def record(exc: Exception) -> None:
        errors.append(str(exc).lower())  # nats-py lowercases the server's -ERR text

    bus = Bus(server.bare_url, name=f"access-test-{user}", credentials=server.access.credentials(user))
    await bus.connect(timeout=10)
    bus.nc._error_cb = record  # the server reports a permissions violation asynchronously, as an error
    return bus


async def _violation(errors: list[str], what: str) -> str:
    """The server's permissions-violation error naming `what` (waited for: it arrives asynchronously)."""
    what = what.lower()

    async def named() -> str | None:
        return next((e for e in errors if what in e), None)

    found = await eventually(named, timeout=10, what=f"an error naming {what!r} (errors: {errors})")
    assert "permissions violation" in found, found
    return found


async def test_a_client_without_credentials_or_with_a_wrong_password_is_refused(bus_server):
    for options in ({}, {"user": "internships", "password": "guessed"}, {"user": "praxis-admin", "password": ""}):
        with pytest.raises(nats.errors.Error, match="Authorization Violation"):
            await nats.connect(bus_server.bare_url, allow_reconnect=False, connect_timeout=5, **options)


async def test_the_bus_client_gives_up_on_refused_credentials_at_once_and_says_so(bus_server):
    """A refused password is not retried until the deadline as an unreachable server is (nats-py would retry it
    forever): BusRefused, naming the user, long before the 60 s deadline would end it as "cannot reach"."""
    for credentials in (None, BusCredentials("internships", "guessed")):
        bus = Bus(bus_server.bare_url, name="refused-test", credentials=credentials)
        with pytest.raises(BusRefused, match="refused the credentials of (an anonymous client|internships)"):
            await bus.connect(timeout=60)


async def test_a_service_publishes_its_own_events_but_not_another_services(bus_server, event_prefix):
    admin = Bus(bus_server.url, name="access-test-admin")
    await admin.connect()
    await admin.ensure_streams(service_streams(event_prefix, "internships") + service_streams(event_prefix, "mentors"))
    errors: list[str] = []
    mentors = await _as(bus_server, "mentors", errors)
    try:
        await mentors.publish(f"{event_prefix}.mentors.assignment.made.v1", b"{}", headers={}, timeout=5)
        forged = f"{event_prefix}.internships.placement.confirmed.v1"
        with pytest.raises(nats.errors.TimeoutError):  # the server drops it: no ack ever comes
            await mentors.publish(forged, b"{}", headers={}, timeout=1)
        await _violation(errors, f'permissions violation for publish to "{forged}"')
        info = await admin.js.stream_info(stream_name(event_prefix, "internships"))
        assert info.state.messages == 0  # nothing reached internships' stream
        forged_dead_letter = f"{event_prefix}.dlq.internships.internships-mentoring"
        with pytest.raises(nats.errors.TimeoutError):
            await mentors.publish(forged_dead_letter, b"{}", headers={}, timeout=1)
        await _violation(errors, f'publish to "{forged_dead_letter}"')
    finally:
        await mentors.close()
        await admin.close()


async def test_a_service_reads_only_the_streams_it_consumes(bus_server, event_prefix):
    """projects consumes internships only: a consumer on mentors' stream, a message fetched from it directly, a core
    subscription on mentors' subjects and on another user's replies are all refused; its own consumer works."""
    assert registry.load("projects").consumes == {"internships"}
    admin = Bus(bus_server.url, name="access-test-admin")
    await admin.connect()
    mentors_stream = stream_name(event_prefix, "mentors")
    await admin.ensure_streams(service_streams(event_prefix, "internships") + service_streams(event_prefix, "mentors"))
    await admin.publish(f"{event_prefix}.mentors.assignment.made.v1", b'{"student": "s-1"}', headers={}, timeout=5)
    errors: list[str] = []
    projects = await _as(bus_server, "projects", errors)
    try:
        mine = ConsumerConfig(durable_name="projects-access-test", filter_subject=f"{event_prefix}.internships.>")
        await projects.js.add_consumer(stream_name(event_prefix, "internships"), mine)
        theirs = ConsumerConfig(durable_name="projects-snoop", filter_subject=f"{event_prefix}.mentors.>")
        with pytest.raises(nats.errors.TimeoutError):
            await projects.js.add_consumer(mentors_stream, theirs)
        await _violation(errors, f'CREATE.{mentors_stream}.projects-snoop"')
        with pytest.raises(nats.errors.TimeoutError):
            await projects.js.get_msg(mentors_stream, 1)
        await _violation(errors, f'publish to "$JS.API.STREAM.MSG.GET.{mentors_stream}"')
        await projects.nc.subscribe(f"{event_prefix}.mentors.>")
        await _violation(errors, f'subscription to "{event_prefix}.mentors.>"')
        await projects.nc.subscribe("_INBOX_mentors.>")
        await _violation(errors, 'subscription to "_INBOX_mentors.>"')
        state = (await admin.js.stream_info(mentors_stream)).state
        assert state.consumer_count == 0 and state.messages >= 1  # no consumer was made; the events are unread
    finally:
        await projects.close()
        await admin.close()


async def test_a_service_reads_scans_and_deletes_in_its_own_stream(bus_server, event_prefix):
    """What erasure needs of a service's own stream: messages by sequence, a scan with an ordered consumer, deletes."""
    admin = Bus(bus_server.url, name="access-test-admin")
    await admin.connect()
    own = stream_name(event_prefix, "mentors")
    await admin.ensure_streams(service_streams(event_prefix, "mentors"))
    await admin.close()
    errors: list[str] = []
    mentors = await _as(bus_server, "mentors", errors)
    try:
        subject = f"{event_prefix}.mentors.assignment.made.v1"
        await mentors.publish(subject, b'{"student": "s-erase"}', headers={}, timeout=5)
        last = (await mentors.js.stream_info(own)).state.last_seq
        assert (await mentors.js.get_msg(own, last)).data == b'{"student": "s-erase"}'
        scan = await mentors.js.subscribe(subject, stream=own, ordered_consumer=True)
        assert (await scan.next_msg(timeout=5)).data
        await scan.unsubscribe()
        assert await mentors.js.delete_msg(own, last)
        assert errors == []
    finally:
        await mentors.close()
