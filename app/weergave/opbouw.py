"""From a DocumentWeergave to a neutral block structure that both writers (Word and HTML) turn
into output: paragraphs with a style, list position and inline pieces; footnotes; tables.

This is where the layouts live (kamerbrief, beslisnota, bijlage), the beslisnota's generated
blocks (NB points, Proces van afstemming, parafenlijn) and the Woo publication version. That
version is redacted on the text as laid out, not on the source: every paragraph's runs are
redacted together (workflow.woo.Redacteur.redigeer_delen), so a name half in bold, split by a
footnote reference or a soft hyphen is found as the reader sees it; the document's plain
fields (title, kenmerk, names in tables; they reach headers and document properties) are
redacted as strings before the layout. Both writers (Word, HTML) write the same redacted blocks.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.weergave.model import (
    AfhankelijkheidPunt,
    AfstemmingRegel,
    BeslisnotaBlokken,
    BeslispuntWeergave,
    DocumentWeergave,
    NbPunt,
    ParafRegel,
    SectieWeergave,
    WooContext,
)
from app.weergave.ooxml import Wijziging
from workflow import beslispunten as puntregels
from workflow import markdown as md
from workflow.kamerstuk import vind_kamerstukken
from workflow.woo import (
    NOOT_TEKST_ALS_MARKERING,
    VOETNOOT,
    Deel,
    Redacteur,
    Vast,
    grond_omschrijving,
    markering_grond,
    markeringsfout,
    sorteer_gronden,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
TWEEDE_KAMER = (
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Postbus 20018",
    "2500 EA Den Haag",
)
# Short department names as used in nota's ("Tekstvoorstel Defensie", "Tekstvoorstel IenW").
KORTE_NAAM = {"DEF": "Defensie"}


# --- the block structure -----------------------------------------------------------------------


@dataclass
class Stuk:
    """A run of text with one formatting."""

    tekst: str
    vet: bool = False
    cursief: bool = False
    woo: str | None = None  # internal version: a passage withheld on publication, with its ground
    link: str | None = None
    wijziging: Wijziging | None = None
    passage: int | None = None  # which [[woo:..]] passage the run belongs to (one ground per passage)


@dataclass
class Noot:
    inhoud: list[Stuk]
    wijziging: Wijziging | None = None
    woo: str | None = None  # a footnote inside a [[woo:..]] passage: withheld with it
    passage: int | None = None


Inline = Stuk | Noot


@dataclass(frozen=True)
class LijstPlaats:
    lijst_genummerd: bool  # the kind of the list's outermost items (style, grouping)
    genummerd: bool  # this item's own kind
    niveau: int
    nummer: int | None = None


@dataclass
class Par:
    inhoud: list[Inline]
    stijl: str = "Normal"  # Word style id; the HTML writer maps it to an element or class
    lijst: LijstPlaats | None = None
    wijziging: Wijziging | None = None  # of the paragraph mark (tracked changes)
    voor: int | None = None  # spacing before / after in twips, when not the style's
    na: int | None = None
    keep_next: bool = False
    rol: str | None = None  # what the paragraph is (kenmerk, adres, ...), for HTML classes


@dataclass
class Tabel:
    kolommen: list[int]  # widths in twips
    rijen: list[list[list[Par]]]
    koprij: bool = True


Blok = Par | Tabel


@dataclass
class Opbouw:
    """A document laid out: head (address, Datum / Betreft or the nota's header), body, closing."""

    doc: DocumentWeergave  # redacted when `woo`
    woo: bool
    gronden: list[str]  # Woo grounds used (publication) or marked in the text (internal)
    kop: list[Blok] = field(default_factory=list)
    romp: list[Blok] = field(default_factory=list)
    slot: list[Blok] = field(default_factory=list)
    colofon: list[tuple[str, str]] = field(default_factory=list)  # (label, value) of a letter


# --- formatting of values -------------------------------------------------------------------------


def datum_nl(d: date) -> str:
    """12 juni 2025"""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def tijdstip_nl(moment: datetime) -> str:
    """12 juni 2025, 09.00 uur (Dutch time, Dutch notation)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(AMSTERDAM)
    return f"{datum_nl(moment.date())}, {moment.hour:02d}.{moment.minute:02d} uur"


def korte_naam(code: str) -> str:
    return KORTE_NAAM.get(code, code)


# --- Markdown to blocks ---------------------------------------------------------------------------


_PASSAGES = itertools.count(1)


def stukken(
    inhoud: tuple[md.Inline, ...], *, woo: str | None = None, in_noot: bool = False, passage: int | None = None
) -> list[Inline]:
    uit: list[Inline] = []
    for deel in inhoud:
        if isinstance(deel, md.Tekst):
            uit.append(Stuk(deel.tekst, deel.vet, deel.cursief, woo, passage=passage))
        elif isinstance(deel, md.Woo):
            uit.extend(stukken(deel.inhoud, woo=deel.code, in_noot=in_noot, passage=next(_PASSAGES)))
        elif in_noot:  # a footnote inside a footnote is not parsed, so this does not happen
            uit.append(Stuk(md.platte_tekst(deel.inhoud), woo=woo, passage=passage))
        else:
            inhoud_noot = [s for s in stukken(deel.inhoud, woo=woo, in_noot=True, passage=passage) if isinstance(s, Stuk)]
            uit.append(Noot(met_kamerstuklinks(inhoud_noot), woo=woo, passage=passage))
    return uit


def met_kamerstuklinks(inhoud: list[Stuk]) -> list[Stuk]:
    """Split the runs of a footnote so that every Kamerstuk citation is a link."""
    tekst = "".join(s.tekst for s in inhoud)
    vondsten = vind_kamerstukken(tekst)
    if not vondsten:
        return inhoud
    uit: list[Stuk] = []
    positie = 0
    for stuk in inhoud:
        begin, eind = positie, positie + len(stuk.tekst)
        grenzen = {begin, eind}
        for v in vondsten:
            grenzen.update(g for g in (v.start, v.eind) if begin < g < eind)
        punten = sorted(grenzen)
        for a, b in zip(punten, punten[1:], strict=False):
            link = next((v.url for v in vondsten if v.start <= a and b <= v.eind), None)
            uit.append(dataclasses.replace(stuk, tekst=tekst[a:b], link=link))
        positie = eind
    return uit


def tekst_pars(tekst: str, *, stijl: str = "Normal") -> list[Par]:
    """The paragraphs and list items of one section text."""
    pars: list[Par] = []
    for blok in md.parse(tekst):
        if isinstance(blok, md.Alinea):
            pars.append(Par(stukken(blok.inhoud), stijl))
        else:
            lijst_stijl = "ListNumber" if blok.genummerd else "ListBullet"
            for item in blok.items:
                plaats = LijstPlaats(blok.genummerd, item.genummerd, item.niveau, item.nummer)
                pars.append(Par(stukken(item.inhoud), lijst_stijl, plaats))
    return pars


def kop_par(kop: str, niveau: int) -> Par:
    niveau = min(max(niveau, 1), 3)
    return Par(stukken(md.parse_inline(kop)), f"Heading{niveau}", keep_next=True)


def sectie_pars(sectie: SectieWeergave) -> list[Par]:
    pars = [kop_par(sectie.kop, sectie.niveau)] if sectie.kop else []
    return pars + tekst_pars(sectie.tekst)


# --- Woo ------------------------------------------------------------------------------------------


# Fields holding the Markdown dialect: they are parsed by the layout and redacted as laid out
# (`publiceer`), not as source strings.
MARKDOWN_VELDEN = frozenset({"tekst", "kop", "context_voor", "passage", "context_na"})


def _redigeer_velden(waarde, redacteur: Redacteur):
    """Every plain string inside dataclasses and lists redacted; Markdown fields left as they are."""
    if isinstance(waarde, str):
        return redacteur.redigeer(waarde)
    if isinstance(waarde, list):
        return [_redigeer_velden(v, redacteur) for v in waarde]
    if isinstance(waarde, tuple):
        return tuple(_redigeer_velden(v, redacteur) for v in waarde)
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return dataclasses.replace(
            waarde,
            **{
                f.name: _redigeer_velden(getattr(waarde, f.name), redacteur)
                for f in dataclasses.fields(waarde)
                if f.name not in MARKDOWN_VELDEN or not isinstance(getattr(waarde, f.name), str)
            },
        )
    return waarde


def publicatieversie(doc: DocumentWeergave, redacteur: Redacteur) -> DocumentWeergave:
    """The document with its plain fields redacted (its Markdown is redacted after layout)."""
    return _redigeer_velden(doc, redacteur)


def publiceer(o: Opbouw, redacteur: Redacteur) -> None:
    """Redact the laid-out blocks of a publication in place, paragraph by paragraph."""
    for blokken in (o.kop, o.romp, o.slot):
        _publiceer_blokken(blokken, redacteur)


def _publiceer_blokken(blokken: list[Blok], redacteur: Redacteur) -> None:
    for blok in blokken:
        if isinstance(blok, Tabel):
            for rij in blok.rijen:
                for cel in rij:
                    _publiceer_blokken(cel, redacteur)
        elif blok.rol != "adres":  # the fixed address of the Tweede Kamer
            blok.inhoud = publiceer_inline(blok.inhoud, redacteur)


def _noot_als_markering(inhoud: list[Stuk], redacteur: Redacteur) -> list[Stuk]:
    """A footnote whose text starts like a marker ("^[[woo:5.2|..]]": the marker's first bracket
    was read as the footnote's; refused on write since markers are checked, so only in text
    stored before): withheld as a whole, under the ground it names if it names one."""
    tekst = "".join(s.tekst for s in inhoud)
    if not redacteur.dicht_bij_markering or not NOOT_TEKST_ALS_MARKERING.match(tekst):
        return inhoud
    code = markering_grond(tekst)
    redacteur.gebruikt.add(code)
    return [Stuk(code)]


def publiceer_inline(inhoud: list[Inline], redacteur: Redacteur) -> list[Inline]:
    """One paragraph (or footnote) as published: each [[woo:..]] passage becomes its ground
    (footnotes inside it go with it), footnotes are redacted on their own, and the runs are
    redacted together, with the footnote references between them."""
    ingeklapt: list[Inline] = []
    vast: set[int] = set()
    for deel in inhoud:
        if deel.passage is not None:
            if ingeklapt and ingeklapt[-1].passage == deel.passage:
                continue  # the rest of a passage whose ground is already there
            code = deel.woo or ""
            redacteur.gebruikt.add(code)
            vet, cursief = (deel.vet, deel.cursief) if isinstance(deel, Stuk) else (False, False)
            ground = Stuk(code, vet, cursief, passage=deel.passage)
            vast.add(id(ground))
            ingeklapt.append(ground)
        elif isinstance(deel, Noot):
            inhoud_noot = publiceer_inline(_noot_als_markering(deel.inhoud, redacteur), redacteur)
            ingeklapt.append(dataclasses.replace(deel, inhoud=[s for s in inhoud_noot if isinstance(s, Stuk)]))
        else:
            ingeklapt.append(deel)
    delen: list[Deel] = [VOETNOOT if isinstance(d, Noot) else Vast(d.tekst) if id(d) in vast else d.tekst for d in ingeklapt]
    uit: list[Inline] = []
    for deel, nieuw in zip(ingeklapt, redacteur.redigeer_delen(delen), strict=True):
        if isinstance(deel, Noot) or id(deel) in vast:
            uit.append(deel if isinstance(deel, Noot) else dataclasses.replace(deel, passage=None))
        elif nieuw:
            uit.append(dataclasses.replace(deel, tekst=nieuw, woo=None, passage=None))
    return uit


def gepubliceerde_tekst(tekst: str, woo: WooContext, *, kop: bool = False) -> tuple[str, set[str]]:
    """One text of the Markdown dialect as its publication reads (paragraphs, then footnotes,
    one per line), and the grounds applied: the same redaction as the Word and HTML Woo
    versions, for those who need the text without a package (the Woo package's inventory)."""
    redacteur = Redacteur.voor(woo)
    redacteur.dicht_bij_markering = markeringsfout(tekst, kop=kop) is not None
    pars = [kop_par(tekst, 1)] if kop else tekst_pars(tekst)
    regels, noten = [], []
    for par in pars:
        inhoud = publiceer_inline(par.inhoud, redacteur)
        regels.append("".join(d.tekst for d in inhoud if isinstance(d, Stuk)))
        noten += ["".join(s.tekst for s in d.inhoud) for d in inhoud if isinstance(d, Noot)]
    return "\n".join(regels + noten), {c for c in redacteur.gebruikt if c}


def heeft_misvormde_markering(doc: DocumentWeergave) -> bool:
    """Whether any Markdown of the document holds a marker the parser does not take (only text
    stored before markers were checked on write can): then its publication fails closed."""
    teksten = [(s.tekst, False) for s in doc.secties] + [(s.kop or "", True) for s in doc.secties]
    if doc.blokken is not None:
        for punt in doc.blokken.nb_punten:
            teksten += [(punt.context_voor, False), (punt.passage, False), (punt.context_na, False)]
            teksten += [(v.tekst, False) for v in punt.voorstellen]
    return any(markeringsfout(tekst, kop=kop) is not None for tekst, kop in teksten if "woo" in tekst.lower())


def gemarkeerde_gronden(doc: DocumentWeergave) -> list[str]:
    codes = {code for s in doc.secties for _, _, code in md.woo_passages(s.tekst)}
    return sorteer_gronden(codes)


# --- layouts ----------------------------------------------------------------------------------------


def bouw(doc: DocumentWeergave, woo: WooContext | None = None) -> Opbouw:
    if woo is None:
        return _opmaak(Opbouw(doc, False, gemarkeerde_gronden(doc)))
    redacteur = Redacteur.voor(woo)
    redacteur.dicht_bij_markering = heeft_misvormde_markering(doc)
    publiek = publicatieversie(doc, redacteur)
    # The nota names the grounds used, which are known once everything is redacted: lay out
    # again until they no longer change (at most twice more; repeated paragraphs come from the
    # redacteur's cache).
    gronden: list[str] = []
    while True:
        opbouw = _opmaak(Opbouw(publiek, True, gronden))
        publiceer(opbouw, redacteur)
        gebruikt = sorteer_gronden(c for c in redacteur.gebruikt if c)
        if gebruikt == gronden:
            return opbouw
        gronden = gebruikt


def _opmaak(opbouw: Opbouw) -> Opbouw:
    if opbouw.doc.soort == "kamerbrief":
        _kamerbrief(opbouw)
    elif opbouw.doc.soort == "beslisnota":
        _beslisnota(opbouw)
    else:
        _bijlage(opbouw)
    return opbouw


def _regel(tekst: str, stijl: str = "Briefhoofd", *, vet: bool = False, rol: str | None = None, **kw) -> Par:
    return Par([Stuk(tekst, vet=vet)], stijl, rol=rol, **kw)


def briefhoofd(doc: DocumentWeergave) -> list[Blok]:
    """Addressee, Datum and Betreft of a Kamerbrief."""
    adres = [_regel(r, rol="adres") for r in TWEEDE_KAMER]
    adres[0].voor = 567
    datum = Par([Stuk("Datum"), Stuk("\t" + datum_nl(doc.datum))], "Briefhoofd", voor=1134, rol="datum")
    betreft = Par([Stuk("Betreft"), Stuk("\t" + doc.titel)], "Briefhoofd", na=540, rol="betreft")
    return [*adres, datum, betreft]


def colofon(doc: DocumentWeergave) -> list[tuple[str, str]]:
    regels = [("", doc.penvoerder_naam)]
    if doc.kenmerk:
        regels.append(("Ons kenmerk", doc.kenmerk))
    if doc.bijlagen:
        regels.append(("Bijlage(n)", "; ".join(doc.bijlagen)))
    return regels


def _kamerbrief(o: Opbouw) -> None:
    doc = o.doc
    o.colofon = colofon(doc)
    o.kop = briefhoofd(doc)
    for sectie in doc.secties:
        o.romp.extend(sectie_pars(sectie))
    functie = doc.ondertekenaar_functie.strip()
    if functie and not functie.endswith(","):
        functie += ","
    o.slot = [_regel(functie, voor=540, keep_next=True, rol="ondertekening")]
    if doc.ondertekenaar:
        o.slot.append(_regel(doc.ondertekenaar, voor=1080, rol="ondertekenaar"))


def _bijlage(o: Opbouw) -> None:
    doc = o.doc
    o.kop = [Par([Stuk(doc.titel)], "Title"), _regel(f"{doc.penvoerder_naam}, {datum_nl(doc.datum)}", na=540)]
    for sectie in doc.secties:
        o.romp.extend(sectie_pars(sectie))


# --- the beslisnota ---------------------------------------------------------------------------------

NOTA_BREEDTE = 8504  # text width of a nota (15 cm) in twips

_IS_VRAAG = re.compile(r"^(aan de minister\b.*\bgevraagd|geadviseerd besluit)", re.IGNORECASE)
_IS_NB = re.compile(r"^nb[- ]?punt(en)?$", re.IGNORECASE)
_IS_AFSTEMMING = re.compile(r"^proces van afstemming", re.IGNORECASE)
_IS_KERN = re.compile(r"^kern$", re.IGNORECASE)
_IS_WOO = re.compile(r"^informatie die niet openbaar", re.IGNORECASE)

OORDELEN = {
    "akkoord": "Akkoord",
    "akkoord_met_opmerkingen": "Akkoord met opmerkingen",
    "niet_akkoord": "Niet akkoord",
}
RONDE_STATUS = {
    "open": "de afstemmingsronde loopt nog",
    "afgerond": "de afstemmingsronde is afgerond",
    "verlopen": "de termijn van de afstemmingsronde is verstreken",
}
NIVEAUS = {"dg": "DG", "sg": "SG", "pdg": "pDG", "psg": "pSG", "plv_dg": "plv. DG"}


def _cel(tekst: str, *, vet: bool = False) -> list[Par]:
    return [Par([Stuk(tekst, vet=vet)], "Briefhoofd")]


def nota_kop(doc: DocumentWeergave) -> list[Blok]:
    blokken: list[Blok] = [Par([Stuk("Beslisnota")], "Title"), Par([Stuk(doc.titel)], "Subtitle")]
    aan = doc.ondertekenaar_functie.strip().rstrip(",")
    rijen = []
    if aan:
        rijen.append(("Aan", aan[:1].lower() + aan[1:]))
    rijen.append(("Van", doc.penvoerder_naam))
    rijen.append(("Datum", datum_nl(doc.datum)))
    if doc.kenmerk:
        rijen.append(("Kenmerk", doc.kenmerk))
    if doc.blokken is not None:
        rijen.append(("Bij", f"Kamerbrief {doc.blokken.kamerbrief_titel}"))
    blokken.append(Tabel([1701, NOTA_BREEDTE - 1701], [[_cel(a, vet=True), _cel(b)] for a, b in rijen], koprij=False))
    if doc.blokken is not None and doc.blokken.parafen:
        blokken.append(Par([Stuk("Parafenlijn", vet=True)], "Briefhoofd", voor=270, na=60, keep_next=True))
        blokken.append(parafen_tabel(doc.blokken.parafen))
    blokken.append(Par([], "Briefhoofd", na=270))
    return blokken


def parafen_tabel(parafen: list[ParafRegel]) -> Tabel:
    rijen = [[_cel("Niveau"), _cel("Naam"), _cel("Geparafeerd op"), _cel("Status")]]
    for p in parafen:
        niveau = NIVEAUS.get(p.niveau.lower(), p.niveau[:1].upper() + p.niveau[1:])
        if p.naam is None or p.tijdstip is None:
            status, wanneer = "nog niet geparafeerd", "–"
        else:
            status = "geparafeerd" if p.geldig else "vervallen (tekst daarna gewijzigd)"
            wanneer = tijdstip_nl(p.tijdstip)
        rijen.append([_cel(niveau), _cel(p.naam or "–"), _cel(wanneer), _cel(status)])
    return Tabel([1701, 2552, 2268, NOTA_BREEDTE - 6521], rijen)


def afstemming_blokken(blokken: BeslisnotaBlokken) -> list[Blok]:
    if not blokken.afstemming:
        return [Par([Stuk("Over deze Kamerbrief is nog geen afstemmingsronde gestart.", cursief=True)])] + _dissent_blokken(
            blokken
        )
    zin = "Stand van de interdepartementale afstemming"
    if blokken.ronde_status:
        zin += f": {RONDE_STATUS.get(blokken.ronde_status, 'de afstemmingsronde is ' + blokken.ronde_status)}"
    if blokken.ronde_termijn:
        zin += f" (termijn {tijdstip_nl(blokken.ronde_termijn)})"
    rijen = [[_cel("Departement"), _cel("Oordeel"), _cel("Datum"), _cel("Nog geldig")]]
    for r in blokken.afstemming:
        oordeel = _cel(OORDELEN.get(r.oordeel or "", "Nog geen reactie"))
        if r.opmerkingen:
            oordeel.append(Par([Stuk(r.opmerkingen, cursief=True)], "Briefhoofd"))
        geldig = "–" if r.oordeel is None else ("ja" if r.geldig else "nee, tekst daarna gewijzigd")
        wanneer = tijdstip_nl(r.tijdstip) if r.tijdstip else "–"
        rijen.append([_cel(_departement(r)), oordeel, _cel(wanneer), _cel(geldig)])
    return [
        Par([Stuk(zin + ":")], keep_next=True, na=120),
        Tabel([2835, 2268, 2268, NOTA_BREEDTE - 7371], rijen),
        *_dissent_blokken(blokken),
        Par([], "Briefhoofd", na=270),
    ]


def _dissent_blokken(blokken: BeslisnotaBlokken) -> list[Blok]:
    """Dissent that still stands, and dissent the bewindspersoon set aside (with the reden)."""
    uit: list[Blok] = []
    for tekst in blokken.standhoudend:
        uit.append(Par([Stuk("Bezwaar: ", vet=True), Stuk(tekst[:1].upper() + tekst[1:] + ".")]))
    for a in blokken.afwijkingen:
        naam = a.departement_naam.removeprefix("Ministerie van ").strip() or a.departement
        wie = a.door or "De bewindspersoon"
        uit.append(
            Par(
                [
                    Stuk("Afwijking: ", vet=True),
                    Stuk(
                        f"{wie} heeft op {tijdstip_nl(a.tijdstip)} het bezwaar van {naam} ({a.departement}) terzijde gelegd. Reden: "
                    ),
                    Stuk(a.reden, cursief=True),
                ]
            )
        )
    return uit


def _departement(r: AfstemmingRegel) -> str:
    naam = r.departement_naam.removeprefix("Ministerie van ").strip()
    return f"{naam} ({r.departement})" if naam and naam != r.departement else r.departement


def _zonder_open_noot(tekst: str) -> str:
    """Drop a footnote cut off at the end ("... ^[half a note"): from the first "^[" after the
    last "]" on. (A regex did the same in quadratic time on "^[^[^[...]".)"""
    laatste_sluit = tekst.rfind("]")
    open_ = tekst.find("^[", laatste_sluit + 1)
    return tekst[:open_] if open_ >= 0 else tekst


def _zonder_sluit_noot(tekst: str) -> str:
    """Drop the tail of a footnote cut off at the start ("rest of a note] ..."): up to the
    first "]" when no "[" comes before it."""
    sluit = tekst.find("]")
    if sluit >= 0 and "[" not in tekst[:sluit]:
        return tekst[sluit + 1 :]
    return tekst


def _fragment(tekst: str, *, begin: bool) -> list[Inline]:
    """Context around a disputed passage: cut-off footnote markup removed, footnotes dropped."""
    tekst = _zonder_open_noot(tekst) if begin else _zonder_sluit_noot(tekst)
    tekst = re.sub(r"\s+", " ", tekst)  # keeps one space at either end: words stay apart
    return [s for s in stukken(md.parse_inline(tekst)) if isinstance(s, Stuk)]


def nb_punt_blokken(nummer: int, punt: NbPunt) -> list[Blok]:
    zin = punt.samenvatting.strip()
    if punt.status == "geescaleerd":
        zin += " Het geschil is aan u voorgelegd ter besluitvorming."
    if punt.reactietermijn and punt.status == "open":
        # An escalated or decided dispute has no termijn running any more.
        zin += f" De reactietermijn loopt tot {tijdstip_nl(punt.reactietermijn)}."
    blokken: list[Blok] = [Par([Stuk(f"NB {nummer}", vet=True), Stuk(" " + zin.strip())], keep_next=True)]
    citaat: list[Inline] = [Stuk("(…) ")]
    voor = _fragment(punt.context_voor.lstrip(), begin=True)
    citaat += voor
    if punt.passage:
        # The disputed passage in bold, so the minister sees which words are at stake.
        citaat += [dataclasses.replace(s, vet=True) for s in _fragment(punt.passage, begin=True)]
    na = _fragment(punt.context_na.rstrip(), begin=False)
    if na:
        citaat += na
        citaat.append(Stuk(" (…)"))
    if isinstance(citaat[-1], Stuk):
        citaat[-1] = dataclasses.replace(citaat[-1], tekst=citaat[-1].tekst.rstrip())
    blokken.append(Par([s for s in citaat if isinstance(s, Noot) or s.tekst], keep_next=True))
    for voorstel in punt.voorstellen:
        blokken.append(Par([Stuk(f"Tekstvoorstel {korte_naam(voorstel.departement)}", vet=True)], "Briefhoofd", keep_next=True))
        if voorstel.tekst.strip():
            blokken.extend(tekst_pars(voorstel.tekst))
        else:
            blokken.append(Par([Stuk("De passage schrappen.", cursief=True)]))
    if punt.besluit is not None:
        blokken.extend(nb_besluit_blokken(punt))
    return blokken


def nb_besluit_blokken(punt: NbPunt) -> list[Blok]:
    """The record of the decision: by whom, when, which wording (quoted)."""
    b = punt.besluit
    wie = b.door or "De bewindspersoon"
    if b.gekozen_departement:
        keuze = f"gekozen voor het tekstvoorstel van {korte_naam(b.gekozen_departement)}"
    else:
        keuze = "besloten tot een eigen formulering"
    blokken: list[Blok] = [
        Par([Stuk("Besluit", vet=True)], "Briefhoofd", keep_next=True),
        Par([Stuk(f"{wie} heeft op {tijdstip_nl(b.tijdstip)} {keuze}:")], keep_next=True),
    ]
    if b.tekst.strip():
        blokken.extend(tekst_pars(b.tekst))
    else:
        blokken.append(Par([Stuk("De passage schrappen.", cursief=True)]))
    if b.toelichting:
        blokken.append(Par([Stuk("Toelichting: ", cursief=True), Stuk(b.toelichting, cursief=True)]))
    return blokken


def afhankelijkheid_zin(a: AfhankelijkheidPunt) -> list[Inline]:
    """An afhankelijkheid as an NB point: what must come first, and where it stands."""
    zin = a.omschrijving.strip()
    delen: list[Inline] = [Stuk(zin)]
    if a.document_titel:
        doel = f"{a.document_titel}" + (f" ({korte_naam(a.document_penvoerder)})" if a.document_penvoerder else "")
        vereist = STATUS_NL.get(a.vereiste_status or "", a.vereiste_status or "")
        if a.status == "vervuld":
            delen.append(
                Stuk(
                    f" Vervuld: {doel} is {vereist}" + (f" ({datum_nl(_datum(a.afgehandeld_op))})." if a.afgehandeld_op else ".")
                )
            )
        else:
            delen.append(
                Stuk(
                    f" Wacht op: {doel} moet {vereist} zijn"
                    + (f", verwacht op {datum_nl(a.verwacht_op)}." if a.verwacht_op else ".")
                )
            )
    elif a.status == "vervuld":
        delen.append(
            Stuk(
                " Vervuld"
                + (f" op {datum_nl(_datum(a.afgehandeld_op))}" if a.afgehandeld_op else "")
                + (f": {a.toelichting}" if a.toelichting else ".")
            )
        )
    elif a.verwacht_op:
        delen.append(Stuk(f" Verwacht op {datum_nl(a.verwacht_op)}."))
    return delen


def _datum(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date() if moment.tzinfo else moment.date()


STATUS_NL = {
    "concept": "in concept",
    "in_afstemming": "in afstemming",
    "afgestemd": "afgestemd",
    "in_parafering": "in parafering",
    "vastgesteld": "vastgesteld",
    "verzonden": "verzonden",
}


def vraag_pars(sectie: SectieWeergave, punten: list[BeslispuntWeergave]) -> list[Par]:
    """The "Aan de minister wordt gevraagd" section with each point's besluit right under it
    (a nested item): besluit, aantekening, the bewindspersoon's name and the date."""
    per_nummer = {p.nummer: p for p in punten}
    pars = [kop_par(sectie.kop, sectie.niveau)] if sectie.kop else []
    nummer = 0
    for blok in md.parse(sectie.tekst):
        if isinstance(blok, md.Alinea):
            pars.append(Par(stukken(blok.inhoud), "Normal"))
            continue
        lijst_stijl = "ListNumber" if blok.genummerd else "ListBullet"
        items = list(blok.items)
        for i, item in enumerate(items):
            plaats = LijstPlaats(blok.genummerd, item.genummerd, item.niveau, item.nummer)
            pars.append(Par(stukken(item.inhoud), lijst_stijl, plaats))
            if puntregels.is_punt(item):
                nummer += 1
            # After the point's last nested item: its besluit.
            volgende = items[i + 1] if i + 1 < len(items) else None
            if volgende is None or puntregels.is_punt(volgende):
                punt = per_nummer.get(nummer)
                if punt is not None and punt.besluit is not None:
                    pars.extend(besluit_pars(punt, blok.genummerd))
    return pars


def besluit_pars(punt: BeslispuntWeergave, lijst_genummerd: bool) -> list[Par]:
    plaats = LijstPlaats(lijst_genummerd, False, 1)
    wie = ", ".join(x for x in (punt.door, datum_nl(_datum(punt.tijdstip)) if punt.tijdstip else None) if x)
    pars = [
        Par(
            [Stuk("Besluit: ", vet=True), Stuk(puntregels.BESLUIT_NL.get(punt.besluit, punt.besluit), vet=True)]
            + ([Stuk(f" ({wie})")] if wie else []),
            "ListBullet",
            plaats,
            rol="besluit",
        )
    ]
    if punt.aantekening:
        pars.append(Par([Stuk("Aantekening: ", cursief=True), Stuk(punt.aantekening)], "ListBullet", plaats, rol="aantekening"))
    return pars


def woo_blokken(gronden: list[str], publicatie: bool) -> list[Blok]:
    if not gronden:
        return []
    zin = (
        "In deze openbare versie is informatie weggelaten op grond van de volgende bepalingen van de Wet open overheid:"
        if publicatie
        else "Bij openbaarmaking wordt informatie weggelaten op grond van de volgende bepalingen van de Wet open overheid:"
    )
    pars: list[Blok] = [Par([Stuk(zin)], keep_next=True)]
    for code in gronden:
        pars.append(
            Par(
                [Stuk(f"{code} Woo", vet=True), Stuk(f": {grond_omschrijving(code)}")], "ListBullet", LijstPlaats(False, False, 0)
            )
        )
    return pars


def _beslisnota(o: Opbouw) -> None:
    doc = o.doc
    o.kop = nota_kop(doc)
    secties = list(doc.secties)
    # The static NB points (one per paragraph, numbered after the generated ones).
    statisch: list[Par] = []
    for s in secties:
        if s.kop and _IS_NB.match(s.kop.strip()):
            for par in tekst_pars(s.tekst):
                par.stijl, par.lijst = "Normal", None
                statisch.append(par)
    gegenereerd = doc.blokken.nb_punten if doc.blokken else []
    afhankelijk = doc.blokken.afhankelijkheden if doc.blokken else []

    def nb_blok() -> list[Blok]:
        uit: list[Blok] = []
        nummer = 0
        for punt in gegenereerd:
            nummer += 1
            uit.extend(nb_punt_blokken(nummer, punt))
        for a in afhankelijk:
            nummer += 1
            uit.append(Par([Stuk(f"NB {nummer}", vet=True), Stuk(" "), *afhankelijkheid_zin(a)]))
        for par in statisch:
            nummer += 1
            par.inhoud = [Stuk(f"NB {nummer}", vet=True), Stuk(" "), *par.inhoud]
            uit.append(par)
        return uit

    def plek(patroon: re.Pattern[str]) -> int | None:
        return next((i for i, s in enumerate(secties) if s.kop and patroon.match(s.kop.strip())), None)

    def einde_van(index: int) -> int:
        """Index of the last section belonging to section `index` (its subsections included)."""
        einde = index
        while einde + 1 < len(secties) and secties[einde + 1].niveau > secties[index].niveau:
            einde += 1
        return einde

    nb_na = plek(_IS_VRAAG)
    if nb_na is None:
        nb_na = plek(_IS_NB)
    if nb_na is None:
        kern = plek(_IS_KERN)
        nb_na = (kern - 1) if kern is not None else 0
    afstemming_na = plek(_IS_AFSTEMMING)
    if afstemming_na is None and (kern := plek(_IS_KERN)) is not None:
        afstemming_na = einde_van(kern)
    woo_na = plek(_IS_WOO)

    na: dict[int, list[Blok]] = {}
    nb = nb_blok()
    if nb:
        na.setdefault(nb_na, []).extend(nb)
    if doc.blokken is not None:
        blok = afstemming_blokken(doc.blokken)
        if afstemming_na is None:
            afstemming_na = woo_na - 1 if woo_na else len(secties) - 1
        na.setdefault(afstemming_na, []).extend(blok)
    woo = woo_blokken(o.gronden, o.woo)
    if woo and woo_na is not None:
        na.setdefault(woo_na, []).extend(woo)

    if not secties:
        o.romp.extend(na.get(0, []) + na.get(-1, []))
    for i, s in enumerate(secties):
        if i == 0:
            o.romp.extend(na.get(-1, []))
        if puntregels.is_vraagkop(s.kop):
            o.romp.extend(vraag_pars(s, doc.beslispunten))
        elif not (s.kop and _IS_NB.match(s.kop.strip())):
            o.romp.extend(sectie_pars(s))
        o.romp.extend(na.get(i, []))
    if woo and woo_na is None:
        o.romp.append(kop_par("Informatie die niet openbaar gemaakt kan worden", 1))
        o.romp.extend(woo)
