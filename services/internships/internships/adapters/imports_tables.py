"""Tables of imports (SQLAlchemy Core, on the service's one `metadata`; alembic owns the schema): the kernel's
import_job, and the school's student roster the OneRoster import fills (docs/imports.md)."""

from sqlalchemy import CheckConstraint, Column, DateTime, Index, Integer, PrimaryKeyConstraint, String, Table
from sqlalchemy.dialects.postgresql import ARRAY

from internships.adapters.orm import metadata
from praxis_common.imports.jobs import import_job_table

import_job = import_job_table(metadata)

# One row per (school, student): the profile the school shares, as last imported.
student_roster = Table(
    "student_roster",
    metadata,
    Column("school_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("display_name", String(100)),
    Column("programme", String(200)),
    Column("competencies", ARRAY(String(64)), nullable=False),
    Column("languages", ARRAY(String(32)), nullable=False),
    Column("study_year", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("school_org", "student_ref", name="pk_student_roster"),
    CheckConstraint("study_year IS NULL OR study_year BETWEEN 1 AND 10", name="study_year"),
    Index("ix_student_roster_programme", "school_org", "programme"),
)
