"""The `praxis` commands this package adds (entry points `praxis.commands`, each a Click command).

praxis up                         NATS + PostgreSQL + every installed service on this machine
praxis keygen <dir>               an ES256 key pair for tokens (jwt-private.pem, jwt-public.pem)
praxis token --org … --kind …     a token the embedded default accepts
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from praxis_dev.tokens import PRIVATE_KEY, generate_keypair, mint_token


def state_dir() -> Path:
    return Path(os.environ.get("PRAXIS_HOME", ".praxis")).resolve()


@click.command(help="Run the embedded default: NATS, PostgreSQL and all services (state in $PRAXIS_HOME, .praxis).")
@click.option("--no-demo", is_flag=True, help="do not print demo tokens")
def up(no_demo: bool) -> None:
    from praxis_dev.embedded import run_embedded

    run_embedded(state_dir(), demo=not no_demo)


@click.command(help="Write an ES256 key pair for tokens into DIRECTORY.")
@click.argument("directory", type=click.Path(file_okay=False))
def keygen(directory: str) -> None:
    private, public = generate_keypair(Path(directory))
    click.echo(f"private key: {private}\npublic key:  {public}")


@click.command(help="Mint a token the embedded default accepts.")
@click.option("--org", required=True, help="the organisation id (claim `org`)")
@click.option("--kind", required=True, type=click.Choice(("school", "enterprise", "platform")), help="claim `org_kind`")
@click.option("--role", "roles", multiple=True, help="a role (claim `roles`); repeat for several")
@click.option("--sub", help="the subject (claim `sub`)")
@click.option("--key", type=click.Path(dir_okay=False), help="private key PEM (default: the embedded default's)")
@click.option("--issuer", default="praxis-dev", show_default=True)
@click.option("--audience", default="praxis", show_default=True)
def token(
    org: str, kind: str, roles: tuple[str, ...], sub: str | None, key: str | None, issuer: str, audience: str
) -> None:
    key_file = Path(key) if key else state_dir() / "keys" / PRIVATE_KEY
    if not key_file.exists():
        raise click.ClickException(
            f"no private key at {key_file}: run `praxis up` (or `praxis keygen DIR` and pass --key)"
        )
    click.echo(
        mint_token(
            key_file.read_bytes(),
            org=org,
            org_kind=kind,
            roles=list(roles),
            sub=sub,
            issuer=issuer,
            audience=audience,
        )
    )
