"""(Re)generates templates/huisstijl.docx, the house-style template of every rendered document.

    .venv/bin/python templates/maak_huisstijl.py

Rijkshuisstijl as far as open fonts allow: A4, the text column of a Rijksoverheid letter
(12 cm from 2.35 cm, the colofon column to its right), Verdana 9 pt on 13.5 pt with a
sans-serif fallback (the Rijksoverheid fonts are closed and are not shipped), headings, footnote
styles, list styles with numbering, and a footer "Pagina X van Y" (PAGE / NUMPAGES fields).
The output is deterministic, so the binary only changes when this script does.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.weergave.ooxml import (  # noqa: E402
    CT_APP,
    CT_CORE,
    CT_DOCUMENT,
    CT_FONTTABLE,
    CT_FOOTER,
    CT_FOOTNOTES,
    CT_NUMBERING,
    CT_SETTINGS,
    CT_STYLES,
    NS,
    RT_APP,
    RT_CORE,
    RT_FONTTABLE,
    RT_FOOTER,
    RT_FOOTNOTES,
    RT_NUMBERING,
    RT_OFFICE_DOCUMENT,
    RT_SETTINGS,
    RT_STYLES,
    XML_DECL,
    abstract_num,
    app_xml,
    content_types_xml,
    core_xml,
    footnotes_xml,
    num,
    para,
    ppr,
    relaties_xml,
    rpr,
    run,
    veld,
    zip_pakket,
)

DOEL = ROOT / "templates" / "huisstijl.docx"

# A4 in twentieths of a point; the letter's text column is 12 cm wide from 2.35 cm.
PAGINA_BREEDTE, PAGINA_HOOGTE = 11906, 16838
MARGE_LINKS = 1332
MARGE_RECHTS = PAGINA_BREEDTE - MARGE_LINKS - 6804
MARGE_BOVEN, MARGE_ONDER = 2155, 1418
KOPTEKST, VOETTEKST = 567, 624

FONT = '<w:rFonts w:ascii="Verdana" w:eastAsia="Verdana" w:hAnsi="Verdana" w:cs="Verdana"/>'
REGEL = 270  # 13.5 pt line pitch for 9 pt text


def _stijl(
    soort: str,
    stijl_id: str,
    naam: str,
    *,
    basis: str | None = None,
    volgende: str | None = None,
    ppr_xml: str = "",
    rpr_xml: str = "",
    meta: str = "",
    extra: str = "",
    standaard: bool = False,
) -> str:
    # CT_Style order: name, basedOn, next, uiPriority.., qFormat, pPr, rPr, tblPr, tblStylePr.
    kop = f'<w:style w:type="{soort}"' + (' w:default="1"' if standaard else "") + f' w:styleId="{stijl_id}">'
    delen = [f'<w:name w:val="{naam}"/>']
    if basis:
        delen.append(f'<w:basedOn w:val="{basis}"/>')
    if volgende:
        delen.append(f'<w:next w:val="{volgende}"/>')
    delen.append('<w:uiPriority w:val="9"/><w:qFormat/>' if naam.startswith("heading") else meta)
    delen.append(ppr_xml)
    delen.append(rpr_xml)
    delen.append(extra)
    return kop + "".join(delen) + "</w:style>"


def styles_xml() -> str:
    kop = lambda niveau, rpr_inhoud: _stijl(  # noqa: E731
        "paragraph",
        f"Heading{niveau}",
        f"heading {niveau}",
        basis="Normal",
        volgende="Normal",
        ppr_xml=f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{REGEL if niveau == 1 else 0}" '
        f'w:after="0"/><w:outlineLvl w:val="{niveau - 1}"/></w:pPr>',
        rpr_xml=f"<w:rPr>{rpr_inhoud}</w:rPr>",
    )
    stijlen = [
        _stijl(
            "paragraph",
            "Normal",
            "Normal",
            standaard=True,
            ppr_xml=f'<w:pPr><w:widowControl/><w:spacing w:after="{REGEL}" w:line="{REGEL}" w:lineRule="atLeast"/></w:pPr>',
        ),
        _stijl(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            standaard=True,
            meta='<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>',
        ),
        kop(1, "<w:b/><w:bCs/>"),
        kop(2, "<w:i/><w:iCs/>"),
        kop(3, "<w:i/><w:iCs/>"),
        _stijl(
            "paragraph",
            "Title",
            "Title",
            basis="Normal",
            volgende="Normal",
            ppr_xml='<w:pPr><w:keepNext/><w:spacing w:after="120" w:line="360" w:lineRule="atLeast"/></w:pPr>',
            rpr_xml='<w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>',
        ),
        _stijl(
            "paragraph",
            "Subtitle",
            "Subtitle",
            basis="Normal",
            volgende="Normal",
            ppr_xml=f'<w:pPr><w:keepNext/><w:spacing w:after="{REGEL}"/></w:pPr>',
            rpr_xml='<w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
        ),
        # No spacing between lines of an address, the Datum / Betreft lines or table cells.
        _stijl("paragraph", "Briefhoofd", "Briefhoofd", basis="Normal", ppr_xml='<w:pPr><w:spacing w:after="0"/></w:pPr>'),
        _stijl(
            "paragraph",
            "Colofon",
            "Colofon",
            basis="Normal",
            ppr_xml='<w:pPr><w:spacing w:after="0" w:line="180" w:lineRule="atLeast"/></w:pPr>',
            rpr_xml='<w:rPr><w:sz w:val="13"/><w:szCs w:val="13"/></w:rPr>',
        ),
        _stijl(
            "paragraph",
            "ColofonKop",
            "Colofonkop",
            basis="Colofon",
            volgende="Colofon",
            ppr_xml='<w:pPr><w:spacing w:before="180" w:after="0"/></w:pPr>',
            rpr_xml="<w:rPr><w:b/><w:bCs/></w:rPr>",
        ),
        _stijl(
            "paragraph",
            "Citaat",
            "Citaat",
            basis="Normal",
            ppr_xml='<w:pPr><w:ind w:left="284"/></w:pPr>',
            rpr_xml="<w:rPr><w:i/><w:iCs/></w:rPr>",
        ),
        _stijl(
            "paragraph",
            "ListBullet",
            "List Bullet",
            basis="Normal",
            ppr_xml='<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:contextualSpacing/></w:pPr>',
        ),
        _stijl(
            "paragraph",
            "ListNumber",
            "List Number",
            basis="Normal",
            ppr_xml='<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr><w:contextualSpacing/></w:pPr>',
        ),
        _stijl(
            "paragraph",
            "FootnoteText",
            "footnote text",
            basis="Normal",
            ppr_xml='<w:pPr><w:spacing w:after="0" w:line="200" w:lineRule="atLeast"/><w:ind w:left="284" w:hanging="284"/></w:pPr>',
            rpr_xml='<w:rPr><w:sz w:val="14"/><w:szCs w:val="14"/></w:rPr>',
            meta='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
        ),
        _stijl(
            "character",
            "FootnoteReference",
            "footnote reference",
            basis="DefaultParagraphFont",
            rpr_xml='<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
            meta='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
        ),
        _stijl(
            "character",
            "Hyperlink",
            "Hyperlink",
            basis="DefaultParagraphFont",
            rpr_xml='<w:rPr><w:color w:val="154273"/><w:u w:val="single"/></w:rPr>',
            meta='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
        ),
        _stijl(
            "paragraph",
            "Header",
            "header",
            basis="Normal",
            ppr_xml='<w:pPr><w:spacing w:after="0"/></w:pPr>',
            rpr_xml='<w:rPr><w:sz w:val="13"/><w:szCs w:val="13"/></w:rPr>',
        ),
        _stijl(
            "paragraph",
            "Footer",
            "footer",
            basis="Normal",
            ppr_xml='<w:pPr><w:spacing w:after="0"/><w:jc w:val="right"/></w:pPr>',
            rpr_xml='<w:rPr><w:sz w:val="13"/><w:szCs w:val="13"/></w:rPr>',
        ),
        _stijl(
            "table",
            "TableNormal",
            "Normal Table",
            standaard=True,
            meta='<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>',
            extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        ),
        _stijl(
            "table",
            "TableGrid",
            "Table Grid",
            basis="TableNormal",
            ppr_xml='<w:pPr><w:spacing w:after="0"/></w:pPr>',
            extra="<w:tblPr><w:tblBorders>"
            + "".join(
                f'<w:{k} w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
                for k in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E6EDF4"/></w:tcPr></w:tblStylePr>',
        ),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{FONT}"
        '<w:sz w:val="18"/><w:szCs w:val="18"/><w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f'<w:spacing w:after="0" w:line="{REGEL}" w:lineRule="atLeast"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    return f"{XML_DECL}<w:styles {NS}>{defaults}{''.join(stijlen)}</w:styles>"


def settings_xml() -> str:
    # Element order follows CT_Settings; footnotePr names the two separator notes.
    return (
        f"{XML_DECL}<w:settings {NS}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/><w:hyphenationZone w:val="425"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="nl-NL"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    # family "swiss" and the PANOSE numbers let Word and LibreOffice pick a sans-serif
    # replacement (DejaVu Sans, Arial, ...) where Verdana is not installed.
    return (
        f"{XML_DECL}<w:fonts {NS}>"
        '<w:font w:name="Verdana"><w:altName w:val="DejaVu Sans"/><w:panose1 w:val="020B0604030504040204"/>'
        '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        '<w:font w:name="DejaVu Sans"><w:panose1 w:val="020B0603030804020204"/><w:charset w:val="00"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        "</w:fonts>"
    )


def footer_xml() -> str:
    eig = rpr()
    inhoud = run("Pagina ", eig) + veld("PAGE", "1", eig) + run(" van ", eig) + veld("NUMPAGES", "1", eig)
    return f"{XML_DECL}<w:ftr {NS}>{para(inhoud, ppr(stijl='Footer'))}</w:ftr>"


def numbering_xml() -> str:
    # numId 1 = List Bullet, 2 = List Number; the renderer adds one definition per list so that
    # every list restarts at 1.
    return (
        f"{XML_DECL}<w:numbering {NS}>"
        + abstract_num(1, [False] * 9)
        + abstract_num(2, [True] * 9)
        + num(1, 1)
        + num(2, 2)
        + "</w:numbering>"
    )


def sect_pr() -> str:
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rId5"/>'
        f'<w:pgSz w:w="{PAGINA_BREEDTE}" w:h="{PAGINA_HOOGTE}"/>'
        f'<w:pgMar w:top="{MARGE_BOVEN}" w:right="{MARGE_RECHTS}" w:bottom="{MARGE_ONDER}" '
        f'w:left="{MARGE_LINKS}" w:header="{KOPTEKST}" w:footer="{VOETTEKST}" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def document_xml() -> str:
    return f"{XML_DECL}<w:document {NS}><w:body>{para('')}{sect_pr()}</w:body></w:document>"


def maak() -> bytes:
    from datetime import UTC, datetime

    delen = {
        "[Content_Types].xml": content_types_xml(
            {
                "word/document.xml": CT_DOCUMENT,
                "word/styles.xml": CT_STYLES,
                "word/settings.xml": CT_SETTINGS,
                "word/fontTable.xml": CT_FONTTABLE,
                "word/numbering.xml": CT_NUMBERING,
                "word/footnotes.xml": CT_FOOTNOTES,
                "word/footer1.xml": CT_FOOTER,
                "docProps/core.xml": CT_CORE,
                "docProps/app.xml": CT_APP,
            }
        ),
        "_rels/.rels": relaties_xml(
            [
                ("rId1", RT_OFFICE_DOCUMENT, "word/document.xml", False),
                ("rId2", RT_CORE, "docProps/core.xml", False),
                ("rId3", RT_APP, "docProps/app.xml", False),
            ]
        ),
        "word/_rels/document.xml.rels": relaties_xml(
            [
                ("rId1", RT_STYLES, "styles.xml", False),
                ("rId2", RT_SETTINGS, "settings.xml", False),
                ("rId3", RT_FONTTABLE, "fontTable.xml", False),
                ("rId4", RT_NUMBERING, "numbering.xml", False),
                ("rId5", RT_FOOTER, "footer1.xml", False),
                ("rId6", RT_FOOTNOTES, "footnotes.xml", False),
            ]
        ),
        "word/document.xml": document_xml(),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/footnotes.xml": footnotes_xml([]),
        "word/footer1.xml": footer_xml(),
        "docProps/core.xml": core_xml(
            titel="Huisstijl Paraaf",
            onderwerp="Sjabloon",
            auteur="Paraaf",
            trefwoorden="",
            omschrijving="Sjabloon voor Kamerbrieven en beslisnota's",
            moment=datetime(2025, 1, 1, tzinfo=UTC),
        ),
        "docProps/app.xml": app_xml(organisatie="Rijksoverheid"),
    }
    return zip_pakket(delen)


if __name__ == "__main__":
    DOEL.write_bytes(maak())
    print(f"geschreven: {DOEL.relative_to(ROOT)}")
