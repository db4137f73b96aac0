"""HTML: a valid, escaped standalone page and section fragments."""

from __future__ import annotations

from html.parser import HTMLParser

from app.weergave.html import document_html, tekst_html
from app.weergave.model import SectieWeergave
from tests.weergave.weergave_hulp import TEKST_DEF

LEEG = {"meta", "br", "hr", "img", "input", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class Nesting(HTMLParser):
    """Checks that every element is closed in order (the writer closes <p> and <li> itself)."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.fouten: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.scripts = 0
        self.doctype = False

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        waarden = dict(attrs)
        if "id" in waarden:
            self.ids.append(waarden["id"])
        if tag == "a" and "href" in waarden:
            self.hrefs.append(waarden["href"])
        if tag == "script":
            self.scripts += 1
        if tag not in LEEG:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.fouten.append(f"</{tag}> terwijl open: {self.open[-3:]}")
        else:
            self.open.pop()


def _controleer(html: str) -> Nesting:
    n = Nesting()
    n.feed(html)
    n.close()
    assert not n.fouten, n.fouten[:5]
    assert not n.open
    assert n.scripts == 0
    assert len(n.ids) == len(set(n.ids))
    for href in n.hrefs:
        if href.startswith("#"):
            assert href[1:] in n.ids, f"link naar onbekend anker {href}"
    return n


def test_brief_als_html_pagina(brief):
    html = document_html(brief)
    n = _controleer(html)
    assert n.doctype and '<html lang="nl">' in html and '<meta charset="utf-8">' in html
    assert "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal" in html
    assert "12 juni 2025" in html and "Mona Keijzer" in html
    assert html.count('role="doc-noteref"') == 9 and html.count('role="doc-backlink"') == 9
    assert '<a href="https://zoek.officielebekendmakingen.nl/kst-36600-XXII-26.html">' in html
    assert "<h2>Defensie</h2>" not in html and "<h3>Defensie</h3>" in html
    assert "Ministerie van Defensie" in html  # mede namens in the metadata


def test_nota_als_html(nota):
    html = document_html(nota)
    _controleer(html)
    assert "Tekstvoorstel Defensie" in html and TEKST_DEF in html
    assert '<th><p class="briefhoofd">Departement</p></th>' in html


def test_script_in_sectie_wordt_tekst(brief):
    import dataclasses

    kwaad = dataclasses.replace(
        brief,
        titel="<b>x</b>",
        secties=[
            SectieWeergave(
                "<script>alert(1)</script>", 1, "Tekst <script>alert('x')</script> & \"quote\"^[<img src=x onerror=alert(1)>]"
            )
        ],
    )
    html = document_html(kwaad)
    _controleer(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html and "<img" not in html and "<b>x</b>" not in html


def test_tekst_fragment():
    fragment = tekst_html("Een **vet** woord^[Noot *c*]\n\n- a\n  1. b\n- c [[woo:5.1.2e|Jan]]\n\n<i>", voorvoegsel="s3-")
    _controleer(str(fragment))
    assert "<strong>vet</strong>" in fragment
    assert '<ul><li>a<ol><li>b</li></ol></li><li>c <mark class="woo" data-woo="5.1.2e"' in fragment
    assert 'href="#s3-voetnoot-1"' in fragment and 'id="s3-voetnoot-1"' in fragment
    assert "<p>&lt;i&gt;</p>" in fragment
    assert hasattr(fragment, "__html__")
