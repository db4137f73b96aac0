"""Looking for withheld strings everywhere a Woo publication can carry them: every part of the
.docx package (raw XML, every text node and attribute value, the text of each paragraph with
its runs joined) and the HTML page (raw and as text). Comparison is as a reader compares:
invisible characters (soft hyphens, zero-width characters, combining marks) left out, accents
and case folded."""

from __future__ import annotations

import html as html_module
import io
import re
import unicodedata
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def leesbaar(tekst: str) -> str:
    tekst = unicodedata.normalize("NFKD", tekst)
    tekst = "".join(c for c in tekst if unicodedata.category(c) not in ("Cf", "Mn", "Me"))
    return re.sub(r"\s+", " ", tekst).casefold()


def _vormen_van_deel(naam: str, inhoud: bytes) -> list[str]:
    vormen = [inhoud.decode("utf-8", errors="replace")]
    if not naam.endswith((".xml", ".rels")):
        return vormen
    wortel = etree.fromstring(inhoud)
    for element in wortel.iter():
        if isinstance(element.tag, str):
            vormen.extend(element.attrib.values())
        if element.text:
            vormen.append(element.text)
    for p in wortel.iter(f"{W}p"):
        vormen.append("".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")))
    return vormen


def lekken_docx(data: bytes, geheimen: list[str]) -> list[str]:
    """Where any of `geheimen` can still be read in the package ("part: secret")."""
    uit = []
    sleutels = [(g, leesbaar(g)) for g in geheimen if g.strip()]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for naam in z.namelist():
            vormen = [leesbaar(v) for v in _vormen_van_deel(naam, z.read(naam))]
            vormen.append(leesbaar(naam))
            for geheim, sleutel in sleutels:
                if any(sleutel in v for v in vormen):
                    uit.append(f"{naam}: {geheim!r}")
    return uit


def html_tekst(pagina: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", "", pagina))


def lekken_html(pagina: str, geheimen: list[str]) -> list[str]:
    vormen = [leesbaar(pagina), leesbaar(html_module.unescape(pagina)), leesbaar(html_tekst(pagina))]
    return [g for g in geheimen if g.strip() and any(leesbaar(g) in v for v in vormen)]


def docx_tekst(data: bytes) -> str:
    """The visible text of body, footnotes and headers, paragraph by paragraph."""
    delen = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for naam in z.namelist():
            if naam.startswith("word/") and naam.endswith(".xml"):
                wortel = etree.fromstring(z.read(naam))
                for p in wortel.iter(f"{W}p"):
                    delen.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return "\n".join(delen)
