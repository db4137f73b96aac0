"""The logboek of a document as a page: every event of its hash-chained log (who, what, when,
which revisie), filterable by kind and by person, with the chain's verification result (the
same as GET /api/v1/documenten/{id}/gebeurtenissen and …/verificatie)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from app.deps import Verzoek, leesverzoek
from app.documenten.deps import leesbaar_document
from app.documenten.models import Document
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers import service as gebruikers_service
from app.web.hulp import DOCSTATUS, OORDEEL, SOORT, pagina
from app.web.ondertekening import kort

router = APIRouter()

# The kinds of events in Dutch (what the log records; an unknown kind shows its own name).
SOORTEN = {
    "document_aangemaakt": "Document aangemaakt",
    "document_geimporteerd": "Document geïmporteerd",
    "sectie_toegevoegd": "Sectie toegevoegd",
    "sectie_gewijzigd": "Sectie gewijzigd",
    "stuk_gekoppeld": "Stuk gekoppeld",
    "ronde_geopend": "Afstemmingsronde geopend",
    "oordeel_gegeven": "Oordeel gegeven",
    "tekstvoorstel_ingediend": "Tekstvoorstel ingediend",
    "reactie_gegeven": "Reactie op tekstvoorstel",
    "tekstvoorstel_overgenomen": "Tekstvoorstel overgenomen",
    "tekstvoorstel_afgewezen": "Tekstvoorstel afgewezen",
    "tekstvoorstel_ingetrokken": "Tekstvoorstel ingetrokken",
    "tekstvoorstel_vervallen": "Tekstvoorstel vervallen",
    "draad_geescaleerd": "Geschil geëscaleerd",
    "besluit_genomen": "Besluit van de bewindspersoon",
    "beslispunt_besloten": "Besluit over beslispunt",
    "afhankelijkheid_toegevoegd": "Afhankelijkheid toegevoegd",
    "afhankelijkheid_vervuld": "Afhankelijkheid vervuld",
    "afhankelijkheid_vervallen": "Afhankelijkheid vervallen",
    "bezwaar_terzijde_gelegd": "Bezwaar terzijde gelegd",
    "retour_verwerkt": "Word-bestand verwerkt",
    "geparafeerd": "Geparafeerd",
    "vastgesteld": "Vastgesteld",
    "verzegeld": "Verzegeld",
    "verzonden": "Verzonden",
    "documentstatus_gewijzigd": "Status gewijzigd",
}


def soortnaam(soort: str) -> str:
    return SOORTEN.get(soort, soort.replace("_", " ").capitalize())


def _details(soort: str, d: dict) -> str:
    """A short Dutch description of what the event records (no internal identifiers)."""
    delen: list[str] = []
    if "sectie" in d and soort.startswith("sectie"):
        delen.append(f"sectie {d['sectie']}")
    if d.get("tekstvoorstel"):
        delen.append(f"tekstvoorstel {d['tekstvoorstel']}")
    if d.get("draad") and soort in ("draad_geescaleerd", "besluit_genomen"):
        delen.append(f"draad {d['draad']}")
    if d.get("departement"):
        delen.append(str(d["departement"]))
    if d.get("oordeel"):
        delen.append(OORDEEL.get(d["oordeel"], str(d["oordeel"])).lower())
    if d.get("tegenvoorstel"):
        delen.append(f"tegenvoorstel {d['tegenvoorstel']}")
    if d.get("niveau"):
        delen.append(f"als {d['niveau']}")
    if soort == "besluit_genomen":
        delen.append(f"voorstel {d['gekozen']} gekozen" if d.get("gekozen") else "eigen formulering")
    if soort == "documentstatus_gewijzigd":
        delen.append(
            f"van {DOCSTATUS.get(d.get('van', ''), d.get('van'))} naar {DOCSTATUS.get(d.get('naar', ''), d.get('naar'))}"
        )
    if soort == "stuk_gekoppeld" and d.get("titel"):
        delen.append(f"{SOORT.get(d.get('soort', ''), '')} ‘{d['titel']}’".strip())
    if d.get("departementen") and soort == "ronde_geopend":
        delen.append("uitgenodigd: " + ", ".join(d["departementen"]))
    if d.get("reden") and isinstance(d["reden"], str):
        delen.append(f"reden: {d['reden']}")
    if isinstance(d.get("namens"), dict):
        delen.append(f"namens {d['namens'].get('naam')}")
    return "; ".join(delen)


@router.get("/documenten/{document_id}/logboek", response_class=HTMLResponse)
def logboek(
    request: Request,
    soort: str = Query(""),
    wie: str = Query(""),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    keten = gebeurtenissen.document_keten(document.id)
    rijen = gebeurtenissen.lijst(v.sessie, keten)
    verificatie = gebeurtenissen.verifieer_keten(v.sessie, keten)
    ids = {int(r.actor.split("/")[1]) for r in rijen if r.actor.startswith("gebruiker/")}
    personen = gebruikers_service.bij_ids(v.sessie, ids)

    def persoon(actor: str) -> str:
        if actor.startswith("gebruiker/"):
            p = personen.get(int(actor.split("/")[1]))
            return f"{p.naam} ({p.departement})" if p else "Onbekende gebruiker"
        return "Systeem"

    regels = []
    revisie = 1
    for r in rijen:
        gegevens = json.loads(r.gegevens)
        if isinstance(gegevens.get("revisie"), int):
            revisie = gegevens["revisie"]
        regels.append(
            {
                "volgnummer": r.volgnummer,
                "tijdstip": r.tijdstip,
                "wie": persoon(r.actor),
                "actor": r.actor,
                "soort": r.soort,
                "wat": soortnaam(r.soort),
                "details": _details(r.soort, gegevens),
                "revisie": revisie,
                "hash": kort(r.hash),
            }
        )
    soorten = sorted({(r["soort"], r["wat"]) for r in regels}, key=lambda s: s[1])
    mensen = sorted({(r["actor"], r["wie"]) for r in regels}, key=lambda m: m[1])
    getoond = [r for r in regels if (not soort or r["soort"] == soort) and (not wie or r["actor"] == wie)]
    return pagina(
        request,
        "web/logboek.html",
        v,
        document=document,
        regels=getoond,
        totaal=len(regels),
        soorten=soorten,
        mensen=mensen,
        gekozen_soort=soort,
        gekozen_wie=wie,
        verificatie=verificatie,
    )
