"""stukken: the letter, its beslisnota and bijlagen as one set (issue 12)

New tables for the set's own records (afhankelijkheid, beslispuntbesluit, afwijking) and the
set a paraaf is pinned to (paraaf.sethash, paraaf.setstand; see workflow/stukken.py).

Existing databases are carried forward, and every change to a document is written into that
document's own event chain (soort "migratie_stukken"):

1. Links. A set has one level, headed by a kamerbrief. A document linked to a kamerbrief
   stays linked: it is now a member of that letter's set (its parafen, vaststelling and the
   nota's blocks follow the letter). A document linked to a nota or bijlage that is itself a
   member is re-linked to that set's letter. A kamerbrief linked to anything, and a document
   linked to something that heads no letter's set, lose the link ("gekoppeld_aan" NULL).
2. Parafen are re-pinned, none is silently kept on a text it did not see. Each paraaf is
   pinned to the set as it was when it was given: its own document at its own revisie and
   inhoudshash, and nothing else. So:
   - a paraaf on a letter without stukken stays valid exactly as long as it was valid before;
   - a paraaf on a letter that has a beslisnota or bijlage is void: it never covered those;
   - a paraaf on a nota or bijlage in a set no longer counts at all: parafen go on the letter.
   The chain of each document whose valid parafen are voided says which (ids and levels).
3. A document left "in_parafering" without a valid paraaf goes back to "afgestemd".

Revision ID: 0010_stukken
Revises: 0009_zegel_pdf
"""

import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision = "0010_stukken"
down_revision = "0009_zegel_pdf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "afhankelijkheid",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("doel_document_id", sa.Integer(), nullable=True),
        sa.Column("vereiste_status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("verwacht_op", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("aangemaakt_door", sa.Integer(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("afgehandeld_door", sa.Integer(), nullable=True),
        sa.Column("afgehandeld_op", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["aangemaakt_door"], ["gebruiker.id"], name=op.f("fk_afhankelijkheid_aangemaakt_door_gebruiker")),
        sa.ForeignKeyConstraint(
            ["afgehandeld_door"], ["gebruiker.id"], name=op.f("fk_afhankelijkheid_afgehandeld_door_gebruiker")
        ),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_afhankelijkheid_document_id_document")),
        sa.ForeignKeyConstraint(["doel_document_id"], ["document.id"], name=op.f("fk_afhankelijkheid_doel_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_afhankelijkheid")),
    )
    with op.batch_alter_table("afhankelijkheid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_afhankelijkheid_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_afhankelijkheid_doel_document_id"), ["doel_document_id"], unique=False)

    op.create_table(
        "afwijking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("departement", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_afwijking_document_id_document")),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_afwijking_gebruiker_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_afwijking")),
    )
    with op.batch_alter_table("afwijking", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_afwijking_document_id"), ["document_id"], unique=False)

    op.create_table(
        "beslispuntbesluit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("besluit", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("aantekening", sa.Text(), nullable=True),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actueel", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_beslispuntbesluit_document_id_document")),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_beslispuntbesluit_gebruiker_id_gebruiker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beslispuntbesluit")),
    )
    with op.batch_alter_table("beslispuntbesluit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_beslispuntbesluit_document_id"), ["document_id"], unique=False)

    with op.batch_alter_table("paraaf", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sethash", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("setstand", sa.Text(), nullable=True))

    _draag_over(op.get_bind())

    with op.batch_alter_table("paraaf", schema=None) as batch_op:
        batch_op.alter_column("sethash", existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False)
        batch_op.alter_column("setstand", existing_type=sa.Text(), nullable=False)


def downgrade() -> None:
    # The tables and columns go; links changed by the upgrade stay as they are (each change is
    # in the document's event chain).
    with op.batch_alter_table("paraaf", schema=None) as batch_op:
        batch_op.drop_column("setstand")
        batch_op.drop_column("sethash")

    with op.batch_alter_table("beslispuntbesluit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beslispuntbesluit_document_id"))

    op.drop_table("beslispuntbesluit")
    with op.batch_alter_table("afwijking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_afwijking_document_id"))

    op.drop_table("afwijking")
    with op.batch_alter_table("afhankelijkheid", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_afhankelijkheid_doel_document_id"))
        batch_op.drop_index(batch_op.f("ix_afhankelijkheid_document_id"))

    op.drop_table("afhankelijkheid")


# --- carrying existing data forward ---------------------------------------------------------------
# The rules below are frozen copies of workflow.stukken and workflow.keten as they were when this
# migration was written: later changes to those modules must not change what it did.


def _canoniek(waarde) -> str:
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sethash(leden) -> str:
    paren = sorted((int(i), h) for i, h in leden)
    return "sha256:" + hashlib.sha256(_canoniek([[i, h] for i, h in paren]).encode("utf-8")).hexdigest()


def _setstand(leden) -> str:
    return ",".join(f"{i}:{r}" for i, r in sorted((int(i), int(r)) for i, r in leden))


def _tijdstempel(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _keten_hash(vorige: str, *, keten: str, volgnummer: int, tijdstip: datetime, actor: str, soort: str, gegevens: str) -> str:
    inhoud = _canoniek(
        {
            "keten": keten,
            "volgnummer": volgnummer,
            "tijdstip": _tijdstempel(tijdstip),
            "actor": actor,
            "soort": soort,
            "gegevens": gegevens,
        }
    )
    return "sha256:" + hashlib.sha256(f"{vorige}\n{inhoud}".encode()).hexdigest()


_DOCUMENT = sa.table(
    "document",
    sa.column("id", sa.Integer),
    sa.column("soort", sa.String),
    sa.column("status", sa.String),
    sa.column("gekoppeld_aan", sa.Integer),
    sa.column("revisie", sa.Integer),
    sa.column("inhoudshash", sa.String),
    sa.column("keten_volgnummer", sa.Integer),
    sa.column("keten_hash", sa.String),
)
_PARAAF = sa.table(
    "paraaf",
    sa.column("id", sa.Integer),
    sa.column("document_id", sa.Integer),
    sa.column("niveau", sa.String),
    sa.column("inhoudshash", sa.String),
    sa.column("revisie", sa.Integer),
    sa.column("sethash", sa.String),
    sa.column("setstand", sa.Text),
)
_GEBEURTENIS = sa.table(
    "gebeurtenis",
    sa.column("keten", sa.String),
    sa.column("volgnummer", sa.Integer),
    sa.column("document_id", sa.Integer),
    sa.column("tijdstip", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String),
    sa.column("soort", sa.String),
    sa.column("gegevens", sa.Text),
    sa.column("vorige_hash", sa.String),
    sa.column("hash", sa.String),
)


def _schrijf_gebeurtenis(verbinding, document: dict, nu: datetime, gegevens: dict) -> None:
    """Append a "migratie_stukken" event to a document's chain (actor: the system)."""
    keten = f"document/{document['id']}"
    volgnummer = document["keten_volgnummer"] + 1
    tekst = _canoniek(gegevens)
    nieuwe = _keten_hash(
        document["keten_hash"],
        keten=keten,
        volgnummer=volgnummer,
        tijdstip=nu,
        actor="systeem",
        soort="migratie_stukken",
        gegevens=tekst,
    )
    opgeslagen = nu.replace(tzinfo=None) if verbinding.dialect.name == "sqlite" else nu
    verbinding.execute(
        _GEBEURTENIS.insert().values(
            keten=keten,
            volgnummer=volgnummer,
            document_id=document["id"],
            tijdstip=opgeslagen,
            actor="systeem",
            soort="migratie_stukken",
            gegevens=tekst,
            vorige_hash=document["keten_hash"],
            hash=nieuwe,
        )
    )
    document["keten_volgnummer"], document["keten_hash"] = volgnummer, nieuwe
    verbinding.execute(
        _DOCUMENT.update().where(_DOCUMENT.c.id == document["id"]).values(keten_volgnummer=volgnummer, keten_hash=nieuwe)
    )


def _draag_over(verbinding) -> None:
    nu = datetime.now(UTC)
    documenten = {r.id: dict(r._mapping) for r in verbinding.execute(sa.select(_DOCUMENT)).all()}
    gegevens: dict[int, dict] = {}  # per document: what this migration did to it

    # 1. Links: one level, headed by a kamerbrief.
    oorspronkelijk = {i: d["gekoppeld_aan"] for i, d in documenten.items()}

    def hoofd_van(doel_id: int | None) -> int | None:
        doel = documenten.get(doel_id) if doel_id is not None else None
        if doel is None:
            return None
        if doel["soort"] == "kamerbrief" and oorspronkelijk[doel["id"]] is None:
            return doel["id"]
        # A member of a letter's set: its letter heads the set.
        bovenste = documenten.get(oorspronkelijk[doel["id"]]) if oorspronkelijk[doel["id"]] is not None else None
        if (
            doel["soort"] != "kamerbrief"
            and bovenste is not None
            and bovenste["soort"] == "kamerbrief"
            and oorspronkelijk[bovenste["id"]] is None
        ):
            return bovenste["id"]
        return None

    for document_id in sorted(documenten):
        document = documenten[document_id]
        was = oorspronkelijk[document_id]
        if was is None:
            continue
        nieuw = None if document["soort"] == "kamerbrief" else hoofd_van(was)
        if nieuw != was:
            document["gekoppeld_aan"] = nieuw
            verbinding.execute(_DOCUMENT.update().where(_DOCUMENT.c.id == document_id).values(gekoppeld_aan=nieuw))
            gegevens.setdefault(document_id, {})["koppeling"] = {
                "was": was,
                "wordt": nieuw,
                "reden": "een Kamerbrief is zelf het hoofd van zijn stukken"
                if document["soort"] == "kamerbrief"
                else (
                    "gekoppeld aan de Kamerbrief van de stukken"
                    if nieuw is not None
                    else "het gekoppelde document is geen Kamerbrief van een set stukken"
                ),
            }
    leden: dict[int, list[int]] = {}
    for document_id, document in documenten.items():
        if document["gekoppeld_aan"] is not None:
            leden.setdefault(document["gekoppeld_aan"], []).append(document_id)
    for hoofd_id, ids in leden.items():
        gegevens.setdefault(hoofd_id, {})["stukken"] = sorted(ids)
        for lid in ids:
            gegevens.setdefault(lid, {})["lid_van"] = hoofd_id

    # 2. Parafen: pinned to the set as it was when given (the document alone).
    def huidige_stand(document_id: int) -> str:
        ids = [document_id, *leden.get(document_id, [])]
        return _setstand((i, documenten[i]["revisie"]) for i in ids)

    vervallen: dict[int, list[dict]] = {}
    for paraaf in verbinding.execute(sa.select(_PARAAF).order_by(_PARAAF.c.id)).all():
        document = documenten[paraaf.document_id]
        stand = _setstand([(paraaf.document_id, paraaf.revisie)])
        verbinding.execute(
            _PARAAF.update()
            .where(_PARAAF.c.id == paraaf.id)
            .values(sethash=_sethash([(paraaf.document_id, paraaf.inhoudshash)]), setstand=stand)
        )
        was_geldig = paraaf.revisie == document["revisie"]
        is_lid = document["gekoppeld_aan"] is not None
        blijft_geldig = not is_lid and stand == huidige_stand(paraaf.document_id)
        if was_geldig and not blijft_geldig:
            vervallen.setdefault(paraaf.document_id, []).append({"paraaf": paraaf.id, "niveau": paraaf.niveau})
    for document_id, lijst in vervallen.items():
        document = documenten[document_id]
        gegevens.setdefault(document_id, {})["parafen_vervallen"] = {
            "parafen": lijst,
            "reden": "de parafen gaan op de Kamerbrief van de stukken"
            if document["gekoppeld_aan"] is not None
            else "de paraaf dekte de gekoppelde stukken (beslisnota, bijlagen) niet",
        }
        # 3. Without a valid paraaf, in_parafering is afgestemd again.
        if document["status"] == "in_parafering":
            document["status"] = "afgestemd"
            verbinding.execute(_DOCUMENT.update().where(_DOCUMENT.c.id == document_id).values(status="afgestemd"))
            gegevens[document_id]["status"] = {"van": "in_parafering", "naar": "afgestemd"}

    for document_id in sorted(gegevens):
        _schrijf_gebeurtenis(verbinding, documenten[document_id], nu, gegevens[document_id])
