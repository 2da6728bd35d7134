"""The `praxis` commands this package adds (entry points `praxis.commands`): each registers its subparser.

praxis up                         NATS + PostgreSQL + every installed service on this machine
praxis keygen <dir>               an ES256 key pair for tokens (jwt-private.pem, jwt-public.pem)
praxis token --org … --kind …     a token the embedded default accepts
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from praxis_dev.tokens import PRIVATE_KEY, generate_keypair, mint_token


def state_dir() -> Path:
    return Path(os.environ.get("PRAXIS_HOME", ".praxis")).resolve()


def up(sub) -> None:
    p = sub.add_parser("up", help="run the embedded default: NATS, PostgreSQL and all services")
    p.add_argument("--no-demo", action="store_true", help="do not print demo tokens")
    p.set_defaults(func=_up)


def _up(args: argparse.Namespace) -> None:
    from praxis_dev.embedded import run_embedded

    run_embedded(state_dir(), demo=not args.no_demo)


def keygen(sub) -> None:
    p = sub.add_parser("keygen", help="write an ES256 key pair for tokens")
    p.add_argument("directory")
    p.set_defaults(func=_keygen)


def _keygen(args: argparse.Namespace) -> None:
    private, public = generate_keypair(Path(args.directory))
    print(f"private key: {private}\npublic key:  {public}")


def token(sub) -> None:
    p = sub.add_parser("token", help="mint a token the embedded default accepts")
    p.add_argument("--org", required=True)
    p.add_argument("--kind", required=True, choices=("school", "enterprise", "platform"))
    p.add_argument("--role", action="append", help="repeat for several roles")
    p.add_argument("--sub")
    p.add_argument("--key", help="private key PEM (default: the embedded default's)")
    p.add_argument("--issuer", default="praxis-dev")
    p.add_argument("--audience", default="praxis")
    p.set_defaults(func=_token)


def _token(args: argparse.Namespace) -> None:
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
