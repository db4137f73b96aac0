"""zegel: the development seal and the sealed PDF/A of each sent document

Revision ID: 0009_zegel_pdf
Revises: 0008_meldingen_aanmelden
"""

import sqlalchemy as sa

from alembic import op

revision = "0009_zegel_pdf"
down_revision = "0008_meldingen_aanmelden"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ontwikkelzegel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(), nullable=False),
        sa.Column("sleutel_pem", sa.Text(), nullable=False),
        sa.Column("certificaat_pem", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ontwikkelzegel")),
    )
    op.create_table(
        "verzegeling",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("revisie", sa.Integer(), nullable=False),
        sa.Column("inhoudshash", sa.String(), nullable=False),
        sa.Column("zegel", sa.String(), nullable=False),
        sa.Column("certificaat_sha256", sa.String(), nullable=False),
        sa.Column("niveau", sa.String(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_verzegeling_document_id_document")),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_verzegeling")),
    )


def downgrade() -> None:
    op.drop_table("verzegeling")
    op.drop_table("ontwikkelzegel")
