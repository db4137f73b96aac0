"""Starting from the browser: a new document (empty, or imported from .md, .txt or .docx),
and a beslisnota or bijlage added to a letter. The same service functions and rules as
POST /api/v1/documenten and /documenten/import (the import route itself is called)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from app.deps import Verzoek, lezer, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import mag_document_aanmaken
from app.documenten.models import Document
from app.documenten.schemas import DocumentVelden
from app.documenten.views import importeer_document
from app.problemen import OngeldigeInvoer
from app.web.hulp import SOORT, leeg_is_niets, mag, pagina, terug, valideer
from workflow.autorisatie import Actie, Context
from workflow.importeren import lijst_veld
from workflow.statussen import Soort

router = APIRouter()

STANDAARD_PARAFENLIJN = "afdelingshoofd, directeur"


def _brieven(v: Verzoek) -> list[Document]:
    """Letters a beslisnota or bijlage may be linked to by this user (the rule of the service:
    Actie.STUK_KOPPELEN), not yet signed."""
    return [
        d
        for d in documenten.lijst(v.sessie, v.actor, soort="kamerbrief", status=None)
        if d.status not in ("vastgesteld", "verzonden") and mag(v, Actie.STUK_KOPPELEN, d)
    ]


def _formulier(request: Request, v: Verzoek, *, status: int = 200, fout: str | None = None, w: dict | None = None):
    return pagina(
        request,
        "web/nieuw.html",
        v,
        status=status,
        soorten=SOORT,
        brieven=_brieven(v),
        fout=fout,
        w={"soort": "kamerbrief", "titel": "", "kenmerk": "", "gekoppeld_aan": "", "parafenlijn": STANDAARD_PARAFENLIJN}
        | (w or {}),
    )


@router.get("/documenten/nieuw", response_class=HTMLResponse)
def nieuw_formulier(request: Request, gekoppeld_aan: str = Query(""), v: Verzoek = Depends(lezer)):
    documenten.eis(Actie.DOCUMENT_AANMAKEN, v.actor, Context())
    w = {"gekoppeld_aan": gekoppeld_aan, "soort": "beslisnota"} if gekoppeld_aan.isdigit() else {}
    return _formulier(request, v, w=w)


@router.post("/documenten/nieuw", dependencies=[Depends(mag_document_aanmaken)])
def maak(
    request: Request,
    soort: str = Form(""),
    titel: str = Form(""),
    kenmerk: str = Form(""),
    gekoppeld_aan: str = Form(""),
    parafenlijn: str = Form(""),
    v: Verzoek = Depends(schrijfverzoek),
):
    invoer = valideer(
        DocumentVelden,
        soort=soort,
        titel=titel,
        kenmerk=leeg_is_niets(kenmerk),
        penvoerder=v.gebruiker.departement,
        gekoppeld_aan=leeg_is_niets(gekoppeld_aan),
        parafenlijn=lijst_veld(parafenlijn) if parafenlijn.strip() else [],
    )
    document = documenten.maak(v.sessie, v.gebruiker, v.actor, invoer, v.klok)
    return terug(f"/documenten/{document.id}", "document")


@router.post("/documenten/importeren", dependencies=[Depends(mag_document_aanmaken)])
def importeer(
    request: Request,
    bestand: UploadFile | None = File(None),
    soort: str = Form(""),
    titel: str = Form(""),
    gekoppeld_aan: str = Form(""),
    parafenlijn: str = Form(""),
    v: Verzoek = Depends(schrijfverzoek),
):
    if bestand is None or not bestand.filename:
        raise OngeldigeInvoer("Kies een bestand (.md, .txt of .docx) om in te lezen.", veld="bestand")
    antwoord = importeer_document(
        bestand=bestand,
        soort=_soort(soort),
        titel=leeg_is_niets(titel),
        kenmerk=None,
        penvoerder=v.gebruiker.departement,  # an opsteller writes for his own department
        ondertekenaar=None,
        ondertekenaar_functie=None,
        mede_namens=None,
        gekoppeld_aan=leeg_is_niets(gekoppeld_aan),
        parafenlijn=leeg_is_niets(parafenlijn),
        bijlagen=None,
        datum=None,
        v=v,
    )
    return terug(f"/documenten/{antwoord['id']}", "geimporteerd")


def _soort(waarde: str | None) -> Soort | None:
    """The form's soort as the API's import takes it (a value outside the list is 422, as there)."""
    if waarde is None or leeg_is_niets(waarde) is None:
        return None
    try:
        return Soort(waarde)
    except ValueError:
        raise OngeldigeInvoer(f"Onbekende soort document: '{waarde[:40]}'.", veld="soort") from None
