"""Co-owner schools of a joint round are invited and take part only once they accept.

`allocation_round.invited_schools` holds the co-owners that have not accepted; `schools` keeps the owner and the
co-owners that did. Rounds created before named their co-owners without asking them: a co-owner that has taken no
part yet (added no position and no student) becomes invited; one that has taken part has accepted by doing so and
stays. The downgrade makes every invited school a co-owner again, as the old code had them.

Revision ID: 0015_round_invitations
Revises: 0014_idempotency_subject
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0015_round_invitations"
down_revision = "0014_idempotency_subject"
branch_labels = None
depends_on = None

_TOOK_PART = (
    "(EXISTS (SELECT 1 FROM round_position p WHERE p.round_id = r.id AND p.added_by_org = s.org) "
    "OR EXISTS (SELECT 1 FROM round_student t WHERE t.round_id = r.id AND t.school_org = s.org))"
)


def upgrade() -> None:
    op.add_column(
        "allocation_round",
        sa.Column("invited_schools", postgresql.ARRAY(sa.String(64)), nullable=False, server_default="{}"),
    )
    op.execute(
        "UPDATE allocation_round r SET "
        "invited_schools = ARRAY(SELECT s.org FROM unnest(r.schools[2:]) WITH ORDINALITY AS s(org, n) "
        f"WHERE NOT {_TOOK_PART} ORDER BY s.n), "
        "schools = ARRAY[r.owner_org] || ARRAY(SELECT s.org FROM unnest(r.schools[2:]) WITH ORDINALITY AS s(org, n) "
        f"WHERE {_TOOK_PART} ORDER BY s.n)::varchar(64)[] "
        "WHERE cardinality(r.schools) > 1"
    )
    op.alter_column("allocation_round", "invited_schools", server_default=None)
    op.create_index(
        "ix_allocation_round_invited_schools", "allocation_round", ["invited_schools"], postgresql_using="gin"
    )


def downgrade() -> None:
    op.drop_index("ix_allocation_round_invited_schools", table_name="allocation_round")
    op.execute("UPDATE allocation_round SET schools = schools || invited_schools")
    op.drop_column("allocation_round", "invited_schools")
