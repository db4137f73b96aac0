"""Retour uit Word: a returned afstemmingsversie read back into tekstvoorstellen and opmerkingen.

Two phases, so the expensive part holds no lock: `plan` reads the file (app.word), finds each
section's paragraphs (by the content controls' tags, or by aligning the text with the exported
revisie when an editor dropped them) and aligns every section (workflow.retour), all in a read
transaction; `verwerk` then locks the document, refuses what conflicts with its state (the same
bytes again, a frozen document), and files the planned proposals through the one proposal
service (so concurrerend_met, reacties, overnemen and escalation work as for typed ones), the
opmerkingen and one event — or, with `proef`, builds the same answer and writes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.afstemming import toestand
from app.afstemming.models import Afstemmingsronde
from app.db import Klok
from app.documenten import service as documenten
from app.documenten.models import Document, Sectie, SectieVersie
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers.models import Gebruiker
from app.problemen import Conflict, OngeldigeInvoer
from app.retour.models import Opmerking, Retour
from app.tekstvoorstellen import service as tekstvoorstellen
from app.word import WordFout
from app.word import lees as lees_word
from app.word.lezer import Lezing, WAlinea, WNoot, WStuk, weergave
from workflow import dialect
from workflow.autorisatie import Actie, Actor, Context, reden_tegen
from workflow.keten import tijdstempel
from workflow.retour import Gebied, Uitlijning, lijn_uit, zichtbaar
from workflow.statussen import DocGebeurtenis

MAX_TOELICHTING = 5000


def uitgenodigd(session: Session, document: Document) -> frozenset[str]:
    rondes = session.exec(select(Afstemmingsronde.departementen).where(Afstemmingsronde.document_id == document.id))
    return frozenset(code for departementen in rondes for code in departementen)


def eis_recht(session: Session, actor: Actor, document: Document) -> None:
    ctx = Context(
        penvoerder=document.penvoerder, betrokken=frozenset(document.betrokken), uitgenodigd=uitgenodigd(session, document)
    )
    documenten.eis(Actie.RETOUR_INDIENEN, actor, ctx)


def mag(session: Session, actor: Actor, document: Document) -> bool:
    ctx = Context(
        penvoerder=document.penvoerder, betrokken=frozenset(document.betrokken), uitgenodigd=uitgenodigd(session, document)
    )
    return reden_tegen(Actie.RETOUR_INDIENEN, actor, ctx) is None


# --- the plan (no writes) -------------------------------------------------------------------------


@dataclass
class VoorstelPlan:
    sectie_id: int
    basisversie: int
    positie: int
    oorspronkelijk: str
    voorgesteld: str
    toelichting: str | None
    word_auteur: str | None
    word_tijdstip: datetime | None
    zonder_bijhouden: bool


@dataclass
class OpmerkingPlan:
    sectie_id: int | None
    basisversie: int | None
    positie: int | None
    passage: str
    tekst: str
    auteur: str
    word_tijdstip: datetime | None


@dataclass
class Plan:
    sha256: str
    revisie: int
    voorstellen: list[VoorstelPlan] = field(default_factory=list)
    opmerkingen: list[OpmerkingPlan] = field(default_factory=list)
    niet_verwerkt: list[dict] = field(default_factory=list)


@dataclass
class _Sectie:
    sectie_id: int
    versie: int
    kop: str | None
    tekst: str
    alineas: list[WAlinea] = field(default_factory=list)
    uitlijning: Uitlijning | None = None
    o_bron: list[int | None] = field(default_factory=list)
    n_bron: list[int | None] = field(default_factory=list)
    gebieden: list[tuple[Gebied, VoorstelPlan | None]] = field(default_factory=list)


def _fout(tekst: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(f"Het Word-bestand kan niet worden verwerkt: {tekst}.", veld="bestand", reden=tekst)


def lees(inhoud: bytes, max_uitgepakt: int) -> Lezing:
    try:
        return lees_word(inhoud, max_uitgepakt=max_uitgepakt)
    except WordFout as e:
        raise _fout(str(e)) from None


def plan(session: Session, document: Document, inhoud: bytes, lezing: Lezing) -> Plan:
    revisie = _revisie(document, lezing)
    uitvoer = Plan(hashlib.sha256(inhoud).hexdigest(), revisie)
    secties = _secties(session, document, lezing, revisie, uitvoer)
    groepen, over_secties = _verplaatsingen(lezing, secties)
    for s in secties:
        lichaam = [a for a in s.alineas if not a.kopniveau]
        for a in s.alineas:
            if a.kopniveau and _heeft_wijziging(lezing, a):
                uitvoer.niet_verwerkt.append(
                    _nv(
                        "kop",
                        "een wijziging in een kop wordt niet als tekstvoorstel verwerkt; geef die door als opmerking",
                        _tekst(a),
                    )
                )
        oud = [b for _, b in weergave(lezing, "oud", lichaam)]
        nieuw = [b for _, b in weergave(lezing, "nieuw", lichaam)]
        o_tekst, s.o_bron = dialect.schrijf(oud, met_bron=True)
        n_tekst, s.n_bron = dialect.schrijf(nieuw, met_bron=True)
        s.uitlijning = lijn_uit(s.tekst, o_tekst, s.o_bron, n_tekst, s.n_bron, lezing.staat, groepen)
        for gebied in s.uitlijning.gebieden:
            s.gebieden.append((gebied, _voorstel(lezing, s, gebied, over_secties, uitvoer)))
    _commentaren(lezing, secties, uitvoer)
    uitvoer.voorstellen = [v for s in secties for _, v in s.gebieden if v is not None]
    return uitvoer


def _nv(soort: str, reden: str, tekst: str = "") -> dict:
    return {"soort": soort, "reden": reden, "tekst": tekst[:2000]}


def _revisie(document: Document, lezing: Lezing) -> int:
    props = lezing.eigenschappen
    if "paraaf_document" in props and props["paraaf_document"].strip() != str(document.id):
        raise _fout(
            f"dit is de afstemmingsversie van een ander document (document {props['paraaf_document'].strip()[:20]}), "
            f"niet van document {document.id}"
        )
    waarde = props.get("paraaf_revisie", "").strip()
    if not waarde:
        return document.revisie
    if not waarde.isdigit() or not 1 <= int(waarde) <= document.revisie:
        raise _fout(f"het bestand noemt revisie {waarde[:20]}, die document {document.id} niet heeft")
    return int(waarde)


def _tekst(a: WAlinea) -> str:
    return "".join(d.tekst for d in a.inhoud if isinstance(d, WStuk))


def _heeft_wijziging(lezing: Lezing, a: WAlinea) -> bool:
    return a.markering >= 0 or any(d.wijziging >= 0 for d in a.inhoud)


def _secties(session: Session, document: Document, lezing: Lezing, revisie: int, uitvoer: Plan) -> list[_Sectie]:
    export = documenten.secties_op_revisie(session, document, revisie)
    if any(a.sectie for a in lezing.alineas):
        return _secties_op_tag(session, document, lezing, export, uitvoer)
    return _secties_op_tekst(lezing, export, uitvoer)


def _secties_op_tag(
    session: Session, document: Document, lezing: Lezing, export: list[SectieVersie], uitvoer: Plan
) -> list[_Sectie]:
    uit: dict[str, _Sectie] = {}
    volgorde: list[_Sectie | None] = []
    huidig: _Sectie | None = None
    los: list[WAlinea] = []  # paragraphs outside any control since the last tagged one
    vreemd: set[str] = set()
    for alinea in lezing.alineas:
        if not alinea.sectie:
            los.append(alinea)
            continue
        if alinea.sectie not in uit and alinea.sectie not in vreemd:
            sectie = _sectie_bij_tag(session, document, alinea.sectie, uitvoer)
            if sectie is None:
                vreemd.add(alinea.sectie)
            else:
                uit[alinea.sectie] = sectie
        doel = uit.get(alinea.sectie)
        if huidig is not None and los:
            huidig.alineas.extend(los)  # typed between two controls: belongs to the one before
        elif los:
            _buiten(lezing, los, uitvoer)
        los = []
        if doel is not None:
            doel.alineas.append(alinea)
            if doel is not huidig:
                volgorde.append(doel)
        huidig = doel
    _buiten(lezing, los, uitvoer)
    if not uit:
        raise _fout("geen enkele sectie van dit document is in het bestand gevonden")
    gezien, secties = set(), []
    for s in volgorde:
        if s is not None and id(s) not in gezien:
            gezien.add(id(s))
            secties.append(s)
    return secties


def _sectie_bij_tag(session: Session, document: Document, tag: str, uitvoer: Plan) -> _Sectie | None:
    delen = tag.split(":")
    if len(delen) != 4 or not delen[2].isdigit() or not delen[3].isdigit() or len(delen[2]) > 9 or len(delen[3]) > 9:
        uitvoer.niet_verwerkt.append(_nv("sectie", f"onbekende markering '{tag[:60]}' in het bestand"))
        return None
    sectie_id, versie = int(delen[2]), int(delen[3])
    sectie = session.get(Sectie, sectie_id)
    if sectie is None or sectie.document_id != document.id:
        uitvoer.niet_verwerkt.append(
            _nv(
                "sectie", f"sectie {sectie_id} bestaat niet (meer) in document {document.id}; haar wijzigingen zijn niet verwerkt"
            )
        )
        return None
    if not 1 <= versie <= sectie.versie:
        raise _fout(f"het bestand noemt versie {versie} van sectie {sectie_id}, die niet bestaat")
    rij = documenten.versie(session, sectie, versie)
    return _Sectie(sectie_id, versie, rij.kop, rij.tekst)


def _buiten(lezing: Lezing, alineas: list[WAlinea], uitvoer: Plan) -> None:
    gewijzigd = [a for a in alineas if _heeft_wijziging(lezing, a)]
    if gewijzigd:
        uitvoer.niet_verwerkt.append(
            _nv(
                "buiten_secties",
                "een wijziging buiten de secties (briefhoofd, ondertekening) wordt niet verwerkt",
                " ".join(_tekst(a) for a in gewijzigd),
            )
        )


def _regel(blok) -> str:
    return zichtbaar(dialect.schrijf([blok])[0])


def _secties_op_tekst(lezing: Lezing, export: list[SectieVersie], uitvoer: Plan) -> list[_Sectie]:
    """No content controls (an editor dropped them): align the file's paragraphs with the
    exported revisie's headings and paragraphs."""
    verwacht: list[tuple[int, bool, str]] = []  # (index in export, is heading, visible text)
    for index, v in enumerate(export):
        if v.kop:
            verwacht.append((index, True, zichtbaar(dialect.kop([dialect.Stuk(v.kop)]))))
        for blok in dialect.blokken(v.tekst):
            verwacht.append((index, False, _regel(blok)))
    gelezen = []
    for alinea in lezing.alineas:
        blokken = [b for _, b in weergave(lezing, "oud", [alinea])]
        gelezen.append(_regel(blokken[0]) if blokken else "")
    matcher = SequenceMatcher(None, gelezen, [t for _, _, t in verwacht], autojunk=False)
    paar: dict[int, int] = {}
    for blok in matcher.get_matching_blocks():
        for k in range(blok.size):
            paar[blok.a + k] = blok.b + k
    totaal = sum(len(t) for _, _, t in verwacht) or 1
    gevonden = sum(len(verwacht[j][2]) for j in paar.values())
    if gevonden / totaal < 0.5:
        raise _fout(
            "het bestand is niet de afstemmingsversie van dit document: minder dan de helft van de tekst van "
            "de geëxporteerde revisie komt erin voor"
        )
    secties = [_Sectie(v.sectie_id, v.versie, v.kop, v.tekst) for v in export]
    laatste = max(paar) if paar else -1
    huidig: int | None = None
    buiten: list[WAlinea] = []
    for i, alinea in enumerate(lezing.alineas):
        if i in paar:
            index, is_kop, _ = verwacht[paar[i]]
            huidig = index
            if is_kop:
                continue
            secties[index].alineas.append(alinea)
        elif huidig is None or i > laatste:
            buiten.append(alinea)
        elif alinea.kopniveau:
            continue
        else:
            secties[huidig].alineas.append(alinea)
    _buiten(lezing, buiten, uitvoer)
    uitvoer.niet_verwerkt.append(
        _nv(
            "inhoudsbesturingselementen",
            "het bestand heeft de sectiemarkeringen niet meer; de secties zijn gevonden door de tekst uit te lijnen met de geëxporteerde revisie",
        )
    )
    return [s for s in secties if s.alineas or s.tekst]


def _wijzigingstekst(lezing: Lezing, alineas: list[WAlinea]) -> dict[int, str]:
    teksten: dict[int, list[str]] = {}
    for a in alineas:
        for d in a.inhoud:
            stukken = d.inhoud if isinstance(d, WNoot) else [d]
            for s in stukken:
                if s.wijziging >= 0:
                    teksten.setdefault(s.wijziging, []).append(s.tekst)
    return {k: " ".join("".join(v).split()) for k, v in teksten.items()}


def _verplaatsingen(lezing: Lezing, secties: list[_Sectie]) -> tuple[dict[int, object], set[int]]:
    """Tracked changes that are halves of one move: Word's named moveFrom/moveTo, or a deletion
    and an insertion of the same text (LibreOffice and older Word write a move that way)."""
    waar: dict[int, int] = {}
    for nummer, s in enumerate(secties):
        for a in s.alineas:
            for d in a.inhoud:
                for st in d.inhoud if isinstance(d, WNoot) else [d]:
                    if st.wijziging >= 0:
                        waar.setdefault(st.wijziging, nummer)
    teksten = _wijzigingstekst(lezing, [a for s in secties for a in s.alineas])
    groepen: dict[int, object] = {}
    for index, w in enumerate(lezing.wijzigingen):
        if w.soort in ("moveFrom", "moveTo") and w.naam:
            groepen[index] = ("naam", w.naam)
    verwijderd = {}
    for index, w in enumerate(lezing.wijzigingen):
        tekst = teksten.get(index, "")
        if w.soort == "del" and len(tekst) >= 12:
            verwijderd.setdefault(tekst, []).append(index)
    for index, w in enumerate(lezing.wijzigingen):
        tekst = teksten.get(index, "")
        if w.soort == "ins" and verwijderd.get(tekst):
            partner = verwijderd[tekst].pop(0)
            groepen[index] = groepen[partner] = ("tekst", partner)
    per_groep: dict[object, set[int]] = {}
    for index, sleutel in groepen.items():
        per_groep.setdefault(sleutel, set()).add(index)
    over = set()
    for leden in per_groep.values():
        if len({waar.get(i, -1) for i in leden}) > 1:
            over |= leden
    return {k: v for k, v in groepen.items() if k not in over}, over


def _voorstel(lezing: Lezing, s: _Sectie, gebied: Gebied, over_secties: set[int], uitvoer: Plan) -> VoorstelPlan | None:
    if gebied.soort == "woo":
        return None
    if gebied.soort == "opmaak":
        uitvoer.niet_verwerkt.append(
            _nv(
                "opmaak",
                "alleen de opmaak is gewijzigd; opmaak wordt niet als tekstvoorstel verwerkt",
                zichtbaar(gebied.voorgesteld),
            )
        )
        return None
    if gebied.wijzigingen & over_secties:
        uitvoer.niet_verwerkt.append(
            _nv(
                "verplaatsing",
                "een passage is naar een andere sectie verplaatst; dien dat als voorstel per sectie in",
                zichtbaar(gebied.voorgesteld or gebied.oorspronkelijk),
            )
        )
        return None
    if gebied.oorspronkelijk == gebied.voorgesteld:
        return None
    eerste = min(gebied.wijzigingen) if gebied.wijzigingen else None
    w = lezing.wijzigingen[eerste] if eerste is not None else None
    return VoorstelPlan(
        sectie_id=s.sectie_id,
        basisversie=s.versie,
        positie=gebied.t_start,
        oorspronkelijk=gebied.oorspronkelijk,
        voorgesteld=gebied.voorgesteld,
        toelichting=None,
        word_auteur=(w.auteur or None) if w else None,
        word_tijdstip=w.tijdstip if w else None,
        zonder_bijhouden=gebied.zonder_bijhouden,
    )


def _draad(lezing: Lezing, wortel) -> str:
    regels = [f"{wortel.auteur or 'Onbekend'}: {wortel.tekst}"]
    kinderen = [c for c in lezing.commentaren.values() if c.ouder == wortel.id]
    for kind in kinderen:
        regels.append(f"{kind.auteur or 'Onbekend'} (antwoord): {kind.tekst}")
    return "\n".join(regels)


def _commentaren(lezing: Lezing, secties: list[_Sectie], uitvoer: Plan) -> None:
    for c in lezing.commentaren.values():
        if c.ouder is not None and c.ouder in lezing.commentaren:
            continue  # a reply: part of its parent's thread
        begin = c.begin if c.begin is not None else c.punt
        eind = c.eind if c.eind is not None else begin
        if begin is None:
            continue
        eind = max(eind, begin)
        tekst = _draad(lezing, c)
        geplaatst = False
        for s in secties:
            u = s.uitlijning
            o_pos = [i for i, b in enumerate(s.o_bron) if b is not None and begin <= b < max(eind, begin + 1)]
            n_pos = [i for i, b in enumerate(s.n_bron) if b is not None and begin <= b < max(eind, begin + 1)]
            if not o_pos and not n_pos:
                continue
            o1, o2 = (min(o_pos), max(o_pos) + 1) if o_pos else (None, None)
            n1, n2 = (min(n_pos), max(n_pos) + 1) if n_pos else (None, None)
            for gebied, voorstel in s.gebieden:
                raakt = (o1 is not None and gebied.o_start <= o2 and o1 <= gebied.o_eind) or (
                    n1 is not None and gebied.n_start <= n2 and n1 <= gebied.n_eind
                )
                if raakt and voorstel is not None:
                    voorstel.toelichting = ((voorstel.toelichting + "\n") if voorstel.toelichting else "") + tekst
                    voorstel.toelichting = voorstel.toelichting[:MAX_TOELICHTING]
                    geplaatst = True
                    break
            if not geplaatst:
                if o1 is None:  # a comment on inserted text whose change was not proposed
                    o1 = o2 = 0
                t1, _, passage = u.passage(o1, o2)
                uitvoer.opmerkingen.append(
                    OpmerkingPlan(s.sectie_id, s.versie, t1, passage, tekst[:MAX_TOELICHTING], c.auteur, c.tijdstip)
                )
                geplaatst = True
            break
        if not geplaatst:
            uitvoer.opmerkingen.append(OpmerkingPlan(None, None, None, "", tekst[:MAX_TOELICHTING], c.auteur, c.tijdstip))


# --- writing ----------------------------------------------------------------------------------------


def eerdere(session: Session, document: Document, sha256: str) -> Retour | None:
    return session.exec(select(Retour).where(Retour.document_id == document.id, Retour.sha256 == sha256)).first()


def _dubbel(eerder: Retour) -> Conflict:
    return Conflict(
        f"Dit Word-bestand is al eerder verwerkt (retour {eerder.id}); er is niets opnieuw aangemaakt.", retour=eerder.id
    )


def verwerk(
    session: Session,
    gebruiker: Gebruiker,
    document: Document,
    gepland: Plan,
    *,
    bestandsnaam: str | None,
    proef: bool,
    klok: Klok,
) -> dict:
    """File the plan on the locked document (or, with `proef`, answer as if and write nothing)."""
    eerder = eerdere(session, document, gepland.sha256)
    if eerder is not None:
        raise _dubbel(eerder)
    nu = klok.nu(session)
    toestand.bijwerken(session, document, nu)
    documenten.overgang(document, DocGebeurtenis.TEKSTVOORSTEL_INDIENEN)
    niet_verwerkt = list(gepland.niet_verwerkt)
    retour = Retour(
        document_id=document.id,
        sha256=gepland.sha256,
        bestandsnaam=(bestandsnaam or "")[:255] or None,
        revisie=gepland.revisie,
        departement=gebruiker.departement,
        ingediend_door=gebruiker.id,
        tijdstip=nu,
        niet_verwerkt=[],
    )
    session.add(retour)
    session.flush()
    voorstellen = []
    for v in gepland.voorstellen:
        sectie = session.get(Sectie, v.sectie_id)
        try:
            voorstellen.append(
                tekstvoorstellen.nieuw_voorstel(
                    session,
                    gebruiker,
                    document,
                    sectie,
                    basisversie=v.basisversie,
                    oorspronkelijk=v.oorspronkelijk,
                    voorgesteld=v.voorgesteld,
                    positie=v.positie,
                    toelichting=v.toelichting,
                    reactietermijn=None,
                    nu=nu,
                    herkomst={
                        "word_auteur": v.word_auteur,
                        "word_tijdstip": v.word_tijdstip,
                        "zonder_bijhouden": v.zonder_bijhouden,
                        "retour_id": retour.id,
                    },
                )
            )
        except OngeldigeInvoer as e:
            niet_verwerkt.append(_nv("wijziging", f"niet als tekstvoorstel te verwerken: {e.detail}", v.voorgesteld))
    opmerkingen = []
    for o in gepland.opmerkingen:
        rij = Opmerking(
            document_id=document.id,
            retour_id=retour.id,
            sectie_id=o.sectie_id,
            basisversie=o.basisversie,
            positie=o.positie,
            passage=o.passage,
            tekst=o.tekst,
            auteur=o.auteur,
            word_tijdstip=o.word_tijdstip,
            departement=gebruiker.departement,
        )
        session.add(rij)
        opmerkingen.append(rij)
    retour.niet_verwerkt = niet_verwerkt
    session.flush()
    gebeurtenissen.bij_document(
        session,
        document,
        gebruiker,
        "retour_verwerkt",
        nu,
        retour=retour.id,
        sha256=gepland.sha256,
        bestandsnaam=retour.bestandsnaam,
        revisie=gepland.revisie,
        voorstellen=[v.id for v in voorstellen],
        opmerkingen=[o.id for o in opmerkingen],
        niet_verwerkt=len(niet_verwerkt),
    )
    toestand.bijwerken(session, document, nu)
    session.flush()
    # The answer is built before the commit: nothing after it can fail.
    antwoord = {
        "id": retour.id,
        "document": document.id,
        "revisie": gepland.revisie,
        "departement": gebruiker.departement,
        "voorstellen": tekstvoorstellen.als_uit(session, voorstellen),
        "opmerkingen": [opmerking_uit(o) for o in opmerkingen],
        "niet_verwerkt": niet_verwerkt,
    }
    if proef:
        nieuw = {v.id for v in voorstellen}
        antwoord["id"] = None
        for v in antwoord["voorstellen"]:
            v["id"] = v["draad"] = v["retour"] = None
            v["concurrerend_met"] = [i for i in v["concurrerend_met"] if i not in nieuw]
        for o in antwoord["opmerkingen"]:
            o["id"] = None
        session.rollback()
        return antwoord
    try:
        session.commit()
    except IntegrityError:
        # The same bytes, uploaded twice at the same moment: the other one won.
        session.rollback()
        eerder = eerdere(session, document, gepland.sha256)
        if eerder is None:
            raise
        raise _dubbel(eerder) from None
    return antwoord


def opmerking_uit(o: Opmerking) -> dict:
    return {
        "id": o.id,
        "retour": o.retour_id,
        "sectie": o.sectie_id,
        "basisversie": o.basisversie,
        "positie": o.positie,
        "passage": o.passage,
        "tekst": o.tekst,
        "auteur": o.auteur,
        "word_tijdstip": o.word_tijdstip,
        "departement": o.departement,
    }


def opmerkingen(session: Session, document: Document) -> list[dict]:
    rijen = session.exec(select(Opmerking).where(Opmerking.document_id == document.id).order_by(Opmerking.id))
    return [opmerking_uit(o) for o in rijen]


def retouren(session: Session, document: Document) -> list[Retour]:
    return list(session.exec(select(Retour).where(Retour.document_id == document.id).order_by(Retour.id)))


def tijd(w: datetime | None) -> str | None:
    return tijdstempel(w) if w else None
