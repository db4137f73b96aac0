"""Retour uit Word (API.md; issue 13 items 1-3): the afstemmingsversie, and files edited the way
Word writes them read back into tekstvoorstellen, opmerkingen and what was not processed."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from tests import word_bouw as wb
from tests.conftest import nieuw_document
from tests.helpers_fundament import momentopname, probleem, verschil_momentopnamen

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = wb.W

SECTIES = (
    (None, "De minister informeert de Kamer over de uitkomsten van de overleggen."),
    ("Woningbouw", "Het kabinet bouwt 100.000 woningen per jaar. Gemeenten krijgen meer ruimte. De provincie stuurt bij.\n\nEen tweede alinea met **vette** tekst en een noot.^[Tweede Kamer, vergaderjaar 2024-2025, 35334, nr. 362]"),
    ("Defensie", "Defensie en IenW gaan een gezamenlijke inspanningsverplichting aan.\n\n- eerste punt\n- tweede punt"),
)


@pytest.fixture
def wereld(api, opsteller):
    doc = nieuw_document(api, opsteller, *SECTIES)
    ienw = api.gebruiker("IenW", "afstemmer", naam="Ingrid Afstemmer")
    defensie = api.gebruiker("DEF", "afstemmer", naam="Dirk Afstemmer")
    ronde = api.als(opsteller).post(
        f"/documenten/{doc['id']}/afstemmingsrondes",
        json={"departementen": ["IenW", "DEF"], "termijn": "2099-01-01T12:00:00+01:00"},
    )
    if ronde.status_code == 422:  # termijn bounded to two years ahead
        from datetime import datetime, timedelta, timezone

        termijn = (datetime.now(timezone.utc) + timedelta(days=30)).isoformat()
        ronde = api.als(opsteller).post(f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["IenW", "DEF"], "termijn": termijn})
    assert ronde.status_code == 201, ronde.text
    return {"doc": api.als(opsteller).get(f"/documenten/{doc['id']}").json(), "ienw": ienw, "def": defensie, "opsteller": opsteller}


def afstemmingsversie(api, wie, doc_id: int) -> bytes:
    r = api.als(wie).get(f"/documenten/{doc_id}/afstemmingsversie.docx")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX
    return r.content


def document_xml(bestand: bytes) -> str:
    return wb.lees_deel(bestand, "word/document.xml")


def met_document(bestand: bytes, xml: str, **extra) -> bytes:
    bron = zipfile.ZipFile(io.BytesIO(bestand))
    delen = {i.filename: bron.read(i.filename) for i in bron.infolist()}
    delen["word/document.xml"] = xml
    delen.update(extra)
    return wb.pak(delen)


def stuur(api, wie, doc_id: int, bestand: bytes, proef: bool = False):
    pad = f"/documenten/{doc_id}/retour" + ("?proef=true" if proef else "")
    return api.als(wie).post(pad, files={"bestand": ("retour.docx", bestand, DOCX)})


def run_met(xml: str, tekst: str, vervanging: str) -> str:
    """Replace `tekst` (inside one w:t of the exported file) by the runs `vervanging`: the run is
    split around it, as Word splits a run where an edit starts and ends."""
    m = re.search(r'<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t xml:space="preserve">([^<]*' + re.escape(wb.esc(tekst)) + r'[^<]*)</w:t></w:r>', xml)
    assert m, tekst
    rpr = m.group(1) or ""
    geheel = m.group(2)
    voor, _, na = geheel.partition(wb.esc(tekst))

    def run(t: str) -> str:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{t}</w:t></w:r>' if t else ""

    return xml[: m.start()] + run(voor) + vervanging + run(na) + xml[m.end() :]


def test_afstemmingsversie(api, wereld):
    doc = wereld["doc"]
    bestand = afstemmingsversie(api, wereld["ienw"], doc["id"])
    xml = document_xml(bestand)
    tags = re.findall(r'<w:tag w:val="(paraaf:sectie:[^"]+)"', xml)
    assert tags == [f"paraaf:sectie:{s['id']}:{s['versie']}" for s in doc["secties"]]
    assert "<w:trackRevisions/>" in wb.lees_deel(bestand, "word/settings.xml")
    props = wb.lees_deel(bestand, "docProps/custom.xml")
    for naam, waarde in (("paraaf_document", doc["id"]), ("paraaf_revisie", doc["revisie"]), ("paraaf_inhoudshash", doc["inhoudshash"])):
        assert re.search(rf'name="{naam}"><vt:lpwstr>{re.escape(str(waarde))}</vt:lpwstr>', props), naam
    # Unchanged, it comes back as nothing at all.
    r = stuur(api, wereld["ienw"], doc["id"], bestand, proef=True)
    assert r.status_code == 200, r.text
    assert r.json()["voorstellen"] == [] and r.json()["opmerkingen"] == [], r.json()
