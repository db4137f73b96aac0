"""Bad input (docs/api.md conventions): problem+json for every error; unknown or malformed ids 404;
wrong types 422 with invalid_params; bodies over the limit 413 (declared or chunked, default
2 MiB or configured); characters XML 1.0 forbids are 422 naming field and position; nothing is
written when a request fails; the order 401 -> 404 -> 403 -> 413/422/428 -> 409; and no input
gives a 500.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import maak_app
from tests.conftest import BEHEER_TOKEN
from tests.helpers_fundament import (
    PROBLEM_JSON,
    RUWE_SURROGATEN,
    VERBODEN_TEKENS,
    aantal_gebeurtenissen,
    momentopname,
    noemt_positie,
    probleem,
    verschil_momentopnamen,
)

MIB = 1024 * 1024


@pytest.fixture
def opzet(api, opsteller):
    """A document with one section at version 2 (so basisversie 1 is stale)."""
    doc = api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}).json()
    s = api.als(opsteller).post(f"/documenten/{doc['id']}/secties", json={"kop": "A", "tekst": "een twee drie"}).json()
    r = api.als(opsteller).put(f"/documenten/{doc['id']}/secties/{s['id']}", json={"tekst": "een 2 drie", "basisversie": 1})
    assert r.status_code == 200
    return doc["id"], s["id"]


def _ruw(client: TestClient, methode: str, pad: str, token: str | None, inhoud: bytes, **headers):
    kop = {"content-type": "application/json", **headers}
    if token:
        kop["Authorization"] = f"Bearer {token}"
    return client.request(methode, "/api/v1" + pad, headers=kop, content=inhoud)


def _stand(api, wie, engine, doc_id: int, sid: int) -> tuple:
    doc = api.als(wie).get(f"/documenten/{doc_id}").json()
    versies = api.als(wie).get(f"/documenten/{doc_id}/secties/{sid}/versies").json()
    return doc["revisie"], doc["inhoudshash"], len(doc["secties"]), len(versies), aantal_gebeurtenissen(engine)


# --- problem+json for every status --------------------------------------------------------------------


def test_problem_json_voor_elke_foutstatus(api, client, opsteller, opzet):
    doc_id, sid = opzet
    afstemmer = api.gebruiker("VRO", "afstemmer")
    pad = f"/documenten/{doc_id}/secties/{sid}"
    gevallen = {
        401: api.als(None).get("/documenten"),
        403: api.als(afstemmer).put(pad, json={"tekst": "x", "basisversie": 2}),
        404: api.als(opsteller).get("/documenten/999999"),
        405: client.delete("/api/v1/documenten", headers={"Authorization": f"Bearer {opsteller.token}"}),
        409: api.als(opsteller).put(pad, json={"tekst": "een zwei drie", "basisversie": 1}),
        413: api.als(opsteller).put(pad, json={"tekst": "x" * (2 * MIB + 10), "basisversie": 2}),
        422: api.als(opsteller).put(pad, json={"tekst": ["geen", "tekst"], "basisversie": 2}),
        428: api.als(opsteller).put(pad, json={"tekst": "x"}),
    }
    for status, r in gevallen.items():
        probleem(r, status)
        assert re.fullmatch(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?", r.headers.get("api-version", "")), (status, r.headers)
    assert gevallen[401].headers.get("www-authenticate", "").lower().startswith("bearer")
    _api_version_op_elk_antwoord(api, client, opsteller)
    _onbekend_pad_en_methode(api, client, opsteller)


def _api_version_op_elk_antwoord(api, client, opsteller):
    for r in (
        client.get("/api/v1/gezondheid"),
        client.get("/api/v1/openapi.json"),
        client.get("/api/v1/bestaat-niet"),
        api.als(opsteller).get("/documenten"),
        api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}),
    ):
        assert re.fullmatch(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?", r.headers.get("api-version", "")), r.headers
    openapi = client.get("/api/v1/openapi.json").json()
    assert openapi["info"]["version"] == client.get("/api/v1/gezondheid").headers["api-version"]


def _onbekend_pad_en_methode(api, client, opsteller):
    probleem(client.get("/api/v1/bestaat-niet"), 404)
    probleem(client.patch("/api/v1/documenten", headers={"Authorization": f"Bearer {opsteller.token}"}, json={}), 405)


# --- ids ----------------------------------------------------------------------------------------------

SLECHTE_IDS = ["abc", "-1", "0", "1.5", "99999999999999999999", "999999", "１", "+1", "%201", "1e3"]
GROTE_IDS = ["2147483648", "9223372036854775807"]


def _paden(doc_id: int, sid: int, x: str) -> list[tuple[str, str, dict | None]]:
    return [
        ("GET", f"/documenten/{x}", None),
        ("GET", f"/documenten/{x}/gebeurtenissen", None),
        ("GET", f"/documenten/{x}/gebeurtenissen/verificatie", None),
        ("POST", f"/documenten/{x}/secties", {"kop": "K", "tekst": "t"}),
        ("PUT", f"/documenten/{x}/secties/{sid}", {"tekst": "t", "basisversie": 1}),
        ("GET", f"/documenten/{x}/secties/{sid}/versies", None),
        ("GET", f"/documenten/{x}/secties/{sid}/verschil?van=1&tot=2", None),
        ("PUT", f"/documenten/{doc_id}/secties/{x}", {"tekst": "t", "basisversie": 1}),
        ("GET", f"/documenten/{doc_id}/secties/{x}/versies", None),
        ("GET", f"/documenten/{doc_id}/secties/{x}/verschil?van=1&tot=2", None),
        # 404 comes before 422: an invalid body or a missing query does not change it
        ("PUT", f"/documenten/{doc_id}/secties/{x}", {"tekst": 5}),
        ("GET", f"/documenten/{doc_id}/secties/{x}/verschil", None),
    ]


def _vraag(client, methode, pad, token, body):
    return client.request(methode, "/api/v1" + pad, headers={"Authorization": f"Bearer {token}"}, json=body)


def _alle_404(api, client, engine, opsteller, opzet, ids) -> None:
    doc_id, sid = opzet
    buitenstaander = api.gebruiker("EZ", "afstemmer")  # may not even read the document: 404 before 403
    voor = momentopname(engine)
    fouten = []
    for n, x in enumerate(ids):
        for wie in (opsteller, buitenstaander) if n < 3 else (opsteller,):
            for methode, pad, body in _paden(doc_id, sid, x):
                r = _vraag(client, methode, pad, wie.token, body)
                if r.status_code != 404 or r.headers.get("content-type", "").split(";")[0] != PROBLEM_JSON:
                    fouten.append((methode, pad, wie.departement, r.status_code))
        for methode in ("POST", "DELETE"):
            r = client.request(methode, f"/api/v1/gebruikers/{x}/token", headers={"Authorization": f"Bearer {BEHEER_TOKEN}"})
            if r.status_code != 404:
                fouten.append((methode, f"/gebruikers/{x}/token", "beheerder", r.status_code))
    assert fouten == [], fouten
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_onbekende_en_misvormde_ids_zijn_404(api, client, engine, opsteller, opzet):
    _alle_404(api, client, engine, opsteller, opzet, SLECHTE_IDS)
    _sectie_van_een_ander_document_is_404(api, opsteller, opzet)


def test_grote_ids_zijn_404(api, app, engine, opsteller, opzet, backend, request):
    with TestClient(app, raise_server_exceptions=False) as client:
        _alle_404(api, client, engine, opsteller, opzet, GROTE_IDS)


def _sectie_van_een_ander_document_is_404(api, opsteller, opzet):
    doc_id, sid = opzet
    ander = api.als(opsteller).post("/documenten", json={"soort": "bijlage", "titel": "B", "penvoerder": "VRO"}).json()
    probleem(api.als(opsteller).get(f"/documenten/{ander['id']}/secties/{sid}/versies"), 404)
    probleem(api.als(opsteller).put(f"/documenten/{ander['id']}/secties/{sid}", json={"tekst": "x", "basisversie": 2}), 404)


# --- wrong types: 422 naming the field -----------------------------------------------------------------


def test_verkeerde_typen_zijn_422_met_het_veld(api, opsteller, engine, opzet):
    doc_id, sid = opzet
    nieuw = {"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}
    gevallen = [
        ("post", "/documenten", {**nieuw, "titel": 123}, "titel"),
        ("post", "/documenten", {**nieuw, "soort": "roman"}, "soort"),
        ("post", "/documenten", {**nieuw, "penvoerder": "XYZ"}, "penvoerder"),
        ("post", "/documenten", {**nieuw, "mede_namens": "IenW"}, "mede_namens"),
        ("post", "/documenten", {**nieuw, "mede_namens": ["IenW", "NEP"]}, "mede_namens[1]"),
        ("post", "/documenten", {**nieuw, "parafenlijn": [1, 2]}, "parafenlijn[0]"),
        ("post", "/documenten", {**nieuw, "gekoppeld_aan": "abc"}, "gekoppeld_aan"),
        ("post", "/documenten", {**nieuw, "gekoppeld_aan": 999999}, "gekoppeld_aan"),
        ("post", "/documenten", {"titel": "T", "penvoerder": "VRO"}, "soort"),
        ("post", "/documenten", {**nieuw, "titel": None}, "titel"),
        ("post", f"/documenten/{doc_id}/secties", {"kop": "K", "tekst": 5}, "tekst"),
        ("post", f"/documenten/{doc_id}/secties", {"kop": ["K"], "tekst": "t"}, "kop"),
        ("post", f"/documenten/{doc_id}/secties", {"kop": "K", "tekst": "t", "na": "eerste"}, "na"),
        ("put", f"/documenten/{doc_id}/secties/{sid}", {"tekst": "t", "basisversie": "twee"}, "basisversie"),
        ("put", f"/documenten/{doc_id}/secties/{sid}", {"tekst": "t", "basisversie": 1.5}, "basisversie"),
        ("put", f"/documenten/{doc_id}/secties/{sid}", {"tekst": None, "basisversie": 2}, "tekst"),
        ("put", f"/documenten/{doc_id}/secties/{sid}", {"basisversie": 2}, "tekst"),
        ("put", f"/documenten/{doc_id}/secties/{sid}", {"tekst": "t", "basisversie": 2, "reden": {"a": 1}}, "reden"),
    ]
    voor = momentopname(engine)
    for methode, pad, body, veld in gevallen:
        r = getattr(api.als(opsteller), methode)(pad, json=body)
        try:
            probleem(r, 422, veld=veld)
        except AssertionError as e:
            raise AssertionError(f"{methode.upper()} {pad} {body}: {e}") from None
    for query, veld in (("?van=x&tot=1", "van"), ("?van=1&tot=", "tot"), ("?van=1", "tot")):
        probleem(api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil{query}"), 422, veld=veld)
    probleem(api.als(opsteller).get("/documenten?status=nergens"), 422, veld="status")
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_misvormde_body_is_422(api, client, opsteller, engine, opzet):
    doc_id, _ = opzet
    voor = momentopname(engine)
    for inhoud in (b"{soort", b"[1, 2]", b"", b'"tekst"', b"null", b'{"kop": "K", "tekst": "t"', b'{"kop": "K",}'):
        r = _ruw(client, "POST", f"/documenten/{doc_id}/secties", opsteller.token, inhoud)
        assert r.status_code in (400, 422), (inhoud, r.status_code, r.text)
        probleem(r, r.status_code)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_ongeldige_utf8_is_een_volledig_probleem(client, opsteller, opzet):
    doc_id, _ = opzet
    r = _ruw(client, "POST", f"/documenten/{doc_id}/secties", opsteller.token, b'{"kop": "K", "tekst": "abc\xff\xfe"}')
    assert r.status_code in (400, 422), r.text
    probleem(r, r.status_code)


# --- 413 ----------------------------------------------------------------------------------------------


def test_te_grote_body_is_413_met_content_length(api, opsteller, engine, opzet):
    doc_id, sid = opzet
    voor = momentopname(engine)
    groot = "x" * (2 * MIB + 1)
    probleem(api.als(opsteller).post(f"/documenten/{doc_id}/secties", json={"kop": "K", "tekst": groot}), 413)
    probleem(api.als(opsteller).put(f"/documenten/{doc_id}/secties/{sid}", json={"tekst": groot, "basisversie": 2}), 413)
    probleem(api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": groot, "penvoerder": "VRO"}), 413)
    probleem(
        api.beheerder.post("/gebruikers", json={"naam": groot, "email": "a@b.nl", "departement": "VRO", "rollen": ["opsteller"]}),
        413,
    )
    bestand = ("groot.md", b"# Kop\n\n" + b"tekst " * (MIB // 2), "text/markdown")
    probleem(
        api.als(opsteller).post(
            "/documenten/import", files={"bestand": bestand}, data={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}
        ),
        413,
    )
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_te_grote_body_zonder_content_length_is_413(client, opsteller, engine, opzet):
    doc_id, sid = opzet
    voor = momentopname(engine)

    def stukken():
        yield b'{"tekst": "'
        for _ in range(40):
            yield b"x" * (64 * 1024)
        yield b'", "basisversie": 2}'

    r = client.put(
        f"/api/v1/documenten/{doc_id}/secties/{sid}",
        headers={"Authorization": f"Bearer {opsteller.token}", "content-type": "application/json"},
        content=stukken(),
    )
    probleem(r, 413)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_ingestelde_limiet(settings, engine, klok, api, opsteller, opzet):
    """Settings(max_body_bytes=...) sets the limit: exactly at it is fine, one byte more is 413."""
    doc_id, _ = opzet
    limiet = 1000
    klein = maak_app(settings.model_copy(update={"max_body_bytes": limiet}), engine=engine, klok=klok)
    with TestClient(klein) as c:
        kop = {"Authorization": f"Bearer {opsteller.token}", "content-type": "application/json"}

        def body(lengte: int) -> bytes:
            basis = json.dumps({"kop": "K", "tekst": ""}).encode()
            return json.dumps({"kop": "K", "tekst": "y" * (lengte - len(basis))}).encode()

        assert len(body(limiet)) == limiet
        r = c.post(f"/api/v1/documenten/{doc_id}/secties", headers=kop, content=body(limiet))
        assert r.status_code == 201, r.text
        voor = momentopname(engine)
        probleem(c.post(f"/api/v1/documenten/{doc_id}/secties", headers=kop, content=body(limiet + 1)), 413)

        def stukken():
            data = body(limiet + 1)
            for i in range(0, len(data), 100):
                yield data[i : i + 100]

        probleem(c.post(f"/api/v1/documenten/{doc_id}/secties", headers=kop, content=stukken()), 413)
        assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    # The default stays 2 MiB.
    assert Settings().max_body_bytes == 2 * MIB


# --- characters XML 1.0 forbids -------------------------------------------------------------------------

VOORVOEGSEL = "abcde"  # ASCII, so the position is the same in code points, UTF-16 units and bytes


def _velden(doc_id: int, sid: int):
    """(name, method, path, body builder) for each text field that is stored."""
    return [
        ("tekst", "POST", f"/documenten/{doc_id}/secties", lambda w: {"kop": "K", "tekst": w}),
        ("kop", "POST", f"/documenten/{doc_id}/secties", lambda w: {"kop": w, "tekst": "t"}),
        ("tekst", "PUT", f"/documenten/{doc_id}/secties/{sid}", lambda w: {"tekst": w, "basisversie": 2}),
        ("kop", "PUT", f"/documenten/{doc_id}/secties/{sid}", lambda w: {"tekst": "t", "kop": w, "basisversie": 2}),
        ("reden", "PUT", f"/documenten/{doc_id}/secties/{sid}", lambda w: {"tekst": "t", "reden": w, "basisversie": 2}),
        ("titel", "POST", "/documenten", lambda w: {"soort": "kamerbrief", "titel": w, "penvoerder": "VRO"}),
        ("kenmerk", "POST", "/documenten", lambda w: {"soort": "kamerbrief", "titel": "T", "kenmerk": w, "penvoerder": "VRO"}),
    ]


def test_verboden_tekens_zijn_422_met_veld_en_positie(api, client, opsteller, engine, opzet):
    doc_id, sid = opzet
    voor = momentopname(engine)
    fouten = []
    for n, (veld, methode, pad, bouw) in enumerate(_velden(doc_id, sid)):
        # every forbidden character in the first field; a sample of them in the others
        for teken in VERBODEN_TEKENS if n == 0 else ["\x00", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff"]:
            r = client.request(
                methode,
                "/api/v1" + pad,
                headers={"Authorization": f"Bearer {opsteller.token}"},
                json=bouw(VOORVOEGSEL + teken + "fgh"),
            )
            if r.status_code != 422:
                fouten.append((veld, methode, f"U+{ord(teken):04X}", r.status_code))
                continue
            body = probleem(r, 422, veld=veld)
            if not noemt_positie(body, veld, len(VOORVOEGSEL)):
                fouten.append((veld, methode, f"U+{ord(teken):04X}", "positie niet genoemd", body["invalid_params"]))
        for surrogaat in RUWE_SURROGATEN:
            # json.dumps would escape a lone surrogate as \udXXX as well; build the raw text to be sure.
            sjabloon = json.dumps(bouw("@@"))
            inhoud = sjabloon.replace("@@", VOORVOEGSEL + surrogaat + "fgh").encode("ascii")
            r = _ruw(client, methode, pad, opsteller.token, inhoud)
            if r.status_code != 422:
                fouten.append((veld, methode, surrogaat, r.status_code))
                continue
            body = probleem(r, 422, veld=veld)
            if not noemt_positie(body, veld, len(VOORVOEGSEL)):
                fouten.append((veld, methode, surrogaat, "positie niet genoemd", body["invalid_params"]))
    assert fouten == [], fouten
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    _verboden_teken_verderop_noemt_die_positie(api, opsteller, opzet)
    _toegestane_tekens_worden_bewaard(api, client, opsteller, opzet)


def _verboden_teken_verderop_noemt_die_positie(api, opsteller, opzet):
    doc_id, _ = opzet
    tekst = "Regel een.\nRegel twee met \x0c erin."
    body = probleem(
        api.als(opsteller).post(f"/documenten/{doc_id}/secties", json={"kop": "K", "tekst": tekst}), 422, veld="tekst"
    )
    assert noemt_positie(body, "tekst", tekst.index("\x0c")), body


def _toegestane_tekens_worden_bewaard(api, client, opsteller, opzet):
    doc_id, _ = opzet
    tekst = "tab\there\nnieuwe regel – “aanhalingstekens” € 😀 \u00ad\ufffd\U0010fffd"
    r = api.als(opsteller).post(f"/documenten/{doc_id}/secties", json={"kop": "K", "tekst": tekst})
    assert r.status_code == 201, r.text
    assert r.json()["tekst"] == tekst
    # A correctly paired surrogate escape is one character, not an error.
    r = _ruw(client, "POST", f"/documenten/{doc_id}/secties", opsteller.token, b'{"kop": "K", "tekst": "abcde\\ud83d\\ude00"}')
    assert r.status_code == 201, r.text
    assert r.json()["tekst"] == "abcde😀"


# --- nothing written on failure -------------------------------------------------------------------------


def test_niets_geschreven_na_een_mislukt_verzoek(api, client, opsteller, engine, opzet):
    doc_id, sid = opzet
    afstemmer = api.gebruiker("VRO", "afstemmer")
    pad = f"/documenten/{doc_id}/secties"
    voor_stand = _stand(api, opsteller, engine, doc_id, sid)
    voor = momentopname(engine)
    mislukt = [
        api.als(opsteller).put(f"{pad}/{sid}", json={"tekst": "een zwei drie", "basisversie": 1}),  # 409
        api.als(opsteller).put(f"{pad}/{sid}", json={"tekst": "nieuw"}),  # 428
        api.als(opsteller).put(f"{pad}/{sid}", json={"tekst": "nieuw\x00", "basisversie": 2}),  # 422
        api.als(opsteller).put(f"{pad}/{sid}", json={"tekst": "nieuw", "basisversie": 2, "onbekend": 1}),  # 422
        api.als(opsteller).post(pad, json={"kop": "K", "tekst": "t", "na": 999999}),  # 422
        api.als(opsteller).post(pad, json={"kop": "K", "tekst": "x" * (2 * MIB + 1)}),  # 413
        api.als(afstemmer).post(pad, json={"kop": "K", "tekst": "t"}),  # 403
        api.als("onzin").post(pad, json={"kop": "K", "tekst": "t"}),  # 401
        api.als(opsteller).post("/documenten/999999/secties", json={"kop": "K", "tekst": "t"}),  # 404
    ]
    assert [r.status_code for r in mislukt] == [409, 428, 422, 422, 422, 413, 403, 401, 404]
    assert _stand(api, opsteller, engine, doc_id, sid) == voor_stand
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


# --- the order 401 -> 404 -> 403 -> 413/422/428 -> 409 -----------------------------------------------------


def test_volgorde_van_fouten(api, client, opsteller, engine, opzet):
    doc_id, sid = opzet
    vreemd = api.gebruiker("EZ", "afstemmer")  # cannot read the document
    afstemmer = api.gebruiker("VRO", "afstemmer")  # can read it, cannot edit
    groot = "x" * (2 * MIB + 1)
    sectie = f"/documenten/{doc_id}/secties/{sid}"
    gevallen = [
        # 401 first
        (401, None, "put", "/documenten/999999/secties/1", {"tekst": 5}),
        (401, "fout-token", "put", sectie, {"tekst": "een zwei drie", "basisversie": 1}),
        (401, None, "post", "/documenten/999999/secties", {"kop": "K", "tekst": groot}),
        # then 404
        (404, vreemd, "put", "/documenten/999999/secties/1", {"tekst": 5}),
        (404, vreemd, "put", f"/documenten/{doc_id}/secties/999999", {"tekst": "t", "basisversie": 1}),
        (404, afstemmer, "post", "/documenten/999999/secties", {"kop": "K", "tekst": groot}),
        (404, opsteller, "get", f"/documenten/999999/secties/{sid}/verschil", None),
        # then 403
        (403, afstemmer, "put", sectie, {"tekst": 5}),
        (403, afstemmer, "put", sectie, {"tekst": "nieuw"}),
        (403, afstemmer, "put", sectie, {"tekst": "een zwei drie", "basisversie": 1}),
        (403, afstemmer, "put", sectie, {"tekst": groot, "basisversie": 2}),
        (403, vreemd, "put", sectie, {"tekst": "t", "basisversie": 2}),
        (403, afstemmer, "post", f"/documenten/{doc_id}/secties", {"kop": 5, "tekst": groot}),
        # then 413 / 422 / 428, before 409
        (422, opsteller, "put", sectie, {"tekst": "een zwei drie", "basisversie": 1, "reden": 5}),
        (422, opsteller, "put", sectie, {"tekst": "een zwei drie", "kop": ["K"], "basisversie": 1}),
        (422, opsteller, "put", sectie, {"tekst": "een zwei drie\x00", "basisversie": 1}),
        (413, opsteller, "put", sectie, {"tekst": "een zwei drie" + groot, "basisversie": 1}),
        (409, opsteller, "put", sectie, {"tekst": "een zwei drie", "basisversie": 1}),
    ]
    voor = momentopname(engine)
    fouten = []
    for status, wie, methode, pad, body in gevallen:
        r = getattr(api.als(wie), methode)(pad, json=body) if body is not None else getattr(api.als(wie), methode)(pad)
        if r.status_code != status:
            fouten.append((status, r.status_code, methode, pad, str(body)[:60]))
        else:
            probleem(r, status)
    assert fouten == [], fouten
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_volgorde_403_voor_422_bij_document_aanmaken(api, opsteller, engine):
    afstemmer = api.gebruiker("VRO", "afstemmer")
    voor = momentopname(engine)
    probleem(api.als(afstemmer).post("/documenten", json={"soort": "kamerbrief", "titel": 5, "penvoerder": "VRO"}), 403)
    probleem(api.als(afstemmer).post("/documenten", json={"titel": "T"}), 403)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


# --- no input gives a 500 --------------------------------------------------------------------------------

RARE_WAARDEN = [None, True, -1, 1.5, "", " ", "x" * 600, [None], {"a": [1]}, "\u202e"]


def test_geen_500_voor_rare_waarden(api, app, opsteller, opzet):
    doc_id, sid = opzet
    sjablonen = [
        (
            "POST",
            "/documenten",
            {"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO", "kenmerk": None, "mede_namens": [], "parafenlijn": []},
        ),
        ("POST", f"/documenten/{doc_id}/secties", {"kop": "K", "tekst": "t", "na": None}),
        ("PUT", "nieuwe-sectie", {"tekst": "t", "kop": "K", "basisversie": 1, "reden": "r"}),
        (
            "POST",
            "/gebruikers",
            {"naam": "N", "email": "n@minvro.test", "departement": "VRO", "rollen": ["opsteller"], "paraafniveau": None},
        ),
    ]
    fouten = []
    with TestClient(app, raise_server_exceptions=False) as c:
        for methode, pad, sjabloon in sjablonen:
            token = BEHEER_TOKEN if pad == "/gebruikers" else opsteller.token
            for veld in sjabloon:
                for waarde in RARE_WAARDEN:
                    if pad == "nieuwe-sectie":
                        # a fresh section each time, so an accepted edit never turns the next into a no-op
                        nieuw = api.als(opsteller).post(f"/documenten/{doc_id}/secties", json={"kop": "V", "tekst": "vooraf"})
                        pad_nu = f"/documenten/{doc_id}/secties/{nieuw.json()['id']}"
                    else:
                        pad_nu = pad
                    r = c.request(
                        methode, "/api/v1" + pad_nu, headers={"Authorization": f"Bearer {token}"}, json={**sjabloon, veld: waarde}
                    )
                    if r.status_code >= 500:
                        fouten.append((methode, pad, veld, repr(waarde)[:30], r.status_code))
                    elif r.status_code >= 400 and r.headers.get("content-type", "").split(";")[0] != PROBLEM_JSON:
                        fouten.append((methode, pad, veld, repr(waarde)[:30], "geen problem+json"))
        for query in ("van=0&tot=1", "van=-5&tot=1", "van=1&tot=99", "van=1.5&tot=1", "van=&tot="):
            r = c.get(
                f"/api/v1/documenten/{doc_id}/secties/{sid}/verschil?{query}",
                headers={"Authorization": f"Bearer {opsteller.token}"},
            )
            if r.status_code >= 500 or r.status_code == 200:
                fouten.append(("GET verschil", query, r.status_code))
    assert fouten == [], fouten


def test_geen_500_voor_grote_getallen(app, opsteller, opzet):
    doc_id, sid = opzet
    groot = 10**30
    kop = {"Authorization": f"Bearer {opsteller.token}"}
    with TestClient(app, raise_server_exceptions=False) as c:
        antwoorden = {
            "gekoppeld_aan": c.post(
                "/api/v1/documenten",
                headers=kop,
                json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO", "gekoppeld_aan": groot},
            ),
            "import gekoppeld_aan": c.post(
                "/api/v1/documenten/import",
                headers=kop,
                files={"bestand": ("b.md", b"# K\n\nt\n", "text/markdown")},
                data={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO", "gekoppeld_aan": str(groot)},
            ),
            "verschil van": c.get(f"/api/v1/documenten/{doc_id}/secties/{sid}/verschil?van={groot}&tot=1", headers=kop),
            "gebeurtenissen vanaf": c.get(f"/api/v1/documenten/{doc_id}/gebeurtenissen?vanaf={groot}", headers=kop),
            "na": c.post(f"/api/v1/documenten/{doc_id}/secties", headers=kop, json={"kop": "K", "tekst": "t", "na": groot}),
            "basisversie": c.put(
                f"/api/v1/documenten/{doc_id}/secties/{sid}", headers=kop, json={"tekst": "t", "basisversie": groot}
            ),
        }
    fout = {naam: r.status_code for naam, r in antwoorden.items() if r.status_code >= 500}
    assert fout == {}, fout
    for r in antwoorden.values():
        if r.status_code >= 400:
            probleem(r, r.status_code)
