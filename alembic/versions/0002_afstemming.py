"""afstemming

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 06:44:35.667094
"""

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "afstemmingsronde",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("departementen", sa.JSON(), nullable=False),
        sa.Column("termijn", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stilzwijgend_akkoord", sa.Boolean(), nullable=False),
        sa.Column("geopend_door", sa.Integer(), nullable=False),
        sa.Column("geopend_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_afstemmingsronde_document_id_document")),
        sa.ForeignKeyConstraint(["geopend_door"], ["gebruiker.id"], name=op.f("fk_afstemmingsronde_geopend_door_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_afstemmingsronde")),
    )
    with op.batch_alter_table("afstemmingsronde", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_afstemmingsronde_document_id"), ["document_id"], unique=False)

    op.create_table(
        "paraaf",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("niveau", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("inhoudshash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("revisie", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_paraaf_document_id_document")),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_paraaf_gebruiker_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paraaf")),
    )
    with op.batch_alter_table("paraaf", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paraaf_document_id"), ["document_id"], unique=False)

    op.create_table(
        "rondeoordeel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("departement", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("oordeel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opmerkingen", sa.Text(), nullable=True),
        sa.Column("inhoudshash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("revisie", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actueel", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_rondeoordeel_gebruiker_id_gebruiker")),
        sa.ForeignKeyConstraint(["ronde_id"], ["afstemmingsronde.id"], name=op.f("fk_rondeoordeel_ronde_id_afstemmingsronde")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rondeoordeel")),
    )
    with op.batch_alter_table("rondeoordeel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rondeoordeel_ronde_id"), ["ronde_id"], unique=False)

    op.create_table(
        "tekstvoorstel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("sectie_id", sa.Integer(), nullable=False),
        sa.Column("departement", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("indiener_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("basisversie", sa.Integer(), nullable=False),
        sa.Column("positie", sa.Integer(), nullable=False),
        sa.Column("oorspronkelijk", sa.Text(), nullable=False),
        sa.Column("voorgesteld", sa.Text(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("reactietermijn", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reactie_op", sa.Integer(), nullable=True),
        sa.Column("draad_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verwerkt_in_versie", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_tekstvoorstel_document_id_document")),
        sa.ForeignKeyConstraint(["indiener_id"], ["gebruiker.id"], name=op.f("fk_tekstvoorstel_indiener_id_gebruiker")),
        sa.ForeignKeyConstraint(["reactie_op"], ["tekstvoorstel.id"], name=op.f("fk_tekstvoorstel_reactie_op_tekstvoorstel")),
        sa.ForeignKeyConstraint(["sectie_id"], ["sectie.id"], name=op.f("fk_tekstvoorstel_sectie_id_sectie")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tekstvoorstel")),
    )
    with op.batch_alter_table("tekstvoorstel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tekstvoorstel_departement"), ["departement"], unique=False)
        batch_op.create_index(batch_op.f("ix_tekstvoorstel_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tekstvoorstel_draad_id"), ["draad_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tekstvoorstel_reactie_op"), ["reactie_op"], unique=False)
        batch_op.create_index(batch_op.f("ix_tekstvoorstel_sectie_id"), ["sectie_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tekstvoorstel_status"), ["status"], unique=False)

    op.create_table(
        "besluit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draad_id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("gekozen_id", sa.Integer(), nullable=True),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("sectie_versie", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["draad_id"], ["tekstvoorstel.id"], name=op.f("fk_besluit_draad_id_tekstvoorstel")),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_besluit_gebruiker_id_gebruiker")),
        sa.ForeignKeyConstraint(["gekozen_id"], ["tekstvoorstel.id"], name=op.f("fk_besluit_gekozen_id_tekstvoorstel")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_besluit")),
    )
    with op.batch_alter_table("besluit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_besluit_draad_id"), ["draad_id"], unique=False)

    op.create_table(
        "reactie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tekstvoorstel_id", sa.Integer(), nullable=False),
        sa.Column("departement", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("oordeel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("tegenvoorstel_id", sa.Integer(), nullable=True),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actueel", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_reactie_gebruiker_id_gebruiker")),
        sa.ForeignKeyConstraint(
            ["tegenvoorstel_id"], ["tekstvoorstel.id"], name=op.f("fk_reactie_tegenvoorstel_id_tekstvoorstel")
        ),
        sa.ForeignKeyConstraint(
            ["tekstvoorstel_id"], ["tekstvoorstel.id"], name=op.f("fk_reactie_tekstvoorstel_id_tekstvoorstel")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reactie")),
    )
    with op.batch_alter_table("reactie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reactie_tekstvoorstel_id"), ["tekstvoorstel_id"], unique=False)

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("betrokken", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("wekker", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("vastgesteld_op", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("verzonden_op", sa.DateTime(timezone=True), nullable=True))

    # Existing documents: the departments that see them are the penvoerder and mede namens.
    document = sa.table(
        "document",
        sa.column("id", sa.Integer),
        sa.column("penvoerder", sa.String),
        sa.column("mede_namens", sa.JSON),
        sa.column("betrokken", sa.JSON),
    )
    verbinding = op.get_bind()
    for rij in verbinding.execute(sa.select(document.c.id, document.c.penvoerder, document.c.mede_namens)).all():
        betrokken = sorted({rij.penvoerder, *(rij.mede_namens or [])})
        verbinding.execute(document.update().where(document.c.id == rij.id).values(betrokken=betrokken))
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.alter_column("betrokken", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("verzonden_op")
        batch_op.drop_column("vastgesteld_op")
        batch_op.drop_column("wekker")
        batch_op.drop_column("betrokken")

    with op.batch_alter_table("reactie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reactie_tekstvoorstel_id"))

    op.drop_table("reactie")
    with op.batch_alter_table("besluit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_besluit_draad_id"))

    op.drop_table("besluit")
    with op.batch_alter_table("tekstvoorstel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tekstvoorstel_status"))
        batch_op.drop_index(batch_op.f("ix_tekstvoorstel_sectie_id"))
        batch_op.drop_index(batch_op.f("ix_tekstvoorstel_reactie_op"))
        batch_op.drop_index(batch_op.f("ix_tekstvoorstel_draad_id"))
        batch_op.drop_index(batch_op.f("ix_tekstvoorstel_document_id"))
        batch_op.drop_index(batch_op.f("ix_tekstvoorstel_departement"))

    op.drop_table("tekstvoorstel")
    with op.batch_alter_table("rondeoordeel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rondeoordeel_ronde_id"))

    op.drop_table("rondeoordeel")
    with op.batch_alter_table("paraaf", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paraaf_document_id"))

    op.drop_table("paraaf")
    with op.batch_alter_table("afstemmingsronde", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_afstemmingsronde_document_id"))

    op.drop_table("afstemmingsronde")
