"""What an organisation owns in the projects service, for its export (docs/export.md), $1 its id and $2 its kind.
An enterprise: its projects with their material, terms, school grants and the terms' acceptances, and its projects'
teams with their work (members, milestones, deliverables, stage reviews, metrics). A school: its grants and its
students' teams with everything recorded about them (evaluations, peer ratings, credits, terms acceptances).
Left out: partnerships (a read model of internships' agreements, exported there)."""

from __future__ import annotations

from praxis_common.exports import ExportResource as R

PROJECTS = "SELECT id FROM project WHERE $2 = 'enterprise' AND enterprise_org = $1"
TEAMS = "SELECT id FROM team WHERE ($2 = 'school' AND school_org = $1) OR ($2 = 'enterprise' AND enterprise_org = $1)"
SCHOOL_TEAMS = "SELECT id FROM team WHERE $2 = 'school' AND school_org = $1"


def _of_teams(name: str, table: str, order: str, teams: str = TEAMS) -> R:
    return R(name, 1, f"SELECT * FROM {table} WHERE team_id IN ({teams}) ORDER BY {order}")


RESOURCES = [
    R("projects", 1, f"SELECT * FROM project WHERE id IN ({PROJECTS}) ORDER BY created_at, id"),
    R("materials", 1, f"SELECT * FROM material WHERE project_id IN ({PROJECTS}) ORDER BY project_id, id"),
    R("project_terms", 1, f"SELECT * FROM project_terms WHERE project_id IN ({PROJECTS}) ORDER BY project_id, version"),
    R(
        "project_schools",
        1,
        f"SELECT * FROM project_school WHERE project_id IN ({PROJECTS}) OR ($2 = 'school' AND school_org = $1) "
        "ORDER BY project_id, school_org",
    ),
    R(
        "terms_acceptances",
        1,
        f"SELECT * FROM terms_acceptance WHERE project_id IN ({PROJECTS}) OR ($2 = 'school' AND school_org = $1) "
        "ORDER BY project_id, version, student_ref",
    ),
    R("teams", 1, f"SELECT * FROM team WHERE id IN ({TEAMS}) ORDER BY formed_at, id"),
    _of_teams("team_members", "team_member", "team_id, student_ref"),
    _of_teams("milestones", "milestone", "team_id, stage"),
    _of_teams("deliverables", "deliverable", "team_id, id"),
    _of_teams("stage_reviews", "stage_review", "team_id, id"),
    _of_teams("team_metrics", "team_metric", "team_id, metric, period_start"),
    _of_teams("evaluations", "evaluation", "team_id, id", SCHOOL_TEAMS),
    _of_teams("peer_ratings", "peer_rating", "team_id, id", SCHOOL_TEAMS),
    R("credits", 1, "SELECT * FROM credit WHERE $2 = 'school' AND school_org = $1 ORDER BY awarded_at, id"),
    R("audit_reads", 1, "SELECT * FROM audit_entry WHERE owner_org = $1 AND owner_org_kind = $2 ORDER BY seq"),
]
