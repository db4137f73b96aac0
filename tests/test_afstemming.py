"""Afstemmingsrondes, oordelen, parafen, vaststellen and verzenden (issue items 5 and 6;
docs/api.md "Afstemming, parafen, vaststelling")."""

from __future__ import annotations

import re

import pytest

from tests.helpers_afstemming import PASSAGE, TEKST, Wereld, ok, over, probleem

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


def _dep(ronde: dict, code: str) -> dict:
    return next(d for d in ronde["departementen"] if d["code"] == code)


def _lees_ronde(w: Wereld, ronde: dict) -> dict:
    return ok(w.als(w.opsteller).get(f"/afstemmingsrondes/{ronde['id']}"))


def _parafen(w: Wereld, doc: dict) -> list[dict]:
    return ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/parafen"))


def _kan(w: Wereld, doc: dict, wie=None) -> dict:
    return ok(w.als(wie or w.minister).get(f"/documenten/{doc['id']}/vaststellen"))


# --- rondes and oordelen -----------------------------------------------------------------------


def test_ronde_antwoord(w, klok):
    doc = w.document(parafenlijn=())
    r = w.als(w.opsteller).post(
        f"/documenten/{doc['id']}/afstemmingsrondes",
        json={"departementen": ["IenW", "DEF", "EZ"], "termijn": over(klok, days=3)},
    )
    ronde = ok(r, 201)
    assert isinstance(ronde["id"], int) and ronde["status"] == "open" and RFC3339.match(ronde["termijn"])
    assert ronde["stilzwijgend_akkoord"] is False  # the default
    assert [d["code"] for d in ronde["departementen"]] == ["IenW", "DEF", "EZ"]
    for d in ronde["departementen"]:
        assert (d["oordeel"], d["tijdstip"], d["geldig"]) == (None, None, False)
    assert _lees_ronde(w, ronde) == ronde
    assert ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/afstemmingsrondes")) == [ronde]
    assert w.status(doc) == "in_afstemming"
    # An invited department now sees the document.
    assert ok(w.als(w.EZ).get(f"/documenten/{doc['id']}"))["id"] == doc["id"]
    assert "ronde_geopend" in [g["soort"] for g in w.gebeurtenissen(doc)]
    # The oordeel of a department: what, when, still valid.
    na = ok(w.oordeel(ronde, w.EZ, "akkoord_met_opmerkingen", opmerkingen="Let op de kosten."), 201)
    ez = _dep(na, "EZ")
    assert ez["oordeel"] == "akkoord_met_opmerkingen" and ez["geldig"] is True and RFC3339.match(ez["tijdstip"])
    assert na["status"] == "open"


@pytest.mark.parametrize(
    "body",
    [
        {"departementen": [], "termijn": "2027-01-01T09:00:00+01:00"},
        {"departementen": ["XYZ"], "termijn": "2027-01-01T09:00:00+01:00"},
        {"departementen": ["DEF", "DEF"], "termijn": "2027-01-01T09:00:00+01:00"},
        {"departementen": ["DEF"]},
        {"departementen": ["DEF"], "termijn": "2027-01-01T09:00:00"},
        {"departementen": ["DEF"], "termijn": "morgen"},
    ],
)
def test_ronde_met_ongeldige_invoer_is_422(w, body):
    doc = w.document(parafenlijn=())
    probleem(w.als(w.opsteller).post(f"/documenten/{doc['id']}/afstemmingsrondes", json=body), 422)
    assert w.status(doc) == "concept"


def test_ongeldig_oordeel_is_422(w):
    doc = w.document(parafenlijn=())
    ronde = w.ronde(doc)
    probleem(w.oordeel(ronde, w.DEF, "misschien"), 422)
    assert _dep(_lees_ronde(w, ronde), "DEF")["oordeel"] is None


def test_oordeel_is_vastgepind_op_de_tekst(w):
    doc = w.document(parafenlijn=())
    ronde = w.ronde(doc, ("DEF", "IenW"))
    ok(w.oordeel(ronde, w.DEF), 201)
    r = ok(w.oordeel(ronde, w.IenW, "akkoord_met_opmerkingen"), 201)
    assert r["status"] == "afgerond" and all(d["geldig"] for d in r["departementen"])
    assert w.status(doc) == "afgestemd"
    tijdstip_def = _dep(r, "DEF")["tijdstip"]

    w.wijzig_ok(doc, TEKST + " Een nieuwe zin.")
    r = _lees_ronde(w, ronde)
    assert r["status"] == "open"
    assert [(d["code"], d["oordeel"], d["geldig"]) for d in r["departementen"]] == [
        ("DEF", "akkoord", False),
        ("IenW", "akkoord_met_opmerkingen", False),
    ]
    assert _dep(r, "DEF")["tijdstip"] == tijdstip_def  # when it was given stays visible
    assert w.status(doc) == "in_afstemming"

    r = ok(w.oordeel(ronde, w.DEF), 201)
    assert _dep(r, "DEF")["geldig"] is True and _dep(r, "IenW")["geldig"] is False and r["status"] == "open"
    r = ok(w.oordeel(ronde, w.IenW), 201)
    assert r["status"] == "afgerond" and w.status(doc) == "afgestemd"


def test_zelfde_tekst_opslaan_laat_oordelen_staan(w):
    """Saving the text as it is changes nothing (no new revisie), so nothing is voided."""
    doc = w.document(parafenlijn=())
    ronde = w.ronde(doc, ("DEF",))
    ok(w.oordeel(ronde, w.DEF), 201)
    zelfde = w.wijzig_ok(doc, TEKST)
    assert zelfde["versie"] == 1
    assert _lees_ronde(w, ronde)["status"] == "afgerond" and w.lees(doc)["revisie"] == 1


def test_nieuwe_sectie_is_ook_een_tekstwijziging(w):
    doc = w.document(parafenlijn=("afdelingshoofd",))
    ronde = w.ronde(doc, ("DEF",))
    ok(w.oordeel(ronde, w.DEF), 201)
    ok(w.paraaf(doc, w.afdelingshoofd), 201)
    assert w.status(doc) == "in_parafering"
    ok(w.als(w.opsteller).post(f"/documenten/{doc['id']}/secties", json={"kop": "Bijlage", "tekst": "Nieuw."}), 201)
    assert w.status(doc) == "in_afstemming"
    assert _dep(_lees_ronde(w, ronde), "DEF")["geldig"] is False
    assert [p["geldig"] for p in _parafen(w, doc)] == [False]


def test_teruggedraaide_wijziging_laat_oordeel_ongeldig(w):
    """'a later text change makes it geldig: false until given again': undoing the change
    does not bring the oordeel back (the code pins to the revisie)."""
    doc = w.document(parafenlijn=())
    ronde = w.ronde(doc)
    ok(w.oordeel(ronde, w.DEF), 201)
    w.wijzig_ok(doc, TEKST + " Tijdelijk.")
    w.wijzig_ok(doc, TEKST)
    assert w.lees(doc)["inhoudshash"] == doc["inhoudshash"]
    r = _lees_ronde(w, ronde)
    assert _dep(r, "DEF")["geldig"] is False and r["status"] == "open"


def test_nieuw_oordeel_vervangt_eerdere(w):
    doc = w.document(parafenlijn=())
    ronde = w.ronde(doc, ("DEF",))
    r = ok(w.oordeel(ronde, w.DEF, "niet_akkoord", opmerkingen="Nee."), 201)
    assert _dep(r, "DEF")["oordeel"] == "niet_akkoord" and r["status"] == "open"
    r = ok(w.oordeel(ronde, w.DEF, "akkoord"), 201)
    assert [d["oordeel"] for d in r["departementen"]] == ["akkoord"] and r["status"] == "afgerond"
    # And back: a department may change its mind after the ronde was afgerond.
    r = ok(w.oordeel(ronde, w.DEF, "niet_akkoord"), 201)
    assert r["status"] == "open" and w.status(doc) == "in_afstemming"
    soorten = [g["soort"] for g in w.gebeurtenissen(doc)]
    assert soorten.count("oordeel_gegeven") == 3


def test_niet_uitgenodigd_departement_403(w):
    doc = w.document(parafenlijn=(), mede_namens=("DEF", "IenW"))
    ronde = w.ronde(doc, ("DEF",))
    probleem(w.oordeel(ronde, w.IenW), 403)
    probleem(w.oordeel(ronde, w.EZ), 403)
    assert [d["code"] for d in _lees_ronde(w, ronde)["departementen"]] == ["DEF"]
    probleem(w.oordeel(999999, w.DEF), 404)


def test_oordeel_in_vervangen_ronde_is_409(w):
    doc = w.document(parafenlijn=())
    eerste = w.ronde(doc, ("DEF",))
    ok(w.oordeel(eerste, w.DEF), 201)
    assert w.status(doc) == "afgestemd"
    tweede = w.ronde(doc, ("DEF", "IenW"))
    # The latest ronde is the one that counts.
    assert w.status(doc) == "in_afstemming"
    probleem(w.oordeel(eerste, w.DEF), 409)
    rondes = ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/afstemmingsrondes"))
    assert [r["id"] for r in rondes] == [eerste["id"], tweede["id"]]
    assert [r.get("laatste") for r in rondes] == [False, True]
    ok(w.oordeel(tweede, w.DEF), 201)
    assert ok(w.oordeel(tweede, w.IenW), 201)["status"] == "afgerond"
    assert w.status(doc) == "afgestemd"


def test_afgestemd_alleen_zonder_open_draad(w):
    doc = w.document(parafenlijn=())
    ronde = w.ronde(doc, ("DEF", "IenW"))
    p = w.voorstel(doc)  # an open thread before anyone agreed
    ok(w.oordeel(ronde, w.DEF), 201)
    assert ok(w.oordeel(ronde, w.IenW), 201)["status"] == "afgerond"
    assert w.status(doc) == "in_afstemming"
    ok(w.actie(p, "afwijzen"))  # closed without a text change: the oordelen still hold
    assert w.status(doc) == "afgestemd"
    # A proposal after everyone agreed sends the document back ...
    q = w.voorstel(doc, w.IenW, "Het Rijk", "De Staat")
    assert w.status(doc) == "in_afstemming" and _lees_ronde(w, ronde)["status"] == "afgerond"
    # ... and adopting it changes the text, which voids the oordelen.
    ok(w.actie(q, "overnemen"))
    assert w.status(doc) == "in_afstemming" and _lees_ronde(w, ronde)["status"] == "open"


# --- parafen -----------------------------------------------------------------------------------


def test_parafen_in_volgorde_vastgepind_en_vervallen_na_wijziging(w):
    doc = w.document(parafenlijn=("afdelingshoofd", "directeur"))
    ronde = w.ronde(doc, ("DEF",))
    # Initialling may start during the afstemming; the document stays in_afstemming.
    eerste = ok(w.paraaf(doc, w.afdelingshoofd), 201)
    assert w.status(doc) == "in_afstemming"
    assert eerste["niveau"] == "afdelingshoofd" and eerste["geldig"] is True
    assert eerste["gebruiker"]["id"] == w.afdelingshoofd.id and RFC3339.match(eerste["tijdstip"])
    assert eerste["inhoudshash"] == w.lees(doc)["inhoudshash"]
    ok(w.oordeel(ronde, w.DEF), 201)
    assert w.status(doc) == "in_parafering"
    tweede = ok(w.paraaf(doc, w.directeur), 201)
    assert [(p["niveau"], p["geldig"]) for p in _parafen(w, doc)] == [("afdelingshoofd", True), ("directeur", True)]
    assert tweede["inhoudshash"] == eerste["inhoudshash"]
    assert w.status(doc) == "in_parafering"

    w.wijzig_ok(doc, TEKST.replace(PASSAGE, "werken soms samen"))
    na = w.lees(doc)
    assert na["status"] == "in_afstemming"
    lijst = _parafen(w, doc)
    assert [(p["niveau"], p["geldig"]) for p in lijst] == [("afdelingshoofd", False), ("directeur", False)]
    assert all(p["inhoudshash"] != na["inhoudshash"] for p in lijst)
    # The chain starts again at the first level.
    body = probleem(w.paraaf(doc, w.directeur), 409)
    assert "afdelingshoofd" in body["detail"]
    assert ok(w.paraaf(doc, w.afdelingshoofd), 201)["inhoudshash"] == na["inhoudshash"]
    ok(w.oordeel(ronde, w.DEF), 201)
    assert w.status(doc) == "in_parafering"
    assert [(p["niveau"], p["geldig"]) for p in _parafen(w, doc)] == [
        ("afdelingshoofd", False),
        ("directeur", False),
        ("afdelingshoofd", True),
    ]
    assert _kan(w, doc)["volgend_paraafniveau"] == "directeur"


# --- vaststellen ---------------------------------------------------------------------------------


def _klaar(w: Wereld, parafenlijn=("afdelingshoofd", "directeur")) -> dict:
    # Mede namens DEF only: a mede-namens department needs its own akkoord in the latest ronde.
    doc = w.document(parafenlijn=parafenlijn, mede_namens=("DEF",))
    ronde = w.ronde(doc, ("DEF",))
    ok(w.oordeel(ronde, w.DEF), 201)
    for niveau in parafenlijn:
        ok(w.paraaf(doc, w.parafeerder(niveau)), 201)
    return {"doc": doc, "ronde": ronde}


def _weigert_vaststellen(w: Wereld, doc: dict, *redenen: str) -> None:
    """409, the detail and GET .../vaststellen naming each reason (a regex), nothing changed."""
    voor = w.status(doc)
    body = probleem(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"), 409)
    kan = _kan(w, doc)
    assert kan["kan"] is False and kan["bezwaren"]
    for reden in redenen:
        assert re.search(reden, body["detail"]), (reden, body)
        assert any(re.search(reden, b) for b in kan["bezwaren"]), (reden, kan)
    assert w.status(doc) == voor


def test_vaststellen_zonder_ronde(w):
    doc = w.document(parafenlijn=())
    _weigert_vaststellen(w, doc)


def test_vaststellen_met_ontbrekende_paraaf(w):
    doc = w.document(parafenlijn=("afdelingshoofd", "directeur"))
    ok(w.oordeel(w.ronde(doc, ("DEF",)), w.DEF), 201)
    ok(w.paraaf(doc, w.afdelingshoofd), 201)
    _weigert_vaststellen(w, doc, "directeur")
    assert _kan(w, doc)["volgend_paraafniveau"] == "directeur"


def test_vaststellen_met_open_draad(w):
    staat = _klaar(w)
    doc = staat["doc"]
    assert _kan(w, doc)["kan"] is True
    w.voorstel(doc)  # no text change: parafen and oordelen stay valid
    assert all(p["geldig"] for p in _parafen(w, doc))
    # Named as such: not merely the event name 'tekstvoorstel_indienen' in a list.
    _weigert_vaststellen(w, doc, r"tekstvoorstel(?!_)")


def test_vaststellen_met_ronde_niet_afgerond(w):
    doc = w.document(parafenlijn=("afdelingshoofd",))
    ronde = w.ronde(doc, ("DEF", "IenW"))
    ok(w.oordeel(ronde, w.DEF), 201)
    ok(w.paraaf(doc, w.afdelingshoofd), 201)
    _weigert_vaststellen(w, doc, "afgerond")


def test_vaststellen_meldt_kan_en_bezwaren(w):
    staat = _klaar(w)
    doc = staat["doc"]
    kan = _kan(w, doc)
    assert kan == {"kan": True, "bezwaren": [], "volgend_paraafniveau": None}
    # Someone who may not sign is told why.
    niet = _kan(w, doc, w.opsteller)
    assert niet["kan"] is False and niet["bezwaren"]


def test_na_vaststellen_is_de_tekst_bevroren(w):
    doc = w.document(parafenlijn=("afdelingshoofd",))
    gesloten = w.voorstel(doc)
    ok(w.actie(gesloten, "afwijzen"))
    ronde = w.ronde(doc, ("DEF",))
    # IenW is mede namens but not in the ronde: the minister goes ahead without its akkoord.
    ok(w.als(w.minister).post(f"/documenten/{doc['id']}/afwijkingen", json={"departement": "IenW", "reden": "Niet nodig."}), 201)
    ok(w.oordeel(ronde, w.DEF), 201)
    ok(w.paraaf(doc, w.afdelingshoofd), 201)
    probleem(w.als(w.opsteller).post(f"/documenten/{doc['id']}/verzenden"), 409)  # not yet signed

    vast = ok(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"))
    assert vast["status"] == "vastgesteld" and vast["id"] == doc["id"]
    bevroren = w.lees(doc)
    sectie = bevroren["secties"][0]
    pogingen = {
        "PUT sectie": w.wijzig(doc, TEKST + " Nog iets.", sectie=sectie),
        "POST sectie": w.als(w.opsteller).post(f"/documenten/{doc['id']}/secties", json={"kop": "Nieuw", "tekst": "Nieuw."}),
        "tekstvoorstel": w.dien_in(bevroren, w.DEF),
        "reactie": w.reageer(gesloten, w.IenW, "akkoord"),
        "oordeel": w.oordeel(ronde, w.DEF, "niet_akkoord"),
        "paraaf": w.paraaf(doc, w.afdelingshoofd),
        "ronde": w.als(w.opsteller).post(
            f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["DEF"], "termijn": over(w.klok, days=1)}
        ),
        "nog eens vaststellen": w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"),
    }
    for wat, antwoord in pogingen.items():
        body = probleem(antwoord, 409)
        assert "vastgesteld" in body["detail"].lower(), (wat, body)
    assert w.lees(doc) == bevroren
    assert [(p["niveau"], p["geldig"]) for p in _parafen(w, doc)] == [("afdelingshoofd", True)]
    assert _lees_ronde(w, ronde)["status"] == "afgerond"

    verzonden = ok(w.als(w.opsteller).post(f"/documenten/{doc['id']}/verzenden"))
    assert verzonden["status"] == "verzonden"
    probleem(w.als(w.opsteller).post(f"/documenten/{doc['id']}/verzenden"), 409)
    probleem(w.wijzig(doc, TEKST + " Na verzending.", sectie=sectie), 409)

    log = w.gebeurtenissen(doc)
    soorten = [g["soort"] for g in log]
    # Verzenden seals the PDF/A in the same transaction (app.zegel.verzenden).
    assert soorten[-3:] == ["vastgesteld", "verzonden", "verzegeld"]
    assert [g["volgnummer"] for g in log] == list(range(1, len(log) + 1))
    verificatie = ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/gebeurtenissen/verificatie"))
    assert verificatie["geldig"] is True and verificatie["aantal"] == len(log)
