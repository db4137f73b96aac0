"""The Woo publication package of a set (issue 17, items 3 and 4), through the API: the Woo PDFs
(PDF/A, grounds shown in place, no withheld string in any text extracted from them), the
inventarislijst as CSV and XLSX, DiWoo metadata valid against the published schema kept in
docs/standaarden, the manifest; who may fetch it and when.

One package per backend is built and shared by the module's tests (LibreOffice is slow).
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from tests.helpers_afstemming import gedeelde_wereld, ok, probleem
from tests.publicatie.set_hulp import (
    AMBTENAAR,
    AMBTENAAR_EMAIL,
    AMBTENAAR_TELEFOON,
    BELEIDSOPVATTING,
    BIJLAGE_GEHEIM,
    OPENBARE_NAMEN,
    bouw_set,
    genormaliseerd,
    pdffonts,
    pdftekst,
    xmp_waarden,
)

pytestmark = pytest.mark.traag

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "standaarden" / "diwoo-0.9.8"


@pytest.fixture(scope="module")
def diwoo_schema() -> etree.XMLSchema:
    class Lokaal(etree.Resolver):
        def resolve(self, url, pubid, context):
            if "nationaalarchief.nl/mdto" in url:
                return self.resolve_filename(str(SCHEMA / "mdto-stub.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Lokaal())
    return etree.XMLSchema(etree.parse(str(SCHEMA / "diwoo-metadata.xsd"), parser))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def pakket(request, tmp_path_factory):
    with gedeelde_wereld(request.param, tmp_path_factory.mktemp("woo")) as w:
        s = bouw_set(w)
        r = w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/woo-pakket.zip")
        assert r.status_code == 200, r.text[:500]
        assert r.headers["content-type"] == "application/zip" and r.headers["cache-control"] == "no-store"
        assert r.headers["content-disposition"] == f'attachment; filename="woo-pakket-kamerbrief-{s.brief["id"]}.zip"'
        z = zipfile.ZipFile(io.BytesIO(r.content))
        bestanden = {naam: z.read(naam) for naam in z.namelist()}
        yield {"w": w, "set": s, "zip": r.content, "bestanden": bestanden, "tmp": tmp_path_factory.mktemp("woo-uit")}


def _pdfs(pakket) -> dict[str, bytes]:
    return {n: b for n, b in pakket["bestanden"].items() if n.endswith(".pdf")}


def _geheimen() -> list[str]:
    return [AMBTENAAR, AMBTENAAR_EMAIL, AMBTENAAR_TELEFOON, "3456789", BELEIDSOPVATTING, BIJLAGE_GEHEIM, "Catshuis"]


def test_inhoud_en_manifest(pakket):
    bestanden = pakket["bestanden"]
    namen = sorted(bestanden)
    assert namen == [
        "documenten/01-kamerbrief-uitkomsten-bos-leefomgeving-2025.pdf",
        "documenten/02-beslisnota-kamerbrief-uitkomsten-bos-leefomgeving-2025.pdf",
        "inventarislijst.csv",
        "inventarislijst.xlsx",
        "manifest-sha256.txt",
        "metadata/01-kamerbrief-uitkomsten-bos-leefomgeving-2025.diwoo.xml",
        "metadata/02-beslisnota-kamerbrief-uitkomsten-bos-leefomgeving-2025.diwoo.xml",
    ]
    regels = bestanden["manifest-sha256.txt"].decode().splitlines()
    gezien = {}
    for regel in regels:
        som, naam = regel.split("  ", 1)
        gezien[naam] = som
    assert set(gezien) == set(bestanden) - {"manifest-sha256.txt"}
    for naam, som in gezien.items():
        assert hashlib.sha256(bestanden[naam]).hexdigest() == som, naam


def test_geen_weggelakte_tekst_in_enig_bestand(pakket):
    """Every PDF's extracted text, and every other file, holds none of what was withheld."""
    for naam, pdf in _pdfs(pakket).items():
        tekst = pdftekst(pdf, pakket["tmp"])
        for geheim in _geheimen():
            assert geheim not in tekst and geheim not in genormaliseerd(tekst), (naam, geheim)
        # Not hidden under a box either: the file's bytes hold no trace of the text.
        assert AMBTENAAR.encode() not in pdf and AMBTENAAR.encode("utf-16-be") not in pdf
    for naam, inhoud in pakket["bestanden"].items():
        if naam.endswith((".csv", ".xml", ".txt")):
            tekst = inhoud.decode("utf-8-sig")
        elif naam.endswith(".xlsx"):
            z = zipfile.ZipFile(io.BytesIO(inhoud))
            tekst = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        else:
            continue
        for geheim in _geheimen():
            assert geheim not in tekst, (naam, geheim)


def test_weglating_zichtbaar_op_de_plek_met_de_grond(pakket):
    pdfs = _pdfs(pakket)
    nota = genormaliseerd(
        pdftekst(pdfs["documenten/02-beslisnota-kamerbrief-uitkomsten-bos-leefomgeving-2025.pdf"], pakket["tmp"])
    )
    assert "Voor vragen: 5.1.2e, 5.1.2e, telefoon 5.1.2e." in nota
    assert "5.2 Woo" in nota  # the explanation of the grounds used
    brief = genormaliseerd(pdftekst(pdfs["documenten/01-kamerbrief-uitkomsten-bos-leefomgeving-2025.pdf"], pakket["tmp"]))
    for naam in OPENBARE_NAMEN:
        assert naam in brief  # members of parliament and the minister stay


def test_pdfs_zijn_pdfa_en_nederlands(pakket):
    for naam, pdf in _pdfs(pakket).items():
        waarden = xmp_waarden(pdf)
        assert waarden["part"] == ["2"] and waarden["language"] == ["nl-NL"], naam
        assert all(f["emb"] == "yes" for f in pdffonts(pdf, pakket["tmp"])), naam


def test_inventarislijst_csv_en_xlsx(pakket):
    s = pakket["set"]
    rijen = list(csv.reader(io.StringIO(pakket["bestanden"]["inventarislijst.csv"].decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == [
        "Nummer",
        "Documentnaam",
        "Soort",
        "Datum",
        "Kenmerk",
        "Beoordeling",
        "Weigeringsgronden",
        "Vindplaats",
        "Bestand",
    ]
    brief, nota, bijlage = rijen[1:]
    assert brief[:4] == ["1", s.brief["titel"], "Kamerbrief", "2025-06-12"]
    assert brief[5:8] == ["openbaar", "", ""]
    assert brief[8] == "documenten/01-kamerbrief-uitkomsten-bos-leefomgeving-2025.pdf"
    assert nota[:3] == ["2", s.nota["titel"], "Beslisnota"] and nota[5] == "deels openbaar"
    assert nota[6] == "5.1.2e, 5.2"
    # The nota shows the letter's parafenlijn (issue 12): the initialling civil servant is withheld there too.
    assert nota[7] == "5.1.2e: Contact, Parafenlijn; 5.2: Contact"
    assert bijlage[:3] == ["3", "Planning van de afspraken", "Bijlage"]
    assert bijlage[5:9] == ["niet openbaar", "5.1.2i", "5.1.2i: Planning", ""]  # nothing published
    boek = load_workbook(io.BytesIO(pakket["bestanden"]["inventarislijst.xlsx"]))
    blad = boek["Inventarislijst"]
    xlsx = [[("" if c is None else c) for c in r] for r in blad.iter_rows(values_only=True)]
    assert xlsx[0] == rijen[0]
    for csv_rij, xlsx_rij in zip(rijen[1:], xlsx[1:], strict=True):
        assert [str(xlsx_rij[0]), *xlsx_rij[1:3], xlsx_rij[3].date().isoformat(), *xlsx_rij[4:]] == csv_rij
    assert boek.properties.creator == "Ministerie van Volkshuisvesting en Ruimtelijke Ordening"


def test_diwoo_metadata_valide_tegen_het_gepubliceerde_schema(pakket, diwoo_schema):
    ns = {"diwoo": "https://standaarden.overheid.nl/diwoo/metadata/"}
    metadata = {n: b for n, b in pakket["bestanden"].items() if n.endswith(".diwoo.xml")}
    assert len(metadata) == 2
    for naam, inhoud in metadata.items():
        doc = etree.fromstring(inhoud)
        assert diwoo_schema.validate(doc), (naam, diwoo_schema.error_log)
        assert doc.findtext(".//diwoo:language", namespaces=ns) == "Nederlands"
        assert doc.find(".//diwoo:publisher", ns).get("resource") == "https://identifier.overheid.nl/tooi/id/ministerie/mnre1171"
    brief = etree.fromstring(metadata["metadata/01-kamerbrief-uitkomsten-bos-leefomgeving-2025.diwoo.xml"])
    assert brief.findtext(".//diwoo:officieleTitel", namespaces=ns) == pakket["set"].brief["titel"]
    assert brief.find(".//diwoo:documentsoort", ns).text == "brief"
    assert [m.get("resource") for m in brief.iterfind(".//diwoo:medeverantwoordelijke", ns)] == [
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1018"  # DEF, mede namens
    ]
    assert brief.findtext(".//diwoo:creatiedatum", namespaces=ns) == "2025-06-12"
    nota = etree.fromstring(metadata["metadata/02-beslisnota-kamerbrief-uitkomsten-bos-leefomgeving-2025.diwoo.xml"])
    assert nota.find(".//diwoo:isPartOf", ns).get("resource") == brief.findtext(".//diwoo:identifier", namespaces=ns)
    # Control: the schema does refuse what it should (a category that is not in the TOOI list).
    fout = etree.fromstring(metadata["metadata/01-kamerbrief-uitkomsten-bos-leefomgeving-2025.diwoo.xml"])
    fout.find(".//diwoo:informatiecategorie", ns).set("resource", "https://example.org/geen-categorie")
    assert not diwoo_schema.validate(fout)


def test_wie_mag_het_pakket_maken(pakket):
    w, s = pakket["w"], pakket["set"]
    url = f"/documenten/{s.brief['id']}/woo-pakket.zip"
    probleem(w.als(w.DEF).get(url), 403)  # mede namens: reads the letter, does not publish
    probleem(w.als(w.afdelingshoofd).get(url), 403)  # a parafeerder of the penvoerder
    probleem(w.als(w.api.gebruiker("SZW", "opsteller")).get(url), 403)  # another department
    probleem(w.als(None).get(url), 401)
    probleem(w.als(w.opsteller).get("/documenten/999999/woo-pakket.zip"), 404)
    r = w.als(w.minister).get(url)
    assert r.status_code == 200
    _zelfde_pakket(pakket, r.content)
    # Asked on the nota: the package of its letter.
    _zelfde_pakket(pakket, w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/woo-pakket.zip").content)


def _zelfde_pakket(pakket, inhoud: bytes) -> None:
    """The same files with the same content; a PDF made again differs only in its creation time
    (LibreOffice stamps it), so PDFs are compared by their text."""
    z = zipfile.ZipFile(io.BytesIO(inhoud))
    assert sorted(z.namelist()) == sorted(pakket["bestanden"])
    for naam, oud in pakket["bestanden"].items():
        nieuw = z.read(naam)
        if naam.endswith(".pdf"):
            assert pdftekst(nieuw, pakket["tmp"]) == pdftekst(oud, pakket["tmp"]), naam
        elif naam not in ("manifest-sha256.txt",):
            assert nieuw == oud, naam


def test_pas_na_vaststelling(pakket):
    w = pakket["w"]
    concept = bouw_set(w, vaststellen=False)
    body = probleem(w.als(w.opsteller).get(f"/documenten/{concept.brief['id']}/woo-pakket.zip"), 409)
    assert "vastgesteld" in body["detail"].lower()
    losse = ok(w.als(w.opsteller).post("/documenten", json={"soort": "bijlage", "titel": "Los", "penvoerder": "VRO"}), 201)
    probleem(w.als(w.opsteller).get(f"/documenten/{losse['id']}/woo-pakket.zip"), 409)
