from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Query

from app.afstemming import toestand
from app.deps import Verzoek, leesverzoek, lezer, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import kan
from app.documenten.models import Document, Sectie
from app.problemen import eis_basisversie
from app.routing import ParaafRoute, id_uit_pad
from app.tekstvoorstellen import service
from app.tekstvoorstellen.models import Tekstvoorstel
from app.tekstvoorstellen.schemas import BesluitNieuw, ReactieNieuw, TekstvoorstelNieuw, TekstvoorstelUit
from workflow.autorisatie import Actie
from workflow.statussen import VoorstelStatus

router = APIRouter(tags=["tekstvoorstellen"], route_class=ParaafRoute)


def sectie_voor_voorstel(document_id: str, sectie_id: str, v: Verzoek = Depends(schrijfverzoek)) -> tuple[Document, Sectie]:
    """The section (404) and the caller's right to file (403), found in a read snapshot
    (`v.lezen`); service.dien_in does its diff work there and then locks the document."""
    document = documenten.haal(v.lezen, id_uit_pad(document_id, "Document"))
    sectie = documenten.haal_sectie(v.lezen, document, id_uit_pad(sectie_id, "Sectie"))
    ctx = documenten.context(v.lezen, document)
    v.handel_namens(lambda gebruiker, actor: kan(v, document, ctx, gebruiker, actor, (Actie.TEKSTVOORSTEL_INDIENEN,)))
    documenten.eis(Actie.DOCUMENT_LEZEN, v.actor, ctx, f"Document {document.id}")
    documenten.eis(Actie.TEKSTVOORSTEL_INDIENEN, v.actor, ctx)
    return document, sectie


def voorstel_voor(actie: Actie) -> Callable[..., tuple[Document, Tekstvoorstel]]:
    """The proposal (404) and the caller's right to `actie` (403), found in a read snapshot,
    where the diff work of the action and its answer is done (service.voorbereiden); then its
    document locked and the proposal re-read under the lock."""

    def afhankelijkheid(tekstvoorstel_id: str, v: Verzoek = Depends(schrijfverzoek)) -> tuple[Document, Tekstvoorstel]:
        voorstel = service.haal(v.lezen, id_uit_pad(tekstvoorstel_id, "Tekstvoorstel"))
        document = documenten.haal(v.lezen, voorstel.document_id)
        ctx = documenten.context(v.lezen, document, indiener_departement=voorstel.departement)
        v.handel_namens(lambda gebruiker, actor: kan(v, document, ctx, gebruiker, actor, (actie,)))
        documenten.eis(Actie.DOCUMENT_LEZEN, v.actor, documenten.context(v.lezen, document), f"Tekstvoorstel {voorstel.id}")
        service.eis_rol(actie, v.actor, document, voorstel, v.lezen)
        if actie == Actie.OVERNEMEN:
            service.voorbereiden(v.lezen, voorstel.sectie_id, voorstel, [voorstel.voorgesteld])
        elif actie == Actie.BESLUITEN:
            leden = service.draad(v.lezen, voorstel)
            wortel = next(lid for lid in leden if lid.id == voorstel.draad_id)
            service.voorbereiden(v.lezen, voorstel.sectie_id, wortel, [lid.voorgesteld for lid in leden])
        else:
            service.voorbereiden(v.lezen, voorstel.sectie_id)
        voorstel_id, document_id = voorstel.id, document.id
        v.lezen.rollback()
        document = documenten.vergrendel(v.sessie, document_id)
        # Read under the lock: another worker may have changed it since the snapshot.
        return document, service.haal(v.sessie, voorstel_id)

    return afhankelijkheid


def leesbaar_voorstel(tekstvoorstel_id: str, v: Verzoek = Depends(leesverzoek)) -> Tekstvoorstel:
    voorstel = service.haal(v.sessie, id_uit_pad(tekstvoorstel_id, "Tekstvoorstel"))
    document = documenten.haal_leesbaar(v.sessie, v.actor, voorstel.document_id, f"Tekstvoorstel {voorstel.id}")
    if toestand.actualiseer(v.engine, v.sessie, document, v.klok) is not document:
        voorstel = service.haal(v.sessie, voorstel.id)
    return voorstel


def _uit(v: Verzoek, voorstel: Tekstvoorstel) -> dict:
    return service.als_uit(v.sessie, [voorstel])[0]


@router.post("/documenten/{document_id}/secties/{sectie_id}/tekstvoorstellen", status_code=201, response_model=TekstvoorstelUit)
def dien_in(invoer: TekstvoorstelNieuw, doel=Depends(sectie_voor_voorstel), v: Verzoek = Depends(schrijfverzoek)):
    basisversie = eis_basisversie(invoer.basisversie, "de sectieversie waarin de passage staat")
    document, sectie = doel
    voorstel = service.dien_in(
        v.sessie,
        v.gebruiker,
        document,
        sectie,
        basisversie=basisversie,
        oorspronkelijk=invoer.oorspronkelijk,
        voorgesteld=invoer.voorgesteld,
        positie=invoer.positie,
        toelichting=invoer.toelichting,
        reactietermijn=invoer.reactietermijn_op(v.klok.nu(v.lezen)),
        klok=v.klok,
        lezen=v.lezen,
    )
    return _uit(v, voorstel)


@router.get("/tekstvoorstellen", response_model=list[TekstvoorstelUit])
def lijst(
    document: str | None = Query(None, description="Id van het document"),
    status: VoorstelStatus | None = Query(None),
    departement: str | None = Query(None),
    v: Verzoek = Depends(lezer),
):
    doc = None
    if document is not None:
        doc = documenten.haal_leesbaar(v.sessie, v.actor, id_uit_pad(document, "Document"))
    toestand.actualiseer_verlopen(v.engine, v.sessie, v.klok)
    if doc is not None:
        doc = documenten.haal(v.sessie, doc.id)
    voorstellen = service.lijst(v.sessie, v.actor, document=doc, status=status, departement=departement)
    return service.als_uit(v.sessie, voorstellen)


@router.get("/tekstvoorstellen/{tekstvoorstel_id}", response_model=TekstvoorstelUit)
def lees(voorstel: Tekstvoorstel = Depends(leesbaar_voorstel), v: Verzoek = Depends(leesverzoek)):
    return _uit(v, voorstel)


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/reacties", status_code=201, response_model=TekstvoorstelUit)
def reageer(invoer: ReactieNieuw, doel=Depends(voorstel_voor(Actie.REAGEREN)), v: Verzoek = Depends(schrijfverzoek)):
    document, voorstel = doel
    resultaat = service.reageer(
        v.sessie,
        v.gebruiker,
        document,
        voorstel,
        oordeel=invoer.oordeel,
        toelichting=invoer.toelichting,
        voorgesteld=invoer.voorgesteld,
        reactietermijn=invoer.reactietermijn_op(v.klok.nu(v.sessie)),
        klok=v.klok,
    )
    return _uit(v, resultaat)


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/overnemen", response_model=TekstvoorstelUit)
def neem_over(doel=Depends(voorstel_voor(Actie.OVERNEMEN)), v: Verzoek = Depends(schrijfverzoek)):
    return _uit(v, service.neem_over(v.sessie, v.gebruiker, *doel, v.klok))


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/afwijzen", response_model=TekstvoorstelUit)
def wijs_af(doel=Depends(voorstel_voor(Actie.AFWIJZEN)), v: Verzoek = Depends(schrijfverzoek)):
    return _uit(v, service.wijs_af(v.sessie, v.gebruiker, *doel, v.klok))


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/intrekken", response_model=TekstvoorstelUit)
def trek_in(doel=Depends(voorstel_voor(Actie.INTREKKEN)), v: Verzoek = Depends(schrijfverzoek)):
    return _uit(v, service.trek_in(v.sessie, v.gebruiker, *doel, v.klok))


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/escaleren", response_model=TekstvoorstelUit)
def escaleer(doel=Depends(voorstel_voor(Actie.ESCALEREN)), v: Verzoek = Depends(schrijfverzoek)):
    return _uit(v, service.escaleer(v.sessie, v.gebruiker, *doel, v.klok))


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/besluit", response_model=TekstvoorstelUit)
def besluit(invoer: BesluitNieuw, doel=Depends(voorstel_voor(Actie.BESLUITEN)), v: Verzoek = Depends(schrijfverzoek)):
    document, voorstel = doel
    resultaat = service.besluit(
        v.sessie,
        v.gebruiker,
        document,
        voorstel,
        gekozen=invoer.gekozen,
        tekst=invoer.tekst,
        toelichting=invoer.toelichting,
        klok=v.klok,
    )
    return _uit(v, resultaat)
