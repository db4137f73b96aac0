"""Appending to and reading the event log. Callers append inside their own transaction, so
the event commits or rolls back together with the change it records."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.gebeurtenissen.models import Gebeurtenis, Ketenkop
from workflow.keten import BEGIN_HASH, Schakel, Verificatie, bereken_hash, verifieer
from workflow.tekst import canonieke_json

SYSTEEM_KETEN = "systeem"
SYSTEEM_ACTOR = "systeem"


def document_keten(document_id: int) -> str:
    return f"document/{document_id}"


def actor_van(gebruiker) -> str:
    return f"gebruiker/{gebruiker.id}" if gebruiker is not None else SYSTEEM_ACTOR


def begin_keten(session: Session, keten: str) -> None:
    """Create the head of a new chain (in the transaction that creates its subject)."""
    session.add(Ketenkop(keten=keten, volgnummer=0, hash=BEGIN_HASH))
    session.flush()


def voeg_toe(
    session: Session,
    *,
    keten: str,
    soort: str,
    gegevens: dict,
    actor: str,
    tijdstip: datetime,
    document_id: int | None = None,
) -> Gebeurtenis:
    # Locking the head serialises appenders of one chain across workers (SQLite: the write
    # transaction already holds the database lock).
    kop = session.exec(select(Ketenkop).where(Ketenkop.keten == keten).with_for_update()).first()
    if kop is None:
        kop = Ketenkop(keten=keten, volgnummer=0, hash=BEGIN_HASH)
        session.add(kop)
    tekst = canonieke_json(gegevens)
    volgnummer = kop.volgnummer + 1
    nieuwe_hash = bereken_hash(
        kop.hash, keten=keten, volgnummer=volgnummer, tijdstip=tijdstip, actor=actor, soort=soort, gegevens=tekst
    )
    gebeurtenis = Gebeurtenis(
        keten=keten,
        volgnummer=volgnummer,
        document_id=document_id,
        tijdstip=tijdstip,
        actor=actor,
        soort=soort,
        gegevens=tekst,
        vorige_hash=kop.hash,
        hash=nieuwe_hash,
    )
    kop.volgnummer, kop.hash = volgnummer, nieuwe_hash
    session.add(gebeurtenis)
    session.add(kop)
    session.flush()
    return gebeurtenis


def bij_document(session: Session, document, gebruiker, soort: str, tijdstip: datetime, /, **gegevens) -> Gebeurtenis:
    """Append an event to a document's chain; `gebruiker` None means the system itself."""
    return voeg_toe(
        session,
        keten=document_keten(document.id),
        document_id=document.id,
        soort=soort,
        gegevens=gegevens,
        actor=actor_van(gebruiker),
        tijdstip=tijdstip,
    )


def lijst(session: Session, keten: str, *, vanaf: int = 1, limiet: int | None = None) -> list[Gebeurtenis]:
    query = (
        select(Gebeurtenis)
        .where(Gebeurtenis.keten == keten, Gebeurtenis.volgnummer >= vanaf)
        .order_by(Gebeurtenis.volgnummer)
    )
    if limiet is not None:
        query = query.limit(limiet)
    return list(session.exec(query))


def verifieer_keten(session: Session, keten: str) -> Verificatie:
    kop = session.get(Ketenkop, keten)
    rijen = session.exec(
        select(Gebeurtenis).where(Gebeurtenis.keten == keten).order_by(Gebeurtenis.volgnummer)
    )
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
    return verifieer(schakels, (kop.volgnummer, kop.hash) if kop else None)
