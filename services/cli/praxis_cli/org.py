"""`praxis org`: organisation profiles in the internships service (docs/organisations.md): read your own or a
partner's, and change your own."""

from __future__ import annotations

import click

from praxis_cli.client import Api, segment, token_option
from praxis_cli.tables import json_option, print_item

SERVICE = "internships"
# What a PUT holds (it replaces the whole profile), each with its option.
EDITABLE = {
    "name_zh": ("--name-zh", "the Chinese display name"),
    "name_en": ("--name-en", "the English display name (also --name)"),
    "school_code": ("--school-code", "schools: the 10-digit national school identification code"),
    "uscc": ("--uscc", "enterprises: the unified social credit code"),
    "address": ("--address", "postal address"),
    "contact_name": ("--contact-name", "contact person"),
    "contact_phone": ("--contact-phone", "contact phone"),
    "contact_email": ("--contact-email", "contact e-mail"),
}
FIELDS = ("org", "kind", *EDITABLE, "version", "created_at", "updated_at")


@click.group(help="Organisation profiles: show yours or a partner's, set yours.")
def org() -> None:
    pass


@org.command(
    help="A profile: your organisation's, or ORG's (a partner's: an organisation you signed an agreement with)."
)
@click.argument("org_id", metavar="[ORG]", required=False)
@token_option
@json_option
def show(org_id: str | None, token: str, as_json: bool) -> None:
    with Api(SERVICE, token) as api:
        profile = api.get(f"/v1/organisations/{segment(org_id) if org_id else 'me'}")
    print_item(profile, as_json=as_json, fields=FIELDS)


def _set_options(f):
    for name, (flag, text) in reversed(EDITABLE.items()):
        flags = (flag, "--name") if name == "name_en" else (flag,)
        f = click.option(*flags, name, help=f'{text}; "" clears it')(f)
    return f


@org.command(
    "set",
    help="Change your organisation's profile: the fields given change, the others keep their values (the first set "
    "creates the profile; a school needs --school-code, an enterprise --uscc, and each a name).",
)
@_set_options
@token_option
@json_option
def set_(token: str, as_json: bool, **given: str | None) -> None:
    changes = {name: (value or None) for name, value in given.items() if value is not None}
    if not changes:
        raise click.UsageError("give at least one field to set, e.g. --name 'Sea Commerce Ltd'")
    with Api(SERVICE, token) as api:
        try:
            current = api.get("/v1/organisations/me")
        except click.ClickException as exc:
            if not exc.message.startswith("404 "):
                raise
            current = {}  # no profile yet: this PUT creates it
        body = {name: current.get(name) for name in EDITABLE} | changes
        profile = api.put("/v1/organisations/me", json=body)
    print_item(profile, as_json=as_json, fields=FIELDS)
