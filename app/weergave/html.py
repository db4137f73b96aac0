"""HTML rendering: the same content as the Word file, as a standalone HTML5 page in Dutch
(footnotes as linked notes with back-links), and one section's text as an HTML fragment.

All text is escaped (markupsafe); only the writer's own tags are markup, so a section holding
"<script>" shows exactly that text.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from app.weergave.docx import SOORT_NAAM
from app.weergave.model import DocumentWeergave, WooContext
from app.weergave.opbouw import Blok, Noot, Par, Stuk, Tabel, bouw, datum_nl, tekst_pars
from workflow.woo import grond_omschrijving

SJABLONEN = Path(__file__).resolve().parents[2] / "templates" / "weergave"

_KOPPEN = {"Heading1": "h2", "Heading2": "h3", "Heading3": "h4", "Title": "h1"}
_KLASSEN = {"Subtitle": "ondertitel", "Briefhoofd": "briefhoofd", "Citaat": "citaat"}


@functools.cache
def stijl() -> tuple[str, str]:
    """The page's style sheet (inline, so a saved page keeps its layout) and its CSP source:
    the page is served with the web pages' Content-Security-Policy plus this one hash."""
    css = (SJABLONEN / "document.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, f"'sha256-{digest}'"


@functools.cache
def _omgeving() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(SJABLONEN),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


class HtmlSchrijver:
    """Blocks to HTML; footnotes are collected and numbered in reading order."""

    def __init__(self, voorvoegsel: str = "", woo_markeren: bool = True, eerste_noot: int = 1):
        self.voorvoegsel = voorvoegsel
        self.noten: list[Markup] = []
        self.woo_markeren = woo_markeren
        self.eerste_noot = eerste_noot  # numbering through a whole document shown in parts

    def inline(self, inhoud: list[Stuk | Noot]) -> Markup:
        return Markup("").join(self.noot(d) if isinstance(d, Noot) else self.stuk(d) for d in inhoud)

    def stuk(self, s: Stuk) -> Markup:
        html = escape(s.tekst)
        if s.cursief:
            html = Markup("<em>%s</em>") % html
        if s.vet:
            html = Markup("<strong>%s</strong>") % html
        if s.link:
            html = Markup('<a href="%s">%s</a>') % (s.link, html)
        if s.woo and self.woo_markeren:
            titel = f"Wordt bij openbaarmaking weggelaten: {s.woo} Woo, {grond_omschrijving(s.woo)}"
            html = Markup('<mark class="woo" data-woo="%s" title="%s">%s</mark>') % (s.woo, titel, html)
        if s.wijziging is not None:
            tag = "ins" if s.wijziging.soort == "ins" else "del"
            html = Markup('<%s title="%s">%s</%s>') % (Markup(tag), s.wijziging.auteur, html, Markup(tag))
        return html

    def noot(self, noot: Noot) -> Markup:
        n = len(self.noten) + self.eerste_noot
        doel, terug = f"{self.voorvoegsel}voetnoot-{n}", f"{self.voorvoegsel}verwijzing-{n}"
        self.noten.append(
            Markup(
                '<li id="%s">%s <a href="#%s" class="terug" role="doc-backlink" aria-label="Terug naar verwijzing %d">↩</a></li>'
            )
            % (doel, self.inline(list(noot.inhoud)), terug, n)
        )
        return Markup('<sup class="voetnootverwijzing"><a href="#%s" id="%s" role="doc-noteref">%d</a></sup>') % (doel, terug, n)

    def blokken(self, blokken: list[Blok]) -> Markup:
        delen: list[Markup] = []
        i = 0
        while i < len(blokken):
            blok = blokken[i]
            if isinstance(blok, Tabel):
                delen.append(self.tabel(blok))
                i += 1
            elif blok.lijst is not None:
                j = i
                while (
                    j < len(blokken)
                    and isinstance(blokken[j], Par)
                    and blokken[j].lijst is not None
                    and blokken[j].lijst.lijst_genummerd == blok.lijst.lijst_genummerd
                ):
                    j += 1
                delen.append(self.lijst([b for b in blokken[i:j] if isinstance(b, Par)]))
                i = j
            else:
                delen.append(self.par(blok))
                i += 1
        return Markup("\n").join(delen)

    def par(self, p: Par) -> Markup:
        inhoud = self.inline(p.inhoud)
        if p.stijl in _KOPPEN:
            tag = _KOPPEN[p.stijl]
            return Markup("<%s>%s</%s>") % (Markup(tag), inhoud, Markup(tag))
        if p.rol in ("datum", "betreft"):
            label, _, waarde = "".join(d.tekst for d in p.inhoud if isinstance(d, Stuk)).partition("\t")
            return Markup('<p class="briefhoofd %s"><span class="label">%s</span> %s</p>') % (p.rol, label, waarde)
        if p.stijl == "Citaat":
            return Markup("<blockquote><p>%s</p></blockquote>") % inhoud
        klassen = " ".join(k for k in (_KLASSEN.get(p.stijl), p.rol) if k)
        if klassen:
            return Markup('<p class="%s">%s</p>') % (klassen, inhoud)
        return Markup("<p>%s</p>") % inhoud

    def lijst(self, items: list[Par]) -> Markup:
        """Nested <ul>/<ol> from items with levels."""
        uit: list[str] = []
        open_: list[str] = []  # tags of the open lists

        def open_lijst(genummerd: bool, start: int | None) -> None:
            tag = "ol" if genummerd else "ul"
            uit.append(f'<ol start="{start}">' if genummerd and start and start != 1 else f"<{tag}>")
            open_.append(tag)

        for item in items:
            plaats = item.lijst
            assert plaats is not None
            niveau = min(plaats.niveau, len(open_))
            if not open_:
                open_lijst(plaats.genummerd, plaats.nummer)
            elif niveau + 1 > len(open_):
                open_lijst(plaats.genummerd, None)
            else:
                while len(open_) > niveau + 1:
                    uit.append(f"</li></{open_.pop()}>")
                uit.append("</li>")
            uit.append("<li>" + str(self.inline(item.inhoud)))
        while open_:
            uit.append(f"</li></{open_.pop()}>")
        return Markup("".join(uit))

    def tabel(self, t: Tabel) -> Markup:
        rijen = []
        for index, rij in enumerate(t.rijen):
            cel = "th" if t.koprij and index == 0 else "td"
            cellen = "".join(f"<{cel}>{self.blokken(inhoud)}</{cel}>" for inhoud in rij)
            rijen.append(f"<tr>{cellen}</tr>")
        if t.koprij and rijen:
            return Markup(f"<table><thead>{rijen[0]}</thead><tbody>{''.join(rijen[1:])}</tbody></table>")
        return Markup(f"<table><tbody>{''.join(rijen)}</tbody></table>")

    def voetnoten(self) -> Markup:
        if not self.noten:
            return Markup("")
        begin = Markup(' start="%d"') % self.eerste_noot if self.eerste_noot != 1 else Markup("")
        return Markup('<section class="voetnoten" role="doc-endnotes" aria-label="Voetnoten"><ol%s>%s</ol></section>') % (
            begin,
            Markup("").join(self.noten),
        )


def document_html(doc: DocumentWeergave, woo: WooContext | None = None) -> str:
    """A complete HTML5 page (lang="nl") with the document's content."""
    o = bouw(doc, woo)
    s = HtmlSchrijver(woo_markeren=not o.woo)
    kop = s.blokken(o.kop)
    romp = s.blokken(o.romp)
    slot = s.blokken(o.slot)
    return (
        _omgeving()
        .get_template("document.html")
        .render(
            doc=o.doc,
            soort=SOORT_NAAM.get(o.doc.soort, o.doc.soort),
            datum=datum_nl(o.doc.datum),
            woo=o.woo,
            colofon=o.colofon,
            kop=kop,
            romp=romp,
            slot=slot,
            voetnoten=s.voetnoten(),
            css=Markup(stijl()[0]),
        )
    )


def tekst_html(markdown_tekst: str, *, voorvoegsel: str = "") -> Markup:
    """One section's text as escaped HTML (paragraphs, lists, footnotes at the end);
    `voorvoegsel` keeps footnote ids unique when several fragments share a page."""
    return teksten_html([markdown_tekst], voorvoegsels=[voorvoegsel])[0]


def teksten_html(markdown_teksten: list[str], *, voorvoegsels: list[str]) -> list[Markup]:
    """Several sections of one document as HTML, footnotes numbered through all of them (1, 2,
    3 … as in the Word and HTML documents), each section with its own notes at its end."""
    uit, volgende = [], 1
    for tekst, voorvoegsel in zip(markdown_teksten, voorvoegsels, strict=True):
        s = HtmlSchrijver(voorvoegsel, eerste_noot=volgende)
        inhoud = s.blokken(tekst_pars(tekst))
        uit.append(inhoud + s.voetnoten() if s.noten else inhoud)
        volgende += len(s.noten)
    return uit
