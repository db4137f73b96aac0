from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends

from app.afstemming import service as afstemming
from app.afstemming import toestand
from app.deps import Verzoek, leesverzoek, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import kan, leesbaar_document, schrijfbaar_document
from app.documenten.models import Document
from app.problemen import NietGevonden
from app.routing import ParaafRoute, id_uit_pad
from app.stukken import leden as setleden
from app.stukken import service
from app.stukken.models import Afhankelijkheid
from app.stukken.schemas import (
    Afhandeling,
    AfhankelijkheidNieuw,
    AfhankelijkheidUit,
    AfwijkingNieuw,
    AfwijkingUit,
    BeslispuntBesluitNieuw,
    BeslispuntUit,
    StukkenUit,
)
from workflow.autorisatie import Actie
from workflow.stukken import AFHANKELIJKHEID_VERVALLEN, AFHANKELIJKHEID_VERVULD

router = APIRouter(tags=["stukken"], route_class=ParaafRoute)


def stukken_antwoord(v: Verzoek, document: Document) -> dict:
    kop = setleden.hoofd(v.sessie, document)
    nu = v.klok.nu(v.sessie)
    bezwaren = (
        afstemming.vaststellen_status(v.sessie, v.actor, kop, nu)["bezwaren"]
        if kop.status not in ("vastgesteld", "verzonden")
        else []
    )
    return service.stukken_uit(v.sessie, v.actor, document, bezwaren)


@router.get("/documenten/{document_id}/stukken", response_model=StukkenUit)
def stukken(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    """The letter and its beslisnota and bijlagen as one set (any member's id will do)."""
    return stukken_antwoord(v, document)


# --- beslispunten -----------------------------------------------------------------------------------


@router.get("/documenten/{document_id}/beslispunten", response_model=list[BeslispuntUit])
def beslispunten(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return service.beslispunten_uit(v.sessie, document)


def beslispunt_voor_besluit(document_id: str, nummer: str, v: Verzoek = Depends(schrijfverzoek)) -> tuple[Document, int]:
    """The nota (404 for whoever may not see it) and the point (404), then the role (403)."""
    nota = documenten.vergrendel(v.sessie, id_uit_pad(document_id, "Document"))
    ctx = documenten.context(v.sessie, nota)
    # A vervanger decides in the absent bewindspersoon's place (recorded as such).
    v.handel_namens(lambda gebruiker, actor: kan(v, nota, ctx, gebruiker, actor, (Actie.BESLISPUNT_BESLUITEN,)))
    documenten.eis(Actie.DOCUMENT_LEZEN, v.actor, ctx, f"Document {nota.id}")
    punt = id_uit_pad(nummer, "Beslispunt")
    if punt not in {p.nummer for p in service.punten(v.sessie, nota)}:
        raise NietGevonden(f"Beslispunt {punt} bestaat niet in document {nota.id}.")
    documenten.eis(Actie.BESLISPUNT_BESLUITEN, v.actor, ctx)
    return nota, punt


@router.post("/documenten/{document_id}/beslispunten/{nummer}/besluit", status_code=201, response_model=BeslispuntUit)
def besluit(invoer: BeslispuntBesluitNieuw, doel=Depends(beslispunt_voor_besluit), v: Verzoek = Depends(schrijfverzoek)):
    nota, nummer = doel
    return service.besluit_beslispunt(
        v.sessie, v.gebruiker, nota, nummer, besluit=invoer.besluit, aantekening=invoer.aantekening, klok=v.klok
    )


# --- afhankelijkheden ---------------------------------------------------------------------------------


@router.get("/documenten/{document_id}/afhankelijkheden", response_model=list[AfhankelijkheidUit])
def afhankelijkheden(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    kop = setleden.hoofd(v.sessie, document)
    return [service.afhankelijkheid_uit(v.sessie, a, kop, v.actor) for a in service.afhankelijkheden(v.sessie, kop)]


@router.post("/documenten/{document_id}/afhankelijkheden", status_code=201, response_model=AfhankelijkheidUit)
def voeg_afhankelijkheid_toe(
    invoer: AfhankelijkheidNieuw,
    document: Document = Depends(schrijfbaar_document(Actie.AFHANKELIJKHEID_BEHEREN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    a = service.voeg_afhankelijkheid_toe(
        v.sessie,
        v.gebruiker,
        v.actor,
        document,
        omschrijving=invoer.omschrijving,
        doel_id=invoer.document,
        vereiste_status=invoer.vereiste_status,
        verwacht_op=invoer.verwacht_op,
        klok=v.klok,
    )
    return service.afhankelijkheid_uit(v.sessie, a, document, v.actor)


def afhankelijkheid_voor(actie: Actie) -> Callable[..., tuple[Document, Afhankelijkheid]]:
    def afhankelijkheid(afhankelijkheid_id: str, v: Verzoek = Depends(schrijfverzoek)) -> tuple[Document, Afhankelijkheid]:
        a = service.haal_afhankelijkheid(v.sessie, id_uit_pad(afhankelijkheid_id, "Afhankelijkheid"))
        kop = documenten.vergrendel(v.sessie, a.document_id)
        ctx = documenten.context(v.sessie, kop)
        v.handel_namens(lambda gebruiker, actor: kan(v, kop, ctx, gebruiker, actor, (actie,)))
        documenten.eis(Actie.DOCUMENT_LEZEN, v.actor, ctx, f"Afhankelijkheid {a.id}")
        documenten.eis(actie, v.actor, ctx)
        v.sessie.refresh(a)
        return kop, a

    return afhankelijkheid


def leesbare_afhankelijkheid(afhankelijkheid_id: str, v: Verzoek = Depends(leesverzoek)) -> tuple[Document, Afhankelijkheid]:
    a = service.haal_afhankelijkheid(v.sessie, id_uit_pad(afhankelijkheid_id, "Afhankelijkheid"))
    kop = documenten.haal_leesbaar(v.sessie, v.actor, a.document_id, f"Afhankelijkheid {a.id}")
    return toestand.actualiseer(v.engine, v.sessie, kop, v.klok), a


@router.get("/afhankelijkheden/{afhankelijkheid_id}", response_model=AfhankelijkheidUit)
def afhankelijkheid(doel=Depends(leesbare_afhankelijkheid), v: Verzoek = Depends(leesverzoek)):
    kop, a = doel
    return service.afhankelijkheid_uit(v.sessie, a, kop, v.actor)


@router.post("/afhankelijkheden/{afhankelijkheid_id}/vervuld", response_model=AfhankelijkheidUit)
def vervuld(
    invoer: Afhandeling, doel=Depends(afhankelijkheid_voor(Actie.AFHANKELIJKHEID_BEHEREN)), v: Verzoek = Depends(schrijfverzoek)
):
    kop, a = doel
    a = service.handel_af(
        v.sessie, v.gebruiker, kop, a, status=AFHANKELIJKHEID_VERVULD, toelichting=invoer.toelichting, klok=v.klok
    )
    return service.afhankelijkheid_uit(v.sessie, a, kop, v.actor)


@router.post("/afhankelijkheden/{afhankelijkheid_id}/vervallen", response_model=AfhankelijkheidUit)
def vervallen(
    invoer: Afhandeling, doel=Depends(afhankelijkheid_voor(Actie.AFHANKELIJKHEID_BEHEREN)), v: Verzoek = Depends(schrijfverzoek)
):
    kop, a = doel
    a = service.handel_af(
        v.sessie, v.gebruiker, kop, a, status=AFHANKELIJKHEID_VERVALLEN, toelichting=invoer.toelichting, klok=v.klok
    )
    return service.afhankelijkheid_uit(v.sessie, a, kop, v.actor)


# --- afwijkingen ---------------------------------------------------------------------------------------


@router.get("/documenten/{document_id}/afwijkingen", response_model=list[AfwijkingUit])
def afwijkingen(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    kop = setleden.hoofd(v.sessie, document)
    return [service.afwijking_uit(v.sessie, a) for a in service.afwijkingen(v.sessie, kop)]


@router.post("/documenten/{document_id}/afwijkingen", status_code=201, response_model=AfwijkingUit)
def wijk_af(
    invoer: AfwijkingNieuw,
    document: Document = Depends(schrijfbaar_document(Actie.AFWIJKEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    a = service.wijk_af(v.sessie, v.gebruiker, document, departement=invoer.departement, reden=invoer.reden, klok=v.klok)
    return service.afwijking_uit(v.sessie, a)
