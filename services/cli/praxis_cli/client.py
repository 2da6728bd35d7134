"""The REST client every people-facing command uses: where each service is, the caller's token, and errors as one line.

Where: `--<service>-url`-free by design; each service's base URL is `PRAXIS_<SERVICE>_URL` (e.g.
PRAXIS_INTERNSHIPS_URL=https://praxis.example.edu/internships), else the service's default port on 127.0.0.1 (what
`praxis up` starts). Who: the bearer token from `--token` or `PRAXIS_TOKEN`. A problem+json answer (RFC 9457) becomes
a ClickException naming the status, title and detail (exit status 1), never a traceback; so does an unreachable server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import click
import httpx

from praxis_common import registry

TIMEOUT_SECONDS = 30.0


def service_url(service: str) -> str:
    """The base URL of a service's REST API (no trailing slash)."""
    configured = os.environ.get(f"PRAXIS_{service.upper()}_URL")
    if configured:
        return configured.rstrip("/")
    try:
        http_port = registry.default_ports(registry.load(service))["HTTP_PORT"]
    except (registry.UnknownService, TypeError):
        raise click.ClickException(
            f"where is the {service} service? set PRAXIS_{service.upper()}_URL (e.g. https://host/{service})"
        ) from None
    return f"http://127.0.0.1:{http_port}"


def segment(value: str) -> str:
    """A caller-given id as one path segment (`a/../b` or `..` stays one segment, not a way to another route)."""
    return quote(value, safe="") if value not in {".", ".."} else value.replace(".", "%2E")


def problem_text(response: httpx.Response) -> str:
    """`409 Conflict: the week is approved` from a problem+json body, or the status and the first of the body."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and ("title" in body or "detail" in body):
        text = f"{response.status_code} {body.get('title') or response.reason_phrase}"
        if body.get("detail"):
            text += f": {body['detail']}"
        for error in body.get("errors") or []:
            if isinstance(error, dict):
                text += f"\n  {error.get('field', '?')}: {error.get('message', '')}"
        return text
    return f"{response.status_code} {response.reason_phrase}: {response.text[:500]}"


class Api:
    """One service's REST API as the caller: `Api("internships", token).get("/v1/agreements")`."""

    def __init__(self, service: str, token: str | None, *, timeout: float = TIMEOUT_SECONDS) -> None:
        self.service = service
        self.base_url = service_url(service)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout)

    def __enter__(self) -> Api:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise click.ClickException(f"{self.service} at {self.base_url}: {exc or type(exc).__name__}") from None
        if response.status_code >= 400:
            raise click.ClickException(problem_text(response))
        return response

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs).json()

    def post(self, path: str, **kwargs: Any) -> Any:
        response = self.request("POST", path, **kwargs)
        return response.json() if response.content else None

    def put(self, path: str, **kwargs: Any) -> Any:
        response = self.request("PUT", path, **kwargs)
        return response.json() if response.content else None

    def pages(self, path: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Every item of a paged list (`items` + `next_page_token`, docs/api.md), following the tokens."""
        params = dict(params or {})
        while True:
            page = self.get(path, params=params)
            yield from page.get("items", [])
            token = page.get("next_page_token")
            if not token:
                return
            params["page_token"] = token


def token_option(f):
    """`--token` (or PRAXIS_TOKEN): the caller's bearer token."""
    return click.option(
        "--token",
        envvar="PRAXIS_TOKEN",
        required=True,
        help="bearer token of the caller (default: $PRAXIS_TOKEN); `praxis token` mints one for `praxis up`",
    )(f)
