"""Stored explanations lose their lottery places: a "full" explanation gives the student's band and the position's
cutoff band (`cutoff`, formerly `last_admitted`), never a draw, which is unique to one student and, with the seed
and the students' references, named the last admitted student.

The downgrade renames `cutoff` back; the draws are gone for good (that is the point), so it writes 0 where the old
code expects a place.

Revision ID: 0016_explanations_without_draws
Revises: 0015_round_invitations
Create Date: 2026-11-30
"""

from alembic import op

revision = "0016_explanations_without_draws"
down_revision = "0015_round_invitations"
branch_labels = None
depends_on = None


def _rewrite(old: str, new: str, standing: str) -> str:
    """An UPDATE that rebuilds every explanation element, `old` renamed to `new`, each standing object through
    `standing` (SQL, with `{s}` for the standing; a null standing stays null)."""

    def band(key: str) -> str:
        inner = standing.format(s=f"(e->'{key}')")
        return f"CASE jsonb_typeof(e->'{key}') WHEN 'object' THEN {inner} ELSE e->'{key}' END"

    return (
        "UPDATE round_match SET explanation = ("
        "SELECT coalesce(jsonb_agg((e - 'you' - '" + old + "') || "
        f"jsonb_build_object('you', {band('you')}, '{new}', {band(old)}) ORDER BY n), '[]'::jsonb) "
        "FROM jsonb_array_elements(explanation) WITH ORDINALITY AS x(e, n)) "
        "WHERE explanation <> '[]'::jsonb"
    )


def upgrade() -> None:
    op.execute(_rewrite("last_admitted", "cutoff", "{s} - 'draw'"))


def downgrade() -> None:
    op.execute(_rewrite("cutoff", "last_admitted", """{s} || '{{"draw": 0}}'::jsonb"""))
