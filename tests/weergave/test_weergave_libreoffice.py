"""Proof that it renders: LibreOffice converts the seed letter, the nota and a tracked-changes
file to PDF; accepting all tracked changes in LibreOffice gives revision S, rejecting all R."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.weergave.docx import document_docx
from app.weergave.wijzigingen import wijzigingen_docx
from tests.weergave.test_weergave_docx import VOETNOTEN
from tests.weergave.test_weergave_wijzigingen import wijzigingen_van
from tests.weergave.weergave_hulp import BESLOTEN, CEST, TEKST_DEF, TEKST_IENW, brief_met_besluit, normaliseer_witruimte, traag_lo
from tests.weergave.weergave_lo import als_tekst, naar_pdf, pdf_tekst

pytestmark = traag_lo


@pytest.fixture(scope="module")
def map_(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lo")


@pytest.fixture(scope="module")
def bestanden(map_, brief, nota) -> dict[str, Path]:
    besloten = brief_met_besluit(brief)
    uit = {
        "R": document_docx(brief),
        "brief": document_docx(besloten),
        "nota": document_docx(nota),
        "wijzigingen": wijzigingen_docx(
            wijzigingen_van(brief, besloten, "Mona Keijzer", datetime(2025, 6, 12, 8, 15, tzinfo=CEST))
        ),
    }
    paden = {}
    for naam, data in uit.items():
        paden[naam] = map_ / f"{naam}.docx"
        paden[naam].write_bytes(data)
    return paden


@pytest.fixture(scope="module")
def pdf_teksten(bestanden, map_) -> dict[str, str]:
    namen = ["brief", "nota", "wijzigingen"]
    pdfs = naar_pdf([bestanden[n] for n in namen], map_)
    return {naam: pdf_tekst(pdf) for naam, pdf in zip(namen, pdfs, strict=True)}


def test_brief_pdf_bevat_voetnoten_paginavoet_en_besloten_tekst(pdf_teksten):
    tekst = pdf_teksten["brief"]
    plat = normaliseer_witruimte(tekst)
    for noot in VOETNOTEN:
        assert normaliseer_witruimte(noot) in plat, noot
    assert "Pagina 1 van" in tekst
    aantal = int(plat.split("Pagina 1 van ")[1].split()[0])
    assert aantal > 10 and f"Pagina {aantal} van {aantal}" in plat
    assert BESLOTEN in plat
    assert "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal" in plat
    assert "Datum 12 juni 2025" in plat and "Mona Keijzer" in plat


def test_nota_pdf(pdf_teksten):
    plat = normaliseer_witruimte(pdf_teksten["nota"])
    assert "NB 1 Tussen Defensie en IenW" in plat
    assert f"Tekstvoorstel Defensie {TEKST_DEF}" in plat
    assert f"Tekstvoorstel IenW {TEKST_IENW}" in plat
    assert "Pagina 1 van" in plat and "Parafenlijn" in plat and "Anne Jansen" in plat


def test_wijzigingen_pdf_toont_de_invoeging(pdf_teksten):
    plat = normaliseer_witruimte(pdf_teksten["wijzigingen"])
    assert BESLOTEN in plat
    assert "Pagina 1 van" in plat
    assert normaliseer_witruimte(VOETNOTEN[5]) in plat


def test_libreoffice_aanvaarden_geeft_s_en_verwerpen_geeft_r(bestanden, map_):
    aanvaard, verworpen, r, s = als_tekst(
        [
            ("accepteer", bestanden["wijzigingen"]),
            ("verwerp", bestanden["wijzigingen"]),
            ("geen", bestanden["R"]),
            ("geen", bestanden["brief"]),
        ],
        map_,
    )
    assert BESLOTEN in s and BESLOTEN not in r
    assert aanvaard == s
    assert verworpen == r
