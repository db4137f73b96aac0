"""The set in the web UI (issue 12 item 7), with plain forms (no JavaScript) and the CSRF token
as every other form: the stukken page with every member and its status, the minister's
decision form per beslispunt, afhankelijkheden added, ticked off and dropped, dissent set aside,
and Mijn werk. The browser run (tests/web/test_browser_stukken.py) plays the same in Chromium.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import BESLISNOTA_MD, importeer
from tests.web.conftest import tekst

MIRT = {"soort": "kamerbrief", "titel": "MIRT-brief voorjaar 2025", "penvoerder": "IenW", "mede_namens": ["VRO"]}


@pytest.fixture
def stukken(api, seed):
    m = seed["m"]
    nota = importeer(api, m["opsteller"], BESLISNOTA_MD, gekoppeld_aan=str(seed["brief"]["id"]))
    bijlage = (
        api.als(m["opsteller"])
        .post(
            "/documenten",
            json={"soort": "bijlage", "titel": "Afsprakenlijst", "penvoerder": "VRO", "gekoppeld_aan": seed["brief"]["id"]},
        )
        .json()
    )
    ienw_opsteller = api.gebruiker("IenW", "opsteller", naam="Opsteller IenW")
    mirt = api.als(ienw_opsteller).post("/documenten", json=MIRT).json()
    return {**seed, "nota": nota, "bijlage": bijlage, "mirt": mirt, "pad": f"/documenten/{seed['brief']['id']}/stukken"}


def test_stukkenpagina_toont_elk_lid_met_status(stukken, browser):
    m, pad = stukken["m"], stukken["pad"]
    b = browser(m["opsteller"])
    pagina = b.get(pad)
    assert pagina.status_code == 200
    zichtbaar = tekst(pagina.text)
    for d in (stukken["brief"], stukken["nota"], stukken["bijlage"]):
        assert f'id="lid-{d["id"]}"' in pagina.text
    rij = re.search(rf'<tr id="lid-{stukken["nota"]["id"]}">.*?</tr>', pagina.text, re.S).group(0)
    assert "Beslisnota" in rij and "Concept" in rij
    assert "In te stemmen met ondertekening en verzending" in zichtbaar and "Nog geen besluit." in zichtbaar
    assert "De stukken kunnen nog niet worden vastgesteld" in zichtbaar
    # The same page from any member; the document page links to it.
    assert b.get(f"/documenten/{stukken['nota']['id']}/stukken").text.count('id="lid-') == 3
    assert f'href="{pad}"' in b.get(f"/documenten/{stukken['brief']['id']}").text
    # The opsteller gets no decision form; Defensie does not see the nota at all.
    assert "Besluit vastleggen" not in pagina.text
    d = browser(m["DEF"])
    def_pagina = d.get(pad).text
    assert f'id="lid-{stukken["nota"]["id"]}"' not in def_pagina and "Beslispunten" not in def_pagina
    assert f'id="lid-{stukken["bijlage"]["id"]}"' in def_pagina
    assert d.get(f"/documenten/{stukken['nota']['id']}/stukken").status_code == 404
    assert d.get(f"/documenten/{stukken['nota']['id']}").status_code == 404


def test_minister_besluit_per_beslispunt_via_formulier(stukken, browser):
    m, pad, nota = stukken["m"], stukken["pad"], stukken["nota"]
    minister = browser(m["minister"])
    pagina = minister.get(pad).text
    assert pagina.count("Besluit vastleggen") == 2
    actie = f"/documenten/{nota['id']}/beslispunten/2/besluit"
    # Without or with a foreign CSRF token: refused, nothing recorded.
    assert minister.post(actie, {"besluit": "akkoord"}, csrf="").status_code == 403
    assert minister.post(actie, {"besluit": "akkoord"}, csrf="geraden").status_code == 403
    # Akkoord met aantekening needs the aantekening: the API's 422, as a page.
    fout = minister.post(actie, {"besluit": "akkoord_met_aantekening", "aantekening": ""})
    assert fout.status_code == 422 and "aantekening" in fout.text
    r = minister.post(actie, {"besluit": "akkoord_met_aantekening", "aantekening": "Eerst de MIRT-brief."})
    assert r.status_code == 303 and r.headers["location"].startswith(pad)
    na = tekst(minister.volg(r).text)
    assert "Uw besluit over het beslispunt is vastgelegd." in na
    assert "Besluit: akkoord met aantekening — Mona Keijzer" in na and "Aantekening: Eerst de MIRT-brief." in na
    # Nobody else decides: not the opsteller (403), not another department (404).
    opsteller = browser(m["opsteller"])
    opsteller.get(pad)
    assert opsteller.post(f"/documenten/{nota['id']}/beslispunten/1/besluit", {"besluit": "akkoord"}).status_code == 403
    ienw = browser(m["IenW"])
    ienw.get("/werk")
    assert ienw.post(f"/documenten/{nota['id']}/beslispunten/1/besluit", {"besluit": "akkoord"}).status_code == 404


def test_afhankelijkheden_via_formulieren(api, stukken, browser):
    m, pad, brief = stukken["m"], stukken["pad"], stukken["brief"]
    opsteller = browser(m["opsteller"])
    pagina = opsteller.get(pad).text
    assert "Afhankelijkheid toevoegen" in pagina
    assert f'<option value="{stukken["mirt"]["id"]}">MIRT-brief voorjaar 2025' in pagina  # mede namens VRO: visible
    assert f'<option value="{stukken["nota"]["id"]}"' not in pagina  # a member cannot be waited for
    verwacht = (datetime.now(UTC) + timedelta(days=1)).date()
    r = opsteller.post(
        f"/documenten/{brief['id']}/afhankelijkheden",
        {
            "omschrijving": "De finale versie van de MIRT-brief volgt.",
            "document": str(stukken["mirt"]["id"]),
            "vereiste_status": "vastgesteld",
            "verwacht_op": verwacht.isoformat(),
        },
    )
    assert r.status_code == 303
    r = opsteller.post(
        f"/documenten/{brief['id']}/afhankelijkheden", {"omschrijving": "De afsprakenlijst is definitief.", "document": ""}
    )
    assert "De afhankelijkheid is toegevoegd." in opsteller.volg(r).text
    lijst = api.als(m["opsteller"]).get(f"/documenten/{brief['id']}/afhankelijkheden").json()
    assert [(a["document"], a["verwacht_op"], a["status"]) for a in lijst] == [
        (stukken["mirt"]["id"], verwacht.isoformat(), "open"),
        (None, None, "open"),
    ]
    mirt_id, vrij_id = lijst[0]["id"], lijst[1]["id"]
    # Mijn werk lists both for the opsteller, with the expected date.
    werk = tekst(opsteller.get("/werk").text)
    assert "Afhankelijkheid open: De finale versie van de MIRT-brief volgt." in werk and "Afhankelijkheid afhandelen" in werk
    assert "Verwacht " in werk
    # Ticking off needs a toelichting (422), then works; the document-bound one can only lapse.
    assert opsteller.post(f"/afhankelijkheden/{vrij_id}/vervuld", {"toelichting": ""}).status_code == 422
    r = opsteller.post(f"/afhankelijkheden/{vrij_id}/vervuld", {"toelichting": "Vastgesteld in het BO op 11-6."})
    assert "De afhankelijkheid is afgevinkt." in opsteller.volg(r).text
    assert opsteller.post(f"/afhankelijkheden/{mirt_id}/vervuld", {"toelichting": "Handmatig"}).status_code == 409
    pagina = opsteller.get(pad).text
    rij = re.search(rf'<tr id="afhankelijkheid-{vrij_id}">.*?</tr>', pagina, re.S).group(0)
    assert "Vervuld" in rij and "Vastgesteld in het BO op 11-6." in rij
    assert f'action="/afhankelijkheden/{mirt_id}/vervallen"' in pagina and f'action="/afhankelijkheden/{vrij_id}/' not in pagina
    # Not the minister's, not another department's to manage.
    minister = browser(m["minister"])
    minister.get(pad)
    assert "Afhankelijkheid toevoegen" not in minister.get(pad).text
    assert minister.post(f"/afhankelijkheden/{mirt_id}/vervallen", {"toelichting": "x"}).status_code == 403
    r = opsteller.post(f"/afhankelijkheden/{mirt_id}/vervallen", {"toelichting": "De MIRT-brief gaat later."})
    assert "De afhankelijkheid is vervallen." in opsteller.volg(r).text
    assert "Afhankelijkheid open" not in tekst(opsteller.get("/werk").text)


def test_bezwaar_terzijde_leggen_via_formulier(api, stukken, browser):
    m, pad, brief = stukken["m"], stukken["pad"], stukken["brief"]
    # The seed ronde invites IenW, DEF and EZ; IenW is niet akkoord.
    r = api.als(m["IenW"]).post(f"/afstemmingsrondes/{stukken['ronde']['id']}/oordelen", json={"oordeel": "niet_akkoord"})
    assert r.status_code == 201
    minister = browser(m["minister"])
    pagina = minister.get(pad).text
    assert "IenW is niet akkoord" in pagina and "Bezwaar terzijde leggen" in pagina
    assert '<option value="IenW">' in pagina and '<option value="KGG">' in pagina  # mede namens, not asked
    assert (
        minister.post(f"/documenten/{brief['id']}/afwijkingen", {"departement": "IenW", "reden": "x"}, csrf="").status_code == 403
    )
    assert minister.post(f"/documenten/{brief['id']}/afwijkingen", {"departement": "IenW", "reden": ""}).status_code == 422
    r = minister.post(
        f"/documenten/{brief['id']}/afwijkingen", {"departement": "IenW", "reden": "De minister van IenW stemt in."}
    )
    na = minister.volg(r).text
    assert "Het bezwaar is terzijde gelegd" in na
    assert re.search(
        r"<th scope=\"row\"><abbr[^>]*>IenW</abbr></th><td>De minister van IenW stemt in\.</td><td>Mona Keijzer</td>", na
    )
    assert "IenW is niet akkoord" not in tekst(na)
    # The opsteller sees it but has no form; posting is 403.
    opsteller = browser(m["opsteller"])
    assert "Bezwaar terzijde leggen" not in opsteller.get(pad).text
    assert opsteller.post(f"/documenten/{brief['id']}/afwijkingen", {"departement": "KGG", "reden": "x"}).status_code == 403


def test_lid_afstemmingspagina_verwijst_naar_de_brief(stukken, browser):
    m = stukken["m"]
    b = browser(m["opsteller"])
    pagina = b.get(f"/documenten/{stukken['nota']['id']}/afstemming").text
    assert f'href="/documenten/{stukken["brief"]["id"]}/afstemming"' in pagina
    assert "Afstemmingsronde openen" not in pagina and "Ronde openen" not in pagina
    afdelingshoofd = browser(m["afdelingshoofd"])
    knop = re.search(
        r'<form[^>]*action="/documenten/\d+/parafen".*?</form>',
        afdelingshoofd.get(f"/documenten/{stukken['bijlage']['id']}/afstemming").text,
        re.S,
    )
    assert knop and "disabled" in knop.group(0) and f"Kamerbrief {stukken['brief']['id']}" in knop.group(0)


def test_mijn_werk_van_de_minister_noemt_de_beslispunten(api, klok, browser):
    """When all else is ready, the nota's beslispunten are what waits for the minister; once
    decided, the set is ready to sign."""
    from tests.helpers_afstemming import Wereld

    w = Wereld(api, klok)
    brief = w.document(parafenlijn=("afdelingshoofd",), mede_namens=("DEF",))
    nota = importeer(api, w.opsteller, BESLISNOTA_MD, gekoppeld_aan=str(brief["id"]))
    ronde = w.ronde(brief, ("DEF",))
    assert w.oordeel(ronde, w.DEF).status_code == 201
    minister = browser(w.minister)
    assert "Besluiten over beslispunten" not in minister.get("/werk").text  # parafen first
    assert w.paraaf(brief, w.afdelingshoofd).status_code == 201
    werk = tekst(minister.get("/werk").text)
    assert "Besluiten over beslispunten" in werk and f"beslispunten 1, 2 van beslisnota {nota['id']}" in werk
    assert f'href="/documenten/{brief["id"]}/stukken"' in minister.get("/werk").text
    for nummer in (1, 2):
        assert minister.post(f"/documenten/{nota['id']}/beslispunten/{nummer}/besluit", {"besluit": "akkoord"}).status_code == 303
    werk = tekst(minister.get("/werk").text)
    assert "Besluiten over beslispunten" not in werk and "Klaar om vast te stellen" in werk
