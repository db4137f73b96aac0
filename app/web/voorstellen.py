"""A tekstvoorstel thread as a page: every wording for the passage side by side with its word
diff against the current text, the reactions and the history, and the actions each user may
take (asked of the authorisation matrix and the proposal transition table)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlmodel import col, select

from app.deps import Verzoek, leesverzoek, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.models import Document
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers import service as gebruikers_service
from app.gebruikers.models import Gebruiker
from app.problemen import OngeldigeInvoer
from app.tekstvoorstellen import service
from app.tekstvoorstellen.models import Besluit, Tekstvoorstel
from app.tekstvoorstellen.schemas import BesluitNieuw, ReactieNieuw
from app.tekstvoorstellen.views import leesbaar_voorstel, voorstel_voor
from app.web.hulp import OORDEEL, VOORSTELSTATUS, kan, leeg_is_niets, pagina, terug, valideer, weigering
from workflow import aaneenvoegen, diff
from workflow import voorstellen as regels
from workflow.autorisatie import Actie
from workflow.handelingen import Handeling, Stand, overnemen_bezwaren
from workflow.statussen import OPEN_VOORSTEL, VoorstelGebeurtenis

router = APIRouter()

_CONTEXT = 300  # at most this many characters of context on each side of a passage


def _context_grenzen(tekst: str, start: int, eind: int) -> tuple[int, int]:
    """The sentence(s) around [start, eind): from the start of the sentence the passage is in
    (or, for an insertion right after a full stop, of the sentence before it) to the end of the
    sentence where the passage ends."""
    links = max(0, start - _CONTEXT)
    zin = tekst.rfind(". ", links, max(links, start - 2))
    alinea = tekst.rfind("\n", links, start)
    begin = max(zin + 2 if zin >= 0 else links, alinea + 1 if alinea >= 0 else links)
    if begin == links and links > 0:
        spatie = tekst.find(" ", links, start)
        begin = spatie + 1 if spatie >= 0 else links
    rechts = min(len(tekst), eind + _CONTEXT)
    einde = tekst.find(". ", eind, rechts)
    regel = tekst.find("\n", eind, rechts)
    kandidaten = [x for x in (einde + 1 if einde >= 0 else -1, regel if regel >= 0 else -1) if x >= 0]
    slot = min(kandidaten) if kandidaten else rechts
    if slot == rechts and rechts < len(tekst):
        spatie = tekst.rfind(" ", eind, rechts)
        slot = spatie if spatie > eind else rechts
    return begin, max(slot, eind)


def _passage_weergave(tekst: str, plek) -> dict:
    begin, einde = _context_grenzen(tekst, plek.start, plek.eind)
    return {
        "voor": tekst[begin : plek.start],
        "passage": tekst[plek.start : plek.eind],
        "na": tekst[plek.eind : einde],
        "afgekapt_voor": begin > 0,
        "afgekapt_na": einde < len(tekst),
        "begin": begin,
        "einde": einde,
    }


def voorbeeld(tekst: str, start: int, oorspronkelijk: str, formulering: str) -> dict:
    """The sentence as it will read once `formulering` replaces `oorspronkelijk` at `start`:
    joined by the domain rule (workflow.aaneenvoegen), with its sentence(s) around it."""
    passend = aaneenvoegen.in_tekst(tekst, start, oorspronkelijk, formulering)
    nieuw = tekst[:start] + passend + tekst[start + len(oorspronkelijk) :]
    weergave = _passage_weergave(nieuw, regels.als_wijziging(start, passend, passend))
    return weergave | {"nieuw": weergave["passage"], "aangepast": passend != formulering}


def _diff_in_context(tekst: str, begin: int, einde: int, plek) -> str:
    oud = tekst[begin:einde]
    nieuw = tekst[begin : plek.start] + plek.tekst + tekst[plek.eind : einde]
    return diff.diff_html(diff.woord_diff(oud, nieuw))


def _geschiedenis(sessie, document: Document, leden: list[Tekstvoorstel]) -> list[dict]:
    """The thread's events from the document's hash-chained log, in Dutch."""
    ids = {lid.id for lid in leden}
    draad_id = leden[0].draad_id
    rijen = []
    for g in gebeurtenissen.lijst(sessie, gebeurtenissen.document_keten(document.id)):
        gegevens = json.loads(g.gegevens)
        if gegevens.get("tekstvoorstel") in ids or gegevens.get("draad") == draad_id:
            rijen.append((g, gegevens))
    actor_ids = {int(g.actor.split("/")[1]) for g, _ in rijen if g.actor.startswith("gebruiker/")}
    personen = gebruikers_service.bij_ids(sessie, actor_ids)

    def wie(actor: str) -> str:
        if actor.startswith("gebruiker/"):
            p = personen.get(int(actor.split("/")[1]))
            return f"{p.naam} ({p.departement})" if p else actor
        return "Systeem"

    uit = []
    for g, d in rijen:
        nr = d.get("tekstvoorstel")
        if g.soort == "tekstvoorstel_ingediend":
            wat = f"diende voorstel {nr} in"
        elif g.soort == "reactie_gegeven":
            wat = f"reageerde op voorstel {nr}: {OORDEEL.get(d.get('oordeel'), d.get('oordeel'))}"
            if d.get("tegenvoorstel"):
                wat += f" (tegenvoorstel {d['tegenvoorstel']})"
        elif g.soort == "draad_geescaleerd":
            wat = (
                "escaleerde de draad naar de bewindspersoon"
                if g.actor != "systeem"
                else ("De draad is geëscaleerd: " + str(d.get("reden", "")))
            )
        elif g.soort == "besluit_genomen":
            wat = "besloot: " + (f"voorstel {d['gekozen']} gekozen" if d.get("gekozen") else "eigen formulering")
        elif g.soort == "tekstvoorstel_overgenomen":
            wat = f"nam voorstel {nr} over in de tekst"
        elif g.soort == "tekstvoorstel_afgewezen":
            wat = f"wees voorstel {nr} af"
        elif g.soort == "tekstvoorstel_ingetrokken":
            wat = f"trok voorstel {nr} in"
        elif g.soort == "tekstvoorstel_vervallen":
            wat = f"Voorstel {nr} is vervallen ({d.get('reden', 'passage overschreven')})"
        else:
            wat = g.soort.replace("_", " ")
        uit.append(
            {
                "tijdstip": g.tijdstip,
                "wie": wie(g.actor) if g.actor != "systeem" else "",
                "wat": wat,
                "toelichting": d.get("toelichting"),
            }
        )
    return uit


def draadpagina_context(v: Verzoek, voorstel: Tekstvoorstel) -> dict:
    sessie = v.sessie
    document = documenten.haal(sessie, voorstel.document_id)
    leden = service.draad(sessie, voorstel)
    uit = {u["id"]: u for u in service.als_uit(sessie, leden)}
    teksten = service.Teksten(sessie)
    sectie = teksten.sectie(voorstel.sectie_id)
    wortel = next(lid for lid in leden if lid.id == voorstel.draad_id)
    plek_wortel = teksten.plek(wortel)
    if plek_wortel is not None:
        passage = _passage_weergave(sectie.tekst, plek_wortel)
    else:
        passage = None
    eigen_dep = v.gebruiker.departement

    per_id = {lid.id: lid for lid in leden}
    kolommen = []
    for lid in leden:
        u = uit[lid.id]
        ind = {"indiener_departement": lid.departement}
        plek = teksten.plek(lid) if lid.status in OPEN_VOORSTEL else None
        if plek is not None and passage is not None:
            verschil = _diff_in_context(sectie.tekst, passage["begin"], passage["einde"], plek)
            tegen_actueel = True
        else:
            # Closed, or its passage changed meanwhile: the diff against the version it was made on.
            basis = teksten.versie(lid.sectie_id, lid.basisversie)
            wijziging = regels.als_wijziging(lid.positie, lid.oorspronkelijk, lid.voorgesteld)
            p = _passage_weergave(basis, wijziging)
            verschil = _diff_in_context(basis, p["begin"], p["einde"], wijziging)
            tegen_actueel = False
        # Each button asks workflow.handelingen, as the API does: who, the statuses, the guards.
        stand = Stand(document.status, lid.status)
        bewaakt = Stand(document.status, lid.status, bezwaren=overnemen_bezwaren(u["open_bezwaren"], u["passage_actueel"]))
        overnemen = weigering(v, Handeling.OVERNEMEN, document, bewaakt)
        eigen = [r for r in u["reacties"] if r["actueel"] and r["departement"] == eigen_dep]
        kolommen.append(
            {
                "lid": lid,
                "uit": u,
                "verschil": verschil,
                "tegen_actueel": tegen_actueel,
                "open": lid.status in OPEN_VOORSTEL,
                "reageren": kan(v, Handeling.REAGEREN, document, stand, **ind),
                "tegenvoorstel": kan(v, Handeling.TEGENVOORSTEL, document, stand, **ind),
                "overnemen": overnemen is None or overnemen.bewaking,
                "overnemen_blokkade": overnemen.reden if overnemen is not None and overnemen.bewaking else None,
                "afwijzen": kan(v, Handeling.AFWIJZEN, document, stand),
                "intrekken": kan(v, Handeling.INTREKKEN, document, stand, **ind),
                "eigen_reactie": eigen[-1] if eigen else None,
                # A counter-proposal: what it changes in the wording it answers.
                "verschil_met_ouder": diff.diff_html(diff.woord_diff(per_id[lid.reactie_op].voorgesteld, lid.voorgesteld))
                if lid.reactie_op in per_id
                else None,
            }
        )
    escaleren = next((lid for lid in leden if kan(v, Handeling.ESCALEREN, document, Stand(document.status, lid.status))), None)
    besluiten = next((lid for lid in leden if kan(v, Handeling.BESLUITEN, document, Stand(document.status, lid.status))), None)
    besluit = sessie.exec(select(Besluit).where(Besluit.draad_id == wortel.id).order_by(col(Besluit.id).desc())).first()
    besluit_door = sessie.get(Gebruiker, besluit.gebruiker_id) if besluit else None

    # Open proposals of other threads over the same passage: competing too.
    andere_ids = sorted({i for u in uit.values() for i in u["concurrerend_met"]} - set(uit))
    andere = service.als_uit(sessie, [service.haal(sessie, i) for i in andere_ids]) if andere_ids else []
    open_kolommen = [k for k in kolommen if k["open"]]
    return {
        "document": document,
        "sectie": sectie,
        "voorstel": voorstel,
        "wortel": wortel,
        "passage": passage,
        "kolommen": open_kolommen + [k for k in kolommen if not k["open"]],
        "aantal_open": len(open_kolommen),
        "escaleren": escaleren,
        "besluiten": besluiten,
        "besluit": besluit,
        "besluit_door": besluit_door,
        "andere": andere,
        "geschiedenis": _geschiedenis(sessie, document, leden),
        "statuslabels": VOORSTELSTATUS,
        "termijn": min((lid.reactietermijn for lid in leden if lid.status in OPEN_VOORSTEL and lid.reactietermijn), default=None),
        "nu": v.klok.nu(sessie),
    }


@router.get("/tekstvoorstellen/{tekstvoorstel_id}", response_class=HTMLResponse)
def draadpagina(request: Request, voorstel: Tekstvoorstel = Depends(leesbaar_voorstel), v: Verzoek = Depends(leesverzoek)):
    return pagina(request, "web/draad.html", v, **draadpagina_context(v, voorstel))


def _naar_draad(request: Request, voorstel_id: int, melding: str):
    return terug(f"/tekstvoorstellen/{voorstel_id}", melding)


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/reacties")
def reageer(
    request: Request,
    oordeel: str = Form(""),
    toelichting: str = Form(""),
    voorgesteld: str = Form(""),
    doel=Depends(voorstel_voor(Actie.REAGEREN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    document, voorstel = doel
    invoer = valideer(
        ReactieNieuw,
        oordeel=oordeel,
        toelichting=leeg_is_niets(toelichting),
        # Only a tegenvoorstel carries a wording; the other buttons share the form.
        voorgesteld=voorgesteld if oordeel == "tegenvoorstel" and voorgesteld != "" else None,
    )
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
    return _naar_draad(request, voorstel.id if invoer.oordeel != "tegenvoorstel" else resultaat.id, invoer.oordeel)


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/overnemen")
def neem_over(request: Request, doel=Depends(voorstel_voor(Actie.OVERNEMEN)), v: Verzoek = Depends(schrijfverzoek)):
    voorstel = service.neem_over(v.sessie, v.gebruiker, *doel, v.klok)
    return _naar_draad(request, voorstel.id, "overgenomen")


def _bevestig(
    request: Request,
    v: Verzoek,
    document: Document,
    voorstel: Tekstvoorstel,
    *,
    actie: str,
    titel: str,
    knop: str,
    uitleg: list[str],
    velden: dict | None = None,
    voorbeeld_: dict | None = None,
):
    """The confirmation step (works without JavaScript): a page that says what will happen and
    posts the same form once more with bevestigd=1. Nothing is written on this step."""
    v.sessie.rollback()
    document = documenten.haal(v.sessie, document.id)
    return pagina(
        request,
        "web/bevestigen.html",
        v,
        document=document,
        titel=titel,
        uitleg=uitleg,
        ondertekening=None,
        voorbeeld=voorbeeld_,
        actie=f"/tekstvoorstellen/{voorstel.id}/{actie}",
        velden=velden or {},
        knop=knop,
        terug_pad=f"/tekstvoorstellen/{voorstel.id}",
    )


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/afwijzen")
def wijs_af(
    request: Request, bevestigd: str = Form(""), doel=Depends(voorstel_voor(Actie.AFWIJZEN)), v: Verzoek = Depends(schrijfverzoek)
):
    document, voorstel = doel
    if bevestigd != "1":
        service.eis_stap(voorstel, VoorstelGebeurtenis.AFWIJZEN)
        return _bevestig(
            request,
            v,
            document,
            voorstel,
            actie="afwijzen",
            titel=f"Voorstel {voorstel.id} afwijzen",
            knop=f"Ja, voorstel {voorstel.id} afwijzen",
            uitleg=[
                f"U wijst het tekstvoorstel van {voorstel.departement} af. De tekst blijft zoals hij is; dit wordt vastgelegd in het logboek."
            ],
        )
    voorstel = service.wijs_af(v.sessie, v.gebruiker, *doel, v.klok)
    return _naar_draad(request, voorstel.id, "afgewezen")


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/intrekken")
def trek_in(
    request: Request,
    bevestigd: str = Form(""),
    doel=Depends(voorstel_voor(Actie.INTREKKEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    document, voorstel = doel
    if bevestigd != "1":
        service.eis_stap(voorstel, VoorstelGebeurtenis.INTREKKEN)
        return _bevestig(
            request,
            v,
            document,
            voorstel,
            actie="intrekken",
            titel=f"Voorstel {voorstel.id} intrekken",
            knop=f"Ja, voorstel {voorstel.id} intrekken",
            uitleg=["U trekt uw tekstvoorstel in. Het kan daarna niet meer worden overgenomen."],
        )
    voorstel = service.trek_in(v.sessie, v.gebruiker, *doel, v.klok)
    return _naar_draad(request, voorstel.id, "ingetrokken")


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/escaleren")
def escaleer(
    request: Request,
    bevestigd: str = Form(""),
    doel=Depends(voorstel_voor(Actie.ESCALEREN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    document, voorstel = doel
    if bevestigd != "1":
        service.eis_stap(voorstel, VoorstelGebeurtenis.ESCALEREN)
        return _bevestig(
            request,
            v,
            document,
            voorstel,
            actie="escaleren",
            titel="Escaleren naar de bewindspersoon",
            knop="Ja, escaleren naar de bewindspersoon",
            uitleg=[
                "U legt het geschil over deze passage voor aan de bewindspersoon. Daarna beslist alleen de bewindspersoon: "
                "de voorstellen kunnen niet meer worden overgenomen of afgewezen, en de passage kan niet meer worden bewerkt."
            ],
        )
    voorstel = service.escaleer(v.sessie, v.gebruiker, *doel, v.klok)
    return _naar_draad(request, voorstel.id, "geescaleerd")


@router.post("/tekstvoorstellen/{tekstvoorstel_id}/besluit")
def besluit(
    request: Request,
    keuze: str = Form(""),
    tekst: str = Form(""),
    toelichting: str = Form(""),
    actie: str = Form(""),
    bevestigd: str = Form(""),
    doel=Depends(voorstel_voor(Actie.BESLUITEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    document, voorstel = doel
    if actie == "voorbeeld":  # show the sentence as it will read; nothing is written
        v.sessie.rollback()
        ctx = draadpagina_context(v, voorstel)
        wortel = ctx["wortel"]
        basis = service.Teksten(v.sessie).versie(wortel.sectie_id, wortel.basisversie)
        ctx["besluit_voorbeeld"] = voorbeeld(basis, wortel.positie, wortel.oorspronkelijk, tekst) if tekst.strip() else None
        ctx["besluit_invoer"] = {"keuze": keuze, "tekst": tekst, "toelichting": toelichting}
        return pagina(request, "web/draad.html", v, **ctx)
    gekozen = keuze.removeprefix("voorstel-") if keuze.startswith("voorstel-") else None
    invoer = valideer(
        BesluitNieuw,
        gekozen=gekozen,
        tekst=tekst if keuze == "eigen" and tekst != "" else None,
        toelichting=leeg_is_niets(toelichting),
    )
    if bevestigd != "1":
        service.eis_stap(voorstel, VoorstelGebeurtenis.BESLUIT)
        leden = service.draad(v.sessie, voorstel)
        wortel = next(lid for lid in leden if lid.id == voorstel.draad_id)
        if invoer.gekozen is not None:
            keuze_lid = next((lid for lid in leden if lid.id == invoer.gekozen), None)
            if keuze_lid is None:
                raise OngeldigeInvoer(f"Voorstel {invoer.gekozen} hoort niet bij deze draad.", veld="gekozen")
            formulering, wat = keuze_lid.voorgesteld, f"de formulering van voorstel {keuze_lid.id} ({keuze_lid.departement})"
        else:
            formulering, wat = invoer.tekst or "", "uw eigen formulering"
        basis = service.Teksten(v.sessie).versie(wortel.sectie_id, wortel.basisversie)
        return _bevestig(
            request,
            v,
            document,
            voorstel,
            actie="besluit",
            titel="Besluit vastleggen",
            knop="Ja, besluit vastleggen",
            uitleg=[
                f"U besluit het geschil met {wat}. Die komt zo in de tekst; alle open voorstellen van deze draad worden besloten."
            ],
            velden={"keuze": keuze, "tekst": tekst, "toelichting": toelichting},
            voorbeeld_=voorbeeld(basis, wortel.positie, wortel.oorspronkelijk, formulering),
        )
    service.besluit(
        v.sessie,
        v.gebruiker,
        document,
        voorstel,
        gekozen=invoer.gekozen,
        tekst=invoer.tekst,
        toelichting=invoer.toelichting,
        klok=v.klok,
    )
    return _naar_draad(request, voorstel.id, "besloten")
