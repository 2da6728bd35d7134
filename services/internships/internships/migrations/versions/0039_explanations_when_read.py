"""A run stores what explains its matches instead of the explanations: per student the positions listed above the
match and the student's band at each (round_match.passed_over, .bands), per position its seats, tag count, whether
ranked and its cutoff band (round_run_position). The explanation, ~2 KB of JSON per student (about 100 MB on a
national round), is built when read (domain.allocation.rejection).

An expand step (docs/operations.md, "Roll out a new release"): the previous release still reads and writes
`round_match.explanation` while this one rolls out, so the column stays, with a default for the rows this release
writes (an old process shows no explanation for them), and the new columns default to empty for the rows an old
process writes. The contract step, in the next release, converts the rows old processes wrote meanwhile as this
upgrade converts the earlier ones (passed_over empty, explanation not) and drops the column.

The upgrade derives the new columns from the stored explanations, which hold every fact they were built from (a
position that only ever appears as "no-seats" is recorded as unranked: no explanation shows it either way); the
explanations themselves stay as they were. The downgrade rebuilds the explanations of the runs this release computed,
texts included, as domain.allocation.Rejection.describe words them.

Revision ID: 0039_explanations_when_read
Revises: 0038_round_tie_rule
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0039_explanations_when_read"
down_revision = "0038_round_tie_rule"
branch_labels = None
depends_on = None

# A standing object ({"group": g} 1-based, or {"shared_tags": t} of the position's tags) as a 0-based band.
_BAND = (
    "CASE WHEN e->'{s}'->>'group' IS NOT NULL THEN (e->'{s}'->>'group')::int - 1 "
    "ELSE (e->>'position_tags')::int - (e->'{s}'->>'shared_tags')::int END"
)


def upgrade() -> None:
    op.create_table(
        "round_run_position",
        sa.Column("run_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("position_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("tags", sa.SmallInteger(), nullable=False),
        sa.Column("ranked", sa.Boolean(), nullable=False),
        sa.Column("cutoff", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["round_run.id"], name="fk_round_run_position_run_id_round_run"),
        sa.PrimaryKeyConstraint("run_id", "position_id", name="pk_round_run_position"),
    )
    op.add_column(
        "round_match",
        sa.Column("passed_over", postgresql.ARRAY(postgresql.UUID(as_uuid=True)), nullable=False, server_default="{}"),
    )
    op.add_column(
        "round_match", sa.Column("bands", postgresql.ARRAY(sa.Integer()), nullable=False, server_default="{}")
    )
    op.alter_column("round_match", "explanation", server_default=sa.text("'[]'::jsonb"))
    # Each position once per run, from an element that shows its cutoff where there is one ("full").
    op.execute(
        "INSERT INTO round_run_position (run_id, position_id, seats, tags, ranked, cutoff) "
        "SELECT DISTINCT ON (m.run_id, (e->>'position_id')::uuid) m.run_id, (e->>'position_id')::uuid, "
        "(e->>'seats')::int, (e->>'position_tags')::int, "
        "CASE e->>'reason' WHEN 'not-ranked' THEN true WHEN 'full' THEN e->'you'->>'group' IS NOT NULL ELSE false END, "
        f"CASE e->>'reason' WHEN 'full' THEN {_BAND.format(s='cutoff')} END "
        "FROM round_match m CROSS JOIN LATERAL jsonb_array_elements(m.explanation) AS e "
        "ORDER BY m.run_id, (e->>'position_id')::uuid, (e->>'reason' = 'full') DESC"
    )
    op.execute(
        "UPDATE round_match m SET passed_over = x.ids, bands = x.bands FROM ("
        "SELECT run_id, school_org, student_ref, array_agg((e->>'position_id')::uuid ORDER BY n) AS ids, "
        f"array_agg(CASE e->>'reason' WHEN 'full' THEN {_BAND.format(s='you')} WHEN 'no-seats' THEN 0 END ORDER BY n) "
        "AS bands FROM round_match CROSS JOIN LATERAL jsonb_array_elements(explanation) WITH ORDINALITY AS y(e, n) "
        "GROUP BY run_id, school_org, student_ref) AS x "
        "WHERE (m.run_id, m.school_org, m.student_ref) = (x.run_id, x.school_org, x.student_ref)"
    )


def _standing(band: str) -> tuple[str, str]:
    """(standing object, its words) of a 0-based band at position f (the joined round_run_position)."""
    obj = (
        f"CASE WHEN f.ranked THEN jsonb_build_object('group', {band} + 1, 'shared_tags', null) "
        f"ELSE jsonb_build_object('group', null, 'shared_tags', f.tags - {band}) END"
    )
    words = (
        f"CASE WHEN f.ranked THEN format('group %s of the enterprise''s ranking', {band} + 1) "
        f"ELSE format('competency fit %s/%s', f.tags - {band}, f.tags) END"
    )
    return obj, words


def downgrade() -> None:
    you, you_words = _standing("x.band")
    cutoff, cutoff_words = _standing("f.cutoff")
    full = (
        "format('%s: all %s seat(s) went to students it ranked higher', x.pid, f.seats) || CASE WHEN x.band = f.cutoff "
        f"THEN format('; you were in the last band it admitted (%s) and lost its tie-break', {you_words}) "
        f"ELSE format('; the last band it admitted: %s, yours: %s', {cutoff_words}, {you_words}) END"
    )
    op.execute(
        "UPDATE round_match m SET explanation = y.explanation FROM ("
        "SELECT x.run_id, x.school_org, x.student_ref, jsonb_agg(jsonb_build_object("
        "'position_id', x.pid::text, 'seats', f.seats, 'position_tags', f.tags, "
        "'reason', CASE WHEN x.band IS NULL THEN 'not-ranked' WHEN f.seats = 0 THEN 'no-seats' ELSE 'full' END, "
        f"'you', CASE WHEN x.band IS NOT NULL AND f.seats > 0 THEN {you} END, "
        f"'cutoff', CASE WHEN x.band IS NOT NULL AND f.seats > 0 THEN {cutoff} END, "
        "'lost_on_draw', x.band IS NOT NULL AND f.seats > 0 AND x.band = f.cutoff, "
        "'text', CASE WHEN x.band IS NULL THEN x.pid || ': the enterprise did not rank you' "
        "WHEN f.seats = 0 THEN x.pid || ': the round offers no seats there' "
        f"ELSE {full} END) ORDER BY x.n) AS explanation "
        "FROM (SELECT run_id, school_org, student_ref, u.pid, u.band, u.n FROM round_match "
        "CROSS JOIN LATERAL unnest(passed_over, bands) WITH ORDINALITY AS u(pid, band, n)) AS x "
        "JOIN round_run_position f ON (f.run_id, f.position_id) = (x.run_id, x.pid) "
        "GROUP BY x.run_id, x.school_org, x.student_ref) AS y "
        "WHERE (m.run_id, m.school_org, m.student_ref) = (y.run_id, y.school_org, y.student_ref) "
        "AND m.explanation = '[]'::jsonb"  # a run this release computed: the runs before keep theirs
    )
    op.alter_column("round_match", "explanation", server_default=None)
    op.drop_column("round_match", "bands")
    op.drop_column("round_match", "passed_over")
    op.drop_table("round_run_position")
