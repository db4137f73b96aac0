"""Issue 14 through the pages in Chromium, as the people who do the work: the beheerder adds
the people and hands out their tokens; the opsteller reads a Kamerbrief in from a file, opens
the ronde, sends the afstemmingsversie out and takes it back from Word (download, change,
upload, preview, confirm), and reads the logboek; the afdelingshoofd sees exactly what he
initials before he confirms. Every page gets the accessibility check, the console stays
clean (no script errors, no CSP violations, no 404s), and the pages fit a 390 px phone screen.
With PARAAF_SCHERMAFDRUKKEN=1 the screenshots go to docs/img/ui-*.png."""

from __future__ import annotations

import pytest

from tests import word_bouw as wb
from tests.conftest import KAMERBRIEF_MD
from tests.test_retour import document_xml, met_document, run_met
from tests.web.conftest import ANKER
from tests.web.test_browser import BEHEER, VIEWPORT, _schermafdruk, _toegankelijk, chromium, server  # noqa: F401

pytestmark = pytest.mark.traag

TELEFOON = {"width": 390, "height": 844}
GEWIJZIGD = "in overleg met hen nader uit te werken."


def test_beheer_document_retour_logboek_en_paraaf(chromium, server):  # noqa: F811
    from playwright.sync_api import expect

    adres = server
    fouten: list[str] = []

    def nieuwe_pagina(*, viewport=VIEWPORT):
        context = chromium.new_context(viewport=viewport, locale="nl-NL", accept_downloads=True)
        pagina = context.new_page()
        pagina.set_default_timeout(10_000)
        pagina.on("console", lambda b: fouten.append(f"console {pagina.url}: {b.text}") if b.type == "error" else None)
        pagina.on("pageerror", lambda f: fouten.append(f"script: {f}"))
        pagina.on("response", lambda r: fouten.append(f"404: {r.url}") if r.status == 404 else None)
        return context, pagina

    def inloggen(pagina, token: str):
        pagina.goto(f"{adres}/inloggen")
        pagina.get_by_label("Persoonlijk token").fill(token)
        pagina.get_by_role("button", name="Inloggen").click()
        expect(pagina).to_have_url(f"{adres}/werk")

    # --- The beheerder adds the people and hands out their tokens. ----------------------------------
    beheer_ctx, beheer = nieuwe_pagina()
    inloggen(beheer, BEHEER)
    expect(beheer.locator("main")).to_contain_text("Als beheerder voegt u gebruikers toe")
    beheer.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    expect(beheer.get_by_role("heading", level=1)).to_have_text("Beheer: gebruikers en tokens")
    _toegankelijk(beheer)
    tokens = {}
    for sleutel, naam, dep, rol, niveau in [
        ("opsteller", "Sanne Visser", "VRO", "opsteller", ""),
        ("afdelingshoofd", "Jeroen de Wit", "VRO", "parafeerder", "afdelingshoofd"),
        ("DEF", "Pieter Bakker", "DEF", "afstemmer", ""),
    ]:
        formulier = beheer.locator("form[action='/beheer/gebruikers']")
        formulier.get_by_label("Naam").fill(naam)
        formulier.get_by_label("E-mailadres").fill(f"{sleutel.lower()}@werk.test")
        formulier.get_by_label("Departement").select_option(dep)
        formulier.get_by_label(rol, exact=True).check()
        if niveau:
            formulier.get_by_label("Paraafniveau (alleen voor een parafeerder)").select_option(niveau)
        formulier.get_by_role("button", name="Gebruiker toevoegen").click()
        expect(beheer.get_by_role("heading", name=f"Token voor {naam} aangemaakt")).to_be_visible()
        tokens[sleutel] = beheer.get_by_role("textbox", name="Token").input_value()
        assert tokens[sleutel].startswith("prf_")
    _toegankelijk(beheer)
    beheer.goto(f"{adres}/beheer")
    expect(beheer.locator("#nieuw-token")).to_have_count(0)  # shown once
    _schermafdruk(beheer, "ui-beheer")
    beheer_ctx.close()

    # --- The opsteller reads the Kamerbrief in from a file. --------------------------------------------
    ops_ctx, ops = nieuwe_pagina()
    inloggen(ops, tokens["opsteller"])
    ops.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Documenten").click()
    ops.get_by_role("link", name="Nieuw document of bestand inlezen").click()
    _toegankelijk(ops)
    ops.get_by_label("Bestand (.md, .txt of .docx)").set_input_files(str(KAMERBRIEF_MD))
    ops.get_by_role("button", name="Bestand inlezen").click()
    expect(ops.get_by_role("status")).to_contain_text("Het bestand is ingelezen als nieuw document.")
    doc = int(ops.url.split("/documenten/")[1].split("?")[0])
    expect(ops.get_by_role("heading", level=1)).to_contain_text("Uitkomsten BO")
    # Footnotes are numbered through the whole document, as in Word and HTML.
    nummers = ops.locator(".tekst sup a").all_inner_texts()
    assert nummers and [int(n.strip("[] ")) for n in nummers] == list(range(1, len(nummers) + 1)), nummers
    _toegankelijk(ops)

    # --- The ronde, then the afstemmingsversie out to Word and back. ------------------------------------
    ops.get_by_role("link", name="Afstemming en parafen").click()
    ops.get_by_label("DEF").check()
    ops.get_by_label("Of: aantal werkdagen").fill("3")
    ops.get_by_role("button", name="Ronde openen").click()
    expect(ops.get_by_role("status")).to_contain_text("De afstemmingsronde is geopend.")
    ops.goto(f"{adres}/documenten/{doc}")
    with ops.expect_download() as download:
        ops.get_by_role("link", name="Afstemmingsversie").click()
    bestand = open(download.value.path(), "rb").read()
    assert bestand[:2] == b"PK"
    xml = run_met(document_xml(bestand), ANKER, wb.dele(ANKER) + wb.ins(GEWIJZIGD))
    ops.get_by_label("Word-bestand (.docx)").set_input_files(
        files=[
            {
                "name": "afstemmingsversie-terug.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": met_document(bestand, xml),
            }
        ]
    )
    ops.get_by_role("button", name="Bekijken wat eruit wordt gelezen").click()
    expect(ops.get_by_role("heading", level=1)).to_contain_text("Word-bestand terugsturen")
    # (The letter's lone list item "2." comes back from Word as "1.", a flaw of the Word round
    # trip not fixed here; the test looks at the change that was made.)
    voorstel = ops.locator("table.retour-voorstellen tbody tr", has_text="nader uit te werken")
    expect(voorstel).to_have_count(1)
    expect(voorstel.locator("td").first).to_have_text("Defensie")
    _toegankelijk(ops)
    _schermafdruk(ops, "ui-retour")
    ops.get_by_role("button", name="Verwerken").click()
    expect(ops.get_by_role("status")).to_contain_text("Het Word-bestand is verwerkt")
    expect(ops.locator(".open-voorstellen", has_text="Draad").first).to_be_visible()

    # --- The logboek: everything that happened, the chain checked, filterable. ------------------------
    ops.get_by_role("link", name="Logboek").first.click()
    expect(ops.locator("#keten-uitkomst")).to_contain_text("De keten is intact.")
    rijen = ops.locator("table.logboek tbody tr")
    expect(rijen.filter(has_text="Document geïmporteerd")).to_have_count(1)
    expect(rijen.filter(has_text="Afstemmingsronde geopend")).to_have_count(1)
    expect(rijen.filter(has_text="Sanne Visser (VRO)").first).to_be_visible()
    _toegankelijk(ops)
    _schermafdruk(ops, "ui-logboek")
    ops.get_by_label("Soort gebeurtenis").select_option(label="Tekstvoorstel ingediend")
    ops.get_by_role("button", name="Filter toepassen").click()
    expect(rijen.first).to_contain_text("Tekstvoorstel ingediend")
    expect(rijen.filter(has_not_text="Tekstvoorstel ingediend")).to_have_count(0)
    expect(ops.locator("main")).to_contain_text("gebeurtenissen getoond")
    expect(ops.locator("footer").get_by_role("link", name="logboek van het document")).to_have_attribute(
        "href", f"/documenten/{doc}/logboek"
    )

    # --- On a phone: no page scrolls sideways. ---------------------------------------------------------
    tel_ctx, tel = nieuwe_pagina(viewport=TELEFOON)
    inloggen(tel, tokens["opsteller"])
    for pad in ("/werk", "/documenten", f"/documenten/{doc}", f"/documenten/{doc}/afstemming", f"/documenten/{doc}/logboek"):
        tel.goto(f"{adres}{pad}")
        breedte = tel.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert breedte[0] <= breedte[1], (pad, breedte)
    tel_ctx.close()
    ops_ctx.close()

    # --- The afdelingshoofd sees what he initials, then confirms. ---------------------------------------
    hoofd_ctx, hoofd = nieuwe_pagina()
    inloggen(hoofd, tokens["afdelingshoofd"])
    hoofd.goto(f"{adres}/documenten/{doc}/afstemming")
    hoofd.get_by_role("button", name="Paraferen als afdelingshoofd").click()
    expect(hoofd.get_by_role("heading", level=1)).to_have_text("Paraferen als afdelingshoofd: bevestigen")
    stukken = hoofd.locator("table", has_text="Stukken in deze ondertekening")
    expect(stukken.locator("tbody tr")).to_have_count(1)
    expect(stukken.locator("tbody td").first).to_have_text("1")  # revisie 1
    expect(stukken.get_by_role("link", name="Word")).to_have_attribute("href", f"/documenten/{doc}/download/word?revisie=1")
    expect(hoofd.get_by_role("heading", name="Wat is er veranderd sinds de afstemmingsronde")).to_be_visible()
    _toegankelijk(hoofd)
    _schermafdruk(hoofd, "ui-paraferen")
    # The HTML he would read opens.
    with hoofd.context.expect_page() as nieuw:
        stukken.get_by_role("link", name="HTML").click(modifiers=["Control"])
    nieuw.value.wait_for_load_state()
    expect(nieuw.value.locator("body")).to_contain_text("Uitkomsten BO")
    nieuw.value.close()
    hoofd.get_by_role("button", name="Ja, paraferen als afdelingshoofd").click()
    expect(hoofd.get_by_role("status")).to_contain_text("Uw paraaf is vastgelegd.")
    hoofd_ctx.close()

    assert fouten == []
