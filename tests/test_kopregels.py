"""Issue 11, item 4: API answers are never stored by a cache (`Cache-Control: no-store` on
every route of the app's own routing table, errors included), renders say what they are
(nosniff), and a document's /html carries the web pages' security headers, with a CSP that
admits exactly its own inline style sheet."""

from __future__ import annotations

import base64
import hashlib
import re

from app.middleware import KOPREGELS
from tests.betrouwbaarheid.test_autorisatie_sweep import NIET_API, _padparameters, _verzoek, api_routes
from tests.betrouwbaarheid.wereld import bouw


def test_elk_api_antwoord_heeft_no_store(app, api, backend):
    w = bouw(api)
    params = _padparameters(w)
    routes = [r for r in api_routes(app) if r not in NIET_API and r[0] in ("GET", "POST", "PUT", "DELETE")]
    assert len(routes) >= 35
    gezien = set()
    for methode, pad in routes:
        ingevuld = re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), pad)
        kwargs = _verzoek(w, methode, pad)
        for wie in (w.mensen["opsteller"], w.vreemd["afstemmer"], None):
            headers = {"Authorization": f"Bearer {wie.token}"} if wie else {}
            r = api.client.request(methode, "/api/v1" + ingevuld, headers=headers, **kwargs)
            assert r.status_code < 500, (methode, pad, r.status_code, r.text[:300])
            assert r.headers.get("cache-control") == "no-store", (methode, pad, r.status_code, dict(r.headers))
            gezien.add(r.status_code)
    assert {200, 401, 403} <= gezien
    assert api.client.get("/api/v1/openapi.json").headers.get("cache-control") != "no-store"


def test_renders_zeggen_wat_ze_zijn(api, backend):
    w = bouw(api)
    als = api.als(w.mensen["opsteller"])
    for pad in (f"/documenten/{w.doc['id']}/docx", f"/documenten/{w.doc['id']}/wijzigingen.docx?van=1"):
        r = als.get(pad)
        assert r.status_code == 200
        assert r.headers["cache-control"] == "no-store" and r.headers["x-content-type-options"] == "nosniff"


def test_html_heeft_de_beveiligingskoppen_van_de_webpaginas(api):
    w = bouw(api)
    r = api.als(w.mensen["opsteller"]).get(f"/documenten/{w.doc['id']}/html")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for naam, waarde in KOPREGELS.items():
        if naam != "Content-Security-Policy":
            assert r.headers[naam] == waarde, naam
    csp = r.headers["content-security-policy"]
    richtlijnen = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    web = dict(d.strip().split(" ", 1) for d in KOPREGELS["Content-Security-Policy"].split(";"))
    assert set(richtlijnen) == set(web)
    for naam, waarde in web.items():
        if naam != "style-src":
            assert richtlijnen[naam] == waarde, naam
    # The only extra source is the hash of the page's own style sheet: a browser applies it,
    # and nothing else inline (no script-src at all beyond 'self', no 'unsafe-inline').
    stijlen = re.findall(r"<style>(.*?)</style>", r.text, re.S)
    assert len(stijlen) == 1 and "<script" not in r.text
    digest = base64.b64encode(hashlib.sha256(stijlen[0].encode()).digest()).decode()
    assert richtlijnen["style-src"] == f"'self' 'sha256-{digest}'"
    assert "unsafe-inline" not in csp
