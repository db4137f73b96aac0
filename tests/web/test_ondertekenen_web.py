"""Sign what you see (issue 14, item 2): the paraaf and vaststellen steps show every member of
the set with its revisie, a short hash and links to its Word file and HTML, and what changed
since the signer's own previous paraaf (or since the ronde); signing asks for confirmation
(plain forms, no JavaScript), and a set that changed after it was shown is not signed."""

from __future__ import annotations

import re

from tests.conftest import nieuw_document
from tests.web.conftest import dien_def_voorstel_in, tekst


def _bevestigformulier(html: str, actie: str) -> dict:
    formulier = re.search(
        rf'<form method="post" action="{re.escape(actie)}" class="formulier bevestigen">(.*?)</form>', html, re.S
    )
    assert formulier, "geen bevestigformulier"
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', formulier.group(1)))


def test_paraferen_toont_de_stukken_en_vraagt_bevestiging(app, api, seed, browser):
    doc = seed["brief"]["id"]
    opsteller_api = api.als(seed["m"]["opsteller"])
    nota = nieuw_document(
        api,
        seed["m"]["opsteller"],
        ("Beslispunten", "Akkoord met de brief."),
        soort="beslisnota",
        titel="Beslisnota",
        gekoppeld_aan=doc,
    )
    hoofd = browser(seed["m"]["afdelingshoofd"])
    hoofd.get(f"/documenten/{doc}/afstemming")
    stap = hoofd.post(f"/documenten/{doc}/parafen")
    assert stap.status_code == 200, stap.text
    zichtbaar = tekst(stap.text)
    assert "Paraferen als afdelingshoofd: bevestigen" in zichtbaar
    brief = opsteller_api.get(f"/documenten/{doc}").json()
    # Every member: its revisie, a short form of its hash, its Word file and HTML at that revisie.
    for lid in (brief, nota):
        assert f"<code>{lid['inhoudshash'].removeprefix('sha256:')[:12]}</code>" in stap.text
        assert f"/documenten/{lid['id']}/download/word?revisie={lid['revisie']}" in stap.text
        assert f"/documenten/{lid['id']}/weergave?revisie={lid['revisie']}" in stap.text
    assert "sinds de afstemmingsronde" in zichtbaar
    assert "Dit stuk is daarna toegevoegd" in zichtbaar  # the nota came after the ronde
    assert api.als(seed["m"]["opsteller"]).get(f"/documenten/{doc}/parafen").json() == []  # nothing signed yet
    # The HTML link works for the signer.
    html = hoofd.get(f"/documenten/{doc}/weergave?revisie={brief['revisie']}")
    assert html.status_code == 200 and brief["titel"][:20] in html.text
    velden = _bevestigformulier(stap.text, f"/documenten/{doc}/parafen")
    assert velden["bevestigd"] == "1" and velden["gezien"]

    # The set changes after it was shown: the confirmation is refused, nothing is signed.
    r = opsteller_api.put(
        f"/documenten/{nota['id']}/secties/{nota['secties'][0]['id']}",
        json={"tekst": "Akkoord met de brief, met aantekening.", "basisversie": 1},
    )
    assert r.status_code == 200, r.text
    geweigerd = hoofd.post(f"/documenten/{doc}/parafen", velden)
    assert geweigerd.status_code == 409 and "gewijzigd sinds u ze bekeek" in tekst(geweigerd.text)
    assert opsteller_api.get(f"/documenten/{doc}/parafen").json() == []
    # Shown again and confirmed: signed.
    velden = _bevestigformulier(hoofd.post(f"/documenten/{doc}/parafen").text, f"/documenten/{doc}/parafen")
    r = hoofd.post(f"/documenten/{doc}/parafen", velden)
    assert r.status_code == 303 and "Uw paraaf is vastgelegd." in hoofd.volg(r).text

    # Since the own previous paraaf: a change to the letter shows as a readable diff.
    sectie = next(s for s in brief["secties"] if s["kop"] == "Defensie")
    nieuw = sectie["tekst"].replace("Koppelkansen", "Kansen om te koppelen", 1)
    r = opsteller_api.put(f"/documenten/{doc}/secties/{sectie['id']}", json={"tekst": nieuw, "basisversie": sectie["versie"]})
    assert r.status_code == 200, r.text
    stap = hoofd.post(f"/documenten/{doc}/parafen")
    zichtbaar = tekst(stap.text)
    assert "sinds uw vorige paraaf" in zichtbaar
    assert re.search(r"<del>[^<]*Koppelkansen[^<]*</del>", stap.text) and "Kansen om te koppelen" in stap.text
    assert 'class="diff-kop"><strong>Defensie</strong>' in stap.text  # the heading on its own, not glued to the text


def test_draadacties_vragen_bevestiging_zonder_javascript(app, api, seed, browser):
    voorstel = dien_def_voorstel_in(api, seed)
    defensie = browser(seed["m"]["DEF"])
    defensie.get(f"/tekstvoorstellen/{voorstel['id']}")
    stap = defensie.post(f"/tekstvoorstellen/{voorstel['id']}/intrekken")
    assert stap.status_code == 200 and "Voorstel" in stap.text and "intrekken: bevestigen" in tekst(stap.text)
    assert api.als(seed["m"]["DEF"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["status"] == "ingediend"
    velden = _bevestigformulier(stap.text, f"/tekstvoorstellen/{voorstel['id']}/intrekken")
    r = defensie.post(f"/tekstvoorstellen/{voorstel['id']}/intrekken", velden)
    assert r.status_code == 303
    assert api.als(seed["m"]["DEF"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["status"] == "ingetrokken"
    # A step the table does not allow any more is refused before the confirmation (409).
    assert defensie.post(f"/tekstvoorstellen/{voorstel['id']}/intrekken").status_code == 409

    tweede = dien_def_voorstel_in(api, seed)
    opsteller = browser(seed["m"]["opsteller"])
    opsteller.get(f"/tekstvoorstellen/{tweede['id']}")
    for actie, woorden in (("afwijzen", "afwijzen: bevestigen"), ("escaleren", "Escaleren naar de bewindspersoon: bevestigen")):
        stap = opsteller.post(f"/tekstvoorstellen/{tweede['id']}/{actie}")
        assert stap.status_code == 200 and woorden in tekst(stap.text), actie
    assert api.als(seed["m"]["DEF"]).get(f"/tekstvoorstellen/{tweede['id']}").json()["status"] == "ingediend"


def test_sectieverschil_is_leesbaar(api, seed, browser):
    """The section diff keeps paragraphs, shows footnotes as notes and never glues the heading
    to the text."""
    brief = seed["brief"]
    sectie = next(s for s in brief["secties"] if "^[" in s["tekst"] and s["kop"])
    nieuw = "Een nieuwe eerste alinea.\n\n" + sectie["tekst"]
    r = api.als(seed["m"]["opsteller"]).put(
        f"/documenten/{brief['id']}/secties/{sectie['id']}", json={"tekst": nieuw, "basisversie": sectie["versie"]}
    )
    assert r.status_code == 200, r.text
    pagina = browser(seed["m"]["opsteller"]).get(f"/documenten/{brief['id']}/secties/{sectie['id']}").text
    blok = pagina.split('id="verschil"', 1)[1].split("</section>", 1)[0]
    assert f'<p class="diff-kop"><strong>{sectie["kop"]}</strong></p>' in blok
    assert "[voetnoot: " in blok and "^[" not in blok
    assert "<ins>Een nieuwe eerste alinea.\n\n</ins>" in blok or "Een nieuwe eerste alinea.\n\n" in blok  # paragraphs kept
