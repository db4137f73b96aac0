"""The beheerder's pages: the users, adding one, setting roles and paraafniveau, issuing and
revoking tokens (a new token is shown once, on the answer to the POST, never again). The same
service functions and the same rule (Actie.GEBRUIKERS_BEHEREN) as /api/v1/gebruikers."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from app.deps import Verzoek, lezer, schrijver
from app.documenten.service import eis
from app.gebruikers import service as gebruikers
from app.gebruikers.schemas import GebruikerNieuw, RollenWijziging
from app.routing import id_uit_pad
from app.web.hulp import ROL, leeg_is_niets, pagina, terug, valideer
from workflow.autorisatie import Actie, Context
from workflow.departementen import DEPARTEMENTEN

router = APIRouter()

PARAAFNIVEAUS = ["afdelingshoofd", "directeur", "dg", "sg"]


def _mag_beheren(v: Verzoek) -> None:
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())


def _beheerpagina(request: Request, v: Verzoek, *, status: int = 200, nieuw_token=None, w: dict | None = None):
    return pagina(
        request,
        "web/beheer.html",
        v,
        status=status,
        gebruikers=gebruikers.lijst(v.sessie),
        rollen=ROL,
        niveaus=PARAAFNIVEAUS,
        departementen=DEPARTEMENTEN,
        nieuw_token=nieuw_token,
        w=w or {},
    )


@router.get("/beheer", response_class=HTMLResponse)
def beheer(request: Request, v: Verzoek = Depends(lezer)):
    _mag_beheren(v)
    return _beheerpagina(request, v)


def _met_token(request: Request, v: Verzoek, gebruiker, token: str, wat: str) -> HTMLResponse:
    antwoord = _beheerpagina(request, v, nieuw_token={"gebruiker": gebruiker, "token": token, "wat": wat})
    antwoord.headers["Cache-Control"] = "no-store"  # the token is shown once, never cached
    return antwoord


@router.post("/beheer/gebruikers", response_class=HTMLResponse)
def nieuwe_gebruiker(
    request: Request,
    naam: str = Form(""),
    email: str = Form(""),
    departement: str = Form(""),
    rollen: list[str] = Form([]),
    paraafniveau: str = Form(""),
    v: Verzoek = Depends(schrijver),
):
    _mag_beheren(v)
    invoer = valideer(
        GebruikerNieuw, naam=naam, email=email, departement=departement, rollen=rollen, paraafniveau=leeg_is_niets(paraafniveau)
    )
    gebruiker, token = gebruikers.maak_gebruiker(v.sessie, v.gebruiker, **invoer.model_dump(), klok=v.klok)
    return _met_token(request, v, gebruiker, token, "aangemaakt")


@router.post("/beheer/gebruikers/{gebruiker_id}/rollen")
def rollen_zetten(
    gebruiker_id: str,
    rollen: list[str] = Form([]),
    paraafniveau: str = Form(""),
    v: Verzoek = Depends(schrijver),
):
    nummer = id_uit_pad(gebruiker_id, "Gebruiker")
    gebruikers.haal(v.sessie, nummer)
    _mag_beheren(v)
    invoer = valideer(RollenWijziging, rollen=rollen, paraafniveau=leeg_is_niets(paraafniveau))
    gebruikers.wijzig_rollen(v.sessie, v.gebruiker, nummer, rollen=invoer.rollen, paraafniveau=invoer.paraafniveau, klok=v.klok)
    return terug("/beheer", "rollen", anker=f"gebruiker-{nummer}")


@router.post("/beheer/gebruikers/{gebruiker_id}/token", response_class=HTMLResponse)
def token_uitgeven(request: Request, gebruiker_id: str, v: Verzoek = Depends(schrijver)):
    nummer = id_uit_pad(gebruiker_id, "Gebruiker")
    gebruikers.haal(v.sessie, nummer)
    _mag_beheren(v)
    gebruiker, token = gebruikers.vernieuw_token(v.sessie, v.gebruiker, nummer, v.klok)
    return _met_token(request, v, gebruiker, token, "vernieuwd")


@router.post("/beheer/gebruikers/{gebruiker_id}/token/intrekken")
def token_intrekken(gebruiker_id: str, v: Verzoek = Depends(schrijver)):
    nummer = id_uit_pad(gebruiker_id, "Gebruiker")
    gebruikers.haal(v.sessie, nummer)
    _mag_beheren(v)
    gebruikers.trek_token_in(v.sessie, v.gebruiker, nummer, v.klok)
    return terug("/beheer", "token_ingetrokken", anker=f"gebruiker-{nummer}")
