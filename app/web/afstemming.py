"""Afstemming, parafen and vaststelling as a page: the ronde matrix, the parafenlijn, and the
buttons each user may use (or, where a guard blocks, the button disabled with the reason)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from app.afstemming import service, toestand
from app.afstemming.schemas import OordeelNieuw, RondeNieuw
from app.afstemming.views import ronde_voor_oordeel
from app.deps import Verzoek, leesverzoek, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import kan as kan_handelen
from app.documenten.deps import leesbaar_document, schrijfbaar_document, verzendbaar_document
from app.documenten.models import Document
from app.gebruikers import afwezigheid
from app.gebruikers.service import als_actor
from app.problemen import Conflict
from app.stukken import leden as setleden
from app.web.hulp import kan, leeg_is_niets, mag, pagina, terug, tijdstip_uit_formulier, valideer, waarom_niet
from app.web.ondertekening import ondertekening
from app.zegel import verzenden as verzending
from workflow.autorisatie import Actie, Rol, namens
from workflow.departementen import DEPARTEMENTEN
from workflow.handelingen import Handeling, Stand, ronde_openen_bezwaren
from workflow.statussen import BEVROREN

router = APIRouter()


def afstemming_context(v: Verzoek, document: Document) -> dict:
    sessie = v.sessie
    nu = v.klok.nu(sessie)
    alle = service.rondes(sessie, document)
    laatste_id = alle[-1].id if alle else None
    rondes = [service.ronde_uit(sessie, r, document, nu, laatste_id) for r in reversed(alle)]
    laatste = rondes[0] if rondes else None

    oordeel_form = None
    if laatste is not None:
        uitgenodigd = frozenset(d["code"] for d in laatste["departementen"])
        if kan(v, Handeling.OORDEEL_GEVEN, document, Stand(document.status, ronde=laatste["status"]), uitgenodigd=uitgenodigd):
            eigen = next((d for d in laatste["departementen"] if d["code"] == v.gebruiker.departement), None)
            oordeel_form = {"ronde": laatste, "eigen": eigen}

    # Parafenlijn: per level the valid paraaf, else the latest (voided) one. The parafen go on
    # the whole set, so a beslisnota or bijlage shows its letter's.
    kop = setleden.hoofd(sessie, document)
    parafen = service.parafen_uit(sessie, document)
    geldig = toestand.geldige_parafen(sessie, kop)
    volgend = toestand.volgend_niveau(kop, geldig)
    lijn = []
    for niveau in kop.parafenlijn:
        van_niveau = [p for p in parafen if p["niveau"] == niveau]
        geldige = [p for p in van_niveau if p["geldig"]]
        lijn.append({"niveau": niveau, "paraaf": (geldige or van_niveau or [None])[-1], "volgend": niveau == volgend})

    paraaf_knop = None
    if mag(v, Actie.PARAFEREN, document) and v.gebruiker.paraafniveau in kop.parafenlijn:
        bezwaar = service.paraaf_bezwaar(sessie, v.gebruiker, document)
        paraaf_knop = {"reden": bezwaar.detail if bezwaar else None}
    # A vervanger may initial at the level of an absent person he stands in for, when it is
    # that level's turn and not his own (the same choice the POST makes: Verzoek.handel_namens).
    namens_knop = None
    if paraaf_knop is None or paraaf_knop["reden"]:
        ctx = documenten.context(sessie, document)
        for afwezige in afwezigheid.vervangen_door(sessie, v.gebruiker, afwezigheid.vandaag(nu)):
            if kan_handelen(v, document, ctx, afwezige, namens(als_actor(afwezige)), (Actie.PARAFEREN,)):
                namens_knop = {"naam": afwezige.naam, "niveau": afwezige.paraafniveau, "tot": afwezige.afwezig_tot}
                break

    # Vaststellen: the same answer as GET /api/v1/documenten/{id}/vaststellen.
    vaststellen = service.vaststellen_status(sessie, v.actor, document, nu)
    vaststellen_rol = waarom_niet(v, Actie.VASTSTELLEN, document)
    bezwaren = [b for b in vaststellen["bezwaren"] if b != vaststellen_rol]
    kan_openen = kan(v, Handeling.RONDE_OPENEN, document, Stand(document.status, bezwaren=ronde_openen_bezwaren(document.soort)))
    return {
        "document": document,
        "kop": kop,
        "rondes": rondes,
        "laatste": laatste,
        "oordeel_form": oordeel_form,
        "parafenlijn": lijn,
        "volgend_niveau": volgend,
        "paraaf_knop": paraaf_knop,
        "namens_knop": namens_knop,
        "bezwaren": bezwaren,
        # Shown to the bewindspersoon until the document is signed; disabled while bezwaren exist.
        "vaststellen_knop": vaststellen_rol is None and document.status not in BEVROREN,
        "is_bewindspersoon": v.actor.heeft(Rol.BEWINDSPERSOON),
        "verzenden_knop": kan(v, Handeling.VERZENDEN, document),
        "kan_openen": kan_openen,
        "departementen": [(c, n) for c, n in DEPARTEMENTEN.items() if c != document.penvoerder],
        "standaard_uitgenodigd": set(document.mede_namens) - {document.penvoerder},
        "nu": nu,
    }


@router.get("/documenten/{document_id}/afstemming", response_class=HTMLResponse)
def afstemmingspagina(request: Request, document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return pagina(request, "web/afstemming.html", v, **afstemming_context(v, document))


def _naar_afstemming(document: Document, melding: str):
    return terug(f"/documenten/{document.id}/afstemming", melding)


@router.post("/documenten/{document_id}/afstemmingsrondes")
def open_ronde(
    request: Request,
    termijn: str = Form(""),
    termijn_werkdagen: str = Form(""),
    stilzwijgend_akkoord: str = Form(""),
    departementen: list[str] = Form([]),
    document: Document = Depends(schrijfbaar_document(Actie.RONDE_OPENEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    invoer = valideer(
        RondeNieuw,
        departementen=departementen,
        termijn=tijdstip_uit_formulier(termijn),
        termijn_werkdagen=leeg_is_niets(termijn_werkdagen),
        stilzwijgend_akkoord=stilzwijgend_akkoord == "ja",
    )
    service.open_ronde(
        v.sessie,
        v.gebruiker,
        document,
        departementen=invoer.departementen,
        termijn=invoer.termijn_op(v.klok.nu(v.sessie)),
        stilzwijgend_akkoord=invoer.stilzwijgend_akkoord,
        klok=v.klok,
    )
    return _naar_afstemming(document, "ronde")


@router.post("/afstemmingsrondes/{ronde_id}/oordelen")
def geef_oordeel(
    request: Request,
    oordeel: str = Form(""),
    opmerkingen: str = Form(""),
    doel=Depends(ronde_voor_oordeel),
    v: Verzoek = Depends(schrijfverzoek),
):
    document, ronde = doel
    invoer = valideer(OordeelNieuw, oordeel=oordeel, opmerkingen=leeg_is_niets(opmerkingen))
    service.geef_oordeel(
        v.sessie, v.gebruiker, document, ronde, oordeel=invoer.oordeel, opmerkingen=invoer.opmerkingen, klok=v.klok
    )
    return _naar_afstemming(document, "oordeel")


def _bevestigen(
    request: Request, v: Verzoek, document: Document, *, soort: str, actie: str, knop: str, titel: str, uitleg: list[str]
):
    """The confirmation step before signing: what is signed, then one more POST."""
    v.sessie.rollback()  # nothing is written on this step; the lock is not needed to show it
    document = documenten.haal(v.sessie, document.id)
    o = ondertekening(v, document)
    return pagina(
        request,
        "web/bevestigen.html",
        v,
        document=document,
        titel=titel,
        uitleg=uitleg,
        ondertekening=o,
        soort=soort,
        actie=actie,
        velden={"gezien": o["sethash"]},
        knop=knop,
        terug_pad=f"/documenten/{document.id}/afstemming",
    )


@router.post("/documenten/{document_id}/parafen")
def paraferen(
    request: Request,
    bevestigd: str = Form(""),
    gezien: str = Form(""),
    document: Document = Depends(schrijfbaar_document(Actie.PARAFEREN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    if bevestigd != "1":
        # The same refusal the paraaf itself would give (409), before asking to confirm.
        bezwaar = service.paraaf_bezwaar(v.sessie, v.gebruiker, document)
        if bezwaar is not None:
            raise bezwaar
        niveau = v.gebruiker.paraafniveau
        return _bevestigen(
            request,
            v,
            document,
            soort="paraaf",
            actie=f"/documenten/{document.id}/parafen",
            knop=f"Ja, paraferen als {niveau}",
            titel=f"Paraferen als {niveau}",
            uitleg=[f"U zet uw paraaf als {niveau} op de stukken hieronder. Bekijk wat u parafeert en bevestig."],
        )
    service.paraferen(v.sessie, v.gebruiker, document, v.klok, gezien=gezien or None)
    return _naar_afstemming(document, "geparafeerd")


@router.post("/documenten/{document_id}/vaststellen")
def vaststellen(
    request: Request,
    bevestigd: str = Form(""),
    gezien: str = Form(""),
    document: Document = Depends(schrijfbaar_document(Actie.VASTSTELLEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    if bevestigd != "1":
        stand = service.vaststellen_status(v.sessie, v.actor, document, v.klok.nu(v.sessie))
        if not stand["kan"]:
            raise Conflict("Het document kan nog niet worden vastgesteld: " + "; ".join(stand["bezwaren"]) + ".")
        return _bevestigen(
            request,
            v,
            document,
            soort="vaststelling",
            actie=f"/documenten/{document.id}/vaststellen",
            knop="Ja, vaststellen",
            titel="Vaststellen",
            uitleg=["U stelt de stukken hieronder vast. Daarna kan de tekst niet meer worden gewijzigd."],
        )
    service.stel_vast(v.sessie, v.gebruiker, document, v.klok, gezien=gezien or None)
    return _naar_afstemming(document, "vastgesteld")


@router.post("/documenten/{document_id}/verzenden")
def verzenden(request: Request, document: Document = Depends(verzendbaar_document), v: Verzoek = Depends(leesverzoek)):
    gebruiker = v.gebruiker
    # A vervanger sending in an absent person's place: the event log names both (app.deps).
    vervanging = v.sessie.info.get("namens")
    v.sluit()
    verzending.verzend(v.engine, v.settings, gebruiker, document.id, v.klok, namens=vervanging)
    return _naar_afstemming(document, "verzonden")
