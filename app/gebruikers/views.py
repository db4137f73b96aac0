from fastapi import APIRouter, Depends

from app.deps import Verzoek, lezer, schrijver
from app.documenten.service import eis
from app.gebruikers import service
from app.gebruikers.schemas import DepartementUit, GebruikerMetToken, GebruikerNieuw, GebruikerUit
from app.problemen import OngeldigeInvoer
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
    if "parafeerder" in invoer.rollen and not invoer.paraafniveau:
        raise OngeldigeInvoer("Een parafeerder heeft een paraafniveau nodig.", veld="paraafniveau")
    gebruiker, token = service.maak_gebruiker(
        v.sessie, v.gebruiker, **invoer.model_dump(), klok=v.klok
    )
    return {**gebruiker.model_dump(), "token": token}


@router.get("/gebruikers", response_model=list[GebruikerUit])
def gebruikers(v: Verzoek = Depends(lezer)):
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    return service.lijst(v.sessie)


@router.get("/gebruikers/ik", response_model=GebruikerUit)
def ik(v: Verzoek = Depends(lezer)):
    return v.gebruiker


@router.post("/gebruikers/{gebruiker_id}/token", response_model=GebruikerMetToken)
def vernieuw_token(gebruiker_id: str, v: Verzoek = Depends(schrijver)):
    service.haal(v.sessie, id_uit_pad(gebruiker_id, "Gebruiker"))  # 404 before 403 (API.md)
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    gebruiker, token = service.vernieuw_token(v.sessie, v.gebruiker, int(gebruiker_id), v.klok)
    return {**gebruiker.model_dump(), "token": token}


@router.delete("/gebruikers/{gebruiker_id}/token", response_model=GebruikerUit)
def trek_token_in(gebruiker_id: str, v: Verzoek = Depends(schrijver)):
    nummer = id_uit_pad(gebruiker_id, "Gebruiker")
    service.haal(v.sessie, nummer)  # 404 before 403 (API.md)
    eis(Actie.GEBRUIKERS_BEHEREN, v.actor, Context())
    return service.trek_token_in(v.sessie, v.gebruiker, nummer, v.klok)
