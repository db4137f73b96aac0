"""The seed dispute (beslisnota NB 1) played through the web pages in a real browser.

A real uvicorn process on a migrated SQLite file; Playwright (PyPI) drives Debian's Chromium.
Four people act in turn, each in their own browser context: the opsteller opens the ronde;
Defensie's afstemmer proposes its munitieopslag sentence (once without JavaScript, once by
selecting in the text); IenW finds it under Mijn werk and counters; Defensie sees both side
by side; the opsteller cannot adopt (the objection is open) and escalates; the minister
decides a third wording of her own. At each step the test checks what that person sees and
what they do not see. With PARAAF_SCHERMAFDRUKKEN=1, screenshots of the key pages go to docs/img/ui-*.png.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from app.config import PROJECT_ROOT
from app.db import maak_engine
from tests.conftest import KAMERBRIEF_MD, migreer
from tests.web.conftest import ANKER, BESLUIT_FORMULERING, DEF_FORMULERING, IENW_FORMULERING

pytestmark = pytest.mark.traag

CHROMIUM = "/usr/bin/chromium"
BEHEER = "browser-test-beheerder"
AFBEELDINGEN = PROJECT_ROOT / "docs" / "img"
VIEWPORT = {"width": 1280, "height": 900}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# A basic automated accessibility check over the DOM (WCAG 2.1 AA basics we can test
# mechanically): lang, one h1, no skipped heading levels, a main landmark, labels for every
# form control, names for buttons and links, alt on images, unique ids, existing
# aria-describedby targets, tables with caption and scoped headers, and text contrast.
TOEGANKELIJKHEID_JS = r"""
() => {
  const p = [];
  if (!document.documentElement.lang) p.push("html zonder lang");
  if (document.querySelectorAll("h1").length !== 1) p.push(document.querySelectorAll("h1").length + " h1-koppen");
  if (!document.querySelector("main")) p.push("geen main-landmark");
  const skip = document.querySelector("a.overslaan");
  if (!skip || !document.querySelector(skip.getAttribute("href"))) p.push("geen werkende link naar de hoofdinhoud");
  let vorige = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const n = +h.tagName[1];
    if (vorige && n > vorige + 1) p.push("kopniveau overgeslagen: " + h.tagName + " " + h.textContent.trim().slice(0, 40));
    vorige = n;
  }
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const label = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest("label")
      || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!label) p.push("veld zonder label: " + (el.name || el.outerHTML.slice(0, 60)));
  }
  for (const el of document.querySelectorAll("button, a[href], summary")) {
    const naam = (el.textContent || "").trim() || el.getAttribute("aria-label");
    if (!naam) p.push("knop of link zonder naam: " + el.outerHTML.slice(0, 60));
  }
  for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) p.push("afbeelding zonder alt");
  const ids = {};
  for (const el of document.querySelectorAll("[id]")) { if (ids[el.id]) p.push("dubbel id: " + el.id); ids[el.id] = 1; }
  for (const el of document.querySelectorAll("[aria-describedby]"))
    for (const id of el.getAttribute("aria-describedby").split(/\s+/)) if (!document.getElementById(id)) p.push("aria-describedby naar niets: " + id);
  for (const t of document.querySelectorAll("table")) {
    if (!t.querySelector("caption")) p.push("tabel zonder caption");
    for (const th of t.querySelectorAll("th")) if (!th.getAttribute("scope")) p.push("th zonder scope");
  }
  const lum = (rgb) => {
    const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const kleur = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const achtergrond = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = kleur(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  for (const el of document.querySelectorAll("body *")) {
    const eigen = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!eigen || el.offsetParent === null) continue;
    const st = getComputedStyle(el);
    if (st.clip === "rect(0px, 0px, 0px, 0px)" || st.clipPath === "inset(50%)") continue;
    if (el.closest("[disabled]") || el.closest(".visueel-verborgen")) continue;
    const [a, b] = [lum(kleur(st.color).slice(0, 3)), lum(achtergrond(el))];
    const verhouding = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const groot = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && +st.fontWeight >= 700);
    if (verhouding < (groot ? 3 : 4.5)) p.push("contrast " + verhouding.toFixed(2) + ": " + el.textContent.trim().slice(0, 40));
  }
  return p;
}
"""


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("browser")
    database = f"sqlite:///{map_ / 'paraaf.db'}"
    engine = maak_engine(database)
    migreer(engine)
    engine.dispose()
    poort = _vrije_poort()
    omgeving = {**os.environ, "PARAAF_DATABASE_URL": database, "PARAAF_ADMIN_TOKEN": BEHEER, "PARAAF_LOG_LEVEL": "warning"}
    logboek = open(map_ / "uvicorn.log", "wb")
    proces = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(poort), "--log-level", "warning"],
        cwd=PROJECT_ROOT,
        env=omgeving,
        stdout=logboek,
        stderr=subprocess.STDOUT,
    )
    adres = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{adres}/api/v1/gezondheid", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proces.poll() is not None:
                raise RuntimeError((map_ / "uvicorn.log").read_text())
            time.sleep(0.05)
        yield adres
    finally:
        proces.terminate()
        try:
            proces.wait(10)
        except subprocess.TimeoutExpired:
            proces.kill()
        logboek.close()


@pytest.fixture(scope="module")
def wereld(server):
    """Users (over the API, as a beheerder would) and the imported seed Kamerbrief."""
    api = httpx.Client(base_url=f"{server}/api/v1", timeout=30)
    mensen = {}
    for sleutel, naam, dep, rollen, niveau in [
        ("opsteller", "Sanne Visser", "VRO", ["opsteller"], None),
        ("DEF", "Pieter Bakker", "DEF", ["afstemmer"], None),
        ("IenW", "Fatima el Amrani", "IenW", ["afstemmer"], None),
        ("minister", "Mona Keijzer", "VRO", ["bewindspersoon"], None),
    ]:
        r = api.post(
            "/gebruikers",
            headers={"Authorization": f"Bearer {BEHEER}"},
            json={
                "naam": naam,
                "email": f"{sleutel.lower()}@browser.test",
                "departement": dep,
                "rollen": rollen,
                "paraafniveau": niveau,
            },
        )
        assert r.status_code == 201, r.text
        mensen[sleutel] = r.json()
    kop = {"Authorization": f"Bearer {mensen['opsteller']['token']}"}
    r = api.post(
        "/documenten/import", headers=kop, files={"bestand": (KAMERBRIEF_MD.name, KAMERBRIEF_MD.read_bytes(), "text/markdown")}
    )
    assert r.status_code == 201, r.text
    brief = r.json()
    yield {"api": api, "mensen": mensen, "brief": brief, "adres": server}
    api.close()


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} ontbreekt: installeer Debian's chromium (make test-tools) voor de browsertest")
    sync_api = pytest.importorskip("playwright.sync_api", reason="het PyPI-pakket playwright ontbreekt")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _toegankelijk(pagina) -> None:
    problemen = pagina.evaluate(TOEGANKELIJKHEID_JS)
    assert problemen == [], f"{pagina.url}: {problemen}"


def _schermafdruk(pagina, naam: str) -> None:
    # Every run takes the screenshots (a page that cannot render fails here); only
    # PARAAF_SCHERMAFDRUKKEN=1 writes them into docs/img/, so a test run leaves the tree clean.
    if os.environ.get("PARAAF_SCHERMAFDRUKKEN") != "1":
        pagina.screenshot()
        return
    AFBEELDINGEN.mkdir(parents=True, exist_ok=True)
    tijdelijk = AFBEELDINGEN / f".{naam}.tmp.png"
    pagina.screenshot(path=str(tijdelijk))
    shutil.move(tijdelijk, AFBEELDINGEN / f"{naam}.png")


def test_het_geschil_door_de_paginas(chromium, wereld):
    from playwright.sync_api import expect

    adres, m, brief = wereld["adres"], wereld["mensen"], wereld["brief"]
    api = wereld["api"]
    doc = brief["id"]
    defensie = next(s for s in brief["secties"] if s["kop"] == "Defensie")
    invoegpunt = defensie["tekst"].index(ANKER) + len(ANKER)
    termijn = (datetime.now(AMSTERDAM) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    scriptfouten: list[str] = []

    def browser_voor(wie: str, *, javascript: bool = True):
        context = chromium.new_context(viewport=VIEWPORT, java_script_enabled=javascript, locale="nl-NL")
        pagina = context.new_page()
        pagina.set_default_timeout(10_000)
        # Any script error or CSP violation (htmx and paraaf.js must run under the page's CSP).
        pagina.on(
            "console",
            lambda bericht: (
                scriptfouten.append(f"{pagina.url} {bericht.location}: {bericht.text[:60]}") if bericht.type == "error" else None
            ),
        )
        pagina.on("pageerror", lambda fout: scriptfouten.append(str(fout)))
        pagina.goto(f"{adres}/werk")  # not logged in: to the login page, then back
        expect(pagina).to_have_url(f"{adres}/inloggen?volgende=%2Fwerk&reden=sessie")
        pagina.get_by_label("Persoonlijk token").fill(m[wie]["token"])
        pagina.get_by_role("button", name="Inloggen").click()
        expect(pagina).to_have_url(f"{adres}/werk")
        expect(pagina.locator("header")).to_contain_text(m[wie]["naam"])
        return context, pagina

    # --- The login page. ---------------------------------------------------------------------
    context = chromium.new_context(viewport=VIEWPORT, locale="nl-NL")
    pagina = context.new_page()
    pagina.goto(f"{adres}/inloggen")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Inloggen")
    _toegankelijk(pagina)
    _schermafdruk(pagina, "ui-inloggen")
    pagina.get_by_label("Persoonlijk token").fill("geen-echt-token")
    pagina.get_by_role("button", name="Inloggen").click()
    expect(pagina.get_by_role("alert")).to_contain_text("onbekend of ingetrokken")
    context.close()

    # --- The opsteller opens the ronde. ----------------------------------------------------------
    opsteller_ctx, opsteller = browser_voor("opsteller")
    opsteller.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Documenten").click()
    opsteller.get_by_role("link", name=brief["titel"]).click()
    opsteller.get_by_role("link", name="Afstemming en parafen").click()
    expect(opsteller.get_by_role("heading", name="Afstemming en parafen")).to_be_visible()
    expect(opsteller.get_by_label("DEF")).to_be_checked()  # mede namens: invited by default
    opsteller.get_by_label("Termijn").fill(termijn)
    opsteller.get_by_role("button", name="Ronde openen").click()
    expect(opsteller.get_by_role("status")).to_contain_text("De afstemmingsronde is geopend.")
    matrix = opsteller.locator("table.matrix")
    expect(matrix.get_by_role("row", name="DEF")).to_contain_text("Nog geen oordeel")
    expect(opsteller.get_by_role("button", name="Oordeel geven")).to_have_count(0)  # not an afstemmer

    # --- Defensie without JavaScript: a plain form, typed passage; then withdrawn. -----------------
    def_nojs_ctx, def_nojs = browser_voor("DEF", javascript=False)
    def_nojs.goto(f"{adres}/documenten/{doc}")
    expect(def_nojs.get_by_role("link", name="Bewerken van Defensie")).to_have_count(0)  # no direct edits
    def_nojs.get_by_role("link", name="Tekstvoorstel doen voor Defensie").click()
    def_nojs.get_by_label("Oorspronkelijke passage").fill("Koppelkansen, bijvoorbeeld met natuur,")
    def_nojs.get_by_label("Uw formulering").fill("Koppelkansen, bijvoorbeeld met natuur en erfgoed,")
    def_nojs.get_by_role("button", name="Tekstvoorstel indienen").click()
    expect(def_nojs.get_by_role("status")).to_contain_text("Uw tekstvoorstel is ingediend.")
    expect(def_nojs.locator("article.voorstel")).to_have_count(1)
    expect(def_nojs.get_by_role("button", name="Akkoord")).to_have_count(0)  # own proposal
    expect(def_nojs.get_by_role("button", name="Overnemen")).to_have_count(0)
    def_nojs.get_by_role("button", name="Intrekken").click()
    expect(def_nojs.get_by_role("heading", level=1)).to_contain_text("intrekken: bevestigen")  # a step, no JavaScript
    def_nojs.get_by_role("button", name="Ja, voorstel").click()
    expect(def_nojs.get_by_role("status")).to_contain_text("ingetrokken")
    expect(def_nojs.locator("article.voorstel .status")).to_have_text("Ingetrokken")
    def_nojs_ctx.close()

    # --- Defensie with JavaScript: select in the text, then insert at the caret. ------------------
    def_ctx, def_ = browser_voor("DEF")
    def_.goto(f"{adres}/documenten/{doc}")
    def_.get_by_role("link", name="Tekstvoorstel doen voor Defensie").click()
    bron = def_.locator("#brontekst")
    anker_begin = defensie["tekst"].index(ANKER)
    zet_selectie = """([begin, eind]) => {
        const knoop = document.getElementById('brontekst').firstChild;
        const r = document.createRange(); r.setStart(knoop, begin); r.setEnd(knoop, eind);
        const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
    }"""
    bron.evaluate("(el) => el.scrollIntoView()")
    expect(def_.get_by_role("button", name="Invoegen hier")).to_be_hidden()  # until there is a caret
    def_.evaluate(zet_selectie, [anker_begin, invoegpunt])  # a passage: both fields fill in
    expect(def_.get_by_label("Oorspronkelijke passage")).to_have_value(ANKER)
    expect(def_.get_by_label("Plaats in de tekst (optioneel)")).to_have_value(str(anker_begin))
    def_.evaluate(zet_selectie, [invoegpunt, invoegpunt])  # a caret: offers "Invoegen hier"
    def_.get_by_role("button", name="Invoegen hier").click()
    expect(def_.get_by_label("Oorspronkelijke passage")).to_have_value("")
    expect(def_.get_by_label("Plaats in de tekst (optioneel)")).to_have_value(str(invoegpunt))
    expect(def_.get_by_label("Uw formulering")).to_be_focused()
    _toegankelijk(def_)
    def_.get_by_label("Uw formulering").fill(DEF_FORMULERING)
    def_.get_by_label("Toelichting (optioneel)").fill("Afspraak uit het BO met de provincie Overijssel.")
    def_.get_by_label("Reactietermijn (optioneel)").fill(termijn)
    def_.get_by_role("button", name="Tekstvoorstel indienen").click()
    expect(def_.get_by_role("status")).to_contain_text("Uw tekstvoorstel is ingediend.")
    def_voorstel = int(def_.url.rsplit("/", 1)[1].split("?")[0])
    expect(def_.locator(".passage mark, .passage .invoegpunt")).to_have_count(1)
    expect(def_.locator(f"#voorstel-{def_voorstel} ins")).to_contain_text("munitieopslag")
    expect(def_.get_by_role("button", name="Overnemen")).to_have_count(0)
    expect(def_.get_by_role("heading", name="Besluit nemen")).to_have_count(0)

    # --- IenW finds it under Mijn werk and counters. -------------------------------------------
    ienw_ctx, ienw = browser_voor("IenW")
    werk = ienw.locator("table.werk")
    expect(werk).to_contain_text("Tekstvoorstel van DEF")
    expect(werk).to_contain_text("Oordeel geven")
    _toegankelijk(ienw)
    _schermafdruk(ienw, "ui-mijn-werk")
    werk.get_by_role("row", name="Reageren op tekstvoorstel").get_by_role("link", name="Reageren op tekstvoorstel").click()
    expect(ienw).to_have_url(f"{adres}/tekstvoorstellen/{def_voorstel}")
    expect(ienw.get_by_role("button", name=f"Akkoord met voorstel {def_voorstel}", exact=True)).to_be_visible()
    expect(ienw.get_by_role("button", name="Overnemen")).to_have_count(0)
    expect(ienw.get_by_role("button", name="Intrekken")).to_have_count(0)
    ienw.get_by_text(f"Tegenvoorstel op voorstel {def_voorstel}").click()
    ienw.get_by_label("Uw formulering").fill(IENW_FORMULERING)
    ienw.get_by_label("Toelichting (optioneel)", exact=True).last.fill(
        "IenW committeert zich niet aan een inspanningsverplichting; wel participatie in het onderzoek."
    )
    ienw.get_by_role("button", name="Tegenvoorstel indienen").click()
    expect(ienw.get_by_role("status")).to_contain_text("Uw tegenvoorstel is ingediend.")
    # htmx swapped the page's content in place: same address, one page header.
    expect(ienw).to_have_url(f"{adres}/tekstvoorstellen/{def_voorstel}")
    expect(ienw.locator("header.kop")).to_have_count(1)
    expect(ienw.locator("article.voorstel")).to_have_count(2)
    ienw_ctx.close()

    # --- Defensie sees both wordings side by side. ---------------------------------------------
    def_.goto(f"{adres}/werk")
    expect(def_.locator("table.werk")).to_contain_text("Tegenvoorstel van IenW op uw voorstel")
    def_.locator("table.werk").get_by_role("link", name="Reageren op tekstvoorstel").first.click()
    kolommen = def_.locator(".naast-elkaar article.voorstel")
    expect(kolommen).to_have_count(2)
    expect(kolommen.nth(0)).to_contain_text("Ministerie van Defensie")
    expect(kolommen.nth(1)).to_contain_text("Ministerie van Infrastructuur en Waterstaat")
    expect(kolommen.nth(1).locator(".diff ins").first).to_contain_text("participeert waar nodig")
    ienw_voorstel = int(kolommen.nth(1).get_attribute("id").split("-")[1])
    expect(def_.get_by_role("button", name=f"Akkoord met voorstel {ienw_voorstel}", exact=True)).to_be_visible()
    expect(def_.get_by_role("button", name=f"Akkoord met voorstel {def_voorstel}", exact=True)).to_have_count(0)
    expect(def_.get_by_role("button", name="Overnemen")).to_have_count(0)
    expect(def_.get_by_role("button", name="Escaleren naar de bewindspersoon")).to_have_count(0)
    _toegankelijk(def_)
    def_.locator("#naast-kop").evaluate("(el) => el.scrollIntoView()")
    _schermafdruk(def_, "ui-draad")

    # --- The opsteller cannot adopt while IenW's counter-proposal is unanswered; escalates. ------
    opsteller.goto(f"{adres}/tekstvoorstellen/{def_voorstel}")
    for nummer in (def_voorstel, ienw_voorstel):
        knop = opsteller.get_by_role("button", name=f"Overnemen voorstel {nummer}")
        expect(knop).to_be_disabled()
        expect(opsteller.locator(f"#blok-{nummer}")).to_contain_text("nog niet beantwoord door DEF")
        expect(knop).to_have_attribute("aria-describedby", f"blok-{nummer}")
    expect(opsteller.get_by_role("button", name="Akkoord")).to_have_count(0)
    expect(opsteller.get_by_role("heading", name="Besluit nemen")).to_have_count(0)
    opsteller.get_by_role("button", name="Escaleren naar de bewindspersoon").click()
    expect(opsteller.get_by_role("heading", level=1)).to_contain_text("Escaleren naar de bewindspersoon: bevestigen")
    _toegankelijk(opsteller)
    opsteller.get_by_role("button", name="Ja, escaleren naar de bewindspersoon").click()
    expect(opsteller.get_by_role("status")).to_contain_text("geëscaleerd")
    expect(opsteller.locator("article.voorstel .status")).to_have_text(["Geëscaleerd", "Geëscaleerd"])
    expect(opsteller.get_by_role("heading", name="Besluit nemen")).to_have_count(0)

    # --- The minister sees the escalated dispute and decides an own, third wording. ---------------
    minister_ctx, minister = browser_voor("minister")
    expect(minister.locator("table.werk")).to_contain_text("Geëscaleerd geschil")
    minister.locator("table.werk").get_by_role("link", name="Besluiten over geschil").click()
    expect(minister.get_by_role("heading", name="Besluit nemen")).to_be_visible()
    expect(minister.get_by_role("button", name="Akkoord")).to_have_count(0)
    expect(minister.get_by_role("button", name="Escaleren naar de bewindspersoon")).to_have_count(0)
    _toegankelijk(minister)
    minister.locator("#passage-kop").evaluate("(el) => el.scrollIntoView()")
    _schermafdruk(minister, "ui-besluit")
    minister.get_by_label("Een eigen formulering").check()
    # Typed without the leading space the old hint asked for: the sentence still reads right,
    # and the form shows it in context before anything is written.
    minister.get_by_label("Eigen formulering", exact=True).fill(BESLUIT_FORMULERING.strip())
    minister.get_by_role("button", name="Eigen formulering bekijken in de tekst").click()
    expect(minister.locator("#voorbeeld")).to_contain_text("uit te werken. Het Rijk, de Provincie Overijssel")
    expect(minister.get_by_label("Een eigen formulering")).to_be_checked()
    _toegankelijk(minister)
    minister.get_by_role("button", name="Besluit vastleggen").click()
    expect(minister.get_by_role("heading", level=1)).to_contain_text("Besluit vastleggen: bevestigen")
    expect(minister.locator("#voorbeeld mark")).to_contain_text("Het Rijk, de Provincie Overijssel")
    _toegankelijk(minister)
    minister.get_by_role("button", name="Ja, besluit vastleggen").click()
    expect(minister.get_by_role("status")).to_contain_text("Uw besluit is vastgelegd")
    expect(minister.locator("article.voorstel .status")).to_have_text(["Besloten", "Besloten"])
    expect(minister.locator(".besluit blockquote")).to_have_text(BESLUIT_FORMULERING.strip())
    expect(minister.get_by_role("heading", name="Besluit nemen")).to_have_count(0)

    # The letter now holds the third wording right after the anchor, as sent in June 2025.
    kop = {"Authorization": f"Bearer {m['opsteller']['token']}"}
    sectie = api.get(f"/documenten/{doc}/secties/{defensie['id']}", headers=kop).json()
    assert f"{ANKER}{BESLUIT_FORMULERING} Koppelkansen" in sectie["tekst"]
    opsteller.goto(f"{adres}/documenten/{doc}")
    expect(opsteller.locator(f"#sectie-{defensie['id']}")).to_contain_text(
        "uit te werken. Het Rijk, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke"
    )
    expect(opsteller.get_by_role("link", name="Bewerken van Defensie")).to_be_visible()
    opsteller.get_by_role("link", name="Geschiedenis en verschillen van Defensie").click()
    expect(opsteller.locator("#verschil .diff ins")).to_contain_text("Het Rijk, de Provincie Overijssel")
    _toegankelijk(opsteller)
    opsteller.goto(f"{adres}/documenten/{doc}")
    _toegankelijk(opsteller)
    _schermafdruk(opsteller, "ui-document")

    # --- Afstemming: Defensie gives its oordeel (htmx); the minister sees why she cannot sign. -----
    def_.goto(f"{adres}/documenten/{doc}/afstemming")
    def_.get_by_label("Akkoord", exact=True).check()
    def_.get_by_role("button", name="Oordeel geven").click()
    expect(def_.get_by_role("status")).to_contain_text("Uw oordeel is vastgelegd.")
    expect(def_.locator("table.matrix").get_by_role("row", name="DEF")).to_contain_text("Akkoord")
    def_ctx.close()
    minister.goto(f"{adres}/documenten/{doc}/afstemming")
    vaststellen = minister.get_by_role("button", name="Vaststellen")
    expect(vaststellen).to_be_disabled()
    expect(minister.locator("#vaststellen-reden")).to_contain_text("niet afgerond")
    expect(minister.locator("#vaststellen-reden")).to_contain_text("geldige paraaf ontbreekt van: afdelingshoofd")
    expect(minister.get_by_role("button", name="Oordeel geven")).to_have_count(0)
    expect(minister.get_by_role("button", name="Ronde openen")).to_have_count(0)
    _toegankelijk(minister)
    _schermafdruk(minister, "ui-afstemming")
    opsteller.goto(f"{adres}/documenten/{doc}/afstemming")
    expect(opsteller.get_by_role("button", name="Vaststellen")).to_have_count(0)
    minister_ctx.close()
    opsteller_ctx.close()
    assert scriptfouten == []
