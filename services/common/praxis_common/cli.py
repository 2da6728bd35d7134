"""The `praxis` command: serve or migrate one service; installed packages add commands of their own.

praxis serve <service>            one service process (REST, gRPC, relay, consumers)
praxis migrate <service>          apply that service's migrations

Commands registered under the entry-point group `praxis.commands` (a function given the subparsers) join these:
the dev package (praxis_dev, not in service images) adds `praxis up`, `praxis keygen` and `praxis token`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from praxis_common import registry
from praxis_common.logs import configure_logging

COMMANDS = "praxis.commands"

if TYPE_CHECKING:  # the service machinery is imported by the commands that run a service only
    from praxis_common.service import ServiceSpec
    from praxis_common.settings import ServiceSettings


def load_service(name: str) -> tuple[ServiceSpec, ServiceSettings]:
    """(spec, settings) of an installed service (registry.py: found by its entry point)."""
    try:
        spec = registry.load(name)
    except registry.UnknownService as exc:
        raise SystemExit(str(exc)) from None
    try:
        return spec, spec.settings()
    except Exception as exc:  # pydantic's message names the variables
        raise SystemExit(f"{name}: bad settings:\n{exc}") from exc


def cmd_serve(args: argparse.Namespace) -> None:
    from praxis_common.service import run as run_service

    spec, settings = load_service(args.service)
    configure_logging(args.service, settings.log_level)
    run_loop(run_service(spec, settings))


def run_loop(coro) -> None:
    """uvloop where it is installed (uvicorn[standard] brings it; it halves the per-request cost of sockets),
    else asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(coro)
    else:
        uvloop.run(coro)


def cmd_migrate(args: argparse.Namespace) -> None:
    from praxis_common import migrations

    spec, settings = load_service(args.service)
    configure_logging(args.service, settings.log_level)
    if spec.migrations is not None:
        migrations.upgrade(spec.migrations, settings.database_url)
    print(f"{args.service}: migrations applied")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="praxis", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in (("serve", cmd_serve), ("migrate", cmd_migrate)):
        p = sub.add_parser(name, help=f"{name} one service")
        p.add_argument("service", choices=registry.service_names())
        p.set_defaults(func=func)
    for command in sorted(entry_points(group=COMMANDS), key=lambda e: e.name):
        command.load()(sub)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
