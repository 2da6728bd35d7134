"""Who may do what on the bus: one NATS user per service, its permissions derived from its ServiceSpec.

A service may publish only its own events (`<prefix>.<service>.>`) and its own dead letters
(`<prefix>.dlq.<service>.>`); it may run the JetStream API on its own stream (create, update, info, purge, read
and delete messages, scan it with short-lived consumers: the erasure feature deletes a student's messages), create
the shared dead-letter stream and look it up, create, look up and pull its durable consumers on the streams of the
services it declares in `ServiceSpec.consumes`, and ack what it pulled. Replies come to an inbox of its own
(`_INBOX_<service>.>`), so no service reads the answers another gets. It subscribes to nothing else: every
consumer is a pull consumer. The services' `coordinator` (internships) may also update the dead-letter stream,
read it and delete messages from it (erasure). The admin user (operators' `praxis dlq|outbox`, the test suite) has no
restrictions.

The same function renders the permissions for every configuration we ship (`praxis up`, the test servers,
compose, Kubernetes), so a consumer added to a service changes all of them at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from praxis_common.jetstream import dead_letter_stream, inbox_prefix, stream_name

ADMIN_USER = "praxis-admin"
# Every password praxis_dev or the compose example makes starts with this; prod refuses one that does.
DEV_PASSWORD_PREFIX = "praxis-dev-"
MIN_PROD_PASSWORD_LENGTH = 24
API = "$JS.API"


def password_variable(user: str) -> str:
    """The variable a deploy/ server config reads `user`'s password from, e.g. INTERNSHIPS_NATS_PASSWORD; its
    compose secret is the same name in lower case."""
    return user.upper().replace("-", "_") + "_NATS_PASSWORD"


@dataclass(frozen=True)
class BusUser:
    """A service's identity on the bus: its name, the producers it consumes, whether it coordinates."""

    service: str
    consumes: frozenset[str] = frozenset()
    coordinator: bool = False


def service_permissions(prefixes: Iterable[str], user: BusUser) -> dict[str, dict[str, list[str]]]:
    """The NATS `permissions` block of a service's user, for one or more deployment prefixes."""
    publish: list[str] = [f"{API}.INFO"]
    for prefix in prefixes:
        own = stream_name(prefix, user.service)
        dlq = dead_letter_stream(prefix)
        publish += [f"{prefix}.{user.service}.>", f"{prefix}.dlq.{user.service}.>"]
        publish += _keeping(own, "CREATE", "UPDATE", "INFO", "PURGE", "MSG.DELETE") + _reading(own)
        publish += _keeping(dlq, "CREATE", "INFO")
        if user.coordinator:  # erasure finds and deletes the dead letters about a student
            publish += _keeping(dlq, "UPDATE", "MSG.DELETE") + _reading(dlq)
        for source in sorted(user.consumes):
            publish += _keeping(stream_name(prefix, source), "INFO") + _consuming(stream_name(prefix, source))
    return {"publish": {"allow": publish}, "subscribe": {"allow": [f"{inbox_prefix(user.service)}.>"]}}


def _keeping(stream: str, *operations: str) -> list[str]:
    return [f"{API}.STREAM.{op}.{stream}" for op in operations]


def _consuming(stream: str) -> list[str]:
    """Durable pull consumers on `stream`: create, look up, pull, and settle what was pulled."""
    return [
        f"{API}.CONSUMER.CREATE.{stream}.>",
        f"{API}.CONSUMER.DURABLE.CREATE.{stream}.>",
        f"{API}.CONSUMER.INFO.{stream}.>",
        f"{API}.CONSUMER.MSG.NEXT.{stream}.>",
        f"$JS.ACK.{stream}.>",
    ]


def _reading(stream: str) -> list[str]:
    """All of `stream`, as a whole: messages by sequence or subject, and short-lived consumers to scan it."""
    return [
        f"{API}.STREAM.MSG.GET.{stream}",
        f"{API}.DIRECT.GET.{stream}",
        f"{API}.DIRECT.GET.{stream}.>",
        f"{API}.CONSUMER.CREATE.{stream}",
        f"{API}.CONSUMER.DELETE.{stream}.>",
        f"$JS.FC.{stream}.>",
        *_consuming(stream),
    ]


def authorization_block(
    prefixes: Iterable[str], users: Iterable[BusUser], passwords: Mapping[str, str], *, admin: bool = True
) -> str:
    """The server's `authorization { users = [...] }` text. `passwords` maps a user (a service, or ADMIN_USER) to
    what the server config says: a bcrypt hash, or a `$VARIABLE` the server reads from its environment."""
    prefixes = list(prefixes)
    entries = []
    if admin:
        entries.append(f"    {{user: {ADMIN_USER}, password: {_value(passwords[ADMIN_USER])}}}")
    for user in users:
        permissions = json.dumps(service_permissions(prefixes, user), indent=2).replace("\n", "\n      ")
        entries.append(
            f"    {{user: {user.service}, password: {_value(passwords[user.service])},\n"
            f"      permissions: {permissions}}}"
        )
    return "authorization {\n  users: [\n" + ",\n".join(entries) + "\n  ]\n}\n"


def _value(password: str) -> str:
    # A $VARIABLE stays bare (the server substitutes it); anything else is quoted (bcrypt hashes contain `$`).
    return password if password.startswith("$") and not password.startswith("$2") else json.dumps(password)
