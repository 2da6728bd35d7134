"""`praxis webhooks`: an organisation's webhook endpoints, their delivery log, test events and replays, through the
notifications service's REST API (docs/notifications.md). The caller is an admin of the organisation."""

from __future__ import annotations

import time
import uuid
from datetime import datetime
from typing import Any

import click

from praxis_cli.client import Api, segment, token_option
from praxis_cli.tables import Column, json_option, print_item, print_list
from praxis_common.operator_commands import SINCE

SERVICE = "notifications"
WEBHOOK_FIELDS = (
    "id",
    "url",
    "description",
    "event_types",
    "status",
    "disabled_reason",
    "created_at",
    "updated_at",
    "previous_secret_expires_at",
)
WEBHOOK_COLUMNS: list[Column] = [
    ("ID", "id"),
    ("STATUS", "status"),
    ("URL", "url"),
    ("EVENTS", "event_types"),
    ("DESCRIPTION", "description"),
]


def _last_attempt(d: dict[str, Any]) -> str:
    if not d.get("attempts"):
        return ""
    last = d["attempts"][-1]
    return str(last.get("status_code") or last.get("error") or "no answer")


DELIVERY_COLUMNS: list[Column] = [
    ("ID", "id"),
    ("CREATED", "created_at"),
    ("EVENT", "event_type"),
    ("STATUS", "status"),
    ("ATTEMPTS", lambda d: len(d.get("attempts") or [])),
    ("LAST", _last_attempt),
    ("WEBHOOK-ID", "webhook_id"),
]


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def print_delivery(d: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        print_item(d, as_json=True)
        return
    print_item(d, as_json=False, fields=[f for f in d if f != "attempts"])
    for a in d.get("attempts") or []:
        answer = a.get("status_code") or "no answer"
        error = f"  {a['error']}" if a.get("error") else ""
        click.echo(f"  attempt {a['number']}  {a['at']}  {answer}  {a['latency_ms']} ms{error}")


@click.group(help="Your organisation's webhooks: list, create, test-send, read deliveries, replay (admins).")
def webhooks() -> None:
    pass


@webhooks.command("list", help="Your organisation's webhook endpoints, oldest first (secrets are never listed).")
@token_option
@json_option
def list_(token: str, as_json: bool) -> None:
    with Api(SERVICE, token) as api:
        print_list(api.pages("/v1/webhooks"), WEBHOOK_COLUMNS, as_json=as_json, empty="no webhooks")


@webhooks.command(help="One webhook endpoint.")
@click.argument("webhook_id")
@token_option
@json_option
def show(webhook_id: str, token: str, as_json: bool) -> None:
    with Api(SERVICE, token) as api:
        print_item(api.get(f"/v1/webhooks/{segment(webhook_id)}"), as_json=as_json, fields=WEBHOOK_FIELDS)


@webhooks.command(help="Register an endpoint for one or more event types; prints its signing secret, shown this once.")
@click.argument("url")
@click.option("--event", "events", multiple=True, required=True, help="an event type (repeat for several)")
@click.option("--description", default="", help="what the endpoint is, for your admins")
@token_option
@json_option
def create(url: str, events: tuple[str, ...], description: str, token: str, as_json: bool) -> None:
    body = {"url": url, "description": description, "event_types": list(events)}
    with Api(SERVICE, token) as api:
        # One key per invocation: the client's own retry of this request cannot register the endpoint twice.
        made = api.post("/v1/webhooks", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    print_item(made, as_json=as_json, fields=[*WEBHOOK_FIELDS, "secret"])
    if not as_json:
        click.echo("keep the secret: it is shown only this once (`praxis webhooks rotate-secret` makes a new one)")


@webhooks.command(help="A webhook's delivery log, newest first, each with its attempts' outcome.")
@click.argument("webhook_id")
@click.option("--since", type=SINCE, help="only deliveries queued at or after TIME (ISO 8601, or an age: 15m, 2h, 3d)")
@click.option("--limit", type=click.IntRange(min=1), help="at most this many deliveries")
@token_option
@json_option
def deliveries(webhook_id: str, since: datetime | None, limit: int | None, token: str, as_json: bool) -> None:
    def wanted(api: Api):
        for count, d in enumerate(api.pages(f"/v1/webhooks/{segment(webhook_id)}/deliveries")):
            if (since and parse_time(d["created_at"]) < since) or (limit and count >= limit):
                return  # newest first: everything after this one is older
            yield d

    with Api(SERVICE, token) as api:
        print_list(wanted(api), DELIVERY_COLUMNS, as_json=as_json, empty="no deliveries")


@webhooks.command(
    "test-send",
    help="Send a `praxis.webhook.test` event to the endpoint, signed and logged like any delivery. With --wait, "
    "follow it until it succeeds (exit 0) or fails (exit 1).",
)
@click.argument("webhook_id")
@click.option("--wait", type=click.FloatRange(min=0), default=0, show_default=True, help="seconds to follow it")
@token_option
@json_option
def test_send(webhook_id: str, wait: float, token: str, as_json: bool) -> None:
    with Api(SERVICE, token) as api:
        delivery = api.post(f"/v1/webhooks/{segment(webhook_id)}/test")
        deadline = time.monotonic() + wait
        while wait and delivery["status"] == "pending" and time.monotonic() < deadline:
            time.sleep(0.5)  # the delivery worker's pace; bounded by --wait
            delivery = next(
                (d for d in api.pages(f"/v1/webhooks/{segment(webhook_id)}/deliveries") if d["id"] == delivery["id"]),
                delivery,
            )
    print_delivery(delivery, as_json=as_json)
    if wait and delivery["status"] != "succeeded":
        raise click.ClickException(f"the test delivery is {delivery['status']} after {wait:g} s")


@webhooks.command(
    help="Send deliveries again: one (--delivery DID, the same body under the same webhook-id), or every delivery "
    "of WEBHOOK_ID queued since TIME (--since)."
)
@click.argument("webhook_id", required=False)
@click.option("--delivery", "delivery_id", help="the delivery to send again")
@click.option("--since", type=SINCE, help="with WEBHOOK_ID: every delivery queued at or after TIME")
@token_option
@json_option
def replay(webhook_id: str | None, delivery_id: str | None, since: datetime | None, token: str, as_json: bool) -> None:
    if delivery_id and not webhook_id and not since:
        with Api(SERVICE, token) as api:
            print_delivery(api.post(f"/v1/webhook-deliveries/{segment(delivery_id)}/replay"), as_json=as_json)
        return
    if webhook_id and since and not delivery_id:
        with Api(SERVICE, token) as api:
            result = api.post(f"/v1/webhooks/{segment(webhook_id)}/replay", json={"since": since.isoformat()})
        print_item(result, as_json=as_json)
        return
    raise click.UsageError("give either --delivery DID, or WEBHOOK_ID with --since TIME")


@webhooks.command("rotate-secret", help="A new signing secret (shown this once); the old one signs too for a while.")
@click.argument("webhook_id")
@token_option
@json_option
def rotate_secret(webhook_id: str, token: str, as_json: bool) -> None:
    with Api(SERVICE, token) as api:
        print_item(api.post(f"/v1/webhooks/{segment(webhook_id)}/rotate-secret"), as_json=as_json)


def _set_enabled(webhook_id: str, enabled: bool, token: str, as_json: bool) -> None:
    with Api(SERVICE, token) as api:
        changed = api.request("PATCH", f"/v1/webhooks/{segment(webhook_id)}", json={"enabled": enabled}).json()
    print_item(changed, as_json=as_json, fields=WEBHOOK_FIELDS)


@webhooks.command(help="Stop delivering to the endpoint (deliveries that come due meanwhile fail).")
@click.argument("webhook_id")
@token_option
@json_option
def disable(webhook_id: str, token: str, as_json: bool) -> None:
    _set_enabled(webhook_id, False, token, as_json)


@webhooks.command(help="Deliver to the endpoint again (also after it was disabled for failing).")
@click.argument("webhook_id")
@token_option
@json_option
def enable(webhook_id: str, token: str, as_json: bool) -> None:
    _set_enabled(webhook_id, True, token, as_json)
