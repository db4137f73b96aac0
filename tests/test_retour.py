"""Retour uit Word (docs/api.md; issue 13 items 1-3): the afstemmingsversie, and files edited the way
Word writes them read back into tekstvoorstellen, opmerkingen and what was not processed."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import word_bouw as wb
from tests.conftest import nieuw_document
from tests.helpers_fundament import momentopname, probleem, verschil_momentopnamen

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = wb.W

SECTIES = (
    (None, "De minister informeert de Kamer over de uitkomsten van de overleggen."),
    (
        "Woningbouw",
        "Het kabinet bouwt 100.000 woningen per jaar. Gemeenten krijgen meer ruimte. De provincie stuurt bij.\n\nEerste zin over wonen. Tweede zin over werken. Derde zin over reizen.\n\nEen tweede alinea met **vette** tekst en een noot.^[Tweede Kamer, vergaderjaar 2024-2025, 35334, nr. 362]",
    ),
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
        from datetime import datetime, timedelta

        termijn = (datetime.now(UTC) + timedelta(days=30)).isoformat()
        ronde = api.als(opsteller).post(
            f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["IenW", "DEF"], "termijn": termijn}
        )
    assert ronde.status_code == 201, ronde.text
    return {
        "doc": api.als(opsteller).get(f"/documenten/{doc['id']}").json(),
        "ienw": ienw,
        "def": defensie,
        "opsteller": opsteller,
    }


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
    m = re.search(
        r'<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t xml:space="preserve">([^<]*'
        + re.escape(wb.esc(tekst))
        + r"[^<]*)</w:t></w:r>",
        xml,
    )
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
    for naam, waarde in (
        ("paraaf_document", doc["id"]),
        ("paraaf_revisie", doc["revisie"]),
        ("paraaf_inhoudshash", doc["inhoudshash"]),
    ):
        assert re.search(rf'name="{naam}"><vt:lpwstr>{re.escape(str(waarde))}</vt:lpwstr>', props), naam
    # Unchanged, it comes back as nothing at all.
    r = stuur(api, wereld["ienw"], doc["id"], bestand, proef=True)
    assert r.status_code == 200, r.text
    assert r.json()["voorstellen"] == [] and r.json()["opmerkingen"] == [], r.json()


def _sectie(doc, kop):
    return next(s for s in doc["secties"] if s["kop"] == kop)


def test_bijgehouden_wijzigingen_zoals_word_ze_schrijft(api, wereld, engine):
    doc, ienw = wereld["doc"], wereld["ienw"]
    bestand = afstemmingsversie(api, ienw, doc["id"])
    xml = document_xml(bestand)
    # Replace a passage (deletion + insertion), delete a sentence, insert a sentence, a comment
    # with a reply on the replacement, a comment elsewhere, a formatting-only change.
    xml = run_met(
        xml, "100.000", wb.dele("100.000", datum="2025-06-11T09:30:00Z") + wb.ins("90.000", datum="2025-06-11T09:30:00Z")
    )
    xml = run_met(
        xml,
        "Gemeenten krijgen meer ruimte. ",
        wb.commentaar_begin(1) + wb.dele("Gemeenten krijgen meer ruimte. ") + wb.commentaar_eind(1),
    )
    xml = run_met(xml, "De provincie stuurt bij.", wb.r("De provincie stuurt bij.") + wb.ins(" Het Rijk betaalt mee."))
    xml = run_met(xml, "overleggen", wb.commentaar_begin(2) + wb.r("overleggen") + wb.commentaar_eind(2))
    xml = run_met(xml, "gezamenlijke", wb.r("gezamenlijke", rpr_extra='<w:u w:val="single"/>'))
    xml = run_met(
        xml,
        "eerste punt",
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="900" w:author="X" w:date="2025-06-11T10:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t>eerste punt</w:t></w:r>',
    )
    opmerkingen = [
        (1, "Ingrid IenW", "Kan dit zachter?", None),
        (3, "Vera VRO", "Nee, dit blijft.", 1),
        (2, "Ingrid IenW", "Welke overleggen?", None),
    ]
    c, cx = wb.commentaren(opmerkingen)
    bestand = met_document(
        bestand,
        xml,
        **{
            "word/comments.xml": c,
            "word/commentsExtended.xml": cx,
            "word/_rels/document.xml.rels": _met_commentaarrelaties(bestand),
        },
    )
    voor = momentopname(engine)
    proef = stuur(api, ienw, doc["id"], bestand, proef=True)
    assert proef.status_code == 200, proef.text
    assert proef.json()["id"] is None and verschil_momentopnamen(voor, momentopname(engine)) == {}
    r = stuur(api, ienw, doc["id"], bestand)
    assert r.status_code == 201, r.text
    uit = r.json()
    assert uit["id"] and uit["revisie"] == doc["revisie"]
    assert [(v["oorspronkelijk"], v["voorgesteld"]) for v in proef.json()["voorstellen"]] == [
        (v["oorspronkelijk"], v["voorgesteld"]) for v in uit["voorstellen"]
    ]
    woningbouw = _sectie(doc, "Woningbouw")
    paren = [(v["sectie"], v["oorspronkelijk"], v["voorgesteld"]) for v in uit["voorstellen"]]
    assert paren == [
        (woningbouw["id"], "100.000", "90.000"),
        (woningbouw["id"], "Gemeenten krijgen meer ruimte. ", ""),
        (woningbouw["id"], "", " Het Rijk betaalt mee."),
    ], paren
    for v in uit["voorstellen"]:
        assert v["departement"] == "IenW" and v["basisversie"] == woningbouw["versie"] and v["status"] == "ingediend"
        assert v["word_auteur"] == "Ingrid IenW" and v["zonder_bijhouden"] is False and v["retour"] == uit["id"]
        assert v["indiener"]["id"] == ienw.id
    assert uit["voorstellen"][0]["word_tijdstip"].startswith("2025-06-11T11:30:00")  # 09:30Z in Dutch time
    assert uit["voorstellen"][1]["toelichting"] == "Ingrid IenW: Kan dit zachter?\nVera VRO (antwoord): Nee, dit blijft."
    assert uit["voorstellen"][0]["toelichting"] is None
    assert [(o["passage"], o["tekst"], o["auteur"]) for o in uit["opmerkingen"]] == [
        ("overleggen", "Ingrid IenW: Welke overleggen?", "Ingrid IenW")
    ]
    assert api.als(wereld["opsteller"]).get(f"/documenten/{doc['id']}/opmerkingen").json()[0]["passage"] == "overleggen"
    assert [n["soort"] for n in uit["niet_verwerkt"]] == ["opmaak"], uit["niet_verwerkt"]
    # Stored as returned, through the normal proposal service.
    for v in uit["voorstellen"]:
        assert api.als(wereld["def"]).get(f"/tekstvoorstellen/{v['id']}").json()["word_auteur"] == "Ingrid IenW"
    soorten = [g["soort"] for g in api.als(wereld["opsteller"]).get(f"/documenten/{doc['id']}/gebeurtenissen").json()]
    assert soorten.count("tekstvoorstel_ingediend") == 3 and soorten[-1] == "retour_verwerkt"
    assert api.als(wereld["opsteller"]).get(f"/documenten/{doc['id']}/gebeurtenissen/verificatie").json()["geldig"]
    # The same bytes again: 409 naming the earlier retour, nothing written (also as proef).
    voor = momentopname(engine)
    for als_proef in (False, True):
        body = probleem(stuur(api, ienw, doc["id"], bestand, proef=als_proef), 409)
        assert str(uit["id"]) in body["detail"]
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    # The normal workflow: another department reacts, the opsteller adopts with a rebase.
    sectie_id = woningbouw["id"]
    r = api.als(wereld["opsteller"]).put(
        f"/documenten/{doc['id']}/secties/{sectie_id}",
        json={"tekst": woningbouw["tekst"] + "\n\nSlotalinea.", "basisversie": woningbouw["versie"]},
    )
    assert r.status_code == 200, r.text
    eerste = uit["voorstellen"][0]["id"]
    assert api.als(wereld["def"]).post(f"/tekstvoorstellen/{eerste}/reacties", json={"oordeel": "akkoord"}).status_code == 201
    r = api.als(wereld["opsteller"]).post(f"/tekstvoorstellen/{eerste}/overnemen")
    assert r.status_code == 200, r.text
    tekst = api.als(wereld["opsteller"]).get(f"/documenten/{doc['id']}/secties/{sectie_id}").json()["tekst"]
    assert "90.000 woningen" in tekst and tekst.endswith("Slotalinea.")


def _met_commentaarrelaties(bestand: bytes) -> str:
    rels = wb.lees_deel(bestand, "word/_rels/document.xml.rels")
    extra = (
        f'<Relationship Id="rIdC1" Type="{wb.REL}/comments" Target="comments.xml"/>'
        '<Relationship Id="rIdC2" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>'
    )
    return rels.replace("</Relationships>", extra + "</Relationships>")


def test_verplaatsing_is_een_voorstel_en_geen_dubbele_tekst(api, wereld):
    doc, defensie = wereld["doc"], wereld["def"]
    bestand = afstemmingsversie(api, defensie, doc["id"])
    xml = document_xml(bestand)
    # Word: the last sentence moves to the front of the paragraph (named move ranges).
    xml = run_met(xml, "De provincie stuurt bij.", wb.move_van("De provincie stuurt bij.", auteur="Dirk DEF"))
    xml = run_met(
        xml, "Het kabinet bouwt", wb.move_naar("De provincie stuurt bij. ", auteur="Dirk DEF") + wb.r("Het kabinet bouwt")
    )
    r = stuur(api, defensie, doc["id"], met_document(bestand, xml))
    assert r.status_code == 201, r.text
    voorstellen = r.json()["voorstellen"]
    assert len(voorstellen) == 1, voorstellen
    v = voorstellen[0]
    assert v["oorspronkelijk"].startswith("Het kabinet") and v["oorspronkelijk"].rstrip().endswith("stuurt bij.")
    assert (
        v["voorgesteld"].startswith("De provincie stuurt bij. Het kabinet")
        and v["voorgesteld"].count("De provincie stuurt bij.") == 1
    )
    assert v["word_auteur"] == "Dirk DEF"


def test_zonder_bijhouden_en_zonder_sectiemarkeringen(api, wereld):
    """An edit without change tracking is found by comparing with the exported revisie, also
    when an editor dropped the content controls (then sections are found by their text)."""
    doc, ienw = wereld["doc"], wereld["ienw"]
    bestand = afstemmingsversie(api, ienw, doc["id"])
    xml = document_xml(bestand)
    xml = xml.replace("gezamenlijke inspanningsverplichting", "gedeelde inspanningsverplichting")
    for geval in ("met", "zonder"):
        if geval == "zonder":
            xml = re.sub(r"<w:sdtPr>.*?</w:sdtPr>", "", xml)
            xml = xml.replace("<w:sdt>", "").replace("</w:sdt>", "").replace("<w:sdtContent>", "").replace("</w:sdtContent>", "")
        r = stuur(api, ienw, doc["id"], met_document(bestand, xml), proef=True)
        assert r.status_code == 200, r.text
        voorstellen = r.json()["voorstellen"]
        assert [(v["sectie"], v["oorspronkelijk"], v["voorgesteld"], v["zonder_bijhouden"]) for v in voorstellen] == [
            (_sectie(doc, "Defensie")["id"], "gezamenlijke", "gedeelde", True)
        ], geval


def test_slechte_invoer(api, wereld, engine, opsteller):
    doc, ienw = wereld["doc"], wereld["ienw"]
    bestand = afstemmingsversie(api, ienw, doc["id"])
    ander = nieuw_document(api, opsteller, ("Iets", "Heel andere tekst over iets anders dan woningbouw."))
    vreemd = afstemmingsversie(api, opsteller, ander["id"])
    props = wb.lees_deel(bestand, "docProps/custom.xml")
    zonder_props = wb.vervang_deel(wb.docx(wb.p(wb.r("Een brief over iets heel anders."))), "docProps/app.xml", "<x/>")
    voor = momentopname(engine)
    gevallen = {
        "geen docx": b"platte tekst",
        "ander document": vreemd,
        "revisie bestaat niet": wb.vervang_deel(bestand, "docProps/custom.xml", props.replace(f">{doc['revisie']}<", ">999<")),
        "niet uit te lijnen": zonder_props,
        "DOCTYPE": wb.vervang_deel(
            bestand,
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + document_xml(bestand).split("?>", 1)[1],
        ),
    }
    for naam, inhoud in gevallen.items():
        body = probleem(stuur(api, ienw, doc["id"], inhoud), 422, veld="bestand")
        assert body["detail"].startswith("Het Word-bestand kan niet worden verwerkt"), (naam, body)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    # Who may send a file back: an afstemmer of an invited department or the penvoerder's opsteller.
    ez = api.gebruiker("EZ", "afstemmer")
    probleem(stuur(api, ez, doc["id"], bestand), 404 if False else 403)
    probleem(stuur(api, ienw, 999999, bestand), 404)
    assert stuur(api, opsteller, doc["id"], bestand, proef=True).status_code == 200


@pytest.mark.traag
def test_libreoffice_als_editor(api, wereld, tmp_path):
    """A real editor: LibreOffice (headless, through UNO) records changes in the afstemmingsversie,
    adds two comments (one on a deleted sentence, one on unchanged text) and saves it as .docx;
    LibreOffice 7.4 drops the content controls' tags, so the sections are found by aligning the
    text."""
    import shutil
    import socket
    import subprocess
    from pathlib import Path

    if not shutil.which("soffice") or subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode:
        pytest.skip("LibreOffice of python3-uno ontbreekt (scripts/test-tools.sh installeert ze)")
    doc, ienw = wereld["doc"], wereld["ienw"]
    bron = tmp_path / "afstemmingsversie.docx"
    bron.write_bytes(afstemmingsversie(api, ienw, doc["id"]))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    script = Path(__file__).parent / "hulpmiddelen" / "libreoffice_bewerk.py"
    uit = subprocess.run(
        ["/usr/bin/python3", str(script), str(bron), str(tmp_path / "terug.docx"), str(poort), str(tmp_path / "profiel")],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert uit.returncode == 0, uit.stderr
    bestand = (tmp_path / "terug.docx").read_bytes()
    r = stuur(api, ienw, doc["id"], bestand)
    assert r.status_code == 201, r.text
    body = r.json()
    woningbouw = _sectie(doc, "Woningbouw")
    paren = [(v["sectie"], v["oorspronkelijk"], v["voorgesteld"]) for v in body["voorstellen"]]
    assert paren[:2] == [(woningbouw["id"], "100.000", "90.000"), (woningbouw["id"], "Gemeenten krijgen meer ruimte. ", "")], (
        paren
    )
    assert (woningbouw["id"], "", " Het Rijk betaalt mee.") in paren, paren
    verplaatst = [v for v in body["voorstellen"] if "Derde zin over reizen" in v["voorgesteld"]]
    assert len(verplaatst) == 1, paren  # a move is one proposal
    assert verplaatst[0]["voorgesteld"].count("Derde zin over reizen") == 1
    assert verplaatst[0]["voorgesteld"].startswith("Derde zin over reizen. Eerste zin")
    assert len(body["voorstellen"]) == 4, paren
    for v in body["voorstellen"]:
        assert v["word_auteur"] == "Ingrid IenW" and not v["zonder_bijhouden"], v
        assert "Gemeenten krijgen" not in v["voorgesteld"]  # deleted text is never proposed
    assert any(n["soort"] == "inhoudsbesturingselementen" for n in body["niet_verwerkt"])
    # The comment on the deleted sentence is that proposal's toelichting; the comment on unchanged
    # text is an opmerking on its passage. The comment anchors LibreOffice records as (empty)
    # insertions propose nothing.
    toelichtingen = {v["oorspronkelijk"]: v["toelichting"] for v in body["voorstellen"]}
    assert toelichtingen.pop("Gemeenten krijgen meer ruimte. ") == "Ingrid IenW: Kan dit zachter?", toelichtingen
    assert set(toelichtingen.values()) == {None}, toelichtingen
    defensie = _sectie(doc, "Defensie")
    opmerkingen = [(o["sectie"], o["passage"], o["tekst"], o["auteur"]) for o in body["opmerkingen"]]
    assert opmerkingen == [(defensie["id"], "gezamenlijke", "Ingrid IenW: Waarom gezamenlijk?", "Ingrid IenW")], opmerkingen
    assert body["opmerkingen"][0]["word_tijdstip"].startswith("2025-06-11T11:30:00")  # 09:30Z in Dutch time
    opgeslagen = api.als(wereld["opsteller"]).get(f"/documenten/{doc['id']}/opmerkingen").json()
    assert [(o["passage"], o["auteur"]) for o in opgeslagen] == [("gezamenlijke", "Ingrid IenW")], opgeslagen


@pytest.mark.parametrize(
    "tekst",
    [
        "Inleiding.\n\n2. Alleen het tweede punt",  # the seed letter's lone "2."
        "5. vijf\n6. zes\n  1. onder zes\n7. zeven",
        "1. een\n2. twee\n\nTussendoor.\n\n3. drie",
        "- los\n- punt\n\n4. vier\n\n1. opnieuw een",
    ],
)
def test_genummerde_lijst_komt_ongewijzigd_terug(api, opsteller, tekst):
    """A list's numbers survive the round trip: the afstemmingsversie writes where each list
    starts, the reader reads it (w:start, w:startOverride), so an unchanged file is nothing."""
    doc = nieuw_document(api, opsteller, ("Lijsten", tekst))
    bestand = afstemmingsversie(api, opsteller, doc["id"])
    r = stuur(api, opsteller, doc["id"], bestand, proef=True)
    assert r.status_code == 200, r.text
    assert r.json()["voorstellen"] == [], r.json()["voorstellen"]


_ITEM = st.sampled_from(["een", "twee woorden", "met **vet**", "slot."])


@st.composite
def _lijstteksten(draw) -> str:
    """Section texts of paragraphs and lists: numbered ones starting anywhere, bullets, a
    second level, lists of another kind or start right after each other."""
    delen = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            delen.append(draw(st.sampled_from(["Een alinea.", "Nog een zin hier."])))
            continue
        genummerd = draw(st.booleans())
        nummer = draw(st.integers(1, 40))
        regels = []
        for _ in range(draw(st.integers(1, 4))):
            if regels and draw(st.booleans()):
                regels.append(f"  - {draw(_ITEM)}")
            elif genummerd:
                regels.append(f"{nummer}. {draw(_ITEM)}")
                nummer += 1
            else:
                regels.append(f"- {draw(_ITEM)}")
        delen.append("\n".join(regels))
    return "\n\n".join(delen)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tekst=_lijstteksten())
def test_elke_lijst_komt_ongewijzigd_terug(api, opsteller, tekst):
    """The class behind the seed's lone '2.': whatever lists a section holds, its afstemmingsversie
    sent back unchanged proposes nothing."""
    doc = nieuw_document(api, opsteller, ("Lijsten", tekst))
    bestand = afstemmingsversie(api, opsteller, doc["id"])
    r = stuur(api, opsteller, doc["id"], bestand, proef=True)
    assert r.status_code == 200, r.text
    assert r.json()["voorstellen"] == [], (tekst, r.json()["voorstellen"])
