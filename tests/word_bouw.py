"""Word files built the way Word writes them, for the import and retour tests: a package from
body XML, with optional footnotes, endnotes, numbering, styles, comments (comments.xml plus
commentsExtended.xml for replies), custom properties, another main part name, or Strict
namespaces. Written independently of the service's own writer (app/weergave)."""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
STRIKT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
STRIKT_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}" xmlns:w14="{W14}" xmlns:w15="{W15}"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

STIJLEN = f"""{DECL}<w:styles {NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="EigenKop"><w:name w:val="Mijn kop"/><w:basedOn w:val="Kop1"/></w:style>
<w:style w:type="paragraph" w:styleId="Lijstnummer"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>"""

NUMMERING = f"""{DECL}<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def p(inhoud: str = "", stijl: str | None = None, num: tuple[int, int] | None = None, ppr_extra: str = "") -> str:
    ppr = ""
    if stijl or num or ppr_extra:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{stijl}"/>' if stijl else "")
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += ppr_extra + "</w:pPr>"
    return f"<w:p>{ppr}{inhoud}</w:p>"


def r(tekst: str, *, vet: bool = False, cursief: bool = False, rpr_extra: str = "") -> str:
    rpr = ("<w:b/>" if vet else "") + ("<w:i/>" if cursief else "") + rpr_extra
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(tekst)}</w:t></w:r>'


def esc(tekst: str) -> str:
    return tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_teller = [100]


def _id() -> int:
    _teller[0] += 1
    return _teller[0]


def ins(tekst: str, auteur: str = "Ingrid IenW", datum: str = "2025-06-11T10:00:00Z") -> str:
    return f'<w:ins w:id="{_id()}" w:author="{esc(auteur)}" w:date="{datum}">{r(tekst)}</w:ins>'


def dele(tekst: str, auteur: str = "Ingrid IenW", datum: str = "2025-06-11T10:00:00Z") -> str:
    return (
        f'<w:del w:id="{_id()}" w:author="{esc(auteur)}" w:date="{datum}"><w:r>'
        f'<w:delText xml:space="preserve">{esc(tekst)}</w:delText></w:r></w:del>'
    )


def move_van(tekst: str, naam: str = "move1", auteur: str = "Ingrid IenW", datum: str = "2025-06-11T10:00:00Z") -> str:
    i = _id()
    return (
        f'<w:moveFromRangeStart w:id="{i}" w:author="{esc(auteur)}" w:date="{datum}" w:name="{naam}"/>'
        f'<w:moveFrom w:id="{_id()}" w:author="{esc(auteur)}" w:date="{datum}">{r(tekst)}</w:moveFrom>'
        f'<w:moveFromRangeEnd w:id="{i}"/>'
    )


def move_naar(tekst: str, naam: str = "move1", auteur: str = "Ingrid IenW", datum: str = "2025-06-11T10:00:00Z") -> str:
    i = _id()
    return (
        f'<w:moveToRangeStart w:id="{i}" w:author="{esc(auteur)}" w:date="{datum}" w:name="{naam}"/>'
        f'<w:moveTo w:id="{_id()}" w:author="{esc(auteur)}" w:date="{datum}">{r(tekst)}</w:moveTo>'
        f'<w:moveToRangeEnd w:id="{i}"/>'
    )


def commentaar_begin(cid: int) -> str:
    return f'<w:commentRangeStart w:id="{cid}"/>'


def commentaar_eind(cid: int) -> str:
    return f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>'


def sdt(tag: str, inhoud: str) -> str:
    return f'<w:sdt><w:sdtPr><w:tag w:val="{esc(tag)}"/></w:sdtPr><w:sdtContent>{inhoud}</w:sdtContent></w:sdt>'


def voetnootref(nid: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{nid}"/></w:r>'


def eindnootref(nid: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{nid}"/></w:r>'


def noten(soort: str, noten: dict[int, str]) -> str:
    """footnotes.xml / endnotes.xml; `noten`: id -> runs XML."""
    el = soort[:-1]
    delen = [
        f'<w:{el} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{el}>',
        f'<w:{el} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{el}>',
    ]
    for nid, runs in noten.items():
        delen.append(f'<w:{el} w:id="{nid}"><w:p><w:r><w:{el}Ref/></w:r>{runs}</w:p></w:{el}>')
    return f"{DECL}<w:{soort} {NS}>{''.join(delen)}</w:{soort}>"


def commentaren(items: list[tuple[int, str, str, str | None]]) -> tuple[str, str]:
    """comments.xml and commentsExtended.xml; items: (id, author, text, parent id or None)."""
    delen, ext = [], []
    for cid, auteur, tekst, ouder in items:
        para = f"{cid:08X}"
        delen.append(
            f'<w:comment w:id="{cid}" w:author="{esc(auteur)}" w:date="2025-06-11T10:05:00Z" w:initials="X">'
            f'<w:p w14:paraId="{para}"><w:r><w:annotationRef/></w:r>{r(tekst)}</w:p></w:comment>'
        )
        ouder_attr = f' w15:paraIdParent="{ouder:08X}"' if ouder is not None else ""
        ext.append(f'<w15:commentEx w15:paraId="{para}"{ouder_attr} w15:done="0"/>')
    return (
        f"{DECL}<w:comments {NS}>{''.join(delen)}</w:comments>",
        f"{DECL}<w15:commentsEx {NS}>{''.join(ext)}</w15:commentsEx>",
    )


def custom(eigenschappen: dict[str, str]) -> str:
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    delen = "".join(
        f'<property fmtid="{fmtid}" pid="{i}" name="{esc(k)}"><vt:lpwstr>{esc(v)}</vt:lpwstr></property>'
        for i, (k, v) in enumerate(eigenschappen.items(), start=2)
    )
    return (
        f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{delen}</Properties>'
    )


def docx(
    body: str,
    *,
    voetnoten: dict[int, str] | None = None,
    eindnoten: dict[int, str] | None = None,
    opmerkingen: list[tuple[int, str, str, str | None]] | None = None,
    eigenschappen: dict[str, str] | None = None,
    hoofddeel: str = "word/document.xml",
    strikt: bool = False,
    bijhouden: bool = False,
    extra_delen: dict[str, bytes | str] | None = None,
    extra_relaties: list[tuple[str, str, str, bool]] = (),
) -> bytes:
    map_ = hoofddeel.rsplit("/", 1)[0]
    naam = hoofddeel.rsplit("/", 1)[1]
    delen: dict[str, str | bytes] = {}
    relaties = [
        ("rIdS", f"{REL}/styles", "styles.xml", False),
        ("rIdN", f"{REL}/numbering", "numbering.xml", False),
        ("rIdI", f"{REL}/settings", "settings.xml", False),
    ]
    overrides = {
        hoofddeel: f"{WML}.document.main+xml",
        f"{map_}/styles.xml": f"{WML}.styles+xml",
        f"{map_}/numbering.xml": f"{WML}.numbering+xml",
        f"{map_}/settings.xml": f"{WML}.settings+xml",
    }
    delen[f"{map_}/styles.xml"] = STIJLEN
    delen[f"{map_}/numbering.xml"] = NUMMERING
    delen[f"{map_}/settings.xml"] = f"{DECL}<w:settings {NS}>{'<w:trackRevisions/>' if bijhouden else ''}</w:settings>"
    if voetnoten is not None:
        delen[f"{map_}/footnotes.xml"] = noten("footnotes", voetnoten)
        relaties.append(("rIdV", f"{REL}/footnotes", "footnotes.xml", False))
        overrides[f"{map_}/footnotes.xml"] = f"{WML}.footnotes+xml"
    if eindnoten is not None:
        delen[f"{map_}/endnotes.xml"] = noten("endnotes", eindnoten)
        relaties.append(("rIdE", f"{REL}/endnotes", "endnotes.xml", False))
        overrides[f"{map_}/endnotes.xml"] = f"{WML}.endnotes+xml"
    if opmerkingen is not None:
        c, cx = commentaren(opmerkingen)
        delen[f"{map_}/comments.xml"] = c
        delen[f"{map_}/commentsExtended.xml"] = cx
        relaties.append(("rIdC", f"{REL}/comments", "comments.xml", False))
        relaties.append(
            ("rIdX", "http://schemas.microsoft.com/office/2011/relationships/commentsExtended", "commentsExtended.xml", False)
        )
        overrides[f"{map_}/comments.xml"] = f"{WML}.comments+xml"
        overrides[f"{map_}/commentsExtended.xml"] = f"{WML}.commentsExtended+xml"
    relaties.extend(extra_relaties)
    delen[hoofddeel] = f"{DECL}<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"
    delen[f"{map_}/_rels/{naam}.rels"] = _rels(relaties)
    wortel = [("rId1", f"{REL}/officeDocument", hoofddeel, False)]
    if eigenschappen is not None:
        delen["docProps/custom.xml"] = custom(eigenschappen)
        wortel.append(("rId4", f"{REL}/custom-properties", "docProps/custom.xml", False))
        overrides["docProps/custom.xml"] = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
    delen["_rels/.rels"] = _rels(wortel)
    delen["[Content_Types].xml"] = (
        f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="/{k}" ContentType="{v}"/>' for k, v in overrides.items())
        + "</Types>"
    )
    delen.update(extra_delen or {})
    if strikt:
        for k, v in list(delen.items()):
            if isinstance(v, str):
                delen[k] = (
                    v.replace(W, STRIKT_W)
                    .replace(R, STRIKT_R)
                    .replace(
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
                    )
                )
    return pak(delen)


def _rels(relaties) -> str:
    return (
        f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{i}" Type="{t}" Target="{esc(d)}"' + (' TargetMode="External"' if e else "") + "/>"
            for i, t, d, e in relaties
        )
        + "</Relationships>"
    )


def pak(delen: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in delen.items():
            z.writestr(naam, inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud)
    return buf.getvalue()


def vervang_deel(bestand: bytes, naam: str, nieuw: bytes | str) -> bytes:
    bron = zipfile.ZipFile(io.BytesIO(bestand))
    delen = {i.filename: bron.read(i.filename) for i in bron.infolist()}
    delen[naam] = nieuw
    return pak(delen)


def lees_deel(bestand: bytes, naam: str) -> str:
    return zipfile.ZipFile(io.BytesIO(bestand)).read(naam).decode("utf-8")
