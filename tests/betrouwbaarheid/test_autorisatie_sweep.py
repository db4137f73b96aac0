"""Authorisation sweep and token hygiene (issue item 5).

Every route of the app under /api/v1 (enumerated from the app itself, with its methods and path
parameters) is called by every role (opsteller, afstemmer, parafeerder, bewindspersoon,
beheerder) of a department that has nothing to do with the document (EZ: not penvoerder, not
mede namens, not invited to a ronde), with valid ids of an existing document, section,
proposal and ronde and a plausible valid body. Expected: 403 or 404 as problem+json, never a
2xx, and no text of the document in the answer — except the public and self endpoints, and
the two lists, which must list none of the other department's documents or proposals.
Afterwards nothing of the document was changed.

Tokens: never in the application's logs (caplog at DEBUG, SQL included), in a server's
access/debug log, in the event log, or in any database column; a revoked token is 401 on the
very next request — also across two worker processes on PostgreSQL.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading

import httpx
import pytest

from . import controle
from .server import Server, database, postgres_reden
from .wereld import ROLLEN, Wereld, bouw, ok, over, probleem

API = "/api/v1"

# Open to any authenticated caller (or nobody): nothing about documents in them.
PUBLIEK = {("GET", "/gezondheid"), ("GET", "/departementen"), ("GET", "/gebruikers/ik")}
# The caller's own settings (meldingen, afwezigheid): about the caller only, never a document.
EIGEN = {
    ("GET", "/gebruikers/ik/meldingen"),
    ("PUT", "/gebruikers/ik/meldingen"),
    ("GET", "/gebruikers/ik/afwezigheid"),
    ("PUT", "/gebruikers/ik/afwezigheid"),
    ("DELETE", "/gebruikers/ik/afwezigheid"),
}
# Lists: 200, filtered to what the caller may see.
LIJSTEN = {("GET", "/documenten"), ("GET", "/tekstvoorstellen")}
# User administration: a beheerder of any department may (docs/api.md, the beheerder role; the
# matrix of tests/test_autorisatie.py), everyone else 403.
BEHEER = {
    ("GET", "/gebruikers"),
    ("POST", "/gebruikers"),
    ("POST", "/gebruikers/{gebruiker_id}/token"),
    ("DELETE", "/gebruikers/{gebruiker_id}/token"),
    ("PUT", "/gebruikers/{gebruiker_id}/rollen"),
}
# Not the API: the OpenAPI document and the interactive docs.
NIET_API = {("GET", "/openapi.json"), ("GET", "/docs"), ("HEAD", "/openapi.json"), ("HEAD", "/docs")}


def api_routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route of `app` under /api/v1, from the app's own routing table."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI >= 0.16x: nested routers

        contexten = list(iter_route_contexts(app.routes))
    except ImportError:  # older FastAPI: a flat list of routes
        contexten = list(app.routes)
    uit = set()
    for r in contexten:
        pad = getattr(r, "path", None) or ""
        if not pad.startswith(API + "/"):
            continue
        for methode in getattr(r, "methods", None) or ():
            uit.add((methode, pad[len(API) :]))
    return sorted(uit)


def _padparameters(w: Wereld) -> dict[str, int]:
    return {
        "document_id": w.doc["id"],
        "sectie_id": w.sectie["id"],
        "tekstvoorstel_id": w.voorstel["id"],
        "ronde_id": w.ronde["id"],
        "gebruiker_id": w.wegwerp.id,
        "afhankelijkheid_id": w.afhankelijkheid["id"],
        "nummer": 1,
    }


def _verzoek(w: Wereld, methode: str, pad: str) -> dict:
    """Plausible valid query and body for a route (what the rightful user would send)."""
    v = w.sectie["versie"]
    lichamen = {
        ("POST", "/documenten"): {"json": {"soort": "kamerbrief", "titel": "Overname", "penvoerder": "VRO"}},
        ("POST", "/documenten/import"): {
            "files": {"bestand": ("b.md", b"# Kop\n\nTekst.\n", "text/markdown")},
            "data": {"soort": "kamerbrief", "titel": "Overname", "penvoerder": "VRO"},
        },
        ("POST", "/documenten/{document_id}/secties"): {"json": {"kop": "Nieuw", "tekst": "Nieuwe tekst."}},
        ("PUT", "/documenten/{document_id}/secties/{sectie_id}"): {"json": {"tekst": "Overschreven.", "basisversie": v}},
        ("POST", "/documenten/{document_id}/secties/{sectie_id}/tekstvoorstellen"): {
            "json": {"basisversie": v, "oorspronkelijk": "maatregelen", "voorgesteld": "stappen"}
        },
        ("POST", "/tekstvoorstellen/{tekstvoorstel_id}/reacties"): {"json": {"oordeel": "akkoord"}},
        ("POST", "/tekstvoorstellen/{tekstvoorstel_id}/besluit"): {"json": {"tekst": "werken samen"}},
        ("POST", "/documenten/{document_id}/afstemmingsrondes"): {"json": {"departementen": ["EZ"], "termijn": over(days=2)}},
        ("POST", "/afstemmingsrondes/{ronde_id}/oordelen"): {"json": {"oordeel": "akkoord"}},
        ("PUT", "/gebruikers/ik/meldingen"): {"json": {"voorkeur": "dagelijks"}},
        ("PUT", "/gebruikers/ik/afwezigheid"): {"json": {"tot": "2099-01-01", "vervanger": w.mensen["opsteller"].id}},
        ("POST", "/gebruikers"): {
            "json": {
                "naam": "Nieuw",
                "email": f"n{secrets.token_hex(4)}@minez.test",
                "departement": "EZ",
                "rollen": ["afstemmer"],
            }
        },
        ("PUT", "/gebruikers/{gebruiker_id}/rollen"): {"json": {"rollen": ["afstemmer"]}},
        ("POST", "/documenten/{document_id}/afhankelijkheden"): {"json": {"omschrijving": "Eerst dit."}},
        ("POST", "/afhankelijkheden/{afhankelijkheid_id}/vervuld"): {"json": {"toelichting": "Gedaan."}},
        ("POST", "/afhankelijkheden/{afhankelijkheid_id}/vervallen"): {"json": {"toelichting": "Niet nodig."}},
        ("POST", "/documenten/{document_id}/afwijkingen"): {"json": {"departement": "DEF", "reden": "Wij gaan door."}},
        ("POST", "/documenten/{document_id}/beslispunten/{nummer}/besluit"): {"json": {"besluit": "akkoord"}},
        ("GET", "/documenten/{document_id}/secties/{sectie_id}/verschil"): {"params": {"van": 1, "tot": 1}},
        ("GET", "/documenten/{document_id}/wijzigingen.docx"): {"params": {"van": 1}},
    }
    return lichamen.get((methode, pad), {})


def _geheimen(w: Wereld) -> list[str]:
    return [w.geheim, w.doc["inhoudshash"], w.sectie["tekst"][:20]]


def test_routes_worden_gevonden():
    from app.main import app

    routes = api_routes(app)
    # Sanity: the enumeration sees the whole API, so the sweep below cannot silently shrink.
    assert len(routes) >= 35, routes
    for verwacht in [
        ("PUT", "/documenten/{document_id}/secties/{sectie_id}"),
        ("POST", "/tekstvoorstellen/{tekstvoorstel_id}/overnemen"),
        ("GET", "/documenten/{document_id}/gebeurtenissen"),
        ("DELETE", "/gebruikers/{gebruiker_id}/token"),
        ("GET", "/documenten/{document_id}/docx"),
    ]:
        assert verwacht in routes, verwacht


def test_vreemd_departement_krijgt_niets(api, app, engine):
    w = bouw(api)
    routes = [r for r in api_routes(app) if r not in NIET_API]
    pad_ids = _padparameters(w)
    voor = controle.tellingen(engine)
    eigen_voorstellen = {w.voorstel["id"], w.tegenvoorstel["id"]}
    fouten: list[str] = []
    bezocht = set()
    for rol in ROLLEN:
        wie = w.vreemd[rol]
        for methode, pad in routes:
            namen = re.findall(r"{(\w+)}", pad)
            onbekend = [n for n in namen if n not in pad_ids]
            assert not onbekend, f"nieuw soort id in {methode} {pad}: {onbekend}; voeg het toe aan _padparameters"
            url = pad.format(**pad_ids)
            kw = _verzoek(w, methode, pad)
            antwoord = api.als(wie).client.request(methode, API + url, headers=api.als(wie).headers, **kw)
            bezocht.add((methode, pad))
            sleutel = f"{rol} {methode} {url}"
            tekst = antwoord.text
            if (methode, pad) in PUBLIEK:
                if antwoord.status_code != 200:
                    fouten.append(f"{sleutel}: {antwoord.status_code} (publiek of eigen gegevens verwacht)")
                elif pad == "/gebruikers/ik" and antwoord.json()["id"] != wie.id:
                    fouten.append(f"{sleutel}: ander dan de vrager")
            elif (methode, pad) in EIGEN:
                # 422: no colleague of the same department and role to name as vervanger.
                if antwoord.status_code not in (200, 204, 422):
                    fouten.append(f"{sleutel}: {antwoord.status_code} (eigen instellingen verwacht)")
            elif (methode, pad) in LIJSTEN:
                if antwoord.status_code != 200:
                    fouten.append(f"{sleutel}: {antwoord.status_code}")
                    continue
                lijst = antwoord.json()
                if pad == "/documenten":
                    ids = {d["id"] for d in lijst}
                    if w.doc["id"] in ids:
                        fouten.append(f"{sleutel}: het VRO-document staat in de lijst")
                    if w.eigen_doc["id"] not in ids:
                        fouten.append(f"{sleutel}: het eigen EZ-document ontbreekt (de filtercontrole zegt dan niets)")
                elif {v["id"] for v in lijst} & eigen_voorstellen or any(v["document"] == w.doc["id"] for v in lijst):
                    fouten.append(f"{sleutel}: voorstellen van het VRO-document in de lijst")
            elif (methode, pad) in BEHEER and rol == "beheerder":
                if not 200 <= antwoord.status_code < 300:
                    fouten.append(f"{sleutel}: beheerder mag gebruikers beheren, kreeg {antwoord.status_code}")
            else:
                if antwoord.status_code not in (403, 404):
                    fouten.append(f"{sleutel}: {antwoord.status_code} in plaats van 403/404: {tekst[:200]}")
                    continue
                try:
                    probleem(antwoord, 403, 404)
                except AssertionError as e:
                    fouten.append(f"{sleutel}: {e}")
            if (methode, pad) not in PUBLIEK | BEHEER and (methode, pad) != ("GET", "/documenten"):
                for geheim in _geheimen(w):
                    if geheim in tekst:
                        fouten.append(f"{sleutel}: het antwoord bevat {geheim!r}")
    assert fouten == [], "\n".join(fouten)
    assert bezocht == set(routes)
    # Control: the same ids and queries are valid — the penvoerder's opsteller reads every one.
    for methode, pad in routes:
        if methode == "GET" and "{" in pad:
            r = api.als(w.mensen["opsteller"]).client.get(
                API + pad.format(**pad_ids), headers=api.als(w.mensen["opsteller"]).headers, **_verzoek(w, methode, pad)
            )
            # The Woo package needs a vastgestelde letter; this world's is in afstemming, so the
            # opsteller gets past every permission check to the state check (409), not 403/404.
            verwacht = 409 if pad.endswith("/woo-pakket.zip") else 200
            assert r.status_code == verwacht, (pad, r.status_code, r.text[:200])
    # The lists with an explicit filter on the other department's document are refused too.
    for rol in ROLLEN:
        r = api.als(w.vreemd[rol]).get("/tekstvoorstellen", params={"document": w.doc["id"]})
        probleem(r, 403, 404)
        assert w.geheim not in r.text
    # Nothing of the document changed (user administration by the EZ beheerder aside).
    na = controle.tellingen(engine)
    for sleutel in set(voor) | set(na):
        if (
            sleutel in ("gebruiker", "token", "gebeurtenis", "ketenkop")
            or sleutel.startswith("gebeurtenis:gebruiker")
            or sleutel.startswith("gebeurtenis:token")
            or sleutel.startswith("gebeurtenis:afwezigheid")
        ):
            continue
        assert voor.get(sleutel) == na.get(sleutel), (sleutel, voor.get(sleutel), na.get(sleutel))
    doc_na = ok(api.als(w.mensen["opsteller"]).get(f"/documenten/{w.doc['id']}"))
    assert (doc_na["revisie"], doc_na["inhoudshash"], doc_na["status"]) == (
        w.doc["revisie"],
        w.doc["inhoudshash"],
        w.doc["status"],
    )
    assert controle.gebeurtenissen_per_soort(engine, w.doc["id"]) == _soorten_na_bouw()
    assert controle.inconsistenties(engine) == []


def _soorten_na_bouw():
    from collections import Counter

    return Counter(
        {
            "document_geimporteerd": 1,
            "ronde_geopend": 1,
            "documentstatus_gewijzigd": 1,
            "tekstvoorstel_ingediend": 1,
            "reactie_gegeven": 1,
            "afhankelijkheid_toegevoegd": 1,
        }
    )


def test_zonder_token_nergens_data(api, app):
    w = bouw(api)
    pad_ids = _padparameters(w)
    fouten = []
    for methode, pad in api_routes(app):
        if (methode, pad) in NIET_API or (methode, pad) == ("GET", "/gezondheid"):
            continue
        url = pad.format(**pad_ids)
        for kop in ({}, {"Authorization": "Bearer onbekend-" + secrets.token_hex(8)}, {"Authorization": "Basic abc"}):
            r = api.client.request(methode, API + url, headers=kop, **_verzoek(w, methode, pad))
            if r.status_code != 401:
                fouten.append(f"{methode} {url} {kop}: {r.status_code}")
            elif w.geheim in r.text or r.headers.get("content-type", "").split(";")[0] != "application/problem+json":
                fouten.append(f"{methode} {url}: 401 zonder problem+json of met data")
    assert fouten == [], "\n".join(fouten)


# Every way a request can be wrong besides its token: ids that name nothing (or are not numbers),
# a body of the wrong shape, query parameters out of range.
_ONZIN_QUERY = {"van": "x", "tot": -1, "limiet": 0, "vanaf": "nul", "variant": "geen", "soort": "?", "status": "?"}


def _onzinverzoek(methode: str) -> dict:
    if methode in ("POST", "PUT", "PATCH"):
        return {"params": _ONZIN_QUERY, "content": b'{"tekst": [1], "basisversie": "twee", "oordeel": {}}',
                "headers_extra": {"content-type": "application/json"}}  # fmt: skip
    return {"params": _ONZIN_QUERY}


@pytest.mark.parametrize("ids", ["999999", "abc"], ids=["onbekend", "geen-getal"])
def test_een_onbekend_token_gaat_voor_elke_andere_fout(api, app, ids):
    """docs/api.md's order starts with 401: a request with an unknown token is 401 on every route,
    whatever else is wrong with it, so a route can never tell a stranger whether an id exists
    or what shape its body has (the context authenticates lazily, app/deps.py)."""
    fouten = []
    for methode, pad in api_routes(app):
        if (methode, pad) in NIET_API or (methode, pad) == ("GET", "/gezondheid"):
            continue
        url = re.sub(r"\{\w+\}", ids, pad)
        kw = _onzinverzoek(methode)
        koppen = {"Authorization": "Bearer onbekend-" + secrets.token_hex(8), **kw.pop("headers_extra", {})}
        r = api.client.request(methode, API + url, headers=koppen, **kw)
        if r.status_code != 401 or r.headers.get("content-type", "").split(";")[0] != "application/problem+json":
            fouten.append(f"{methode} {url}: {r.status_code} {r.text[:80]}")
    assert fouten == [], "\n".join(fouten)


def test_een_bekende_gebruiker_hoort_eerst_dat_het_id_niet_bestaat(api, app):
    """Next in the order: 404 for an id that names nothing, before the body or the query is
    looked at, and before any permission (docs/api.md: existence first), on every route with an id."""
    opsteller = api.gebruiker("VRO", "opsteller")
    fouten = []
    for methode, pad in api_routes(app):
        if "{" not in pad or (methode, pad) in NIET_API:
            continue
        url = re.sub(r"\{\w+\}", "999999", pad)
        kw = _onzinverzoek(methode)
        koppen = {**api.als(opsteller).headers, **kw.pop("headers_extra", {})}
        r = api.client.request(methode, API + url, headers=koppen, **kw)
        if r.status_code != 404:
            fouten.append(f"{methode} {url}: {r.status_code}: {r.text[:80]}")
    assert fouten == [], "\n".join(fouten)


# --- tokens -------------------------------------------------------------------------------------


def _werklast(api, w: Wereld) -> None:
    """Some of everything, including refusals and an unknown token."""
    m = w.mensen
    s = w.sectie
    ok(
        api.als(m["opsteller"]).put(
            f"/documenten/{w.doc['id']}/secties/{s['id']}", json={"tekst": s["tekst"] + " Extra.", "basisversie": s["versie"]}
        )
    )
    r = api.als(m["opsteller"]).put(f"/documenten/{w.doc['id']}/secties/{s['id']}", json={"tekst": "x", "basisversie": 99})
    assert r.status_code == 422
    ok(api.als(m["DEF"]).post(f"/tekstvoorstellen/{w.tegenvoorstel['id']}/reacties", json={"oordeel": "akkoord"}), 201)
    ok(api.als(m["IenW"]).post(f"/afstemmingsrondes/{w.ronde['id']}/oordelen", json={"oordeel": "akkoord"}), 201)
    assert api.als(w.vreemd["afstemmer"]).get(f"/documenten/{w.doc['id']}").status_code == 403
    assert api.als("onbekend-token-" + "z" * 20).get("/gebruikers/ik").status_code == 401
    ok(api.als(m["opsteller"]).get(f"/documenten/{w.doc['id']}/gebeurtenissen"))
    assert api.als(m["opsteller"]).get(f"/documenten/{w.doc['id']}/html").status_code == 200
    vernieuwd = ok(api.beheerder.post(f"/gebruikers/{w.wegwerp.id}/token"))
    w.mensen["wegwerp_nieuw"] = type(w.wegwerp)(id=w.wegwerp.id, token=vernieuwd["token"], departement="VRO", naam="x")


def _alle_waarden(engine) -> list[tuple[str, str, str]]:
    from sqlalchemy import inspect, text

    uit = []
    with engine.connect() as c:
        for tabel in inspect(engine).get_table_names():
            res = c.execute(text(f'SELECT * FROM "{tabel}"'))
            kolommen = list(res.keys())
            for rij in res:
                for kolom, waarde in zip(kolommen, rij, strict=True):
                    if waarde is not None:
                        uit.append((tabel, kolom, str(waarde)))
    return uit


def test_tokens_niet_in_logs_gebeurtenissen_of_database(api, engine, caplog):
    from tests.conftest import BEHEER_TOKEN

    caplog.set_level(logging.DEBUG)
    for naam in ("sqlalchemy.engine", "paraaf", "httpx", "uvicorn", "fastapi"):
        caplog.set_level(logging.DEBUG, logger=naam)
    w = bouw(api)
    _werklast(api, w)
    tokens = [BEHEER_TOKEN, *w.tokens, w.wegwerp.token, w.mensen["wegwerp_nieuw"].token, "onbekend-token-" + "z" * 20]
    assert len(caplog.records) > 50, "nauwelijks log: de controle zegt niets"
    assert any("SELECT" in r.getMessage() for r in caplog.records), "geen SQL-log op DEBUG: de controle mist de parameters"
    log = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records) + caplog.text
    for token in tokens:
        assert token not in log, f"token {token[:6]}… staat in het log"
    # The event log, through the API and as stored, and every column of every table.
    gebeurtenissen = api.als(w.mensen["opsteller"]).get(f"/documenten/{w.doc['id']}/gebeurtenissen").text
    waarden = _alle_waarden(engine)
    assert len(waarden) > 100
    for token in tokens:
        assert token not in gebeurtenissen
        treffers = [(t, k) for t, k, v in waarden if token in v]
        assert treffers == [], f"token {token[:6]}… staat in de database: {treffers}"


def test_ingetrokken_token_meteen_401(api):
    opsteller = api.gebruiker("VRO", "opsteller")
    ok(api.als(opsteller).get("/gebruikers/ik"))
    ok(api.beheerder.delete(f"/gebruikers/{opsteller.id}/token"))
    for pad in ("/gebruikers/ik", "/documenten", "/departementen"):
        r = api.als(opsteller).get(pad)
        probleem(r, 401)
        assert r.headers.get("www-authenticate", "").lower().startswith("bearer")
    r = api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"})
    probleem(r, 401)
    # A new token works; the old one stays dead; renewing revokes the previous one at once.
    nieuw = ok(api.beheerder.post(f"/gebruikers/{opsteller.id}/token"))["token"]
    assert nieuw != opsteller.token
    ok(api.als(nieuw).get("/gebruikers/ik"))
    probleem(api.als(opsteller).get("/gebruikers/ik"), 401)
    nog_nieuwer = ok(api.beheerder.post(f"/gebruikers/{opsteller.id}/token"))["token"]
    probleem(api.als(nieuw).get("/gebruikers/ik"), 401)
    ok(api.als(nog_nieuwer).get("/gebruikers/ik"))


# --- against real server processes --------------------------------------------------------------


def _maak_gebruiker(c: httpx.Client, admin: str, dep: str, rol: str) -> dict:
    r = c.post(
        "/gebruikers",
        headers={"Authorization": f"Bearer {admin}"},
        json={
            "naam": f"{rol} {dep}",
            "email": f"{rol}.{secrets.token_hex(4)}@{dep.lower()}.test",
            "departement": dep,
            "rollen": [rol],
        },
    )
    assert r.status_code == 201, r.text
    return r.json()


@pytest.mark.traag
@pytest.mark.postgres
def test_intrekken_werkt_meteen_op_elke_worker(tmp_path):
    reden = postgres_reden()
    if reden:
        pytest.skip(reden)
    admin = "admin-" + secrets.token_urlsafe(24)
    with database("postgres", tmp_path) as url, Server(url, admin, workers=2, log=tmp_path / "uvicorn.log") as srv:
        with httpx.Client(base_url=srv.api, timeout=30) as c:
            gebruiker = _maak_gebruiker(c, admin, "VRO", "opsteller")
        token = gebruiker["token"]
        # Keep-alive connections opened before the revocation stay with the worker that
        # accepted them: with 12 of them both workers are (almost surely) covered.
        verbindingen = [
            httpx.Client(base_url=srv.api, timeout=30, headers={"Authorization": f"Bearer {token}"}) for _ in range(12)
        ]
        try:
            for v in verbindingen:
                assert v.get("/gebruikers/ik").status_code == 200
            with httpx.Client(base_url=srv.api, timeout=30) as c:
                r = c.delete(f"/gebruikers/{gebruiker['id']}/token", headers={"Authorization": f"Bearer {admin}"})
                assert r.status_code == 200, r.text
            statussen = [v.get("/gebruikers/ik").status_code for v in verbindingen]
            statussen += [
                httpx.get(f"{srv.api}/gebruikers/ik", headers={"Authorization": f"Bearer {token}"}).status_code for _ in range(20)
            ]
            assert statussen == [401] * len(statussen), statussen
        finally:
            for v in verbindingen:
                v.close()
    assert token not in srv.log_tekst()


@pytest.mark.traag
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_geen_tokens_in_het_serverlog(tmp_path, backend):
    if backend == "postgres" and (reden := postgres_reden()):
        pytest.skip(reden)
    admin = "admin-" + secrets.token_urlsafe(24)
    workers = 2 if backend == "postgres" else 1
    with (
        database(backend, tmp_path) as url,
        Server(url, admin, workers=workers, log=tmp_path / "uvicorn.log", log_level="debug") as srv,
    ):
        with httpx.Client(base_url=srv.api, timeout=30) as c:
            opsteller = _maak_gebruiker(c, admin, "VRO", "opsteller")
            afstemmer = _maak_gebruiker(c, admin, "DEF", "afstemmer")
            kop = {"Authorization": f"Bearer {opsteller['token']}"}
            doc = c.post(
                "/documenten",
                headers=kop,
                json={"soort": "kamerbrief", "titel": "Log", "penvoerder": "VRO", "mede_namens": ["DEF"]},
            ).json()
            s = c.post(f"/documenten/{doc['id']}/secties", headers=kop, json={"kop": "K", "tekst": "een twee drie"}).json()
            assert (
                c.put(
                    f"/documenten/{doc['id']}/secties/{s['id']}", headers=kop, json={"tekst": "een 2 drie", "basisversie": 1}
                ).status_code
                == 200
            )
            assert c.put(f"/documenten/{doc['id']}/secties/{s['id']}", headers=kop, json={"tekst": "x\u0001"}).status_code == 422
            r = c.post(
                f"/documenten/{doc['id']}/secties/{s['id']}/tekstvoorstellen",
                headers={"Authorization": f"Bearer {afstemmer['token']}"},
                json={"basisversie": 2, "oorspronkelijk": "drie", "voorgesteld": "vier"},
            )
            assert r.status_code == 201, r.text
            assert c.get("/gebruikers/ik", headers={"Authorization": "Bearer onbekend-" + "q" * 30}).status_code == 401
            # Several at once, so a worker logs while another does.
            draden = [
                threading.Thread(target=lambda: httpx.get(f"{srv.api}/documenten/{doc['id']}", headers=kop)) for _ in range(8)
            ]
            for d in draden:
                d.start()
            for d in draden:
                d.join()
            assert (
                c.delete(f"/gebruikers/{afstemmer['id']}/token", headers={"Authorization": f"Bearer {admin}"}).status_code == 200
            )
            assert c.get("/gebruikers/ik", headers={"Authorization": f"Bearer {afstemmer['token']}"}).status_code == 401
    log = srv.log_tekst()
    assert '"GET /api/v1/documenten/' in log and "401" in log, "geen toegangslog: de controle zegt niets"
    for token in (admin, opsteller["token"], afstemmer["token"], "onbekend-" + "q" * 30):
        assert token not in log
