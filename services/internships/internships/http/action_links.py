"""The approve-by-link page (docs/action-links.md): GET /links/{token} shows what a link asks of its enterprise mentor
and changes nothing; POST /links/{token} (a form) does it, once. Minimal HTML, no script, no outside asset; outside
/v1 and the OpenAPI document, and outside the bearer-token gate (the signed token is the credential)."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError

from internships.handlers import action_links as handlers
from internships.http.action_link_texts import texts_for
from internships.schemas.action_links import LinkFormIn
from praxis_common import action_links
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound
from praxis_common.service import Runtime

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
_PAGE = _ENV.get_template("action_link.html.j2")
_STYLE = re.search(r"<style>(.*?)</style>", (TEMPLATES / "action_link.html.j2").read_text(), re.S)
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.group(1).encode() if _STYLE else b"").digest()).decode()

HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the token must not leave in a Referer
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
OUTCOMES = {"approve": "approved", "return": "returned", "attest": "attested"}
MAX_FORM_FIELDS = 5


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/links/{token}")
    async def show(token: str, request: Request) -> HTMLResponse:
        t = texts_for(request.headers.get("accept-language"))
        try:
            page = await handlers.open_link(_verified(rt, token), uow=rt.uow, clock=rt.clock)
        except REFUSALS as exc:
            return _refusal(t, exc)
        if page.used_at is not None:
            return _html(t, 410, outcome="used")
        return _html(t, 200, page=page)

    @r.post("/links/{token}")
    async def act(token: str, request: Request) -> HTMLResponse:
        t = texts_for(request.headers.get("accept-language"))
        try:
            link = _verified(rt, token)
            form = _form(await request.body())
            await handlers.follow_link(link, form.to_command(), uow=rt.uow, clock=rt.clock)
        except REFUSALS as exc:
            return _refusal(t, exc)
        return _html(t, 200, outcome=OUTCOMES[form.decision])

    return r


def _verified(rt: Runtime, token: str) -> action_links.ActionLink:
    secret = getattr(rt.settings, "action_link_secret", None)
    if secret is None:
        log.warning("an action link was opened, but INTERNSHIPS_ACTION_LINK_SECRET is not set: links are off")
        raise _LinksOff
    return action_links.verify(secret.get_secret_value(), token, now=rt.clock())


class _LinksOff(Exception):
    pass


# Each answered with a page of its own (_refusal); anything else is a fault, answered as any other route's.
REFUSALS = (_LinksOff, action_links.LinkExpired, action_links.LinkInvalid, NotFound, Forbidden, Conflict, InvalidInput)


def _form(body: bytes) -> LinkFormIn:
    try:
        fields = parse_qs(body.decode(), max_num_fields=MAX_FORM_FIELDS, strict_parsing=bool(body))
        return LinkFormIn.model_validate({name: values[-1] for name, values in fields.items()})
    except (ValueError, ValidationError) as exc:  # UnicodeDecodeError and too many fields are ValueErrors too
        raise InvalidInput("the form is not one this page sends") from exc


def _refusal(t: dict[str, str], exc: Exception) -> HTMLResponse:
    if isinstance(exc, _LinksOff):
        return _html(t, 503, outcome="unavailable")
    if isinstance(exc, action_links.LinkExpired):
        return _html(t, 410, outcome="expired")
    if isinstance(exc, action_links.LinkInvalid | NotFound):
        return _html(t, 404, outcome="invalid")
    if isinstance(exc, handlers.LinkUsed):
        return _html(t, 410, outcome="used")
    if isinstance(exc, Forbidden):
        return _html(t, 403, outcome="not_mentor")
    if isinstance(exc, Conflict):
        return _html(t, 409, outcome="refused", detail=exc.detail)
    if isinstance(exc, InvalidInput):
        detail = "; ".join(f"{e.field}: {e.message}" for e in exc.errors) or exc.detail
        return _html(t, 422, outcome="refused", detail=detail)
    raise exc  # not reached: REFUSALS lists what is answered here


def _html(t: dict[str, str], status: int, *, page=None, outcome: str = "", detail: str = "") -> HTMLResponse:
    body = _PAGE.render(t=t, page=page, outcome=outcome, detail=detail)
    return HTMLResponse(body, status_code=status, headers=HEADERS)
