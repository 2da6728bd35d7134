"""Tables of the internship course (SQLAlchemy Core, on the service's one `metadata`; alembic owns the schema):
organisation profiles, programme requirements, attendance and leave, weekly reports, insurance, the tripartite
agreement's documents and signatures, the ministry report's downloads. The core tables are in orm.py."""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from internships.adapters.orm import metadata

# A school's programme requirement per internship type and cohort (cohort NULL: the type's default).
programme_requirement = Table(
    "programme_requirement",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("internship_type", String(32), nullable=False),
    Column("cohort", String(16)),
    Column("required_hours", Numeric(7, 2), nullable=False),
    Column("min_weeks", SmallInteger, nullable=False),
    Column("min_weekly_reports", SmallInteger, nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False),
    Column("set_by", String(255), nullable=False),
    # grading (domain/grades.py): pass mark, credits of a pass, the grade scale (custom: its bands as JSON)
    Column("pass_mark", Numeric(5, 2), nullable=False, server_default="60"),
    Column("credits", Numeric(5, 2), nullable=False, server_default="0"),
    Column("grade_scale", String(16), nullable=False, server_default="five_level"),
    Column("grade_bands", JSONB),
    CheckConstraint(
        "internship_type IN ('observation','course_practice','post_internship','graduation_internship')",
        name="internship_type",
    ),
    CheckConstraint("required_hours >= 0 AND min_weeks >= 0 AND min_weekly_reports >= 0", name="non_negative"),
    CheckConstraint("pass_mark >= 0 AND pass_mark <= 100 AND credits >= 0", name="grading"),
    CheckConstraint("grade_scale IN ('five_level','letter','custom')", name="grade_scale"),
    Index(
        "uq_programme_requirement_default",
        "school_org",
        "internship_type",
        unique=True,
        postgresql_where="cohort IS NULL",
    ),
    Index(
        "uq_programme_requirement_cohort",
        "school_org",
        "internship_type",
        "cohort",
        unique=True,
        postgresql_where="cohort IS NOT NULL",
    ),
)

# ---- attendance attested by the enterprise (domain/attendance.py, domain/leave.py)

attendance_day = Table(
    "attendance_day",
    metadata,
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("status", String(16), nullable=False),
    Column("check_in", Time),
    Column("check_out", Time),
    Column("hours", Numeric(4, 2), nullable=False),
    Column("reason", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(255), nullable=False),
    Column("recorded_by_org", String(64), nullable=False),
    Column("leave_request_id", UUID(as_uuid=True)),  # the approved leave that made the day leave
    Column("version", Integer, nullable=False),
    CheckConstraint("status IN ('present','absent','leave')", name="status"),
)

leave_request = Table(
    "leave_request",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("requested_by", String(255), nullable=False),
    Column("requested_by_org", String(64), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("decided_by", String(255)),
    Column("comment", Text),
    Column("decided_on_behalf", Boolean, nullable=False),  # HR decided for the assigned mentor
    Column("mentor_id", UUID(as_uuid=True)),  # the assigned mentor who decided, or was acted for
    Column("version", Integer, nullable=False),
    CheckConstraint("status IN ('pending','approved','rejected')", name="status"),
    CheckConstraint("first_day <= last_day", name="days"),
    Index("ix_leave_request_placement", "placement_id", "first_day"),
)

attendance_week = Table(
    "attendance_week",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), nullable=False),
    Column("week_start", Date, nullable=False),
    Column("attested_at", DateTime(timezone=True), nullable=False),
    Column("attested_by", String(255), nullable=False),
    Column("attested_by_org", String(64), nullable=False),
    Column("mentor_id", UUID(as_uuid=True)),
    Column("attested_on_behalf", Boolean, nullable=False),
    Column("disputed_days", JSONB, nullable=False),  # [{"day": ISO date, "reason": text}]
    Column("present_days", SmallInteger, nullable=False),  # attested: present and not disputed
    Column("present_hours", Numeric(6, 2), nullable=False),
    Column("logbook_hours", Numeric(6, 2)),  # the week's approved logbook hours when attested
    Column("anomaly", Boolean, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    UniqueConstraint("placement_id", "week_start", name="uq_attendance_week_placement_week"),
)

# ---- weekly (and monthly) narrative reports, reviewed by the assigned school mentor (domain/weekly_reports.py)

weekly_report = Table(
    "weekly_report",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("period_start", Date, nullable=False),  # the week's Monday, or the month's first day
    Column("text", Text, nullable=False),
    Column("evidence", JSONB, nullable=False),  # https links
    Column("duties", JSONB, nullable=False),  # names of the position's duties
    Column("status", String(16), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("submitted_by", String(255), nullable=False),
    Column("submitted_by_org", String(64), nullable=False),
    Column("reviewed_at", DateTime(timezone=True)),
    Column("reviewed_by", String(255)),
    Column("review_comments", Text),
    Column("score", SmallInteger),
    Column("reviewer_mentor_id", UUID(as_uuid=True)),
    Column("version", Integer, nullable=False),
    UniqueConstraint("placement_id", "kind", "period_start", name="uq_weekly_report_placement_period"),
    CheckConstraint("kind IN ('weekly','monthly')", name="kind"),
    CheckConstraint("status IN ('submitted','accepted','returned')", name="status"),
    CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score"),
    Index("ix_weekly_report_pending", "status", "submitted_at"),
)

weekly_report_comment = Table(
    "weekly_report_comment",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("report_id", UUID(as_uuid=True), ForeignKey("weekly_report.id"), nullable=False),
    Column("body", Text, nullable=False),
    Column("side", String(16), nullable=False),  # whose assigned mentor wrote it
    Column("author", String(255), nullable=False),
    Column("author_org", String(64), nullable=False),
    Column("mentor_id", UUID(as_uuid=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("side IN ('school','enterprise')", name="side"),
    Index("ix_weekly_report_comment_report", "report_id", "created_at"),
)

# ---- internship liability insurance: policies an organisation holds, attached to placements (docs/insurance.md).

insurance_policy = Table(
    "insurance_policy",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("owner_org", String(64), nullable=False),
    # the owner's kind, so that an enterprise named like a school is not that school; NULL: either (rows others write)
    Column("owner_kind", String(16)),
    Column("insurer", String(200), nullable=False),
    Column("policy_number", String(100), nullable=False),
    Column("coverage_type", String(32), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("payer", String(16), nullable=False),
    Column("recorded_by", String(255), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("payer IN ('school','enterprise','student')", name="payer"),
    CheckConstraint("owner_kind IN ('school','enterprise')", name="owner_kind"),
    CheckConstraint("ends_on >= starts_on", name="period"),
    Index("ix_insurance_policy_owner", "owner_org", "recorded_at"),
)

placement_insurance = Table(
    "placement_insurance",
    metadata,
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), primary_key=True),
    Column("policy_id", UUID(as_uuid=True), ForeignKey("insurance_policy.id"), primary_key=True),
    Column("attached_at", DateTime(timezone=True), nullable=False),
    Column("attached_by", String(255), nullable=False),
    Index("ix_placement_insurance_policy", "policy_id"),
)

# ---- the tripartite agreement as a signed document (handlers/documents.py): a school's templates, each placement's
# rendered versions, and the parties' signatures of a version (voided, and kept, when a new version is rendered).

agreement_template = Table(
    "agreement_template",
    metadata,
    Column("school_org", String(64), primary_key=True),
    Column("locale", String(8), primary_key=True),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(255), nullable=False),
    CheckConstraint("locale IN ('zh-CN','en')", name="locale"),
)

placement_document = Table(
    "placement_document",
    metadata,
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("locale", String(8), nullable=False),
    Column("sha256", String(64), nullable=False),  # of `pdf`: what a signer quotes
    Column("context_digest", String(64), nullable=False),  # of the placement data it was rendered from
    Column("body", Text, nullable=False),  # the template's output, typeset again with the signature page
    Column("pdf", LargeBinary, nullable=False),
    Column("rendered_at", DateTime(timezone=True), nullable=False),
    Column("voided_at", DateTime(timezone=True)),
)

placement_signature = Table(
    "placement_signature",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("placement_id", UUID(as_uuid=True), nullable=False),
    Column("document_version", Integer, nullable=False),
    Column("document_sha256", String(64), nullable=False),
    Column("party", String(16), nullable=False),
    Column("signer_sub", String(255), nullable=False),
    Column("signer_org", String(64), nullable=False),
    Column("on_behalf_of", String(16)),
    Column("signed_at", DateTime(timezone=True), nullable=False),
    Column("voided_at", DateTime(timezone=True)),
    ForeignKeyConstraint(
        ["placement_id", "document_version"],
        ["placement_document.placement_id", "placement_document.version"],
        name="fk_placement_signature_document",
    ),
    UniqueConstraint("placement_id", "document_version", "party", name="uq_placement_signature_party"),
    CheckConstraint("party IN ('school','enterprise','student')", name="party"),
    CheckConstraint("on_behalf_of IS NULL OR on_behalf_of IN ('student','guardian')", name="on_behalf_of"),
)

# ---- organisation profiles (domain/organisations.py): what each school and enterprise says about itself

organisation_profile = Table(
    "organisation_profile",
    metadata,
    Column("org", String(64), primary_key=True),  # the org id tokens carry
    Column("kind", String(16), nullable=False),
    Column("name_zh", String(200)),
    Column("name_en", String(200)),
    Column("school_code", String(10)),  # schools: 学校标识码
    Column("uscc", String(18)),  # enterprises: unified social credit code (GB 32100-2015), upper case
    Column("address", String(500)),
    Column("contact_name", String(200)),
    Column("contact_phone", String(32)),
    Column("contact_email", String(254)),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("kind IN ('school','enterprise')", name="kind"),
    CheckConstraint("name_zh IS NOT NULL OR name_en IS NOT NULL", name="named"),
    CheckConstraint(
        "(kind = 'school' AND uscc IS NULL) OR (kind = 'enterprise' AND school_code IS NULL AND uscc IS NOT NULL)",
        name="code_of_kind",
    ),
)

# ---- the monthly ministry report's downloads (domain/ministry_report.py): rows kept for next month's changes

ministry_report_download = Table(
    "ministry_report_download",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("month", String(7), nullable=False),
    Column("format", String(8), nullable=False),
    Column("rows", JSONB, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("downloaded_by", String(255), nullable=False),
    Column("downloaded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("format IN ('csv','xlsx')", name="format"),
    Index("ix_ministry_report_download_school_month", "school_org", "month", "downloaded_at"),
)
