"""Tekstvoorstellen: filing, reacting, counter-proposals, adopting, rejecting, withdrawing,
escalating and deciding. Every function works on a document its route has locked and
authorised, asks the transition tables whether the step may happen now, writes, appends an
event and commits; a refused step writes nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlmodel import Session, col, select

from app.afstemming import toestand
from app.db import Klok
from app.documenten import service as documenten
from app.documenten.models import Document, Sectie
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers import service as gebruikers
from app.gebruikers.models import Gebruiker
from app.problemen import Conflict, NietGevonden, OngeldigeInvoer, Verboden, eis_basisversie
from app.tekstvoorstellen.models import Besluit, Reactie, Tekstvoorstel
from workflow import aaneenvoegen, handelingen
from workflow import voorstellen as regels
from workflow.autorisatie import Actie, Actor, reden_tegen
from workflow.diff import Wijziging
from workflow.keten import tijdstempel
from workflow.statussen import (
    OPEN_VOORSTEL,
    TEKSTVOORSTEL,
    DocGebeurtenis,
    Overgang,
    VoorstelGebeurtenis,
    VoorstelStatus,
)
from workflow.statussen import label as statuslabel
from workflow.tekst import normaliseer
from workflow.termijn import termijn_fout
from workflow.woo import nieuwe_markeringsfout

# --- reading ----------------------------------------------------------------------------------


def haal(session: Session, voorstel_id: int) -> Tekstvoorstel:
    voorstel = session.get(Tekstvoorstel, voorstel_id)
    if voorstel is None:
        raise NietGevonden(f"Tekstvoorstel {voorstel_id} bestaat niet.")
    return voorstel


def draad(session: Session, voorstel: Tekstvoorstel) -> list[Tekstvoorstel]:
    return list(session.exec(select(Tekstvoorstel).where(Tekstvoorstel.draad_id == voorstel.draad_id).order_by(Tekstvoorstel.id)))


class Teksten:
    """Section texts by (section, version), fetched once per request."""

    def __init__(self, session: Session):
        self.session = session
        self._cache: dict[tuple[int, int], str] = {}
        self._secties: dict[int, Sectie] = {}
        self._overlap: dict[int, regels.Overlap] = {}

    def sectie(self, sectie_id: int) -> Sectie:
        if sectie_id not in self._secties:
            self._secties[sectie_id] = self.session.get(Sectie, sectie_id)
        return self._secties[sectie_id]

    def versie(self, sectie_id: int, nummer: int) -> str:
        sleutel = (sectie_id, nummer)
        if sleutel not in self._cache:
            sectie = self.sectie(sectie_id)
            self._cache[sleutel] = (
                sectie.tekst if nummer == sectie.versie else documenten.versie(self.session, sectie, nummer).tekst
            )
        return self._cache[sleutel]

    def overlap(self, sectie_id: int) -> regels.Overlap:
        """The overlap rule of this section, judged against its current version (one per
        section per request: it keeps where each passage stands in the current text)."""
        if sectie_id not in self._overlap:
            sectie = self.sectie(sectie_id)
            self._overlap[sectie_id] = regels.Overlap(sectie.versie, lambda nummer: self.versie(sectie_id, nummer))
        return self._overlap[sectie_id]

    def plek(self, voorstel: Tekstvoorstel) -> Wijziging | None:
        """The proposal as a change of the section's current text (None: passage changed)."""
        plek = self.overlap(voorstel.sectie_id).in_actueel(passage(voorstel))
        return None if plek is None else Wijziging(plek.start, plek.eind, voorstel.voorgesteld)


def passage(voorstel: Tekstvoorstel) -> regels.Passage:
    return regels.Passage(voorstel.basisversie, voorstel.positie, voorstel.positie + len(voorstel.oorspronkelijk))


def concurrerend(teksten: Teksten, voorstel: Tekstvoorstel, anderen: list[Tekstvoorstel]) -> list[int]:
    """Open proposals on the same section whose passage overlaps this one's (the one rule,
    workflow.voorstellen.Overlap, which lapsing asks too)."""
    overlap = teksten.overlap(voorstel.sectie_id)
    eigen = passage(voorstel)
    return [
        ander.id
        for ander in anderen
        if ander.id != voorstel.id
        and ander.sectie_id == voorstel.sectie_id
        and ander.status in OPEN_VOORSTEL
        and overlap.concurreren(eigen, passage(ander))
    ]


def als_uit(session: Session, voorstellen: list[Tekstvoorstel]) -> list[dict]:
    """Response bodies for proposals, with their reactions, competitors and objections."""
    if not voorstellen:
        return []
    teksten = Teksten(session)
    per_sectie: dict[int, list[Tekstvoorstel]] = {}
    for sectie_id in {v.sectie_id for v in voorstellen}:
        per_sectie[sectie_id] = list(
            session.exec(
                select(Tekstvoorstel).where(
                    Tekstvoorstel.sectie_id == sectie_id, col(Tekstvoorstel.status).in_(list(OPEN_VOORSTEL))
                )
            )
        )
    draden = {}
    for draad_id in {v.draad_id for v in voorstellen}:
        draden[draad_id] = list(session.exec(select(Tekstvoorstel).where(Tekstvoorstel.draad_id == draad_id)))
    alle_reacties = list(
        session.exec(select(Reactie).where(col(Reactie.tekstvoorstel_id).in_([v.id for v in voorstellen])).order_by(Reactie.id))
    )
    personen = gebruikers.bij_ids(session, {v.indiener_id for v in voorstellen} | {r.gebruiker_id for r in alle_reacties})
    bezwaren = {d: toestand.draad_bezwaren(session, leden) for d, leden in draden.items()}
    uit = []
    for v in voorstellen:
        uit.append(
            {
                **v.model_dump(),
                "document": v.document_id,
                "sectie": v.sectie_id,
                "draad": v.draad_id,
                "retour": v.retour_id,
                "indiener": gebruikers.persoon(personen.get(v.indiener_id)),
                "concurrerend_met": concurrerend(teksten, v, per_sectie[v.sectie_id]),
                "passage_actueel": teksten.plek(v) is not None,
                "open_bezwaren": bezwaren[v.draad_id] if v.status in OPEN_VOORSTEL else [],
                "reacties": [
                    {
                        **r.model_dump(),
                        "gebruiker": gebruikers.persoon(personen.get(r.gebruiker_id)),
                        "tegenvoorstel": r.tegenvoorstel_id,
                    }
                    for r in alle_reacties
                    if r.tekstvoorstel_id == v.id
                ],
            }
        )
    return uit


def lijst(
    session: Session, actor: Actor, *, document: Document | None, status: str | None, departement: str | None
) -> list[Tekstvoorstel]:
    query = select(Tekstvoorstel).order_by(Tekstvoorstel.id)
    if document is not None:
        query = query.where(Tekstvoorstel.document_id == document.id)
    if status:
        query = query.where(Tekstvoorstel.status == status)
    if departement:
        query = query.where(Tekstvoorstel.departement == departement)
    zichtbaar: dict[int, bool] = {}
    uit = []
    for voorstel in session.exec(query):
        if voorstel.document_id not in zichtbaar:
            doc = session.get(Document, voorstel.document_id)
            zichtbaar[doc.id] = reden_tegen(Actie.DOCUMENT_LEZEN, actor, documenten.context(session, doc)) is None
        if zichtbaar[voorstel.document_id]:
            uit.append(voorstel)
    return uit


# --- writing ----------------------------------------------------------------------------------


def eis_stap(voorstel: Tekstvoorstel, gebeurtenis: VoorstelGebeurtenis) -> None:
    """Ask the proposal table (409 with the current status and what is allowed), without taking
    the step: the actions ask it before they write, a confirmation page before it is shown."""
    try:
        TEKSTVOORSTEL.volgende(voorstel.status, gebeurtenis)
    except Overgang as e:
        raise Conflict(f"Tekstvoorstel {voorstel.id}: {e}", status_tekstvoorstel=voorstel.status, toegestaan=e.toegestaan) from e


def _sha(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def _termijn(reactietermijn: datetime | None, nu: datetime, veld: str = "reactietermijn") -> datetime | None:
    fout = termijn_fout(reactietermijn, nu) if reactietermijn is not None else None
    if fout:
        raise OngeldigeInvoer(f"De reactietermijn kan niet: {fout}.", veld=veld, reden=fout)
    return reactietermijn


def _eis_markeringen_heel(basis: str, start: int, oorspronkelijk: str, voorgesteld: str, veld: str) -> None:
    """A wording must not break a [[woo:..]] marker of the text it goes into (half a marker in
    the passage, a marker inside a marker): 422 on the wording."""
    resultaat = regels.schrijf_in(basis, regels.als_wijziging(start, oorspronkelijk, voorgesteld))
    fout = nieuwe_markeringsfout(basis, resultaat)
    if fout is not None:
        raise OngeldigeInvoer(
            f"Met deze formulering op deze plek krijgt de sectietekst een ongeldige Woo-markering: {fout}. "
            "Kies de passage zo dat zij markeringen heel laat.",
            veld=veld,
            reden=str(fout),
        )


def dien_in(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    sectie: Sectie,
    *,
    basisversie: int,
    oorspronkelijk: str,
    voorgesteld: str,
    positie: int | None,
    toelichting: str | None,
    reactietermijn: datetime | None,
    klok: Klok,
    lezen: Session | None = None,
) -> Tekstvoorstel:
    """File a proposal. With `lezen` (a read snapshot holding `document` and `sectie`), the diff
    work of the answer is done there first and the document is locked here; without, the
    document is already locked in `session`."""
    if lezen is not None:
        voorbereiden(lezen, sectie.id, basisversies={basisversie})
        document_id, sectie_id = document.id, sectie.id
        lezen.rollback()
        document = documenten.vergrendel(session, document_id)
        sectie = documenten.haal_sectie(session, document, sectie_id)
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    voorstel = nieuw_voorstel(
        session,
        gebruiker,
        document,
        sectie,
        basisversie=basisversie,
        oorspronkelijk=oorspronkelijk,
        voorgesteld=voorgesteld,
        positie=positie,
        toelichting=toelichting,
        reactietermijn=reactietermijn,
        nu=nu,
    )
    toestand.bijwerken(session, document, nu)
    session.commit()
    return voorstel


def nieuw_voorstel(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    sectie: Sectie,
    *,
    basisversie: int,
    oorspronkelijk: str,
    voorgesteld: str,
    positie: int | None,
    toelichting: str | None,
    reactietermijn: datetime | None,
    nu: datetime,
    herkomst: dict | None = None,
) -> Tekstvoorstel:
    """File one proposal on a locked document (no commit): the rules every proposal goes
    through, whether typed in or read from a returned Word file (`herkomst`: word_auteur,
    word_tijdstip, zonder_bijhouden, retour_id)."""
    # Invalid input is 422 whatever the state (docs/api.md: 422 before 409); then the table.
    eis_basisversie(basisversie, "de sectieversie waarin de passage staat", sectie.versie)
    basis = Teksten(session).versie(sectie.id, basisversie)
    try:
        start = regels.vind_passage(basis, oorspronkelijk, positie)
    except regels.PassageFout as e:
        raise OngeldigeInvoer(f"De passage is niet gevonden: {e}.", veld="oorspronkelijk", reden=str(e)) from None
    if voorgesteld == oorspronkelijk:
        raise OngeldigeInvoer("Het voorstel is gelijk aan de oorspronkelijke passage.", veld="voorgesteld")
    if not herkomst:  # typed wording joins the text with the separators it needs; Word's edits are exact
        voorgesteld = aaneenvoegen.in_tekst(basis, start, oorspronkelijk, voorgesteld)
    _eis_markeringen_heel(basis, start, oorspronkelijk, voorgesteld, "voorgesteld")
    reactietermijn = _termijn(reactietermijn, nu)
    documenten.overgang(document, DocGebeurtenis.TEKSTVOORSTEL_INDIENEN)
    herkomst = herkomst or {}
    voorstel = Tekstvoorstel(
        document_id=document.id,
        sectie_id=sectie.id,
        departement=gebruiker.departement,
        indiener_id=gebruiker.id,
        status=VoorstelStatus.INGEDIEND,
        basisversie=basisversie,
        positie=start,
        oorspronkelijk=oorspronkelijk,
        voorgesteld=voorgesteld,
        toelichting=toelichting,
        reactietermijn=reactietermijn,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
        **herkomst,
    )
    session.add(voorstel)
    session.flush()
    voorstel.draad_id = voorstel.id
    extra = {k: (tijdstempel(w) if isinstance(w, datetime) else w) for k, w in herkomst.items() if w not in (None, False)}
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "tekstvoorstel_ingediend",
        nu,
        tekstvoorstel=voorstel.id,
        sectie=sectie.id,
        basisversie=basisversie,
        positie=start,
        oorspronkelijk=oorspronkelijk,
        voorgesteld=voorgesteld,
        departement=gebruiker.departement,
        reactietermijn=tijdstempel(reactietermijn) if reactietermijn else None,
        **extra,
    )
    return voorstel


def reageer(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    voorstel: Tekstvoorstel,
    *,
    oordeel: str,
    toelichting: str | None,
    voorgesteld: str | None,
    reactietermijn: datetime | None,
    klok: Klok,
) -> Tekstvoorstel:
    """A department's reaction; returns the proposal reacted to, or the new tegenvoorstel."""
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    gebeurtenis = VoorstelGebeurtenis(oordeel)
    # That only a tegenvoorstel has (and needs) a wording is ReactieNieuw's rule.
    if gebeurtenis == VoorstelGebeurtenis.TEGENVOORSTEL and voorgesteld is not None:
        if voorgesteld in (voorstel.voorgesteld, voorstel.oorspronkelijk):
            raise OngeldigeInvoer(
                "Het tegenvoorstel is gelijk aan het voorstel of aan de oorspronkelijke passage.", veld="voorgesteld"
            )
        basis = Teksten(session).versie(voorstel.sectie_id, voorstel.basisversie)
        voorgesteld = aaneenvoegen.in_tekst(basis, voorstel.positie, voorstel.oorspronkelijk, voorgesteld)
        if voorgesteld in (voorstel.voorgesteld, voorstel.oorspronkelijk):
            raise OngeldigeInvoer(
                "Het tegenvoorstel is gelijk aan het voorstel of aan de oorspronkelijke passage.", veld="voorgesteld"
            )
        _eis_markeringen_heel(basis, voorstel.positie, voorstel.oorspronkelijk, voorgesteld, "voorgesteld")
        if reactietermijn is not None:
            _termijn(reactietermijn, nu)
    documenten.overgang(document, DocGebeurtenis.REAGEREN)
    eis_stap(voorstel, gebeurtenis)
    for eerder in session.exec(
        select(Reactie).where(
            Reactie.tekstvoorstel_id == voorstel.id,
            Reactie.departement == gebruiker.departement,
            Reactie.actueel == True,  # noqa: E712
        )
    ):
        eerder.actueel = False
        session.add(eerder)
    tegen = None
    if gebeurtenis == VoorstelGebeurtenis.TEGENVOORSTEL:
        draad_geescaleerd = any(v.status == VoorstelStatus.GEESCALEERD for v in draad(session, voorstel))
        tegen = Tekstvoorstel(
            document_id=document.id,
            sectie_id=voorstel.sectie_id,
            departement=gebruiker.departement,
            indiener_id=gebruiker.id,
            # A counter-proposal joins an escalated thread as escalated: the bewindspersoon
            # decides the whole thread.
            status=VoorstelStatus.GEESCALEERD if draad_geescaleerd else VoorstelStatus.INGEDIEND,
            basisversie=voorstel.basisversie,
            positie=voorstel.positie,
            oorspronkelijk=voorstel.oorspronkelijk,
            voorgesteld=voorgesteld,
            toelichting=toelichting,
            reactietermijn=reactietermijn or voorstel.reactietermijn,
            reactie_op=voorstel.id,
            draad_id=voorstel.draad_id,
            aangemaakt_op=nu,
            gewijzigd_op=nu,
        )
        session.add(tegen)
        session.flush()
    session.add(
        Reactie(
            tekstvoorstel_id=voorstel.id,
            departement=gebruiker.departement,
            gebruiker_id=gebruiker.id,
            oordeel=oordeel,
            toelichting=toelichting,
            tegenvoorstel_id=tegen.id if tegen else None,
            tijdstip=nu,
        )
    )
    toestand.zet_status(session, voorstel, gebeurtenis, nu)
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "reactie_gegeven",
        nu,
        tekstvoorstel=voorstel.id,
        departement=gebruiker.departement,
        oordeel=oordeel,
        toelichting=toelichting,
        tegenvoorstel=tegen.id if tegen else None,
        voorgesteld=voorgesteld,
    )
    toestand.bijwerken(session, document, nu)
    session.commit()
    return tegen or voorstel


def _plek(session: Session, anker: Tekstvoorstel, tekst: str, *, veld: str | None = None) -> tuple[Sectie, Wijziging]:
    """Where `tekst` goes: the passage `anker` names, rebased onto the current section text,
    as a change of that text. 409 when the passage changed meanwhile. A result that would break
    a [[woo:..]] marker is refused: 422 on `veld` when the wording is the caller's input, else
    409. Nothing is written."""
    teksten = Teksten(session)
    sectie = teksten.sectie(anker.sectie_id)
    oud = regels.als_wijziging(anker.positie, anker.oorspronkelijk, tekst)
    plek = (
        oud
        if anker.basisversie == sectie.versie
        else regels.in_actuele_tekst(teksten.versie(sectie.id, anker.basisversie), sectie.tekst, oud)
    )
    if plek is None:
        raise Conflict(
            f"De passage van tekstvoorstel {anker.id} is sinds versie {anker.basisversie} gewijzigd "
            f"(nu versie {sectie.versie}); de formulering kan niet automatisch worden ingevoegd. "
            "Er is niets gewijzigd.",
            actuele_versie=sectie.versie,
            actuele_tekst=sectie.tekst,
        )
    nieuw = normaliseer(regels.schrijf_in(sectie.tekst, plek))
    fout = nieuwe_markeringsfout(sectie.tekst, nieuw)
    if fout is not None:
        detail = (
            f"Met deze formulering krijgt de actuele tekst van sectie {sectie.id} een ongeldige Woo-markering: {fout}. "
            "Er is niets gewijzigd."
        )
        if veld is not None:
            raise OngeldigeInvoer(detail, veld=veld, reden=str(fout))
        raise Conflict(detail, actuele_versie=sectie.versie, actuele_tekst=sectie.tekst)
    return sectie, plek


def _schrijf_passage(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    sectie: Sectie,
    plek: Wijziging,
    *,
    soort: str,
    nu: datetime,
    gegevens: dict,
) -> None:
    """Write the change `plek` (from `_plek`) into the section as a new version."""
    documenten.schrijf_sectie(
        session,
        document,
        sectie,
        kop=sectie.kop,
        tekst=normaliseer(regels.schrijf_in(sectie.tekst, plek)),
        gebruiker=gebruiker,
        reden=gegevens.get("reden"),
        nu=nu,
        soort=soort,
        gegevens=gegevens,
    )


def _concurrenten(
    session: Session,
    anker: Tekstvoorstel,
    behalve: set[int],
    teksten: Teksten | None = None,
) -> list[Tekstvoorstel]:
    """Open proposals that compete with `anker`'s passage, about to be written into the current
    text: writing it makes them lapse (vervallen). The same rule as `concurrerend_met`
    (workflow.voorstellen.Overlap). Reads only (a dry run before the lock warms the diffs)."""
    teksten = teksten or Teksten(session)
    overlap = teksten.overlap(anker.sectie_id)
    eigen = passage(anker)
    return [
        ander
        for ander in session.exec(
            select(Tekstvoorstel)
            .where(Tekstvoorstel.sectie_id == anker.sectie_id, col(Tekstvoorstel.status).in_(list(OPEN_VOORSTEL)))
            .order_by(Tekstvoorstel.id)
        )
        if ander.id not in behalve and overlap.concurreren(eigen, passage(ander))
    ]


def _laat_vervallen(
    session: Session, gebruiker: Gebruiker, document: Document, lapsen: list[Tekstvoorstel], nu: datetime
) -> None:
    for ander in lapsen:
        toestand.zet_status(session, ander, VoorstelGebeurtenis.VERVALLEN, nu)
        gebeurtenissen.bij_document(
            session, document, gebruiker, "tekstvoorstel_vervallen", nu, tekstvoorstel=ander.id, reden="passage overschreven"
        )


def voorbereiden(
    session: Session,
    sectie_id: int,
    anker: Tekstvoorstel | None = None,
    formuleringen: list[str] = (),
    basisversies: set[int] = frozenset(),
) -> None:
    """The diff work of a write on this section, done in a read snapshot before the write
    takes its lock: where each open proposal stands in the current text (the answer's
    `concurrerend_met` and `passage_actueel`), and, when `anker`'s passage is about to be
    written (overnemen, besluit), its rebase, which proposals it lapses, and, for each wording
    that may be written (`formuleringen`), where the others stand in the text after the write
    (a minister's own wording is known only to the write: that diff, if any, runs there,
    within the budget). The diffs are kept in workflow.diff.GEHEUGEN under the
    texts' hashes, so the write, asking the same questions under the lock, finds them; a text
    that changed meanwhile is another key and is diffed again there, within the budget."""
    teksten = Teksten(session)
    sectie = teksten.sectie(sectie_id)
    if sectie is None:
        return
    open_ = list(
        session.exec(
            select(Tekstvoorstel).where(Tekstvoorstel.sectie_id == sectie_id, col(Tekstvoorstel.status).in_(list(OPEN_VOORSTEL)))
        )
    )

    versies = {v.basisversie for v in open_} | {n for n in basisversies if 1 <= n <= sectie.versie}

    def waar_in(tekst: str, behalve_versie: int | None) -> None:
        for nummer in versies - {behalve_versie}:
            basis = teksten.versie(sectie_id, nummer)
            regels.in_actuele_tekst(basis, tekst, Wijziging(0, 0, ""))
            # The overlap rule follows a passage back into the basisversie of one that is no
            # longer in `tekst` (regels.Overlap): that diff too, for those versions (and for a
            # proposal about to be filed, whose passage is not known here).
            weg = nummer in basisversies or any(
                regels.in_actuele_tekst(basis, tekst, regels.als_wijziging(v.positie, v.oorspronkelijk, "")) is None
                for v in open_
                if v.basisversie == nummer
            )
            if weg:
                regels.in_actuele_tekst(tekst, basis, Wijziging(0, 0, ""))

    waar_in(sectie.tekst, sectie.versie)
    if anker is None:
        return
    plek = teksten.plek(anker)
    if plek is None:
        return  # the write will answer 409 without diffing further
    _concurrenten(session, anker, {anker.id}, teksten)
    for formulering in dict.fromkeys(formuleringen):
        waar_in(normaliseer(regels.schrijf_in(sectie.tekst, Wijziging(plek.start, plek.eind, formulering))), None)


def _eis_passage_niet_al_overschreven(session: Session, voorstel: Tekstvoorstel) -> None:
    """409 when a proposal of the same version whose passage overlaps this one was already
    written (adopted or decided). Lapsing covers those that were open at that moment; this
    covers one filed afterwards on the old version (the load test found it: a client that read
    the version before the adoption committed), whose rebase may not see the overlap when the
    written change only touches the passage's edge."""
    eigen = regels.als_wijziging(voorstel.positie, voorstel.oorspronkelijk, "")
    for ander in session.exec(
        select(Tekstvoorstel).where(
            Tekstvoorstel.sectie_id == voorstel.sectie_id,
            Tekstvoorstel.basisversie == voorstel.basisversie,
            Tekstvoorstel.id != voorstel.id,
            col(Tekstvoorstel.status).in_([VoorstelStatus.OVERGENOMEN, VoorstelStatus.BESLOTEN]),
        )
    ):
        if regels.concurreren(eigen, regels.als_wijziging(ander.positie, ander.oorspronkelijk, "")):
            raise Conflict(
                f"De passage van tekstvoorstel {voorstel.id} is al overschreven door tekstvoorstel {ander.id} "
                f"(status '{statuslabel(ander.status)}'); er is niets gewijzigd.",
                status_tekstvoorstel=voorstel.status,
            )


def neem_over(session: Session, gebruiker: Gebruiker, document: Document, voorstel: Tekstvoorstel, klok: Klok) -> Tekstvoorstel:
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    eis_stap(voorstel, VoorstelGebeurtenis.OVERNEMEN)
    leden = draad(session, voorstel)
    bezwaren = toestand.draad_bezwaren(session, leden)
    if bezwaren:
        raise Conflict(" ".join(handelingen.overnemen_bezwaren(bezwaren, True)), open_bezwaren=bezwaren)
    _eis_passage_niet_al_overschreven(session, voorstel)
    sectie, plek = _plek(session, voorstel, voorstel.voorgesteld)
    lapsen = _concurrenten(session, voorstel, {voorstel.id})
    geescaleerd = sorted({v.draad_id for v in lapsen if v.status == VoorstelStatus.GEESCALEERD})
    if geescaleerd:
        # An escalated thread is the bewindspersoon's alone: adopting a competing wording
        # would make it lapse behind her back.
        raise Conflict(
            f"Overnemen kan niet: de passage overlapt met draad {', '.join(map(str, geescaleerd))}, "
            "die ter besluitvorming bij de bewindspersoon ligt. Er is niets gewijzigd.",
            geescaleerde_draden=geescaleerd,
        )
    _schrijf_passage(
        session,
        gebruiker,
        document,
        sectie,
        plek,
        soort="tekstvoorstel_overgenomen",
        nu=nu,
        gegevens={
            "tekstvoorstel": voorstel.id,
            "departement": voorstel.departement,
            "reden": f"tekstvoorstel {voorstel.id} overgenomen",
        },
    )
    toestand.zet_status(session, voorstel, VoorstelGebeurtenis.OVERNEMEN, nu)
    voorstel.verwerkt_in_versie = sectie.versie
    _laat_vervallen(session, gebruiker, document, lapsen, nu)
    toestand.bijwerken(session, document, nu)
    session.commit()
    return voorstel


def _enkel(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    voorstel: Tekstvoorstel,
    gebeurtenis: VoorstelGebeurtenis,
    soort: str,
    klok: Klok,
) -> Tekstvoorstel:
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    documenten.overgang(document, DocGebeurtenis.REAGEREN)
    eis_stap(voorstel, gebeurtenis)
    toestand.zet_status(session, voorstel, gebeurtenis, nu)
    gebeurtenissen.bij_document(session, document, gebruiker, soort, nu, tekstvoorstel=voorstel.id)
    toestand.bijwerken(session, document, nu)
    session.commit()
    return voorstel


def wijs_af(session, gebruiker, document, voorstel, klok) -> Tekstvoorstel:
    return _enkel(session, gebruiker, document, voorstel, VoorstelGebeurtenis.AFWIJZEN, "tekstvoorstel_afgewezen", klok)


def trek_in(session, gebruiker, document, voorstel, klok) -> Tekstvoorstel:
    return _enkel(session, gebruiker, document, voorstel, VoorstelGebeurtenis.INTREKKEN, "tekstvoorstel_ingetrokken", klok)


def escaleer(session: Session, gebruiker: Gebruiker, document: Document, voorstel: Tekstvoorstel, klok: Klok) -> Tekstvoorstel:
    """Escalate the whole thread: every open member becomes geescaleerd."""
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    documenten.overgang(document, DocGebeurtenis.REAGEREN)
    eis_stap(voorstel, VoorstelGebeurtenis.ESCALEREN)
    geescaleerd = []
    for lid in draad(session, voorstel):
        if TEKSTVOORSTEL.mag(lid.status, VoorstelGebeurtenis.ESCALEREN):
            toestand.zet_status(session, lid, VoorstelGebeurtenis.ESCALEREN, nu)
            geescaleerd.append(lid.id)
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "draad_geescaleerd",
        nu,
        draad=voorstel.draad_id,
        voorstellen=geescaleerd,
        reden="door de penvoerder",
    )
    toestand.bijwerken(session, document, nu)
    session.commit()
    session.refresh(voorstel)
    return voorstel


def eigen_formulering(session: Session, wortel: Tekstvoorstel, tekst: str) -> str:
    """The bewindspersoon's own wording as it goes into the thread's passage: joined to the
    text around it with the separators it needs (workflow.aaneenvoegen)."""
    basis = Teksten(session).versie(wortel.sectie_id, wortel.basisversie)
    return aaneenvoegen.in_tekst(basis, wortel.positie, wortel.oorspronkelijk, tekst)


def besluit(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    voorstel: Tekstvoorstel,
    *,
    gekozen: int | None,
    tekst: str | None,
    toelichting: str | None,
    klok: Klok,
) -> Tekstvoorstel:
    """The bewindspersoon decides an escalated thread: one member's wording or an own one is
    written into the root's passage; every open member becomes besloten."""
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    # One of `gekozen` and `tekst` (BesluitNieuw's rule).
    leden = draad(session, voorstel)
    if gekozen is not None:
        keuze = next((lid for lid in leden if lid.id == gekozen), None)
        if keuze is None:
            raise OngeldigeInvoer(f"Voorstel {gekozen} hoort niet bij deze draad.", veld="gekozen")
        tekst = keuze.voorgesteld
    eis_stap(voorstel, VoorstelGebeurtenis.BESLUIT)
    wortel = next(lid for lid in leden if lid.id == voorstel.draad_id)
    if gekozen is None:  # an own wording joins the passage's surroundings as the members' did
        tekst = eigen_formulering(session, wortel, tekst or "")
    sectie, plek = _plek(session, wortel, tekst, veld="tekst" if gekozen is None else None)
    lapsen = _concurrenten(session, wortel, {lid.id for lid in leden})
    _schrijf_passage(
        session,
        gebruiker,
        document,
        sectie,
        plek,
        soort="besluit_genomen",
        nu=nu,
        gegevens={
            "draad": wortel.id,
            "gekozen": gekozen,
            "formulering": tekst,
            "toelichting": toelichting,
            "reden": "besluit van de bewindspersoon",
        },
    )
    for lid in leden:
        if TEKSTVOORSTEL.mag(lid.status, VoorstelGebeurtenis.BESLUIT):
            toestand.zet_status(session, lid, VoorstelGebeurtenis.BESLUIT, nu)
            lid.verwerkt_in_versie = sectie.versie
    session.add(
        Besluit(
            draad_id=wortel.id,
            gebruiker_id=gebruiker.id,
            gekozen_id=gekozen,
            tekst=tekst,
            toelichting=toelichting,
            sectie_versie=sectie.versie,
            tijdstip=nu,
        )
    )
    _laat_vervallen(session, gebruiker, document, lapsen, nu)
    toestand.bijwerken(session, document, nu)
    session.commit()
    session.refresh(voorstel)
    return voorstel


def eis_rol(actie: Actie, actor: Actor, document: Document, voorstel: Tekstvoorstel, session: Session) -> None:
    reden = reden_tegen(actie, actor, documenten.context(session, document, indiener_departement=voorstel.departement))
    if reden:
        raise Verboden(reden)
