"""The tripartite agreement as a signed document: schools' agreement templates, each placement's rendered versions,
and the three parties' signatures of a version (kept, marked voided, when a new version is rendered).

Revision ID: 0020_placement_documents
Revises: 0019_internship_types
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_placement_documents"
down_revision = "0019_internship_types"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreement_template",
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(255), nullable=False),
        sa.CheckConstraint("locale IN ('zh-CN','en')", name="ck_agreement_template_locale"),
        sa.PrimaryKeyConstraint("school_org", "locale", name="pk_agreement_template"),
    )
    op.create_table(
        "placement_document",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("context_digest", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("rendered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name="fk_placement_document_placement_id_placement"
        ),
        sa.PrimaryKeyConstraint("placement_id", "version", name="pk_placement_document"),
    )
    op.create_table(
        "placement_signature",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("document_version", sa.Integer(), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("party", sa.String(16), nullable=False),
        sa.Column("signer_sub", sa.String(255), nullable=False),
        sa.Column("signer_org", sa.String(64), nullable=False),
        sa.Column("on_behalf_of", sa.String(16), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["placement_id", "document_version"],
            ["placement_document.placement_id", "placement_document.version"],
            name="fk_placement_signature_document",
        ),
        sa.UniqueConstraint("placement_id", "document_version", "party", name="uq_placement_signature_party"),
        sa.CheckConstraint("party IN ('school','enterprise','student')", name="ck_placement_signature_party"),
        sa.CheckConstraint(
            "on_behalf_of IS NULL OR on_behalf_of IN ('student','guardian')", name="ck_placement_signature_on_behalf_of"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_placement_signature"),
    )


def downgrade() -> None:
    op.drop_table("placement_signature")
    op.drop_table("placement_document")
    op.drop_table("agreement_template")
