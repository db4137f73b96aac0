"""Low-level WordprocessingML (OOXML) writing: escaping, runs, paragraphs, fields, tracked
changes, footnotes, numbering, document properties and the zip package.

Strings, not an object model: a letter of 8,000 words is built in a few milliseconds this way,
and the element order inside w:pPr / w:rPr (which Word validates strictly) is explicit here.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

RT_STYLES = f"{REL}/styles"
RT_SETTINGS = f"{REL}/settings"
RT_FONTTABLE = f"{REL}/fontTable"
RT_NUMBERING = f"{REL}/numbering"
RT_FOOTNOTES = f"{REL}/footnotes"
RT_HEADER = f"{REL}/header"
RT_FOOTER = f"{REL}/footer"
RT_HYPERLINK = f"{REL}/hyperlink"
RT_OFFICE_DOCUMENT = f"{REL}/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = f"{REL}/extended-properties"
RT_CUSTOM = f"{REL}/custom-properties"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_DOCUMENT = f"{_WML}.document.main+xml"
CT_STYLES = f"{_WML}.styles+xml"
CT_SETTINGS = f"{_WML}.settings+xml"
CT_FONTTABLE = f"{_WML}.fontTable+xml"
CT_NUMBERING = f"{_WML}.numbering+xml"
CT_FOOTNOTES = f"{_WML}.footnotes+xml"
CT_HEADER = f"{_WML}.header+xml"
CT_FOOTER = f"{_WML}.footer+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

# Characters XML 1.0 forbids; the API refuses them, the renderer replaces them so it never fails.
_ONGELDIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def esc(tekst: str) -> str:
    """Text content escaped for XML (also safe inside double-quoted attributes)."""
    tekst = _ONGELDIG.sub("\ufffd", tekst)
    return tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def w3c_tijd(moment: datetime) -> str:
    """xsd:dateTime in UTC (naive datetimes are taken to be UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


# --- tracked changes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wijziging:
    """One tracked change mark: inserted or deleted by `auteur` at `tijdstip`."""

    soort: str  # "ins" | "del"
    auteur: str
    tijdstip: datetime


class Teller:
    """Ids for w:ins / w:del, unique across the package."""

    def __init__(self) -> None:
        self.waarde = 0

    def volgende(self) -> int:
        self.waarde += 1
        return self.waarde


# Word refuses a w:author longer than 255 characters. Names are limited to that at the door
# (app.schemas.Naam); a longer name stored before that limit is cut here, never a broken file.
MAX_AUTEUR = 255


def wijziging_attr(w: Wijziging, teller: Teller) -> str:
    return f'w:id="{teller.volgende()}" w:author="{esc(w.auteur[:MAX_AUTEUR])}" w:date="{w3c_tijd(w.tijdstip)}"'


def in_wijziging(runs_xml: str, w: Wijziging | None, teller: Teller) -> str:
    """Wrap runs in w:ins / w:del (runs of a deletion must already use w:delText)."""
    if w is None or not runs_xml:
        return runs_xml
    return f"<w:{w.soort} {wijziging_attr(w, teller)}>{runs_xml}</w:{w.soort}>"


# --- runs and paragraphs ------------------------------------------------------------------------


def rpr(
    *,
    stijl: str | None = None,
    vet: bool = False,
    cursief: bool = False,
    kleur: str | None = None,
    grootte: int | None = None,  # half-points
    markeren: str | None = None,
    superscript: bool = False,
) -> str:
    """w:rPr in schema order (rStyle, b, i, color, sz, highlight, vertAlign)."""
    delen = []
    if stijl:
        delen.append(f'<w:rStyle w:val="{stijl}"/>')
    if vet:
        delen.append("<w:b/><w:bCs/>")
    if cursief:
        delen.append("<w:i/><w:iCs/>")
    if kleur:
        delen.append(f'<w:color w:val="{kleur}"/>')
    if grootte:
        delen.append(f'<w:sz w:val="{grootte}"/><w:szCs w:val="{grootte}"/>')
    if markeren:
        delen.append(f'<w:highlight w:val="{markeren}"/>')
    if superscript:
        delen.append('<w:vertAlign w:val="superscript"/>')
    return f"<w:rPr>{''.join(delen)}</w:rPr>" if delen else ""


def run(tekst: str, eigenschappen: str = "", *, verwijderd: bool = False) -> str:
    """One w:r; tabs become w:tab, line breaks w:br; deleted text goes in w:delText."""
    element = "w:delText" if verwijderd else "w:t"
    inhoud = []
    for i, regel in enumerate(tekst.split("\n")):
        if i:
            inhoud.append("<w:br/>")
        for j, stuk in enumerate(regel.split("\t")):
            if j:
                inhoud.append("<w:tab/>")
            if stuk:
                inhoud.append(f'<{element} xml:space="preserve">{esc(stuk)}</{element}>')
    return f"<w:r>{eigenschappen}{''.join(inhoud)}</w:r>"


def veld(instructie: str, resultaat: str, eigenschappen: str = "") -> str:
    """A complex field (PAGE, NUMPAGES, ...) as begin / instrText / separate / result / end."""
    return (
        f'<w:r>{eigenschappen}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{eigenschappen}<w:instrText xml:space="preserve"> {instructie} </w:instrText></w:r>'
        f'<w:r>{eigenschappen}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(resultaat, eigenschappen)}"
        f'<w:r>{eigenschappen}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def sdt_blok(tag: str, alias: str, inhoud_xml: str) -> str:
    """A block content control around paragraphs: it cannot be deleted, its content can be
    edited (w:lock sdtLocked)."""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{esc(alias)}"/><w:tag w:val="{esc(tag)}"/><w:lock w:val="sdtLocked"/>'
        f"</w:sdtPr><w:sdtContent>{inhoud_xml or para('')}</w:sdtContent></w:sdt>"
    )


def sdt_run(tag: str, runs_xml: str) -> str:
    """A run content control (inside a paragraph)."""
    return f'<w:sdt><w:sdtPr><w:tag w:val="{esc(tag)}"/></w:sdtPr><w:sdtContent>{runs_xml}</w:sdtContent></w:sdt>'


def hyperlink(rid: str, runs_xml: str) -> str:
    return f'<w:hyperlink r:id="{rid}" w:history="1">{runs_xml}</w:hyperlink>'


@dataclass(frozen=True)
class Frame:
    """w:framePr: a paragraph positioned on the page (the colofon column of a letter)."""

    x: int
    y: int
    breedte: int

    def xml(self) -> str:
        return (
            f'<w:framePr w:w="{self.breedte}" w:hSpace="142" w:wrap="around" '
            f'w:vAnchor="page" w:hAnchor="page" w:x="{self.x}" w:y="{self.y}"/>'
        )


def ppr(
    *,
    stijl: str | None = None,
    keep_next: bool = False,
    frame: Frame | None = None,
    num: tuple[int, int] | None = None,  # (numId, ilvl)
    tabs: tuple[int, ...] = (),
    voor: int | None = None,
    na: int | None = None,
    links: int | None = None,
    hangend: int | None = None,
    rechts: int | None = None,
    uitlijning: str | None = None,
    markering: str = "",  # paragraph-mark rPr content: <w:ins .../> or <w:del .../>
) -> str:
    """w:pPr in schema order: pStyle, keepNext, framePr, numPr, tabs, spacing, ind, jc, rPr."""
    delen = []
    if stijl:
        delen.append(f'<w:pStyle w:val="{stijl}"/>')
    if keep_next:
        delen.append("<w:keepNext/>")
    if frame:
        delen.append(frame.xml())
    if num:
        delen.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if tabs:
        delen.append("<w:tabs>" + "".join(f'<w:tab w:val="left" w:pos="{t}"/>' for t in tabs) + "</w:tabs>")
    if voor is not None or na is not None:
        attrs = (f' w:before="{voor}"' if voor is not None else "") + (f' w:after="{na}"' if na is not None else "")
        delen.append(f"<w:spacing{attrs}/>")
    if links is not None or hangend is not None or rechts is not None:
        attrs = "".join(
            f' w:{naam}="{waarde}"'
            for naam, waarde in (("left", links), ("right", rechts), ("hanging", hangend))
            if waarde is not None
        )
        delen.append(f"<w:ind{attrs}/>")
    if uitlijning:
        delen.append(f'<w:jc w:val="{uitlijning}"/>')
    if markering:
        delen.append(f"<w:rPr>{markering}</w:rPr>")
    return f"<w:pPr>{''.join(delen)}</w:pPr>" if delen else ""


def para(inhoud_xml: str, eigenschappen: str = "") -> str:
    return f"<w:p>{eigenschappen}{inhoud_xml}</w:p>"


# --- tables -------------------------------------------------------------------------------------


def tabel(kolommen: list[int], rijen: list[list[str]], *, stijl: str | None = "TableGrid", koprij: bool = False) -> str:
    """A table; each cell is given as paragraph XML (a cell must hold at least one w:p)."""
    breedte = sum(kolommen)
    tblpr = (
        "<w:tblPr>"
        + (f'<w:tblStyle w:val="{stijl}"/>' if stijl else "")
        + f'<w:tblW w:w="{breedte}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        + f'<w:tblLook w:val="{"0420" if koprij else "0400"}" w:firstRow="{int(koprij)}" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>' + "</w:tblPr>"
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{k}"/>' for k in kolommen) + "</w:tblGrid>"
    xml_rijen = []
    for index, rij in enumerate(rijen):
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if koprij and index == 0 else "<w:trPr><w:cantSplit/></w:trPr>"
        cellen = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{k}" w:type="dxa"/></w:tcPr>{cel or para("")}</w:tc>'
            for k, cel in zip(kolommen, rij, strict=True)
        )
        xml_rijen.append(f"<w:tr>{trpr}{cellen}</w:tr>")
    return f"<w:tbl>{tblpr}{grid}{''.join(xml_rijen)}</w:tbl>"


# --- numbering ----------------------------------------------------------------------------------

OPSOMTEKENS = ("•", "–", "•", "–", "•", "–", "•", "–", "•")
NUMMERFORMATEN = ("decimal", "lowerLetter", "lowerRoman") * 3
LIJST_INSPRINGING = 284  # 0.5 cm per level


def niveau_xml(niveau: int, genummerd: bool, start: int = 1) -> str:
    links = LIJST_INSPRINGING * (niveau + 1)
    if genummerd:
        formaat, tekst = NUMMERFORMATEN[niveau], f"%{niveau + 1}."
        fonts = ""
    else:
        formaat, tekst = "bullet", OPSOMTEKENS[niveau]
        fonts = '<w:rPr><w:rFonts w:ascii="Verdana" w:hAnsi="Verdana" w:cs="Verdana"/></w:rPr>'
    return (
        f'<w:lvl w:ilvl="{niveau}"><w:start w:val="{start if niveau == 0 else 1}"/>'
        f'<w:numFmt w:val="{formaat}"/><w:lvlText w:val="{esc(tekst)}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{links}"/></w:tabs>'
        f'<w:ind w:left="{links}" w:hanging="{LIJST_INSPRINGING}"/></w:pPr>{fonts}</w:lvl>'
    )


def abstract_num(abstract_id: int, soorten: list[bool], start: int = 1) -> str:
    """An abstract numbering definition; `soorten[i]` says whether level i is numbered."""
    niveaus = "".join(niveau_xml(i, soorten[i], start) for i in range(9))
    return f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="hybridMultilevel"/>{niveaus}</w:abstractNum>'


def num(num_id: int, abstract_id: int) -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'


def voeg_nummering_toe(basis: str, abstracts: list[str], nums: list[str]) -> str:
    """The template's numbering.xml with extra definitions: every w:abstractNum must precede
    every w:num, so abstracts go before the first w:num and nums at the end."""
    if not abstracts and not nums:
        return basis
    eerste_num = basis.find("<w:num ")
    einde = basis.rfind("</w:numbering>")
    if eerste_num < 0:
        eerste_num = einde
    return basis[:eerste_num] + "".join(abstracts) + basis[eerste_num:einde] + "".join(nums) + basis[einde:]


# --- footnotes ----------------------------------------------------------------------------------

SCHEIDINGSNOTEN = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def footnotes_xml(noten: list[str]) -> str:
    """word/footnotes.xml: the two separator notes (-1, 0), then the real ones (ids 1..n)."""
    return f"{XML_DECL}<w:footnotes {NS}>{SCHEIDINGSNOTEN}{''.join(noten)}</w:footnotes>"


def voetnootnummer() -> str:
    """The runs that open a footnote's text: its number (footnoteRef) and a tab."""
    return f"<w:r>{rpr(stijl='FootnoteReference')}<w:footnoteRef/></w:r><w:r><w:tab/></w:r>"


def voetnoot(noot_id: int, inhoud_xml: str, markering: str = "") -> str:
    """One w:footnote; `inhoud_xml` starts with voetnootnummer() (possibly inside w:ins/w:del)."""
    return f'<w:footnote w:id="{noot_id}"><w:p>{ppr(stijl="FootnoteText", markering=markering)}{inhoud_xml}</w:p></w:footnote>'


def voetnootverwijzing(noot_id: int) -> str:
    return f'<w:r>{rpr(stijl="FootnoteReference")}<w:footnoteReference w:id="{noot_id}"/></w:r>'


# --- document properties ------------------------------------------------------------------------


def core_xml(*, titel: str, onderwerp: str, auteur: str, trefwoorden: str, omschrijving: str, moment: datetime) -> str:
    tijd = w3c_tijd(moment)
    return (
        f"{XML_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(titel)}</dc:title><dc:subject>{esc(onderwerp)}</dc:subject>"
        f"<dc:creator>{esc(auteur)}</dc:creator><cp:keywords>{esc(trefwoorden)}</cp:keywords>"
        f"<dc:description>{esc(omschrijving)}</dc:description><cp:lastModifiedBy>{esc(auteur)}</cp:lastModifiedBy>"
        "<dc:language>nl-NL</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{tijd}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{tijd}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_xml(*, organisatie: str, paginas: int = 1) -> str:
    return (
        f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Template>huisstijl.docx</Template><Application>Paraaf</Application>"
        f"<Company>{esc(organisatie)}</Company></Properties>"
    )


def custom_xml(eigenschappen: list[tuple[str, str]]) -> str:
    """docProps/custom.xml with string properties (pid starts at 2 by the spec's convention)."""
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    delen = [
        f'<property fmtid="{fmtid}" pid="{pid}" name="{esc(naam)}"><vt:lpwstr>{esc(waarde)}</vt:lpwstr></property>'
        for pid, (naam, waarde) in enumerate(eigenschappen, start=2)
    ]
    return (
        f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{"".join(delen)}</Properties>'
    )


# --- package ------------------------------------------------------------------------------------


def relaties_xml(relaties: list[tuple[str, str, str, bool]]) -> str:
    """(id, type, target, external) -> a .rels part."""
    delen = [
        f'<Relationship Id="{rid}" Type="{soort}" Target="{esc(doel)}"' + (' TargetMode="External"' if extern else "") + "/>"
        for rid, soort, doel, extern in relaties
    ]
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL}">{"".join(delen)}</Relationships>'


def content_types_xml(overrides: dict[str, str]) -> str:
    delen = [
        f'<Default Extension="rels" ContentType="{CT_RELS}"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        '<Default Extension="png" ContentType="image/png"/>',
    ]
    delen += [f'<Override PartName="/{naam}" ContentType="{soort}"/>' for naam, soort in sorted(overrides.items())]
    return f'{XML_DECL}<Types xmlns="{CT}">{"".join(delen)}</Types>'


def zip_pakket(delen: dict[str, bytes | str]) -> bytes:
    """A deterministic zip ([Content_Types].xml first, fixed timestamps): the same input gives
    byte-identical output."""
    buffer = BytesIO()
    volgorde = sorted(delen, key=lambda n: (n != "[Content_Types].xml", not n.startswith("_rels/"), n))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for naam in volgorde:
            info = zipfile.ZipInfo(naam, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            inhoud = delen[naam]
            z.writestr(info, inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud)
    return buffer.getvalue()


def datum_tijd(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)
