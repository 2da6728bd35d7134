"""Tables of the credentials service (SQLAlchemy Core; alembic owns the schema, see migrations/versions)."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from praxis_common.db import new_metadata
from praxis_common.exports.parts import export_part_tables

metadata = new_metadata()

# An organisation's signing keys (domain/keys.py): the public half as published, the private half encrypted.
signing_key = Table(
    "signing_key",
    metadata,
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("number", Integer, nullable=False),
    Column("kid", String(400), nullable=False, unique=True),
    Column("public_jwk", JSONB, nullable=False),
    Column("private_jwk", LargeBinary, nullable=False),  # Fernet-encrypted JSON (adapters/key_store.py)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    Column("withdrawn_at", DateTime(timezone=True)),
    PrimaryKeyConstraint("org", "org_kind", "number"),
)

# What the events reported of each achievement a credential may describe (domain/issuance.py Passed).
achievement = Table(
    "achievement",
    metadata,
    Column("kind", String(16), nullable=False),
    Column("source_id", String(64), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("title", String(500), nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("credits", Numeric(6, 2), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("grade", String(16), nullable=False),
    Column("total", Numeric(5, 2)),
    Column("internship_type", String(32), nullable=False),
    Column("programme", String(200), nullable=False),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("kind", "source_id"),
)
# A placement's position's competencies (from its request's event, which may come before or after its grade).
placement_competencies = Table(
    "placement_competencies",
    metadata,
    Column("placement_id", String(64), primary_key=True),
    Column("competencies", JSONB, nullable=False),
)
# Approved logbook weeks (a week approved again replaces its figures): a placement's hours are their sum.
approved_week = Table(
    "approved_week",
    metadata,
    Column("placement_id", String(64), nullable=False),
    Column("week_start", Date, nullable=False),
    Column("total_hours", Numeric(6, 2), nullable=False),
    Column("core_hours", Numeric(6, 2), nullable=False),
    PrimaryKeyConstraint("placement_id", "week_start"),
)

# Organisations' names as their profiles say (internships' organisation.profile_updated; the highest version stands).
organisation = Table(
    "organisation",
    metadata,
    Column("org", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("name_zh", String(200), nullable=False),
    Column("name_en", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    PrimaryKeyConstraint("org", "kind"),
)

credential = Table(
    "credential",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("source_id", String(64), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("status_index", Integer, nullable=False),
    Column("secured", JSONB, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("requested_by", String(255), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("countersigned_by", String(255)),
    Column("countersigned_at", DateTime(timezone=True)),
    Column("ended_by", String(255)),
    Column("ended_for", String(16)),
    Column("ended_at", DateTime(timezone=True)),
    Column("end_reason", String(500)),
    UniqueConstraint("school_org", "status_index"),  # one bit of the school's list per credential
    Index(
        "ix_credential_live",
        "kind",
        "source_id",
        unique=True,
        postgresql_where=text("stage IN ('awaiting_countersignature', 'issued')"),
    ),
    Index("ix_credential_school", "school_org", "requested_at"),
    Index("ix_credential_enterprise", "enterprise_org", "requested_at"),
)

# Achievements a school recorded for its students from outside (domain/brought_in.py): certificates, competition
# results, presented badges (`presented`: as the student handed it in, verified).
recorded_achievement = Table(
    "recorded_achievement",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("title", String(500), nullable=False),
    Column("issuer_name", String(200), nullable=False),
    Column("issuer_id", String(2000), nullable=False),
    Column("signed_by", String(2000), nullable=False),
    Column("issuer_known", Boolean, nullable=False),
    Column("credential_ref", String(500), nullable=False),
    Column("awarded_on", Date, nullable=False),
    Column("expires_on", Date),
    Column("level", String(64), nullable=False),
    Column("reference", String(100), nullable=False),
    Column("points", Numeric(5, 2), nullable=False),
    Column("credits", Numeric(5, 2), nullable=False),
    Column("presented", Text),
    Column("revision", Integer, nullable=False),
    Column("recorded_by", String(255), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("weighed_by", String(255)),
    Column("weighed_at", DateTime(timezone=True)),
    Column("withdrawn_by", String(255)),
    Column("withdrawn_at", DateTime(timezone=True)),
    Column("withdraw_reason", String(500)),
    Index("ix_recorded_achievement_student", "school_org", "student_ref", "awarded_on"),
    Index("ix_recorded_achievement_school", "school_org", "recorded_at", "id"),
    Index(
        "ix_recorded_achievement_badge",
        "school_org",
        "credential_ref",
        unique=True,
        postgresql_where=text("withdrawn_at IS NULL AND credential_ref <> ''"),
    ),
)

# Organisation exports (docs/export.md): this service's parts, the kernel's tables.
export_part, export_chunk = export_part_tables(metadata)
