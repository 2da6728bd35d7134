"""What the organisation export tests share: an organisation's data in every service (a placement with its logbook,
a school mentor with the placement's and the team's assignments, a project shared with the school and a team, a
directory user and a webhook endpoint, a certificate recorded for the student), the export run to its archive, and the databases' own counts."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import asyncpg
import httpx

from credentials.adapters import exports as credentials_exports
from internships.adapters import exports as internships_exports
from mentors.adapters import exports as mentors_exports
from notifications.adapters import exports as notifications_exports
from praxis_dev.testing.stack import Stack, eventually
from projects.adapters import exports as projects_exports

RESOURCES = {
    "internships": internships_exports.RESOURCES,
    "mentors": mentors_exports.RESOURCES,
    "notifications": notifications_exports.RESOURCES,
    "projects": projects_exports.RESOURCES,
    "credentials": credentials_exports.RESOURCES,
}
MONDAY = date.today() - timedelta(days=date.today().weekday() + 14)


def auth(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.token(org, kind, role, sub=sub)}"}


async def organisation(stack: Stack, internships, start_placement, school: str, enterprise: str, student: str) -> dict:
    """A school's data in every service, with `enterprise` as its partner; returns the ids it made."""
    admin = auth(stack, school, "school", "admin")
    async with internships.client() as c:
        placement = await start_placement(
            c, school, enterprise, student, starts_on=MONDAY, duties=[{"name": "listings", "kind": "core"}]
        )
        lines = [{"day": (MONDAY + timedelta(days=d)).isoformat(), "duty": "listings", "hours": "8"} for d in range(5)]
        filed = await c.put(
            f"/v1/placements/{placement['id']}/logbook/{MONDAY}",
            headers=auth(stack, school, "school", "student", student),
            json={"lines": lines},
        )
        assert filed.status_code == 200, filed.text
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        mentor = await m.post(
            "/v1/mentors",
            headers=admin,
            json={"kind": "school", "display_name": f"{school} teacher", "capacity": 5, "account": f"t-{school}"},
        )
        assert mentor.status_code == 201, mentor.text
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        host = auth(stack, enterprise, "enterprise", "hr")
        made = await p.post(
            "/v1/projects",
            headers=host,
            json={
                "title": "Listing optimisation",
                "starts_on": date.today().isoformat(),
                "ends_on": (date.today() + timedelta(days=90)).isoformat(),
                "min_team_size": 1,
                "platform_targets": {"orders": {"value": 10, "unit": "count"}},
            },
        )
        assert made.status_code == 201, made.text
        project = made.json()["id"]
        assert (await p.post(f"/v1/projects/{project}/publish", headers=host)).status_code == 200

        async def shared() -> bool:
            return (await p.put(f"/v1/projects/{project}/schools/{school}", headers=host)).status_code == 200

        await eventually(shared, timeout=30, what=f"the partnership with {school} in projects")
        team = await p.post(
            f"/v1/projects/{project}/teams",
            headers=admin,
            json={"name": "Team", "members": [{"student_ref": student}]},
        )
        assert team.status_code == 201, team.text
    async with httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30) as n:
        user = await n.put(
            f"/v1/directory/users/{school}-registrar",
            headers=admin,
            json={"email": f"registrar@{school}.test", "display_name": "Registrar", "language": "en", "roles": ["hr"]},
        )
        hook = await n.post(
            "/v1/webhooks",
            headers=admin,
            json={"url": f"http://127.0.0.1:9/{school}", "event_types": ["praxis.internships.placement.requested.v1"]},
        )
        assert user.status_code == 200 and hook.status_code == 201, (user.text, hook.text)
    async with httpx.AsyncClient(base_url=stack["credentials"].base_url, timeout=30) as r:
        certificate = await r.post(
            "/v1/achievements",
            headers=admin,
            json={
                "student_ref": student,
                "kind": "certificate",
                "title": "E-commerce data analysis (1+X), junior",
                "issuer_name": "1+X certificate body",
                "awarded_on": (date.today() - timedelta(days=20)).isoformat(),
                "credits": "1",
            },
        )
        assert certificate.status_code == 201, certificate.text
    return {
        "org": school,
        "student": student,
        "placement": placement["id"],
        "agreement": placement["agreement_id"],
        "position": placement["position_id"],
        "mentor": mentor.json()["id"],
        "project": project,
        "team": team.json()["id"],
        "webhook": hook.json()["id"],
        "certificate": certificate.json()["id"],
    }


def dsn(stack: Stack, service: str) -> str:
    return stack[service].database_url.replace("postgresql+asyncpg://", "postgresql://")


async def database_counts(stack: Stack, org: str, kind: str) -> dict[str, dict[str, int]]:
    """Each resource's rows as each service's database holds them now, counted by the resource's own selection."""
    counts: dict[str, dict[str, int]] = {}
    for service, resources in RESOURCES.items():
        conn = await asyncpg.connect(dsn(stack, service))
        try:
            counts[service] = {
                r.name: await conn.fetchval(
                    f"SELECT count(*) FROM ({r.query}) q WHERE $1::text IS NOT NULL AND $2::text IS NOT NULL", org, kind
                )
                for r in resources
            }
        finally:
            await conn.close()
    return counts


async def scalar(stack: Stack, service: str, sql: str, *args):
    conn = await asyncpg.connect(dsn(stack, service))
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


_DUE_UNFIRED = "SELECT count(*) FROM reminder_fact WHERE fired_at IS NULL AND due_at <= now()"


async def settled(stack: Stack, org: str, kind: str) -> dict[str, dict[str, int]]:
    """The counts once the events of the set-up have landed (two readings a moment apart agree) and every reminder
    they made due has become its notifications."""
    last: dict = {}

    async def steady():
        nonlocal last
        # A reminder already due becomes notifications only at the mailer's next poll (seconds apart): not settled.
        if await scalar(stack, "notifications", _DUE_UNFIRED):
            return None
        now = await database_counts(stack, org, kind)
        same, last = now == last, now
        return now if same else None

    return await eventually(steady, timeout=30, what="the set-up's events to land", interval=0.5)


async def run_export(c: httpx.AsyncClient, headers: dict, *, timeout: float = 60) -> dict:
    """Start an export and wait until it is ready; the job."""
    started = await c.post("/v1/exports", headers=headers)
    assert started.status_code == 202, started.text
    job = started.json()
    assert started.headers["location"] == f"/v1/exports/{job['id']}"

    async def ready():
        got = (await c.get(f"/v1/exports/{job['id']}", headers=headers)).json()
        return got if got["state"] == "ready" else None

    return await eventually(ready, timeout=timeout, what=f"export {job['id']} to be ready", interval=0.2)


def entries(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
