"""The web UI through a TestClient: login and session, CSRF, the same authorisation as the
API (401 -> login, 404, 403), the buttons each role sees, the forms that call the same
service functions, the stale-edit page, downloads and htmx fragments."""

from __future__ import annotations

import re
from datetime import date

from tests.conftest import BESLISNOTA_MD, importeer
from tests.web.conftest import (
    ANKER,
    BESLUIT_FORMULERING,
    DEF_FORMULERING,
    IENW_FORMULERING,
    Browser,
    csrf_van,
    dien_def_voorstel_in,
    tekst,
)

# A termijn lies between one hour and 730 days ahead (docs/api.md): next June, in Dutch summer time.
JUNI_VOLGEND_JAAR = f"{date.today().year + 1}-06-12T09:00"

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _knop(html: str, actie: str, voorstel: int) -> str | None:
    """The <form> for `actie` on proposal `voorstel`, if the page has one."""
    gevonden = re.search(rf'<form[^>]*action="/tekstvoorstellen/{voorstel}/{actie}".*?</form>', html, flags=re.S)
    return gevonden.group(0) if gevonden else None


def _tegenvoorstel(api, seed, def_voorstel) -> dict:
    r = api.als(seed["m"]["IenW"]).post(
        f"/tekstvoorstellen/{def_voorstel['id']}/reacties",
        json={"oordeel": "tegenvoorstel", "voorgesteld": IENW_FORMULERING, "toelichting": "IenW committeert zich niet."},
    )
    assert r.status_code == 201, r.text
    return r.json()


# --- inloggen, sessie, CSRF ---------------------------------------------------------------------


def test_inloggen_cookie_en_uitloggen(app, seed):
    b = Browser(app, seed["m"]["DEF"])
    naar_login = b.client.get("/werk")
    assert naar_login.status_code == 303
    assert naar_login.headers["location"] == "/inloggen?volgende=%2Fwerk&reden=sessie"
    assert b.client.get("/").headers["location"] == "/werk"

    formulier = b.client.get("/inloggen")
    assert 'lang="nl"' in formulier.text and '<label for="token">Persoonlijk token</label>' in formulier.text
    login_cookie = formulier.headers["set-cookie"]
    assert (
        "paraaf_login_csrf=" in login_cookie
        and "HttpOnly" in login_cookie
        and "SameSite=strict" in login_cookie.replace("Strict", "strict")
    )
    antwoord = b.client.post(
        "/inloggen", data={"token": seed["m"]["DEF"].token, "csrf": csrf_van(formulier.text), "volgende": "/documenten"}
    )
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/documenten"
    cookie = next(v for k, v in antwoord.headers.multi_items() if k == "set-cookie" and v.startswith("paraaf_sessie="))
    assert "HttpOnly" in cookie and re.search(r"SameSite=strict", cookie, re.I) and "Path=/" in cookie
    assert seed["m"]["DEF"].token not in cookie  # the cookie names the token row, not the token

    werk = b.get("/werk")
    assert werk.status_code == 200
    assert "Pieter Bakker" in werk.text and "DEF" in werk.text and "Mijn werk" in werk.text
    assert werk.headers["cache-control"] == "no-store"

    uit = b.post("/uitloggen")
    assert uit.status_code == 303 and uit.headers["location"] == "/inloggen?melding=uitgelogd"
    assert 'paraaf_sessie=""' in uit.headers["set-cookie"] or "Max-Age=0" in uit.headers["set-cookie"]
    assert "U bent uitgelogd." in b.client.get(uit.headers["location"]).text
    assert b.client.get("/werk").status_code == 303


def test_verkeerd_token_en_login_zonder_csrf(app, seed):
    b = Browser(app)
    fout = b.inloggen("dit-is-geen-token")
    assert fout.status_code == 401
    assert "onbekend of ingetrokken" in fout.text and 'role="alert"' in fout.text
    assert "paraaf_sessie=" not in fout.headers.get("set-cookie", "")
    assert b.client.get("/werk").status_code == 303
    # A login form from another site (no double-submit cookie/field) is refused.
    vreemd = Browser(app).client.post("/inloggen", data={"token": seed["m"]["DEF"].token, "csrf": "geraden"})
    assert vreemd.status_code == 403 and "Inloggen" not in tekst(vreemd.text).split("Niet toegestaan")[0][-20:]
    assert "inlogformulier is verlopen" in vreemd.text


def test_volgende_alleen_lokaal(app, seed):
    for volgende, doel in [
        ("/documenten", "/documenten"),
        ("https://kwaad.example/", "/werk"),
        ("//kwaad.example/pad", "/werk"),
        ("/\\kwaad.example", "/werk"),
        ("/api/v1/gebruikers/ik", "/werk"),
    ]:
        b = Browser(app, seed["m"]["DEF"])
        assert b.inloggen(volgende=volgende).headers["location"] == doel, volgende


def test_csrf_geweigerd_zonder_of_met_vreemd_token(app, api, seed, browser):
    voorstel = dien_def_voorstel_in(api, seed)
    ienw, ez = browser(seed["m"]["IenW"]), browser(seed["m"]["EZ"])
    pad = f"/tekstvoorstellen/{voorstel['id']}/reacties"
    zonder = ienw.client.post(pad, data={"oordeel": "akkoord"})
    assert zonder.status_code == 403 and "CSRF" in zonder.text and "<h1>Niet toegestaan</h1>" in zonder.text
    ez.get("/werk")
    vreemd = ienw.post(pad, {"oordeel": "akkoord"}, csrf=ez.csrf)
    assert vreemd.status_code == 403
    assert api.als(seed["m"]["opsteller"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["reacties"] == []
    # Also for the routes of the other web modules, and for logging out.
    assert ienw.post(f"/afstemmingsrondes/{seed['ronde']['id']}/oordelen", {"oordeel": "akkoord"}, csrf="x").status_code == 403
    assert ienw.post("/uitloggen", csrf="").status_code == 403
    # The right token, as a form field or as htmx's header, passes.
    ienw.get("/werk")
    assert ienw.post(pad, {"oordeel": "akkoord"}).status_code == 303
    header = ienw.client.post(pad, data={"oordeel": "niet_akkoord"}, headers={"X-CSRF-Token": ienw.csrf})
    assert header.status_code == 303
    reacties = api.als(seed["m"]["opsteller"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["reacties"]
    assert [(r["oordeel"], r["actueel"]) for r in reacties] == [("akkoord", False), ("niet_akkoord", True)]


def test_ingetrokken_token_beeindigt_sessie_meteen(app, api, seed, browser):
    b = browser(seed["m"]["DEF"])
    assert b.get("/werk").status_code == 200
    assert api.beheerder.delete(f"/gebruikers/{seed['m']['DEF'].id}/token").status_code in (200, 204)
    weg = b.client.get(f"/documenten/{seed['brief']['id']}")
    assert weg.status_code == 303 and weg.headers["location"].startswith("/inloggen?volgende=%2Fdocumenten%2F")
    # A write with the old session goes nowhere either (and lands on the login page).
    assert b.post(f"/afstemmingsrondes/{seed['ronde']['id']}/oordelen", {"oordeel": "akkoord"}).status_code == 303


def test_htmx_401_krijgt_hx_redirect(app):
    antwoord = Browser(app).client.get("/werk", headers={"HX-Request": "true"})
    assert antwoord.status_code == 401 and antwoord.headers["hx-redirect"].startswith("/inloggen?volgende=")


# --- dezelfde autorisatie als de API -----------------------------------------------------------------


def test_paginas_403_en_404_precies_als_de_api(app, api, seed, browser):
    voorstel = dien_def_voorstel_in(api, seed)
    doc, sid, rid = seed["brief"]["id"], seed["defensie"]["id"], seed["ronde"]["id"]
    buiten = browser(seed["m"]["SZW"])  # SZW is not involved in this letter
    paren = [
        (f"/documenten/{doc}", f"/documenten/{doc}"),
        (f"/documenten/{doc}/afstemming", f"/documenten/{doc}/afstemmingsrondes"),
        (f"/documenten/{doc}/secties/{sid}", f"/documenten/{doc}/secties/{sid}/versies"),
        (f"/documenten/{doc}/secties/{sid}/voorstel", f"/documenten/{doc}/secties/{sid}"),
        (f"/tekstvoorstellen/{voorstel['id']}", f"/tekstvoorstellen/{voorstel['id']}"),
        (f"/documenten/{doc}/download/word", f"/documenten/{doc}/docx"),
        (f"/documenten/{doc}/download/word?variant=woo", f"/documenten/{doc}/docx?variant=woo"),
        (f"/documenten/{doc}/download/wijzigingen?van=1", f"/documenten/{doc}/wijzigingen.docx?van=1"),
    ]
    for pagina, api_pad in paren:
        web = buiten.get(pagina)
        assert web.status_code == api.als(seed["m"]["SZW"]).get(api_pad).status_code == 403, pagina
        assert "niet betrokken" in web.text and web.headers["content-type"].startswith("text/html")
    assert "Uitkomsten" not in buiten.get("/documenten").text
    assert buiten.get("/werk").status_code == 200
    # Writes: the API's dependencies answer first, with the same codes.
    assert buiten.post(f"/tekstvoorstellen/{voorstel['id']}/reacties", {"oordeel": "akkoord"}).status_code == 403
    assert buiten.post(f"/afstemmingsrondes/{rid}/oordelen", {"oordeel": "akkoord"}).status_code == 403
    assert buiten.post(f"/documenten/{doc}/vaststellen").status_code == 403
    # Unknown or malformed ids: 404, as in the API.
    ienw = browser(seed["m"]["IenW"])
    for pagina, api_pad in [
        ("/documenten/9999", "/documenten/9999"),
        ("/documenten/abc", "/documenten/abc"),
        (f"/documenten/{doc}/secties/9999", f"/documenten/{doc}/secties/9999"),
        ("/tekstvoorstellen/9999", "/tekstvoorstellen/9999"),
    ]:
        assert ienw.get(pagina).status_code == api.als(seed["m"]["IenW"]).get(api_pad).status_code == 404, pagina
    assert ienw.post("/tekstvoorstellen/9999/reacties", {"oordeel": "akkoord"}).status_code == 404
    niets = ienw.get("/bestaat-niet")
    assert niets.status_code == 404 and "Niet gevonden" in niets.text and '<html lang="nl">' in niets.text
    # Roles: an afstemmer may not edit, and the edit page says so like the API's PUT would.
    assert ienw.get(f"/documenten/{doc}/secties/{sid}/bewerken").status_code == 403
    minister = browser(seed["m"]["minister"])
    assert minister.get(f"/documenten/{doc}/secties/{sid}/voorstel").status_code == 403


def test_paginas_voor_de_juiste_gebruikers(app, api, seed, browser):
    voorstel = dien_def_voorstel_in(api, seed)
    doc, sid = seed["brief"]["id"], seed["defensie"]["id"]
    for wie in ("opsteller", "DEF", "IenW", "minister", "afdelingshoofd"):
        b = browser(seed["m"][wie])
        for pad in (
            "/werk",
            "/documenten",
            f"/documenten/{doc}",
            f"/documenten/{doc}/afstemming",
            f"/documenten/{doc}/secties/{sid}",
            f"/tekstvoorstellen/{voorstel['id']}",
        ):
            antwoord = b.get(pad)
            assert antwoord.status_code == 200, (wie, pad, antwoord.text[:500])
            assert antwoord.text.count("<h1") == 1 and 'lang="nl"' in antwoord.text
    opsteller = browser(seed["m"]["opsteller"])
    pagina = opsteller.get(f"/documenten/{doc}").text
    assert f'href="/documenten/{doc}/secties/{sid}/bewerken"' in pagina
    assert "Open tekstvoorstellen" in pagina and f'href="/tekstvoorstellen/{voorstel["id"]}"' in pagina
    defensie = browser(seed["m"]["DEF"]).get(f"/documenten/{doc}").text
    assert f'href="/documenten/{doc}/secties/{sid}/bewerken"' not in defensie
    assert f'href="/documenten/{doc}/secties/{sid}/voorstel"' in defensie
    assert '/voorstel"' not in browser(seed["m"]["minister"]).get(f"/documenten/{doc}").text


def test_mijn_werk_met_termijnen_verlopen_eerst(app, api, seed, browser, klok):
    from datetime import UTC, datetime, timedelta

    termijn = datetime.now(UTC) + timedelta(hours=5)
    dien_def_voorstel_in(api, seed, reactietermijn=termijn.isoformat())
    ienw = browser(seed["m"]["IenW"])
    werk = tekst(ienw.get("/werk").text)
    assert "Reageren op tekstvoorstel" in werk and "Tekstvoorstel van DEF" in werk and "Oordeel geven" in werk
    assert re.search(r"\d{1,2} [a-z]+ 20\d\d, \d\d\.\d\d uur", werk)
    assert "Verlopen</span>" not in ienw.get("/werk").text
    klok.verzet(days=4)  # both termijnen passed
    werk = ienw.get("/werk").text
    assert werk.count("Verlopen</span>") == 2 and 'class="verlopen"' in werk
    rijen = re.findall(r"<th scope=\"row\"><a href=\"([^\"]+)\">", werk)
    assert rijen[0].startswith("/tekstvoorstellen/")  # the proposal's termijn passed first


# --- tekstvoorstellen ------------------------------------------------------------------------------------


def test_voorstel_via_formulier_zonder_javascript(app, api, seed, browser):
    doc, sid = seed["brief"]["id"], seed["defensie"]["id"]
    b = browser(seed["m"]["DEF"])
    formulier = b.get(f"/documenten/{doc}/secties/{sid}/voorstel").text
    assert "data-bron-tekst" in formulier and '<label for="oorspronkelijk">' in formulier
    # The raw text is shown exactly, so positions map 1:1 for the selection script.
    assert f">{seed['defensie']['tekst']}</div>" in formulier.replace("&#39;", "'").replace("&quot;", '"')
    pad = f"/documenten/{doc}/secties/{sid}/tekstvoorstellen"
    fout = b.post(pad, {"basisversie": "1", "oorspronkelijk": "Deze zin staat er niet in.", "voorgesteld": "Iets anders."})
    assert fout.status_code == 422 and "De passage is niet gevonden" in fout.text
    assert "Deze zin staat er niet in." in fout.text and "Iets anders." in fout.text  # kept for correction
    dubbel = b.post(pad, {"basisversie": "1", "invoegen_na": "Defensie", "voorgesteld": " X."})
    assert dubbel.status_code == 422 and "meer dan eens" in dubbel.text
    goed = b.post(
        pad, {"basisversie": "1", "invoegen_na": ANKER, "voorgesteld": DEF_FORMULERING, "reactietermijn": JUNI_VOLGEND_JAAR}
    )
    assert goed.status_code == 303
    pagina = b.volg(goed)
    assert "Uw tekstvoorstel is ingediend." in pagina.text
    voorstel_id = int(goed.headers["location"].split("/")[2].split("?")[0])
    opgeslagen = api.als(seed["m"]["DEF"]).get(f"/tekstvoorstellen/{voorstel_id}").json()
    assert opgeslagen["positie"] == seed["defensie"]["tekst"].index(ANKER) + len(ANKER)
    assert opgeslagen["oorspronkelijk"] == "" and opgeslagen["voorgesteld"] == DEF_FORMULERING
    assert opgeslagen["reactietermijn"] == JUNI_VOLGEND_JAAR + ":00+02:00"
    # A replacement, typed as the exact passage with a position (as the script fills it in).
    start = seed["defensie"]["tekst"].index("Koppelkansen")
    r = b.post(pad, {"basisversie": "1", "oorspronkelijk": "Koppelkansen", "positie": str(start), "voorgesteld": "Kansen"})
    assert r.status_code == 303


def test_knoppen_per_rol_in_de_draad(app, api, seed, browser):
    eerste = dien_def_voorstel_in(api, seed)
    tegen = _tegenvoorstel(api, seed, eerste)
    pad = f"/tekstvoorstellen/{eerste['id']}"
    html = {wie: browser(seed["m"][wie]).get(pad).text for wie in ("opsteller", "DEF", "IenW", "EZ", "minister")}

    # Side by side, with the word diff against the current text.
    assert html["DEF"].count('<article class="kolom voorstel') == 2
    assert "<ins>" in html["DEF"] and "participeert waar nodig" in html["DEF"]
    assert f"Verschil met voorstel {eerste['id']}</summary>" in html["minister"]
    assert "<del>het Ministerie van Infrastructuur en Waterstaat, " in html["minister"]

    # Afstemmers react to other departments' proposals only; nobody but the opsteller adopts.
    assert _knop(html["DEF"], "reacties", tegen["id"]) and not _knop(html["DEF"], "reacties", eerste["id"])
    assert _knop(html["IenW"], "reacties", eerste["id"]) and not _knop(html["IenW"], "reacties", tegen["id"])
    assert _knop(html["EZ"], "reacties", eerste["id"]) and _knop(html["EZ"], "reacties", tegen["id"])
    assert _knop(html["DEF"], "intrekken", eerste["id"]) and not _knop(html["DEF"], "intrekken", tegen["id"])
    for wie in ("DEF", "IenW", "EZ", "minister"):
        assert "/overnemen" not in html[wie] and "/escaleren" not in html[wie] and "/afwijzen" not in html[wie], wie
        assert "/besluit" not in html[wie], wie
    # The opsteller sees Overnemen disabled with the reason (an open objection), and Escaleren.
    for nummer in (eerste["id"], tegen["id"]):
        knop = _knop(html["opsteller"], "overnemen", nummer)
        assert knop and "disabled" in knop and f'aria-describedby="blok-{nummer}"' in knop
        assert "nog niet beantwoord door DEF" in knop
    assert _knop(html["opsteller"], "escaleren", eerste["id"]) and "/reacties" not in html["opsteller"]
    assert "Besluit nemen" not in html["opsteller"] and "Besluit nemen" not in html["minister"]

    # Once DEF answers akkoord on the counter-proposal, nothing objects: Overnemen is enabled.
    api.als(seed["m"]["DEF"]).post(f"/tekstvoorstellen/{tegen['id']}/reacties", json={"oordeel": "akkoord"})
    knop = _knop(browser(seed["m"]["opsteller"]).get(pad).text, "overnemen", tegen["id"])
    assert knop and "disabled" not in knop


def test_reageren_escaleren_en_besluiten_via_de_paginas(app, api, seed, browser):
    eerste = dien_def_voorstel_in(api, seed)
    ienw, opsteller, minister = browser(seed["m"]["IenW"]), browser(seed["m"]["opsteller"]), browser(seed["m"]["minister"])
    ienw.get(f"/tekstvoorstellen/{eerste['id']}")
    r = ienw.post(
        f"/tekstvoorstellen/{eerste['id']}/reacties",
        {"oordeel": "tegenvoorstel", "voorgesteld": IENW_FORMULERING, "toelichting": "Niet zo."},
    )
    tegen_id = int(r.headers["location"].split("/")[2].split("?")[0])
    assert tegen_id != eerste["id"] and "Uw tegenvoorstel is ingediend." in ienw.volg(r).text
    # An "akkoord" button in the same form as a filled-in wording sends no wording.
    opsteller.get(f"/tekstvoorstellen/{eerste['id']}")
    assert opsteller.post(f"/tekstvoorstellen/{eerste['id']}/overnemen").status_code == 409  # objection open
    r = opsteller.post(f"/tekstvoorstellen/{eerste['id']}/escaleren", {"bevestigd": "1"})
    assert "De draad is geëscaleerd" in opsteller.volg(r).text

    werk = minister.get("/werk").text
    assert "Besluiten over geschil" in werk and "Geëscaleerd geschil" in werk
    pagina = minister.get(f"/tekstvoorstellen/{tegen_id}").text
    assert "Besluit nemen" in pagina and 'value="voorstel-' in pagina and 'value="eigen"' in pagina
    leeg = minister.post(f"/tekstvoorstellen/{tegen_id}/besluit", {"keuze": "eigen", "tekst": ""})
    assert leeg.status_code == 422 and "eigen formulering" in leeg.text
    r = minister.post(f"/tekstvoorstellen/{tegen_id}/besluit", {"keuze": "eigen", "tekst": BESLUIT_FORMULERING, "bevestigd": "1"})
    na = minister.volg(r).text
    assert "Uw besluit is vastgelegd" in na and "Besluit van de bewindspersoon" in na and "Besluit nemen" not in na
    sectie = api.als(seed["m"]["opsteller"]).get(f"/documenten/{seed['brief']['id']}/secties/{seed['defensie']['id']}").json()
    assert f"{ANKER}{BESLUIT_FORMULERING} Koppelkansen" in sectie["tekst"]
    geschiedenis = tekst(na)
    assert "diende voorstel" in geschiedenis and "Tegenvoorstel" in geschiedenis
    assert "escaleerde de draad" in geschiedenis and "besloot: eigen formulering" in geschiedenis


def test_htmx_krijgt_een_fragment_en_fouten_in_het_meldingengebied(app, api, seed, browser):
    eerste = dien_def_voorstel_in(api, seed)
    ienw = browser(seed["m"]["IenW"])
    hx = {"HX-Request": "true", "HX-Target": "inhoud", "HX-Current-URL": "http://testserver/x"}
    fragment = ienw.client.get(f"/tekstvoorstellen/{eerste['id']}?melding=akkoord", headers=hx)
    assert fragment.status_code == 200 and "<html" not in fragment.text and "<h1>" in fragment.text
    assert 'id="meldingen" hx-swap-oob="innerHTML"' in fragment.text and "‘akkoord’ is vastgelegd" in fragment.text
    volledig = ienw.get(f"/tekstvoorstellen/{eerste['id']}")
    assert "<html" in volledig.text and 'hx-headers=\'{"X-CSRF-Token": ' in volledig.text
    # An error for htmx lands in the message area, with the right status.
    fout = ienw.client.post(f"/tekstvoorstellen/{eerste['id']}/overnemen", headers={**hx, "X-CSRF-Token": ienw.csrf})
    assert fout.status_code == 403
    assert fout.headers["hx-retarget"] == "#meldingen" and fout.headers["hx-reswap"] == "innerHTML"
    assert 'role="alert"' in fout.text and "<html" not in fout.text
    # The diff selector of a section swaps only its own block.
    doc, sid = seed["brief"]["id"], seed["defensie"]["id"]
    diffblok = ienw.client.get(f"/documenten/{doc}/secties/{sid}?van=1&tot=1", headers={**hx, "HX-Target": "verschil"})
    assert diffblok.status_code == 200 and "<h1" not in diffblok.text and "Van versie 1 naar versie 1" in diffblok.text


# --- secties: geschiedenis, bewerken, 409 ------------------------------------------------------------------


def test_bewerken_samenvoegen_en_409_met_beide_teksten(app, api, seed, browser):
    doc, sectie = seed["brief"]["id"], seed["defensie"]
    a, b = browser(seed["m"]["opsteller"]), browser(api.gebruiker("VRO", "opsteller", naam="Tweede Opsteller"))
    pad = f"/documenten/{doc}/secties/{sectie['id']}/bewerken"
    formulier = a.get(pad).text
    assert 'name="basisversie" value="1"' in formulier and '<label for="tekst">Tekst</label>' in formulier
    b.get(pad)
    oud = sectie["tekst"]
    # A changes the first sentence...
    r = a.post(pad, {"tekst": oud.replace("Op 23 mei 2025", "Op 24 mei 2025"), "kop": "Defensie", "basisversie": "1"})
    assert "De sectie is opgeslagen." in a.volg(r).text
    # ...B, still on version 1, changes another part: merged.
    r = b.post(
        pad,
        {
            "tekst": oud.replace("Koppelkansen, bijvoorbeeld", "Koppelkansen, zoals"),
            "kop": "Defensie",
            "basisversie": "1",
            "reden": "stijl",
        },
    )
    samengevoegd = b.volg(r).text
    assert "samengevoegd met wijzigingen van anderen" in samengevoegd
    huidig = api.als(seed["m"]["opsteller"]).get(f"/documenten/{doc}/secties/{sectie['id']}").json()
    assert huidig["versie"] == 3 and "Op 24 mei" in huidig["tekst"] and "Koppelkansen, zoals" in huidig["tekst"]
    # ...B again on version 1, now over A's sentence: 409, nothing written, both texts shown.
    mijn = oud.replace("Op 23 mei 2025", "Op 22 mei 2025")
    conflict = b.post(pad, {"tekst": mijn, "kop": "Defensie", "basisversie": "1"})
    assert conflict.status_code == 409
    pagina = conflict.text
    assert "Uw wijziging is niet opgeslagen" in pagina and 'role="alert"' in pagina
    assert "Op 22 mei 2025" in pagina and "Op 24 mei 2025" in pagina  # mine and the current text
    assert "<del>" in pagina and "<ins>" in pagina
    assert 'name="basisversie" value="3"' in pagina  # start again from the current version
    assert api.als(seed["m"]["opsteller"]).get(f"/documenten/{doc}/secties/{sectie['id']}").json()["versie"] == 3
    # Same text again: nothing written.
    r = a.post(pad, {"tekst": huidig["tekst"], "kop": "Defensie", "basisversie": "3"})
    assert "Niets opgeslagen" in a.volg(r).text
    # History and diff of the section.
    geschiedenis = a.get(f"/documenten/{doc}/secties/{sectie['id']}?van=1&tot=3").text
    assert "Van versie 1 naar versie 3" in geschiedenis and "<del>23</del><ins>24</ins>" in geschiedenis
    assert "Tweede Opsteller" in geschiedenis and "stijl" in geschiedenis


# --- afstemming, parafen, vaststellen ---------------------------------------------------------------------


def test_afstemming_oordeel_paraaf_en_vaststellen(app, api, seed, browser):
    doc = seed["brief"]["id"]
    pad = f"/documenten/{doc}/afstemming"
    defensie, opsteller = browser(seed["m"]["DEF"]), browser(seed["m"]["opsteller"])
    hoofd, directeur, minister = (browser(seed["m"][w]) for w in ("afdelingshoofd", "directeur", "minister"))

    pagina = defensie.get(pad).text
    assert "<caption>" in pagina and '<th scope="col">Nog geldig</th>' in pagina
    assert 'action="/afstemmingsrondes/' in pagina and "Ronde openen" not in pagina
    r = defensie.post(
        f"/afstemmingsrondes/{seed['ronde']['id']}/oordelen", {"oordeel": "akkoord_met_opmerkingen", "opmerkingen": "Prima."}
    )
    matrix = tekst(defensie.volg(r).text)
    assert "Uw oordeel is vastgelegd." in matrix and "DEF Akkoord met opmerkingen" in matrix and "Prima." in matrix

    assert "Oordeel geven" not in opsteller.get(pad).text and "Ronde openen" in opsteller.get(pad).text
    assert "Oordeel geven" not in browser(seed["m"]["SZW"]).get(f"/documenten/{doc}").text

    # Parafenlijn: the afdelingshoofd may initial; the directeur waits, with the reason.
    knop = re.search(r'<form[^>]*action="/documenten/\d+/parafen".*?</form>', directeur.get(pad).text, re.S).group(0)
    assert "disabled" in knop and "eerst parafeert niveau afdelingshoofd" in knop
    hoofd.get(pad)
    r = hoofd.post(f"/documenten/{doc}/parafen", {"bevestigd": "1"})
    assert "Uw paraaf is vastgelegd." in hoofd.volg(r).text
    assert [p["niveau"] for p in api.als(seed["m"]["opsteller"]).get(f"/documenten/{doc}/parafen").json()] == ["afdelingshoofd"]
    knop = re.search(r'<form[^>]*action="/documenten/\d+/parafen".*?</form>', directeur.get(pad).text, re.S).group(0)
    assert "disabled" not in knop

    # Vaststellen: only the bewindspersoon sees the button, disabled with the reasons.
    pagina = minister.get(pad).text
    knop = re.search(r'<form[^>]*action="/documenten/\d+/vaststellen".*?</form>', pagina, re.S).group(0)
    assert "disabled" in knop and 'aria-describedby="vaststellen-reden"' in knop
    assert "niet afgerond" in pagina and "geldige paraaf ontbreekt van: directeur, dg, sg" in pagina
    assert "status &#39;open&#39;" not in pagina and "status 'open'" not in pagina  # no internal identifiers
    assert "/vaststellen" not in opsteller.get(pad).text and "/vaststellen" not in defensie.get(pad).text
    assert minister.post(f"/documenten/{doc}/vaststellen").status_code == 409  # the service's guard


def test_ronde_openen_via_formulier(app, api, opsteller, browser):
    brief = importeer(api, opsteller)
    b = browser(opsteller)
    pagina = b.get(f"/documenten/{brief['id']}/afstemming").text
    assert "Er is nog geen afstemmingsronde geopend." in pagina and 'id="dep-DEF"' in pagina and "checked" in pagina
    leeg = b.post(f"/documenten/{brief['id']}/afstemmingsrondes", {"termijn": JUNI_VOLGEND_JAAR})
    assert leeg.status_code == 422 and "departementen" in leeg.text
    r = b.client.post(
        f"/documenten/{brief['id']}/afstemmingsrondes",
        data={"csrf": b.csrf, "departementen": ["DEF", "IenW"], "termijn": JUNI_VOLGEND_JAAR, "stilzwijgend_akkoord": "ja"},
    )
    assert "De afstemmingsronde is geopend." in b.volg(r).text
    ronde = api.als(opsteller).get(f"/documenten/{brief['id']}/afstemmingsrondes").json()[0]
    assert [d["code"] for d in ronde["departementen"]] == ["DEF", "IenW"] and ronde["stilzwijgend_akkoord"]
    assert ronde["termijn"] == JUNI_VOLGEND_JAAR + ":00+02:00"


# --- downloads ------------------------------------------------------------------------------------------------


def test_downloads_zijn_word_bestanden(app, api, seed, browser):
    doc = seed["brief"]["id"]
    nota = importeer(api, seed["m"]["opsteller"], BESLISNOTA_MD, gekoppeld_aan=str(doc))
    api.als(seed["m"]["opsteller"]).put(
        f"/documenten/{doc}/secties/{seed['defensie']['id']}",
        json={"tekst": seed["defensie"]["tekst"] + " Extra zin.", "basisversie": 1},
    )
    b = browser(seed["m"]["IenW"])
    pagina = b.get(f"/documenten/{doc}").text
    # The beslisnota is the penvoerder's own: for IenW it does not exist, the opsteller sees it.
    assert f"/documenten/{nota['id']}/" not in pagina
    assert b.get(f"/documenten/{nota['id']}/download/word").status_code == 404
    vro = browser(seed["m"]["opsteller"])
    assert f'href="/documenten/{nota["id"]}/download/word"' in vro.get(f"/documenten/{doc}").text
    assert f'action="/documenten/{doc}/download/wijzigingen"' in pagina
    for pad, naam in [
        (f"/documenten/{doc}/download/word", f"kamerbrief-{doc}-r2.docx"),
        (f"/documenten/{doc}/download/word?variant=woo", f"kamerbrief-{doc}-r2-woo.docx"),
        (f"/documenten/{doc}/download/wijzigingen?van=1&tot=2", f"kamerbrief-{doc}-r2-wijzigingen-r1.docx"),
        (f"/documenten/{nota['id']}/download/word", f"beslisnota-{nota['id']}-r1.docx"),
    ]:
        antwoord = (vro if "beslisnota" in naam else b).get(pad)
        assert antwoord.status_code == 200, (pad, antwoord.text[:300])
        assert antwoord.headers["content-type"] == DOCX
        assert antwoord.headers["content-disposition"] == f'attachment; filename="{naam}"'
        assert antwoord.content[:2] == b"PK"
    assert b.get(f"/documenten/{doc}/download/word?variant=pdf").status_code == 422
    assert b.get(f"/documenten/{doc}/download/wijzigingen?van=7").status_code == 422  # as the API


def test_statische_bestanden(app):
    c = Browser(app).client
    assert c.get("/static/htmx-2.0.11.min.js").status_code == 200
    css = c.get("/static/paraaf.css")
    assert css.status_code == 200 and "#154273" in css.text
    assert c.get("/static/paraaf.js").status_code == 200


def test_vaststellen_en_verzenden_als_alles_rond_is(app, api, seed, browser):
    doc = seed["brief"]["id"]
    for dep in ("IenW", "DEF", "EZ"):
        r = api.als(seed["m"][dep]).post(f"/afstemmingsrondes/{seed['ronde']['id']}/oordelen", json={"oordeel": "akkoord"})
        assert r.status_code == 201, r.text
    # The letter goes mede namens seven ministers; four were not asked this time: the minister
    # goes ahead without their akkoord (test_stukken_web plays that through the form).
    for dep in ("KGG", "LVVN", "OCW", "BZK"):
        r = api.als(seed["m"]["minister"]).post(
            f"/documenten/{doc}/afwijkingen", json={"departement": dep, "reden": "Eerder akkoord."}
        )
        assert r.status_code == 201, r.text
    for niveau in ("afdelingshoofd", "directeur", "dg", "sg"):
        wie = seed["m"].get(niveau) or api.gebruiker("VRO", "parafeerder", paraafniveau=niveau)
        b = browser(wie)
        b.get(f"/documenten/{doc}/afstemming")
        b.volg(b.post(f"/documenten/{doc}/parafen", {"bevestigd": "1"}))
        parafen = api.als(seed["m"]["opsteller"]).get(f"/documenten/{doc}/parafen").json()
        assert [p["niveau"] for p in parafen if p["geldig"]][-1] == niveau
    minister, opsteller = browser(seed["m"]["minister"]), browser(seed["m"]["opsteller"])
    pagina = minister.get(f"/documenten/{doc}/afstemming").text
    knop = re.search(r'<form[^>]*action="/documenten/\d+/vaststellen".*?</form>', pagina, re.S).group(0)
    assert "disabled" not in knop and "Het document kan worden vastgesteld." in pagina
    assert "Klaar om vast te stellen" in minister.get("/werk").text
    r = minister.post(f"/documenten/{doc}/vaststellen", {"bevestigd": "1"})
    vastgesteld = minister.volg(r).text
    assert "Het document is vastgesteld." in vastgesteld and "/vaststellen" not in vastgesteld
    assert api.als(seed["m"]["opsteller"]).get(f"/documenten/{doc}").json()["status"] == "vastgesteld"
    # Frozen: no edit or proposal links any more, and the edit page says why (409).
    documentpagina = opsteller.get(f"/documenten/{doc}").text
    assert "/bewerken" not in documentpagina and '/voorstel"' not in documentpagina
    assert opsteller.get(f"/documenten/{doc}/secties/{seed['defensie']['id']}/bewerken").status_code == 409
    # Vastgesteld: the Woo package is offered to the penvoerder's opsteller, not to a department
    # that reads along; the sealed PDF does not exist yet.
    assert f'href="/documenten/{doc}/download/woo-pakket"' in documentpagina
    assert "download/pdf?getekend=true" not in documentpagina
    assert "/download/woo-pakket" not in browser(seed["m"]["DEF"]).get(f"/documenten/{doc}").text
    r = opsteller.post(f"/documenten/{doc}/verzenden")
    assert "Het document is verzonden." in opsteller.volg(r).text
    # Sent: the sealed PDF/A is on the document page, and the link serves it.
    documentpagina = opsteller.get(f"/documenten/{doc}").text
    assert f'href="/documenten/{doc}/download/pdf?getekend=true"' in documentpagina
    getekend = opsteller.get(f"/documenten/{doc}/download/pdf?getekend=true")
    assert getekend.status_code == 200 and getekend.headers["content-type"] == "application/pdf"
    assert (
        getekend.content.startswith(b"%PDF-")
        and b"/ByteRange" in getekend.content
        and b"/ETSI.CAdES.detached" in getekend.content
    )
    assert f'href="/documenten/{doc}/download/pdf"' in documentpagina


def test_veiligheidskopregels_op_paginas(app, seed, browser):
    b = browser(seed["m"]["DEF"])
    for antwoord in (b.get("/werk"), b.get("/documenten/9999"), b.client.get("/inloggen")):
        assert "frame-ancestors 'none'" in antwoord.headers["content-security-policy"]
        assert antwoord.headers["x-frame-options"] == "DENY" and antwoord.headers["x-content-type-options"] == "nosniff"
