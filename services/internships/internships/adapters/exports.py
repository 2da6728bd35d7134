"""What an organisation owns in the internships service, for its export (docs/export.md): one resource per table,
each a SELECT of the organisation's rows ($1 its id, $2 its kind). A school owns its students' placements and all
recorded about them (logbooks, weekly reports, attendance, evaluations, grades, documents, feedback, credits, and the
achievements it recorded for them, as credentials' events brought them), its roster, programmes and rounds; an
enterprise its positions, insurance and hires, and the placements with it as it sees them (without the profile and
consents the school holds). Agreements and practice bases belong to both sides. Left out: read models of other
services' events (mentor accounts and assignments, the outcomes ledger, guidance records; the credit ledger and the
recorded achievements are in, as the school's grading record), the change log of feeds, import jobs and used action
links (machinery, not records)."""

from __future__ import annotations

from praxis_common.exports import ExportResource as R

SCHOOL = "$2 = 'school' AND school_org = $1"
ENTERPRISE = "$2 = 'enterprise' AND enterprise_org = $1"
EITHER = f"(({SCHOOL}) OR ({ENTERPRISE}))"
OF_SCHOOL_PLACEMENTS = f"placement_id IN (SELECT id FROM placement WHERE {SCHOOL})"

# The enterprise's view of a placement: what it decided and what it needs to host the student.
ENTERPRISE_PLACEMENT = (
    "id, position_id, agreement_id, school_org, enterprise_org, student_ref, starts_on, ends_on, requested_at, "
    "hold_expires_at, status, decided_at, started_at, ended_at, reason, internship_type, organisation_form, "
    "internship_mode, version"
)


def _placement_records(name: str, table: str, order: str) -> R:
    return R(name, 1, f"SELECT * FROM {table} WHERE {OF_SCHOOL_PLACEMENTS} ORDER BY {order}")


RESOURCES = [
    R("organisation_profile", 1, "SELECT * FROM organisation_profile WHERE org = $1 AND kind = $2"),
    R("agreements", 1, f"SELECT * FROM agreement WHERE {EITHER} ORDER BY created_at, id"),
    R(
        "rubric_versions",
        1,
        f"SELECT * FROM rubric_version WHERE agreement_id IN (SELECT id FROM agreement WHERE {EITHER}) "
        "ORDER BY agreement_id, version",
    ),
    R("agreement_templates", 1, f"SELECT * FROM agreement_template WHERE {SCHOOL} ORDER BY locale"),
    R("practice_bases", 1, f"SELECT * FROM practice_base WHERE {EITHER} ORDER BY created_at, id"),
    R(
        "base_tier_decisions",
        1,
        f"SELECT * FROM base_tier_decision WHERE base_id IN (SELECT id FROM practice_base WHERE {EITHER}) "
        "ORDER BY decided_at, id",
    ),
    R("positions", 1, f"SELECT * FROM position WHERE {ENTERPRISE} ORDER BY created_at, id"),
    R(
        "insurance_policies",
        1,
        "SELECT * FROM insurance_policy WHERE owner_org = $1 AND owner_kind = $2 ORDER BY recorded_at, id",
    ),
    R("placements", 1, f"SELECT * FROM placement WHERE {SCHOOL} ORDER BY requested_at, id"),
    R(
        "enterprise_placements",
        1,
        f"SELECT {ENTERPRISE_PLACEMENT} FROM placement WHERE {ENTERPRISE} ORDER BY requested_at, id",
    ),
    _placement_records("logbook_weeks", "logbook_week", "placement_id, week_start"),
    _placement_records("weekly_reports", "weekly_report", "placement_id, id"),
    R(
        "weekly_report_comments",
        1,
        f"SELECT * FROM weekly_report_comment WHERE report_id IN (SELECT id FROM weekly_report WHERE "
        f"{OF_SCHOOL_PLACEMENTS}) ORDER BY report_id, created_at, id",
    ),
    _placement_records("attendance_days", "attendance_day", "placement_id, day"),
    _placement_records("attendance_weeks", "attendance_week", "placement_id, week_start, id"),
    _placement_records("leave_requests", "leave_request", "placement_id, id"),
    _placement_records("evaluation_windows", "evaluation_window", 'placement_id, "window"'),
    _placement_records("placement_evaluations", "placement_evaluation", "placement_id, id"),
    _placement_records("placement_grades", "placement_grade", "placement_id, revision"),
    _placement_records("placement_rubrics", "placement_rubric", "placement_id"),
    _placement_records("placement_documents", "placement_document", "placement_id, version"),
    _placement_records("placement_signatures", "placement_signature", "placement_id, id"),
    _placement_records("placement_insurance", "placement_insurance", "placement_id, policy_id"),
    R("placement_feedback", 1, f"SELECT * FROM placement_feedback WHERE {SCHOOL} ORDER BY placement_id"),
    R("hires", 1, f"SELECT * FROM hire WHERE {EITHER} ORDER BY recorded_at, id"),
    R("student_roster", 1, f"SELECT * FROM student_roster WHERE {SCHOOL} ORDER BY student_ref"),
    R("programmes", 1, f"SELECT * FROM programme WHERE {SCHOOL} ORDER BY cohort"),
    R("programme_requirements", 1, f"SELECT * FROM programme_requirement WHERE {SCHOOL} ORDER BY id"),
    R("credit_ledger", 1, f"SELECT * FROM credit_ledger_entry WHERE {SCHOOL} ORDER BY student_ref, source_id"),
    R(
        "student_achievements",
        1,
        f"SELECT * FROM student_achievement WHERE {SCHOOL} ORDER BY student_ref, achievement_id",
    ),
    R("ministry_report_downloads", 1, f"SELECT * FROM ministry_report_download WHERE {SCHOOL} ORDER BY id"),
    # Rounds the school owns (only a school owns one; a co-owning school's students are its own: round_students below).
    R(
        "allocation_rounds",
        1,
        "SELECT * FROM allocation_round WHERE $2 = 'school' AND owner_org = $1 ORDER BY created_at, id",
    ),
    R("round_students", 1, f"SELECT * FROM round_student WHERE {SCHOOL} ORDER BY round_id, student_ref"),
    # 2: the stored explanation became what builds it, the positions passed over and the bands (migration 0039)
    R("round_matches", 2, f"SELECT * FROM round_match WHERE {SCHOOL} ORDER BY run_id, student_ref"),
    R(
        "round_run_positions",  # the facts of positions that passed over a student of the school they accept
        1,
        "SELECT f.* FROM round_run_position f WHERE (f.run_id, f.position_id) IN (SELECT m.run_id, u.pid "
        "FROM round_match m CROSS JOIN LATERAL unnest(m.passed_over, m.bands) AS u(pid, band) "
        f"WHERE {SCHOOL} AND u.band IS NOT NULL) ORDER BY f.run_id, f.position_id",
    ),
    R("round_positions", 1, f"SELECT * FROM round_position WHERE {ENTERPRISE} ORDER BY round_id, position_id"),
    R(
        "audit_reads",
        1,
        "SELECT * FROM audit_entry WHERE owner_org = $1 AND owner_org_kind = $2 ORDER BY seq",
    ),
]
