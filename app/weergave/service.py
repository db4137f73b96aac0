"""From the database to the plain render model (app.weergave.model): the document at a
revisie, the beslisnota's blocks from the live workflow state of its kamerbrief, the Woo
context (the service's own civil servants), and the version steps between two revisies."""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, select

from app.afstemming import toestand
from app.documenten import service as documenten
from app.documenten.models import Document, Sectie, SectieVersie
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.problemen import OngeldigeInvoer
from app.schemas import AMSTERDAM
from app.stukken import leden as setleden
from app.stukken import service as stukken
from app.tekstvoorstellen.models import Besluit, Tekstvoorstel
from app.tekstvoorstellen.service import Teksten
from app.weergave.model import (
    AfhankelijkheidPunt,
    AfstemmingRegel,
    AfwijkingRegel,
    BeslisnotaBlokken,
    BeslispuntWeergave,
    DocumentWeergave,
    NbBesluit,
    NbPunt,
    NbVoorstel,
    ParafRegel,
    SectieStap,
    SectieWeergave,
    SectieWijzigingen,
    WijzigingenWeergave,
    WooContext,
)
from app.weergave.opbouw import korte_naam, tijdstip_nl
from workflow import beslispunten as puntregels
from workflow.autorisatie import Actor, Rol
from workflow.departementen import DEPARTEMENTEN, MINISTER_VAN
from workflow.statussen import OPEN_VOORSTEL, VoorstelStatus
from workflow.stukken import AFHANKELIJKHEID_VERVALLEN

# --- the document -------------------------------------------------------------------------------


def _datum(document: Document, nu: datetime):
    return document.datum or nu.astimezone(AMSTERDAM).date()


def document_weergave(
    session: Session, document: Document, nu: datetime, revisie: int | None = None, actor: Actor | None = None
) -> DocumentWeergave:
    """`actor`: who will read it. A beslisnota shows its letter's live state only to someone
    who may read the letter (docs/api.md, Stukken)."""
    if revisie is None or revisie == document.revisie:
        secties = [SectieWeergave(s.kop, s.niveau, s.tekst) for s in documenten.secties(session, document.id)]
        revisie = document.revisie
    else:
        secties = [SectieWeergave(v.kop, v.niveau, v.tekst) for v in documenten.secties_op_revisie(session, document, revisie)]
    return DocumentWeergave(
        id=document.id,
        soort=document.soort,
        titel=document.titel,
        kenmerk=document.kenmerk,
        datum=_datum(document, nu),
        revisie=revisie,
        penvoerder=document.penvoerder,
        penvoerder_naam=DEPARTEMENTEN[document.penvoerder],
        ondertekenaar=document.ondertekenaar,
        ondertekenaar_functie=document.ondertekenaar_functie or f"De minister van {MINISTER_VAN[document.penvoerder]}",
        mede_namens=list(document.mede_namens),
        mede_namens_namen=[DEPARTEMENTEN[c] for c in document.mede_namens],
        bijlagen=list(document.bijlagen),
        secties=secties,
        status=document.status,
        blokken=beslisnota_blokken(session, document, nu, actor),
        beslispunten=beslispunten_weergave(session, document, secties),
    )


def beslispunten_weergave(session: Session, nota: Document, secties: list[SectieWeergave]) -> list[BeslispuntWeergave]:
    """The points of the rendered text, each with the minister's besluit if it was given on
    that wording (workflow.beslispunten)."""
    if nota.soort != "beslisnota":
        return []
    punten = puntregels.uit_secties((s.kop, s.tekst) for s in secties)
    besluiten = stukken.actuele_besluiten(session, nota.id)
    namen = gebruikers.namen(session, {b.gebruiker_id for b in besluiten.values()})
    uit = []
    for punt in punten:
        b = besluiten.get(punt.nummer)
        if b is not None and puntregels.geldig_besluit(b.tekst, punt.tekst):
            uit.append(
                BeslispuntWeergave(punt.nummer, punt.tekst, b.besluit, b.aantekening, namen.get(b.gebruiker_id), b.tijdstip)
            )
        else:
            uit.append(BeslispuntWeergave(punt.nummer, punt.tekst))
    return uit


# --- the beslisnota's generated blocks ------------------------------------------------------------

_ZINSEINDE = re.compile(r"[.!?](?=\s|$)")


def _context(tekst: str, start: int, eind: int) -> tuple[str, str]:
    """The text before a passage from the start of its paragraph (at most two sentences), and
    after it to the end of its sentence: enough to quote it as "(…) context passage context"."""
    alinea_start = tekst.rfind("\n\n", 0, start)
    voor = tekst[alinea_start + 2 if alinea_start >= 0 else 0 : start]
    zinnen = [m.end() for m in _ZINSEINDE.finditer(voor)]
    if len(zinnen) > 2:
        voor = voor[zinnen[-3] :]
    na = tekst[eind:]
    einde = _ZINSEINDE.search(na)
    alinea_eind = na.find("\n\n")
    grens = min(x for x in (einde.end() if einde else len(na), alinea_eind if alinea_eind >= 0 else len(na)))
    return voor.strip(), na[:grens].rstrip()


def _samenvatting(leden: list[Tekstvoorstel], reacties: dict, termijn: datetime | None, besloten: bool = False) -> str:
    """The NB point's opening sentences, as a nota states a dispute: in the present while it
    runs, in the past once the bewindspersoon decided it."""
    wortel = leden[0]
    deps = []
    for v in leden:
        if v.departement not in deps:
            deps.append(v.departement)
    for r in (r for rs in reacties.values() for r in rs):
        if r.departement not in deps:
            deps.append(r.departement)
    namen = [korte_naam(d) for d in deps]
    is_ = "was" if besloten else "is"
    zinnen = []
    if len(namen) > 1:
        zinnen.append(
            f"Tussen {', '.join(namen[:-1])} en {namen[-1]} "
            + ("bestond verschil van inzicht over een passage." if besloten else "wordt nog afgestemd over een passage.")
        )
    else:
        zinnen.append(
            f"{namen[0]} heeft een tekstvoorstel gedaan waarover "
            + ("geen overeenstemming werd bereikt." if besloten else "nog geen overeenstemming is.")
        )
    per_id = {v.id: v for v in leden}
    for v in leden:
        for r in reacties.get(v.id, []):
            if r.oordeel == "niet_akkoord":
                zinnen.append(
                    f"{korte_naam(r.departement)} {is_} niet akkoord met het tekstvoorstel van {korte_naam(v.departement)}."
                )
            elif r.oordeel == "tegenvoorstel" and r.tegenvoorstel_id in per_id:
                tegen = per_id[r.tegenvoorstel_id]
                beantwoord = any(x.departement == v.departement for x in reacties.get(tegen.id, []))
                zinnen.append(
                    f"{korte_naam(r.departement)} {is_} niet akkoord met het tekstvoorstel van {korte_naam(v.departement)} "
                    f"en {'deed' if besloten else 'heeft'} een tegenvoorstel{'' if besloten else ' gedaan'}"
                    + ("." if beantwoord or besloten else f" dat nu bij {korte_naam(v.departement)} voorligt.")
                )
            elif r.oordeel == "akkoord":
                zinnen.append(f"{korte_naam(r.departement)} {is_} akkoord met het tekstvoorstel van {korte_naam(v.departement)}.")
    if besloten:
        zinnen.append("Het geschil is ter besluitvorming aan de bewindspersoon voorgelegd.")
    elif any(v.status == VoorstelStatus.GEESCALEERD for v in leden):
        zinnen.append(
            "Het geschil is geëscaleerd: u wordt gevraagd te kiezen tussen de formuleringen of een eigen formulering vast te stellen."
        )
    elif termijn is not None:
        wacht_op = korte_naam(wortel.departement) if len(leden) > 1 else "de betrokken departementen"
        zinnen.append(f"Uiterlijk {tijdstip_nl(termijn)} laat {wacht_op} weten of de formulering akkoord is.")
    return " ".join(zinnen)


def nb_punten(session: Session, kamerbrief: Document) -> list[NbPunt]:
    """One NB point per open, escalated or decided thread of the kamerbrief, in order of
    filing. A decided thread stays as the record of the decision; a thread that ended any
    other way (withdrawn, rejected, adopted, lapsed) is not an open point and does not appear."""
    teksten = Teksten(session)
    besluiten = {
        b.draad_id: b
        for b in session.exec(
            select(Besluit)
            .join(Tekstvoorstel, Tekstvoorstel.id == Besluit.draad_id)
            .where(Tekstvoorstel.document_id == kamerbrief.id)
            .order_by(Besluit.id)
        )
    }
    namen = gebruikers.namen(session, {b.gebruiker_id for b in besluiten.values()})
    punten = []
    for draad_id, leden in toestand.draden(session, kamerbrief.id).items():
        open_leden = [v for v in leden if v.status in OPEN_VOORSTEL]
        besluit = besluiten.get(draad_id)
        if not open_leden and besluit is None:
            continue
        besloten = not open_leden
        getoond = open_leden or [v for v in leden if v.status == VoorstelStatus.BESLOTEN]
        wortel = leden[0]
        reacties = toestand.actuele_reacties(session, [v.id for v in leden])
        sectie = teksten.sectie(wortel.sectie_id)
        plek = None if besloten else teksten.plek(wortel)
        if plek is not None:
            tekst, start, eind = sectie.tekst, plek.start, plek.eind
        else:
            # The passage as it stood when proposed (a decided one has been rewritten since).
            tekst = teksten.versie(sectie.id, wortel.basisversie)
            start, eind = wortel.positie, wortel.positie + len(wortel.oorspronkelijk)
        voor, na = _context(tekst, start, eind)
        if start == eind:
            # An insertion: the quote ends where the new wording would go.
            na = ""
        termijnen = [v.reactietermijn for v in open_leden if v.reactietermijn is not None]
        termijn = min(termijnen) if termijnen else None
        if besloten:
            status = "besloten"
        elif any(v.status == VoorstelStatus.GEESCALEERD for v in open_leden):
            status = "geescaleerd"
        else:
            status = "open"
        gekozen = next((v for v in leden if besluit is not None and v.id == besluit.gekozen_id), None)
        punten.append(
            NbPunt(
                sectie_kop=sectie.kop,
                context_voor=voor,
                passage=tekst[start:eind],
                context_na=na,
                voorstellen=[
                    NbVoorstel(
                        departement=v.departement,
                        departement_naam=DEPARTEMENTEN[v.departement],
                        tekst=v.voorgesteld.strip(),
                        status=v.status,
                        reactietermijn=v.reactietermijn,
                    )
                    for v in getoond
                ],
                status=status,
                # Only a running dispute has a termijn: an escalated one is with the minister.
                reactietermijn=termijn if status == "open" else None,
                samenvatting=_samenvatting(leden, reacties, termijn, besloten=besloten),
                besluit=NbBesluit(
                    door=namen.get(besluit.gebruiker_id),
                    tijdstip=besluit.tijdstip,
                    tekst=besluit.tekst.strip(),
                    gekozen_departement=gekozen.departement if gekozen else None,
                    toelichting=besluit.toelichting,
                )
                if besloten and besluit is not None
                else None,
            )
        )
    return punten


def afhankelijkheid_punten(session: Session, brief: Document) -> list[AfhankelijkheidPunt]:
    """The letter's afhankelijkheden for the nota: open ones as NB points, fulfilled ones on
    record; dropped ones (vervallen) no longer concern the minister."""
    uit = []
    for a in stukken.afhankelijkheden(session, brief):
        status = stukken.status_van(session, a, brief)
        if status == AFHANKELIJKHEID_VERVALLEN:
            continue
        doel = session.get(Document, a.doel_document_id) if a.doel_document_id is not None else None
        uit.append(
            AfhankelijkheidPunt(
                omschrijving=a.omschrijving,
                status=status,
                verwacht_op=a.verwacht_op,
                document_titel=doel.titel if doel is not None else None,
                document_penvoerder=doel.penvoerder if doel is not None else None,
                vereiste_status=a.vereiste_status if doel is not None else None,
                toelichting=a.toelichting,
                afgehandeld_op=a.afgehandeld_op or (doel.vastgesteld_op if doel is not None else None),
            )
        )
    return uit


def beslisnota_blokken(
    session: Session, document: Document, nu: datetime, actor: Actor | None = None
) -> BeslisnotaBlokken | None:
    if document.soort != "beslisnota" or document.gekoppeld_aan is None:
        return None
    brief = session.get(Document, document.gekoppeld_aan)
    if brief is None or brief.soort != "kamerbrief":
        return None
    if actor is not None and not documenten.leesbaar(session, actor, brief):
        # A nota never shows a letter's live state to someone who may not read the letter.
        return None
    ronde = toestand.laatste_ronde(session, brief.id)
    afstemming, ronde_status = [], None
    if ronde is not None:
        oordelen = {o.departement: o for o in toestand.actuele_oordelen(session, ronde.id)}
        ronde_status = toestand.rondestatus(ronde, list(oordelen.values()), brief, nu)
        for code in ronde.departementen:
            o = oordelen.get(code)
            afstemming.append(
                AfstemmingRegel(
                    departement=code,
                    departement_naam=DEPARTEMENTEN[code],
                    oordeel=o.oordeel if o else None,
                    tijdstip=o.tijdstip if o else None,
                    geldig=bool(o) and toestand.oordeel_geldig(o, brief),
                    opmerkingen=o.opmerkingen if o else None,
                )
            )
    # The parafen go on the whole set, so the nota shows the letter's parafenlijn.
    kop = setleden.hoofd(session, document)
    geldig = toestand.geldige_parafen(session, kop)
    namen = gebruikers.namen(session, {p.gebruiker_id for p in geldig.values()})
    parafen = [
        ParafRegel(
            niveau=niveau,
            naam=namen.get(geldig[niveau].gebruiker_id) if niveau in geldig else None,
            tijdstip=geldig[niveau].tijdstip if niveau in geldig else None,
            geldig=niveau in geldig,
        )
        for niveau in kop.parafenlijn
    ]
    afwijkingen = stukken.afwijkingen(session, brief)
    door = gebruikers.namen(session, {a.gebruiker_id for a in afwijkingen})
    return BeslisnotaBlokken(
        kamerbrief_titel=brief.titel,
        nb_punten=nb_punten(session, brief),
        afstemming=afstemming,
        ronde_status=ronde_status,
        ronde_termijn=ronde.termijn if ronde else None,
        parafen=parafen,
        afhankelijkheden=afhankelijkheid_punten(session, brief),
        afwijkingen=[
            AfwijkingRegel(
                a.departement, DEPARTEMENTEN.get(a.departement, a.departement), a.reden, door.get(a.gebruiker_id), a.tijdstip
            )
            for a in afwijkingen
        ],
        # Dissent the table above does not show: departments left out of the latest ronde.
        standhoudend=[
            d.tekst for d in stukken.dissent(session, brief) if d.departement not in (ronde.departementen if ronde else [])
        ]
        if brief.status not in ("vastgesteld", "verzonden")
        else [],
    )


# --- Woo ------------------------------------------------------------------------------------------


def woo_context(session: Session) -> WooContext:
    """Every registered user but a bewindspersoon is a civil servant whose name, e-mail
    address and phone number the publication version withholds."""
    gebruikers_ = list(session.exec(select(Gebruiker)))
    ambtenaren = [g for g in gebruikers_ if Rol.BEWINDSPERSOON.value not in g.rollen]
    return WooContext(
        ambtenaren_namen=[g.naam for g in ambtenaren],
        ambtenaren_emails=[g.email for g in ambtenaren],
        ambtenaren_telefoons=[g.telefoon for g in ambtenaren if g.telefoon],
        publieke_namen=[g.naam for g in gebruikers_ if Rol.BEWINDSPERSOON.value in g.rollen],
    )


# --- tracked changes ------------------------------------------------------------------------------


def wijzigingen_weergave(
    session: Session, document: Document, van: int, tot: int, nu: datetime, actor: Actor | None = None
) -> WijzigingenWeergave:
    if not 1 <= van <= document.revisie:
        raise OngeldigeInvoer(f"Revisie {van} bestaat niet (de laatste is {document.revisie}).", veld="van")
    if not 1 <= tot <= document.revisie:
        raise OngeldigeInvoer(f"Revisie {tot} bestaat niet (de laatste is {document.revisie}).", veld="tot")
    if van > tot:
        raise OngeldigeInvoer("'van' moet een eerdere revisie zijn dan 'tot'.", veld="van")
    versies = list(
        session.exec(
            select(SectieVersie)
            .join(Sectie, Sectie.id == SectieVersie.sectie_id)
            .where(Sectie.document_id == document.id, SectieVersie.revisie <= tot)
            .order_by(SectieVersie.sectie_id, SectieVersie.versie)
        )
    )
    namen = gebruikers.namen(session, {v.auteur_id for v in versies if v.auteur_id is not None})
    posities = {s.id: s.positie for s in documenten.secties(session, document.id)}
    per_sectie: dict[int, list[SectieVersie]] = {}
    for v in versies:
        per_sectie.setdefault(v.sectie_id, []).append(v)
    secties = []
    for sectie_id in sorted(per_sectie, key=lambda i: posities[i]):
        rij = per_sectie[sectie_id]
        voor = [v for v in rij if v.revisie <= van]
        na = [v for v in rij if v.revisie > van]
        secties.append(
            SectieWijzigingen(
                van=SectieWeergave(voor[-1].kop, voor[-1].niveau, voor[-1].tekst) if voor else None,
                stappen=[
                    SectieStap(
                        sectie=SectieWeergave(v.kop, v.niveau, v.tekst),
                        auteur=namen.get(v.auteur_id, "Paraaf"),
                        tijdstip=v.tijdstip,
                    )
                    for v in na
                ],
            )
        )
    return WijzigingenWeergave(
        document=document_weergave(session, document, nu, tot, actor),
        van_revisie=van,
        tot_revisie=tot,
        secties=secties,
    )
