"""The Word file of the seed letter: package structure, house style, footnotes, lists, fields,
hyperlinks, document properties, Word's element order."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest
from lxml import etree

from app.weergave.docx import document_docx, sjabloon
from app.weergave.model import DocumentWeergave, SectieWeergave
from app.weergave.opbouw import datum_nl
from tests.weergave.weergave_hulp import NSMAP, W, alinea_teksten, delen, xml

VOETNOTEN = [
    "Tweede Kamer, vergaderjaar 2024-2025, 36592, nr. 17",
    "Tweede Kamer, vergaderjaar 2022-2023, 36200-XII, nr. 33",
    "Tweede Kamer, vergaderjaar 2024-2025, 35334, nr. 362",
    "Tweede Kamer, vergaderjaar 2024-2025, 34682, nr. 223",
    "Tweede Kamer, vergaderjaar 2024-2025, 32847, nr. 1297",
    "Tweede Kamer, vergaderjaar 2024-2025, 36600 XXII, nr. 26",
    "Tweede Kamer, vergaderjaar 2024-2025, 32847, nr. 1344",
    "Dit betreft de bestaande 17 grootschalige woningbouwgebieden plus de vier kansrijke nieuwe "
    "grootschalige woningbouwlocaties.",
    "Tweede Kamer, vergaderjaar 2022-2023, 36200-A, nr. 78",
]

# Child order of the property elements Word validates (CT_PPrBase/CT_PPr, CT_RPr, CT_SectPr,
# CT_TblPr, CT_Style), restricted to what a renderer might write.
VOLGORDE = {
    "pPr": [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "pBdr",
        "shd",
        "tabs",
        "spacing",
        "ind",
        "contextualSpacing",
        "jc",
        "outlineLvl",
        "rPr",
        "sectPr",
        "pPrChange",
    ],
    "rPr": [
        "ins",
        "del",
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "strike",
        "vanish",
        "color",
        "spacing",
        "sz",
        "szCs",
        "highlight",
        "u",
        "vertAlign",
        "lang",
    ],
    "sectPr": [
        "headerReference",
        "footerReference",
        "footnotePr",
        "type",
        "pgSz",
        "pgMar",
        "pgNumType",
        "cols",
        "titlePg",
        "docGrid",
    ],
    "tblPr": ["tblStyle", "tblW", "jc", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"],
    "style": [
        "name",
        "aliases",
        "basedOn",
        "next",
        "link",
        "uiPriority",
        "semiHidden",
        "unhideWhenUsed",
        "qFormat",
        "pPr",
        "rPr",
        "tblPr",
        "trPr",
        "tcPr",
        "tblStylePr",
    ],
    "lvl": ["start", "numFmt", "lvlText", "lvlJc", "pPr", "rPr"],
    "tc": ["tcPr", "p", "tbl"],
    "tr": ["trPr", "tc"],
    "tbl": ["tblPr", "tblGrid", "tr"],
}


def controleer_volgorde(root: etree._Element, deel: str) -> None:
    for element in root.iter():
        naam = etree.QName(element).localname
        if naam not in VOLGORDE or not str(element.tag).startswith(W):
            continue
        volgorde = VOLGORDE[naam]
        kinderen = [etree.QName(k).localname for k in element if isinstance(k.tag, str)]
        onbekend = [k for k in kinderen if k not in volgorde]
        assert not onbekend, f"{deel}: onverwacht in w:{naam}: {onbekend}"
        posities = [volgorde.index(k) for k in kinderen]
        assert posities == sorted(posities), f"{deel}: volgorde in w:{naam}: {kinderen}"


@pytest.fixture(scope="module")
def brief_docx(brief) -> bytes:
    return document_docx(brief)


def test_heropenen_met_python_docx_en_alle_delen_welgevormd(brief_docx, brief):
    document = docx.Document(io.BytesIO(brief_docx))
    tekst = "\n".join(p.text for p in document.paragraphs)
    assert "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal" in tekst
    assert "Postbus 20018" in tekst and "2500 EA Den Haag" in tekst
    assert "Datum\t12 juni 2025" in tekst
    assert f"Betreft\t{brief.titel}" in tekst
    assert "Ons kenmerk" in tekst and "2025-0000347881" in tekst
    assert "Bijlage(n)" in tekst and "Afsprakenlijst BO’s Leefomgeving 2025" in tekst
    assert "De minister van Volkshuisvesting en Ruimtelijke Ordening," in tekst
    assert document.paragraphs[-1].text == "Mona Keijzer"
    for naam, inhoud in delen(brief_docx).items():
        if naam.endswith((".xml", ".rels")):
            etree.fromstring(inhoud)  # raises when not well-formed


def test_a4_marges_en_huisstijl(brief_docx):
    document = docx.Document(io.BytesIO(brief_docx))
    sectie = document.sections[0]
    assert (round(sectie.page_width.mm), round(sectie.page_height.mm)) == (210, 297)
    assert round(sectie.left_margin.cm, 2) == 2.35
    normaal = document.styles["Normal"]
    stijlen = delen(brief_docx)["word/styles.xml"].decode()
    assert 'w:ascii="Verdana"' in stijlen and '<w:sz w:val="18"/>' in stijlen  # Verdana 9 pt
    lettertypen = delen(brief_docx)["word/fontTable.xml"].decode()
    assert '<w:family w:val="swiss"/>' in lettertypen  # sans-serif fallback
    assert normaal is not None
    for naam in ("heading 1", "heading 2", "heading 3", "footnote text", "footnote reference", "List Bullet", "List Number"):
        assert document.styles[naam] is not None
    assert not any(n.startswith("word/fonts/") or n.endswith((".ttf", ".odttf")) for n in delen(brief_docx))


def test_koppen_uit_de_secties(brief_docx, brief):
    document = docx.Document(io.BytesIO(brief_docx))
    koppen = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    verwacht = [(f"Heading {s.niveau}", s.kop) for s in brief.secties if s.kop]
    assert koppen == verwacht


def test_negen_echte_voetnoten_in_volgorde(brief_docx):
    noten = xml(brief_docx, "word/footnotes.xml")
    echt = [n for n in noten.findall("w:footnote", NSMAP) if n.get(f"{W}type") is None]
    assert [n.get(f"{W}id") for n in echt] == [str(i) for i in range(1, 10)]
    assert [re.sub(r"^\t", "", "".join(alinea_teksten(n))) for n in echt] == VOETNOTEN
    scheiding = {n.get(f"{W}type"): n.get(f"{W}id") for n in noten if n.get(f"{W}type")}
    assert scheiding == {"separator": "-1", "continuationSeparator": "0"}
    document = xml(brief_docx)
    verwijzingen = [r.get(f"{W}id") for r in document.iter(f"{W}footnoteReference")]
    assert verwijzingen == [str(i) for i in range(1, 10)]
    for verwijzing in document.iter(f"{W}footnoteReference"):
        assert verwijzing.getparent().find("w:rPr/w:rStyle", NSMAP).get(f"{W}val") == "FootnoteReference"
    relaties = delen(brief_docx)["word/_rels/document.xml.rels"].decode()
    assert 'Target="footnotes.xml"' in relaties
    assert "footnotes+xml" in delen(brief_docx)["[Content_Types].xml"].decode()
    instellingen = delen(brief_docx)["word/settings.xml"].decode()
    assert '<w:footnote w:id="-1"/><w:footnote w:id="0"/>' in instellingen


def test_kamerstukken_in_voetnoten_zijn_hyperlinks(brief_docx):
    relaties = etree.fromstring(delen(brief_docx)["word/_rels/footnotes.xml.rels"])
    doelen = {r.get("Id"): r.get("Target") for r in relaties if r.get("TargetMode") == "External"}
    noten = xml(brief_docx, "word/footnotes.xml")
    links = [
        (
            doelen[h.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")],
            "".join(t.text for t in h.iter(f"{W}t")),
        )
        for h in noten.iter(f"{W}hyperlink")
    ]
    basis = "https://zoek.officielebekendmakingen.nl/"
    assert links == [
        (basis + "kst-36592-17.html", VOETNOTEN[0]),
        (basis + "kst-36200-XII-33.html", VOETNOTEN[1]),
        (basis + "kst-35334-362.html", VOETNOTEN[2]),
        (basis + "kst-34682-223.html", VOETNOTEN[3]),
        (basis + "kst-32847-1297.html", VOETNOTEN[4]),
        (basis + "kst-36600-XXII-26.html", VOETNOTEN[5]),
        (basis + "kst-32847-1344.html", VOETNOTEN[6]),
        (basis + "kst-36200-A-78.html", VOETNOTEN[8]),
    ]


def test_paginanummering_met_page_en_numpages_in_de_voettekst(brief_docx):
    onderdelen = delen(brief_docx)
    relaties = onderdelen["word/_rels/document.xml.rels"].decode()
    assert 'Target="footer1.xml"' in relaties
    voet = etree.fromstring(onderdelen["word/footer1.xml"])
    instructies = [i.text.strip() for i in voet.iter(f"{W}instrText")]
    assert instructies == ["PAGE", "NUMPAGES"]
    assert "".join(alinea_teksten(voet)).startswith("Pagina 1 van 1")
    sectie = xml(brief_docx).find("w:body/w:sectPr", NSMAP)
    assert {f.get(f"{W}type") for f in sectie.findall("w:footerReference", NSMAP)} == {"default", "first"}


def test_echte_word_lijsten_met_nummering_die_per_lijst_opnieuw_begint():
    doc = _klein_document(
        [
            SectieWeergave(
                "Lijsten", 1, "- een\n- twee\n  - twee a\n\nTussentekst.\n\n1. eerste\n2. tweede\n\nWeer tekst.\n\n1. opnieuw"
            ),
        ]
    )
    data = document_docx(doc)
    document = xml(data)
    items = [
        (
            p.find("w:pPr/w:pStyle", NSMAP).get(f"{W}val"),
            p.find("w:pPr/w:numPr/w:numId", NSMAP).get(f"{W}val"),
            p.find("w:pPr/w:numPr/w:ilvl", NSMAP).get(f"{W}val"),
            "".join(alinea_teksten(p)),
        )
        for p in document.iter(f"{W}p")
        if p.find("w:pPr/w:numPr", NSMAP) is not None
    ]
    assert [(s, lvl, t) for s, _, lvl, t in items] == [
        ("ListBullet", "0", "een"),
        ("ListBullet", "0", "twee"),
        ("ListBullet", "1", "twee a"),
        ("ListNumber", "0", "eerste"),
        ("ListNumber", "0", "tweede"),
        ("ListNumber", "0", "opnieuw"),
    ]
    num_ids = [n for _, n, _, _ in items]
    assert num_ids[0] == num_ids[1] == num_ids[2] and num_ids[3] == num_ids[4] != num_ids[5] != num_ids[0]
    assert "•" not in "".join(t for *_, t in items)  # no typed bullets
    nummering = xml(data, "word/numbering.xml")
    nums = {n.get(f"{W}numId"): n.find("w:abstractNumId", NSMAP).get(f"{W}val") for n in nummering.findall("w:num", NSMAP)}
    abstract = {a.get(f"{W}abstractNumId"): a for a in nummering.findall("w:abstractNum", NSMAP)}
    for num_id in set(num_ids):
        definitie = abstract[nums[num_id]]
        formaat = definitie.find("w:lvl[@w:ilvl='0']/w:numFmt", NSMAP).get(f"{W}val")
        assert formaat == ("bullet" if num_id == num_ids[0] else "decimal")
    kinderen = [etree.QName(k).localname for k in nummering]
    assert kinderen == sorted(kinderen, key=lambda k: k != "abstractNum")  # all abstractNum before num


def test_document_eigenschappen_en_mede_namens(brief_docx, brief):
    document = docx.Document(io.BytesIO(brief_docx))
    kern = document.core_properties
    assert kern.title == brief.titel
    assert kern.subject == "Kamerbrief"
    assert kern.author == "Ministerie van Volkshuisvesting en Ruimtelijke Ordening"
    assert kern.language == "nl-NL"
    custom = etree.fromstring(delen(brief_docx)["docProps/custom.xml"])
    waarden = {p.get("name"): p[0].text for p in custom}
    assert waarden["MedeNamens"].split("; ") == brief.mede_namens_namen
    assert "Ministerie van Defensie" in waarden["MedeNamens"]
    assert waarden["Kenmerk"] == "2025-0000347881" and waarden["Revisie"] == "3"
    assert 'Target="docProps/custom.xml"' in delen(brief_docx)["_rels/.rels"].decode()


def test_word_elementvolgorde_in_alle_delen(brief_docx, nota):
    for data in (brief_docx, document_docx(nota)):
        for naam, inhoud in delen(data).items():
            if naam.startswith("word/") and naam.endswith(".xml"):
                controleer_volgorde(etree.fromstring(inhoud), naam)


def test_sjabloon_wordt_een_keer_geladen_en_uitvoer_is_deterministisch(brief):
    assert sjabloon() is sjabloon()
    assert document_docx(brief) == document_docx(brief)


def test_datum_in_het_nederlands():
    assert datum_nl(date(2025, 6, 12)) == "12 juni 2025"
    assert datum_nl(date(2025, 3, 1)) == "1 maart 2025"


def test_opmaak_en_interne_woo_markering():
    doc = _klein_document([SectieWeergave(None, 1, "Een **vet** en *cursief* woord; [[woo:5.1.2e|Jan de Vries]] belde.")])
    document = xml(document_docx(doc))
    runs = {"".join(t.text for t in r.iter(f"{W}t")): r for r in document.iter(f"{W}r")}
    assert runs["vet"].find("w:rPr/w:b", NSMAP) is not None
    assert runs["cursief"].find("w:rPr/w:i", NSMAP) is not None
    assert runs["Jan de Vries"].find("w:rPr/w:highlight", NSMAP).get(f"{W}val") == "lightGray"


def test_misvormde_en_vijandige_tekst_geeft_geldig_document():
    tekst = "a ^[open **vet [[woo:5.1.2e|x <script>&\x01\x0b" + "\n\n- " * 50 + "\ud800 einde"
    data = document_docx(_klein_document([SectieWeergave("Kop <&>", 2, tekst)]))
    for naam, inhoud in delen(data).items():
        if naam.endswith((".xml", ".rels")):
            etree.fromstring(inhoud)
    assert "Kop <&>" in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _klein_document(secties: list[SectieWeergave], soort: str = "kamerbrief") -> DocumentWeergave:
    return DocumentWeergave(
        id=1,
        soort=soort,
        titel="Proef",
        kenmerk=None,
        datum=date(2025, 6, 12),
        revisie=1,
        penvoerder="VRO",
        penvoerder_naam="Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
        ondertekenaar="Mona Keijzer",
        ondertekenaar_functie="De minister van Volkshuisvesting en Ruimtelijke Ordening",
        mede_namens=[],
        mede_namens_namen=[],
        bijlagen=[],
        secties=secties,
        status="concept",
    )
