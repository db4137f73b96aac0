"""Starting and running everything from the browser (issue 14, item 1): a document made empty
or read from a file, a beslisnota added to a letter, and the beheerder's page (users, roles,
paraafniveau, tokens shown once, revoked). Plain forms with CSRF, no JavaScript needed."""

from __future__ import annotations

import re

from tests.conftest import BEHEER_TOKEN, KAMERBRIEF_MD
from tests.web.conftest import Browser, tekst


def test_document_aanmaken_inlezen_en_beslisnota_toevoegen(app, api, opsteller, browser):
    b = browser(opsteller)
    lijst = b.get("/documenten").text
    assert 'href="/documenten/nieuw"' in lijst
    b.get("/documenten/nieuw")
    r = b.client.post(
        "/documenten/importeren",
        data={"csrf": b.csrf},
        files={"bestand": (KAMERBRIEF_MD.name, KAMERBRIEF_MD.read_bytes(), "text/markdown")},
    )
    assert r.status_code == 303, r.text
    brief_id = int(r.headers["location"].split("/")[2].split("?")[0])
    pagina = b.volg(r).text
    assert "Het bestand is ingelezen als nieuw document." in pagina and "Defensie" in pagina
    brief = api.als(opsteller).get(f"/documenten/{brief_id}").json()
    assert brief["soort"] == "kamerbrief" and brief["penvoerder"] == opsteller.departement and len(brief["secties"]) > 3
    # From the letter's page: add its beslisnota.
    assert f'href="/documenten/nieuw?gekoppeld_aan={brief_id}"' in pagina
    formulier = b.get(f"/documenten/nieuw?gekoppeld_aan={brief_id}").text
    assert f'<option value="{brief_id}" selected>' in formulier
    r = b.post(
        "/documenten/nieuw",
        {"soort": "beslisnota", "titel": "Beslisnota BO's", "gekoppeld_aan": str(brief_id), "parafenlijn": ""},
    )
    assert r.status_code == 303, r.text
    nota_id = int(r.headers["location"].split("/")[2].split("?")[0])
    nota = api.als(opsteller).get(f"/documenten/{nota_id}").json()
    assert nota["soort"] == "beslisnota" and nota["gekoppeld_aan"] == brief_id
    # Bad input: the API's 422, nothing made.
    aantal = len(api.als(opsteller).get("/documenten").json())
    assert b.post("/documenten/nieuw", {"soort": "kamerbrief", "titel": ""}).status_code == 422
    assert b.client.post("/documenten/importeren", data={"csrf": b.csrf}).status_code == 422
    assert len(api.als(opsteller).get("/documenten").json()) == aantal
    # Without the CSRF token: refused.
    assert b.post("/documenten/nieuw", {"soort": "kamerbrief", "titel": "X"}, csrf="").status_code == 403


def test_alleen_een_opsteller_maakt_documenten(app, api, browser):
    afstemmer = api.gebruiker("DEF", "afstemmer")
    b = browser(afstemmer)
    assert 'href="/documenten/nieuw"' not in b.get("/documenten").text
    assert b.get("/documenten/nieuw").status_code == 403
    assert b.post("/documenten/nieuw", {"soort": "kamerbrief", "titel": "X"}).status_code == 403


def test_beheerder_beheert_gebruikers_en_tokens(app, api):
    beheerder = Browser(app)
    assert beheerder.inloggen(BEHEER_TOKEN).status_code == 303
    werk = beheerder.get("/werk").text
    assert 'href="/beheer"' in werk
    pagina = beheerder.get("/beheer")
    assert pagina.status_code == 200 and "Gebruiker toevoegen" in pagina.text
    r = beheerder.post(
        "/beheer/gebruikers",
        {"naam": "Anna de Vries", "email": "anna@minvro.nl", "departement": "VRO", "rollen": ["parafeerder"], "paraafniveau": ""},
    )
    assert r.status_code == 422 and "paraafniveau" in tekst(r.text)  # the API's rule
    r = beheerder.post(
        "/beheer/gebruikers",
        {"naam": "Anna de Vries", "email": "anna@minvro.nl", "departement": "VRO", "rollen": ["opsteller"], "paraafniveau": ""},
    )
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    token = re.search(r'id="token-waarde" type="text" readonly value="([^"]+)"', r.text).group(1)
    assert "maar één keer getoond" in tekst(r.text)
    assert token not in beheerder.get("/beheer").text  # shown once
    anna = Browser(app)
    assert anna.inloggen(token).status_code == 303
    assert "Anna de Vries" in anna.get("/werk").text
    assert anna.get("/beheer").status_code == 403  # not a beheerder
    anna_id = next(g["id"] for g in api.beheerder.get("/gebruikers").json() if g["email"] == "anna@minvro.nl")
    # Roles and paraafniveau.
    r = beheerder.post(
        f"/beheer/gebruikers/{anna_id}/rollen", {"rollen": ["opsteller", "parafeerder"], "paraafniveau": "directeur"}
    )
    assert r.status_code == 303 and "De rollen en het paraafniveau zijn opgeslagen." in beheerder.volg(r).text
    ik = api.als(token).get("/gebruikers/ik").json()
    assert ik["rollen"] == ["opsteller", "parafeerder"] and ik["paraafniveau"] == "directeur"
    assert beheerder.post(f"/beheer/gebruikers/{anna_id}/rollen", {"rollen": []}).status_code == 422
    # A new token: the old one stops working; revoking: the session is gone too.
    r = beheerder.post(f"/beheer/gebruikers/{anna_id}/token")
    nieuw = re.search(r'id="token-waarde" type="text" readonly value="([^"]+)"', r.text).group(1)
    assert nieuw != token and api.als(token).get("/gebruikers/ik").status_code == 401
    assert api.als(nieuw).get("/gebruikers/ik").status_code == 200
    r = beheerder.post(f"/beheer/gebruikers/{anna_id}/token/intrekken")
    assert r.status_code == 303 and "Het token is ingetrokken" in beheerder.volg(r).text
    assert api.als(nieuw).get("/gebruikers/ik").status_code == 401
    assert anna.get("/werk").status_code in (303, 401)
    # Without CSRF nothing happens.
    assert beheerder.post(f"/beheer/gebruikers/{anna_id}/token", csrf="").status_code == 403
