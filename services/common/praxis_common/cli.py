"""The `praxis` command (Click): serve or migrate one service, inspect the event plumbing; installed packages add
commands of their own.

praxis serve <service>            one service process (REST, gRPC, relay, consumers)
praxis migrate <service>          apply that service's migrations
praxis dlq list|replay            dead-lettered events: read them, send them back to their consumers
praxis outbox status              per service: the unsent backlog and the stuck rows
praxis completion bash|zsh|fish   the shell completion script

Commands registered under the entry-point group `praxis.commands` (each a Click command) join these: the dev
package (praxis_dev, not in service images) adds `praxis up`, `praxis keygen` and `praxis token`.
Click rather than Typer: it is already in every image (uvicorn depends on it), so the CLI adds no package, and a
plugin command is a plain `click.Command`, imported when it runs (`Commands`).
"""

from __future__ import annotations

import asyncio
import sys
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING

import click

from praxis_common import registry
from praxis_common.logs import configure_logging

COMMANDS = "praxis.commands"
# The kernel's own commands that are imported only when they run, as the installed packages' are (Commands); they
# win over an installed package's command of the same name.
_OPERATOR_COMMANDS = [
    EntryPoint("dlq", "praxis_common.operator_commands:dlq", COMMANDS),
    EntryPoint("outbox", "praxis_common.operator_commands:outbox", COMMANDS),
]
SHELLS = ("bash", "zsh", "fish")

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


def run_loop(coro) -> None:
    """uvloop where it is installed (uvicorn[standard] brings it; it halves the per-request cost of sockets),
    else asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(coro)
    else:
        uvloop.run(coro)


class ServiceName(click.ParamType):
    """An installed service; the choices are read when the command runs (or completes), not at import."""

    name = "service"

    def convert(self, value, param, ctx):
        names = registry.service_names()
        if value not in names:
            self.fail(f"{value!r} is not an installed service (installed: {', '.join(names) or 'none'})", param, ctx)
        return value

    def shell_complete(self, ctx, param, incomplete):
        return [click.shell_completion.CompletionItem(n) for n in registry.service_names() if n.startswith(incomplete)]


SERVICE = ServiceName()


class Commands(click.Group):
    """The group's own commands, the operator commands and those of installed packages (entry points), each of the
    last two imported only when it runs or is listed: `praxis serve <service>`, started for every service process,
    imports none of the others' code."""

    @staticmethod
    def _lazy() -> dict[str, EntryPoint]:
        return {e.name: e for e in [*entry_points(group=COMMANDS), *_OPERATOR_COMMANDS]}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._lazy()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and name in (lazy := self._lazy()):
            command = lazy[name].load()
        return command


@click.group(cls=Commands, help=__doc__.split("\n\n")[0], context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    pass


@main.command(help="Run one service process: REST, gRPC, the outbox relay and the event consumers.")
@click.argument("service", type=SERVICE)
def serve(service: str) -> None:
    from praxis_common.service import run as run_service

    spec, settings = load_service(service)
    configure_logging(service, settings.log_level)
    run_loop(run_service(spec, settings))


@main.command(help="Apply a service's database migrations (its <SERVICE>_DATABASE_URL).")
@click.argument("service", type=SERVICE)
def migrate(service: str) -> None:
    from praxis_common import migrations

    spec, settings = load_service(service)
    configure_logging(service, settings.log_level)
    if spec.migrations is not None:
        migrations.upgrade(spec.migrations, settings.database_url)
    click.echo(f"{service}: migrations applied")


@main.command(
    help='Print the shell completion script, e.g. `eval "$(praxis completion bash)"` in ~/.bashrc '
    "(zsh: ~/.zshrc; fish: `praxis completion fish > ~/.config/fish/completions/praxis.fish`)."
)
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    click.echo(cls(main, {}, "praxis", "_PRAXIS_COMPLETE").source())


if __name__ == "__main__":
    sys.exit(main(prog_name="praxis"))
