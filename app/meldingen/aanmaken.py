"""Meldingen written in the same transaction as the change that causes them.

`bij_document` (app.gebeurtenissen.service) notes every event here; just before that
transaction commits, `_voor_commit` asks workflow.meldingen which groups may now have new
work in the document, asks Mijn werk (app.werk.service) what exactly waits for them, and
writes one outbox row per person and piece of work (INSERT ... ON CONFLICT DO NOTHING on
(ontvanger, sleutel): what was announced once is never announced again). A change that rolls
back leaves no row; a committed one always has its rows. The sender (app.meldingen.verzenden)
mails them later, outside any request.

An absent person's meldingen go to their vervanger (marked `namens`). The person who caused
the change is not told about it.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import event, text
from sqlalchemy.orm import Session as SaSession
from sqlmodel import Session, col, select

from app.documenten.models import Document
from app.gebruikers import afwezigheid
from app.gebruikers.models import Gebruiker
from app.meldingen.models import Melding
from app.werk.service import Werk, in_document
from workflow import meldingen as regels

_NOTITIES = "paraaf_meldingen"


def noteer(
    session: Session, document: Document, soort: str, gegevens: dict, tijdstip: datetime, actoren: tuple[int, ...]
) -> None:
    """Remember, for the commit of this transaction, that `soort` happened to `document`."""
    groepen = regels.doelgroepen(soort, gegevens, document.status)
    if not groepen:
        return
    notitie = session.info.setdefault(_NOTITIES, {}).setdefault(
        document.id, {"groepen": set(), "genoemd": set(), "tijdstip": tijdstip, "actoren": set()}
    )
    notitie["groepen"].update(groepen)
    notitie["genoemd"].update(gegevens.get("departementen") or ())
    notitie["tijdstip"] = max(notitie["tijdstip"], tijdstip)
    notitie["actoren"].update(actoren)


@event.listens_for(SaSession, "before_commit")
def _voor_commit(session: SaSession) -> None:
    notities = session.info.pop(_NOTITIES, None)
    for document_id, notitie in (notities or {}).items():
        schrijf(session, document_id, notitie)


@event.listens_for(SaSession, "after_rollback")
def _na_rollback(session: SaSession) -> None:
    session.info.pop(_NOTITIES, None)


# The departments whose oordeel in the latest ronde the text no longer matches and who were
# not asked again for it yet (no melding with that oordeel's key: werk.oordeel_sleutel). Every
# edit after the first finds the same voided oordelen, so this one statement, built once, is
# all an edit costs here (the edit path is measured: docs/performance.md).
_VERVALLEN_OORDELEN = text(
    """
    SELECT o.departement FROM rondeoordeel o
    WHERE o.ronde_id = (SELECT max(r.id) FROM afstemmingsronde r WHERE r.document_id = :document)
      AND o.actueel AND o.revisie <> :revisie
      AND NOT EXISTS (
        SELECT 1 FROM melding m WHERE m.sleutel = 'oordeel_geven:' || CAST(o.ronde_id AS VARCHAR) || ':' || CAST(o.id AS VARCHAR)
      )
    """
)


def _vervallen_oordelen(session: Session, document: Document) -> set[str]:
    rijen = session.connection().execute(_VERVALLEN_OORDELEN, {"document": document.id, "revisie": document.revisie})
    return {r[0] for r in rijen}


def _departementen(session: Session, document: Document, groep: regels.Doelgroep, genoemd: set[str]) -> set[str]:
    if groep.departementen == regels.BETROKKEN:
        return set(document.betrokken)
    if groep.departementen == regels.PENVOERDER:
        return {document.penvoerder}
    if groep.departementen == regels.GENOEMD:
        return set(genoemd)
    if groep.departementen == regels.OORDEEL_VERVALLEN:
        return _vervallen_oordelen(session, document)
    raise ValueError(groep.departementen)


def werk_per_persoon(
    session: Session, document: Document, groepen, genoemd: set[str], nu: datetime
) -> list[tuple[Gebruiker, Werk]]:
    """(person, work) for everyone in `groepen` for whom Mijn werk shows work of the group's
    kinds in `document` now."""
    per_groep = [(g, _departementen(session, document, g, genoemd)) for g in groepen]
    alle = set().union(*(d for _, d in per_groep))
    if not alle:
        return []
    mensen = list(session.exec(select(Gebruiker).where(col(Gebruiker.departement).in_(alle)).order_by(Gebruiker.id)))
    uit: list[tuple[Gebruiker, Werk]] = []
    cache: dict[tuple, list[Werk]] = {}
    for groep, deps in per_groep:
        for dep in sorted(deps):
            ontvangers = [m for m in mensen if m.departement == dep and groep.rol in m.rollen]
            for mens in ontvangers:
                if groep.rol == "afstemmer":
                    # Work for afstemmers is the department's: computed once per department.
                    sleutel = ("afstemmer", dep, groep.werk)
                    if sleutel not in cache:
                        cache[sleutel] = in_document(session, document, nu, departement=dep, soorten=groep.werk)
                else:
                    sleutel = (frozenset(mens.rollen), mens.paraafniveau, dep, groep.werk)
                    if sleutel not in cache:
                        cache[sleutel] = in_document(session, document, nu, gebruiker=mens, soorten=groep.werk)
                uit += [(mens, w) for w in cache[sleutel]]
    return uit


def gegevens_van(werk: Werk, document: Document, namens: Gebruiker | None) -> str:
    return json.dumps(
        {
            "titel": document.titel,
            "kenmerk": document.kenmerk,
            "omschrijving": werk.omschrijving,
            "termijn": werk.termijn.isoformat() if werk.termijn else None,
            "pad": werk.pad,
            "namens": {"id": namens.id, "naam": namens.naam, "tot": namens.afwezig_tot.isoformat()} if namens else None,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def rijen(
    session: Session,
    document: Document,
    paren: list[tuple[Gebruiker, Werk]],
    nu: datetime,
    *,
    aanleiding: str,
    sleutel=lambda w: w.sleutel,
    uitgezonderd=(),
) -> list[dict]:
    """Outbox rows for (person, work) pairs: an absent person's go to their vervanger; each
    (recipient, key) once."""
    dag = afwezigheid.vandaag(nu)
    uit, gezien = [], set()
    for mens, werk in paren:
        ontvanger, namens = mens, None
        vervanger = afwezigheid.vervanger_van(session, mens, dag)
        if vervanger is not None:
            ontvanger, namens = vervanger, mens
        if mens.id in uitgezonderd or ontvanger.id in uitgezonderd:
            continue
        k = (ontvanger.id, sleutel(werk))
        if k in gezien:
            continue
        gezien.add(k)
        uit.append(
            {
                "ontvanger_id": ontvanger.id,
                "sleutel": k[1],
                "aanleiding": aanleiding,
                "werk": werk.soort,
                "document_id": document.id,
                "gegevens": gegevens_van(werk, document, namens),
                "aangemaakt_op": nu,
                "status": "wachtend",
                "pogingen": 0,
            }
        )
    return uit


def voeg_in(session: Session, rijen_: list[dict]) -> None:
    """Insert outbox rows; a row whose (ontvanger, sleutel) exists is left alone."""
    if not rijen_:
        return
    verbinding = session.connection()
    if verbinding.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    verbinding.execute(insert(Melding.__table__).on_conflict_do_nothing(index_elements=["ontvanger_id", "sleutel"]), rijen_)


def schrijf(session: Session, document_id: int, notitie: dict) -> None:
    document = session.get(Document, document_id)
    if document is None:
        return
    nu = notitie["tijdstip"]
    paren = werk_per_persoon(session, document, notitie["groepen"], notitie["genoemd"], nu)
    voeg_in(session, rijen(session, document, paren, nu, aanleiding="wachtend", uitgezonderd=notitie["actoren"]))
