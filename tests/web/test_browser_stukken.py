"""The set through the web pages in a real browser (issue 12 item 7): Debian's Chromium driven by
Playwright against a real uvicorn process on a migrated SQLite file.

The opsteller finds the stukken of the seed letter, adds NB 2 as an afhankelijkheid on IenW's
MIRT-brief and a free one that she ticks off with a toelichting; the minister decides the first
beslispunt without JavaScript (a plain form) and the second with an annotation (htmx), sets
IenW's standing dissent aside with a reden, and signs the set once the MIRT-brief is there;
Defensie, reading the same letter, never sees the nota. With PARAAF_SCHERMAFDRUKKEN=1 the set
page goes to docs/img/ui-stukken.png.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.conftest import BESLISNOTA_MD, KAMERBRIEF_MD
from tests.web.test_browser import BEHEER, VIEWPORT, _schermafdruk, _toegankelijk, chromium, server  # noqa: F401

pytestmark = pytest.mark.traag

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NB2 = "De finale versie van de MIRT-brief en afsprakenlijst volgt op 12-6 in de ochtend."


@pytest.fixture(scope="module")
def wereld(server):  # noqa: F811
    api = httpx.Client(base_url=f"{server}/api/v1", timeout=30)
    mensen = {}
    for sleutel, naam, dep, rollen, niveau in [
        ("opsteller", "Sanne Visser", "VRO", ["opsteller"], None),
        ("minister", "Mona Keijzer", "VRO", ["bewindspersoon"], None),
        ("afdelingshoofd", "Jeroen de Wit", "VRO", ["parafeerder"], "afdelingshoofd"),
        ("VRO", "Thijs van Dam", "VRO", ["afstemmer"], None),
        ("DEF", "Pieter Bakker", "DEF", ["afstemmer"], None),
        ("IenW", "Fatima el Amrani", "IenW", ["afstemmer"], None),
        ("IenW-opsteller", "Ruben Hoekstra", "IenW", ["opsteller"], None),
        ("IenW-minister", "Barry Madlener", "IenW", ["bewindspersoon"], None),
    ]:
        r = api.post(
            "/gebruikers",
            headers={"Authorization": f"Bearer {BEHEER}"},
            json={
                "naam": naam,
                "email": f"{sleutel.lower()}@stukken.test",
                "departement": dep,
                "rollen": rollen,
                "paraafniveau": niveau,
            },
        )
        assert r.status_code == 201, r.text
        mensen[sleutel] = r.json()

    def als(wie: str) -> dict:
        return {"Authorization": f"Bearer {mensen[wie]['token']}"}

    brief = api.post(
        "/documenten/import",
        headers=als("opsteller"),
        files={"bestand": (KAMERBRIEF_MD.name, KAMERBRIEF_MD.read_bytes(), "text/markdown")},
        data={"mede_namens": "DEF", "parafenlijn": "afdelingshoofd"},
    ).json()
    nota = api.post(
        "/documenten/import",
        headers=als("opsteller"),
        files={"bestand": (BESLISNOTA_MD.name, BESLISNOTA_MD.read_bytes(), "text/markdown")},
        data={"gekoppeld_aan": str(brief["id"])},
    ).json()
    mirt = api.post(
        "/documenten",
        headers=als("IenW-opsteller"),
        json={"soort": "kamerbrief", "titel": "MIRT-brief voorjaar 2025", "penvoerder": "IenW", "mede_namens": ["VRO"]},
    ).json()
    termijn = (datetime.now(AMSTERDAM) + timedelta(days=2)).isoformat()
    # Afstemming: IenW is niet akkoord in the first ronde; the second leaves IenW out.
    eerste = api.post(
        f"/documenten/{brief['id']}/afstemmingsrondes",
        headers=als("opsteller"),
        json={"departementen": ["DEF", "IenW"], "termijn": termijn},
    ).json()
    assert (
        api.post(f"/afstemmingsrondes/{eerste['id']}/oordelen", headers=als("IenW"), json={"oordeel": "niet_akkoord"}).status_code
        == 201
    )
    tweede = api.post(
        f"/documenten/{brief['id']}/afstemmingsrondes",
        headers=als("opsteller"),
        json={"departementen": ["DEF"], "termijn": termijn},
    ).json()
    assert (
        api.post(f"/afstemmingsrondes/{tweede['id']}/oordelen", headers=als("DEF"), json={"oordeel": "akkoord"}).status_code
        == 201
    )
    assert api.post(f"/documenten/{brief['id']}/parafen", headers=als("afdelingshoofd")).status_code == 201
    yield {
        "api": api,
        "als": als,
        "mensen": mensen,
        "brief": brief,
        "nota": nota,
        "mirt": mirt,
        "adres": server,
        "termijn": termijn,
    }
    api.close()


def test_de_stukken_door_de_paginas(chromium, wereld):  # noqa: F811
    from playwright.sync_api import expect

    adres, m, api, als = wereld["adres"], wereld["mensen"], wereld["api"], wereld["als"]
    brief, nota, mirt = wereld["brief"], wereld["nota"], wereld["mirt"]
    stukken = f"{adres}/documenten/{brief['id']}/stukken"
    scriptfouten: list[str] = []

    def browser_voor(wie: str, *, javascript: bool = True):
        context = chromium.new_context(viewport=VIEWPORT, java_script_enabled=javascript, locale="nl-NL")
        pagina = context.new_page()
        pagina.set_default_timeout(10_000)
        pagina.on(
            "console",
            lambda bericht: scriptfouten.append(f"{bericht.text} {bericht.location}") if bericht.type == "error" else None,
        )
        pagina.on("pageerror", lambda fout: scriptfouten.append(str(fout)))
        pagina.goto(f"{adres}/inloggen")
        pagina.get_by_label("Persoonlijk token").fill(m[wie]["token"])
        pagina.get_by_role("button", name="Inloggen").click()
        expect(pagina).to_have_url(f"{adres}/werk")
        return context, pagina

    # --- The opsteller: the set, NB 2 as an afhankelijkheid, a free one ticked off. -------------
    opsteller_ctx, opsteller = browser_voor("opsteller")
    opsteller.goto(f"{adres}/documenten/{brief['id']}")
    opsteller.get_by_role("link", name="Stukken (brief, beslisnota, bijlagen)").click()
    expect(opsteller).to_have_url(stukken)
    leden = opsteller.locator("table.stukken tbody tr")
    expect(leden).to_have_count(2)
    expect(leden.nth(0)).to_contain_text("Kamerbrief")
    expect(leden.nth(1)).to_contain_text("Beslisnota")
    expect(leden.nth(1)).to_contain_text("Concept")
    expect(opsteller.locator(".beslispunt")).to_have_count(2)
    expect(opsteller.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)
    opsteller.get_by_label("Omschrijving").fill(NB2)
    opsteller.get_by_label("Wacht op document (optioneel)").select_option(str(mirt["id"]))
    opsteller.get_by_label("Verwacht op (optioneel)").fill((datetime.now(AMSTERDAM) + timedelta(days=1)).strftime("%Y-%m-%d"))
    opsteller.get_by_role("button", name="Afhankelijkheid toevoegen").click()
    expect(opsteller.get_by_role("status")).to_contain_text("De afhankelijkheid is toegevoegd.")
    expect(opsteller.locator("table.afhankelijkheden")).to_contain_text("MIRT-brief voorjaar 2025")
    opsteller.locator("summary", has_text="Afhankelijkheid toevoegen").click()  # the <details> is closed now
    opsteller.get_by_label("Omschrijving").fill("De afsprakenlijst is definitief.")
    opsteller.get_by_role("button", name="Afhankelijkheid toevoegen").click()
    expect(opsteller.get_by_role("status")).to_contain_text("De afhankelijkheid is toegevoegd.")
    opsteller.get_by_label("Toelichting bij ‘De afsprakenlijst is definitief.’").fill("Vastgesteld in het BO op 11-6.")
    opsteller.get_by_role("button", name="Afvinken De afsprakenlijst is definitief.").click()
    expect(opsteller.get_by_role("status")).to_contain_text("De afhankelijkheid is afgevinkt.")
    rij = opsteller.locator("table.afhankelijkheden tbody tr", has_text="De afsprakenlijst is definitief.")
    expect(rij).to_contain_text("Vervuld")
    expect(rij).to_contain_text("Vastgesteld in het BO op 11-6.")
    expect(opsteller.locator("#stukken-bezwaren")).to_contain_text(NB2)
    _toegankelijk(opsteller)
    opsteller.goto(f"{adres}/werk")
    expect(opsteller.locator("table.werk")).to_contain_text("Afhankelijkheid open: De finale versie van de MIRT-brief")

    # --- The minister, without JavaScript: beslispunt 1 by a plain form. ------------------------
    zonder_ctx, zonder = browser_voor("minister", javascript=False)
    zonder.goto(stukken)
    punt1 = zonder.locator(".beslispunt").nth(0)
    punt1.get_by_label("Akkoord", exact=True).check()
    punt1.get_by_role("button", name="Besluit vastleggen over beslispunt 1").click()
    expect(zonder.get_by_role("status")).to_contain_text("Uw besluit over het beslispunt is vastgelegd.")
    expect(zonder.locator(".beslispunt").nth(0).locator(".besluit")).to_contain_text("Besluit: akkoord — Mona Keijzer")
    zonder_ctx.close()

    # --- The minister with JavaScript: beslispunt 2 with an annotation; dissent set aside. -------
    minister_ctx, minister = browser_voor("minister")
    minister.goto(stukken)
    expect(minister.locator(".bezwaren")).to_contain_text("IenW is niet akkoord")
    punt2 = minister.locator(".beslispunt").nth(1)
    punt2.get_by_label("Akkoord met aantekening").check()
    punt2.get_by_label("Aantekening bij beslispunt 2").fill("Na ontvangst van de finale MIRT-brief.")
    punt2.get_by_role("button", name="Besluit vastleggen over beslispunt 2").click()
    expect(minister.get_by_role("status")).to_contain_text("Uw besluit over het beslispunt is vastgelegd.")
    expect(minister).to_have_url(stukken)  # htmx swapped the page in place
    expect(minister.locator(".beslispunt").nth(1).locator(".aantekening")).to_have_text(
        "Aantekening: Na ontvangst van de finale MIRT-brief."
    )
    minister.get_by_label("Departement", exact=True).select_option("IenW")
    minister.get_by_label("Reden").fill("De minister van IenW stemt telefonisch in.")
    minister.get_by_role("button", name="Bezwaar terzijde leggen").click()
    expect(minister.get_by_role("status")).to_contain_text("Het bezwaar is terzijde gelegd")
    expect(minister.locator("table", has_text="Terzijde gelegd")).to_contain_text("De minister van IenW stemt telefonisch in.")
    expect(minister.locator("#stukken-bezwaren")).not_to_contain_text("IenW")
    expect(minister.locator("#stukken-bezwaren")).to_contain_text(NB2)  # the MIRT-brief is not there yet
    _toegankelijk(minister)
    _schermafdruk(minister, "ui-stukken")

    # --- IenW signs the MIRT-brief (over the API); the minister signs the set. -----------------------
    ronde = api.post(
        f"/documenten/{mirt['id']}/afstemmingsrondes",
        headers=als("IenW-opsteller"),
        json={"departementen": ["VRO"], "termijn": wereld["termijn"]},
    ).json()
    assert (
        api.post(f"/afstemmingsrondes/{ronde['id']}/oordelen", headers=als("VRO"), json={"oordeel": "akkoord"}).status_code == 201
    )
    assert api.post(f"/documenten/{mirt['id']}/vaststellen", headers=als("IenW-minister")).status_code == 200
    minister.goto(stukken)
    expect(minister.locator("table.afhankelijkheden tbody tr", has_text="MIRT")).to_contain_text("Vervuld")
    expect(minister.get_by_text("De stukken kunnen worden vastgesteld.")).to_be_visible()
    minister.get_by_role("link", name="Afstemming, parafen en vaststelling").click()
    minister.get_by_role("button", name="Vaststellen").click()
    # What she signs: every member of the set with its revisie, hash and links, then confirm.
    expect(minister.get_by_role("heading", level=1)).to_contain_text("Vaststellen: bevestigen")
    ondertekend = minister.locator("table", has_text="Stukken in deze ondertekening")
    expect(ondertekend.locator("tbody tr")).to_have_count(2)
    expect(ondertekend).to_contain_text("Beslisnota")
    expect(ondertekend.get_by_role("link", name="HTML").first).to_be_visible()
    _toegankelijk(minister)
    _schermafdruk(minister, "ui-vaststellen")
    minister.get_by_role("button", name="Ja, vaststellen").click()
    expect(minister.get_by_role("status")).to_contain_text("Het document is vastgesteld.")
    minister.goto(stukken)
    expect(minister.locator("table.stukken tbody tr").nth(1)).to_contain_text("Vastgesteld")
    expect(minister.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)
    minister_ctx.close()

    # --- Defensie reads the letter, never the nota. ---------------------------------------------------
    def_ctx, defensie = browser_voor("DEF")
    defensie.goto(stukken)
    expect(defensie.locator("table.stukken tbody tr")).to_have_count(1)
    expect(defensie.locator(".beslispunt")).to_have_count(0)
    assert scriptfouten == [], scriptfouten
    antwoord = defensie.goto(f"{adres}/documenten/{nota['id']}")
    assert antwoord.status == 404  # (Chromium logs the 404 itself as a console error)
    expect(defensie.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    def_ctx.close()
    opsteller_ctx.close()
