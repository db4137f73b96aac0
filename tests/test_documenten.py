"""Documents and versioned sections, as docs/api.md describes them: create, list, read; sections in
positie order; an immutable version per edit; revisie and inhoudshash; versions and word diffs;
optimistic concurrency with basisversie (three-way merge, 409 on overlap, 428 without base);
only the penvoerder's opstellers write.

Every test runs on SQLite and PostgreSQL (the `backend` parameter of conftest's fixtures).
"""

from __future__ import annotations

import inspect
from datetime import datetime

import pytest

from tests.conftest import BEHEER_TOKEN, importeer, nieuw_document
from tests.helpers_fundament import RFC3339, momentopname, probleem, verschil_momentopnamen

# --- small helpers ------------------------------------------------------------------------------


def maak(api, wie, **velden) -> dict:
    velden = {"soort": "kamerbrief", "titel": "Testbrief", "penvoerder": wie.departement, **velden}
    r = api.als(wie).post("/documenten", json=velden)
    assert r.status_code == 201, r.text
    return r.json()


def voeg_toe(api, wie, doc_id: int, kop, tekst: str, **extra) -> dict:
    r = api.als(wie).post(f"/documenten/{doc_id}/secties", json={"kop": kop, "tekst": tekst, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def lees(api, wie, doc_id: int) -> dict:
    r = api.als(wie).get(f"/documenten/{doc_id}")
    assert r.status_code == 200, r.text
    return r.json()


def wijzig(api, wie, doc_id: int, sid: int, tekst: str, basisversie: int | None, **extra):
    body = {"tekst": tekst, **extra}
    if basisversie is not None:
        body["basisversie"] = basisversie
    return api.als(wie).put(f"/documenten/{doc_id}/secties/{sid}", json=body)


def versies(api, wie, doc_id: int, sid: int) -> list[dict]:
    r = api.als(wie).get(f"/documenten/{doc_id}/secties/{sid}/versies")
    assert r.status_code == 200, r.text
    return r.json()


def een_sectie(api, wie, tekst: str, kop: str | None = "Kop") -> tuple[int, int]:
    doc = maak(api, wie)
    s = voeg_toe(api, wie, doc["id"], kop, tekst)
    return doc["id"], s["id"]


def _auteur_id(auteur) -> int | None:
    # docs/api.md names the field but not its shape: a user id or an object with one.
    return auteur.get("id") if isinstance(auteur, dict) else auteur


def _herbouw(bewerkingen) -> tuple[str, str]:
    van = "".join(t for op, t in bewerkingen if op in (0, -1))
    tot = "".join(t for op, t in bewerkingen if op in (0, 1))
    return van, tot


# --- create, list, read -------------------------------------------------------------------------

DOCUMENT_VELDEN = {
    "id": int,
    "soort": str,
    "titel": str,
    "kenmerk": (str, type(None)),
    "status": str,
    "penvoerder": str,
    "ondertekenaar": (str, type(None)),
    "mede_namens": list,
    "gekoppeld_aan": (int, type(None)),
    "parafenlijn": list,
    "revisie": int,
    "inhoudshash": str,
    "secties": list,
}
SECTIE_VELDEN = {"id": int, "kop": (str, type(None)), "positie": int, "versie": int, "tekst": str}


def _controleer_velden(obj: dict, velden: dict) -> None:
    for naam, soort in velden.items():
        assert naam in obj, f"veld {naam!r} ontbreekt: {obj}"
        assert isinstance(obj[naam], soort) and not isinstance(obj[naam], bool), f"{naam}={obj[naam]!r}"


def _aanmaken_geeft_alle_velden_van_api_md(api, opsteller):
    brief = maak(api, opsteller)
    r = api.als(opsteller).post(
        "/documenten",
        json={
            "soort": "beslisnota",
            "titel": "Nota bij de brief",
            "kenmerk": "2025-0000123",
            "penvoerder": "VRO",
            "ondertekenaar": "Mona Keijzer",
            "mede_namens": ["IenW", "KGG"],
            "gekoppeld_aan": brief["id"],
            "parafenlijn": ["afdelingshoofd", "directeur", "dg"],
        },
    )
    assert r.status_code == 201, r.text
    doc = r.json()
    _controleer_velden(doc, DOCUMENT_VELDEN)
    assert doc["soort"] == "beslisnota"
    assert doc["titel"] == "Nota bij de brief"
    assert doc["kenmerk"] == "2025-0000123"
    assert doc["penvoerder"] == "VRO"
    assert doc["ondertekenaar"] == "Mona Keijzer"
    assert doc["mede_namens"] == ["IenW", "KGG"]
    assert doc["gekoppeld_aan"] == brief["id"]
    assert doc["parafenlijn"] == ["afdelingshoofd", "directeur", "dg"]
    assert doc["status"] == "concept"
    assert doc["revisie"] == 1
    assert doc["secties"] == []
    assert doc["inhoudshash"]
    # Reading it back gives the same document.
    gelezen = lees(api, opsteller, doc["id"])
    _controleer_velden(gelezen, DOCUMENT_VELDEN)
    assert {k: gelezen[k] for k in DOCUMENT_VELDEN} == {k: doc[k] for k in DOCUMENT_VELDEN}


def _minimale_velden_geven_lege_standaardwaarden(api, opsteller):
    doc = maak(api, opsteller)
    assert doc["kenmerk"] is None and doc["ondertekenaar"] is None and doc["gekoppeld_aan"] is None
    assert doc["mede_namens"] == [] and doc["parafenlijn"] == []


def _lijst_met_filters_soort_en_status(api, opsteller):
    brief = maak(api, opsteller, soort="kamerbrief", titel="Brief")
    nota = maak(api, opsteller, soort="beslisnota", titel="Nota")
    bijlage = maak(api, opsteller, soort="bijlage", titel="Bijlage")

    def ids(query: str) -> list[int]:
        r = api.als(opsteller).get(f"/documenten{query}")
        assert r.status_code == 200, r.text
        assert isinstance(r.json(), list)
        return [d["id"] for d in r.json()]

    assert sorted(ids("")) == sorted([brief["id"], nota["id"], bijlage["id"]])
    assert ids("?soort=beslisnota") == [nota["id"]]
    assert ids("?soort=kamerbrief") == [brief["id"]]
    # A beslisnota of its own needs no afstemmingsronde (docs/api.md, Stukken): afgestemd at once.
    assert nota["status"] == "afgestemd"
    assert sorted(ids("?status=concept")) == sorted([brief["id"], bijlage["id"]])
    assert ids("?status=afgestemd") == [nota["id"]]
    assert ids("?status=vastgesteld") == []
    assert ids("?soort=bijlage&status=concept") == [bijlage["id"]]
    alle = api.als(opsteller).get("/documenten").json()
    for d in alle:
        assert isinstance(d["id"], int) and d["soort"] in ("kamerbrief", "beslisnota", "bijlage")


def _lijst_filter_met_onbekende_waarde_is_422(api, opsteller):
    maak(api, opsteller)
    probleem(api.als(opsteller).get("/documenten?soort=roman"), 422, veld="soort")
    probleem(api.als(opsteller).get("/documenten?status=zoek"), 422, veld="status")


# --- sections, positie, revisie -----------------------------------------------------------------


def _sectie_toevoegen_geeft_201_met_versie_1_en_getrimde_tekst(api, opsteller):
    doc = maak(api, opsteller)
    s = voeg_toe(api, opsteller, doc["id"], "Aanleiding", "  \n  Eerste alinea.\n\nTweede alinea.  \n\n")
    _controleer_velden(s, SECTIE_VELDEN)
    assert s["versie"] == 1
    assert s["kop"] == "Aanleiding"
    assert s["tekst"] == "Eerste alinea.\n\nTweede alinea."
    gelezen = lees(api, opsteller, doc["id"])["secties"]
    assert len(gelezen) == 1
    _controleer_velden(gelezen[0], SECTIE_VELDEN)
    assert {k: gelezen[0][k] for k in SECTIE_VELDEN} == {k: s[k] for k in SECTIE_VELDEN}


def _secties_staan_in_positievolgorde_ook_met_na(api, opsteller):
    doc = maak(api, opsteller)
    a = voeg_toe(api, opsteller, doc["id"], "A", "tekst a")
    b = voeg_toe(api, opsteller, doc["id"], "B", "tekst b")
    c = voeg_toe(api, opsteller, doc["id"], "C", "tekst c")
    d = voeg_toe(api, opsteller, doc["id"], "D", "tekst d", na=a["id"])
    e = voeg_toe(api, opsteller, doc["id"], "E", "tekst e", na=c["id"])
    f = voeg_toe(api, opsteller, doc["id"], "F", "tekst f", na=d["id"])
    secties = lees(api, opsteller, doc["id"])["secties"]
    assert [s["kop"] for s in secties] == ["A", "D", "F", "B", "C", "E"]
    assert [s["id"] for s in secties] == [a["id"], d["id"], f["id"], b["id"], c["id"], e["id"]]
    posities = [s["positie"] for s in secties]
    assert posities == sorted(posities) and len(set(posities)) == len(posities), posities
    # The positie in the POST answer is the one the section has right after the insertion.
    assert d["positie"] > a["positie"]


def _na_met_onbekende_of_vreemde_sectie_is_422_en_schrijft_niets(api, opsteller, engine):
    doc = maak(api, opsteller)
    voeg_toe(api, opsteller, doc["id"], "A", "a")
    ander = maak(api, opsteller, titel="Ander")
    vreemd = voeg_toe(api, opsteller, ander["id"], "X", "x")
    voor = momentopname(engine)
    for na in (999999, vreemd["id"]):
        r = api.als(opsteller).post(f"/documenten/{doc['id']}/secties", json={"kop": "B", "tekst": "b", "na": na})
        probleem(r, 422, veld="na")
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def _revisie_begint_op_1_en_stijgt_per_sectiewijziging(api, opsteller):
    doc = maak(api, opsteller)
    assert doc["revisie"] == 1
    s1 = voeg_toe(api, opsteller, doc["id"], "A", "een")
    assert lees(api, opsteller, doc["id"])["revisie"] == 2
    voeg_toe(api, opsteller, doc["id"], "B", "twee")
    assert lees(api, opsteller, doc["id"])["revisie"] == 3
    assert wijzig(api, opsteller, doc["id"], s1["id"], "een!", 1).status_code == 200
    assert lees(api, opsteller, doc["id"])["revisie"] == 4
    assert wijzig(api, opsteller, doc["id"], s1["id"], "een!!", 2, kop="A2").status_code == 200
    na = lees(api, opsteller, doc["id"])
    assert na["revisie"] == 5
    # Reading does not change it.
    assert lees(api, opsteller, doc["id"])["revisie"] == 5


def _revisie_is_1_na_import(api, opsteller):
    doc = importeer(api, opsteller)
    assert doc["revisie"] == 1
    assert len(doc["secties"]) > 1
    assert all(s["versie"] == 1 for s in doc["secties"])
    assert lees(api, opsteller, doc["id"])["revisie"] == 1


# --- inhoudshash --------------------------------------------------------------------------------


def _inhoudshash_volgt_de_inhoud(api, opsteller):
    doc = maak(api, opsteller)
    leeg = doc["inhoudshash"]
    s = voeg_toe(api, opsteller, doc["id"], "Kop", "oorspronkelijke tekst")
    h1 = lees(api, opsteller, doc["id"])["inhoudshash"]
    assert h1 != leeg
    assert lees(api, opsteller, doc["id"])["inhoudshash"] == h1  # stable on reads

    assert wijzig(api, opsteller, doc["id"], s["id"], "gewijzigde tekst", 1).status_code == 200
    h2 = lees(api, opsteller, doc["id"])["inhoudshash"]
    assert h2 != h1

    # Back to the original wording: the same content, so the same hash (revisie moved on).
    assert wijzig(api, opsteller, doc["id"], s["id"], "oorspronkelijke tekst", 2).status_code == 200
    terug = lees(api, opsteller, doc["id"])
    assert terug["inhoudshash"] == h1
    assert terug["revisie"] == 4

    # A heading change alone changes it too.
    assert wijzig(api, opsteller, doc["id"], s["id"], "oorspronkelijke tekst", 3, kop="Andere kop").status_code == 200
    assert lees(api, opsteller, doc["id"])["inhoudshash"] not in (h1, h2)


def _inhoudshash_gelijk_voor_gelijke_koppen_en_teksten(api, opsteller):
    collega = api.gebruiker("VRO", "opsteller")
    secties = [("Aanleiding", "De aanleiding."), (None, "Zonder kop."), ("Kern", "- punt een\n- punt twee")]
    a = nieuw_document(api, opsteller, *secties, titel="Eerste", kenmerk="K-1")
    b = nieuw_document(api, collega, *secties, titel="Tweede", soort="beslisnota")
    assert a["inhoudshash"] == b["inhoudshash"]
    # Same texts in another order, or one heading different: another hash.
    c = nieuw_document(api, opsteller, secties[1], secties[0], secties[2])
    assert c["inhoudshash"] != a["inhoudshash"]
    d = nieuw_document(api, opsteller, ("Aanleiding!", "De aanleiding."), *secties[1:])
    assert d["inhoudshash"] != a["inhoudshash"]
    # And an empty document differs from one with content, but equals another empty one.
    assert maak(api, opsteller)["inhoudshash"] == maak(api, collega, titel="Ook leeg")["inhoudshash"]


# --- versions and diff --------------------------------------------------------------------------


def test_elke_wijziging_is_een_nieuwe_onveranderlijke_versie(api, opsteller, klok):
    collega = api.gebruiker("VRO", "opsteller", naam="Chris Collega")
    doc_id, sid = een_sectie(api, opsteller, "versie een")
    klok.verzet(hours=1)
    assert wijzig(api, collega, doc_id, sid, "versie twee", 1, reden="taal").status_code == 200
    klok.verzet(hours=2)
    r = wijzig(api, opsteller, doc_id, sid, "versie drie", 2, kop="Nieuwe kop", reden="inhoud")
    assert r.status_code == 200 and r.json()["versie"] == 3

    lijst = versies(api, opsteller, doc_id, sid)
    assert [v["versie"] for v in lijst] == [1, 2, 3]
    for v in lijst:
        for veld in ("versie", "tekst", "kop", "auteur", "reden", "tijdstip"):
            assert veld in v, f"{veld} ontbreekt in {v}"
        assert RFC3339.match(v["tijdstip"]), v["tijdstip"]
        assert datetime.fromisoformat(v["tijdstip"].replace("Z", "+00:00")).tzinfo is not None
    assert [v["tekst"] for v in lijst] == ["versie een", "versie twee", "versie drie"]
    assert [v["kop"] for v in lijst] == ["Kop", "Kop", "Nieuwe kop"]
    assert [v["reden"] for v in lijst] == [None, "taal", "inhoud"]
    assert [_auteur_id(v["auteur"]) for v in lijst] == [opsteller.id, collega.id, opsteller.id]
    tijden = [datetime.fromisoformat(v["tijdstip"].replace("Z", "+00:00")) for v in lijst]
    assert 3600 <= (tijden[1] - tijden[0]).total_seconds() < 3700
    assert 7200 <= (tijden[2] - tijden[1]).total_seconds() < 7300

    # Editing again leaves the earlier versions exactly as they were.
    assert wijzig(api, opsteller, doc_id, sid, "versie vier", 3).status_code == 200
    assert versies(api, opsteller, doc_id, sid)[:3] == lijst


def _verschil_herbouwt_beide_versies(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "De kat zat op de mat.\n\nTweede alinea blijft.", kop=None)
    wijzig(api, opsteller, doc_id, sid, "De hond zat op het kleed.\n\nTweede alinea blijft. Nieuw.", 1)
    wijzig(api, opsteller, doc_id, sid, "Helemaal anders.", 2)
    teksten = {v["versie"]: v["tekst"] for v in versies(api, opsteller, doc_id, sid)}
    for van, tot in ((1, 2), (2, 3), (1, 3), (3, 1), (2, 2)):
        r = api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil", params={"van": van, "tot": tot})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["van"] == van and body["tot"] == tot
        assert isinstance(body["html"], str)
        for op, deel in body["bewerkingen"]:
            assert op in (-1, 0, 1) and isinstance(deel, str)
        assert _herbouw(body["bewerkingen"]) == (teksten[van], teksten[tot])
    gelijk = api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil?van=2&tot=2").json()
    assert gelijk["bewerkingen"] == [[0, teksten[2]]]


def _verschil_toont_ook_een_kopwijziging(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "zelfde tekst", kop="Oude kop")
    wijzig(api, opsteller, doc_id, sid, "zelfde tekst", 1, kop="Nieuwe kop")
    body = api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil?van=1&tot=2").json()
    veranderd = "".join(t for op, t in body["bewerkingen"] if op != 0)
    assert "Oude" in veranderd and "Nieuwe" in veranderd, body


def _verschil_html_ontsnapt_markup(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "Veilige tekst.", kop=None)
    wijzig(api, opsteller, doc_id, sid, "Veilige tekst. <script>alert('x')</script> & <b>vet</b>", 1)
    body = api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil?van=1&tot=2").json()
    assert "<script" not in body["html"].lower()
    assert "<b>" not in body["html"]
    assert "&lt;script&gt;" in body["html"]
    assert "&amp;" in body["html"]


def test_verschil_is_op_woordniveau(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "de kat zat op de mat", kop=None)
    wijzig(api, opsteller, doc_id, sid, "de kater zat op de matten", 1)
    body = api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil?van=1&tot=2").json()
    # Every boundary between two operations falls between words, in both texts.
    for tekst, ops in (("de kat zat op de mat", (0, -1)), ("de kater zat op de matten", (0, 1))):
        positie = 0
        for op, deel in body["bewerkingen"]:
            if op not in ops:
                continue
            positie += len(deel)
            if 0 < positie < len(tekst):
                assert not (tekst[positie - 1].isalnum() and tekst[positie].isalnum()), (body, tekst, positie)
    assert [-1, "kat"] in body["bewerkingen"] and [1, "kater"] in body["bewerkingen"], body


def _verschil_met_onbekende_versie_is_een_probleem(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "tekst")
    r = api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil?van=1&tot=7")
    assert r.status_code in (404, 422), r.text
    probleem(r, r.status_code)
    probleem(api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil?van=1"), 422, veld="tot")
    probleem(api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}/verschil?van=x&tot=1"), 422, veld="van")


# --- optimistic concurrency: basisversie and the three-way merge ------------------------------------


def _wijziging_op_actuele_versie_is_niet_samengevoegd(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "een twee drie")
    r = wijzig(api, opsteller, doc_id, sid, "een twee drie vier", 1)
    assert r.status_code == 200, r.text
    body = r.json()
    _controleer_velden(body, SECTIE_VELDEN)
    assert body["versie"] == 2 and body["tekst"] == "een twee drie vier" and body["id"] == sid
    assert body.get("samengevoegd", False) is False


SAMENVOEGBAAR = {
    "andere-regels": (
        "Regel een.\nRegel twee.\nRegel drie.",
        "Regel EEN.\nRegel twee.\nRegel drie.",
        "Regel een.\nRegel twee.\nRegel DRIE.",
        "Regel EEN.\nRegel twee.\nRegel DRIE.",
    ),
    "twee-invoegingen-zelfde-plek": ("alpha omega", "alpha beta omega", "alpha gamma omega", "alpha beta gamma omega"),
    "aangrenzende-bereiken": ("abcdef", "XXXdef", "abcYYY", "XXXYYY"),
    "aangrenzende-woorden": ("een twee drie", "EEN twee drie", "een TWEE drie", "EEN TWEE drie"),
    "schrappen-en-toevoegen": ("een twee drie vier", "een drie vier", "een twee drie vier vijf", "een drie vier vijf"),
}

BOTSEND = {
    "zelfde-woord": ("een twee drie", "een 2 drie", "een zwei drie"),
    "schrappen-tegen-wijzigen": ("een twee drie", "een drie", "een TWEE drie"),
    "overlappende-tekens": ("abcdef", "aXXXef", "abYYYf"),
    "invoeging-binnen-geschrapt-bereik": ("een twee drie", "een drie", "een tw-ee drie"),
}


def _verouderde_niet_overlappende_wijziging_wordt_samengevoegd(api, opsteller):
    # One document per case (cases in a loop: one database set-up for all of them).
    for naam, (basis, actueel, mijn, verwacht) in SAMENVOEGBAAR.items():
        doc_id, sid = een_sectie(api, opsteller, basis)
        assert wijzig(api, opsteller, doc_id, sid, actueel, 1).status_code == 200
        r = wijzig(api, opsteller, doc_id, sid, mijn, 1)
        assert r.status_code == 200, (naam, r.text)
        body = r.json()
        assert (body["samengevoegd"], body["versie"], body["tekst"]) == (True, 3, verwacht), (naam, body)
        assert [v["tekst"] for v in versies(api, opsteller, doc_id, sid)] == [basis, actueel, verwacht], naam
        doc = lees(api, opsteller, doc_id)
        assert (doc["revisie"], doc["secties"][0]["tekst"], doc["secties"][0]["versie"]) == (4, verwacht, 3), naam


def test_overlappende_verouderde_wijziging_is_409_en_schrijft_niets(api, opsteller, engine):
    for naam, (basis, actueel, mijn) in BOTSEND.items():
        doc_id, sid = een_sectie(api, opsteller, basis)
        assert wijzig(api, opsteller, doc_id, sid, actueel, 1).status_code == 200
        voor = momentopname(engine)
        doc_voor = lees(api, opsteller, doc_id)
        r = wijzig(api, opsteller, doc_id, sid, mijn, 1, reden="botst")
        body = probleem(r, 409)
        assert (body["actuele_versie"], body["actuele_tekst"]) == (2, actueel), (naam, body)
        assert verschil_momentopnamen(voor, momentopname(engine)) == {}, naam
        doc_na = lees(api, opsteller, doc_id)
        assert (doc_na["revisie"], doc_na["inhoudshash"]) == (doc_voor["revisie"], doc_voor["inhoudshash"]), naam
        assert [v["versie"] for v in versies(api, opsteller, doc_id, sid)] == [1, 2], naam
        # The caller redoes the edit on the current version: accepted.
        r = wijzig(api, opsteller, doc_id, sid, mijn, body["actuele_versie"])
        assert r.status_code == 200 and r.json()["versie"] == 3, naam


def _samenvoegen_over_meerdere_versies_heen(api, opsteller):
    basis = "a1 a2\nb1 b2\nc1 c2\nd1 d2"
    doc_id, sid = een_sectie(api, opsteller, basis)
    wijzig(api, opsteller, doc_id, sid, "A1 a2\nb1 b2\nc1 c2\nd1 d2", 1)
    wijzig(api, opsteller, doc_id, sid, "A1 a2\nB1 b2\nc1 c2\nd1 d2", 2)
    r = wijzig(api, opsteller, doc_id, sid, "a1 a2\nb1 b2\nc1 c2\nd1 D2", 1)
    assert r.status_code == 200 and r.json()["samengevoegd"] is True
    assert r.json()["tekst"] == "A1 a2\nB1 b2\nc1 c2\nd1 D2"
    # v1-based edits that touch only what v2/v3 left alone still merge...
    r = wijzig(api, opsteller, doc_id, sid, "a1 a2\nb1 XX\nc1 c2\nd1 d2", 1)
    assert r.status_code == 200 and "B1 XX" in r.json()["tekst"]  # b2 was not touched by v2/v3
    # (character by character: "b1" -> "zz" replaces the "b" that v3 made "B")
    r = wijzig(api, opsteller, doc_id, sid, "a1 a2\nzz b2\nc1 c2\nd1 d2", 1)
    body = probleem(r, 409)
    assert body["actuele_versie"] == 5


def _ontbrekende_basisversie_is_428_en_schrijft_niets(api, opsteller, engine):
    doc_id, sid = een_sectie(api, opsteller, "tekst")
    voor = momentopname(engine)
    probleem(wijzig(api, opsteller, doc_id, sid, "nieuwe tekst", None), 428)
    probleem(api.als(opsteller).put(f"/documenten/{doc_id}/secties/{sid}", json={"tekst": "x", "basisversie": None}), 428)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def _basisversie_die_niet_bestaat_is_4xx_en_schrijft_niets(api, opsteller, engine):
    doc_id, sid = een_sectie(api, opsteller, "tekst")
    voor = momentopname(engine)
    for basisversie in (2, 99, 0, -1):
        r = wijzig(api, opsteller, doc_id, sid, "nieuwe tekst", basisversie)
        assert 400 <= r.status_code < 500 and r.status_code not in (401, 403, 404), (basisversie, r.text)
        probleem(r, r.status_code)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def _kop_samenvoegen(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "een twee", kop="Kop")
    assert wijzig(api, opsteller, doc_id, sid, "een twee drie", 1).status_code == 200  # v2: text only
    # Stale: my change is the heading only; the text change of v2 stays.
    r = wijzig(api, opsteller, doc_id, sid, "een twee", 1, kop="Betere kop")
    assert r.status_code == 200, r.text
    assert r.json()["samengevoegd"] is True
    assert (r.json()["kop"], r.json()["tekst"]) == ("Betere kop", "een twee drie")
    # Stale edit without "kop": the heading stays as it is.
    r = wijzig(api, opsteller, doc_id, sid, "nul een twee drie", 2)
    assert r.status_code == 200 and (r.json()["kop"], r.json()["tekst"]) == ("Betere kop", "nul een twee drie")
    # Both changed the heading differently since my base: conflict.
    r = wijzig(api, opsteller, doc_id, sid, "een twee drie", 2, kop="Andere kop")
    body = probleem(r, 409)
    assert body["actuele_versie"] == 4


def _kop_weglaten_laat_de_kop_staan(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "tekst", kop="Blijft")
    r = wijzig(api, opsteller, doc_id, sid, "nieuwe tekst", 1)
    assert r.status_code == 200 and r.json()["kop"] == "Blijft"


def test_wijziging_zonder_inhoudelijk_verschil_is_geen_500(api, opsteller, engine):
    doc_id, sid = een_sectie(api, opsteller, "een twee")
    assert wijzig(api, opsteller, doc_id, sid, "een twee drie", 1).status_code == 200
    for geval, r in (
        ("zelfde tekst op de actuele versie", wijzig(api, opsteller, doc_id, sid, "een twee drie", 2)),
        ("verouderd zonder eigen wijziging", wijzig(api, opsteller, doc_id, sid, "een twee", 1)),
    ):
        assert r.status_code == 200, (geval, r.text)
        assert r.json()["tekst"] == "een twee drie" and r.json()["id"] == sid, geval


# --- who may write --------------------------------------------------------------------------------


NIET_SCHRIJVERS = [
    ("VRO", ("afstemmer",), None),
    ("IenW", ("opsteller",), None),  # mede namens: may read, not write
    ("EZ", ("opsteller",), None),  # not involved at all
    ("VRO", ("parafeerder",), "directeur"),
    ("VRO", ("bewindspersoon",), None),
    ("VRO", ("afstemmer", "parafeerder", "bewindspersoon"), "dg"),
    ("IenW", ("opsteller", "afstemmer"), None),
]


def _alleen_opstellers_van_de_penvoerder_schrijven(api, opsteller, engine):
    doc = maak(api, opsteller, mede_namens=["IenW"])
    s = voeg_toe(api, opsteller, doc["id"], "Kop", "tekst")
    wie = [(f"{d} {'/'.join(r)}", api.gebruiker(d, *r, paraafniveau=n)) for d, r, n in NIET_SCHRIJVERS]
    wie.append(("beheerder", BEHEER_TOKEN))
    voor = momentopname(engine)
    for naam, gebruiker in wie:
        for r in (
            wijzig(api, gebruiker, doc["id"], s["id"], "poging", 1),
            api.als(gebruiker).post(f"/documenten/{doc['id']}/secties", json={"kop": "X", "tekst": "poging"}),
        ):
            assert r.status_code == 403, (naam, r.status_code, r.text)
            probleem(r, 403)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def _elke_opsteller_van_de_penvoerder_mag_schrijven(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "tekst")
    collega = api.gebruiker("VRO", "opsteller", "afstemmer")
    assert wijzig(api, collega, doc_id, sid, "tekst van collega", 1).status_code == 200
    assert api.als(collega).post(f"/documenten/{doc_id}/secties", json={"kop": "B", "tekst": "b"}).status_code == 201


GEEN_AANMAKERS = [
    ("VRO", ("opsteller",), "IenW"),  # another department as penvoerder
    ("IenW", ("opsteller",), "VRO"),
    ("VRO", ("afstemmer",), "VRO"),
    ("VRO", ("parafeerder",), "VRO"),
    ("VRO", ("bewindspersoon",), "VRO"),
]


def test_document_aanmaken_alleen_door_opsteller_voor_eigen_departement(api, engine):
    wie = [
        (d, r, p, api.gebruiker(d, *r, paraafniveau="directeur" if "parafeerder" in r else None)) for d, r, p in GEEN_AANMAKERS
    ]
    wie.append(("BZK", ("beheerder",), "BZK", BEHEER_TOKEN))
    voor = momentopname(engine)
    for departement, rollen, penvoerder, gebruiker in wie:
        r = api.als(gebruiker).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": penvoerder})
        assert r.status_code == 403, (departement, rollen, penvoerder, r.text)
        probleem(r, 403)
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def _sectie_lezen_met_versie_en_tekst(api, opsteller):
    doc_id, sid = een_sectie(api, opsteller, "eerste")
    wijzig(api, opsteller, doc_id, sid, "tweede", 1)
    secties = lees(api, opsteller, doc_id)["secties"]
    assert [(s["id"], s["versie"], s["tekst"]) for s in secties] == [(sid, 2, "tweede")]
    r = api.als(opsteller).get(f"/documenten/{doc_id}/secties/{sid}")
    assert r.status_code == 200 and (r.json()["versie"], r.json()["tekst"]) == (2, "tweede")


# --- the checks above, one test per rule (the test id names it) ---

REGELS = [
    _aanmaken_geeft_alle_velden_van_api_md,
    _minimale_velden_geven_lege_standaardwaarden,
    _sectie_toevoegen_geeft_201_met_versie_1_en_getrimde_tekst,
    _sectie_lezen_met_versie_en_tekst,
    _lijst_met_filters_soort_en_status,
    _lijst_filter_met_onbekende_waarde_is_422,
    _secties_staan_in_positievolgorde_ook_met_na,
    _na_met_onbekende_of_vreemde_sectie_is_422_en_schrijft_niets,
    _revisie_begint_op_1_en_stijgt_per_sectiewijziging,
    _revisie_is_1_na_import,
    _inhoudshash_volgt_de_inhoud,
    _inhoudshash_gelijk_voor_gelijke_koppen_en_teksten,
    _verschil_herbouwt_beide_versies,
    _verschil_toont_ook_een_kopwijziging,
    _verschil_html_ontsnapt_markup,
    _verschil_met_onbekende_versie_is_een_probleem,
    _wijziging_op_actuele_versie_is_niet_samengevoegd,
    _verouderde_niet_overlappende_wijziging_wordt_samengevoegd,
    _samenvoegen_over_meerdere_versies_heen,
    _ontbrekende_basisversie_is_428_en_schrijft_niets,
    _basisversie_die_niet_bestaat_is_4xx_en_schrijft_niets,
    _kop_samenvoegen,
    _kop_weglaten_laat_de_kop_staan,
    _alleen_opstellers_van_de_penvoerder_schrijven,
    _elke_opsteller_van_de_penvoerder_mag_schrijven,
]


@pytest.mark.parametrize("regel", REGELS, ids=lambda regel: regel.__name__.lstrip("_"))
def test_regel(regel, api, request):
    """One test per rule (the test id names it), with the fixtures the rule asks for (`api`
    named here, so the test runs on every backend)."""
    regel(**{naam: api if naam == "api" else request.getfixturevalue(naam) for naam in inspect.signature(regel).parameters})


def test_versies_bladeren(api, opsteller):
    """A long history can be read in pages (vanaf, limiet); without them, all versions."""
    doc = nieuw_document(api, opsteller, ("Kop", "versie 1"))
    s = doc["secties"][0]
    for n in range(2, 8):
        r = api.als(opsteller).put(
            f"/documenten/{doc['id']}/secties/{s['id']}", json={"tekst": f"versie {n}", "basisversie": n - 1}
        )
        assert r.status_code == 200, r.text
    pad = f"/documenten/{doc['id']}/secties/{s['id']}/versies"
    alle = api.als(opsteller).get(pad).json()
    assert [v["versie"] for v in alle] == list(range(1, 8))
    pagina = api.als(opsteller).get(pad, params={"vanaf": 3, "limiet": 2}).json()
    assert [(v["versie"], v["tekst"]) for v in pagina] == [(3, "versie 3"), (4, "versie 4")]
    assert api.als(opsteller).get(pad, params={"vanaf": 8}).json() == []
    assert api.als(opsteller).get(pad, params={"limiet": 0}).status_code == 422
