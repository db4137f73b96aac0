from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from app import representatie
from app.deps import Verzoek, leesverzoek
from app.documenten import service as documenten
from app.documenten.deps import leesbaar_document
from app.documenten.models import Document
from app.middleware import kopregels
from app.problemen import OngeldigeInvoer
from app.routing import ParaafRoute
from app.schemas import MAX_INT
from app.weergave import service
from app.weergave.docx import afstemmingsversie_docx, document_docx
from app.weergave.html import document_html, stijl
from app.weergave.pdf import omzetter
from app.weergave.wijzigingen import wijzigingen_docx
from app.zegel import verzenden as verzending

router = APIRouter(tags=["weergave"], route_class=ParaafRoute)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
Variant = Literal["intern", "woo"]


def bestandsnaam(document: Document, revisie: int, variant: str, achtervoegsel: str = "", extensie: str = "docx") -> str:
    woo = "-woo" if variant == "woo" else ""
    return f"{document.soort}-{document.id}-r{revisie}{woo}{achtervoegsel}.{extensie}"


def _docx_antwoord(inhoud: bytes, naam: str) -> Response:
    return Response(
        inhoud,
        media_type=DOCX,
        headers={
            "Content-Disposition": f'attachment; filename="{naam}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def bestand_antwoord(inhoud: bytes, naam: str, media_type: str) -> Response:
    # Renders carry drafts and names: no cache keeps a copy.
    return Response(
        inhoud,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{naam}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _docx(v: Verzoek, document: Document, variant: str, revisie: int | None) -> tuple[bytes, str, str]:
    """The Word file, its ETag and its file name. The render model is built on every request;
    the Word writer, a pure function of it, runs only when the model is new (app.representatie:
    for a nota the model holds its letter's live workflow state, as this caller may see it)."""
    nu = v.klok.nu(v.sessie)
    weergave = service.document_weergave(v.sessie, document, nu, revisie, v.actor)
    woo = service.woo_context(v.sessie) if variant == "woo" else None
    sleutel = ("docx", representatie.model_sleutel(weergave, woo))
    inhoud, tag = representatie.cache.haal(sleutel, lambda: document_docx(weergave, woo))
    return inhoud, tag, bestandsnaam(document, weergave.revisie, variant)


def render_docx(v: Verzoek, document: Document, variant: str, revisie: int | None) -> tuple[bytes, str]:
    """The Word file of `document` as the API and the web UI serve it."""
    inhoud, _, naam = _docx(v, document, variant, revisie)
    return inhoud, naam


def render_afstemmingsversie(v: Verzoek, document: Document) -> tuple[bytes, str]:
    """The current revisie as the Word file made to come back (docs/api.md, "Retour uit Word")."""
    nu = v.klok.nu(v.sessie)
    weergave = service.document_weergave(v.sessie, document, nu)
    secties = [(s.id, s.versie) for s in documenten.secties(v.sessie, document.id)]
    inhoud = afstemmingsversie_docx(weergave, secties, document.inhoudshash)
    return inhoud, bestandsnaam(document, weergave.revisie, "intern", "-afstemmingsversie")


def render_pdf(v: Verzoek, document: Document, variant: str, revisie: int | None, getekend: bool = False) -> tuple[bytes, str]:
    """The PDF/A of `document` (API and web UI): rendered from our own Word file, or with
    `getekend` the sealed PDF kept when the document was sent."""
    if getekend:
        if variant != "intern" or revisie is not None:
            raise OngeldigeInvoer(
                "Het zegel staat alleen op de verzonden (interne) versie van de laatste revisie; laat 'variant' en 'revisie' weg.",
                veld="getekend",
            )
        verzegeling = verzending.verzegeling(v.sessie, document)
        return verzegeling.pdf, bestandsnaam(document, verzegeling.revisie, "intern", "-getekend", "pdf")
    docx, naam = render_docx(v, document, variant, revisie)
    # LibreOffice takes a second or more: no database transaction stays open meanwhile.
    v.sluit()
    return omzetter(v.settings).naar_pdf(docx), naam.removesuffix(".docx") + ".pdf"


def render_wijzigingen(v: Verzoek, document: Document, van: int, tot: int | None) -> tuple[bytes, str]:
    tot = tot or document.revisie
    weergave = service.wijzigingen_weergave(v.sessie, document, van, tot, v.klok.nu(v.sessie), v.actor)
    return wijzigingen_docx(weergave), bestandsnaam(document, tot, "intern", f"-wijzigingen-r{van}")


@router.get(
    "/documenten/{document_id}/docx",
    response_class=Response,
    responses={200: {"content": {DOCX: {}}, "description": "Het Word-bestand"}},
)
def docx(
    request: Request,
    variant: Variant = Query("intern", description="'woo' voor de publicatieversie"),
    revisie: int | None = Query(None, ge=1, le=MAX_INT),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    inhoud, tag, naam = _docx(v, document, variant, revisie)
    koppen = {
        "Content-Disposition": f'attachment; filename="{naam}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return representatie.antwoord(request, inhoud, tag, DOCX, koppen)


@router.get(
    "/documenten/{document_id}/pdf",
    response_class=Response,
    responses={
        200: {"content": {PDF: {}}, "description": "PDF/A-2b (getagd, nl-NL); met getekend=true het verzegelde exemplaar"},
        409: {"description": "getekend=true voordat het document is verzonden"},
        503: {"description": "LibreOffice is bezet of faalde; zie Retry-After"},
    },
)
def pdf(
    variant: Variant = Query("intern", description="'woo' voor de publicatieversie"),
    revisie: int | None = Query(None, ge=1, le=MAX_INT),
    getekend: bool = Query(False, description="Het verzegelde exemplaar dat bij verzenden is gemaakt"),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    return bestand_antwoord(*render_pdf(v, document, variant, revisie, getekend), PDF)


@router.get("/documenten/{document_id}/html", response_class=HTMLResponse)
def html(
    request: Request,
    variant: Variant = Query("intern"),
    revisie: int | None = Query(None, ge=1, le=MAX_INT),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    nu = v.klok.nu(v.sessie)
    weergave = service.document_weergave(v.sessie, document, nu, revisie, v.actor)
    woo = service.woo_context(v.sessie) if variant == "woo" else None
    # Reused while the render model is the same (app.representatie), as the Word file.
    sleutel = ("html", representatie.model_sleutel(weergave, woo))
    inhoud, tag = representatie.cache.haal(sleutel, lambda: document_html(weergave, woo).encode())
    # The same security headers as the web pages; the CSP admits the page's own style sheet.
    return representatie.antwoord(request, inhoud, tag, "text/html", kopregels(extra_stijl=stijl()[1]))


@router.get(
    "/documenten/{document_id}/wijzigingen.docx",
    response_class=Response,
    responses={200: {"content": {DOCX: {}}, "description": "Word-bestand met bijgehouden wijzigingen"}},
)
def wijzigingen(
    van: int = Query(..., ge=1, le=MAX_INT),
    tot: int | None = Query(None, ge=1, le=MAX_INT, description="Zonder: de actuele revisie"),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    return _docx_antwoord(*render_wijzigingen(v, document, van, tot))
