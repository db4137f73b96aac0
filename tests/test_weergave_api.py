"""Rendering through the API, from live workflow state (issue: Word and HTML).

The engine itself is tested in tests/weergave/ on plain data; here the data comes from the
database: the nota's NB point appears while the dispute is open and stays, as the record of the
decision, once the minister decided it;
the Woo version withholds the service's own civil servants, and the tracked-changes file of
two revisies accepts/rejects to exactly those revisies in LibreOffice.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import BESLISNOTA_MD, importeer
from tests.test_seed_scenario import ANKER, BESLUIT_WORDING, DEF_WORDING, IENW_WORDING, RONDE
from tests.weergave.weergave_hulp import heeft_soffice, normaliseer_witruimte
from tests.weergave.weergave_lo import als_tekst, naar_pdf, pdf_tekst

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


def _delen(inhoud: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        return {n: z.read(n).decode("utf-8", errors="replace") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def _tekst(inhoud: bytes) -> str:
    """All visible text of document.xml and footnotes.xml, runs joined per paragraph."""
    delen = _delen(inhoud)
    uit = []
    for naam in ("word/document.xml", "word/footnotes.xml"):
        for alinea in re.findall(r"<w:p[ >].*?</w:p>", delen.get(naam, ""), re.S):
            uit.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", alinea)))
    return normaliseer_witruimte("\n".join(uit).replace("&amp;", "&"))


@pytest.fixture
def dispuut(api):
    """The seed letter and its nota, a ronde, DEF's proposal and IenW's counter-proposal."""
    m = {
        "opsteller": api.gebruiker("VRO", "opsteller", naam="Sanne Visser"),
        "minister": api.gebruiker("VRO", "bewindspersoon", naam="Mona Keijzer"),
        "DEF": api.gebruiker("DEF", "afstemmer", naam="Pieter Bakker"),
        "IenW": api.gebruiker("IenW", "afstemmer", naam="Fatima el Amrani"),
        "EZ": api.gebruiker("EZ", "afstemmer", naam="Koen de Graaf"),
    }
    brief = importeer(api, m["opsteller"])
    nota = importeer(api, m["opsteller"], BESLISNOTA_MD, gekoppeld_aan=str(brief["id"]))
    nu = datetime.now(UTC)
    ronde = (
        api.als(m["opsteller"])
        .post(
            f"/documenten/{brief['id']}/afstemmingsrondes", json={"departementen": RONDE, "termijn": _iso(nu + timedelta(days=3))}
        )
        .json()
    )
    defensie = next(s for s in brief["secties"] if s["kop"] == "Defensie")
    def_voorstel = (
        api.als(m["DEF"])
        .post(
            f"/documenten/{brief['id']}/secties/{defensie['id']}/tekstvoorstellen",
            json={
                "basisversie": 1,
                "oorspronkelijk": "",
                "positie": defensie["tekst"].index(ANKER) + len(ANKER),
                "voorgesteld": DEF_WORDING,
                "reactietermijn": _iso(nu + timedelta(days=1)),
            },
        )
        .json()
    )
    ienw_voorstel = (
        api.als(m["IenW"])
        .post(f"/tekstvoorstellen/{def_voorstel['id']}/reacties", json={"oordeel": "tegenvoorstel", "voorgesteld": IENW_WORDING})
        .json()
    )
    api.als(m["EZ"]).post(f"/afstemmingsrondes/{ronde['id']}/oordelen", json={"oordeel": "akkoord"})
    return {"m": m, "brief": brief, "nota": nota, "ronde": ronde, "def": def_voorstel, "ienw": ienw_voorstel}


def _besluit(api, d) -> None:
    r = api.als(d["m"]["opsteller"]).post(f"/tekstvoorstellen/{d['def']['id']}/escaleren")
    assert r.status_code == 200, r.text
    r = api.als(d["m"]["minister"]).post(f"/tekstvoorstellen/{d['def']['id']}/besluit", json={"tekst": BESLUIT_WORDING})
    assert r.status_code == 200, r.text


def test_nota_toont_nb_punt_zolang_het_geschil_open_is(api, dispuut):
    d, m = dispuut, dispuut["m"]
    r = api.als(m["opsteller"]).get(f"/documenten/{d['nota']['id']}/docx")
    assert r.status_code == 200 and r.headers["content-type"] == DOCX
    tekst = _tekst(r.content)
    assert "NB 1" in tekst
    assert "Tekstvoorstel Defensie" in tekst and "Tekstvoorstel IenW" in tekst
    assert normaliseer_witruimte(DEF_WORDING) in tekst and normaliseer_witruimte(IENW_WORDING) in tekst
    assert "tegenvoorstel gedaan dat nu bij Defensie voorligt" in tekst
    assert "(…)" in tekst and "in overleg met hen uit te werken." in tekst
    # The seed's static NB point follows the generated one.
    assert "NB 2" in tekst and "De finale versie van de MIRT-brief" in tekst
    # Proces van afstemming: EZ's akkoord is there, the others have not answered yet.
    assert "Economische Zaken" in tekst or "EZ" in tekst
    assert "akkoord" in tekst

    # Escalated: with the minister, so no termijn is said to run any more.
    assert api.als(m["opsteller"]).post(f"/tekstvoorstellen/{d['def']['id']}/escaleren").status_code == 200
    geescaleerd = _tekst(api.als(m["opsteller"]).get(f"/documenten/{d['nota']['id']}/docx").content)
    assert "Het geschil is aan u voorgelegd ter besluitvorming." in geescaleerd
    assert "reactietermijn loopt tot" not in geescaleerd and "laat Defensie weten" not in geescaleerd

    r = api.als(m["minister"]).post(f"/tekstvoorstellen/{d['def']['id']}/besluit", json={"tekst": BESLUIT_WORDING})
    assert r.status_code == 200, r.text
    na = _tekst(api.als(m["opsteller"]).get(f"/documenten/{d['nota']['id']}/docx").content)
    # The decided dispute stays on record: both wordings, who decided, when, and what.
    assert "NB 1 Tussen Defensie en IenW bestond verschil van inzicht over een passage." in na
    assert "Tekstvoorstel Defensie" in na and "Tekstvoorstel IenW" in na
    besluit = re.search(
        r"Besluit Mona Keijzer heeft op \d{1,2} \w+ \d{4}, \d\d\.\d\d uur besloten tot een eigen formulering: (.*?) NB 2", na
    )
    assert besluit and besluit.group(1) == normaliseer_witruimte(BESLUIT_WORDING), na
    assert "reactietermijn loopt tot" not in na and "Het geschil is aan u voorgelegd" not in na
    assert "NB 2" in na and "De finale versie van de MIRT-brief" in na
    brief = _tekst(api.als(m["opsteller"]).get(f"/documenten/{d['brief']['id']}/docx").content)
    assert normaliseer_witruimte(BESLUIT_WORDING) in brief
    assert normaliseer_witruimte(DEF_WORDING) not in brief


def test_woo_versie_laat_geen_ambtenaar_achter(api, dispuut):
    d, m = dispuut, dispuut["m"]
    opsteller = m["opsteller"]
    # A section naming a civil servant, an e-mail address, a phone number and a marked passage.
    r = api.als(opsteller).post(
        f"/documenten/{d['nota']['id']}/secties",
        json={
            "kop": "Contact",
            "tekst": "Vragen aan Pieter Bakker (pieter.bakker@mindef.nl, 06-12345678) of [[woo:5.1.2e|de heer Jansen]]. "
            "De motie van het lid Mooiman blijft openbaar, net als minister Mona Keijzer.",
        },
    )
    assert r.status_code == 201, r.text
    inhoud = api.als(opsteller).get(f"/documenten/{d['nota']['id']}/docx?variant=woo").content
    delen = _delen(inhoud)
    alles = "\n".join(delen.values())
    for geheim in (
        "Pieter Bakker",
        "Sanne Visser",
        "Fatima el Amrani",
        "pieter.bakker@mindef.nl",
        "06-12345678",
        "de heer Jansen",
    ):
        assert geheim not in alles, geheim
    assert "5.1.2e" in delen["word/document.xml"]
    assert "Mooiman" in alles and "Mona Keijzer" in alles
    tekst = _tekst(inhoud)
    # The grounds used are listed in the nota's Woo section.
    assert "Informatie die niet openbaar gemaakt kan worden" in tekst
    assert "persoonlijke levenssfeer" in tekst
    # The internal version still shows the text.
    intern = _tekst(api.als(opsteller).get(f"/documenten/{d['nota']['id']}/docx").content)
    assert "Pieter Bakker" in intern and "de heer Jansen" in intern


def test_html_is_dezelfde_inhoud_en_ontsnapt(api, opsteller):
    from tests.conftest import nieuw_document

    doc = nieuw_document(
        api, opsteller, ("Kop", "Een <script>alert(1)</script> tekst^[Tweede Kamer, vergaderjaar 2024-2025, 35334, nr. 362].")
    )
    r = api.als(opsteller).get(f"/documenten/{doc['id']}/html")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "https://zoek.officielebekendmakingen.nl/kst-35334-362.html" in r.text


def test_weergave_van_een_eerdere_revisie_en_fouten(api, dispuut):
    d, m = dispuut, dispuut["m"]
    _besluit(api, d)
    brief_id = d["brief"]["id"]
    oud = _tekst(api.als(m["opsteller"]).get(f"/documenten/{brief_id}/docx?revisie=1").content)
    assert normaliseer_witruimte(BESLUIT_WORDING) not in oud
    assert api.als(m["opsteller"]).get(f"/documenten/{brief_id}/docx?revisie=99").status_code == 404
    assert api.als(m["opsteller"]).get(f"/documenten/{brief_id}/docx?variant=geheim").status_code == 422
    assert api.als(m["opsteller"]).get(f"/documenten/{brief_id}/wijzigingen.docx?van=2&tot=1").status_code == 422
    buiten = api.gebruiker("SZW", "afstemmer")
    assert api.als(buiten).get(f"/documenten/{brief_id}/docx").status_code == 403


@pytest.mark.traag
def test_wijzigingen_en_pdf_in_libreoffice(api, dispuut, tmp_path):
    if not heeft_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; 'make test-tools' installeert het")
    d, m = dispuut, dispuut["m"]
    _besluit(api, d)
    brief_id = d["brief"]["id"]
    wijzigingen = api.als(m["opsteller"]).get(f"/documenten/{brief_id}/wijzigingen.docx?van=1&tot=2")
    assert wijzigingen.status_code == 200
    assert "<w:ins " in _delen(wijzigingen.content)["word/document.xml"]
    assert 'w:author="Mona Keijzer"' in _delen(wijzigingen.content)["word/document.xml"]
    bestanden = {
        "wijzigingen": wijzigingen.content,
        "r1": api.als(m["opsteller"]).get(f"/documenten/{brief_id}/docx?revisie=1").content,
        "r2": api.als(m["opsteller"]).get(f"/documenten/{brief_id}/docx?revisie=2").content,
        "nota": api.als(m["opsteller"]).get(f"/documenten/{d['nota']['id']}/docx").content,
    }
    paden = {}
    for naam, inhoud in bestanden.items():
        paden[naam] = tmp_path / f"{naam}.docx"
        paden[naam].write_bytes(inhoud)
    geaccepteerd, verworpen, r1, r2 = (
        normaliseer_witruimte(t)
        for t in als_tekst(
            [
                ("accepteer", paden["wijzigingen"]),
                ("verwerp", paden["wijzigingen"]),
                ("geen", paden["r1"]),
                ("geen", paden["r2"]),
            ],
            tmp_path,
        )
    )
    assert geaccepteerd == r2 and verworpen == r1
    assert normaliseer_witruimte(BESLUIT_WORDING) in geaccepteerd and normaliseer_witruimte(BESLUIT_WORDING) not in verworpen

    pdf_brief, pdf_nota = naar_pdf([paden["r2"], paden["nota"]], tmp_path)
    brief = normaliseer_witruimte(pdf_tekst(pdf_brief))
    assert "Pagina 1 van" in brief
    assert "Tweede Kamer, vergaderjaar 2024-2025, 36592, nr. 17" in brief
    assert "Het Rijk, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke" in brief
    nota = normaliseer_witruimte(pdf_tekst(pdf_nota))
    assert "Proces van afstemming" in nota and "Parafenlijn" in nota
