"""The `praxis` commands this package adds (entry points `praxis.commands`, each a Click command).

praxis up                         NATS + PostgreSQL + every installed service on this machine
praxis keygen <dir>               an ES256 key pair for tokens (jwt-private.pem, jwt-public.pem)
praxis token --org … --kind …     a token the embedded default accepts
praxis mail list|show N           the mail `praxis up`'s SMTP sink caught (the notifications service's e-mail)
"""

from __future__ import annotations

import json
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
    private, public = generate_keypair(Path(directory), development=False)
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


def mail_dir() -> Path:
    return state_dir() / "mail"


@click.group(help="The mail `praxis up`'s SMTP sink caught (in $PRAXIS_HOME/mail, .praxis/mail), oldest first.")
def mail() -> None:
    pass


@mail.command("list", help="Every message caught: number, date, from, to, subject.")
@click.option("--json", "as_json", is_flag=True, help="one JSON object per line")
def mail_list(as_json: bool) -> None:
    from praxis_dev.mail_sink import caught

    found = caught(mail_dir())
    if not found and not as_json:
        click.echo(f"no mail in {mail_dir()}")
    for m in found:
        s = m.summary
        if as_json:
            click.echo(json.dumps(s, ensure_ascii=False))
        else:
            click.echo(f"{s['number']:>4}  {s['date']}  {s['from']} -> {s['to']}  {s['subject']}")


@mail.command("show", help="Message N (from `praxis mail list`): its headers and text body.")
@click.argument("number", type=click.IntRange(min=1))
@click.option("--raw", is_flag=True, help="the whole message as received (.eml)")
def mail_show(number: int, raw: bool) -> None:
    from praxis_dev.mail_sink import caught

    found = caught(mail_dir())
    if number > len(found):
        raise click.ClickException(f"no message {number}: {len(found)} caught in {mail_dir()}")
    m = found[number - 1]
    if raw:
        click.echo(m.path.read_text(errors="replace"), nl=False)
        return
    s = m.summary
    click.echo(f"From:    {s['from']}\nTo:      {s['to']}\nDate:    {s['date']}\nSubject: {s['subject']}\n")
    click.echo(m.text)
