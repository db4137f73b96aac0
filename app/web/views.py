"""The web UI's pages: server-rendered HTML on the same dependencies, service functions,
transition tables and authorisation matrix as the API (see app/deps.py: the same `lezer` and
`schrijver` read the session cookie here and check the CSRF token of every write).

Every POST: the API's route dependencies (404, 403), one service call, then 303 back to a page
(Post/Redirect/Get) with a flash message code; htmx follows that redirect and gets the
re-rendered block of the page (app.web.hulp.pagina).
"""

from __future__ import annotations

import base64
from typing import Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import col, select

from app import aanmelden
from app.afstemming import toestand
from app.db import schrijfsessie
from app.deps import ONVEILIG, Verzoek, leesverzoek, lezer, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import bewerkbare_sectie, leesbaar_document, leesbare_sectie
from app.documenten.models import Document, Sectie
from app.documenten.schemas import SectieWijziging
from app.problemen import Conflict, OngeldigeInvoer, TeGroot, VoorwaardeOntbreekt, eis_basisversie
from app.publicatie.service import PUBLICEERBAAR
from app.publicatie.views import ZIP, pakket_maken
from app.retour.service import mag as retour_mag
from app.retour.views import retour_document, verwerk_retour
from app.schemas import MAX_INT
from app.tekstvoorstellen import service as tekstvoorstellen
from app.tekstvoorstellen.models import Tekstvoorstel
from app.tekstvoorstellen.schemas import TekstvoorstelNieuw
from app.tekstvoorstellen.views import sectie_voor_voorstel
from app.web import sessie as websessie
from app.web.hulp import (
    KOPREGELS,
    basiscontext,
    kan,
    leeg_is_niets,
    mag,
    omgeving,
    pagina,
    terug,
    tijdstip_uit_formulier,
    valideer,
    veilig_volgende,
)
from app.web.ondertekening import leesbaar_verschil
from app.web.voorstellen import voorbeeld
from app.weergave.html import teksten_html
from app.weergave.views import DOCX, PDF, bestand_antwoord, render_afstemmingsversie, render_docx, render_pdf, render_wijzigingen
from app.weergave.views import html as weergave_als_html
from app.werk.service import wachtend_voor
from app.zegel.models import Verzegeling
from workflow import diff
from workflow.autorisatie import Actie, Context, reden_tegen
from workflow.handelingen import Handeling
from workflow.statussen import OPEN_VOORSTEL, DocGebeurtenis
from workflow.voorstellen import PassageFout, vind_passage


async def lees_csrf_veld(request: Request) -> None:
    """Put the submitted CSRF token where app.deps checks it: the X-CSRF-Token header (htmx)
    or the form field `csrf` (plain forms; Starlette caches the parsed form, so the route's
    own Form(...) parameters still work)."""
    if request.method not in ONVEILIG:
        return
    if request.state._state.get("te_groot"):
        limiet = request.state._state.get("limiet")
        raise TeGroot(f"Het formulier is groter dan de toegestane {limiet} bytes; er is niets opgeslagen.")
    ingezonden = request.headers.get("x-csrf-token")
    if not ingezonden:
        soort = request.headers.get("content-type", "")
        if soort.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            formulier = await request.form()
            waarde = formulier.get("csrf")
            ingezonden = waarde if isinstance(waarde, str) else None
    request.state.csrf_ingezonden = ingezonden


router = APIRouter(include_in_schema=False, dependencies=[Depends(lees_csrf_veld)])


def _nieuw_router() -> APIRouter:
    from app.web import nieuw  # its paths come before /documenten/{document_id}

    return nieuw.router


router.include_router(_nieuw_router())


# --- inloggen en uitloggen ---------------------------------------------------------------------


@router.get("/")
def begin() -> RedirectResponse:
    return RedirectResponse("/werk", status_code=303)


def _inlogpagina(request: Request, *, volgende: str, fout: str | None = None, status: int = 200) -> HTMLResponse:
    cookies = Response()
    token = websessie.login_csrf(request, cookies)
    ctx = basiscontext(request) | {
        "login_csrf": token,
        "volgende": volgende,
        "fout": fout,
        "reden": request.query_params.get("reden"),
        "oidc": aanmelden.aan(request.app.state.settings),
    }
    antwoord = HTMLResponse(omgeving().get_template("web/inloggen.html").render(ctx), status_code=status, headers=KOPREGELS)
    antwoord.raw_headers.extend(k_w for k_w in cookies.raw_headers if k_w[0] == b"set-cookie")
    return antwoord


@router.get("/inloggen", response_class=HTMLResponse)
def inlogformulier(request: Request, volgende: str | None = Query(None)):
    return _inlogpagina(request, volgende=veilig_volgende(volgende))


@router.post("/inloggen")
def inloggen(request: Request, token: str = Form(""), volgende: str = Form("/werk")):
    websessie.controleer_login_csrf(request, getattr(request.state, "csrf_ingezonden", None))
    doel = veilig_volgende(volgende)
    antwoord = RedirectResponse(doel, status_code=303)
    with schrijfsessie(request.app.state.engine) as sessie:
        gebruiker = websessie.log_in(request, antwoord, sessie, token.strip()) if token.strip() else None
    if gebruiker is None:
        return _inlogpagina(
            request,
            volgende=doel,
            status=401,
            fout="Dit token is onbekend of ingetrokken. Controleer het token of vraag de beheerder om een nieuw token.",
        )
    return antwoord


@router.post("/uitloggen")
def uitloggen(request: Request, v: Verzoek = Depends(lezer)):
    with schrijfsessie(v.engine) as sessie:
        websessie.beeindig_sessie(request, sessie, v.klok.nu(sessie))
    antwoord = terug("/inloggen", "uitgelogd")
    websessie.log_uit(antwoord)
    return antwoord


# --- Mijn werk -----------------------------------------------------------------------------------


def _werk_link(item) -> str:
    return item.pad


@router.get("/werk", response_class=HTMLResponse)
def mijn_werk(request: Request, v: Verzoek = Depends(lezer)):
    # Termijnen that passed since the last write are applied first, as on every API read.
    toestand.actualiseer_verlopen(v.engine, v.sessie, v.klok)
    nu = v.klok.nu(v.sessie)
    items = wachtend_voor(v.sessie, v.gebruiker, nu)
    return pagina(request, "web/werk.html", v, items=[(w, _werk_link(w)) for w in items], nu=nu)


# --- documenten ------------------------------------------------------------------------------------


@router.get("/documenten", response_class=HTMLResponse)
def documentenlijst(request: Request, v: Verzoek = Depends(lezer)):
    toestand.actualiseer_verlopen(v.engine, v.sessie, v.klok)
    lijst = documenten.lijst(v.sessie, v.actor, soort=None, status=None)
    kan_aanmaken = reden_tegen(Actie.DOCUMENT_AANMAKEN, v.actor, Context()) is None
    return pagina(request, "web/documenten.html", v, documenten=lijst, kan_aanmaken=kan_aanmaken)


def _gekoppeld(v: Verzoek, document: Document) -> list[Document]:
    """Documents linked to this one (e.g. the beslisnota of a kamerbrief) that the user may read."""
    kandidaten = v.sessie.exec(select(Document).where(Document.gekoppeld_aan == document.id).order_by(Document.id))
    return [d for d in kandidaten if mag(v, Actie.DOCUMENT_LEZEN, d)]


@router.get("/documenten/{document_id}", response_class=HTMLResponse)
def documentpagina(request: Request, document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    secties = documenten.secties(v.sessie, document.id)
    open_per_sectie: dict[int, dict[int, list[Tekstvoorstel]]] = {}
    for voorstel in v.sessie.exec(
        select(Tekstvoorstel)
        .where(Tekstvoorstel.document_id == document.id, col(Tekstvoorstel.status).in_(list(OPEN_VOORSTEL)))
        .order_by(Tekstvoorstel.id)
    ):
        open_per_sectie.setdefault(voorstel.sectie_id, {}).setdefault(voorstel.draad_id, []).append(voorstel)
    bovenliggend = None
    if document.gekoppeld_aan:
        ouder = v.sessie.get(Document, document.gekoppeld_aan)
        if ouder is not None and mag(v, Actie.DOCUMENT_LEZEN, ouder):
            bovenliggend = ouder
    return pagina(
        request,
        "web/document.html",
        v,
        document=document,
        secties=secties,
        # Footnotes numbered through the whole document, as in Word and HTML.
        sectie_html=dict(
            zip(
                [s.id for s in secties],
                teksten_html([s.tekst for s in secties], voorvoegsels=[f"s{s.id}-" for s in secties]),
                strict=True,
            )
        ),
        open_per_sectie=open_per_sectie,
        kan_bewerken=kan(v, Handeling.SECTIE_BEWERKEN, document),
        kan_voorstellen=kan(v, Handeling.TEKSTVOORSTEL_INDIENEN, document),
        gekoppeld=_gekoppeld(v, document),
        bovenliggend=bovenliggend,
        kan_retour=retour_mag(v.sessie, v.actor, document),
        kan_koppelen=document.soort == "kamerbrief"
        and document.status not in ("vastgesteld", "verzonden")
        and mag(v, Actie.STUK_KOPPELEN, document),
        woo_pakket=_woo_pakket_brief(v, document, bovenliggend),
        verzegeld=v.sessie.get(Verzegeling, document.id) is not None,
    )


def _woo_pakket_brief(v: Verzoek, document: Document, bovenliggend: Document | None) -> Document | None:
    """The letter whose Woo package this user may fetch from this page (None: no link)."""
    brief = document if document.soort == "kamerbrief" else bovenliggend
    if brief is None or brief.soort != "kamerbrief" or brief.status not in PUBLICEERBAAR:
        return None
    return brief if mag(v, Actie.WOO_PAKKET, brief) else None


# --- secties: geschiedenis, verschil, bewerken --------------------------------------------------------


@router.get("/documenten/{document_id}/secties/{sectie_id}", response_class=HTMLResponse)
def sectiepagina(
    request: Request,
    van: int | None = Query(None, ge=1, le=MAX_INT),
    tot: int | None = Query(None, ge=1, le=MAX_INT),
    sectie: Sectie = Depends(leesbare_sectie),
    v: Verzoek = Depends(leesverzoek),
):
    document = documenten.haal(v.sessie, sectie.document_id)
    versies = documenten.versies_uit(v.sessie, sectie)
    if van is None and tot is None and sectie.versie > 1:
        van, tot = sectie.versie - 1, sectie.versie
    verschil = None
    if van is not None or tot is not None:
        van, tot = van or 1, tot or sectie.versie
        verschil = documenten.verschil(v.sessie, sectie, van, tot)
        # Readable: the heading on its own line, paragraphs kept, footnotes as notes.
        oud, nieuw = documenten.versie(v.sessie, sectie, van), documenten.versie(v.sessie, sectie, tot)
        verschil = verschil | {"html": leesbaar_verschil(oud.kop, oud.tekst, nieuw.kop, nieuw.tekst)}
    return pagina(
        request,
        "web/sectie.html",
        v,
        document=document,
        sectie=sectie,
        versies=versies,
        van=van,
        tot=tot,
        verschil=verschil,
        kan_bewerken=kan(v, Handeling.SECTIE_BEWERKEN, document),
        kan_voorstellen=kan(v, Handeling.TEKSTVOORSTEL_INDIENEN, document),
    )


@router.get("/documenten/{document_id}/secties/{sectie_id}/bewerken", response_class=HTMLResponse)
def bewerkformulier(request: Request, sectie: Sectie = Depends(leesbare_sectie), v: Verzoek = Depends(leesverzoek)):
    document = documenten.haal(v.sessie, sectie.document_id)
    # The same checks as the write: who may edit (403), and whether the text may change now (409).
    documenten.eis(Actie.SECTIE_BEWERKEN, v.actor, documenten.context(v.sessie, document))
    documenten.overgang(document, DocGebeurtenis.TEKST_WIJZIGEN)
    return pagina(
        request,
        "web/bewerken.html",
        v,
        document=document,
        sectie=sectie,
        tekst=sectie.tekst,
        kop=sectie.kop or "",
        basisversie=sectie.versie,
        reden="",
    )


@router.post("/documenten/{document_id}/secties/{sectie_id}/bewerken")
def bewerk(
    request: Request,
    tekst: str = Form(""),
    kop: str = Form(""),
    basisversie: str = Form(""),
    reden: str = Form(""),
    doel: tuple[Document, Sectie] = Depends(bewerkbare_sectie),
    v: Verzoek = Depends(schrijfverzoek),
):
    document, sectie = doel
    invoer = valideer(
        SectieWijziging, tekst=tekst, kop=leeg_is_niets(kop), basisversie=leeg_is_niets(basisversie), reden=leeg_is_niets(reden)
    )
    eis_basisversie(invoer.basisversie, "het formulier mist haar; open de bewerkpagina opnieuw")
    pad = f"/documenten/{document.id}/secties/{sectie.id}"
    try:
        sectie, samengevoegd, gewijzigd = documenten.wijzig_sectie(
            v.sessie,
            v.gebruiker,
            document,
            sectie,
            tekst=invoer.tekst,
            kop=invoer.kop,
            kop_meegegeven=True,
            basisversie=invoer.basisversie,
            reden=invoer.reden,
            klok=v.klok,
            lezen=v.lezen,
        )
    except Conflict as e:
        if "actuele_tekst" not in e.extra:
            raise
        v.sessie.rollback()  # the write lock, if taken, is not needed to show the conflict
        basis = documenten.versie(v.lezen, sectie, invoer.basisversie).tekst
        actueel = e.extra["actuele_tekst"]
        return pagina(
            request,
            "web/conflict.html",
            v,
            status=409,
            document=document,
            sectie=sectie,
            detail=e.detail,
            mijn=invoer.tekst,
            actueel=actueel,
            actuele_versie=e.extra["actuele_versie"],
            basisversie=invoer.basisversie,
            kop=invoer.kop or "",
            reden=invoer.reden or "",
            hun_diff=diff.diff_html(diff.woord_diff(basis, actueel)),
            mijn_diff=diff.diff_html(diff.woord_diff(basis, invoer.tekst)),
            verschil=diff.diff_html(diff.woord_diff(actueel, invoer.tekst)),
        )
    if not gewijzigd:
        return terug(pad, "ongewijzigd")
    return terug(pad, "samengevoegd" if samengevoegd else "opgeslagen")


# --- tekstvoorstel indienen ------------------------------------------------------------------------


def _voorstelformulier(request, v, document, sectie, *, status=200, fouten=(), voorbeeld=None, **waarden) -> HTMLResponse:
    standaard = {
        "oorspronkelijk": "",
        "positie": "",
        "invoegen_na": "",
        "voorgesteld": "",
        "toelichting": "",
        "reactietermijn": "",
        "reactietermijn_werkdagen": "",
        "basisversie": sectie.versie,
    }
    # Display only: after a refused POST its error names what was wrong with the basisversie
    # (eis_basisversie), and the form offers the current version again.
    gevraagd = str(waarden.get("basisversie") or "")
    nummer = int(gevraagd) if gevraagd.isdigit() and 1 <= int(gevraagd) <= sectie.versie else sectie.versie
    basistekst = tekstvoorstellen.Teksten(v.lezen).versie(sectie.id, nummer)
    waarden["basisversie"] = nummer
    return pagina(
        request,
        "web/voorstel.html",
        v,
        status=status,
        document=document,
        sectie=sectie,
        basistekst=basistekst,
        fouten=list(fouten),
        voorbeeld=voorbeeld,
        w=standaard | {k: w for k, w in waarden.items() if w is not None},
    )


@router.get("/documenten/{document_id}/secties/{sectie_id}/voorstel", response_class=HTMLResponse)
def voorstelformulier(request: Request, sectie: Sectie = Depends(leesbare_sectie), v: Verzoek = Depends(leesverzoek)):
    document = documenten.haal(v.sessie, sectie.document_id)
    documenten.eis(Actie.TEKSTVOORSTEL_INDIENEN, v.actor, documenten.context(v.sessie, document))
    documenten.overgang(document, DocGebeurtenis.TEKSTVOORSTEL_INDIENEN)
    return _voorstelformulier(request, v, document, sectie)


def _voorbeeld_voorstel(v: Verzoek, sectie: Sectie, invoer: TekstvoorstelNieuw) -> dict:
    nummer = invoer.basisversie if invoer.basisversie and 1 <= invoer.basisversie <= sectie.versie else sectie.versie
    basis = tekstvoorstellen.Teksten(v.lezen).versie(sectie.id, nummer)
    try:
        start = vind_passage(basis, invoer.oorspronkelijk, invoer.positie)
    except PassageFout as e:
        raise OngeldigeInvoer(f"De passage is niet gevonden: {e}.", veld="oorspronkelijk") from None
    return voorbeeld(basis, start, invoer.oorspronkelijk, invoer.voorgesteld)


def _positie_na(basistekst: str, anker: str) -> tuple[int | None, str | None]:
    """Translate the no-JavaScript field 'insert after this text' into a position."""
    start = basistekst.find(anker)
    if start < 0:
        return None, "De tekst bij ‘Invoegen direct na’ komt niet voor in deze versie van de sectie."
    if basistekst.find(anker, start + 1) >= 0:
        return None, "De tekst bij ‘Invoegen direct na’ komt meer dan eens voor; neem een langer stuk over."
    return start + len(anker), None


@router.post("/documenten/{document_id}/secties/{sectie_id}/tekstvoorstellen")
def dien_voorstel_in(
    request: Request,
    basisversie: str = Form(""),
    oorspronkelijk: str = Form(""),
    positie: str = Form(""),
    invoegen_na: str = Form(""),
    voorgesteld: str = Form(""),
    toelichting: str = Form(""),
    reactietermijn: str = Form(""),
    reactietermijn_werkdagen: str = Form(""),
    actie: str = Form(""),
    doel: tuple[Document, Sectie] = Depends(sectie_voor_voorstel),
    v: Verzoek = Depends(schrijfverzoek),
):
    document, sectie = doel
    waarden = dict(
        basisversie=basisversie or str(sectie.versie),
        oorspronkelijk=oorspronkelijk,
        positie=positie,
        invoegen_na=invoegen_na,
        voorgesteld=voorgesteld,
        toelichting=toelichting,
        reactietermijn=reactietermijn,
        reactietermijn_werkdagen=reactietermijn_werkdagen,
    )
    positie_invoer: str | int | None = leeg_is_niets(positie)
    try:
        if oorspronkelijk == "" and positie_invoer is None and invoegen_na:
            # The same check as the write's (no other version is silently taken instead).
            nummer = eis_basisversie(
                int(basisversie) if basisversie.strip().isdigit() else None,
                "het formulier mist haar; open de pagina opnieuw",
                sectie.versie,
            )
            basis = tekstvoorstellen.Teksten(v.lezen).versie(sectie.id, nummer)
            positie_invoer, fout = _positie_na(basis, invoegen_na.replace("\r\n", "\n"))
            if fout:
                raise OngeldigeInvoer(fout, veld="invoegen_na")
        invoer = TekstvoorstelNieuw(
            basisversie=leeg_is_niets(basisversie),
            oorspronkelijk=oorspronkelijk,
            voorgesteld=voorgesteld,
            positie=positie_invoer,
            toelichting=leeg_is_niets(toelichting),
            reactietermijn=tijdstip_uit_formulier(reactietermijn),
            reactietermijn_werkdagen=leeg_is_niets(reactietermijn_werkdagen),
        )
        basisversie_nr = eis_basisversie(invoer.basisversie, "het formulier mist haar; open de pagina opnieuw")
        if actie == "voorbeeld":  # the sentence as it will read, in context; nothing is written
            v.sessie.rollback()
            return _voorstelformulier(request, v, document, sectie, voorbeeld=_voorbeeld_voorstel(v, sectie, invoer), **waarden)
        voorstel = tekstvoorstellen.dien_in(
            v.sessie,
            v.gebruiker,
            document,
            sectie,
            basisversie=basisversie_nr,
            oorspronkelijk=invoer.oorspronkelijk,
            voorgesteld=invoer.voorgesteld,
            positie=invoer.positie,
            toelichting=invoer.toelichting,
            reactietermijn=invoer.reactietermijn_op(v.klok.nu(v.lezen)),
            klok=v.klok,
            lezen=v.lezen,
        )
    except ValidationError as e:
        v.sessie.rollback()
        fouten = [f"{'.'.join(str(x) for x in f['loc'])}: {f['msg'].removeprefix('Value error, ')}" for f in e.errors()]
        return _voorstelformulier(request, v, document, sectie, status=422, fouten=fouten, **waarden)
    except (OngeldigeInvoer, VoorwaardeOntbreekt) as e:
        v.sessie.rollback()
        return _voorstelformulier(request, v, document, sectie, status=e.status, fouten=[e.detail], **waarden)
    return terug(f"/tekstvoorstellen/{voorstel.id}", "voorstel")


# --- downloads --------------------------------------------------------------------------------------


def _bestand(inhoud: bytes, naam: str) -> Response:
    return Response(
        inhoud, media_type=DOCX, headers={"Content-Disposition": f'attachment; filename="{naam}"', "Cache-Control": "no-store"}
    )


@router.get("/documenten/{document_id}/download/word")
def download_word(
    variant: Literal["intern", "woo"] = Query("intern"),
    revisie: int | None = Query(None, ge=1, le=MAX_INT),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    return _bestand(*render_docx(v, document, variant, revisie))


@router.get("/documenten/{document_id}/download/pdf")
def download_pdf(
    variant: Literal["intern", "woo"] = Query("intern"),
    revisie: int | None = Query(None, ge=1, le=MAX_INT),
    getekend: bool = Query(False),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    return bestand_antwoord(*render_pdf(v, document, variant, revisie, getekend), PDF)


@router.get("/documenten/{document_id}/weergave", response_class=HTMLResponse)
def weergave_html(
    request: Request,
    variant: Literal["intern", "woo"] = Query("intern"),
    revisie: int | None = Query(None, ge=1, le=MAX_INT),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    """The document as a web page (the API's /html), at a revisie: what a signer looks at."""
    return weergave_als_html(request, variant, revisie, document, v)


@router.get("/documenten/{document_id}/download/woo-pakket")
def download_woo_pakket(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return bestand_antwoord(*pakket_maken(v, document), ZIP)


@router.get("/documenten/{document_id}/download/wijzigingen")
def download_wijzigingen(
    van: int = Query(..., ge=1, le=MAX_INT),
    tot: int | None = Query(None, ge=1, le=MAX_INT),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    return _bestand(*render_wijzigingen(v, document, van, tot))


@router.get("/documenten/{document_id}/download/afstemmingsversie")
def download_afstemmingsversie(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return _bestand(*render_afstemmingsversie(v, document))


@router.post("/documenten/{document_id}/retour", response_class=HTMLResponse)
def retour_formulier(
    request: Request,
    bestand: UploadFile | None = File(None),
    inhoud: str = Form(""),
    naam: str = Form(""),
    bevestigen: str = Form(""),
    doc_id: int = Depends(retour_document),
    v: Verzoek = Depends(schrijfverzoek),
):
    """A returned Word file: first the preview (proef), then 'Verwerken' files it. The file
    travels along in the confirming form (base64), so nothing is kept on the server between."""
    bevestigd = bevestigen == "1"
    if bestand is not None and bestand.filename:
        data, bestandsnaam = bestand.file.read(), bestand.filename
    else:
        try:
            data = base64.b64decode(inhoud.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            data = b""
        bestandsnaam = naam or "retour.docx"
    try:
        antwoord = verwerk_retour(v, doc_id, data, bestandsnaam, proef=not bevestigd)
    except (OngeldigeInvoer, Conflict) as e:
        v.sessie.rollback()
        document = documenten.haal(v.sessie, doc_id)
        return pagina(
            request, "web/retour.html", v, status=e.status, document=document, fout=e.detail, antwoord=None, inhoud="", naam=""
        )
    if bevestigd:
        return terug(f"/documenten/{doc_id}", "retour")
    document = documenten.haal(v.sessie, doc_id)
    return pagina(
        request,
        "web/retour.html",
        v,
        document=document,
        fout=None,
        antwoord=antwoord,
        inhoud=base64.b64encode(data).decode("ascii"),
        naam=bestandsnaam,
        koppen={s.id: s.kop or "Inleiding" for s in documenten.secties(v.sessie, doc_id)},
    )


# The pages for proposal threads and for afstemming/parafen live in their own modules; they
# share this router (and so its CSRF dependency).
from app.web import afstemming as _afstemming  # noqa: E402
from app.web import beheer as _beheer  # noqa: E402
from app.web import instellingen as _instellingen  # noqa: E402
from app.web import logboek as _logboek  # noqa: E402
from app.web import oidc as _oidc  # noqa: E402
from app.web import stukken as _stukken  # noqa: E402
from app.web import voorstellen as _voorstellen  # noqa: E402

router.include_router(_voorstellen.router)
router.include_router(_afstemming.router)
router.include_router(_instellingen.router)
router.include_router(_beheer.router)
router.include_router(_logboek.router)
router.include_router(_oidc.router)
router.include_router(_stukken.router)
