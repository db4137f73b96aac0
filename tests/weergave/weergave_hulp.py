"""Fixtures for the rendering tests: the seed letter and nota from drafts/, the Defensie/IenW
dispute of the seed scenario, and helpers to read a .docx package back."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

from app.weergave.model import (
    AfstemmingRegel,
    BeslisnotaBlokken,
    DocumentWeergave,
    NbPunt,
    NbVoorstel,
    ParafRegel,
    SectieWeergave,
)
from app.weergave.voorbeeld import document_uit_bestand

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "drafts"
BRIEF_MD = DRAFTS / "kamerbrief-uitkomsten-bo-leefomgeving-2025.md"
NOTA_MD = DRAFTS / "beslisnota-kamerbrief-bo-leefomgeving-2025.md"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NSMAP = {"w": W[1:-1]}
CEST = timezone(timedelta(hours=2))

# The scenario of DOMAIN.md: Defensie's insertion, IenW's counter-proposal, the decided third wording.
CONTEXT = (
    "In het Ruimtelijk Arrangement hebben Rijk en de provincies afspraken opgenomen die voortkomen uit dit "
    "ontwerp en die een bredere ruimtelijke doorwerking hebben. Zo is in de provincies die dit betreft de "
    "afspraak gemaakt om het planologisch regime voor de laagvlieggebieden in overleg met hen uit te werken."
)
ANKER = "in overleg met hen uit te werken."
TEKST_DEF = (
    "Het ministerie van Defensie, het Ministerie van Infrastructuur en Waterstaat, de provincie Overijssel en "
    "gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan voor een veilige verkeersontsluiting "
    "van de grootschalige munitieopslag."
)
TEKST_IENW = (
    "Het ministerie van Defensie, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke "
    "inspanningsverplichting aan voor een veilige verkeersontsluiting van de grootschalige munitieopslag. "
    "Het Ministerie van Infrastructuur en Waterstaat participeert waar nodig in het onderzoek."
)
BESLOTEN = (
    "Het Rijk, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke inspanningsverplichting "
    "aan voor een veilige verkeersontsluiting van de grootschalige munitieopslag."
)
TERMIJN = datetime(2025, 6, 12, 9, 0, tzinfo=CEST)


def _vereist(pad: Path) -> Path:
    if not pad.is_file():
        pytest.skip(f"{pad.relative_to(ROOT)} ontbreekt")
    return pad


def nb_punt_defensie() -> NbPunt:
    return NbPunt(
        sectie_kop="Defensie",
        context_voor=CONTEXT + " ",
        passage="",
        context_na="",
        voorstellen=[
            NbVoorstel("DEF", "Ministerie van Defensie", TEKST_DEF, "tegenvoorstel_gedaan", None),
            NbVoorstel("IenW", "Ministerie van Infrastructuur en Waterstaat", TEKST_IENW, "ingediend", TERMIJN),
        ],
        status="open",
        reactietermijn=TERMIJN,
        samenvatting=(
            "Tussen Defensie en IenW wordt nog afgestemd over een zin. IenW is niet akkoord met de toevoeging "
            "door Defensie, daar waar die IenW committeert aan een inspanningsverplichting, en heeft een "
            "tegenvoorstel gedaan dat nu bij Defensie voorligt."
        ),
    )


def blokken(nb_punten: list[NbPunt] | None = None) -> BeslisnotaBlokken:
    return BeslisnotaBlokken(
        kamerbrief_titel="Uitkomsten BO’s Leefomgeving 2025",
        nb_punten=[nb_punt_defensie()] if nb_punten is None else nb_punten,
        afstemming=[
            AfstemmingRegel(
                "IenW",
                "Ministerie van Infrastructuur en Waterstaat",
                "niet_akkoord",
                datetime(2025, 6, 11, 16, 30, tzinfo=CEST),
                True,
                "Zie tegenvoorstel over Defensie.",
            ),
            AfstemmingRegel(
                "DEF", "Ministerie van Defensie", "akkoord_met_opmerkingen", datetime(2025, 6, 11, 12, 5, tzinfo=CEST), False
            ),
            AfstemmingRegel("EZ", "Ministerie van Economische Zaken", "akkoord", datetime(2025, 6, 10, 9, 45, tzinfo=CEST), True),
            AfstemmingRegel("OCW", "Ministerie van Onderwijs, Cultuur en Wetenschap", None, None, False),
        ],
        ronde_status="open",
        ronde_termijn=datetime(2025, 6, 11, 17, 0, tzinfo=CEST),
        parafen=[
            ParafRegel("afdelingshoofd", "Anne Jansen", datetime(2025, 6, 11, 18, 2, tzinfo=CEST), True),
            ParafRegel("directeur", "Pieter de Boer", datetime(2025, 6, 11, 19, 40, tzinfo=CEST), True),
            ParafRegel("dg", None, None, False),
            ParafRegel("sg", None, None, False),
        ],
    )


@pytest.fixture(scope="session")
def brief() -> DocumentWeergave:
    doc = document_uit_bestand(_vereist(BRIEF_MD))
    return dataclasses.replace(
        doc, id=7, kenmerk="2025-0000347881", bijlagen=["Afsprakenlijst BO’s Leefomgeving 2025"], revisie=3
    )


@pytest.fixture(scope="session")
def nota() -> DocumentWeergave:
    doc = document_uit_bestand(_vereist(NOTA_MD), blokken=blokken())
    return dataclasses.replace(
        doc,
        id=8,
        kenmerk="2025-0000347902",
        ondertekenaar="Mona Keijzer",
        ondertekenaar_functie="De minister van Volkshuisvesting en Ruimtelijke Ordening",
    )


def brief_met_besluit(doc: DocumentWeergave) -> DocumentWeergave:
    """The letter after the minister's decision: the decided sentence inserted in "Defensie"."""
    secties = []
    for s in doc.secties:
        if s.kop == "Defensie":
            assert ANKER in s.tekst
            s = SectieWeergave(s.kop, s.niveau, s.tekst.replace(ANKER, f"{ANKER} {BESLOTEN}", 1))
        secties.append(s)
    return dataclasses.replace(doc, secties=secties, revisie=doc.revisie + 1)


# --- reading a package back ------------------------------------------------------------------------


def delen(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {naam: z.read(naam) for naam in z.namelist()}


def xml(data: bytes, deel: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(delen(data)[deel])


def alinea_teksten(element: etree._Element) -> list[str]:
    """Text per w:p, inserted text included, deleted text left out (python-docx skips w:ins)."""
    uit = []
    for p in element.iter(f"{W}p"):
        stukken = []
        for knoop in p.iter(f"{W}t", f"{W}tab"):
            if any(a.tag == f"{W}del" for a in knoop.iterancestors()):
                continue
            stukken.append("\t" if knoop.tag == f"{W}tab" else (knoop.text or ""))
        uit.append("".join(stukken))
    return uit


def heeft_soffice() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


traag_lo = [
    pytest.mark.traag,
    pytest.mark.skipif(not heeft_soffice(), reason="LibreOffice (soffice) of pdftotext niet geïnstalleerd: make test-tools"),
]


def normaliseer_witruimte(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip()


def verwerk_wijzigingen(root: etree._Element, *, accepteer: bool) -> list[tuple[str, str, str]]:
    """(style, list level, text) per paragraph after accepting or rejecting every tracked
    change, the way Word does it: w:del / w:ins content goes or stays, and a paragraph whose
    mark is removed joins the next one (which keeps its own properties)."""
    weg = f"{W}del" if accepteer else f"{W}ins"
    uit: list[tuple[str, str, str]] = []
    over = ""
    for p in root.iter(f"{W}p"):
        stukken = []
        for knoop in p.iter(f"{W}t", f"{W}delText", f"{W}tab"):
            if any(a.tag == weg for a in knoop.iterancestors()):
                continue
            stukken.append("\t" if knoop.tag == f"{W}tab" else (knoop.text or ""))
        tekst = over + "".join(stukken)
        markering = p.find(f"{W}pPr/{W}rPr/{weg}")
        if markering is not None:
            over = tekst
            continue
        over = ""
        stijl = p.find(f"{W}pPr/{W}pStyle")
        niveau = p.find(f"{W}pPr/{W}numPr/{W}ilvl")
        uit.append(
            (stijl.get(f"{W}val") if stijl is not None else "", niveau.get(f"{W}val") if niveau is not None else "", tekst)
        )
    return uit


def alinea_eigenschappen(root: etree._Element) -> list[tuple[str, str, str]]:
    return verwerk_wijzigingen(root, accepteer=True)
