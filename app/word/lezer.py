"""The one Word reader: WordprocessingML read with lxml into paragraphs of runs that remember
everything the import and the retour need.

Read: paragraphs in the body, in tables (cell by cell), in content controls (w:sdt; a block
control tagged `paraaf:sectie:{id}:{versie}` marks the section its paragraphs belong to, a run
control tagged `paraaf:woo:{code}` a Woo passage), in text boxes (once: the DrawingML choice of
mc:AlternateContent, never also its VML fallback); runs inside hyperlinks, fields, smart tags
and custom XML; footnotes and endnotes (as footnotes) with their own tracked changes; tracked
changes (w:ins, w:del, w:moveFrom, w:moveTo, inserted or deleted paragraph marks, formatting
changes in w:rPrChange); comments with their ranges and replies (commentsExtended.xml); list
numbering from numbering.xml, direct or through the paragraph style; headings by style name or
outline level, through the style's basedOn chain.

Every text character gets a global index (`bron`); `staat[bron]` names the tracked change it is
part of (-1: none). `weergave(lezing, "oud" | "nieuw")` gives the text as it was before the
tracked changes or with all of them accepted, as workflow.dialect blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from app.word.pakket import Pakket, W, WordFout
from workflow.dialect import Blok, Noot, Stuk

_W = f"{{{W}}}"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
WPS_TXBX = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx"
V_TEXTBOX = "{urn:schemas-microsoft-com:vml}textbox"
MAX_AUTEUR = 255  # Word's own limit on w:author


def w(naam: str) -> str:
    return _W + naam


@dataclass
class Wijziging:
    """One tracked change mark."""

    soort: str  # ins | del | moveFrom | moveTo
    auteur: str
    tijdstip: datetime | None
    id: str | None
    naam: str | None = None  # a move's name (pairs moveFrom with moveTo)


@dataclass
class Commentaar:
    id: str
    auteur: str
    tijdstip: datetime | None
    tekst: str
    para_ids: list[str] = field(default_factory=list)
    ouder: str | None = None  # the comment this one replies to
    begin: int | None = None  # global character index where its range starts
    eind: int | None = None  # ... and ends (exclusive)
    punt: int | None = None  # where its reference mark stands


@dataclass
class WStuk:
    """A run of text: its formatting now and before a tracked formatting change, its state."""

    tekst: str
    bron: int
    vet: bool
    cursief: bool
    vet_oud: bool
    cursief_oud: bool
    wijziging: int  # index in Lezing.wijzigingen, -1: none
    woo: str | None = None


@dataclass
class WNoot:
    inhoud: list[WStuk]
    bron: int
    wijziging: int
    eindnoot: bool


@dataclass
class WAlinea:
    inhoud: list[WStuk | WNoot]
    kopniveau: int  # 1-3 a heading, 0 text
    lijst: tuple[bool, int, str] | None  # (numbered, level, numId)
    sectie: str | None  # tag of the enclosing paraaf content control
    markering: int  # tracked change of the paragraph mark (-1: none)
    stijl: str


@dataclass
class Melding:
    soort: str
    tekst: str
    reden: str = ""


@dataclass
class Lezing:
    alineas: list[WAlinea] = field(default_factory=list)
    wijzigingen: list[Wijziging] = field(default_factory=list)
    staat: list[int] = field(default_factory=list)  # per global character: change index or -1
    commentaren: dict[str, Commentaar] = field(default_factory=dict)
    eigenschappen: dict[str, str] = field(default_factory=dict)
    bijhouden: bool = False  # settings.xml w:trackRevisions
    meldingen: list[Melding] = field(default_factory=list)  # read, but said so (endnotes, tables ...)
    niet_verwerkt: list[Melding] = field(default_factory=list)  # what the text model cannot hold
    opmaakwijzigingen: int = 0
    nummering: _Nummering | None = None  # the file's list definitions (start values)


def _aan(element: etree._Element | None) -> bool:
    if element is None:
        return False
    waarde = element.get(w("val"))
    return waarde is None or waarde.lower() not in ("0", "false", "off", "none")


def _tijdstip(waarde: str | None) -> datetime | None:
    if not waarde:
        return None
    try:
        moment = datetime.fromisoformat(waarde.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return moment


def _auteur(element: etree._Element) -> str:
    return (element.get(w("author")) or "").strip()[:MAX_AUTEUR]


# --- styles and numbering ---------------------------------------------------------------------


@dataclass
class _Stijl:
    naam: str
    basis: str | None
    outline: int | None
    num: tuple[str, int] | None  # (numId, ilvl)
    vet: bool | None
    cursief: bool | None


def _start(element: etree._Element | None) -> int | None:
    """A w:start / w:startOverride value; Word's own range is 0..32767, anything else is ignored."""
    if element is None:
        return None
    try:
        waarde = int(element.get(w("val")) or "")
    except ValueError:
        return None
    return waarde if 0 <= waarde <= 32767 else None


def _ilvl(waarde: str | None) -> int:
    try:
        niveau = int(waarde or "0")
    except ValueError:
        raise WordFout(f"een lijst heeft een ongeldig niveau ('{(waarde or '')[:20]}')") from None
    if not 0 <= niveau <= 8:
        raise WordFout(f"een lijst heeft een ongeldig niveau ({niveau}; Word kent 0 tot en met 8)")
    return niveau


class _Stijlen:
    def __init__(self, wortel: etree._Element | None):
        self.stijlen: dict[str, _Stijl] = {}
        self.standaard: str | None = None
        if wortel is None:
            return
        for s in wortel.iter(w("style")):
            sid = s.get(w("styleId")) or ""
            naam = s.find(w("name"))
            basis = s.find(w("basedOn"))
            ppr = s.find(w("pPr"))
            rpr = s.find(w("rPr"))
            outline = num = None
            if ppr is not None:
                o = ppr.find(w("outlineLvl"))
                if o is not None and (o.get(w("val")) or "").isdigit():
                    outline = int(o.get(w("val")))
                numpr = ppr.find(w("numPr"))
                if numpr is not None:
                    nid = numpr.find(w("numId"))
                    lvl = numpr.find(w("ilvl"))
                    if nid is not None:
                        num = (nid.get(w("val")) or "0", _ilvl(lvl.get(w("val")) if lvl is not None else "0"))
            self.stijlen[sid] = _Stijl(
                naam=(naam.get(w("val")) if naam is not None else sid) or sid,
                basis=basis.get(w("val")) if basis is not None else None,
                outline=outline,
                num=num,
                vet=_aan(rpr.find(w("b"))) if rpr is not None and rpr.find(w("b")) is not None else None,
                cursief=_aan(rpr.find(w("i"))) if rpr is not None and rpr.find(w("i")) is not None else None,
            )
            if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true"):
                self.standaard = sid

    def keten(self, sid: str | None):
        gezien = set()
        while sid and sid in self.stijlen and sid not in gezien:
            gezien.add(sid)
            yield self.stijlen[sid]
            sid = self.stijlen[sid].basis

    def kopniveau(self, sid: str | None, eigen_outline: int | None) -> int:
        for stijl in self.keten(sid):
            naam = stijl.naam.lower().strip()
            if naam == "title":
                return 1
            if naam.startswith("heading "):
                deel = naam.removeprefix("heading ").strip()
                if deel.isdigit():
                    n = int(deel)
                    return n if 1 <= n <= 3 else 0
        outline = eigen_outline
        if outline is None:
            outline = next((s.outline for s in self.keten(sid) if s.outline is not None), None)
        return outline + 1 if outline is not None and outline <= 2 else 0

    def num(self, sid: str | None) -> tuple[str, int] | None:
        return next((s.num for s in self.keten(sid) if s.num is not None), None)

    def naam(self, sid: str | None) -> str:
        return self.stijlen[sid].naam if sid in self.stijlen else (sid or "")


class _Nummering:
    def __init__(self, wortel: etree._Element | None):
        self.abstract: dict[str, dict[int, str]] = {}
        self.nums: dict[str, str] = {}
        self.overrides: dict[str, dict[int, str]] = {}
        # Start values (w:start, w:startOverride): a list that starts at 2 reads back as "2.".
        self.abstract_start: dict[str, dict[int, int]] = {}
        self.start_overrides: dict[str, dict[int, int]] = {}
        if wortel is None:
            return
        for a in wortel.iter(w("abstractNum")):
            niveaus = {}
            starts = {}
            for lvl in a.findall(w("lvl")):
                fmt = lvl.find(w("numFmt"))
                niveau = _ilvl(lvl.get(w("ilvl")))
                niveaus[niveau] = fmt.get(w("val")) if fmt is not None else "decimal"
                if (start := _start(lvl.find(w("start")))) is not None:
                    starts[niveau] = start
            self.abstract[a.get(w("abstractNumId")) or ""] = niveaus
            self.abstract_start[a.get(w("abstractNumId")) or ""] = starts
        for n in wortel.iter(w("num")):
            aid = n.find(w("abstractNumId"))
            nid = n.get(w("numId")) or ""
            self.nums[nid] = aid.get(w("val")) if aid is not None else ""
            for o in n.findall(w("lvlOverride")):
                niveau = _ilvl(o.get(w("ilvl")))
                lvl = o.find(w("lvl"))
                if lvl is not None and lvl.find(w("numFmt")) is not None:
                    self.overrides.setdefault(nid, {})[niveau] = lvl.find(w("numFmt")).get(w("val"))
                start = _start(o.find(w("startOverride")))
                if start is None and lvl is not None:
                    start = _start(lvl.find(w("start")))
                if start is not None:
                    self.start_overrides.setdefault(nid, {})[niveau] = start

    def start(self, num_id: str, niveau: int) -> int:
        """The number a list's first item at `niveau` gets (1 unless the file says otherwise)."""
        if niveau in self.start_overrides.get(num_id, {}):
            return self.start_overrides[num_id][niveau]
        return self.abstract_start.get(self.nums.get(num_id, ""), {}).get(niveau, 1)

    def genummerd(self, num_id: str, niveau: int) -> bool | None:
        """True numbered, False bullets, None: no list (numId 0 or unknown, format none)."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        fmt = self.overrides.get(num_id, {}).get(niveau) or self.abstract.get(self.nums[num_id], {}).get(niveau, "decimal")
        if fmt == "none":
            return None
        return fmt != "bullet"


# --- the body ---------------------------------------------------------------------------------


@dataclass
class _Context:
    wijziging: int = -1
    woo: str | None = None
    sectie: str | None = None


class _Lezer:
    def __init__(self, pakket: Pakket, hoofd: str, lezing: Lezing):
        self.p = pakket
        self.hoofd = hoofd
        self.l = lezing
        stijlen = pakket.doel(hoofd, "styles", "de opmaakprofielen")
        self.stijlen = _Stijlen(pakket.xml(stijlen) if stijlen else None)
        nummering = pakket.doel(hoofd, "numbering", "de nummeringsdefinities")
        self.nummering = _Nummering(pakket.xml(nummering) if nummering else None)
        self.voetnoten = self._noten("footnotes", "footnote", "de voetnoten")
        self.eindnoten = self._noten("endnotes", "endnote", "de eindnoten")
        self.tekstvak_gemeld = False
        self.verplaatsing: dict[str, str | None] = {"moveFrom": None, "moveTo": None}  # open move ranges
        self.huidig: WAlinea | None = None
        self.na_alinea: list[WAlinea] = []  # text box paragraphs, placed after their anchor

    def _noten(self, soort: str, element: str, wat: str) -> dict[str, etree._Element]:
        deel = self.p.doel(self.hoofd, soort, wat)
        if deel is None:
            return {}
        wortel = self.p.xml(deel)
        if wortel.tag != w(soort):
            raise WordFout(f"{wat} van het Word-document zijn onleesbaar (verkeerd hoofdelement)")
        return {n.get(w("id")) or "": n for n in wortel.findall(w(element))}

    # characters

    def _tekens(self, tekst: str, wijziging: int) -> int:
        bron = len(self.l.staat)
        self.l.staat.extend([wijziging] * len(tekst))
        return bron

    def _wijziging(self, element: etree._Element, soort: str) -> int:
        naam = element.get(w("name")) or self.verplaatsing.get(soort)
        self.l.wijzigingen.append(
            Wijziging(soort, _auteur(element), _tijdstip(element.get(w("date"))), element.get(w("id")), naam)
        )
        return len(self.l.wijzigingen) - 1

    # blocks

    def bereik(self, kind: etree._Element) -> bool:
        """Move range marks (w:moveFromRangeStart ... End): the name pairs a move's two halves."""
        tag = kind.tag
        for soort in ("moveFrom", "moveTo"):
            if tag == w(soort + "RangeStart"):
                self.verplaatsing[soort] = (kind.get(w("name")) or "")[:100] or None
                return True
            if tag == w(soort + "RangeEnd"):
                self.verplaatsing[soort] = None
                return True
        return False

    def blokken(self, ouder: etree._Element, ctx: _Context) -> None:
        for kind in ouder:
            tag = kind.tag
            if self.bereik(kind):
                continue
            if tag == w("p"):
                self.alinea(kind, ctx)
            elif tag == w("tbl"):
                self.tabel(kind, ctx)
            elif tag == w("sdt"):
                tag_waarde = kind.find(f"{w('sdtPr')}/{w('tag')}")
                waarde = tag_waarde.get(w("val")) if tag_waarde is not None else None
                sub = ctx
                if waarde and waarde.startswith("paraaf:sectie:"):
                    sub = _Context(ctx.wijziging, ctx.woo, waarde)
                inhoud = kind.find(w("sdtContent"))
                if inhoud is not None:
                    self.blokken(inhoud, sub)
            elif tag in (w("customXml"), w("ins"), w("moveTo"), w("del"), w("moveFrom")):
                # Block-level wrappers (rare): read what is inside.
                self.blokken(kind, ctx)
            elif tag == f"{{{MC}}}AlternateContent":
                keuze = kind.find(f"{{{MC}}}Choice")
                if keuze is not None:
                    self.blokken(keuze, ctx)
            elif tag == w("altChunk"):
                self.l.niet_verwerkt.append(
                    Melding("ingesloten_document", "", "een ingesloten document (altChunk) wordt niet gelezen")
                )

    def tabel(self, tbl: etree._Element, ctx: _Context) -> None:
        complex_ = False
        for tc in tbl.iter(w("tc")):
            tcpr = tc.find(w("tcPr"))
            if tcpr is not None and (tcpr.find(w("gridSpan")) is not None or tcpr.find(w("vMerge")) is not None):
                complex_ = True
        if any(t is not tbl for t in tbl.iter(w("tbl"))):
            complex_ = True
        for rij in tbl.findall(w("tr")):
            for cel in rij.findall(w("tc")):
                self.blokken(cel, ctx)
        if complex_:
            self.l.niet_verwerkt.append(
                Melding(
                    "tabel",
                    "",
                    "een tabel met samengevoegde of geneste cellen: de tekst is per cel als alinea gelezen, de tabelvorm niet",
                )
            )
        else:
            self.l.meldingen.append(Melding("tabel", "een tabel is per cel als alinea's gelezen (de tekst kent geen tabellen)"))

    def alinea(self, p: etree._Element, ctx: _Context) -> None:
        ppr = p.find(w("pPr"))
        sid = None
        outline = None
        num = None
        markering = -1
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            sid = ps.get(w("val")) if ps is not None else None
            o = ppr.find(w("outlineLvl"))
            if o is not None and (o.get(w("val")) or "").isdigit():
                outline = int(o.get(w("val")))
            numpr = ppr.find(w("numPr"))
            if numpr is not None:
                nid = numpr.find(w("numId"))
                lvl = numpr.find(w("ilvl"))
                num = (nid.get(w("val")) if nid is not None else "0", _ilvl(lvl.get(w("val")) if lvl is not None else "0"))
            rpr = ppr.find(w("rPr"))
            if rpr is not None:
                for soort in ("ins", "del", "moveFrom", "moveTo"):
                    m = rpr.find(w(soort))
                    if m is not None:
                        markering = self._wijziging(m, soort)
            if ppr.find(w("pPrChange")) is not None:
                self.l.opmaakwijzigingen += 1
        sid = sid or self.stijlen.standaard
        if num is None:
            num = self.stijlen.num(sid)
        lijst = None
        if num is not None:
            soort = self.nummering.genummerd(num[0], num[1])
            if soort is not None:
                lijst = (soort, num[1], num[0])
        alinea = WAlinea([], self.stijlen.kopniveau(sid, outline), lijst, ctx.sectie, markering, self.stijlen.naam(sid))
        vorige, self.huidig = self.huidig, alinea
        wachtend, self.na_alinea = self.na_alinea, []
        self.runs(p, ctx, alinea.inhoud, stijl=sid)
        self.l.alineas.append(alinea)
        self.l.alineas.extend(self.na_alinea)
        self.huidig, self.na_alinea = vorige, wachtend

    # runs

    def runs(self, ouder: etree._Element, ctx: _Context, doel: list, *, stijl: str | None) -> None:
        for kind in ouder:
            tag = kind.tag
            if tag == w("r"):
                self.run(kind, ctx, doel, stijl)
            elif self.bereik(kind):
                continue
            elif tag in (w("ins"), w("del"), w("moveFrom"), w("moveTo")):
                soort = tag[len(_W) :]
                self.runs(kind, _Context(self._wijziging(kind, soort), ctx.woo, ctx.sectie), doel, stijl=stijl)
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"), w("dir"), w("bdo")):
                self.runs(kind, ctx, doel, stijl=stijl)
            elif tag == w("sdt"):
                t = kind.find(f"{w('sdtPr')}/{w('tag')}")
                waarde = t.get(w("val")) if t is not None else None
                sub = ctx
                if waarde and waarde.startswith("paraaf:woo:"):
                    sub = _Context(ctx.wijziging, waarde.removeprefix("paraaf:woo:")[:20], ctx.sectie)
                inhoud = kind.find(w("sdtContent"))
                if inhoud is not None:
                    self.runs(inhoud, sub, doel, stijl=stijl)
            elif tag == w("commentRangeStart"):
                c = self.l.commentaren.setdefault(kind.get(w("id")) or "", Commentaar(kind.get(w("id")) or "", "", None, ""))
                c.begin = len(self.l.staat)
            elif tag == w("commentRangeEnd"):
                c = self.l.commentaren.setdefault(kind.get(w("id")) or "", Commentaar(kind.get(w("id")) or "", "", None, ""))
                c.eind = len(self.l.staat)
            elif tag == f"{{{MC}}}AlternateContent":
                keuze = kind.find(f"{{{MC}}}Choice")
                if keuze is not None:
                    self.runs(keuze, ctx, doel, stijl=stijl)
            elif tag == "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath" or tag.endswith("}oMathPara"):
                self.l.niet_verwerkt.append(Melding("formule", "", "een formule wordt niet gelezen"))

    def run(self, r: etree._Element, ctx: _Context, doel: list, stijl: str | None) -> None:
        rpr = r.find(w("rPr"))
        # Direct formatting only: a style's own bold (headings, 'Strong') is not emphasis in the text.
        vet = cursief = False
        vet_oud, cursief_oud = vet, cursief
        if rpr is not None:
            if rpr.find(w("b")) is not None:
                vet = _aan(rpr.find(w("b")))
            if rpr.find(w("i")) is not None:
                cursief = _aan(rpr.find(w("i")))
            vet_oud, cursief_oud = vet, cursief
            wijz = rpr.find(w("rPrChange"))
            if wijz is not None:
                oud = wijz.find(w("rPr"))
                vet_oud = _aan(oud.find(w("b"))) if oud is not None else False
                cursief_oud = _aan(oud.find(w("i"))) if oud is not None else False
                self.l.opmaakwijzigingen += 1
        delen: list[str] = []

        def schrijf_tekst() -> None:
            if delen:
                tekst = "".join(delen)
                delen.clear()
                doel.append(
                    WStuk(tekst, self._tekens(tekst, ctx.wijziging), vet, cursief, vet_oud, cursief_oud, ctx.wijziging, ctx.woo)
                )

        for kind in r:
            tag = kind.tag
            if tag in (w("t"), w("delText")):
                delen.append(kind.text or "")
            elif tag in (w("tab"), w("ptab")):
                delen.append(" ")
            elif tag in (w("br"), w("cr")):
                delen.append(" ")
            elif tag == w("noBreakHyphen"):
                delen.append("-")
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                schrijf_tekst()
                eind = tag == w("endnoteReference")
                doel.append(self.noot(kind.get(w("id")) or "", eind, ctx))
            elif tag == w("commentReference"):
                c = self.l.commentaren.setdefault(kind.get(w("id")) or "", Commentaar(kind.get(w("id")) or "", "", None, ""))
                c.punt = len(self.l.staat)
            elif tag == w("sym"):
                self.l.niet_verwerkt.append(Melding("symbool", "", "een symbool uit een symboollettertype is weggelaten"))
            elif tag in (w("drawing"), w("pict"), w("object")):
                schrijf_tekst()
                self.tekening(kind, ctx)
            elif tag == f"{{{MC}}}AlternateContent":
                keuze = kind.find(f"{{{MC}}}Choice")
                if keuze is not None:
                    for sub in keuze:
                        if sub.tag in (w("drawing"), w("pict")):
                            schrijf_tekst()
                            self.tekening(sub, ctx)
        schrijf_tekst()

    def tekening(self, element: etree._Element, ctx: _Context) -> None:
        vakken = [t for t in element.iter(WPS_TXBX, V_TEXTBOX)]
        if not vakken:
            self.l.niet_verwerkt.append(
                Melding("afbeelding", "", "een afbeelding of object kan in de tekst niet worden opgenomen")
            )
            return
        for vak in vakken:
            inhoud = vak.find(w("txbxContent"))
            if inhoud is None:
                continue
            bewaar = self.l.alineas
            self.l.alineas = []
            vorige, self.huidig = self.huidig, None
            wachtend, self.na_alinea = self.na_alinea, []
            self.blokken(inhoud, ctx)
            gelezen = self.l.alineas
            self.l.alineas, self.huidig, self.na_alinea = bewaar, vorige, wachtend
            self.na_alinea.extend(gelezen)
        if not self.tekstvak_gemeld:
            self.tekstvak_gemeld = True
            self.l.meldingen.append(Melding("tekstvak", "de tekst van een tekstvak is als gewone alinea gelezen (één keer)"))

    def noot(self, noot_id: str, eind: bool, ctx: _Context) -> WNoot:
        bron = self._tekens("^", ctx.wijziging)  # the reference mark has a place of its own
        element = (self.eindnoten if eind else self.voetnoten).get(noot_id)
        if element is None:
            raise WordFout(f"{'eindnoot' if eind else 'voetnoot'} {noot_id[:20]} ontbreekt in het Word-document")
        inhoud: list = []
        for p in element.iter(w("p")):
            if inhoud:
                inhoud.append(WStuk(" ", self._tekens(" ", ctx.wijziging), False, False, False, False, ctx.wijziging))
            ppr = p.find(w("pPr"))
            sid = None
            if ppr is not None and ppr.find(w("pStyle")) is not None:
                sid = ppr.find(w("pStyle")).get(w("val"))
            self.runs(p, ctx, inhoud, stijl=sid)
        # A footnote's own number (footnoteRef) is no text; nested notes do not exist.
        return WNoot([s for s in inhoud if isinstance(s, WStuk)], bron, ctx.wijziging, eind)


def lees_pakket(pakket: Pakket) -> Lezing:
    hoofd = pakket.hoofddeel()
    lezing = Lezing()
    lezer = _Lezer(pakket, hoofd, lezing)
    body = pakket.xml(hoofd).find(w("body"))
    if body is None:
        raise WordFout("het Word-document heeft geen tekst (w:body ontbreekt)")
    lezer.blokken(body, _Context())
    lezing.nummering = lezer.nummering
    if lezer.eindnoten and any(isinstance(d, WNoot) and d.eindnoot for a in lezing.alineas for d in a.inhoud):
        lezing.meldingen.append(Melding("eindnoten", "eindnoten zijn als voetnoten gelezen"))
    lezing.eigenschappen = pakket.eigenschappen()
    instellingen = pakket.doel(hoofd, "settings", "de instellingen")
    if instellingen:
        lezing.bijhouden = pakket.xml(instellingen).find(w("trackRevisions")) is not None
    _commentaren(pakket, hoofd, lezing)
    return lezing


def _commentaren(pakket: Pakket, hoofd: str, lezing: Lezing) -> None:
    deel = pakket.doel(hoofd, "comments", "de opmerkingen")
    if deel is None:
        lezing.commentaren = {}
        return
    for c in pakket.xml(deel).findall(w("comment")):
        cid = c.get(w("id")) or ""
        alineas = c.findall(w("p"))
        tekst = " ".join(" ".join("".join(t.text or "" for t in p.iter(w("t"))).split()) for p in alineas).strip()
        bestaand = lezing.commentaren.get(cid) or Commentaar(cid, "", None, "")
        bestaand.auteur, bestaand.tijdstip, bestaand.tekst = _auteur(c), _tijdstip(c.get(w("date"))), tekst
        bestaand.para_ids = [p.get(f"{{{W14}}}paraId") for p in alineas if p.get(f"{{{W14}}}paraId")]
        lezing.commentaren[cid] = bestaand
    # Comments without text in comments.xml (only marks in the body) are no comments.
    lezing.commentaren = {k: c for k, c in lezing.commentaren.items() if c.auteur or c.tekst}
    uitgebreid = None
    for rel in pakket.relaties(hoofd):
        if rel.soort.endswith("/commentsExtended") and not rel.extern and rel.doel in pakket.namen:
            uitgebreid = rel.doel
    if uitgebreid is None:
        return
    per_para = {p: c.id for c in lezing.commentaren.values() for p in c.para_ids}
    for ex in pakket.xml(uitgebreid).iter(f"{{{W15}}}commentEx"):
        ouder = ex.get(f"{{{W15}}}paraIdParent")
        kind = per_para.get(ex.get(f"{{{W15}}}paraId") or "")
        if ouder and kind and ouder in per_para and per_para[ouder] != kind:
            lezing.commentaren[kind].ouder = per_para[ouder]


def lees(inhoud: bytes, *, max_uitgepakt: int) -> Lezing:
    """Read a .docx under the package bounds (app.word.pakket); WordFout (422) otherwise."""
    pakket = Pakket.open(inhoud, max_uitgepakt=max_uitgepakt)
    try:
        return lees_pakket(pakket)
    finally:
        pakket.archief.close()


# --- views ----------------------------------------------------------------------------------------


def weergave(lezing: Lezing, kant: str, alineas: list[WAlinea] | None = None) -> list[tuple[WAlinea, Blok]]:
    """Paragraphs as dialect blocks, before ("oud") or after ("nieuw") the tracked changes.

    A paragraph whose mark is not there in that view merges into the next one (whose
    properties it then has, as in Word). Each block is paired with the paragraph whose
    properties it carries."""
    weg = ("ins", "moveTo") if kant == "oud" else ("del", "moveFrom")
    wijz = lezing.wijzigingen

    def zichtbaar(index: int) -> bool:
        return index < 0 or wijz[index].soort not in weg

    lijst = lezing.alineas if alineas is None else alineas

    def merk_zichtbaar(index: int, alinea: WAlinea) -> bool:
        if zichtbaar(alinea.markering):
            return True
        if kant == "oud" and wijz[alinea.markering].soort == "ins" and index + 1 < len(lijst):
            # LibreOffice marks a paragraph mark inserted when text was added at the end of
            # the paragraph; a real new break (Word) is followed by a paragraph that is new too.
            volgende = lijst[index + 1]
            return any(not isinstance(d, WNoot) and d.tekst.strip() and d.wijziging < 0 for d in volgende.inhoud)
        return False

    uit: list[tuple[WAlinea, Blok]] = []
    wachtend: list = []
    geteld: dict[str, int] = {}  # outermost numbered items per numId so far: Word counts on across breaks
    for index, alinea in enumerate(lijst):
        inhoud = list(wachtend)
        wachtend = []
        for deel in alinea.inhoud:
            if not zichtbaar(deel.wijziging):
                continue
            if isinstance(deel, WNoot):
                inhoud.append(
                    Noot(
                        [_stuk(s, kant) for s in deel.inhoud if zichtbaar(s.wijziging)],
                        bron=deel.bron,
                        woo=None,
                    )
                )
            else:
                inhoud.append(_stuk(deel, kant))
        if not merk_zichtbaar(index, alinea):
            wachtend = inhoud
            continue
        soort = alinea.lijst
        nummer = None
        if soort is not None and soort[0] and soort[1] == 0:
            start = lezing.nummering.start(soort[2], 0) if lezing.nummering is not None else 1
            nummer = start + geteld.get(soort[2], 0)
            geteld[soort[2]] = geteld.get(soort[2], 0) + 1
        blok = Blok(
            inhoud, soort is not None, bool(soort and soort[0]), soort[1] if soort else 0, nummer, soort[2] if soort else None
        )
        uit.append((alinea, blok))
    if wachtend and uit:
        uit[-1][1].inhoud.extend(wachtend)
    return uit


def _stuk(s: WStuk, kant: str) -> Stuk:
    if kant == "oud":
        return Stuk(s.tekst, s.vet_oud, s.cursief_oud, s.woo, s.bron)
    return Stuk(s.tekst, s.vet, s.cursief, s.woo, s.bron)


def platte_tekst(stukken: list) -> str:
    return "".join(s.tekst for s in stukken if isinstance(s, Stuk))
