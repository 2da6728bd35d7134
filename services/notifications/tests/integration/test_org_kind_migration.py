"""Migration 0004 on a real PostgreSQL holding rows written before organisations had kinds: each row gets the kind
its data says (a delivery's payload field, an endpoint's deliveries, a directory entry's roles, a preference's
directory entry, a notification's context, a fact's audience from its context or category), what says nothing the
kind of other rows of its id, else school; the downgrade and upgrade again leave the declared schema."""

from __future__ import annotations

import asyncio
import json

from alembic import command

from notifications.adapters.orm import metadata
from notifications.main import MIGRATIONS
from praxis_common import migrations

ENDPOINT = (
    "INSERT INTO webhook_endpoint (id, org, url, description, event_types, secret, status, created_at, updated_at) "
    "VALUES ('{id}', '{org}', 'https://h.test', '', ARRAY['t'], 's', 'enabled', now(), now())"
)
USER = (
    "INSERT INTO directory_user (org, account, email, display_name, language, roles, self_registered, created_at, "
    "updated_at) VALUES ('{org}', '{account}', 'a@x.test', 'A', 'en', ARRAY[{roles}]::varchar[], false, now(), now())"
)
E1, E2 = "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"
BODY = json.dumps({"data": {"school_org": "s-x", "enterprise_org": "x"}})
AUDIENCES = json.dumps([{"org": "s-x", "roles": ["admin"]}, {"org": "q", "roles": ["hr"]}])
CONTEXT = json.dumps({"school_org": "s-x", "enterprise_org": "other"})


def _sql(url: str, *statements: str) -> list:
    import asyncpg

    async def run() -> list:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
        try:
            for statement in statements[:-1]:
                await conn.execute(statement)
            return await conn.fetch(statements[-1])
        finally:
            await conn.close()

    return asyncio.run(run())


def test_existing_rows_get_the_kind_their_data_says(database_factory):
    url = database_factory("notifications_org_kind")
    migrations.upgrade(MIGRATIONS, url, "0003_export_parts")
    _sql(
        url,
        ENDPOINT.format(id=E1, org="x"),
        ENDPOINT.format(id=E2, org="y"),
        "INSERT INTO webhook_delivery (id, endpoint_id, org, event_id, event_type, body, status, created_at, "
        f"next_attempt_at) VALUES (gen_random_uuid(), '{E1}', 'x', 'e1', 't', '{BODY}', 'pending', now(), now())",
        "INSERT INTO webhook_notice (id, org, endpoint_id, kind, message, created_at) "
        f"VALUES (gen_random_uuid(), 'x', '{E1}', 'endpoint_disabled', 'm', now())",
        USER.format(org="y", account="u1", roles="'hr'"),
        USER.format(org="z", account="u2", roles="'admin'"),
        USER.format(org="s-x", account="u3", roles="'student'"),
        "INSERT INTO notification_preference (org, account, disabled, delivery, updated_at) "
        "VALUES ('y', 'u1', ARRAY[]::varchar[], 'immediate', now())",
        "INSERT INTO notification (id, org, account, email, category, fact_key, language, context, status, delivery, "
        "created_at, next_attempt_at, attempts) VALUES (gen_random_uuid(), 'x', 'hr', 'h@x.test', 'hold_expiring', "
        f"'k', 'en', '{json.dumps({'enterprise_org': 'x'})}', 'sent', 'immediate', now(), now(), 1)",
        "INSERT INTO reminder_fact (key, category, due_at, audiences, context, created_at) "
        f"VALUES ('hold_expiring:p', 'hold_expiring', now(), '{AUDIENCES}', '{CONTEXT}', now())",
        "SELECT 1",
    )
    migrations.upgrade(MIGRATIONS, url, "head")
    kinds = _sql(
        url,
        "SELECT 'endpoint ' || org, org_kind FROM webhook_endpoint UNION ALL "
        "SELECT 'delivery ' || org, org_kind FROM webhook_delivery UNION ALL "
        "SELECT 'notice ' || org, org_kind FROM webhook_notice UNION ALL "
        "SELECT 'user ' || org, org_kind FROM directory_user UNION ALL "
        "SELECT 'preference ' || org, org_kind FROM notification_preference UNION ALL "
        "SELECT 'notification ' || org, org_kind FROM notification",
    )
    assert dict(kinds) == {
        "endpoint x": "enterprise",  # its delivery's payload names it enterprise_org
        "delivery x": "enterprise",
        "notice x": "enterprise",
        "endpoint y": "enterprise",  # nothing of its own: its id's directory entry is hr's
        "user y": "enterprise",
        "user z": "school",  # nothing says: school
        "user s-x": "school",
        "preference y": "enterprise",
        "notification x": "enterprise",
    }
    [fact] = _sql(url, "SELECT audiences FROM reminder_fact")
    assert [(a["org"], a["org_kind"]) for a in json.loads(fact["audiences"])] == [
        ("s-x", "school"),  # its context's school_org
        ("q", "enterprise"),  # a hold_expiring reminder goes to an enterprise
    ]
    assert asyncio.run(migrations.schema_drift(metadata, url)) == {}
    config = migrations.alembic_config(MIGRATIONS, url)
    command.downgrade(config, "0003_export_parts")
    command.upgrade(config, "head")
    assert asyncio.run(migrations.schema_drift(metadata, url)) == {}
