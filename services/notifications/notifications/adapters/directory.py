"""Repositories of the user directory and of notification preferences."""

from __future__ import annotations

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.adapters.orm import directory_user, notification_preference, owned
from notifications.domain.directory import Delivery, DirectoryUser, Preferences
from notifications.domain.orgs import Org

KEY = ["org", "org_kind", "account"]


def _user(row) -> DirectoryUser:
    data = dict(row._mapping)
    data["roles"] = list(data["roles"])
    return DirectoryUser(**data)


class DirectoryRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def put(self, user: DirectoryUser) -> None:
        row = {c.name: getattr(user, c.name) for c in directory_user.columns}
        changed = {k: v for k, v in row.items() if k not in (*KEY, "created_at")}
        await self.connection.execute(
            pg_insert(directory_user).values(row).on_conflict_do_update(index_elements=KEY, set_=changed)
        )

    async def get(self, org: Org, account: str, *, for_update: bool = False) -> DirectoryUser | None:
        query = select(directory_user).where(owned(directory_user, org), directory_user.c.account == account)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _user(row) if row else None

    async def of_org(
        self, org: Org, *, after: tuple[str, str] | None = None, limit: int | None = None
    ) -> list[DirectoryUser]:
        """The organisation's users by account (after `after`: an account and its org, for paging)."""
        query = select(directory_user).where(owned(directory_user, org))
        if after is not None:
            query = query.where(tuple_(directory_user.c.account, directory_user.c.org) > tuple_(*after))
        query = query.order_by(directory_user.c.account)
        return [_user(r) for r in await self.connection.execute(query.limit(limit) if limit else query)]

    async def delete(self, org: Org, account: str) -> bool:
        done = await self.connection.execute(
            delete(directory_user).where(owned(directory_user, org), directory_user.c.account == account)
        )
        return bool(done.rowcount)

    async def kinds_of(self, org_id: str, account: str) -> list[str]:
        """The kinds of the organisations with this id that list the account (an unsubscribe link minted before
        links named the kind: handlers/directory.py)."""
        t = directory_user
        query = select(t.c.org_kind).where(t.c.org == org_id, t.c.account == account).order_by(t.c.org_kind)
        return list((await self.connection.execute(query)).scalars())


def _prefs(row) -> Preferences:
    data = dict(row._mapping)
    data["disabled"] = list(data["disabled"])
    data["delivery"] = Delivery(data["delivery"])
    return Preferences(**data)


class PreferenceRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def get(self, org: Org, account: str, *, for_update: bool = False) -> Preferences | None:
        t = notification_preference
        query = select(t).where(owned(t, org), t.c.account == account)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _prefs(row) if row else None

    async def of_org(self, org: Org) -> dict[tuple[str, str, str], Preferences]:
        """(org, org_kind, account) -> the organisation's users' preferences."""
        t = notification_preference
        found = map(_prefs, await self.connection.execute(select(t).where(owned(t, org))))
        return {(p.org, p.org_kind, p.account): p for p in found}

    async def put(self, p: Preferences) -> None:
        row = {c.name: getattr(p, c.name) for c in notification_preference.columns}
        row["delivery"] = p.delivery.value
        changed = {k: v for k, v in row.items() if k not in KEY}
        await self.connection.execute(
            pg_insert(notification_preference).values(row).on_conflict_do_update(index_elements=KEY, set_=changed)
        )
