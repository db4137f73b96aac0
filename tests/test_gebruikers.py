"""Departments, users, roles and bearer tokens (docs/api.md "Departementen en gebruikers" and the
Auth convention): beheerder-only user management, tokens shown once and stored hashed, renewal
and revocation effective at once, 401 with problem+json and WWW-Authenticate, the first
beheerder from PARAAF_ADMIN_TOKEN (also under concurrent first requests) or the CLI, and tokens
never in logs or in the event log.
"""

from __future__ import annotations

import inspect
import logging
import os
import re
import subprocess
import threading

import pytest
from fastapi.testclient import TestClient

from app.config import PROJECT_ROOT, Settings
from app.db import maak_engine
from app.main import maak_app
from tests.conftest import BEHEER_TOKEN, importeer
from tests.helpers_fundament import (
    API_DEPARTEMENTEN,
    VENV_BIN,
    alle_waarden,
    momentopname,
    probleem,
    verschil_momentopnamen,
)

GEBRUIKER_VELDEN = ("id", "naam", "email", "departement", "rollen", "paraafniveau")


def nieuw(api, **velden):
    body = {"naam": "Nina Nieuw", "email": "nina@minvro.test", "departement": "VRO", "rollen": ["opsteller"], **velden}
    return api.beheerder.post("/gebruikers", json=body)


def tokens_in_database(engine, *tokens: str) -> list[tuple[str, str]]:
    """(table, column) of every stored value that contains one of `tokens` (or a long piece)."""
    stukken = {t for t in tokens} | {t[len(t) // 4 : len(t) // 4 + 16] for t in tokens if len(t) >= 24}
    return [(tabel, kolom) for tabel, kolom, waarde in alle_waarden(engine) if any(s in waarde for s in stukken)]


# --- departments ----------------------------------------------------------------------------------


def _departementen_zijn_precies_die_van_api_md(api, opsteller):
    r = api.als(opsteller).get("/departementen")
    assert r.status_code == 200, r.text
    lijst = r.json()
    codes = [d["code"] for d in lijst]
    assert sorted(codes) == sorted(API_DEPARTEMENTEN)
    assert len(codes) == len(set(codes)) == 15
    for d in lijst:
        assert set(d) >= {"code", "naam"} and isinstance(d["naam"], str) and d["naam"].strip(), d
    assert {d["code"]: d["naam"] for d in lijst}["DEF"].endswith("Defensie")


# --- users ----------------------------------------------------------------------------------------


def _beheerder_maakt_gebruiker_en_het_token_werkt(api):
    r = nieuw(api, rollen=["parafeerder", "afstemmer"], paraafniveau="directeur", departement="IenW")
    assert r.status_code == 201, r.text
    body = r.json()
    for veld in (*GEBRUIKER_VELDEN, "token"):
        assert veld in body, f"{veld} ontbreekt: {body}"
    assert isinstance(body["id"], int) and isinstance(body["token"], str) and len(body["token"]) >= 20
    assert (body["naam"], body["email"], body["departement"], body["paraafniveau"]) == (
        "Nina Nieuw",
        "nina@minvro.test",
        "IenW",
        "directeur",
    )
    assert sorted(body["rollen"]) == ["afstemmer", "parafeerder"]

    ik = api.als(body["token"]).get("/gebruikers/ik")
    assert ik.status_code == 200, ik.text
    assert {k: ik.json()[k] for k in GEBRUIKER_VELDEN} == {k: body[k] for k in GEBRUIKER_VELDEN}


def _token_wordt_maar_een_keer_getoond(api):
    body = nieuw(api, email="tessa@minvro.test").json()
    token = body["token"]
    ik = api.als(token).get("/gebruikers/ik")
    assert "token" not in ik.json() and token not in ik.text
    lijst = api.beheerder.get("/gebruikers")  # the beheerder's list (docs/api.md) shows no token
    assert lijst.status_code == 200, lijst.text
    assert token not in lijst.text and lijst.json() and all("token" not in g for g in lijst.json())
    for pad in ("/documenten", "/departementen"):
        assert token not in api.als(token).get(pad).text


def _gebruiker_ik_is_de_aanroeper(api, opsteller):
    r = api.als(opsteller).get("/gebruikers/ik")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == opsteller.id and body["naam"] == "Olga Opsteller" and body["departement"] == "VRO"
    assert body["rollen"] == ["opsteller"] and body["paraafniveau"] is None
    beheerder = api.beheerder.get("/gebruikers/ik").json()
    assert "beheerder" in beheerder["rollen"] and beheerder["id"] != opsteller.id


def test_alleen_beheerder_maakt_gebruikers(api, engine):
    wie = [
        api.gebruiker("VRO", *rollen, paraafniveau="dg" if "parafeerder" in rollen else None)
        for rollen in (("opsteller",), ("afstemmer",), ("bewindspersoon",), ("parafeerder",), ("opsteller", "afstemmer"))
    ]
    voor = momentopname(engine)
    for gebruiker in wie:
        r = api.als(gebruiker).post(
            "/gebruikers", json={"naam": "X", "email": "x@minvro.test", "departement": "VRO", "rollen": ["beheerder"]}
        )
        probleem(r, 403)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


ONGELDIG = [
    ({"rollen": ["koning"]}, "rollen"),
    ({"rollen": "opsteller"}, "rollen"),
    ({"departement": "XYZ"}, "departement"),
    ({"departement": "vro"}, "departement"),
    ({"email": "geen-adres"}, "email"),
    ({"email": "twee@@minvro.test"}, "email"),
    ({"email": None}, "email"),
    ({"naam": ""}, "naam"),
    ({"naam": 12}, "naam"),
]


def test_ongeldige_gebruiker_is_422(api, engine):
    api.gebruiker("VRO", "opsteller")  # the beheerder exists before the snapshot
    voor = momentopname(engine)
    for velden, veld in ONGELDIG:
        body = probleem(nieuw(api, **velden), 422)
        namen = [p["name"] for p in body["invalid_params"]]
        assert any(n == veld or n.startswith(veld + "[") or n.startswith(veld + ".") for n in namen), (velden, body)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def _dubbel_emailadres_is_409(api, engine):
    assert nieuw(api, email="dubbel@minvro.test").status_code == 201
    voor = momentopname(engine)
    probleem(nieuw(api, email="dubbel@minvro.test", naam="Iemand Anders", departement="EZ"), 409)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


# --- tokens: hashed, renewed, revoked ---------------------------------------------------------------


def test_tokens_staan_nergens_leesbaar_in_de_database(api, engine, opsteller):
    tweede = api.gebruiker("IenW", "afstemmer")
    vernieuwd = api.beheerder.post(f"/gebruikers/{tweede.id}/token").json()["token"]
    importeer(api, opsteller)  # a document and its event log as well
    gevonden = tokens_in_database(engine, opsteller.token, tweede.token, vernieuwd, BEHEER_TOKEN)
    assert gevonden == [], f"token in leesbare vorm opgeslagen in: {gevonden}"
    # ...while the database does know the users (the scan itself sees the data).
    assert any(w == "Olga Opsteller" for _, _, w in alle_waarden(engine))


def test_token_vernieuwen_trekt_het_oude_direct_in(api, engine):
    wie = api.gebruiker("VRO", "opsteller")
    assert api.als(wie).get("/gebruikers/ik").status_code == 200
    r = api.beheerder.post(f"/gebruikers/{wie.id}/token")
    assert r.status_code in (200, 201), r.text
    nieuw_token = r.json()["token"]
    assert nieuw_token != wie.token and r.json()["id"] == wie.id
    probleem(api.als(wie).get("/gebruikers/ik"), 401)
    probleem(api.als(wie).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}), 401)
    ik = api.als(nieuw_token).get("/gebruikers/ik")
    assert ik.status_code == 200 and ik.json()["id"] == wie.id
    # Renewing once more revokes the second token too.
    derde = api.beheerder.post(f"/gebruikers/{wie.id}/token").json()["token"]
    probleem(api.als(nieuw_token).get("/gebruikers/ik"), 401)
    assert api.als(derde).get("/gebruikers/ik").status_code == 200
    assert tokens_in_database(engine, nieuw_token, derde) == []


def test_token_intrekken_is_direct_401(api):
    wie = api.gebruiker("VRO", "opsteller")
    ander = api.gebruiker("VRO", "opsteller")
    r = api.beheerder.delete(f"/gebruikers/{wie.id}/token")
    assert r.status_code in (200, 204), r.text
    probleem(api.als(wie).get("/gebruikers/ik"), 401)
    probleem(api.als(wie).get("/documenten"), 401)
    assert api.als(ander).get("/gebruikers/ik").status_code == 200  # others keep theirs
    # A new token can be issued afterwards, and works.
    opnieuw = api.beheerder.post(f"/gebruikers/{wie.id}/token").json()["token"]
    assert api.als(opnieuw).get("/gebruikers/ik").json()["id"] == wie.id
    probleem(api.als(wie).get("/gebruikers/ik"), 401)


def test_tokenbeheer_alleen_door_beheerder_en_onbekend_is_404(api, engine):
    wie = api.gebruiker("VRO", "opsteller")
    ander = api.gebruiker("VRO", "opsteller")
    voor = momentopname(engine)
    probleem(api.als(wie).post(f"/gebruikers/{ander.id}/token"), 403)
    probleem(api.als(wie).delete(f"/gebruikers/{ander.id}/token"), 403)
    probleem(api.beheerder.post("/gebruikers/999999/token"), 404)
    probleem(api.beheerder.delete("/gebruikers/999999/token"), 404)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    assert api.als(ander).get("/gebruikers/ik").status_code == 200


# --- 401 --------------------------------------------------------------------------------------------


FOUTE_KOPPEN = [None, "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer onbekend-token", "Token " + BEHEER_TOKEN, BEHEER_TOKEN]


def test_401_met_problem_json_en_www_authenticate(client, api):
    api.gebruiker("VRO", "opsteller")
    for kop in FOUTE_KOPPEN:
        headers = {"Authorization": kop} if kop is not None else {}
        for methode, pad, body in (
            ("GET", "/api/v1/gebruikers/ik", None),
            ("GET", "/api/v1/documenten", None),
            ("GET", "/api/v1/departementen", None),
            ("POST", "/api/v1/documenten", {"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}),
            ("POST", "/api/v1/gebruikers", {"naam": "X", "email": "x@y.nl", "departement": "VRO", "rollen": ["beheerder"]}),
        ):
            r = client.request(methode, pad, headers=headers, json=body)
            try:
                probleem(r, 401)
            except AssertionError as e:
                raise AssertionError(f"Authorization {kop!r}, {methode} {pad}: {e}") from None
            assert r.headers.get("www-authenticate", "").lower().startswith("bearer"), (kop, pad, r.headers)


def _schema_naam_is_hoofdletterongevoelig(api, opsteller):
    r = api.client.get("/api/v1/gebruikers/ik", headers={"Authorization": f"bearer {opsteller.token}"})
    assert r.status_code == 200 and r.json()["id"] == opsteller.id


def test_zonder_token_alleen_gezondheid_en_openapi(client):
    assert client.get("/api/v1/gezondheid").json() == {"status": "ok", "database": "ok"}
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200


# --- the first beheerder ----------------------------------------------------------------------------


def test_admin_token_is_beheerder_vanaf_het_eerste_verzoek(database_url, engine):
    token = "omgeving-token-" + "x" * 20
    app = maak_app(Settings(database_url=database_url, admin_token=token), engine=engine)
    with TestClient(app) as c:
        r = c.post(
            "/api/v1/gebruikers",
            headers={"Authorization": f"Bearer {token}"},
            json={"naam": "Eerste", "email": "eerste@minvro.test", "departement": "VRO", "rollen": ["opsteller"]},
        )
        assert r.status_code == 201, r.text
        ik = c.get("/api/v1/gebruikers/ik", headers={"Authorization": f"Bearer {token}"}).json()
        assert "beheerder" in ik["rollen"]
        probleem(c.get("/api/v1/gebruikers/ik", headers={"Authorization": f"Bearer {token}x"}), 401)
    assert tokens_in_database(engine, token) == []


def test_gelijktijdige_eerste_verzoeken_met_admin_token(database_url, engine):
    """Several first requests at once with PARAAF_ADMIN_TOKEN: all succeed, one beheerder."""
    token = "gelijktijdig-token-" + "y" * 20
    app = maak_app(Settings(database_url=database_url, admin_token=token), engine=engine)
    uitkomsten: list = []
    slot = threading.Lock()
    n = 6
    start = threading.Barrier(n)

    def vraag(client: TestClient):
        start.wait(timeout=10)
        try:
            r = client.get("/api/v1/gebruikers/ik", headers={"Authorization": f"Bearer {token}"})
            uitkomst = (r.status_code, r.json().get("id"))
        except Exception as e:  # noqa: BLE001 - a server error must fail the test, not the thread
            uitkomst = (type(e).__name__, str(e)[:200])
        with slot:
            uitkomsten.append(uitkomst)

    clients = [TestClient(app, raise_server_exceptions=False) for _ in range(n)]
    for c in clients:
        c.__enter__()
    try:
        draden = [threading.Thread(target=vraag, args=(c,)) for c in clients]
        for d in draden:
            d.start()
        for d in draden:
            d.join(timeout=60)
    finally:
        for c in clients:
            c.__exit__(None, None, None)
    assert len(uitkomsten) == n
    assert all(u[0] == 200 for u in uitkomsten), uitkomsten
    assert len({u[1] for u in uitkomsten}) == 1, f"meer dan één beheerder: {uitkomsten}"
    from sqlalchemy import text

    with engine.connect() as c:
        beheerders = c.execute(text("SELECT COUNT(*) FROM gebruiker")).scalar_one()
        tokens = c.execute(text("SELECT COUNT(*) FROM token")).scalar_one()
    assert (beheerders, tokens) == (1, 1)


def _cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PARAAF_DATABASE_URL": url}
    env.pop("PARAAF_ADMIN_TOKEN", None)
    return subprocess.run(
        [str(VENV_BIN / "paraaf"), *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_cli_gebruiker_toevoegen_geeft_een_werkend_token(tmp_path, sqlite_sjabloon):
    import shutil

    pad = tmp_path / "cli.db"
    shutil.copy(sqlite_sjabloon, pad)
    url = f"sqlite:///{pad}"
    uit = _cli(
        url,
        "gebruiker",
        "toevoegen",
        "--naam",
        "Bea Beheer",
        "--email",
        "bea@minbzk.test",
        "--departement",
        "BZK",
        "--rol",
        "beheerder",
    )
    assert uit.returncode == 0, uit.stderr
    tokens = re.findall(r"\S{24,}", uit.stdout)
    assert tokens, uit.stdout
    token = tokens[-1]
    engine = maak_engine(url)
    try:
        app = maak_app(Settings(database_url=url, admin_token=None), engine=engine)
        with TestClient(app) as c:
            ik = c.get("/api/v1/gebruikers/ik", headers={"Authorization": f"Bearer {token}"})
            assert ik.status_code == 200, ik.text
            assert ik.json()["rollen"] == ["beheerder"] and ik.json()["email"] == "bea@minbzk.test"
            r = c.post(
                "/api/v1/gebruikers",
                headers={"Authorization": f"Bearer {token}"},
                json={"naam": "O", "email": "o@minvro.test", "departement": "VRO", "rollen": ["opsteller"]},
            )
            assert r.status_code == 201, r.text
        assert tokens_in_database(engine, token) == []
    finally:
        engine.dispose()


# --- tokens never in logs ------------------------------------------------------------------------------


def test_tokens_nooit_in_logs_of_gebeurtenissen(api, engine, caplog, opsteller):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # statements and parameters too
    try:
        tweede = api.gebruiker("VRO", "opsteller")
        ingetrokken = api.gebruiker("EZ", "afstemmer")
        vernieuwd = api.beheerder.post(f"/gebruikers/{tweede.id}/token").json()["token"]
        api.beheerder.delete(f"/gebruikers/{ingetrokken.id}/token")
        doc = importeer(api, opsteller)
        api.als(vernieuwd).put(
            f"/documenten/{doc['id']}/secties/{doc['secties'][0]['id']}", json={"tekst": "nieuw", "basisversie": 1}
        )
        fout_token = "prf_ditbestaatniet_" + "z" * 24
        for token in (tweede.token, ingetrokken.token, fout_token):  # refused tokens
            assert api.als(token).get("/gebruikers/ik").status_code == 401
        gebeurtenissen = api.als(opsteller).get(f"/documenten/{doc['id']}/gebeurtenissen")
        assert gebeurtenissen.status_code == 200
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.NOTSET)
    geheim = [opsteller.token, tweede.token, ingetrokken.token, vernieuwd, fout_token, BEHEER_TOKEN]
    assert len(caplog.records) > 0
    for record in caplog.records:
        tekst = record.getMessage() + repr(record.args) + (record.exc_text or "")
        for token in geheim:
            assert token not in tekst, f"token in log ({record.name}): {tekst[:300]}"
    for token in geheim:
        assert token not in gebeurtenissen.text
    assert tokens_in_database(engine, *geheim) == []
    # The SQL log was really on (so the check above covered parameters too).
    assert any(r.name.startswith("sqlalchemy.engine") for r in caplog.records)


@pytest.mark.parametrize("paraafniveau", [None, "directeur"])
def test_parafeerder_zonder_paraafniveau_weigeren_api_en_cli_gelijk(tmp_path, sqlite_sjabloon, api, paraafniveau):
    """The rule lives on GebruikerNieuw, which the API and `paraaf gebruiker toevoegen` both build."""
    import shutil

    pad = tmp_path / "cli.db"
    shutil.copy(sqlite_sjabloon, pad)
    extra = ["--paraafniveau", paraafniveau] if paraafniveau else []
    cli = _cli(
        f"sqlite:///{pad}",
        *("gebruiker", "toevoegen", "--naam", "Piet Paraaf", "--email", "piet@minvro.test", "--departement", "VRO"),
        *("--rol", "parafeerder", *extra),
    )
    r = nieuw(api, rollen=["parafeerder"], paraafniveau=paraafniveau)
    if paraafniveau is None:
        assert cli.returncode == 1 and "Een parafeerder heeft een paraafniveau nodig." in cli.stderr, cli.stderr
        assert r.status_code == 422 and [p["name"] for p in r.json()["invalid_params"]] == ["paraafniveau"], r.text
        assert "Een parafeerder heeft een paraafniveau nodig." in r.json()["detail"]
    else:
        assert cli.returncode == 0, cli.stderr
        assert r.status_code == 201 and r.json()["paraafniveau"] == paraafniveau, r.text


# --- the checks above, one test per rule ---

REGELS = [
    _departementen_zijn_precies_die_van_api_md,
    _beheerder_maakt_gebruiker_en_het_token_werkt,
    _token_wordt_maar_een_keer_getoond,
    _gebruiker_ik_is_de_aanroeper,
    _schema_naam_is_hoofdletterongevoelig,
    _dubbel_emailadres_is_409,
]


@pytest.mark.parametrize("regel", REGELS, ids=lambda regel: regel.__name__.lstrip("_"))
def test_regel(regel, api, request):
    """One test per rule (the test id names it), with the fixtures the rule asks for (`api`
    named here, so the test runs on every backend)."""
    regel(**{naam: api if naam == "api" else request.getfixturevalue(naam) for naam in inspect.signature(regel).parameters})
