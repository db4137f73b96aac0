"""The set as a page: the letter with its beslisnota and bijlagen, every member's status, the
beslispunten with the bewindspersoon's decision form, the afhankelijkheden (add, tick off,
drop), dissent and setting it aside, and what still stands between the set and its
vaststelling. Every form posts to the same dependencies and service functions as the API."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from app.afstemming import service as afstemming
from app.deps import Verzoek, leesverzoek, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import leesbaar_document, schrijfbaar_document
from app.documenten.models import Document
from app.stukken import leden as setleden
from app.stukken import service
from app.stukken.schemas import Afhandeling, AfhankelijkheidNieuw, AfwijkingNieuw, BeslispuntBesluitNieuw
from app.stukken.views import afhankelijkheid_voor, beslispunt_voor_besluit
from app.web.hulp import kan as kan_handelen
from app.web.hulp import leeg_is_niets, pagina, terug, valideer
from workflow.autorisatie import Actie
from workflow.departementen import DEPARTEMENTEN
from workflow.handelingen import Handeling
from workflow.statussen import BEVROREN
from workflow.stukken import AFHANKELIJKHEID_OPEN, AFHANKELIJKHEID_VERVALLEN, AFHANKELIJKHEID_VERVULD, STATUSVOLGORDE

router = APIRouter()


def stukken_context(v: Verzoek, document: Document) -> dict:
    sessie = v.sessie
    kop = setleden.hoofd(sessie, document)
    nu = v.klok.nu(sessie)
    leden = [d for d in setleden.leden(sessie, kop) if documenten.leesbaar(sessie, v.actor, d)]
    ids = {d.id for d in setleden.leden(sessie, kop)}
    bevroren = kop.status in BEVROREN

    notas = []
    for nota in (d for d in leden if d.soort == "beslisnota"):
        kan = kan_handelen(v, Handeling.BESLISPUNT_BESLUITEN, nota)
        notas.append({"nota": nota, "punten": service.beslispunten_uit(sessie, nota), "kan_besluiten": kan})

    # workflow.handelingen: who, and the document table (nothing changes once the set is signed).
    beheert = kan_handelen(v, Handeling.AFHANKELIJKHEID_BEHEREN, kop) and not setleden.is_lid(kop)
    afhankelijkheden = [service.afhankelijkheid_uit(sessie, a, kop, v.actor) for a in service.afhankelijkheden(sessie, kop)]
    # Documents an afhankelijkheid can wait for: readable, outside this set.
    kandidaten = []
    if beheert:
        kandidaten = [d for d in documenten.lijst(sessie, v.actor, soort=None, status=None) if d.id not in ids]

    dissent = service.dissent(sessie, kop) if not bevroren else []
    kan_afwijken = kan_handelen(v, Handeling.AFWIJKEN, kop) and not setleden.is_lid(kop)
    vaststellen = afstemming.vaststellen_status(sessie, v.actor, kop, nu) if not bevroren else None
    return {
        "document": document,
        "kop": kop,
        "leden": leden,
        "sethash": setleden.stand(sessie, kop).sethash,
        "notas": notas,
        "afhankelijkheden": afhankelijkheden,
        "kan_afhankelijkheden": beheert,
        "kandidaten": kandidaten,
        "statussen": STATUSVOLGORDE,
        "dissent": dissent,
        "afwijkingen": [service.afwijking_uit(sessie, a) for a in service.afwijkingen(sessie, kop)],
        "kan_afwijken": kan_afwijken and bool(dissent),
        "vaststellen": vaststellen,
        "bevroren": bevroren,
        "OPEN": AFHANKELIJKHEID_OPEN,
        "DEPARTEMENTEN": DEPARTEMENTEN,
    }


@router.get("/documenten/{document_id}/stukken", response_class=HTMLResponse)
def stukkenpagina(request: Request, document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return pagina(request, "web/stukken.html", v, **stukken_context(v, document))


def _naar_stukken(document: Document, melding: str, anker: str | None = None):
    return terug(f"/documenten/{document.gekoppeld_aan or document.id}/stukken", melding, anker)


@router.post("/documenten/{document_id}/beslispunten/{nummer}/besluit")
def besluit(
    request: Request,
    besluit: str = Form(""),
    aantekening: str = Form(""),
    doel=Depends(beslispunt_voor_besluit),
    v: Verzoek = Depends(schrijfverzoek),
):
    nota, nummer = doel
    invoer = valideer(BeslispuntBesluitNieuw, besluit=besluit, aantekening=leeg_is_niets(aantekening))
    service.besluit_beslispunt(
        v.sessie, v.gebruiker, nota, nummer, besluit=invoer.besluit, aantekening=invoer.aantekening, klok=v.klok
    )
    return _naar_stukken(nota, "beslispunt", f"beslispunt-{nota.id}-{nummer}")


@router.post("/documenten/{document_id}/afhankelijkheden")
def voeg_afhankelijkheid_toe(
    request: Request,
    omschrijving: str = Form(""),
    document_id_doel: str = Form("", alias="document"),
    vereiste_status: str = Form("vastgesteld"),
    verwacht_op: str = Form(""),
    document: Document = Depends(schrijfbaar_document(Actie.AFHANKELIJKHEID_BEHEREN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    invoer = valideer(
        AfhankelijkheidNieuw,
        omschrijving=omschrijving,
        document=leeg_is_niets(document_id_doel),
        vereiste_status=vereiste_status or "vastgesteld",
        verwacht_op=leeg_is_niets(verwacht_op),
    )
    service.voeg_afhankelijkheid_toe(
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
    return _naar_stukken(document, "afhankelijkheid", "afhankelijkheden-kop")


def _handel_af(status: str):
    def handler(
        request: Request,
        toelichting: str = Form(""),
        doel=Depends(afhankelijkheid_voor(Actie.AFHANKELIJKHEID_BEHEREN)),
        v: Verzoek = Depends(schrijfverzoek),
    ):
        kop, a = doel
        invoer = valideer(Afhandeling, toelichting=toelichting)
        service.handel_af(v.sessie, v.gebruiker, kop, a, status=status, toelichting=invoer.toelichting, klok=v.klok)
        return _naar_stukken(kop, f"afhankelijkheid_{status}", f"afhankelijkheid-{a.id}")

    return handler


router.add_api_route("/afhankelijkheden/{afhankelijkheid_id}/vervuld", _handel_af(AFHANKELIJKHEID_VERVULD), methods=["POST"])
router.add_api_route("/afhankelijkheden/{afhankelijkheid_id}/vervallen", _handel_af(AFHANKELIJKHEID_VERVALLEN), methods=["POST"])


@router.post("/documenten/{document_id}/afwijkingen")
def wijk_af(
    request: Request,
    departement: str = Form(""),
    reden: str = Form(""),
    document: Document = Depends(schrijfbaar_document(Actie.AFWIJKEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    invoer = valideer(AfwijkingNieuw, departement=departement, reden=reden)
    service.wijk_af(v.sessie, v.gebruiker, document, departement=invoer.departement, reden=invoer.reden, klok=v.klok)
    return _naar_stukken(document, "afwijking", "afstemming-kop")
