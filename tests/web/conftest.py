"""Helpers for the web UI tests: a browser-like client per user (its own cookie jar) that
logs in through the login form and posts forms with the page's CSRF token."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Gebruiker, importeer

CSRF = re.compile(r'name="csrf" value="([^"]+)"')

DEF_FORMULERING = (
    " Het ministerie van Defensie, het Ministerie van Infrastructuur en Waterstaat, de provincie Overijssel en "
    "gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan voor een veilige verkeersontsluiting "
    "van de grootschalige munitieopslag."
)
IENW_FORMULERING = (
    " Het ministerie van Defensie, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke "
    "inspanningsverplichting aan voor een veilige verkeersontsluiting van de grootschalige munitieopslag. "
    "Het Ministerie van Infrastructuur en Waterstaat participeert waar nodig in het onderzoek."
)
BESLUIT_FORMULERING = (
    " Het Rijk, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan "
    "voor een veilige verkeersontsluiting van de grootschalige munitieopslag."
)
ANKER = "in overleg met hen uit te werken."


def csrf_van(html: str) -> str:
    gevonden = CSRF.search(html)
    assert gevonden, "geen CSRF-veld op de pagina"
    return unescape(gevonden.group(1))


def tekst(html: str) -> str:
    """The visible text of a page, roughly: tags out, entities decoded, spaces collapsed."""
    zonder = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", zonder)))


class Browser:
    """One user's browser: TestClient with its own cookies; follows no redirects itself."""

    def __init__(self, app, wie: Gebruiker | None = None):
        self.client = TestClient(app, follow_redirects=False)
        self.wie = wie
        self.csrf = ""

    def inloggen(self, token: str | None = None, volgende: str = "/werk"):
        pagina = self.client.get("/inloggen")
        assert pagina.status_code == 200
        antwoord = self.client.post(
            "/inloggen", data={"token": token or self.wie.token, "csrf": csrf_van(pagina.text), "volgende": volgende}
        )
        if antwoord.status_code == 303:
            self.csrf = csrf_van(self.client.get("/werk").text)
        return antwoord

    def get(self, pad: str, **kw):
        antwoord = self.client.get(pad, **kw)
        if antwoord.status_code == 200 and "text/html" in antwoord.headers.get("content-type", ""):
            gevonden = CSRF.search(antwoord.text)
            if gevonden:
                self.csrf = unescape(gevonden.group(1))
        return antwoord

    def post(self, pad: str, data: dict | None = None, *, csrf: str | None = None, **kw):
        velden = dict(data or {})
        velden.setdefault("csrf", self.csrf if csrf is None else csrf)
        return self.client.post(pad, data=velden, **kw)

    def volg(self, antwoord):
        assert antwoord.status_code == 303, (antwoord.status_code, antwoord.text[:2000])
        return self.get(antwoord.headers["location"])


@pytest.fixture
def browser(app):
    """browser(gebruiker) -> a logged-in Browser for that user."""
    geopend = []

    def maak(wie: Gebruiker) -> Browser:
        b = Browser(app, wie)
        assert b.inloggen().status_code == 303
        geopend.append(b)
        return b

    yield maak
    for b in geopend:
        b.client.close()


@pytest.fixture
def seed(api):
    """The seed Kamerbrief with a ronde open for IenW and DEF, and the people of the dispute."""
    m = {
        "opsteller": api.gebruiker("VRO", "opsteller", naam="Sanne Visser"),
        "minister": api.gebruiker("VRO", "bewindspersoon", naam="Mona Keijzer"),
        "DEF": api.gebruiker("DEF", "afstemmer", naam="Pieter Bakker"),
        "IenW": api.gebruiker("IenW", "afstemmer", naam="Fatima el Amrani"),
        "EZ": api.gebruiker("EZ", "afstemmer", naam="Koen de Graaf"),
        "SZW": api.gebruiker("SZW", "afstemmer", naam="Buiten Staander"),
        "afdelingshoofd": api.gebruiker("VRO", "parafeerder", paraafniveau="afdelingshoofd", naam="Jeroen de Wit"),
        "directeur": api.gebruiker("VRO", "parafeerder", paraafniveau="directeur", naam="Ingrid Smit"),
    }
    brief = importeer(api, m["opsteller"])
    defensie = next(s for s in brief["secties"] if s["kop"] == "Defensie")
    r = api.als(m["opsteller"]).post(
        f"/documenten/{brief['id']}/afstemmingsrondes",
        json={"departementen": ["IenW", "DEF", "EZ"], "termijn": (datetime.now(UTC) + timedelta(days=3)).isoformat()},
    )
    assert r.status_code == 201, r.text
    return {"m": m, "brief": brief, "defensie": defensie, "ronde": r.json()}


def dien_def_voorstel_in(api, seed, **extra) -> dict:
    defensie = seed["defensie"]
    r = api.als(seed["m"]["DEF"]).post(
        f"/documenten/{seed['brief']['id']}/secties/{defensie['id']}/tekstvoorstellen",
        json={
            "basisversie": defensie["versie"],
            "oorspronkelijk": "",
            "positie": defensie["tekst"].index(ANKER) + len(ANKER),
            "voorgesteld": DEF_FORMULERING,
            "toelichting": "Afspraak uit het BO met Overijssel.",
            **extra,
        },
    )
    assert r.status_code == 201, r.text
    return r.json()
