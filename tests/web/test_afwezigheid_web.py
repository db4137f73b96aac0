"""Afwezigheid, meldingen preference and werkdagen through the web UI: the same rules as the
API (tests/test_afwezigheid.py), on the pages a civil servant uses."""

from __future__ import annotations

from datetime import timedelta

from tests.helpers_afstemming import nu_volgens
from tests.web.conftest import tekst
from workflow.werkdagen import AMSTERDAM, termijn_in_werkdagen


def _afgestemd(api, seed):
    """The seed Kamerbrief afgestemd (every invited department akkoord), parafenlijn afdelingshoofd, directeur."""
    m, brief = seed["m"], seed["brief"]
    for dep in ("IenW", "DEF", "EZ"):
        r = api.als(m[dep]).post(f"/afstemmingsrondes/{seed['ronde']['id']}/oordelen", json={"oordeel": "akkoord"})
        assert r.status_code == 201, r.text
    assert api.als(m["opsteller"]).get(f"/documenten/{brief['id']}").json()["status"] == "afgestemd"
    return brief


def test_vervanger_ziet_het_werk_en_parafeert_namens(app, api, seed, browser, klok):
    m = seed["m"]
    brief = _afgestemd(api, seed)
    hoofd = browser(m["afdelingshoofd"])
    pagina = hoofd.get("/instellingen").text
    assert "Afwezigheid melden" in pagina and m["directeur"].naam in pagina
    tot = nu_volgens(klok).astimezone(AMSTERDAM).date() + timedelta(days=3)
    antwoord = hoofd.post("/instellingen/afwezigheid", {"tot": tot.isoformat(), "vervanger": str(m["directeur"].id)})
    assert antwoord.status_code == 303, antwoord.text
    assert "tot en met" in tekst(hoofd.volg(antwoord).text)
    # Not a fitting vervanger: the page answers the API's 422.
    fout = hoofd.post("/instellingen/afwezigheid", {"tot": tot.isoformat(), "vervanger": str(m["DEF"].id)})
    assert fout.status_code == 422 and "departement" in tekst(fout.text)

    directeur = browser(m["directeur"])
    werk = tekst(directeur.get("/werk").text)
    assert "Paraferen" in werk and f"namens {m['afdelingshoofd'].naam}" in werk
    assert "U vervangt" in tekst(directeur.get("/instellingen").text)
    afstemming = directeur.get(f"/documenten/{brief['id']}/afstemming").text
    assert f"Paraferen als afdelingshoofd namens {m['afdelingshoofd'].naam}" in afstemming
    pagina = directeur.volg(directeur.post(f"/documenten/{brief['id']}/parafen", {"bevestigd": "1"}))
    assert "Uw paraaf is vastgelegd" in pagina.text
    log = api.als(m["opsteller"]).get(f"/documenten/{brief['id']}/gebeurtenissen").json()
    paraaf = [g for g in log if g["soort"] == "geparafeerd"][-1]
    assert paraaf["gegevens"]["namens"] == {"id": m["afdelingshoofd"].id, "naam": m["afdelingshoofd"].naam}
    assert paraaf["actor"] == f"gebruiker/{m['directeur'].id}"
    # Now it is his own turn: the plain button, no 'namens'.
    afstemming = directeur.get(f"/documenten/{brief['id']}/afstemming").text
    assert "Paraferen als directeur" in afstemming and "namens" not in afstemming.split("parafen-kop")[1].split("</section>")[0]

    # Back early: the directeur no longer stands in.
    assert hoofd.post("/instellingen/afwezigheid/beeindigen").status_code == 303
    assert f"namens {m['afdelingshoofd'].naam}" not in tekst(directeur.get("/werk").text)


def test_meldingen_voorkeur_via_de_pagina(app, api, seed, browser):
    b = browser(seed["m"]["IenW"])
    assert api.als(seed["m"]["IenW"]).get("/gebruikers/ik/meldingen").json() == {"voorkeur": "direct"}
    assert b.post("/instellingen/meldingen", {"voorkeur": "dagelijks"}).status_code == 303
    assert api.als(seed["m"]["IenW"]).get("/gebruikers/ik/meldingen").json() == {"voorkeur": "dagelijks"}
    assert 'value="dagelijks" checked' in b.get("/instellingen").text
    assert b.post("/instellingen/meldingen", {"voorkeur": "soms"}).status_code == 422
    assert b.post("/instellingen/meldingen", {"voorkeur": "uit"}, csrf="vals").status_code == 403
    assert api.als(seed["m"]["IenW"]).get("/gebruikers/ik/meldingen").json() == {"voorkeur": "dagelijks"}


def test_ronde_in_werkdagen_via_het_formulier(app, api, seed, browser, klok):
    m, brief = seed["m"], seed["brief"]
    b = browser(m["opsteller"])
    pagina = b.get(f"/documenten/{brief['id']}/afstemming").text
    assert 'name="termijn_werkdagen"' in pagina
    antwoord = b.post(
        f"/documenten/{brief['id']}/afstemmingsrondes",
        {"departementen": ["IenW", "DEF"], "termijn_werkdagen": "4", "termijn": ""},
    )
    assert antwoord.status_code == 303, antwoord.text
    rondes = api.als(m["opsteller"]).get(f"/documenten/{brief['id']}/afstemmingsrondes").json()
    verwacht = termijn_in_werkdagen(4, nu_volgens(klok))
    from datetime import datetime

    assert datetime.fromisoformat(rondes[-1]["termijn"]) == verwacht
    assert "17.00 uur" in tekst(b.get(f"/documenten/{brief['id']}/afstemming").text)
