"""The `praxis` command: run the embedded default, serve or migrate one service, mint dev tokens.

praxis up                         NATS + PostgreSQL + every installed service on this machine
praxis serve <service>            one service process (REST, gRPC, relay, consumers)
praxis migrate <service>          apply that service's migrations
praxis keygen <dir>               an ES256 key pair for tokens (jwt-private.pem, jwt-public.pem)
praxis token --org … --kind …     a token the embedded default accepts
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from praxis_common import registry
from praxis_common.logs import configure_logging
from praxis_common.tokens import PRIVATE_KEY, generate_keypair, mint_token

if TYPE_CHECKING:  # the service machinery is imported by the commands that run a service, not by `praxis token`
    from praxis_common.service import ServiceSpec
    from praxis_common.settings import ServiceSettings


def state_dir() -> Path:
    return Path(os.environ.get("PRAXIS_HOME", ".praxis")).resolve()


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


def cmd_keygen(args: argparse.Namespace) -> None:
    private, public = generate_keypair(Path(args.directory))
    print(f"private key: {private}\npublic key:  {public}")


def cmd_token(args: argparse.Namespace) -> None:
    key_file = Path(args.key) if args.key else state_dir() / "keys" / PRIVATE_KEY
    if not key_file.exists():
        raise SystemExit(f"no private key at {key_file}: run `praxis up` (or `praxis keygen DIR` and pass --key)")
    print(
        mint_token(
            key_file.read_bytes(),
            org=args.org,
            org_kind=args.kind,
            roles=args.role or [],
            sub=args.sub,
            issuer=args.issuer,
            audience=args.audience,
        )
    )


def cmd_up(args: argparse.Namespace) -> None:
    from praxis_common.embedded import run_embedded

    run_embedded(state_dir(), demo=not args.no_demo)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="praxis", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("up", help="run the embedded default: NATS, PostgreSQL and all services")
    p.add_argument("--no-demo", action="store_true", help="do not print demo tokens")
    p.set_defaults(func=cmd_up)
    for name, func in (("serve", cmd_serve), ("migrate", cmd_migrate)):
        p = sub.add_parser(name, help=f"{name} one service")
        p.add_argument("service", choices=registry.service_names())
        p.set_defaults(func=func)
    p = sub.add_parser("keygen", help="write an ES256 key pair for tokens")
    p.add_argument("directory")
    p.set_defaults(func=cmd_keygen)
    p = sub.add_parser("token", help="mint a token the embedded default accepts")
    p.add_argument("--org", required=True)
    p.add_argument("--kind", required=True, choices=("school", "enterprise", "platform"))
    p.add_argument("--role", action="append", help="repeat for several roles")
    p.add_argument("--sub")
    p.add_argument("--key", help="private key PEM (default: the embedded default's)")
    p.add_argument("--issuer", default="praxis-dev")
    p.add_argument("--audience", default="praxis")
    p.set_defaults(func=cmd_token)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
