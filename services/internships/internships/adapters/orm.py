"""Tables of the internships service (SQLAlchemy Core; alembic owns the schema)."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from praxis_common.db import new_metadata

metadata = new_metadata()

agreement = Table(
    "agreement",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("title", String(200), nullable=False, server_default=""),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date, nullable=False),
    Column("intern_quota", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("drafted_by_org", String(64), nullable=False),
    Column("school_signed_at", DateTime(timezone=True)),
    Column("school_signed_by", String(255)),
    Column("enterprise_signed_at", DateTime(timezone=True)),
    Column("enterprise_signed_by", String(255)),
    Column("activated_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
    Column("termination_reason", Text),
    Column("terminated_by_org", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    # Interns placed under this agreement: taken and given back with conditional UPDATEs, never counted.
    Column("interns_placed", Integer, nullable=False, server_default="0"),
    CheckConstraint("interns_placed >= 0 AND interns_placed <= intern_quota", name="quota_used"),
    CheckConstraint("valid_to >= valid_from", name="period"),
    CheckConstraint("intern_quota >= 0", name="quota"),
    CheckConstraint("school_org <> enterprise_org", name="two_parties"),
    CheckConstraint("status IN ('draft','signed','active','terminated','expired')", name="status"),
    Index("ix_agreement_school", "school_org", "created_at", "id"),
    Index("ix_agreement_enterprise", "enterprise_org", "created_at", "id"),
    Index("ix_agreement_clock", "status", "valid_from", "valid_to"),
)

practice_base = Table(
    "practice_base",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("agreement_id", UUID(as_uuid=True), ForeignKey("agreement.id"), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("tier", SmallInteger, nullable=False),
    Column("country", String(2), nullable=False),
    Column("city", String(100), nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("staff", Integer),  # on-post staff of the unit, declared for the intern ratio rule
    # Current interns (placements requested, confirmed or active) at this unit, for the ratio rule: kept by the
    # database functions book_placement and end_hold.
    Column("interns_current", Integer, nullable=False, server_default="0"),
    # `tier` is the tier in force: the confirmed one, else the enterprise's proposal (domain/base_tiers.py).
    Column("proposed_tier", SmallInteger, nullable=False),
    Column("tier_confirmed_at", DateTime(timezone=True)),
    Column("tier_confirmed_by", String(255)),
    CheckConstraint("tier BETWEEN 1 AND 3", name="tier"),
    CheckConstraint("proposed_tier BETWEEN 1 AND 3", name="proposed_tier"),
    CheckConstraint("interns_current >= 0", name="interns_current"),
    CheckConstraint("staff IS NULL OR staff >= 0", name="staff"),
    CheckConstraint("capacity >= 0", name="capacity"),
    Index("ix_practice_base_enterprise", "enterprise_org", "created_at"),
    Index("ix_practice_base_school", "school_org", "created_at"),
)

position = Table(
    "position",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("base_id", UUID(as_uuid=True), ForeignKey("practice_base.id"), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("seats", Integer, nullable=False),
    Column("seats_taken", Integer, nullable=False, server_default="0"),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("languages", ARRAY(String(32)), nullable=False),
    Column("competencies", ARRAY(String(64)), nullable=False),
    Column("duties", JSONB, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Column("closed_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False),
    # Declared for the compliance policy: staff in this kind of post, the intern's pay, the post's reference wage.
    Column("post_staff", Integer),
    Column("monthly_pay", Numeric(12, 2)),
    Column("reference_monthly_wage", Numeric(12, 2)),
    # Current interns in this post (requested, confirmed, active), for the ratio rule; seats stay taken after
    # an internship ran, these do not. Kept with seats_taken by book_placement and end_hold.
    Column("interns_current", Integer, nullable=False, server_default="0"),
    Column("external_ref", String(128)),  # the enterprise's own id of the position: a positions import's key
    CheckConstraint("seats_taken >= 0 AND seats_taken <= seats", name="seats"),
    CheckConstraint("interns_current >= 0", name="interns_current"),
    CheckConstraint("ends_on >= starts_on", name="term"),
    CheckConstraint("status IN ('draft','published','closed')", name="status"),
    Index("ix_position_enterprise", "enterprise_org", "created_at", "id"),
    Index("ix_position_published", "status", "published_at", "id"),
    Index("ix_position_competencies", "competencies", postgresql_using="gin"),
    Index("ix_position_base", "base_id"),
    Index(
        "uq_position_external_ref",
        "enterprise_org",
        "external_ref",
        unique=True,
        postgresql_where=text("external_ref IS NOT NULL"),
    ),
)

placement = Table(
    "placement",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("position_id", UUID(as_uuid=True), ForeignKey("position.id"), nullable=False),
    Column("agreement_id", UUID(as_uuid=True), ForeignKey("agreement.id"), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("profile", JSONB, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("hold_expires_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("started_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
    Column("reason", Text),
    Column("version", Integer, nullable=False),
    # Known to the school only (never in the profile shared with the enterprise); used by the compliance checks.
    Column("student_birth_date", Date),
    Column("study_year", SmallInteger),
    Column("student_consent_at", DateTime(timezone=True)),
    Column("guardian_consent_at", DateTime(timezone=True)),
    # Completed long before its end date with an explicit force; `reason` says why.
    Column("forced", Boolean, nullable=False, server_default=false()),
    # The course (domain/course.py; migration 0019): read by the ministry report too, keep the names.
    Column("internship_type", String(32), nullable=False, server_default="post_internship"),
    Column("organisation_form", String(16), nullable=False, server_default="dispersed"),
    Column("internship_mode", String(16), nullable=False, server_default="on_site"),
    Column("cohort", String(16)),
    Column("hours_milestone", SmallInteger, nullable=False, server_default="0"),
    CheckConstraint(
        "status IN ('requested','confirmed','rejected','active','completed','withdrawn','terminated','expired')",
        name="status",
    ),
    CheckConstraint(
        "internship_type IN ('observation','course_practice','post_internship','graduation_internship')",
        name="internship_type",
    ),
    CheckConstraint("organisation_form IN ('centralised','dispersed')", name="organisation_form"),
    CheckConstraint("internship_mode IN ('on_site','virtual','simulated')", name="internship_mode"),
    Index("ix_placement_school", "school_org", "requested_at", "id"),
    Index("ix_placement_enterprise", "enterprise_org", "requested_at", "id"),
    Index("ix_placement_student", "school_org", "student_ref"),
    Index("ix_placement_position", "position_id", "status"),
    Index("ix_placement_agreement", "agreement_id", "status"),
    Index("ix_placement_hold", "hold_expires_at", postgresql_where="status = 'requested'"),
)

logbook_week = Table(
    "logbook_week",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), nullable=False),
    Column("week_start", Date, nullable=False),
    Column("lines", JSONB, nullable=False),
    Column("total_hours", Numeric(6, 2), nullable=False),
    Column("core_hours", Numeric(6, 2), nullable=False),
    Column("status", String(16), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("submitted_by", String(255), nullable=False),
    Column("submitted_by_org", String(64)),  # the filer's organisation (NULL on weeks filed before it was kept)
    Column("reviewed_at", DateTime(timezone=True)),
    Column("reviewed_by", String(255)),
    Column("comment", Text),
    # HR reviewed on the assigned enterprise mentor's behalf (explicitly); the mentor reviewed, or was acted for.
    Column("reviewed_on_behalf", Boolean, nullable=False, server_default=false()),
    Column("reviewer_mentor_id", UUID(as_uuid=True)),
    Column("version", Integer, nullable=False),
    UniqueConstraint("placement_id", "week_start", name="uq_logbook_week_placement_week"),
    CheckConstraint("status IN ('submitted','approved','returned')", name="status"),
    CheckConstraint("core_hours >= 0 AND core_hours <= total_hours", name="hours"),
)

# ---- who mentors a placement, as the mentors service's events say (mentor.assigned / released / updated): a read
# model, so that the placement's assigned enterprise mentor reviews its logbook without a call to mentors.

placement_mentor = Table(
    "placement_mentor",
    metadata,
    Column("assignment_id", UUID(as_uuid=True), primary_key=True),
    Column("placement_id", UUID(as_uuid=True), nullable=False),
    Column("side", String(16), nullable=False),
    Column("org", String(64), nullable=False),  # the side's organisation
    Column("mentor_id", UUID(as_uuid=True)),  # the latest mentor assigned; kept after the assignment ended
    Column("assigned_at", DateTime(timezone=True)),  # of that latest assignment: older events change nothing
    Column("ended_at", DateTime(timezone=True)),
    CheckConstraint("side IN ('school','enterprise')", name="side"),
    Index("ix_placement_mentor_placement", "placement_id", "side"),
)

mentor_account = Table(
    "mentor_account",
    metadata,
    Column("mentor_id", UUID(as_uuid=True), primary_key=True),
    Column("org", String(64), nullable=False),
    Column("account", String(255)),  # the `sub` the mentor signs in with
    Column("version", Integer, nullable=False),  # of the mentor record: the highest seen wins
    Column("display_name", String(200)),  # the mentor's name at that version (the ministry report's teacher)
)

# An action link that did its action (docs/action-links.md): written in the action's own transaction, so a link is
# used once. Kept as long as the week it acted on: a link's lifetime is days, its `jti` never comes back.
used_action_link = Table(
    "used_action_link",
    metadata,
    Column("jti", UUID(as_uuid=True), primary_key=True),
    Column("used_at", DateTime(timezone=True), nullable=False),
    Column("action", String(32), nullable=False),
    Column("placement_id", UUID(as_uuid=True), nullable=False),
)

# ---- allocation rounds (domain/rounds.py): the round, its positions and students, its runs and their matches

allocation_round = Table(
    "allocation_round",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("schools", ARRAY(String(64)), nullable=False),  # the owner first, then the co-owners who accepted
    Column("invited_schools", ARRAY(String(64)), nullable=False),  # co-owners invited, not (yet) accepted
    Column("enterprise_org", String(64)),  # an order class: only this enterprise's positions
    Column("list_limit", SmallInteger, nullable=False),
    Column("publish_as", String(16), nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("tie_rule", String(40), nullable=False),  # domain.allocation.TieRule
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(255), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("computed_at", DateTime(timezone=True)),
    Column("published_at", DateTime(timezone=True)),
    Column("latest_run_id", UUID(as_uuid=True)),
    Column("published_run_id", UUID(as_uuid=True)),
    Column("version", Integer, nullable=False),
    CheckConstraint("status IN ('open','closed','computed','published')", name="status"),
    CheckConstraint("publish_as IN ('requested','confirmed')", name="publish_as"),
    CheckConstraint("tie_rule IN ('lottery','lottery-then-improvement-cycles')", name="tie_rule"),
    CheckConstraint("list_limit BETWEEN 1 AND 50", name="list_limit"),
    CheckConstraint("seed >= 0", name="seed"),
    Index("ix_allocation_round_schools", "schools", postgresql_using="gin"),
    Index("ix_allocation_round_invited_schools", "invited_schools", postgresql_using="gin"),
    Index("ix_allocation_round_enterprise", "enterprise_org", postgresql_where="enterprise_org IS NOT NULL"),
)

round_position = Table(
    "round_position",
    metadata,
    Column("round_id", UUID(as_uuid=True), ForeignKey("allocation_round.id"), primary_key=True),
    Column("position_id", UUID(as_uuid=True), ForeignKey("position.id"), primary_key=True),
    Column("enterprise_org", String(64), nullable=False),
    Column("added_by_org", String(64), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    # The enterprise's tie groups of applicants as [[school_org, student_ref], ...] per group; NULL = the default
    # competency-fit ranking.
    Column("ranking", JSONB),
    Column("ranked_at", DateTime(timezone=True)),
    # Decided at close: the seats the round offers, what limited them, and the position's tags as the run sees them.
    Column("offered_seats", Integer),
    Column("offered_limit", String(32)),
    Column("tags", ARRAY(String(64))),
    CheckConstraint("offered_seats IS NULL OR offered_seats >= 0", name="offered_seats"),
    Index("ix_round_position_enterprise", "enterprise_org", "round_id"),
    Index("ix_round_position_position", "position_id"),
)

round_student = Table(
    "round_student",
    metadata,
    Column("round_id", UUID(as_uuid=True), ForeignKey("allocation_round.id"), primary_key=True),
    Column("school_org", String(64), primary_key=True),
    Column("student_ref", String(128), primary_key=True),
    Column("profile", JSONB, nullable=False),  # what the school shares (display name, competencies, languages…)
    Column("birth_date", Date),  # the school's, for the age rules; never shown to enterprises
    Column("study_year", SmallInteger),
    Column("preferences", ARRAY(UUID(as_uuid=True)), nullable=False, server_default="{}"),  # best first
    Column("preferences_at", DateTime(timezone=True)),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Index("ix_round_student_preferences", "preferences", postgresql_using="gin"),
)

round_run = Table(
    "round_run",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("round_id", UUID(as_uuid=True), ForeignKey("allocation_round.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("input_hash", String(64), nullable=False),
    Column("algorithm_version", Text, nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    Column("computed_by", String(255), nullable=False),
    Column("students", Integer, nullable=False),
    Column("matched", Integer, nullable=False),
    Column("inputs", JSONB, nullable=False),  # the frozen inputs, so a run can be recomputed and compared
    UniqueConstraint("round_id", "seq", name="uq_round_run_round_seq"),
)

round_match = Table(
    "round_match",
    metadata,
    Column("run_id", UUID(as_uuid=True), ForeignKey("round_run.id"), primary_key=True),
    Column("school_org", String(64), primary_key=True),
    Column("student_ref", String(128), primary_key=True),
    Column("position_id", UUID(as_uuid=True)),  # NULL: unmatched
    Column("choice", SmallInteger),  # 1-based place of the match in the student's list
    # Each position listed above the match (all, if unmatched), and the student's band there (NULL: not accepted; 0
    # where the round offered no seats):
    # with round_run_position, what the student's explanation is built from when read (domain.allocation.rejection).
    Column("passed_over", ARRAY(UUID(as_uuid=True)), nullable=False, server_default="{}"),
    Column("bands", ARRAY(Integer), nullable=False, server_default="{}"),
    # What the previous release stored and still reads while this one rolls out (migration 0039, an expand step);
    # this release writes none ('[]') and reads none. Dropped in the next release, its rows converted first.
    Column("explanation", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Index("ix_round_match_position", "run_id", "position_id"),
)

# A run's facts of each position of its round: what explanations need (domain.allocation.PositionFacts).
round_run_position = Table(
    "round_run_position",
    metadata,
    Column("run_id", UUID(as_uuid=True), ForeignKey("round_run.id"), primary_key=True),
    Column("position_id", UUID(as_uuid=True), primary_key=True),
    Column("seats", Integer, nullable=False),  # offered in the round
    Column("tags", SmallInteger, nullable=False),
    Column("ranked", Boolean, nullable=False),  # by its enterprise; else the default competency-fit ranking
    Column("cutoff", Integer),  # the band of its lowest-ranked holder; NULL unless every seat was taken
)


# The tables of the internship course, evaluation (rubrics, scores, windows), grades and the credit ledger, outcomes
# (guidance sessions, hires, programme competencies, the value ledger), base tiers (feedback, tier decisions) and
# imports (import jobs, the student roster) and the erasure requests it coordinates, on
# this metadata too (imported last: they refer to the tables above), and the change log behind updated_since feeds.
from internships.adapters import (  # noqa: E402, F401
    audit_tables,
    course_tables,
    credits_tables,
    erasure_request_tables,
    evaluation_tables,
    exports_tables,
    feeds_tables,
    imports_tables,
    outcomes_tables,
    tiers_tables,
)
