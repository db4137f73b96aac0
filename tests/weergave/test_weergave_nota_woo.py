"""The beslisnota with its generated blocks, and the Woo publication version of the package."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import docx
import pytest

from app.weergave.docx import document_docx
from app.weergave.html import document_html
from app.weergave.model import NbVoorstel, SectieWeergave, WooContext
from tests.weergave.weergave_hulp import (
    BESLOTEN,
    CONTEXT,
    NSMAP,
    TEKST_DEF,
    TEKST_IENW,
    W,
    alinea_teksten,
    blokken,
    delen,
    nb_punt_defensie,
    xml,
)


def _teksten(data: bytes) -> list[str]:
    return [t for t in alinea_teksten(xml(data)) if t.strip()]


@pytest.fixture(scope="module")
def nota_docx(nota) -> bytes:
    return document_docx(nota)


def test_nb_punt_leest_als_in_de_seed(nota_docx):
    teksten = _teksten(nota_docx)
    nb1 = next(i for i, t in enumerate(teksten) if t.startswith("NB 1 "))
    assert "Tussen Defensie en IenW wordt nog afgestemd over een zin." in teksten[nb1]
    assert "De reactietermijn loopt tot 12 juni 2025, 09.00 uur." in teksten[nb1]
    assert teksten[nb1 + 1] == f"(…) {CONTEXT}"
    assert teksten[nb1 + 2 : nb1 + 6] == ["Tekstvoorstel Defensie", TEKST_DEF, "Tekstvoorstel IenW", TEKST_IENW]
    # The static NB point of the draft comes after the generated one, numbered on.
    assert teksten[nb1 + 6].startswith("NB 2 De finale versie van de MIRT-brief")
    assert "NB-punten" not in teksten
    # Right after the "Aan de minister wordt gevraagd" section (its last bullet), before Kern.
    assert teksten[nb1 - 1].startswith("In te stemmen met verzending aan de Tweede Kamer van de MIRT-brief")
    assert teksten[nb1 + 7] == "Kern"


def test_nb_label_en_nb_nummer_zijn_vet(nota_docx):
    document = xml(nota_docx)
    vet = {"".join(t.text for t in r.iter(f"{W}t")) for r in document.iter(f"{W}r") if r.find("w:rPr/w:b", NSMAP) is not None}
    assert {"NB 1", "NB 2", "Tekstvoorstel Defensie", "Tekstvoorstel IenW"} <= vet


def test_geen_nb_punt_als_er_geen_open_geschil_is(nota):
    zonder = dataclasses.replace(nota, blokken=blokken(nb_punten=[]))
    teksten = _teksten(document_docx(zonder))
    assert not any("Tekstvoorstel" in t for t in teksten)
    assert [t[:4] for t in teksten if re.match(r"NB \d", t)] == ["NB 1"]  # only the static one
    assert next(t for t in teksten if t.startswith("NB 1")).startswith("NB 1 De finale versie")


def test_escalatie_en_vervangen_passage_met_context(nota):
    punt = dataclasses.replace(
        nb_punt_defensie(),
        status="geescaleerd",
        passage="oude zin.",
        context_na=" Koppelkansen^[Zie noot] volgen.",
        voorstellen=[NbVoorstel("DEF", "Ministerie van Defensie", "", "geescaleerd", None)],
    )
    teksten = _teksten(document_docx(dataclasses.replace(nota, blokken=blokken([punt, nb_punt_defensie()]))))
    nb1 = next(t for t in teksten if t.startswith("NB 1 "))
    assert "Het geschil is aan u voorgelegd ter besluitvorming." in nb1
    citaat = teksten[teksten.index(nb1) + 1]
    assert citaat == f"(…) {CONTEXT} oude zin. Koppelkansen volgen. (…)"
    assert "De passage schrappen." in teksten
    assert any(t.startswith("NB 2 Tussen Defensie") for t in teksten)
    assert any(t.startswith("NB 3 De finale versie") for t in teksten)


def test_proces_van_afstemming_tabel(nota_docx):
    document = docx.Document(io.BytesIO(nota_docx))
    tabellen = {t.rows[0].cells[0].text: t for t in document.tables}
    afstemming = tabellen["Departement"]
    rijen = [[c.text for c in r.cells] for r in afstemming.rows]
    assert rijen[0] == ["Departement", "Oordeel", "Datum", "Nog geldig"]
    assert rijen[1] == [
        "Infrastructuur en Waterstaat (IenW)",
        "Niet akkoord\nZie tegenvoorstel over Defensie.",
        "11 juni 2025, 16.30 uur",
        "ja",
    ]
    assert rijen[2][1:] == ["Akkoord met opmerkingen", "11 juni 2025, 12.05 uur", "nee, tekst daarna gewijzigd"]
    assert rijen[4] == ["Onderwijs, Cultuur en Wetenschap (OCW)", "Nog geen reactie", "–", "–"]
    teksten = _teksten(nota_docx)
    # Right after the text of the "Proces van afstemming" section, before "MIRT-brief voorjaar 2025".
    intro = next(i for i, t in enumerate(teksten) if t.startswith("Stand van de interdepartementale afstemming"))
    assert ": de afstemmingsronde loopt nog (" in teksten[intro]
    assert "termijn 11 juni 2025, 17.00 uur" in teksten[intro]
    assert teksten[intro - 1].startswith("De lopende tekst van de Kamerbrief is daarnaast afgestemd")


def test_parafenlijn_in_de_kop(nota_docx):
    document = docx.Document(io.BytesIO(nota_docx))
    parafen = next(t for t in document.tables if t.rows[0].cells[0].text == "Niveau")
    rijen = [[c.text for c in r.cells] for r in parafen.rows[1:]]
    assert rijen == [
        ["Afdelingshoofd", "Anne Jansen", "11 juni 2025, 18.02 uur", "geparafeerd"],
        ["Directeur", "Pieter de Boer", "11 juni 2025, 19.40 uur", "geparafeerd"],
        ["DG", "–", "–", "nog niet geparafeerd"],
        ["SG", "–", "–", "nog niet geparafeerd"],
    ]
    body = list(xml(nota_docx).find("w:body", NSMAP))
    eerste_tabel = next(i for i, e in enumerate(body) if e.tag == f"{W}tbl")
    aanleiding = next(i for i, e in enumerate(body) if "".join(alinea_teksten(e)) == "Aanleiding")
    assert eerste_tabel < aanleiding


def test_besloten_geschil_verdwijnt_bij_de_volgende_weergave(nota):
    zonder = dataclasses.replace(nota, blokken=blokken(nb_punten=[]))
    tekst = "\n".join(_teksten(document_docx(zonder)))
    assert TEKST_IENW not in tekst and "Tekstvoorstel" not in tekst
    assert BESLOTEN not in tekst  # the nota quotes disputes, not the letter


# --- Woo ------------------------------------------------------------------------------------------

AMBTENAREN = WooContext(
    ambtenaren_namen=["Anne Jansen", "Pieter de Boer", "Sanne Visser"],
    ambtenaren_emails=["a.jansen@minvro.nl", "sanne.visser@minienw.nl"],
    ambtenaren_telefoons=["06-12345678", "070 456 78 90"],
)
ACHTERGEHOUDEN = [
    "Anne Jansen",
    "Pieter de Boer",
    "Sanne Visser",
    "a.jansen@minvro.nl",
    "sanne.visser@minienw.nl",
    "06-12345678",
    "070 456 78 90",
    "info@voorbeeld.nl",
    "+31 6 87654321",
    "geheime tekst",
    "interne afweging",
]


def _woo_nota(nota):
    secties = list(nota.secties)
    secties.insert(
        1,
        SectieWeergave(
            "Contact",
            2,
            (
                "Vragen aan Anne Jansen (a.jansen@minvro.nl, 06-12345678) of Sanne Visser via sanne.visser@minienw.nl, "
                "070 456 78 90, info@voorbeeld.nl of +31 6 87654321. De motie van het lid Mooiman; minister Keijzer. "
                "Zie [[woo:5.1.2i|geheime tekst]].^[Noot met [[woo:5.2|interne afweging]] en Pieter de Boer.]"
            ),
        ),
    )
    return dataclasses.replace(
        nota,
        secties=secties,
        titel="Nota voor Anne Jansen",
        kenmerk="2025-123 (Sanne Visser)",
        bijlagen=["Mail van Pieter de Boer"],
    )


def test_niets_achtergehoudens_overleeft_in_het_pakket(nota, brief):
    for doc in (_woo_nota(nota), dataclasses.replace(_woo_nota(nota), soort="kamerbrief")):
        data = document_docx(doc, AMBTENAREN)
        docx.Document(io.BytesIO(data))  # opens
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            namen = z.namelist()
            assert {"docProps/core.xml", "docProps/custom.xml", "word/footnotes.xml", "word/document.xml"} <= set(namen)
            for naam in namen:
                inhoud = z.read(naam).decode("utf-8", errors="replace")
                for geheim in ACHTERGEHOUDEN:
                    assert geheim not in inhoud, f"{geheim!r} in {naam}"
        tekst = "\n".join(alinea_teksten(xml(data)))
        assert "het lid Mooiman" in tekst and "minister Keijzer" in tekst
        assert "Mona Keijzer" in delen(data)["docProps/custom.xml"].decode()
        assert "5.1.2e" in tekst and "5.1.2i" in tekst
        assert "5.2" in "".join(alinea_teksten(xml(data, "word/footnotes.xml")))
        assert "5.1.2e" in delen(data)["docProps/core.xml"].decode()


def test_nota_noemt_de_gebruikte_gronden(nota):
    data = document_docx(_woo_nota(nota), AMBTENAREN)
    teksten = _teksten(data)
    kop = teksten.index("Informatie die niet openbaar gemaakt kan worden")
    assert teksten[kop + 1].startswith("In deze openbare versie is informatie weggelaten op grond van")
    assert teksten[kop + 2 : kop + 5] == [
        "5.1.2e Woo: de eerbiediging van de persoonlijke levenssfeer",
        "5.1.2i Woo: het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen",
        "5.2 Woo: persoonlijke beleidsopvattingen in documenten voor intern beraad",
    ]
    assert teksten[kop + 5] == "Motivering"
    custom = delen(data)["docProps/custom.xml"].decode()
    assert re.search(r'name="WooGronden"><vt:lpwstr>5\.1\.2e, 5\.1\.2i, 5\.2<', custom)


def test_interne_versie_toont_tekst_en_parafen(nota):
    data = document_docx(_woo_nota(nota))
    tekst = "\n".join(_teksten(data))
    assert "Anne Jansen" in tekst and "geheime tekst" in tekst
    assert "Bij openbaarmaking wordt informatie weggelaten" in tekst


def test_woo_html_zonder_achtergehouden_tekst(nota):
    html = document_html(_woo_nota(nota), AMBTENAREN)
    for geheim in ACHTERGEHOUDEN:
        assert geheim not in html
    assert "het lid Mooiman" in html


def test_nota_zonder_koppeling_en_bijlage(nota):
    los = dataclasses.replace(nota, blokken=None)
    data = document_docx(los)
    teksten = _teksten(data)
    assert [t[:4] for t in teksten if re.match(r"NB \d", t)] == ["NB 1"]
    assert not any(t.startswith("Stand van de interdepartementale afstemming") for t in teksten)
    assert not [t for t in docx.Document(io.BytesIO(data)).tables if t.rows[0].cells[0].text == "Niveau"]
    bijlage = dataclasses.replace(nota, soort="bijlage", titel="Afsprakenlijst", blokken=None)
    document = docx.Document(io.BytesIO(document_docx(bijlage)))
    assert document.paragraphs[0].text == "Afsprakenlijst" and document.paragraphs[0].style.name == "Title"
    assert document.core_properties.subject == "Bijlage"
