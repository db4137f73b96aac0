"""Logging out ends the web session on the server (issue 11, item 4): a copy of the old cookie
and the CSRF token it carried are dead at once, for pages and for forms, while another session
of the same user (another browser) lives on."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.conftest import nieuw_document
from tests.web.conftest import Browser


def _kopie(app, b: Browser) -> TestClient:
    kopie = TestClient(app, follow_redirects=False)
    for naam, waarde in b.client.cookies.items():
        kopie.cookies.set(naam, waarde)
    return kopie


def test_uitloggen_maakt_oude_cookie_en_csrf_meteen_ongeldig(app, api, opsteller, engine, backend):
    doc = nieuw_document(api, opsteller, ("Kop", "Oude tekst."))
    sectie = doc["secties"][0]
    b = Browser(app, opsteller)
    assert b.inloggen().status_code == 303
    ander = Browser(app, opsteller)  # the same user in another browser
    assert ander.inloggen().status_code == 303
    oude_cookie, oude_csrf = _kopie(app, b), b.csrf
    assert oude_cookie.get("/werk").status_code == 200

    assert b.post("/uitloggen").status_code == 303

    pagina = oude_cookie.get(f"/documenten/{doc['id']}")
    assert pagina.status_code == 303 and pagina.headers["location"].startswith("/inloggen")
    poging = oude_cookie.post(
        f"/documenten/{doc['id']}/secties/{sectie['id']}/bewerken",
        data={"csrf": oude_csrf, "tekst": "Door een gestolen cookie.", "basisversie": "1"},
    )
    assert poging.status_code == 303 and poging.headers["location"].startswith("/inloggen")
    htmx = oude_cookie.post("/uitloggen", data={"csrf": oude_csrf}, headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/inloggen")
    assert api.als(opsteller).get(f"/documenten/{doc['id']}").json()["secties"][0]["tekst"] == "Oude tekst."
    # The other browser's session is its own and lives on.
    assert ander.get("/werk").status_code == 200
    with engine.connect() as c:
        rijen = c.execute(text("SELECT ingetrokken_op IS NOT NULL FROM token WHERE soort = 'sessie' ORDER BY id")).scalars().all()
    assert rijen == [True, False]
    # Logging out ended the session, not the token: the API still accepts it.
    assert api.als(opsteller).get("/gebruikers/ik").status_code == 200
    # Logging in again gives a new, working session.
    assert b.inloggen().status_code == 303 and b.get("/werk").status_code == 200


def test_ingetrokken_sessierij_of_token_is_niet_ingelogd(app, api, opsteller, engine):
    b = Browser(app, opsteller)
    assert b.inloggen().status_code == 303
    kopie = _kopie(app, b)
    with engine.begin() as c:
        c.execute(text("UPDATE token SET ingetrokken_op = CURRENT_TIMESTAMP WHERE soort = 'sessie'"))
    assert kopie.get("/werk").status_code == 303
    # The API token itself was never touched by the session.
    assert api.als(opsteller).get("/gebruikers/ik").status_code == 200
    assert b.inloggen().status_code == 303 and b.get("/werk").status_code == 200
    assert api.beheerder.delete(f"/gebruikers/{opsteller.id}/token").status_code == 200
    assert b.get("/werk").status_code == 303
