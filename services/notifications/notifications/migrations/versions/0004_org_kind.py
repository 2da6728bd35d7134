"""Organisations keyed by id and kind: `org_kind` beside `org` on every table an organisation owns, and in reminder
facts' audiences.

Existing rows get the kind their data says: a delivery the field of its payload naming its organisation
(`school_org` -> school, `enterprise_org` -> enterprise), an endpoint and a notice its deliveries' kind, a directory
entry its roles (hr -> enterprise; student, teacher or coordinator -> school), a preference its directory entry's, a
notification its context's field naming its organisation (else its recipient's directory entry), an audience its fact's context (else its category's addressee: hold_expiring and logbook_waiting go to
enterprises). What says nothing takes the kind other rows of the same id have (the commonest), else school.

Revision ID: 0004_org_kind
Revises: 0003_export_parts
Create Date: 2026-12-01
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004_org_kind"
down_revision = "0003_export_parts"
branch_labels = None
depends_on = None

TABLES = (
    "webhook_endpoint",
    "webhook_delivery",
    "webhook_notice",
    "directory_user",
    "notification_preference",
    "notification",
)


def _named_by(json: str) -> str:
    """The kind a JSON object's fields give `org`; NULL when neither (or both) name it."""
    return (
        f"CASE WHEN {json}->>'school_org' = org AND {json}->>'enterprise_org' IS DISTINCT FROM org THEN 'school' "
        f"WHEN {json}->>'enterprise_org' = org AND {json}->>'school_org' IS DISTINCT FROM org THEN 'enterprise' END"
    )


DERIVE = [
    "UPDATE webhook_delivery SET org_kind = " + _named_by("(body::jsonb)->'data'"),
    "UPDATE webhook_endpoint e SET org_kind = (SELECT min(d.org_kind) FROM webhook_delivery d "
    "WHERE d.endpoint_id = e.id AND d.org_kind IS NOT NULL HAVING count(DISTINCT d.org_kind) = 1)",
    "UPDATE directory_user SET org_kind = CASE WHEN 'hr' = ANY(roles) THEN 'enterprise' "
    "WHEN roles && ARRAY['student', 'teacher', 'coordinator']::varchar[] THEN 'school' END",
    f"UPDATE notification SET org_kind = {_named_by('context')}",
    "UPDATE notification n SET org_kind = d.org_kind FROM directory_user d "
    "WHERE n.org_kind IS NULL AND d.org = n.org AND d.account = n.account AND n.account <> ''",
    "UPDATE notification_preference p SET org_kind = d.org_kind FROM directory_user d "
    "WHERE d.org = p.org AND d.account = p.account",
]
# The rest: the commonest kind of the id's rows that have one (placements' mentors by their side too), else school.
FALLBACK = """
UPDATE {table} t SET org_kind = coalesce((
    SELECT k.org_kind FROM (
        SELECT org, org_kind FROM webhook_endpoint UNION ALL SELECT org, org_kind FROM webhook_delivery
        UNION ALL SELECT org, org_kind FROM directory_user UNION ALL SELECT org, org_kind FROM notification
        UNION ALL SELECT org, side FROM placement_mentor
    ) k WHERE k.org = t.org AND k.org_kind IS NOT NULL GROUP BY k.org_kind ORDER BY count(*) DESC, k.org_kind DESC
    LIMIT 1), 'school')
WHERE org_kind IS NULL
"""
ENTERPRISE_CATEGORIES = ("hold_expiring", "logbook_waiting")


def _audiences() -> None:
    """Each unfired fact's audiences get the kind their fact's context gives their org."""
    bind = op.get_bind()
    facts = bind.execute(sa.text("SELECT key, category, audiences, context FROM reminder_fact WHERE fired_at IS NULL"))
    for key, category, audiences, context in list(facts):
        for a in audiences:
            if "org_kind" in a:
                continue
            named = [k for k in ("school", "enterprise") if context.get(f"{k}_org") == a["org"]]
            if len(named) == 1:
                a["org_kind"] = named[0]
            else:
                a["org_kind"] = "enterprise" if category in ENTERPRISE_CATEGORIES else "school"
        bind.execute(
            sa.text("UPDATE reminder_fact SET audiences = CAST(:a AS jsonb) WHERE key = :k"),
            {"a": json.dumps(audiences), "k": key},
        )


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("org_kind", sa.String(16), nullable=True))
    for statement in DERIVE:
        op.execute(statement)
    for table in TABLES:
        if table == "webhook_notice":  # its endpoint's kind, now that every endpoint has one
            op.execute(
                "UPDATE webhook_notice n SET org_kind = e.org_kind FROM webhook_endpoint e WHERE e.id = n.endpoint_id"
            )
        op.execute(FALLBACK.format(table=table))
        op.alter_column(table, "org_kind", nullable=False)
    _audiences()
    for table in ("directory_user", "notification_preference"):
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["org", "org_kind", "account"])
    op.drop_constraint("uq_notification_org", "notification", type_="unique")
    op.create_unique_constraint("uq_notification_org", "notification", ["org", "org_kind", "account", "fact_key"])
    op.drop_index("ix_webhook_endpoint_org", "webhook_endpoint")
    op.create_index("ix_webhook_endpoint_org", "webhook_endpoint", ["org", "org_kind"])
    op.drop_index("ix_webhook_notice_org", "webhook_notice")
    op.create_index("ix_webhook_notice_org", "webhook_notice", ["org", "org_kind", "created_at"])


def downgrade() -> None:
    """Back to ids alone: an id's rows of both kinds merge (a directory entry or preference of the second kind of an
    id is dropped, keeping the school's)."""
    op.drop_index("ix_webhook_notice_org", "webhook_notice")
    op.create_index("ix_webhook_notice_org", "webhook_notice", ["org", "created_at"])
    op.drop_index("ix_webhook_endpoint_org", "webhook_endpoint")
    op.create_index("ix_webhook_endpoint_org", "webhook_endpoint", ["org"])
    op.execute(
        "DELETE FROM notification a USING notification b WHERE a.org = b.org AND a.account = b.account "
        "AND a.fact_key = b.fact_key AND a.org_kind = 'enterprise' AND b.org_kind = 'school'"
    )
    op.drop_constraint("uq_notification_org", "notification", type_="unique")
    op.create_unique_constraint("uq_notification_org", "notification", ["org", "account", "fact_key"])
    for table in ("directory_user", "notification_preference"):
        op.execute(
            f"DELETE FROM {table} a USING {table} b WHERE a.org = b.org AND a.account = b.account "
            "AND a.org_kind = 'enterprise' AND b.org_kind = 'school'"
        )
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["org", "account"])
    for table in TABLES:
        op.drop_column(table, "org_kind")
