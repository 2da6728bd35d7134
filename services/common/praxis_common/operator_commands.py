"""`praxis dlq` and `praxis outbox`: the operator's commands for the event plumbing of a running deployment.

They read the same environment variables as the services (`<SERVICE>_NATS_URL`, `<SERVICE>_EVENT_PREFIX`,
`<SERVICE>_DATABASE_URL`), so they run beside a deployment, e.g. inside a service's container. The NATS URL and
event prefix may also be given once for all (`--nats-url`/`PRAXIS_NATS_URL`, `--event-prefix`/`PRAXIS_EVENT_PREFIX`);
otherwise the first installed service that has them set decides. A server that cannot be reached is one line on
stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from praxis_common import registry
from praxis_common.jetstream import Bus, BusCredentials, BusRefused, redacted
from praxis_common.settings import DEFAULT_NATS_URL

DEFAULT_PREFIX = "praxis"
CONNECT_SECONDS = 5.0
_RELATIVE = re.compile(r"^(\d+)\s*([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def service_variable(service: str, name: str) -> str | None:
    """The service's own environment variable `<PREFIX><NAME>` (its settings' env prefix), if set."""
    try:
        prefix = registry.env_prefix(registry.load(service))
    except (registry.UnknownService, TypeError):
        prefix = service.upper() + "_"
    return os.environ.get(prefix + name) or None


def from_services(name: str) -> str | None:
    for service in registry.service_names():
        if value := service_variable(service, name):
            return value
    return None


class Since(click.ParamType):
    """A point in time: ISO 8601 (`2026-11-30T08:00:00Z`, a date) or an age (`90s`, `15m`, `2h`, `3d`)."""

    name = "time"

    def convert(self, value, param, ctx):
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        if m := _RELATIVE.match(text):
            return datetime.now(UTC) - timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            self.fail(f"{value!r} is neither an ISO 8601 time nor an age such as 15m, 2h or 3d", param, ctx)
        return when if when.tzinfo else when.replace(tzinfo=UTC)


SINCE = Since()


def run(work: Callable[[], Awaitable[int | None]]) -> None:
    """Run the command's coroutine; its number is the exit status."""
    logging.getLogger("praxis").setLevel(logging.CRITICAL)  # the kernel's reconnect warnings are not for this reader
    code = asyncio.run(work())
    if code:
        raise SystemExit(code)


def operator_credentials() -> BusCredentials | None:
    """The operator's NATS user (the admin, docs/security.md "The bus"): PRAXIS_NATS_USER and the file
    PRAXIS_NATS_PASSWORD_FILE names; None without them (the URL may carry credentials itself)."""
    user, password_file = os.environ.get("PRAXIS_NATS_USER"), os.environ.get("PRAXIS_NATS_PASSWORD_FILE")
    if not (user and password_file):
        return None
    try:
        return BusCredentials(user, Path(password_file).read_text().strip())
    except OSError as exc:
        raise click.ClickException(f"cannot read PRAXIS_NATS_PASSWORD_FILE: {exc}") from None


async def connect(nats_url: str | None) -> Bus:
    url = nats_url or from_services("NATS_URL") or DEFAULT_NATS_URL
    try:
        bus = Bus(url, name="praxis-cli", drain_timeout=2.0, credentials=operator_credentials())
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        await bus.connect(timeout=CONNECT_SECONDS)
    except BusRefused:
        raise click.ClickException(
            f"NATS at {redacted(bus.url)} refused the credentials: set PRAXIS_NATS_USER and "
            'PRAXIS_NATS_PASSWORD_FILE to the admin\'s (docs/security.md, "The bus")'
        ) from None
    except Exception:
        raise click.ClickException(
            f"cannot reach NATS at {redacted(bus.url)} (within {CONNECT_SECONDS:.0f} s)"
        ) from None
    return bus


def prefix_of(given: str | None) -> str:
    return given or from_services("EVENT_PREFIX") or DEFAULT_PREFIX


def _nats_options(command):
    command = click.option(
        "--event-prefix",
        envvar="PRAXIS_EVENT_PREFIX",
        show_envvar=True,
        help="the deployment's subject prefix [default: $<SERVICE>_EVENT_PREFIX, else praxis]",
    )(command)
    return click.option(
        "--nats-url",
        envvar="PRAXIS_NATS_URL",
        show_envvar=True,
        help=f"NATS server(s), comma-separated [default: $<SERVICE>_NATS_URL, else {DEFAULT_NATS_URL}]",
    )(command)


def _age(seconds: float) -> str:
    s = int(seconds)
    days, hours, minutes = s // 86400, s % 86400 // 3600, s % 3600 // 60
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {s % 60}s" if minutes else f"{s}s"


def _nats_errors(bus_work):
    """Turn a NATS failure in the middle of a command into one clear line."""

    async def guarded(bus: Bus, *args):
        try:
            return await bus_work(bus, *args)
        except click.ClickException:
            raise
        except Exception as exc:
            raise click.ClickException(f"NATS at {redacted(bus.url)} failed: {type(exc).__name__}: {exc}") from None
        finally:
            await bus.close()

    return guarded


# ---- praxis dlq ---------------------------------------------------------------------------------------------------


@click.group(help="Dead-lettered events: events a consumer gave up on (poison, or failing max-deliver times).")
def dlq() -> None:
    pass


@dlq.command("list", help="List dead letters, oldest first; ID is what `praxis dlq replay` takes.")
@click.option("--service", help="only the letters of this consuming service")
@click.option("--since", type=SINCE, help="dead-lettered at or after this time (ISO 8601, or an age: 15m, 2h, 3d)")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="most letters shown")
@click.option("--json", "as_json", is_flag=True, help="one JSON object per line")
@_nats_options
def dlq_list(service, since, limit, as_json, nats_url, event_prefix):
    from praxis_common import dead_letters

    prefix = prefix_of(event_prefix)

    @_nats_errors
    async def work(bus: Bus) -> int:
        letters = await dead_letters.list_letters(bus, prefix, service=service, since=since, limit=limit)
        if as_json:
            for letter in letters:
                click.echo(json.dumps(letter.as_dict()))
            return 0
        if not letters:
            click.echo("no dead letters")
            return 0
        for d in letters:
            click.echo(
                f"{d.seq:>6}  {d.time:%Y-%m-%d %H:%M:%S}Z  {d.service}/{d.durable}  {d.event_type or '?'}  "
                f"event {d.event_id or '?'}\n        from {d.subject}\n        reason: {d.reason}"
            )
        if len(letters) == limit:
            click.echo(f"(showing the first {limit}: raise --limit, or narrow with --since or --service)")
        return 0

    async def main() -> int:
        return await work(await connect(nats_url))

    run(main)


@dlq.command("replay", help="Publish dead letters again to their original subjects, then remove them from the DLQ.")
@click.argument("ids", nargs=-1, type=click.IntRange(min=1), metavar="[ID]...")
@click.option("--all", "replay_all", is_flag=True, help="every letter (with --service and --since: those)")
@click.option("--service", help="with --all: only the letters of this consuming service")
@click.option("--since", type=SINCE, help="with --all: dead-lettered at or after this time")
@click.option("--dry-run", is_flag=True, help="say what would be replayed, change nothing")
@_nats_options
def dlq_replay(ids, replay_all, service, since, dry_run, nats_url, event_prefix):
    from praxis_common import dead_letters

    if bool(ids) == replay_all:
        raise click.UsageError("give letter IDs or --all (not both)")
    if (service or since) and not replay_all:
        raise click.UsageError("--service and --since select letters for --all")
    prefix = prefix_of(event_prefix)

    @_nats_errors
    async def work(bus: Bus) -> int:
        if replay_all:
            letters = await dead_letters.list_letters(bus, prefix, service=service, since=since)
        else:
            letters = []
            for seq in ids:
                try:
                    letters.append(await dead_letters.get_letter(bus, prefix, seq))
                except dead_letters.NoSuchLetter as exc:
                    raise click.ClickException(str(exc)) from None
        failed = 0
        for d in letters:
            what = f"{d.seq} ({d.event_type or '?'} {d.event_id or '?'}, {d.service}/{d.durable})"
            try:
                subject = dead_letters.replay_subject(prefix, d)
                if not dry_run:
                    await dead_letters.replay(bus, prefix, d)
            except ValueError as exc:
                failed += 1
                click.echo(f"skipped {what}: {exc}", err=True)
                continue
            click.echo(f"{'would replay' if dry_run else 'replayed'} {what} -> {subject}")
        if not letters:
            click.echo("no dead letters to replay")
        return 1 if failed else 0

    async def main() -> int:
        return await work(await connect(nats_url))

    run(main)


# ---- praxis outbox ------------------------------------------------------------------------------------------------


@click.group(help="Each service's transactional outbox: events committed but not yet published to NATS.")
def outbox() -> None:
    pass


@outbox.command("status", help="Per service: the unsent backlog (count, oldest age) and the stuck rows.")
@click.option("--service", "services", multiple=True, help="this service only (repeatable) [default: every installed]")
@click.option(
    "--stuck-after",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="seconds unsent after which a row counts as stuck",
)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="stuck rows shown per service")
@click.option("--json", "as_json", is_flag=True, help="one JSON object per service")
def outbox_status(services, stuck_after, limit, as_json):
    names = list(services) or list(registry.service_names())
    unknown = [s for s in names if s not in registry.service_names()]
    if unknown:
        raise click.UsageError(
            f"not installed: {', '.join(unknown)} (installed: {', '.join(registry.service_names())})"
        )
    run(lambda: _outbox_status(names, stuck_after, limit, as_json, every=not services))


async def _outbox_status(names: list[str], stuck_after: float, limit: int, as_json: bool, *, every: bool) -> int:
    """Without --service, a service whose database is not configured here is noted and skipped (an operator in
    one service's container sees that one); asked for by name, or when none is configured, it is an error."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    from praxis_common.outbox_report import backlog

    failed = 0
    urls = {name: service_variable(name, "DATABASE_URL") for name in names}
    if every and any(urls.values()):
        for name in [n for n, url in urls.items() if not url]:
            click.echo(
                f"{name}: skipped, no database configured here ({name.upper()}_DATABASE_URL is not set)", err=True
            )
            del urls[name]
    for name, url in urls.items():
        if not url:
            failed += 1
            click.echo(f"{name}: no database configured ({name.upper()}_DATABASE_URL is not set)", err=True)
            continue
        shown = make_url(url).render_as_string(hide_password=True)
        engine = create_async_engine(url, connect_args={"timeout": CONNECT_SECONDS}, pool_size=1)
        try:
            async with asyncio.timeout(CONNECT_SECONDS * 3), engine.connect() as conn:
                report = await backlog(conn, stuck_after_seconds=stuck_after, limit=limit)
        except Exception as exc:
            failed += 1
            click.echo(f"{name}: cannot read the outbox at {shown}: {type(exc).__name__}: {exc}", err=True)
            continue
        finally:
            await engine.dispose()
        if as_json:
            click.echo(json.dumps({"service": name, **report.as_dict()}))
            continue
        oldest = f", oldest {_age(report.oldest_age_seconds)} old" if report.oldest_age_seconds is not None else ""
        click.echo(f"{name}: {report.unsent} unsent{oldest}; {report.stuck} stuck (unsent > {stuck_after:g} s)")
        for r in report.stuck_rows:
            click.echo(
                f"  #{r.position} {r.subject}  {r.aggregate_type}/{r.aggregate_id}  event {r.event_id}  "
                f"{r.attempts} attempts  last error: {r.last_error or 'none recorded'}"
            )
    return 1 if failed else 0
