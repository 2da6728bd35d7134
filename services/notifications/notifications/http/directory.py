"""REST routes of the user directory (/v1/directory), of the caller's own notification preferences
(/v1/notification-preferences/me), and the unsubscribe page of mails (/links/unsubscribe/{token}: no bearer token,
the kernel's gate leaves /links/ pages to the signed token in their path; a GET only shows, a POST changes)."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.responses import HTMLResponse

from notifications.domain.unsubscribe import UnsubscribeLinks
from notifications.handlers import directory
from notifications.schemas.directory import (
    Account,
    DirectoryMe,
    DirectoryUserPage,
    DirectoryUserPut,
    DirectoryUserRead,
    PreferencesPut,
    PreferencesRead,
)
from praxis_common.errors import NotFound
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/directory", tags=["directory"])

    @r.put("/me", operation_id="registerMe", response_model=DirectoryUserRead, summary="Register yourself for mail")
    async def register_me(principal: PrincipalDep, body: DirectoryMe | None = None) -> DirectoryUserRead:
        """Records you in your organisation's directory (so mail can reach you) from your token's `sub` and its
        `email`, `name` and `locale` claims; what you send overrides them."""
        cmd = (body or DirectoryMe()).to_command()
        return DirectoryUserRead.of(await directory.register_me(cmd, principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/users",
        operation_id="listDirectoryUsers",
        response_model=DirectoryUserPage,
        summary="Your organisation's user directory",
    )
    async def list_(
        principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> DirectoryUserPage:
        """By account. An organisation's admins (an enterprise's hr too)."""
        found, token = await directory.list_users(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return DirectoryUserPage(items=[DirectoryUserRead.of(u) for u in found], next_page_token=token)

    @r.put(
        "/users/{account}",
        operation_id="putDirectoryUser",
        response_model=DirectoryUserRead,
        summary="Add or replace a directory user",
    )
    async def put(account: Account, body: DirectoryUserPut, principal: PrincipalDep) -> DirectoryUserRead:
        """An organisation's admins (an enterprise's hr too), in their own organisation's directory."""
        user = await directory.put_user(body.to_command(account), principal, uow=rt.uow, clock=rt.clock)
        return DirectoryUserRead.of(user)

    @r.get(
        "/users/{account}",
        operation_id="getDirectoryUser",
        response_model=DirectoryUserRead,
        summary="Read a directory user",
    )
    async def get(account: Account, principal: PrincipalDep) -> DirectoryUserRead:
        return DirectoryUserRead.of(await directory.get_user(account, principal, uow=rt.uow))

    @r.delete(
        "/users/{account}", operation_id="deleteDirectoryUser", status_code=204, summary="Remove a directory user"
    )
    async def delete(account: Account, principal: PrincipalDep) -> Response:
        await directory.delete_user(account, principal, uow=rt.uow)
        return Response(status_code=204)

    return r


def preferences_router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/notification-preferences", tags=["directory"])

    @r.get("/me", operation_id="getMyPreferences", response_model=PreferencesRead, summary="Your mail preferences")
    async def get(principal: PrincipalDep) -> PreferencesRead:
        return PreferencesRead.of(await directory.get_my_preferences(principal, uow=rt.uow))

    @r.put("/me", operation_id="putMyPreferences", response_model=PreferencesRead, summary="Set your mail preferences")
    async def put(body: PreferencesPut, principal: PrincipalDep) -> PreferencesRead:
        """Categories turned off, mail at once or in a daily digest, and the language of your mail."""
        prefs = await directory.set_my_preferences(body.to_command(), principal, uow=rt.uow, clock=rt.clock)
        return PreferencesRead.of(prefs)

    return r


Token = Annotated[str, Path(max_length=2000, description="the signed token of the mail's link")]
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Praxis</title></head>
<body style="font-family: sans-serif">{}</body></html>"""


def unsubscribe_router(rt: Runtime, links: UnsubscribeLinks) -> APIRouter:
    r = APIRouter(prefix="/links/unsubscribe", include_in_schema=False)

    @r.get("/{token}")
    async def confirm(token: Token) -> HTMLResponse:
        """Shows what the link would turn off, and a button; changes nothing (mail scanners prefetch links)."""
        try:
            target = directory.unsubscribe_target(token, links=links)
        except NotFound:
            return HTMLResponse(PAGE.format("<p>This unsubscribe link is not valid.</p>"), status_code=404)
        what = "all Praxis mail" if target.category == "all" else f"“{escape(target.category)}” mail"
        form = (
            f"<p>Stop {what} to {escape(target.account)}?</p>"
            '<form method="post">'
            '<button type="submit">Unsubscribe</button></form>'
        )
        return HTMLResponse(PAGE.format(form))

    @r.post("/{token}")
    async def unsubscribe(token: Token) -> HTMLResponse:
        """The page's button, or a mail client's RFC 8058 one-click POST (body `List-Unsubscribe=One-Click`): the
        token is in the path either way."""
        try:
            target = await directory.unsubscribe(token, links=links, uow=rt.uow, clock=rt.clock)
        except NotFound:
            return HTMLResponse(PAGE.format("<p>This unsubscribe link is not valid.</p>"), status_code=404)
        return HTMLResponse(PAGE.format(f"<p>Done: {escape(target.category)} mail is off.</p>"))

    return r
