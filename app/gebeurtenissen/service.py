"""Appending to and reading the event log. Callers append inside their own transaction, so
the event commits or rolls back together with the change it records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlalchemy import select as sql_select
from sqlmodel import Session, select

from app.documenten.models import Document
from app.gebeurtenissen.models import Gebeurtenis, Ketenkop
from workflow.keten import BEGIN_HASH, Schakel, Verificatie, bereken_hash, verifieer
from workflow.tekst import canonieke_json

SYSTEEM_KETEN = "systeem"
SYSTEEM_ACTOR = "systeem"


def document_keten(document_id: int) -> str:
    return f"document/{document_id}"


def actor_van(gebruiker) -> str:
    return f"gebruiker/{gebruiker.id}" if gebruiker is not None else SYSTEEM_ACTOR


_KOP_TABEL = Ketenkop.__table__
_KOP_SELECT = (
    sql_select(_KOP_TABEL.c.volgnummer, _KOP_TABEL.c.hash).where(_KOP_TABEL.c.keten == bindparam("keten")).with_for_update()
)
_KOP_UPDATE = _KOP_TABEL.update().where(_KOP_TABEL.c.keten == bindparam("sleutel"))
_GEBEURTENIS_INSERT = Gebeurtenis.__table__.insert()


def _schrijf(
    session: Session,
    *,
    keten: str,
    vorige: tuple[int, str],
    soort: str,
    gegevens: dict,
    actor: str,
    tijdstip: datetime,
    document_id: int | None,
) -> tuple[int, str]:
    """Insert the event after head `vorige`; returns the new head (volgnummer, hash)."""
    tekst = canonieke_json(gegevens)
    volgnummer = vorige[0] + 1
    nieuwe_hash = bereken_hash(
        vorige[1], keten=keten, volgnummer=volgnummer, tijdstip=tijdstip, actor=actor, soort=soort, gegevens=tekst
    )
    # A plain statement: the log is append-only, nothing here is changed again in this session.
    session.connection().execute(
        _GEBEURTENIS_INSERT,
        {
            "keten": keten,
            "volgnummer": volgnummer,
            "document_id": document_id,
            "tijdstip": tijdstip,
            "actor": actor,
            "soort": soort,
            "gegevens": tekst,
            "vorige_hash": vorige[1],
            "hash": nieuwe_hash,
        },
    )
    return volgnummer, nieuwe_hash


def voeg_toe(session: Session, *, keten: str, soort: str, gegevens: dict, actor: str, tijdstip: datetime) -> str:
    """Append one event to a chain without a document (e.g. "systeem"); returns its hash."""
    verbinding = session.connection()
    # Locking the head serialises appenders of one chain across workers (SQLite: the write
    # transaction already holds the database lock).
    kop = verbinding.execute(_KOP_SELECT, {"keten": keten}).first()
    if kop is None:
        verbinding.execute(_KOP_TABEL.insert(), {"keten": keten, "volgnummer": 0, "hash": BEGIN_HASH})
        kop = (0, BEGIN_HASH)
    volgnummer, nieuwe_hash = _schrijf(
        session, keten=keten, vorige=tuple(kop), soort=soort, gegevens=gegevens, actor=actor, tijdstip=tijdstip, document_id=None
    )
    verbinding.execute(_KOP_UPDATE, {"sleutel": keten, "volgnummer": volgnummer, "hash": nieuwe_hash})
    return nieuwe_hash


def bij_document(session: Session, document, gebruiker, soort: str, tijdstip: datetime, /, **gegevens) -> str:
    """Append an event to a document's chain; `gebruiker` None means the system itself.

    The caller holds the document's row lock (every write does), which is what keeps the
    chain from forking; the new head is written with the document row.

    When the request acts in an absent person's place (app.deps.Verzoek.handel_namens), the
    event names the vervanger who acted as actor, and the absent person under "namens"."""
    actor = actor_van(gebruiker)
    actoren = (gebruiker.id,) if gebruiker is not None else ()
    vervanging = session.info.get("namens")
    if vervanging is not None and gebruiker is not None and gebruiker.id == vervanging[1].id:
        door, afwezige = vervanging
        actor = actor_van(door)
        actoren = (door.id, afwezige.id)
        gegevens = {**gegevens, "namens": {"id": afwezige.id, "naam": afwezige.naam}}
    document.keten_volgnummer, document.keten_hash = _schrijf(
        session,
        keten=document_keten(document.id),
        vorige=(document.keten_volgnummer, document.keten_hash),
        soort=soort,
        gegevens=gegevens,
        actor=actor,
        tijdstip=tijdstip,
        document_id=document.id,
    )
    session.add(document)
    # Who may now have work waiting: written to the outbox when this transaction commits.
    from app.meldingen.aanmaken import noteer  # here: it reads Mijn werk, which imports this module

    noteer(session, document, soort, gegevens, tijdstip, actoren)
    return document.keten_hash


def lijst(session: Session, keten: str, *, vanaf: int = 1, limiet: int | None = None) -> list[Gebeurtenis]:
    query = (
        select(Gebeurtenis).where(Gebeurtenis.keten == keten, Gebeurtenis.volgnummer >= vanaf).order_by(Gebeurtenis.volgnummer)
    )
    if limiet is not None:
        query = query.limit(limiet)
    return list(session.exec(query))


def verifieer_keten(session: Session, keten: str) -> Verificatie:
    if keten.startswith("document/"):
        document = session.get(Document, int(keten.removeprefix("document/")))
        kop = (document.keten_volgnummer, document.keten_hash) if document else None
    else:
        rij = session.get(Ketenkop, keten)
        kop = (rij.volgnummer, rij.hash) if rij else None
    rijen = session.exec(select(Gebeurtenis).where(Gebeurtenis.keten == keten).order_by(Gebeurtenis.volgnummer))
    schakels = (
        Schakel(
            keten=r.keten,
            volgnummer=r.volgnummer,
            tijdstip=r.tijdstip,
            actor=r.actor,
            soort=r.soort,
            gegevens=r.gegevens,
            vorige_hash=r.vorige_hash,
            hash=r.hash,
        )
        for r in rijen
    )
    return verifieer(schakels, kop)
