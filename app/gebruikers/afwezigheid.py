"""Afwezigheid: "afwezig tot" with a vervanger (docs/api.md "afwezigheid").

While a person is absent, their waiting items (Mijn werk) and meldingen go to the vervanger,
who may act in their place; the rule for that is workflow.autorisatie.vervangt, the choice
per request is app.deps.Verzoek.handel_namens. Absence is a matter of the Dutch calendar:
it lasts up to and including `tot`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from app.db import Klok
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers.models import Gebruiker
from app.gebruikers.service import als_actor, persoon
from app.problemen import OngeldigeInvoer
from app.schemas import AMSTERDAM
from workflow.autorisatie import vervanger_bezwaar, vervangt


def vandaag(nu: datetime) -> date:
    return nu.astimezone(AMSTERDAM).date()


def is_afwezig(gebruiker: Gebruiker, dag: date) -> bool:
    return gebruiker.afwezig_tot is not None and dag <= gebruiker.afwezig_tot and gebruiker.vervanger_id is not None


def vervanger_van(session: Session, gebruiker: Gebruiker, dag: date) -> Gebruiker | None:
    """Who stands in for `gebruiker` today (None when present, or when the rule no longer holds)."""
    if not is_afwezig(gebruiker, dag):
        return None
    vervanger = session.get(Gebruiker, gebruiker.vervanger_id)
    if vervanger is None or not vervangt(
        als_actor(vervanger), als_actor(gebruiker), vervanger_id=gebruiker.vervanger_id, tot=gebruiker.afwezig_tot, vandaag=dag
    ):
        return None
    return vervanger


def vervangen_door(session: Session, vervanger: Gebruiker, dag: date) -> list[Gebruiker]:
    """The absent people `vervanger` stands in for today."""
    kandidaten = session.exec(
        select(Gebruiker).where(Gebruiker.vervanger_id == vervanger.id, col(Gebruiker.afwezig_tot) >= dag).order_by(Gebruiker.id)
    )
    return [
        g
        for g in kandidaten
        if vervangt(als_actor(vervanger), als_actor(g), vervanger_id=g.vervanger_id, tot=g.afwezig_tot, vandaag=dag)
    ]


def afwezigheid_uit(session: Session, gebruiker: Gebruiker, dag: date) -> dict | None:
    if not is_afwezig(gebruiker, dag):
        return None
    return {"tot": gebruiker.afwezig_tot, "vervanger": persoon(session.get(Gebruiker, gebruiker.vervanger_id))}


def zet(session: Session, gebruiker: Gebruiker, *, tot: date, vervanger_id: int, klok: Klok) -> Gebruiker:
    nu = klok.nu(session)
    dag = vandaag(nu)
    if tot < dag:
        raise OngeldigeInvoer(f"'tot' ({tot.isoformat()}) ligt in het verleden.", veld="tot")
    vervanger = session.get(Gebruiker, vervanger_id)
    if vervanger is None:
        raise OngeldigeInvoer(f"Gebruiker {vervanger_id} bestaat niet.", veld="vervanger")
    bezwaar = vervanger_bezwaar(als_actor(gebruiker), als_actor(vervanger))
    if bezwaar:
        raise OngeldigeInvoer(bezwaar, veld="vervanger")
    if is_afwezig(vervanger, dag):
        # One step only: a vervanger's own vervanger does not inherit (plain and predictable).
        raise OngeldigeInvoer(
            f"{vervanger.naam} is zelf afwezig tot {vervanger.afwezig_tot.isoformat()}; kies een andere vervanger.",
            veld="vervanger",
        )
    gebruiker = session.exec(select(Gebruiker).where(Gebruiker.id == gebruiker.id).with_for_update()).one()
    gebruiker.afwezig_tot, gebruiker.vervanger_id = tot, vervanger.id
    session.add(gebruiker)
    gebeurtenissen.voeg_toe(
        session,
        keten=gebeurtenissen.SYSTEEM_KETEN,
        soort="afwezigheid_gemeld",
        gegevens={"gebruiker": gebruiker.id, "tot": tot.isoformat(), "vervanger": {"id": vervanger.id, "naam": vervanger.naam}},
        actor=gebeurtenissen.actor_van(gebruiker),
        tijdstip=nu,
    )
    session.commit()
    return gebruiker


def beeindig(session: Session, gebruiker: Gebruiker, *, klok: Klok) -> Gebruiker:
    nu = klok.nu(session)
    gebruiker = session.exec(select(Gebruiker).where(Gebruiker.id == gebruiker.id).with_for_update()).one()
    was = gebruiker.afwezig_tot
    if was is None and gebruiker.vervanger_id is None:
        return gebruiker  # nothing to end: nothing to record
    gebruiker.afwezig_tot, gebruiker.vervanger_id = None, None
    session.add(gebruiker)
    gebeurtenissen.voeg_toe(
        session,
        keten=gebeurtenissen.SYSTEEM_KETEN,
        soort="afwezigheid_beeindigd",
        gegevens={"gebruiker": gebruiker.id, "was_tot": was.isoformat() if was else None},
        actor=gebeurtenissen.actor_van(gebruiker),
        tijdstip=nu,
    )
    session.commit()
    return gebruiker
