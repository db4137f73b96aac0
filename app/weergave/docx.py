"""Word (.docx) rendering of a Kamerbrief, beslisnota or bijlage on the house-style template.

The template (templates/huisstijl.docx, made by templates/maak_huisstijl.py) brings the styles,
fonts, settings, list styles and the footer "Pagina X van Y"; this module writes the document
body, footnotes (with their hyperlinks), one numbering definition per list (so each list
restarts), headers with the colofon, and the core and custom document properties.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.weergave import ooxml as ox
from app.weergave.model import DocumentWeergave, WooContext
from app.weergave.opbouw import NOTA_BREEDTE, Blok, LijstPlaats, Noot, Opbouw, Par, Stuk, Tabel, bouw, datum_nl, sectie_pars

SJABLOON = Path(__file__).resolve().parents[2] / "templates" / "huisstijl.docx"
WOO_MARKERING = "lightGray"  # internal version: passages withheld on publication


@functools.cache
def sjabloon() -> dict[str, bytes]:
    """The template's parts, read once per process (bytes are immutable: safe to share)."""
    with zipfile.ZipFile(SJABLOON) as z:
        return {naam: z.read(naam) for naam in z.namelist()}


@functools.cache
def pagina() -> dict[str, int]:
    """Page size and margins of the template's section (twips)."""
    document = sjabloon()["word/document.xml"].decode()
    waarden = {}
    for element in ("pgSz", "pgMar"):
        m = re.search(rf"<w:{element} ([^>]*)/>", document)
        assert m, f"sjabloon zonder w:{element}"
        waarden.update({k: int(v) for k, v in re.findall(r'w:(\w+)="(-?\d+)"', m.group(1))})
    return waarden


# --- blocks to WordprocessingML ------------------------------------------------------------------


@dataclass
class Schrijver:
    """Turns blocks into body XML; collects footnotes, list definitions and hyperlinks."""

    teller: ox.Teller = field(default_factory=ox.Teller)
    noten: list[str] = field(default_factory=list)
    noot_links: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    abstracts: list[str] = field(default_factory=list)
    nums: list[str] = field(default_factory=list)
    woo_markeren: bool = True
    # The afstemmingsversie: a Woo passage in a run content control tagged paraaf:woo:{code},
    # so the retour reads it back as the passage it was.
    woo_besturing: bool = False

    # inline content

    def inline(self, inhoud: list[Stuk | Noot], *, in_noot: bool = False) -> str:
        if not self.woo_besturing:
            return self._inline(inhoud, in_noot=in_noot)
        delen: list[str] = []
        i = 0
        while i < len(inhoud):
            woo = inhoud[i].woo if isinstance(inhoud[i], Stuk) else None
            j = i + 1
            while j < len(inhoud) and isinstance(inhoud[j], Stuk) and inhoud[j].woo == woo:
                j += 1
            xml = self._inline(inhoud[i:j], in_noot=in_noot)
            delen.append(ox.sdt_run(f"paraaf:woo:{woo}", xml) if woo else xml)
            i = j
        return "".join(delen)

    def _inline(self, inhoud: list[Stuk | Noot], *, in_noot: bool = False) -> str:
        delen: list[str] = []
        i = 0
        while i < len(inhoud):
            deel = inhoud[i]
            if isinstance(deel, Noot):
                delen.append(self.noot(deel))
                i += 1
                continue
            # A run of pieces with one link becomes one w:hyperlink; inside it, pieces with one
            # change mark share one w:ins / w:del.
            j = i
            while j < len(inhoud) and isinstance(inhoud[j], Stuk) and inhoud[j].link == deel.link:
                j += 1
            groep = [s for s in inhoud[i:j] if isinstance(s, Stuk)]
            runs = self._runs(groep)
            if deel.link:
                rid = self._link(deel.link, in_noot)
                runs = ox.hyperlink(rid, runs)
            delen.append(runs)
            i = j
        return "".join(delen)

    def _runs(self, groep: list[Stuk]) -> str:
        delen: list[str] = []
        i = 0
        while i < len(groep):
            w = groep[i].wijziging
            j = i
            while j < len(groep) and groep[j].wijziging == w:
                j += 1
            xml = "".join(self._run(s) for s in groep[i:j])
            delen.append(ox.in_wijziging(xml, w, self.teller))
            i = j
        return "".join(delen)

    def _run(self, s: Stuk) -> str:
        eig = ox.rpr(
            stijl="Hyperlink" if s.link else None,
            vet=s.vet,
            cursief=s.cursief,
            markeren=WOO_MARKERING if s.woo and self.woo_markeren else None,
        )
        return ox.run(s.tekst, eig, verwijderd=s.wijziging is not None and s.wijziging.soort == "del")

    def _link(self, url: str, in_noot: bool) -> str:
        lijst = self.noot_links if in_noot else self.links
        lijst.append(url)
        return f"rIdL{len(lijst)}"

    def noot(self, noot: Noot) -> str:
        noot_id = len(self.noten) + 1
        w = noot.wijziging
        nummer = ox.in_wijziging(ox.voetnootnummer(), w, self.teller)
        inhoud = [s if w is None else dataclasses.replace(s, wijziging=w) for s in noot.inhoud]
        self.noten.append(ox.voetnoot(noot_id, nummer + self.inline(inhoud, in_noot=True)))
        return ox.in_wijziging(ox.voetnootverwijzing(noot_id), w, self.teller)

    # blocks

    def blokken(self, blokken: list[Blok], *, frame: ox.Frame | None = None) -> str:
        delen: list[str] = []
        i = 0
        while i < len(blokken):
            blok = blokken[i]
            if isinstance(blok, Tabel):
                delen.append(self.tabel(blok))
                i += 1
                continue
            if blok.lijst is None:
                delen.append(self.par(blok, frame=frame))
                i += 1
                continue
            # One list: adjacent items whose outermost kind is the same. Each list gets its own
            # numbering definition so that numbering restarts.
            j = i
            while (
                j < len(blokken)
                and isinstance(blokken[j], Par)
                and blokken[j].lijst is not None
                and blokken[j].lijst.lijst_genummerd == blok.lijst.lijst_genummerd
            ):
                j += 1
            items = [b for b in blokken[i:j] if isinstance(b, Par)]
            num_id = self.lijst([b.lijst for b in items if b.lijst is not None])
            delen.extend(self.par(b, num=(num_id, b.lijst.niveau if b.lijst else 0)) for b in items)
            i = j
        return "".join(delen)

    def lijst(self, plaatsen: list[LijstPlaats]) -> int:
        soorten = [plaatsen[0].lijst_genummerd] * 9
        gezien: set[int] = set()
        for p in plaatsen:
            if p.niveau not in gezien:
                soorten[p.niveau] = p.genummerd
                gezien.add(p.niveau)
        start = plaatsen[0].nummer if plaatsen[0].genummerd and plaatsen[0].nummer else 1
        nummer = 10 + len(self.nums)
        self.abstracts.append(ox.abstract_num(nummer, soorten, start))
        self.nums.append(ox.num(nummer, nummer))
        return nummer

    def par(self, p: Par, *, num: tuple[int, int] | None = None, frame: ox.Frame | None = None) -> str:
        markering = ""
        if p.wijziging is not None:
            markering = f"<w:{p.wijziging.soort} {ox.wijziging_attr(p.wijziging, self.teller)}/>"
        tabs = (1134,) if p.rol in ("datum", "betreft") else ()
        eig = ox.ppr(
            stijl=None if p.stijl == "Normal" else p.stijl,
            keep_next=p.keep_next,
            frame=frame,
            num=num,
            tabs=tabs,
            voor=p.voor,
            na=p.na,
            links=1134 if tabs else None,
            hangend=1134 if tabs else None,
            markering=markering,
        )
        return ox.para(self.inline(p.inhoud), eig)

    def tabel(self, t: Tabel) -> str:
        rijen = [[self.blokken(cel) for cel in rij] for rij in t.rijen]
        return ox.tabel(t.kolommen, rijen, koprij=t.koprij)


# --- layout: headers, section, package ------------------------------------------------------------


def _colofon_pars(
    regels: list[tuple[str, str]], *, frame: ox.Frame | None = None, links: int | None = None, rechts: int | None = None
) -> str:
    """The colofon column: a frame on page 1 (body), an indented block in later headers
    (LibreOffice ignores the position of frames inside headers)."""
    delen = []
    for label, waarde in regels:
        if label:
            delen.append(ox.para(ox.run(label), ox.ppr(stijl="ColofonKop", frame=frame, links=links, rechts=rechts)))
            delen.append(ox.para(ox.run(waarde), ox.ppr(stijl="Colofon", frame=frame, links=links, rechts=rechts)))
        else:
            delen.append(
                ox.para(ox.run(waarde, ox.rpr(vet=True)), ox.ppr(stijl="Colofon", frame=frame, links=links, rechts=rechts))
            )
    return "".join(delen)


def _kop_xml(inhoud: str) -> str:
    return f"{ox.XML_DECL}<w:hdr {ox.NS}>{inhoud or ox.para('')}</w:hdr>"


def woordmerk(naam: str) -> str:
    """The department's name as the letterhead sets it: a long name on two lines, broken
    before its last " en " ("Ministerie van Volkshuisvesting\nen Ruimtelijke Ordening")."""
    if len(naam) <= 32:
        return naam
    voor, en, na = naam.rpartition(" en ")
    if en and len(voor) > 14:
        return f"{voor}\nen {na}"
    voor, van, na = naam.partition("Ministerie van ")
    return f"Ministerie van\n{na}" if van and not voor else naam


@dataclass
class Layout:
    """What differs per kind of document: margins, headers and the first-page colofon."""

    marge_rechts: int
    koppen: dict[str, str]  # header type ("first", "default") -> header XML
    voor_lichaam: str = ""  # body XML before the document head (the page-1 colofon frame)


def _layout(o: Opbouw) -> Layout:
    p = pagina()
    doc = o.doc
    if doc.soort == "kamerbrief":
        x = p["w"] - p["right"] + 709
        breedte = p["w"] - x - 567
        eerste = ox.Frame(x, 2835, breedte)
        # Header paragraphs reach into the right margin through a negative right indent.
        rechts = -(p["right"] - 567)
        briefkop = ox.para(
            ox.run(woordmerk(doc.penvoerder_naam), ox.rpr(grootte=19)),
            ox.ppr(stijl="Header", links=p["w"] // 2 - p["left"] + 113, rechts=rechts),
        )
        vervolg = [("Datum", datum_nl(doc.datum))] + [r for r in o.colofon if r[0] == "Ons kenmerk"]
        vervolgkop = _colofon_pars(vervolg, links=x - p["left"], rechts=rechts)
        return Layout(
            marge_rechts=p["right"],
            koppen={"first": _kop_xml(briefkop), "default": _kop_xml(vervolgkop)},
            voor_lichaam=_colofon_pars(o.colofon, frame=eerste),
        )
    kop = ox.para(ox.run(doc.penvoerder_naam), ox.ppr(stijl="Header"))
    return Layout(marge_rechts=p["w"] - p["left"] - NOTA_BREEDTE, koppen={"default": _kop_xml(kop)})


def _sect_pr(layout: Layout, kop_ids: dict[str, str]) -> str:
    p = pagina()
    koppen = "".join(f'<w:headerReference w:type="{t}" r:id="{rid}"/>' for t, rid in kop_ids.items())
    voeten = '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if "first" in kop_ids:
        voeten += '<w:footerReference w:type="first" r:id="rIdF1"/>'
    return (
        f"<w:sectPr>{koppen}{voeten}"
        f'<w:pgSz w:w="{p["w"]}" w:h="{p["h"]}"/>'
        f'<w:pgMar w:top="{p["top"]}" w:right="{layout.marge_rechts}" w:bottom="{p["bottom"]}" '
        f'w:left="{p["left"]}" w:header="{p["header"]}" w:footer="{p["footer"]}" w:gutter="0"/>'
        '<w:cols w:space="708"/>' + ("<w:titlePg/>" if "first" in kop_ids else "") + '<w:docGrid w:linePitch="360"/></w:sectPr>'
    )


SOORT_NAAM = {"kamerbrief": "Kamerbrief", "beslisnota": "Beslisnota", "bijlage": "Bijlage"}


def eigenschappen(o: Opbouw, *, extra: list[tuple[str, str]] = ()) -> tuple[str, str, str]:
    """docProps/core.xml, app.xml and custom.xml (the custom part carries "mede namens")."""
    doc = o.doc
    onderwerp = SOORT_NAAM.get(doc.soort, doc.soort.capitalize())
    if doc.soort == "beslisnota" and doc.blokken is not None:
        onderwerp += f" bij Kamerbrief {doc.blokken.kamerbrief_titel}"
    versie = "openbare versie (Woo)" if o.woo else "interne versie"
    core = ox.core_xml(
        titel=doc.titel,
        onderwerp=onderwerp,
        auteur=doc.penvoerder_naam,
        trefwoorden="; ".join(x for x in (onderwerp, doc.kenmerk or "") if x),
        omschrijving=f"{onderwerp}, revisie {doc.revisie}, {versie}",
        moment=ox.datum_tijd(doc.datum),
    )
    custom = [
        ("Soort", doc.soort),
        ("Kenmerk", doc.kenmerk or ""),
        ("Revisie", str(doc.revisie)),
        ("Status", doc.status),
        ("Penvoerder", doc.penvoerder_naam),
        ("PenvoerderCode", doc.penvoerder),
        ("Ondertekenaar", doc.ondertekenaar or ""),
        ("OndertekenaarFunctie", doc.ondertekenaar_functie),
        ("MedeNamens", "; ".join(doc.mede_namens_namen)),
        ("MedeNamensCodes", ", ".join(doc.mede_namens)),
        ("Versie", versie),
    ]
    if o.gronden:
        custom.append(("WooGronden", ", ".join(o.gronden)))
    custom.extend(extra)
    return core, ox.app_xml(organisatie=doc.penvoerder_naam), ox.custom_xml(custom)


def pakket(
    o: Opbouw,
    *,
    schrijver: Schrijver | None = None,
    romp: Callable[[Schrijver], str] | None = None,
    sporen: bool = False,
    extra_eigenschappen: list[tuple[str, str]] = (),
) -> bytes:
    """The .docx package of a laid-out document. `romp` may replace the body writer (the
    tracked-changes rendering does); `sporen` switches on track changes for further edits."""
    s = schrijver or Schrijver(woo_markeren=not o.woo)
    layout = _layout(o)
    lichaam = [layout.voor_lichaam, s.blokken(o.kop)]
    lichaam.append(romp(s) if romp else s.blokken(o.romp))
    lichaam.append(s.blokken(o.slot))
    kop_ids = {}
    koppen = {}
    for index, (soort, xml) in enumerate(sorted(layout.koppen.items()), start=1):
        kop_ids[soort] = f"rIdH{index}"
        koppen[f"word/header{index}.xml"] = xml
    document = f"{ox.XML_DECL}<w:document {ox.NS}><w:body>{''.join(lichaam)}{_sect_pr(layout, kop_ids)}</w:body></w:document>"
    basis = sjabloon()
    nummering = ox.voeg_nummering_toe(basis["word/numbering.xml"].decode(), s.abstracts, s.nums)
    instellingen = basis["word/settings.xml"].decode()
    if sporen:
        instellingen = instellingen.replace("<w:defaultTabStop", "<w:trackRevisions/><w:defaultTabStop", 1)
    core, app, custom = eigenschappen(o, extra=list(extra_eigenschappen))
    relaties = [
        ("rIdS1", ox.RT_STYLES, "styles.xml", False),
        ("rIdS2", ox.RT_SETTINGS, "settings.xml", False),
        ("rIdS3", ox.RT_FONTTABLE, "fontTable.xml", False),
        ("rIdS4", ox.RT_NUMBERING, "numbering.xml", False),
        ("rIdS5", ox.RT_FOOTNOTES, "footnotes.xml", False),
        ("rIdF1", ox.RT_FOOTER, "footer1.xml", False),
    ]
    relaties += [
        (rid, ox.RT_HEADER, naam.removeprefix("word/"), False) for rid, naam in zip(kop_ids.values(), koppen, strict=True)
    ]
    relaties += [(f"rIdL{i}", ox.RT_HYPERLINK, url, True) for i, url in enumerate(s.links, start=1)]
    overrides = {
        "word/document.xml": ox.CT_DOCUMENT,
        "word/styles.xml": ox.CT_STYLES,
        "word/settings.xml": ox.CT_SETTINGS,
        "word/fontTable.xml": ox.CT_FONTTABLE,
        "word/numbering.xml": ox.CT_NUMBERING,
        "word/footnotes.xml": ox.CT_FOOTNOTES,
        "word/footer1.xml": ox.CT_FOOTER,
        "docProps/core.xml": ox.CT_CORE,
        "docProps/app.xml": ox.CT_APP,
        "docProps/custom.xml": ox.CT_CUSTOM,
        **{naam: ox.CT_HEADER for naam in koppen},
    }
    delen: dict[str, bytes | str] = {
        "[Content_Types].xml": ox.content_types_xml(overrides),
        "_rels/.rels": ox.relaties_xml(
            [
                ("rId1", ox.RT_OFFICE_DOCUMENT, "word/document.xml", False),
                ("rId2", ox.RT_CORE, "docProps/core.xml", False),
                ("rId3", ox.RT_APP, "docProps/app.xml", False),
                ("rId4", ox.RT_CUSTOM, "docProps/custom.xml", False),
            ]
        ),
        "word/_rels/document.xml.rels": ox.relaties_xml(relaties),
        "word/document.xml": document,
        "word/styles.xml": basis["word/styles.xml"],
        "word/settings.xml": instellingen,
        "word/fontTable.xml": basis["word/fontTable.xml"],
        "word/numbering.xml": nummering,
        "word/footer1.xml": basis["word/footer1.xml"],
        "word/footnotes.xml": ox.footnotes_xml(s.noten),
        "docProps/core.xml": core,
        "docProps/app.xml": app,
        "docProps/custom.xml": custom,
        **koppen,
    }
    if s.noot_links:
        delen["word/_rels/footnotes.xml.rels"] = ox.relaties_xml(
            [(f"rIdL{i}", ox.RT_HYPERLINK, url, True) for i, url in enumerate(s.noot_links, start=1)]
        )
    return ox.zip_pakket(delen)


def afstemmingsversie_docx(doc: DocumentWeergave, secties: list[tuple[int, int]], inhoudshash: str) -> bytes:
    """The Word file made to come back (docs/api.md, "Retour uit Word"): change tracking on, each
    section in a block content control tagged paraaf:sectie:{id}:{versie} (locked against
    deletion, its text editable), and the document id, revisie and inhoudshash as custom
    properties. `secties` gives (id, versie) per section of `doc.secties`, in order."""
    o = bouw(dataclasses.replace(doc, blokken=None))
    schrijver = Schrijver(woo_besturing=True)

    def romp(s: Schrijver) -> str:
        delen = []
        for sectie, (sectie_id, versie) in zip(doc.secties, secties, strict=True):
            naam = sectie.kop or "Inleiding"
            delen.append(
                ox.sdt_blok(
                    f"paraaf:sectie:{sectie_id}:{versie}", f"Sectie {sectie_id}: {naam}"[:60], s.blokken(sectie_pars(sectie))
                )
            )
        return "".join(delen)

    extra = [("paraaf_document", str(doc.id)), ("paraaf_revisie", str(doc.revisie)), ("paraaf_inhoudshash", inhoudshash)]
    return pakket(o, schrijver=schrijver, romp=romp, sporen=True, extra_eigenschappen=extra)


def document_docx(doc: DocumentWeergave, woo: WooContext | None = None, *, markeren: bool = True) -> bytes:
    """The Word file of a document. `woo=None`: the internal version ([[woo:..]] passages
    show their text, highlighted unless `markeren` is off, as in the letter as sent); with a
    WooContext: the publication version."""
    o = bouw(doc, woo)
    return pakket(o, schrijver=Schrijver(woo_markeren=markeren and not o.woo))
