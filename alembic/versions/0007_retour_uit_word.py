"""retour uit word: returned Word files, their comments, and where a proposal came from

Revision ID: 0007_retour_uit_word
Revises: 0006
"""

import sqlalchemy as sa

from alembic import op

revision = "0007_retour_uit_word"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retour",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("document.id"), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("bestandsnaam", sa.String(), nullable=True),
        sa.Column("revisie", sa.Integer(), nullable=False),
        sa.Column("departement", sa.String(), nullable=False),
        sa.Column("ingediend_door", sa.Integer(), sa.ForeignKey("gebruiker.id"), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("niet_verwerkt", sa.JSON(), nullable=False),
        sa.UniqueConstraint("document_id", "sha256"),
    )
    op.create_index("ix_retour_document_id", "retour", ["document_id"])
    op.create_table(
        "opmerking",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("document.id"), nullable=False),
        sa.Column("retour_id", sa.Integer(), sa.ForeignKey("retour.id"), nullable=False),
        sa.Column("sectie_id", sa.Integer(), sa.ForeignKey("sectie.id"), nullable=True),
        sa.Column("basisversie", sa.Integer(), nullable=True),
        sa.Column("positie", sa.Integer(), nullable=True),
        sa.Column("passage", sa.Text(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("auteur", sa.String(), nullable=False),
        sa.Column("word_tijdstip", sa.DateTime(timezone=True), nullable=True),
        sa.Column("departement", sa.String(), nullable=False),
    )
    op.create_index("ix_opmerking_document_id", "opmerking", ["document_id"])
    op.create_index("ix_opmerking_retour_id", "opmerking", ["retour_id"])
    with op.batch_alter_table("tekstvoorstel", schema=None) as batch_op:
        batch_op.add_column(sa.Column("word_auteur", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("word_tijdstip", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("zonder_bijhouden", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("retour_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_tekstvoorstel_retour_id_retour", "retour", ["retour_id"], ["id"])
        batch_op.create_index("ix_tekstvoorstel_retour_id", ["retour_id"])


def downgrade() -> None:
    with op.batch_alter_table("tekstvoorstel", schema=None) as batch_op:
        batch_op.drop_index("ix_tekstvoorstel_retour_id")
        batch_op.drop_constraint("fk_tekstvoorstel_retour_id_retour", type_="foreignkey")
        batch_op.drop_column("retour_id")
        batch_op.drop_column("zonder_bijhouden")
        batch_op.drop_column("word_tijdstip")
        batch_op.drop_column("word_auteur")
    op.drop_index("ix_opmerking_retour_id", "opmerking")
    op.drop_index("ix_opmerking_document_id", "opmerking")
    op.drop_table("opmerking")
    op.drop_index("ix_retour_document_id", "retour")
    op.drop_table("retour")
