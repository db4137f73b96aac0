"""meldingen, afwezigheid en aanmelden (issue 18)

The outbox of e-mail meldingen (`melding`, unique per recipient and subject so nothing is
announced twice); per user the meldingen preference, afwezigheid (until a date, with a
vervanger) and the link to the identity provider (issuer + sub); per token its kind ("api" or a
single sign-on "sessie") and when it ends.

Revision ID: 0008_meldingen_aanmelden
Revises: 0007_retour_uit_word
"""

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision = "0008_meldingen_aanmelden"
down_revision = "0007_retour_uit_word"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "melding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ontvanger_id", sa.Integer(), nullable=False),
        sa.Column("sleutel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("aanleiding", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("werk", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("gegevens", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        sa.Column("claim", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("geclaimd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verzonden_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fout", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_melding_document_id_document")),
        sa.ForeignKeyConstraint(["ontvanger_id"], ["gebruiker.id"], name=op.f("fk_melding_ontvanger_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_melding")),
        sa.UniqueConstraint("ontvanger_id", "sleutel", name=op.f("uq_melding_ontvanger_id")),
    )
    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_melding_claim"), ["claim"], unique=False)
        batch_op.create_index(batch_op.f("ix_melding_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_melding_ontvanger_id"), ["ontvanger_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_melding_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_melding_sleutel"), ["sleutel"], unique=False)

    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("meldingen_voorkeur", sqlmodel.sql.sqltypes.AutoString(), server_default="direct", nullable=False)
        )
        batch_op.add_column(sa.Column("afwezig_tot", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("vervanger_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("oidc_issuer", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("oidc_sub", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_gebruiker_oidc_issuer"), ["oidc_issuer", "oidc_sub"])
        batch_op.create_foreign_key(batch_op.f("fk_gebruiker_vervanger_id_gebruiker"), "gebruiker", ["vervanger_id"], ["id"])

    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(), server_default="api", nullable=False))
        batch_op.add_column(sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.drop_column("verloopt_op")
        batch_op.drop_column("soort")

    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_gebruiker_vervanger_id_gebruiker"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_gebruiker_oidc_issuer"), type_="unique")
        batch_op.drop_column("oidc_sub")
        batch_op.drop_column("oidc_issuer")
        batch_op.drop_column("vervanger_id")
        batch_op.drop_column("afwezig_tot")
        batch_op.drop_column("meldingen_voorkeur")

    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_melding_status"))
        batch_op.drop_index(batch_op.f("ix_melding_sleutel"))
        batch_op.drop_index(batch_op.f("ix_melding_ontvanger_id"))
        batch_op.drop_index(batch_op.f("ix_melding_document_id"))
        batch_op.drop_index(batch_op.f("ix_melding_claim"))

    op.drop_table("melding")
