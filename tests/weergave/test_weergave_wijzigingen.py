"""wijzigingen.docx: native tracked changes between two revisions, with authors and dates;
accepting all gives revision S, rejecting all gives revision R (pure-Python check over the XML;
the LibreOffice check is in test_weergave_libreoffice.py)."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime

import docx
import pytest
from lxml import etree

from app.weergave.docx import document_docx
from app.weergave.model import DocumentWeergave, SectieStap, SectieWeergave, SectieWijzigingen, WijzigingenWeergave
from app.weergave.wijzigingen import wijzigingen_docx
from tests.weergave.weergave_hulp import BESLOTEN, CEST, NSMAP, W, brief_met_besluit, delen, verwerk_wijzigingen, xml

T1 = datetime(2025, 6, 10, 14, 0, tzinfo=CEST)
T2 = datetime(2025, 6, 11, 9, 30, tzinfo=CEST)
T3 = datetime(2025, 6, 12, 8, 15, tzinfo=CEST)


def wijzigingen_van(r: DocumentWeergave, s: DocumentWeergave, auteur: str, tijdstip: datetime) -> WijzigingenWeergave:
    secties = [
        SectieWijzigingen(a, [] if a == b else [SectieStap(b, auteur, tijdstip)])
        for a, b in zip(r.secties, s.secties, strict=True)
    ]
    return WijzigingenWeergave(s, r.revisie, s.revisie, secties)


def test_besluit_als_invoeging_met_auteur_en_datum(brief):
    data = wijzigingen_docx(wijzigingen_van(brief, brief_met_besluit(brief), "Mona Keijzer", T3))
    document = xml(data)
    invoegingen = document.findall(".//w:ins", NSMAP)
    assert len(invoegingen) == 1 and not document.findall(".//w:del", NSMAP)
    (ins,) = invoegingen
    assert ins.get(f"{W}author") == "Mona Keijzer"
    assert ins.get(f"{W}date") == "2025-06-12T06:15:00Z"
    assert ins.get(f"{W}id")
    assert "".join(t.text for t in ins.iter(f"{W}t")).strip() == BESLOTEN
    assert "<w:trackRevisions/>" in delen(data)["word/settings.xml"].decode()
    docx.Document(io.BytesIO(data))  # opens


def _vergelijk(data: bytes, r: DocumentWeergave, s: DocumentWeergave) -> None:
    aanvaard = verwerk_wijzigingen(xml(data), accepteer=True)
    verworpen = verwerk_wijzigingen(xml(data), accepteer=False)
    assert aanvaard == verwerk_wijzigingen(xml(document_docx(s)), accepteer=True)
    assert verworpen == verwerk_wijzigingen(xml(document_docx(r)), accepteer=True)
    noten = xml(data, "word/footnotes.xml")
    for deel in (noten, xml(data)):
        for element in deel.iter(f"{W}ins", f"{W}del"):
            assert element.get(f"{W}author") and element.get(f"{W}date") and element.get(f"{W}id")
    ids = [e.get(f"{W}id") for d in (xml(data), noten) for e in d.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids))


def test_aanvaarden_geeft_s_en_verwerpen_geeft_r_voor_de_seedbrief(brief):
    s = brief_met_besluit(brief)
    _vergelijk(wijzigingen_docx(wijzigingen_van(brief, s, "Mona Keijzer", T3)), brief, s)


def _doc(*secties: SectieWeergave) -> DocumentWeergave:
    return DocumentWeergave(
        id=1,
        soort="kamerbrief",
        titel="Proef",
        kenmerk="K",
        datum=T1.date(),
        revisie=1,
        penvoerder="VRO",
        penvoerder_naam="Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
        ondertekenaar="Mona Keijzer",
        ondertekenaar_functie="De minister van Volkshuisvesting en Ruimtelijke Ordening",
        mede_namens=[],
        mede_namens_namen=[],
        bijlagen=[],
        secties=list(secties),
        status="concept",
    )


VAN = SectieWeergave(
    "Inleiding",
    1,
    "Een twee drie.^[Kamerstukken II 2024/25, 35334, nr. 362]\n\nTweede alinea blijft.\n\nDerde alinea wordt een opsomming.\n\n- punt a\n- punt b",
)


@pytest.mark.parametrize(
    "nieuw",
    [
        SectieWeergave(
            "Inleiding",
            1,
            "Een twee vier drie.^[Kamerstukken II 2024/25, 35334, nr. 362]\n\nTweede alinea blijft.\n\nDerde alinea wordt een opsomming.\n\n- punt a\n- punt b",
        ),
        SectieWeergave(
            "Nieuwe kop",
            2,
            "Een twee drie.\n\nTweede alinea\n\nblijft niet heel.\n\n- Derde alinea wordt een opsomming.\n\n1. punt a\n2. punt b\n3. punt c",
        ),
        SectieWeergave(
            "Inleiding",
            1,
            "Een **twee** drie.^[Andere noot met *cursief*.] Tweede alinea blijft. Derde alinea wordt een opsomming.\n\n- punt a\n  - punt b",
        ),
        SectieWeergave(None, 1, ""),
        SectieWeergave("Inleiding", 1, "Alles anders."),
    ],
    ids=["woord", "structuur", "samenvoegen-en-opmaak", "leeg", "alles"],
)
def test_aanvaarden_en_verwerpen_bij_structuurwijzigingen(nieuw):
    staart = SectieWeergave("Slot", 1, "Laatste alinea.")
    r, s = _doc(VAN, staart), dataclasses.replace(_doc(nieuw, staart), revisie=2)
    _vergelijk(wijzigingen_docx(wijzigingen_van(r, s, "Anna", T1)), r, s)


def test_elke_wijziging_draagt_auteur_en_tijd_van_de_stap_die_hem_maakte():
    r = _doc(SectieWeergave("Kop", 1, "Een twee drie."), SectieWeergave("Ander", 1, "Blijft."))
    stap1 = SectieWeergave("Kop", 1, "Een twee vier drie.")
    stap2 = SectieWeergave("Kop", 1, "Een vier drie vijf.")
    nieuw = SectieWeergave("Nieuw", 2, "Geheel *nieuwe* sectie.")
    s = dataclasses.replace(_doc(stap2, SectieWeergave("Ander", 1, "Blijft."), nieuw), revisie=4)
    w = WijzigingenWeergave(
        s,
        1,
        4,
        [
            SectieWijzigingen(r.secties[0], [SectieStap(stap1, "Anna", T1), SectieStap(stap2, "Bram", T2)]),
            SectieWijzigingen(r.secties[1], []),
            SectieWijzigingen(None, [SectieStap(nieuw, "Carla", T3)]),
        ],
    )
    data = wijzigingen_docx(w)
    document = xml(data)
    gezien = []
    for element in document.iter(f"{W}ins", f"{W}del"):
        if element.getparent().tag == f"{W}rPr":
            gezien.append((etree.QName(element).localname, "¶", element.get(f"{W}author")))
            continue
        tekst = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
        gezien.append((etree.QName(element).localname, tekst, element.get(f"{W}author")))
    assert ("ins", "vier ", "Anna") in gezien
    assert ("del", "twee ", "Bram") in gezien
    assert ("ins", " vijf", "Bram") in gezien
    assert ("ins", "Nieuw", "Carla") in gezien and ("ins", "Geheel nieuwe sectie.", "Carla") in gezien
    datums = {e.get(f"{W}author"): e.get(f"{W}date") for e in document.iter(f"{W}ins", f"{W}del")}
    assert datums == {"Anna": "2025-06-10T12:00:00Z", "Bram": "2025-06-11T07:30:00Z", "Carla": "2025-06-12T06:15:00Z"}
    _vergelijk(data, r, s)
    custom = delen(data)["docProps/custom.xml"].decode()
    assert "WijzigingenVan" in custom and ">4<" in custom


def test_in_en_weer_uit_tussen_r_en_s_komt_niet_voor():
    r = _doc(SectieWeergave("Kop", 1, "Een drie."))
    stap1 = SectieWeergave("Kop", 1, "Een tijdelijk drie.")
    stap2 = SectieWeergave("Kop", 1, "Een drie.")
    w = WijzigingenWeergave(r, 1, 3, [SectieWijzigingen(r.secties[0], [SectieStap(stap1, "A", T1), SectieStap(stap2, "B", T2)])])
    data = wijzigingen_docx(w)
    assert "tijdelijk" not in delen(data)["word/document.xml"].decode()
    assert not list(xml(data).iter(f"{W}ins", f"{W}del"))


def test_voetnoot_toegevoegd_en_verwijderd_is_gemarkeerd_in_footnotes():
    r = _doc(SectieWeergave("Kop", 1, "Tekst^[Oude noot] hier."))
    s = dataclasses.replace(_doc(SectieWeergave("Kop", 1, "Tekst hier.^[Nieuwe noot]")), revisie=2)
    data = wijzigingen_docx(wijzigingen_van(r, s, "Anna", T1))
    noten = xml(data, "word/footnotes.xml")
    echte = [n for n in noten.findall("w:footnote", NSMAP) if n.get(f"{W}type") is None]
    soorten = [{etree.QName(e).localname for e in n.iter(f"{W}ins", f"{W}del")} for n in echte]
    assert soorten == [{"del"}, {"ins"}]
    _vergelijk(data, r, s)
