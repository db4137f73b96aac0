from fastapi import APIRouter, Depends, Response

from app.deps import Verzoek, lezer, schrijver
from app.documenten.service import eis
from app.gebruikers import afwezigheid, service
from app.gebruikers.schemas import (
    AfwezigheidNieuw,
    AfwezigheidUit,
    DepartementUit,
    GebruikerIk,
    GebruikerMetToken,
    GebruikerNieuw,
    GebruikerUit,
    MeldingenInstelling,
    MeldingenInstellingUit,
    RollenWijziging,
)
from app.routing import ParaafRoute, id_uit_pad
from workflow.autorisatie import Actie, Context
from workflow.departementen import DEPARTEMENTEN

router = APIRouter(tags=["gebruikers"], route_class=ParaafRoute)


@router.get("/departementen", response_model=list[DepartementUit])
def departementen(_: Verzoek = Depends(lezer)):
    return [{"code": code, "naam": naam} for code, naam in DEPARTEMENTEN.items()]


@router.post("/gebruikers", status_code=201, response_model=GebruikerMetToken)
def maak_gebruiker(invoer: GebruikerNieuw, v: Verzoek = Depends(schrijver)):
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    gebruiker, token = service.maak_gebruiker(v.sessie, v.gebruiker, **invoer.model_dump(), klok=v.klok)
    return {**gebruiker.model_dump(), "token": token}


@router.get("/gebruikers", response_model=list[GebruikerUit])
def gebruikers(v: Verzoek = Depends(lezer)):
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    return service.lijst(v.sessie)


@router.get("/gebruikers/ik", response_model=GebruikerIk)
def ik(v: Verzoek = Depends(lezer)):
    dag = afwezigheid.vandaag(v.klok.nu(v.sessie))
    return {
        **v.gebruiker.model_dump(),
        "afwezigheid": afwezigheid.afwezigheid_uit(v.sessie, v.gebruiker, dag),
        "vervangt": [service.persoon(g) for g in afwezigheid.vervangen_door(v.sessie, v.gebruiker, dag)],
        "meldingen": {"voorkeur": v.gebruiker.meldingen_voorkeur},
    }


@router.get("/gebruikers/ik/afwezigheid", response_model=AfwezigheidUit)
def lees_afwezigheid(v: Verzoek = Depends(lezer)):
    dag = afwezigheid.vandaag(v.klok.nu(v.sessie))
    return afwezigheid.afwezigheid_uit(v.sessie, v.gebruiker, dag) or {}


@router.put("/gebruikers/ik/afwezigheid", response_model=AfwezigheidUit)
def zet_afwezigheid(invoer: AfwezigheidNieuw, v: Verzoek = Depends(schrijver)):
    gebruiker = afwezigheid.zet(v.sessie, v.gebruiker, tot=invoer.tot, vervanger_id=invoer.vervanger, klok=v.klok)
    return afwezigheid.afwezigheid_uit(v.sessie, gebruiker, afwezigheid.vandaag(v.klok.nu(v.sessie)))


@router.delete("/gebruikers/ik/afwezigheid", status_code=204, response_class=Response)
def beeindig_afwezigheid(v: Verzoek = Depends(schrijver)):
    afwezigheid.beeindig(v.sessie, v.gebruiker, klok=v.klok)
    return Response(status_code=204)


@router.get("/gebruikers/ik/meldingen", response_model=MeldingenInstellingUit)
def lees_meldingen(v: Verzoek = Depends(lezer)):
    return {"voorkeur": v.gebruiker.meldingen_voorkeur}


@router.put("/gebruikers/ik/meldingen", response_model=MeldingenInstellingUit)
def zet_meldingen(invoer: MeldingenInstelling, v: Verzoek = Depends(schrijver)):
    gebruiker = service.zet_meldingen_voorkeur(v.sessie, v.gebruiker, invoer.voorkeur, v.klok)
    return {"voorkeur": gebruiker.meldingen_voorkeur}


@router.post("/gebruikers/{gebruiker_id}/token", response_model=GebruikerMetToken)
def vernieuw_token(gebruiker_id: str, v: Verzoek = Depends(schrijver)):
    service.haal(v.sessie, id_uit_pad(gebruiker_id, "Gebruiker"))  # 404 before 403 (docs/api.md)
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    gebruiker, token = service.vernieuw_token(v.sessie, v.gebruiker, int(gebruiker_id), v.klok)
    return {**gebruiker.model_dump(), "token": token}


@router.delete("/gebruikers/{gebruiker_id}/token", response_model=GebruikerUit)
def trek_token_in(gebruiker_id: str, v: Verzoek = Depends(schrijver)):
    nummer = id_uit_pad(gebruiker_id, "Gebruiker")
    service.haal(v.sessie, nummer)  # 404 before 403 (docs/api.md)
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    return service.trek_token_in(v.sessie, v.gebruiker, nummer, v.klok)


def _beheerbare_gebruiker(gebruiker_id: str, v: Verzoek = Depends(schrijver)) -> int:
    """404 before 403 before 422 (API.md): the user exists, the caller may manage users."""
    nummer = id_uit_pad(gebruiker_id, "Gebruiker")
    service.haal(v.sessie, nummer)
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    return nummer


@router.put("/gebruikers/{gebruiker_id}/rollen", response_model=GebruikerUit)
def wijzig_rollen(invoer: RollenWijziging, nummer: int = Depends(_beheerbare_gebruiker), v: Verzoek = Depends(schrijver)):
    return service.wijzig_rollen(
        v.sessie, v.gebruiker, nummer, rollen=invoer.rollen, paraafniveau=invoer.paraafniveau, klok=v.klok
    )
