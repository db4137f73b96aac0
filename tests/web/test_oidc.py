"""Single sign-on against a real OpenID provider on loopback (issue 18, items 1 and 2).

The npm package oidc-provider (tests/oidc/provider.mjs, PKCE required, S256 only) runs in a
Node process; Paraaf runs as a real uvicorn process configured with the PARAAF_OIDC_*
settings; Debian's Chromium (Playwright) logs in through the provider's own login and consent
pages. Refused: a wrong state, a replayed code, an ID token for another audience, an expired ID
token. Handled: the first login of a known e-mail links the account; an unknown person gets a
Dutch page, or an account with the mapped roles where allowed; Entra ID's groups overage;
ADFS's userinfo with only `sub`; client authentication with private_key_jwt. Logout ends the
session on the server: the old cookie is worthless.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import httpx
import pytest
from sqlalchemy import text

from app.config import PROJECT_ROOT
from app.db import maak_engine
from tests.conftest import migreer
from tests.web.test_browser import CHROMIUM, TOEGANKELIJKHEID_JS, _vrije_poort

pytestmark = pytest.mark.traag

BEHEER = "oidc-test-beheerder"
GEHEIM = "paraaf-client-geheim-" + "x" * 20
SCOPE = "openid email profile groups departement"
ACCOUNTS = {
    # Known in Paraaf by e-mail address (created over the API below): linked at first login.
    "sanne": {
        "email": "sanne.visser@minvro.test",
        "email_verified": True,
        "name": "Sanne Visser",
        "groups": ["vro-opstellers"],
        "departement": "VRO",
    },
    # Unknown, in a group that maps to a role: created (PARAAF_OIDC_NIEUWE_GEBRUIKERS=true).
    "fatima": {
        "email": "fatima.elamrani@minienw.test",
        "email_verified": True,
        "name": "Fatima el Amrani",
        "groups": ["ienw-afstemmers", "ienw-alle-medewerkers"],
        "departement": "IenW",
    },
    # Unknown, no group that gives access.
    "buiten": {
        "email": "buiten@minszw.test",
        "email_verified": True,
        "name": "Buiten Staander",
        "groups": ["szw-alle-medewerkers"],
        "departement": "SZW",
    },
    # Unknown, would be created, but the provider leaves the groups out (Entra ID overage).
    "veel": {
        "email": "veel.groepen@minienw.test",
        "email_verified": True,
        "name": "Veel Groepen",
        "groups": ["ienw-afstemmers"],
        "departement": "IenW",
    },
}


def _wacht_op(url: str, proces: subprocess.Popen, logboek: Path) -> None:
    for _ in range(300):
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proces.poll() is not None:
            raise RuntimeError(logboek.read_text())
        time.sleep(0.05)
    raise RuntimeError(f"{url} kwam niet op: {logboek.read_text()}")


class Processen:
    def __init__(self):
        self.lijst: list[tuple[subprocess.Popen, object]] = []

    def start(self, args, *, cwd, env, logboek: Path, wacht: str):
        """Start a process; the returned function waits until `wacht` answers 200 (so several
        processes start side by side)."""
        uit = open(logboek, "wb")
        proces = subprocess.Popen(args, cwd=cwd, env=env, stdout=uit, stderr=subprocess.STDOUT)
        self.lijst.append((proces, uit))
        return lambda: _wacht_op(wacht, proces, logboek)

    def stop(self) -> None:
        for proces, uit in self.lijst:
            proces.terminate()
            try:
                proces.wait(10)
            except subprocess.TimeoutExpired:
                proces.kill()
            uit.close()


def _pkjwt_sleutel(map_: Path) -> tuple[Path, dict]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from joserfc.jwk import ECKey

    sleutel = ec.generate_private_key(ec.SECP256R1())
    pem = sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    pad = map_ / "client.key"
    pad.write_bytes(pem)
    publiek = ECKey.import_key(pem).as_dict(private=False)
    return pad, {**publiek, "alg": "ES256", "use": "sig", "kid": "paraaf-client"}


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory):
    """The provider and two Paraaf servers: one with a client secret, one with private_key_jwt."""
    subprocess.run([str(PROJECT_ROOT / "scripts" / "oidc-provider.sh")], check=True)
    map_ = tmp_path_factory.mktemp("oidc")
    p_poort, a_poort, b_poort = _vrije_poort(), _vrije_poort(), _vrije_poort()
    issuer = f"http://127.0.0.1:{p_poort}"
    sleutelpad, publiek = _pkjwt_sleutel(map_)
    config = {
        "clients": [
            {
                "client_id": "paraaf",
                "client_secret": GEHEIM,
                "token_endpoint_auth_method": "client_secret_basic",
                "redirect_uris": [f"http://127.0.0.1:{a_poort}/inloggen/oidc/terug"],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
            },
            {
                "client_id": "paraaf-pkjwt",
                "token_endpoint_auth_method": "private_key_jwt",
                "token_endpoint_auth_signing_alg": "ES256",
                "jwks": {"keys": [publiek]},
                "redirect_uris": [f"http://127.0.0.1:{b_poort}/inloggen/oidc/terug"],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
            },
        ],
        "accounts": ACCOUNTS,
    }
    (map_ / "provider.json").write_text(json.dumps(config))
    processen = Processen()
    try:
        wachten = [
            processen.start(
                ["node", "provider.mjs", str(p_poort), str(map_ / "provider.json")],
                cwd=PROJECT_ROOT / "tests" / "oidc",
                env={**os.environ},
                logboek=map_ / "provider.log",
                wacht=f"{issuer}/.well-known/openid-configuration",
            )
        ]
        servers = {}
        for naam, poort, extra in [
            ("geheim", a_poort, {"PARAAF_OIDC_CLIENT_ID": "paraaf", "PARAAF_OIDC_CLIENT_SECRET": GEHEIM}),
            ("pkjwt", b_poort, {"PARAAF_OIDC_CLIENT_ID": "paraaf-pkjwt", "PARAAF_OIDC_PRIVATE_KEY_FILE": str(sleutelpad)}),
        ]:
            database = f"sqlite:///{map_ / f'{naam}.db'}"
            engine = maak_engine(database)
            migreer(engine)
            env = {
                **os.environ,
                "PARAAF_DATABASE_URL": database,
                "PARAAF_ADMIN_TOKEN": BEHEER,
                "PARAAF_LOG_LEVEL": "warning",
                "PARAAF_OIDC_ISSUER": issuer,
                "PARAAF_OIDC_SCOPE": SCOPE,
                "PARAAF_BASIS_URL": f"http://127.0.0.1:{poort}",
                "PARAAF_OIDC_DEPARTEMENT_CLAIM": "departement",
                "PARAAF_OIDC_NIEUWE_GEBRUIKERS": "true",
                "PARAAF_OIDC_ROLLEN": json.dumps({"ienw-afstemmers": ["afstemmer"], "vro-opstellers": ["opsteller"]}),
                **extra,
            }
            adres = f"http://127.0.0.1:{poort}"
            wachten.append(
                processen.start(
                    [
                        sys.executable,
                        "-m",
                        "uvicorn",
                        "app.main:app",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(poort),
                        "--log-level",
                        "warning",
                    ],
                    cwd=PROJECT_ROOT,
                    env=env,
                    logboek=map_ / f"{naam}.log",
                    wacht=f"{adres}/api/v1/gezondheid",
                )
            )
            servers[naam] = {"adres": adres, "engine": engine}
        for wacht in wachten:
            wacht()
        for server in servers.values():
            adres = server["adres"]
            r = httpx.post(
                f"{adres}/api/v1/gebruikers",
                headers={"Authorization": f"Bearer {BEHEER}"},
                json={"naam": "Sanne Visser", "email": "Sanne.Visser@minvro.test", "departement": "VRO", "rollen": ["opsteller"]},
            )
            assert r.status_code == 201, r.text
        yield {"issuer": issuer, **servers}
    finally:
        processen.stop()


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


@pytest.fixture
def modus(omgeving):
    """Set what the provider hands out next (see tests/oidc/provider.mjs); back to normal after."""

    def zet(waarde: str) -> None:
        assert httpx.post(f"{omgeving['issuer']}/_test/modus", content=json.dumps({"modus": waarde})).status_code == 200

    yield zet
    zet("normaal")


@pytest.fixture
def context(chromium):
    ctx = chromium.new_context(locale="nl-NL")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


def _naar_provider(pagina, adres: str) -> None:
    pagina.goto(f"{adres}/inloggen")
    pagina.get_by_role("link", name="Inloggen met rijksaccount").click()


def _bij_provider_inloggen(pagina, login: str, adres: str) -> None:
    """The provider's development login page, then its consent page; when the provider's own
    session is still alive (single sign-on), it sends the browser straight back."""
    pagina.wait_for_url(
        lambda url: "/interaction/" in url or "/inloggen/oidc/terug" in url or (url.startswith(adres) and "/inloggen" not in url)
    )
    if "/interaction/" not in pagina.url:
        return
    if pagina.locator("input[name=login]").count():
        pagina.fill("input[name=login]", login)
        pagina.fill("input[name=password]", "willekeurig")
        pagina.click("button[type=submit]")
        pagina.wait_for_load_state()
    # Consent (first time per client and account).
    if "/interaction/" in pagina.url and pagina.locator("button[type=submit]").count():
        pagina.click("button[type=submit]")


def onderschep_terugweg(pagina, issuer: str, wijzig) -> None:
    """Change the provider's redirect back to Paraaf (`wijzig`: query dict -> query dict), as an
    attacker in the middle would. (A browser does not let a test route the redirected request
    itself, so the provider's redirect response is rewritten.)"""

    def handler(route):
        antwoord = route.fetch(max_redirects=0)
        locatie = antwoord.headers.get("location", "")
        # Redirects within the provider (confirm -> resume) are followed here: only the first
        # request of a redirect chain reaches a route handler.
        while locatie and urljoin(issuer + "/", locatie).startswith(issuer + "/"):
            antwoord = pagina.context.request.get(urljoin(issuer + "/", locatie), max_redirects=0)
            locatie = antwoord.headers.get("location", "")
        if "/inloggen/oidc/terug" in locatie:
            delen = urlsplit(locatie)
            params = wijzig({k: v[0] for k, v in parse_qs(delen.query).items()})
            locatie = urlunsplit(delen._replace(query=urlencode(params)))
            route.fulfill(response=antwoord, headers={**antwoord.headers, "location": locatie})
        else:
            route.fulfill(response=antwoord)

    pagina.route(f"{issuer}/**", handler)


def tot_terug(pagina, adres: str, login: str):
    """From Paraaf's login page through the provider back to the callback; its response."""
    with pagina.expect_response(lambda r: r.url.startswith(f"{adres}/inloggen/oidc/terug"), timeout=20_000) as terug:
        _naar_provider(pagina, adres)
        _bij_provider_inloggen(pagina, login, adres)
    return terug.value


def inloggen(pagina, adres: str, login: str) -> None:
    antwoord = tot_terug(pagina, adres, login)
    assert antwoord.status == 200, f"inloggen geweigerd ({antwoord.status}): {antwoord.text()[:3000]}"
    # The callback page moves on to Mijn werk by itself.
    pagina.wait_for_url(lambda url: url.startswith(adres) and "/inloggen/oidc" not in url, timeout=15_000)


def geweigerd(pagina, adres: str, login: str, status: int) -> str:
    antwoord = tot_terug(pagina, adres, login)
    assert antwoord.status == status, (antwoord.status, antwoord.text()[:3000])
    return antwoord.text()


def _ingelogd(context, adres: str) -> bool:
    pagina = context.new_page()
    try:
        pagina.goto(f"{adres}/werk")
        return pagina.url.startswith(f"{adres}/werk")
    finally:
        pagina.close()


def _koppeling(engine, email: str):
    with engine.connect() as c:
        return c.execute(
            text("SELECT oidc_issuer, oidc_sub, rollen, departement FROM gebruiker WHERE lower(email) = lower(:e)"), {"e": email}
        ).first()


def _sessies(engine, email: str) -> list:
    with engine.connect() as c:
        return c.execute(
            text(
                "SELECT t.soort, t.ingetrokken_op, t.verloopt_op FROM token t JOIN gebruiker g ON g.id = t.gebruiker_id "
                "WHERE lower(g.email) = lower(:e) AND t.soort = 'sessie' ORDER BY t.id"
            ),
            {"e": email},
        ).all()


def test_eerste_inlog_koppelt_het_bekende_account_en_uitloggen_beeindigt_de_sessie(omgeving, context):
    adres, engine = omgeving["geheim"]["adres"], omgeving["geheim"]["engine"]
    pagina = context.new_page()
    aanvragen = []
    pagina.on("request", lambda r: aanvragen.append(r.url))
    inloggen(pagina, adres, "sanne")
    assert pagina.url == f"{adres}/werk"
    assert "Sanne Visser" in pagina.locator("header").inner_text()
    # The authorization request carried PKCE S256, a state and a nonce.
    (auth,) = [parse_qs(urlsplit(u).query) for u in aanvragen if u.startswith(f"{omgeving['issuer']}/auth?")]
    assert auth["code_challenge_method"] == ["S256"] and len(auth["code_challenge"][0]) == 43
    assert auth["state"][0] and auth["nonce"][0] and auth["response_type"] == ["code"]
    assert auth["redirect_uri"] == [f"{adres}/inloggen/oidc/terug"]
    # The login page with its new button, and Mijn instellingen: the same accessibility checks as the other pages.
    for pad in ("/instellingen", "/werk"):
        pagina.goto(f"{adres}{pad}")
        assert pagina.evaluate(TOEGANKELIJKHEID_JS) == [], pad
    # Linked by e-mail address (case does not matter), no second account made.
    issuer, sub, rollen, _ = _koppeling(engine, "sanne.visser@minvro.test")
    assert (issuer, sub) == (omgeving["issuer"], "sanne") and json.loads(rollen) == ["opsteller"]
    (sessie,) = _sessies(engine, "sanne.visser@minvro.test")
    assert sessie.ingetrokken_op is None and sessie.verloopt_op is not None  # ends with the ID token
    # Logout ends the session on the server: the cookie from before is refused afterwards.
    cookies = context.cookies()
    pagina.goto(f"{adres}/werk")
    pagina.get_by_role("button", name="Uitloggen").click()
    pagina.wait_for_url(lambda url: "/inloggen" in url)
    assert not _ingelogd(context, adres)
    context.add_cookies([c for c in cookies if c["name"] == "paraaf_sessie"])
    assert not _ingelogd(context, adres)
    assert _sessies(engine, "sanne.visser@minvro.test")[0].ingetrokken_op is not None
    # A second login uses the link (by sub), and a fresh session.
    inloggen(pagina, adres, "sanne")
    assert pagina.url == f"{adres}/werk" and len(_sessies(engine, "sanne.visser@minvro.test")) == 2


def test_onbekende_persoon_krijgt_een_nederlandse_pagina(omgeving, context):
    adres, engine = omgeving["geheim"]["adres"], omgeving["geheim"]["engine"]
    pagina = context.new_page()
    pagina.goto(f"{adres}/inloggen")
    assert pagina.evaluate(TOEGANKELIJKHEID_JS) == []
    assert "Geen van uw groepen geeft toegang tot Paraaf" in geweigerd(pagina, adres, "buiten", 403)
    assert _koppeling(engine, "buiten@minszw.test") is None
    assert not _ingelogd(context, adres)


def test_nieuwe_persoon_met_groep_krijgt_de_rollen(omgeving, context):
    adres, engine = omgeving["geheim"]["adres"], omgeving["geheim"]["engine"]
    pagina = context.new_page()
    inloggen(pagina, adres, "fatima")
    assert "Fatima el Amrani" in pagina.locator("header").inner_text()
    issuer, sub, rollen, departement = _koppeling(engine, "fatima.elamrani@minienw.test")
    assert (sub, json.loads(rollen), departement) == ("fatima", ["afstemmer"], "IenW")


def test_groepen_weggelaten_zoals_entra_id(omgeving, context, modus):
    adres, engine = omgeving["geheim"]["adres"], omgeving["geheim"]["engine"]
    modus("groepen_overlopen")
    pagina = context.new_page()
    assert "gaf uw groepen niet mee" in geweigerd(pagina, adres, "veel", 403)
    assert _koppeling(engine, "veel.groepen@minienw.test") is None
    # A known person is not affected: roles of existing accounts are Paraaf's.
    context.clear_cookies()  # out of the provider's session too
    inloggen(pagina, adres, "sanne")
    assert pagina.url == f"{adres}/werk"


def test_adfs_userinfo_met_alleen_sub(omgeving, context, modus):
    adres = omgeving["geheim"]["adres"]
    modus("adfs")
    pagina = context.new_page()
    inloggen(pagina, adres, "sanne")
    assert pagina.url == f"{adres}/werk" and "Sanne Visser" in pagina.locator("header").inner_text()


def test_verkeerde_state_wordt_geweigerd(omgeving, context):
    adres = omgeving["geheim"]["adres"]
    pagina = context.new_page()

    onderschep_terugweg(pagina, omgeving["issuer"], lambda q: {**q, "state": "aanvaller-" + q["state"][:10]})
    assert "Het inloggen klopt niet (state)" in geweigerd(pagina, adres, "sanne", 400)
    pagina.unroute(f"{omgeving['issuer']}/**")
    assert not _ingelogd(context, adres)


def test_hergebruikte_code_wordt_geweigerd(omgeving, context):
    adres = omgeving["geheim"]["adres"]
    pagina = context.new_page()
    teruggaven = []
    pagina.on("request", lambda r: teruggaven.append(r.url) if "/inloggen/oidc/terug" in r.url else None)
    inloggen(pagina, adres, "sanne")
    oude_code = parse_qs(urlsplit(teruggaven[0]).query)["code"][0]
    context.clear_cookies()
    assert not _ingelogd(context, adres)

    # A new login of this browser (its own state and verifier), with the earlier code put in.
    onderschep_terugweg(pagina, omgeving["issuer"], lambda q: {**q, "code": oude_code})
    assert "weigerde de inlogcode" in geweigerd(pagina, adres, "sanne", 401)
    pagina.unroute(f"{omgeving['issuer']}/**")
    assert not _ingelogd(context, adres)
    # The same callback URL replayed as it was (state spent with the cookie): refused too.
    opnieuw = pagina.goto(teruggaven[0])
    assert opnieuw.status == 400 and "Het inloggen is verlopen of niet in deze browser begonnen" in opnieuw.text()
    assert not _ingelogd(context, adres)


@pytest.mark.parametrize("soort, melding", [("verkeerde_audience", "ongeldig (aud)"), ("verlopen", "ongeldig (exp)")])
def test_id_token_voor_een_ander_of_verlopen_wordt_geweigerd(omgeving, context, modus, soort, melding):
    adres = omgeving["geheim"]["adres"]
    modus(soort)
    pagina = context.new_page()
    assert f"Het bewijs van inloggen van de identiteitsprovider is {melding}" in geweigerd(pagina, adres, "sanne", 401)
    assert not _ingelogd(context, adres)


def test_private_key_jwt(omgeving, context):
    adres, engine = omgeving["pkjwt"]["adres"], omgeving["pkjwt"]["engine"]
    pagina = context.new_page()
    inloggen(pagina, adres, "sanne")
    assert pagina.url == f"{adres}/werk" and "Sanne Visser" in pagina.locator("header").inner_text()
    assert _koppeling(engine, "sanne.visser@minvro.test")[1] == "sanne"


def test_zonder_issuer_geen_knop_en_geen_route(client):
    """`make run` and every test app have no provider: the token login alone, /inloggen/oidc 404."""
    assert "Inloggen met rijksaccount" not in client.get("/inloggen").text
    assert client.get("/inloggen/oidc", follow_redirects=False).status_code == 404
    assert client.get("/inloggen/oidc/terug?code=x&state=y", follow_redirects=False).status_code == 404
