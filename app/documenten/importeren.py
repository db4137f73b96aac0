"""Reading an uploaded file into document fields and sections.

.md and .txt are the Markdown dialect of API.md (optionally with front matter); .docx is read
by paragraph style (Heading 1-3 start sections, list styles become '- ' and '1. ' items,
bold/italic runs become ** and *, footnotes become ^[...]).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from docx import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from workflow.importeren import ImportFout, SectieInvoer, lees_front_matter, splits_in_secties
from workflow.tekst import normaliseer, xml_fout

EXTENSIES = (".md", ".markdown", ".txt", ".docx")


@dataclass(frozen=True)
class Ingelezen:
    velden: dict[str, str]  # from front matter; form fields override them
    secties: list[SectieInvoer]


def lees(bestandsnaam: str, inhoud: bytes, *, max_uitgepakt: int) -> Ingelezen:
    naam = bestandsnaam.lower()
    if naam.endswith(".docx"):
        return Ingelezen({}, _lees_docx(inhoud, max_uitgepakt))
    if naam.endswith((".md", ".markdown", ".txt")):
        tekst = _decodeer(inhoud)
        velden, rest = lees_front_matter(tekst)
        return Ingelezen(velden, splits_in_secties(rest))
    raise ImportFout(f"bestandstype van '{bestandsnaam}' wordt niet ondersteund; gebruik .md, .txt of .docx")


def _decodeer(inhoud: bytes) -> str:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word's "Save as text" on Windows writes cp1252.
        tekst = inhoud.decode("cp1252", errors="strict") if _is_cp1252(inhoud) else None
        if tekst is None:
            raise ImportFout("het bestand is geen UTF-8-tekst") from None
    fout = xml_fout(tekst)
    if fout:
        regel = tekst[: int(fout.rsplit(" ", 1)[1])].count("\n") + 1
        raise ImportFout(f"{fout} (regel {regel})")
    return tekst


def _is_cp1252(inhoud: bytes) -> bool:
    try:
        inhoud.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _lees_docx(inhoud: bytes, max_uitgepakt: int) -> list[SectieInvoer]:
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
    except zipfile.BadZipFile:
        raise ImportFout("het bestand is geen geldig Word-document (.docx is een zip-archief)") from None
    # A zip bomb is refused on its declared sizes before anything is unpacked; zipfile itself
    # stops at the declared size when reading.
    totaal = sum(info.file_size for info in archief.infolist())
    if totaal > max_uitgepakt or len(archief.infolist()) > 2000:
        raise ImportFout(f"het Word-document is uitgepakt te groot ({totaal} bytes; hoogstens {max_uitgepakt})")
    if "word/document.xml" not in archief.namelist():
        raise ImportFout("het zip-archief is geen Word-document (word/document.xml ontbreekt)")
    try:
        doc = WordDocument(io.BytesIO(inhoud))
    except Exception as e:  # python-docx raises many kinds on malformed packages
        raise ImportFout(f"het Word-document kan niet worden gelezen ({type(e).__name__})") from None
    voetnoten = _voetnoten(doc)
    markdown: list[str] = []
    for alinea in doc.paragraphs:
        stijl = (alinea.style.name if alinea.style is not None else "") or ""
        tekst = _alinea_markdown(alinea, voetnoten).strip()
        niveau = _kopniveau(stijl)
        if niveau:
            if tekst:
                markdown.append("#" * niveau + " " + tekst.replace("**", "").replace("*", ""))
            continue
        if not tekst:
            continue
        if stijl.startswith("List Bullet") or _heeft_nummering(alinea) and "Number" not in stijl:
            inspring = "  " * (_lijstniveau(alinea))
            markdown.append(f"{inspring}- {tekst}")
        elif stijl.startswith("List Number"):
            inspring = "  " * (_lijstniveau(alinea))
            markdown.append(f"{inspring}1. {tekst}")
        else:
            markdown.append("")
            markdown.append(tekst)
            markdown.append("")
    tekst = "\n".join(markdown)
    fout = xml_fout(tekst)
    if fout:
        raise ImportFout(fout)
    return splits_in_secties(tekst)


def _kopniveau(stijl: str) -> int:
    if stijl == "Title":
        return 1
    if stijl.startswith("Heading "):
        deel = stijl.removeprefix("Heading ").strip()
        if deel.isdigit() and 1 <= int(deel) <= 3:
            return int(deel)
    return 0


def _heeft_nummering(alinea) -> bool:
    ppr = alinea._p.pPr
    return ppr is not None and ppr.numPr is not None


def _lijstniveau(alinea) -> int:
    ppr = alinea._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.ilvl is None:
        return 0
    return min(int(ppr.numPr.ilvl.val or 0), 3)


def _voetnoten(doc) -> dict[str, str]:
    """Footnote id -> its text as the dialect writes it."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            deel = rel.target_part
            wortel = etree.fromstring(deel.blob)
            uit = {}
            for noot in wortel.findall(qn("w:footnote")):
                if noot.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                delen = []
                for p in noot.findall(qn("w:p")):
                    delen.append("".join(_run_tekst(r) for r in p.iter(qn("w:r"))))
                uit[noot.get(qn("w:id"))] = normaliseer(" ".join(d for d in delen if d.strip()))
            return uit
    return {}


def _run_tekst(r) -> str:
    delen = []
    for kind in r:
        if kind.tag == qn("w:t"):
            delen.append(kind.text or "")
        elif kind.tag == qn("w:tab"):
            delen.append(" ")
        elif kind.tag in (qn("w:br"), qn("w:cr")):
            delen.append(" ")
    return "".join(delen)


def _alinea_markdown(alinea, voetnoten: dict[str, str]) -> str:
    delen: list[str] = []
    for r in alinea._p.iter(qn("w:r")):
        ref = r.find(qn("w:footnoteReference"))
        if ref is not None:
            noot = voetnoten.get(ref.get(qn("w:id")))
            if noot:
                delen.append(f"^[{noot}]")
            continue
        tekst = _run_tekst(r)
        if not tekst:
            continue
        rpr = r.find(qn("w:rPr"))
        vet = rpr is not None and _aan(rpr.find(qn("w:b")))
        cursief = rpr is not None and _aan(rpr.find(qn("w:i")))
        if tekst.strip() and (vet or cursief):
            teken = "**" if vet else "*"
            kern = tekst.strip()
            voor = tekst[: len(tekst) - len(tekst.lstrip())]
            na = tekst[len(tekst.rstrip()) :]
            tekst = f"{voor}{teken}{kern}{teken}{na}"
        delen.append(tekst)
    return "".join(delen)


def _aan(element) -> bool:
    if element is None:
        return False
    waarde = element.get(qn("w:val"))
    return waarde is None or waarde not in ("0", "false", "off")
