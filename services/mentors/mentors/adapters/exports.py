"""What an organisation owns in the mentors service, for its export (docs/export.md): its mentors with their
certificates and practice periods, its side's assignments with their history and guidance sessions, and the audit
log of others' reads of its data ($1 the organisation's id, $2 its kind). Left out: the mentoring contexts and
partnerships (read models of internships' and projects' events, exported there) and overdue-notice bookkeeping."""

from __future__ import annotations

from praxis_common.exports import ExportResource as R

MENTORS = "SELECT id FROM mentor WHERE org = $1 AND kind = $2"
ASSIGNMENTS = "SELECT id FROM assignment WHERE org = $1 AND side = $2"

RESOURCES = [
    R("mentors", 1, "SELECT * FROM mentor WHERE org = $1 AND kind = $2 ORDER BY created_at, id"),
    R("mentor_certificates", 1, f"SELECT * FROM mentor_certificate WHERE mentor_id IN ({MENTORS}) ORDER BY id"),
    R("practice_periods", 1, f"SELECT * FROM practice_period WHERE mentor_id IN ({MENTORS}) ORDER BY id"),
    R("assignments", 1, "SELECT * FROM assignment WHERE org = $1 AND side = $2 ORDER BY created_at, id"),
    R(
        "assignment_history",
        1,
        f"SELECT * FROM assignment_history WHERE assignment_id IN ({ASSIGNMENTS}) ORDER BY assignment_id, at, id",
    ),
    R(
        "guidance_sessions",
        1,
        f"SELECT * FROM guidance_session WHERE assignment_id IN ({ASSIGNMENTS}) ORDER BY held_on, id",
    ),
    R("audit_reads", 1, "SELECT * FROM audit_entry WHERE owner_org = $1 AND owner_org_kind = $2 ORDER BY seq"),
]
