from __future__ import annotations

from fastapi import APIRouter, Depends

from app.afstemming import service, toestand
from app.afstemming.models import Afstemmingsronde
from app.afstemming.schemas import OordeelNieuw, ParaafUit, RondeNieuw, RondeUit, VaststellenStatus
from app.deps import Verzoek, leesverzoek, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import kan, leesbaar_document, schrijfbaar_document, verzendbaar_document
from app.documenten.models import Document
from app.documenten.schemas import DocumentUit
from app.documenten.views import document_uit
from app.gebruikers.service import persoon
from app.routing import ParaafRoute, id_uit_pad
from app.stukken import leden as setleden
from app.zegel import verzenden as verzending
from workflow.autorisatie import Actie

router = APIRouter(tags=["afstemming"], route_class=ParaafRoute)


def ronde_voor_oordeel(ronde_id: str, v: Verzoek = Depends(schrijfverzoek)) -> tuple[Document, Afstemmingsronde]:
    ronde = service.haal_ronde(v.sessie, id_uit_pad(ronde_id, "Afstemmingsronde"))
    document = documenten.vergrendel(v.sessie, ronde.document_id)
    ctx = documenten.context(v.sessie, document, uitgenodigd=frozenset(ronde.departementen))
    v.handel_namens(lambda gebruiker, actor: kan(v, document, ctx, gebruiker, actor, (Actie.OORDEEL_GEVEN,)))
    documenten.eis(Actie.DOCUMENT_LEZEN, v.actor, ctx, f"Afstemmingsronde {ronde.id}")
    documenten.eis(Actie.OORDEEL_GEVEN, v.actor, ctx)
    return document, ronde


def leesbare_ronde(ronde_id: str, v: Verzoek = Depends(leesverzoek)) -> tuple[Document, Afstemmingsronde]:
    ronde = service.haal_ronde(v.sessie, id_uit_pad(ronde_id, "Afstemmingsronde"))
    document = documenten.haal_leesbaar(v.sessie, v.actor, ronde.document_id, f"Afstemmingsronde {ronde.id}")
    return toestand.actualiseer(v.engine, v.sessie, document, v.klok), ronde


@router.post("/documenten/{document_id}/afstemmingsrondes", status_code=201, response_model=RondeUit)
def open_ronde(
    invoer: RondeNieuw,
    document: Document = Depends(schrijfbaar_document(Actie.RONDE_OPENEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    ronde = service.open_ronde(
        v.sessie,
        v.gebruiker,
        document,
        departementen=invoer.departementen,
        termijn=invoer.termijn_op(v.klok.nu(v.sessie)),
        stilzwijgend_akkoord=invoer.stilzwijgend_akkoord,
        klok=v.klok,
    )
    return service.ronde_uit(v.sessie, ronde, document, v.klok.nu(v.sessie))


@router.get("/documenten/{document_id}/afstemmingsrondes", response_model=list[RondeUit])
def rondes(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    nu = v.klok.nu(v.sessie)
    alle = service.rondes(v.sessie, document)
    laatste = alle[-1].id if alle else None
    return [service.ronde_uit(v.sessie, r, document, nu, laatste) for r in alle]


@router.get("/afstemmingsrondes/{ronde_id}", response_model=RondeUit)
def ronde(doel=Depends(leesbare_ronde), v: Verzoek = Depends(leesverzoek)):
    document, ronde = doel
    return service.ronde_uit(v.sessie, ronde, document, v.klok.nu(v.sessie))


@router.post("/afstemmingsrondes/{ronde_id}/oordelen", status_code=201, response_model=RondeUit)
def geef_oordeel(invoer: OordeelNieuw, doel=Depends(ronde_voor_oordeel), v: Verzoek = Depends(schrijfverzoek)):
    document, ronde = doel
    service.geef_oordeel(
        v.sessie, v.gebruiker, document, ronde, oordeel=invoer.oordeel, opmerkingen=invoer.opmerkingen, klok=v.klok
    )
    return service.ronde_uit(v.sessie, ronde, document, v.klok.nu(v.sessie))


@router.post("/documenten/{document_id}/parafen", status_code=201, response_model=ParaafUit)
def paraferen(document: Document = Depends(schrijfbaar_document(Actie.PARAFEREN)), v: Verzoek = Depends(schrijfverzoek)):
    paraaf = service.paraferen(v.sessie, v.gebruiker, document, v.klok)
    return service.paraaf_uit(paraaf, setleden.stand(v.sessie, document), persoon(v.gebruiker))


@router.get("/documenten/{document_id}/parafen", response_model=list[ParaafUit])
def parafen(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return service.parafen_uit(v.sessie, document)


@router.get("/documenten/{document_id}/vaststellen", response_model=VaststellenStatus)
def kan_vaststellen(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    """Can the document be signed now? If not: why not (also for who may not sign)."""
    return service.vaststellen_status(v.sessie, v.actor, document, v.klok.nu(v.sessie))


@router.post("/documenten/{document_id}/vaststellen", response_model=DocumentUit)
def vaststellen(document: Document = Depends(schrijfbaar_document(Actie.VASTSTELLEN)), v: Verzoek = Depends(schrijfverzoek)):
    return document_uit(v, service.stel_vast(v.sessie, v.gebruiker, document, v.klok))


@router.post(
    "/documenten/{document_id}/verzenden",
    response_model=DocumentUit,
    responses={503: {"description": "LibreOffice of de tijdstempeldienst is bezet of faalde; zie Retry-After"}},
)
def verzenden(document: Document = Depends(verzendbaar_document), v: Verzoek = Depends(leesverzoek)):
    """Sends the vastgestelde document: its PDF/A is sealed (app.zegel.verzenden)."""
    gebruiker = v.gebruiker
    # A vervanger sending in an absent person's place: the event log names both (app.deps).
    vervanging = v.sessie.info.get("namens")
    v.sluit()  # no transaction stays open while LibreOffice and the seal work
    verzonden = verzending.verzend(v.engine, v.settings, gebruiker, document.id, v.klok, namens=vervanging)
    return document_uit(v, verzonden)
