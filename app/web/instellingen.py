"""'Mijn instellingen': how a person hears of waiting work (meldingen: direct, dagelijks,
uit) and their afwezigheid with a vervanger. The same service functions and rules as
GET/PUT /api/v1/gebruikers/ik/meldingen and .../afwezigheid."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlmodel import select

from app.deps import Verzoek, lezer, schrijver
from app.gebruikers import afwezigheid
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.gebruikers.schemas import AfwezigheidNieuw, MeldingenInstelling
from app.web.hulp import leeg_is_niets, pagina, terug, valideer
from workflow.autorisatie import vervanger_bezwaar

router = APIRouter()


def _kandidaten(v: Verzoek) -> list[Gebruiker]:
    """Who may be named as vervanger (workflow.autorisatie.vervanger_bezwaar)."""
    collega = v.sessie.exec(select(Gebruiker).where(Gebruiker.departement == v.gebruiker.departement).order_by(Gebruiker.naam))
    ik = gebruikers.als_actor(v.gebruiker)
    return [g for g in collega if vervanger_bezwaar(ik, gebruikers.als_actor(g)) is None]


@router.get("/instellingen", response_class=HTMLResponse)
def instellingen(request: Request, v: Verzoek = Depends(lezer)):
    dag = afwezigheid.vandaag(v.klok.nu(v.sessie))
    return pagina(
        request,
        "web/instellingen.html",
        v,
        afwezig=afwezigheid.afwezigheid_uit(v.sessie, v.gebruiker, dag),
        kandidaten=_kandidaten(v),
        vervangt=afwezigheid.vervangen_door(v.sessie, v.gebruiker, dag),
        vandaag=dag,
    )


@router.post("/instellingen/meldingen")
def zet_meldingen(request: Request, voorkeur: str = Form(""), v: Verzoek = Depends(schrijver)):
    invoer = valideer(MeldingenInstelling, voorkeur=voorkeur)
    gebruikers.zet_meldingen_voorkeur(v.sessie, v.gebruiker, invoer.voorkeur, v.klok)
    return terug("/instellingen", "meldingen")


@router.post("/instellingen/afwezigheid")
def zet_afwezigheid(request: Request, tot: str = Form(""), vervanger: str = Form(""), v: Verzoek = Depends(schrijver)):
    invoer = valideer(AfwezigheidNieuw, tot=leeg_is_niets(tot), vervanger=leeg_is_niets(vervanger))
    afwezigheid.zet(v.sessie, v.gebruiker, tot=invoer.tot, vervanger_id=invoer.vervanger, klok=v.klok)
    return terug("/instellingen", "afwezig")


@router.post("/instellingen/afwezigheid/beeindigen")
def beeindig_afwezigheid(request: Request, v: Verzoek = Depends(schrijver)):
    afwezigheid.beeindig(v.sessie, v.gebruiker, klok=v.klok)
    return terug("/instellingen", "aanwezig")
