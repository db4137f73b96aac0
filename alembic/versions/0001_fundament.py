"""fundament: gebruikers, documenten, secties, gebeurtenissen

Revision ID: 0001
Revises:
Create Date: 2026-11-24 06:40:33.946594
"""

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gebruiker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("departement", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rollen", sa.JSON(), nullable=False),
        sa.Column("paraafniveau", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebruiker")),
        sa.UniqueConstraint("email", name=op.f("uq_gebruiker_email")),
    )
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gebruiker_departement"), ["departement"], unique=False)

    op.create_table(
        "ketenkop",
        sa.Column("keten", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("keten", name=op.f("pk_ketenkop")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("titel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kenmerk", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("penvoerder", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ondertekenaar", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("ondertekenaar_functie", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("mede_namens", sa.JSON(), nullable=False),
        sa.Column("gekoppeld_aan", sa.Integer(), nullable=True),
        sa.Column("parafenlijn", sa.JSON(), nullable=False),
        sa.Column("bijlagen", sa.JSON(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=True),
        sa.Column("revisie", sa.Integer(), nullable=False),
        sa.Column("inhoudshash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("aangemaakt_door", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["aangemaakt_door"], ["gebruiker.id"], name=op.f("fk_document_aangemaakt_door_gebruiker")),
        sa.ForeignKeyConstraint(["gekoppeld_aan"], ["document.id"], name=op.f("fk_document_gekoppeld_aan_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_gekoppeld_aan"), ["gekoppeld_aan"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_penvoerder"), ["penvoerder"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_soort"), ["soort"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_status"), ["status"], unique=False)

    op.create_table(
        "token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("uitgegeven_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingetrokken_op", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_token_gebruiker_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_token")),
        sa.UniqueConstraint("hash", name=op.f("uq_token_hash")),
    )
    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_token_gebruiker_id"), ["gebruiker_id"], unique=False)

    op.create_table(
        "documentrevisie",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("revisie", sa.Integer(), nullable=False),
        sa.Column("inhoudshash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["gebruiker.id"], name=op.f("fk_documentrevisie_actor_id_gebruiker")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_documentrevisie_document_id_document")),
        sa.PrimaryKeyConstraint("document_id", "revisie", name=op.f("pk_documentrevisie")),
    )
    op.create_table(
        "gebeurtenis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("keten", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("gegevens", sa.Text(), nullable=False),
        sa.Column("vorige_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_gebeurtenis_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebeurtenis")),
        sa.UniqueConstraint("keten", "volgnummer", name=op.f("uq_gebeurtenis_keten")),
    )
    with op.batch_alter_table("gebeurtenis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gebeurtenis_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_gebeurtenis_keten"), ["keten"], unique=False)

    op.create_table(
        "sectie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("positie", sa.Integer(), nullable=False),
        sa.Column("niveau", sa.Integer(), nullable=False),
        sa.Column("kop", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_sectie_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sectie")),
    )
    with op.batch_alter_table("sectie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sectie_document_id"), ["document_id"], unique=False)

    op.create_table(
        "sectieversie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sectie_id", sa.Integer(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("revisie", sa.Integer(), nullable=False),
        sa.Column("positie", sa.Integer(), nullable=False),
        sa.Column("niveau", sa.Integer(), nullable=False),
        sa.Column("kop", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("auteur_id", sa.Integer(), nullable=True),
        sa.Column("reden", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["auteur_id"], ["gebruiker.id"], name=op.f("fk_sectieversie_auteur_id_gebruiker")),
        sa.ForeignKeyConstraint(["sectie_id"], ["sectie.id"], name=op.f("fk_sectieversie_sectie_id_sectie")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sectieversie")),
        sa.UniqueConstraint("sectie_id", "versie", name=op.f("uq_sectieversie_sectie_id")),
    )
    with op.batch_alter_table("sectieversie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sectieversie_sectie_id"), ["sectie_id"], unique=False)

    # The head of the system chain (user and token events) exists from the start, so appending
    # to it only ever locks an existing row.
    op.bulk_insert(
        sa.table("ketenkop", sa.column("keten", sa.String), sa.column("volgnummer", sa.Integer), sa.column("hash", sa.String)),
        [{"keten": "systeem", "volgnummer": 0, "hash": "sha256:" + "0" * 64}],
    )


def downgrade() -> None:
    with op.batch_alter_table("sectieversie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sectieversie_sectie_id"))

    op.drop_table("sectieversie")
    with op.batch_alter_table("sectie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sectie_document_id"))

    op.drop_table("sectie")
    with op.batch_alter_table("gebeurtenis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gebeurtenis_keten"))
        batch_op.drop_index(batch_op.f("ix_gebeurtenis_document_id"))

    op.drop_table("gebeurtenis")
    op.drop_table("documentrevisie")
    with op.batch_alter_table("token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_token_gebruiker_id"))

    op.drop_table("token")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_status"))
        batch_op.drop_index(batch_op.f("ix_document_soort"))
        batch_op.drop_index(batch_op.f("ix_document_penvoerder"))
        batch_op.drop_index(batch_op.f("ix_document_gekoppeld_aan"))

    op.drop_table("document")
    op.drop_table("ketenkop")
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gebruiker_departement"))

    op.drop_table("gebruiker")
