"""Deadlines and escalation (issue item 3).

reactietermijn and the ronde termijn are enforced from the database clock at read and write
time: no timers, so it works with several workers and after a restart. The tests move the
injected clock (TestKlok) instead of sleeping, and look at the database directly to prove
that it was the read itself that applied the termijn.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from app.db import maak_engine
from app.main import maak_app
from tests.helpers_afstemming import (
    IENW_WORDING,
    TEKST,
    Wereld,
    document_status_in_db,
    ok,
    over,
    probleem,
    status_in_db,
)
from workflow.statussen import label


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


def _systeem_escalaties(w: Wereld, doc: dict) -> list[dict]:
    return [g for g in w.gebeurtenissen(doc) if g["soort"] == "draad_geescaleerd" and g["actor"] == "systeem"]


def _geschil_met_termijn(w: Wereld, klok, **termijn) -> dict:
    """DEF proposes with a reactietermijn; IenW counters (an objection until DEF answers)."""
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc, reactietermijn=over(klok, **(termijn or {"hours": 1})))
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    return {"doc": doc, "p": p, "t": t}


# --- reactietermijn ------------------------------------------------------------------------------


def test_termijn_met_bezwaar_escaleert_bij_het_lezen_van_een_voorstel(w, klok, engine):
    g = _geschil_met_termijn(w, klok)
    p, t = g["p"], g["t"]
    klok.verzet(minutes=50)
    assert w.lees_voorstel(p)["status"] == "tegenvoorstel_gedaan"  # not yet
    klok.verzet(minutes=20)
    # Nothing was written since: the stored statuses are still the old ones ...
    assert status_in_db(engine, p["id"]) == "tegenvoorstel_gedaan"
    assert status_in_db(engine, t["id"]) == "ingediend"
    # ... until a read of one member applies the termijn to the whole thread.
    assert w.lees_voorstel(p)["status"] == "geescaleerd"
    assert status_in_db(engine, t["id"]) == "geescaleerd"
    assert w.lees_voorstel(t)["status"] == "geescaleerd"
    escalaties = _systeem_escalaties(w, g["doc"])
    assert len(escalaties) == 1
    assert sorted(escalaties[0]["gegevens"]["voorstellen"]) == sorted([p["id"], t["id"]])
    # Further reads do not escalate again.
    w.lees_voorstel(p)
    w.lees(g["doc"])
    assert len(_systeem_escalaties(w, g["doc"])) == 1
    assert ok(w.als(w.opsteller).get(f"/documenten/{g['doc']['id']}/gebeurtenissen/verificatie"))["geldig"] is True


def test_termijn_met_bezwaar_escaleert_bij_het_lezen_van_het_document(w, klok, engine):
    g = _geschil_met_termijn(w, klok)
    klok.verzet(hours=2)
    assert status_in_db(engine, g["p"]["id"]) == "tegenvoorstel_gedaan"
    w.lees(g["doc"], w.DEF)  # GET /documenten/{id} by anyone who may read it
    assert status_in_db(engine, g["p"]["id"]) == "geescaleerd"
    assert status_in_db(engine, g["t"]["id"]) == "geescaleerd"
    assert len(_systeem_escalaties(w, g["doc"])) == 1


def test_termijn_met_niet_akkoord_escaleert(w, klok):
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc, reactietermijn=over(klok, hours=1))
    ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)
    klok.verzet(hours=1, seconds=1)
    assert w.lees_voorstel(p)["status"] == "geescaleerd"
    # The escalated thread now waits for the bewindspersoon.
    assert ok(w.actie(p, "besluit", tekst="werken soms samen"))["status"] == "besloten"
    assert w.sectie(doc)["tekst"] == TEKST.replace("werken samen", "werken soms samen")


def test_bezwaar_na_verstreken_termijn_escaleert_meteen(w, klok):
    """A passed termijn with an open objection escalates, also when the objection comes late."""
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc, reactietermijn=over(klok, hours=1))
    klok.verzet(hours=2)
    assert w.lees_voorstel(p)["status"] == "ingediend"  # no objection: nothing happens
    assert ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)["status"] == "geescaleerd"
    assert len(_systeem_escalaties(w, doc)) == 1


def test_geescaleerd_geschil_is_van_de_bewindspersoon(w, klok):
    """After escalation by the termijn the thread is the bewindspersoon's alone (issue 12):
    a late akkoord no longer lets the penvoerder adopt; she decides, or the indiener withdraws."""
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc, reactietermijn=over(klok, hours=1))
    ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)
    klok.verzet(hours=2)
    assert w.lees_voorstel(p)["status"] == "geescaleerd"
    probleem(w.actie(p, "overnemen"), 409)
    probleem(w.reageer(p, w.IenW, "akkoord"), 409)
    assert ok(w.actie(p, "besluit", gekozen=p["id"]))["status"] == "besloten"


def test_schrijven_na_de_termijn_past_eerst_de_termijn_toe(w, klok):
    g = _geschil_met_termijn(w, klok)
    klok.verzet(hours=2)
    # No read in between: the penvoerder's escalation finds the thread escalated already.
    body = probleem(w.actie(g["p"], "escaleren"), 409)
    assert label("geescaleerd") in body["detail"]
    assert len(_systeem_escalaties(w, g["doc"])) == 1


def test_termijn_zonder_bezwaar_escaleert_niet(w, klok, engine):
    doc = w.document(parafenlijn=())
    stil = w.voorstel(doc, reactietermijn=over(klok, hours=1))
    eens = ok(w.dien_in(doc, w.DEF, "Het Rijk", "De Staat", reactietermijn=over(klok, hours=1)), 201)
    ok(w.reageer(eens, w.IenW, "akkoord"), 201)
    bijgelegd = ok(w.dien_in(doc, w.DEF, "De minister", "De bewindspersoon", reactietermijn=over(klok, hours=1)), 201)
    ok(w.reageer(bijgelegd, w.IenW, "niet_akkoord"), 201)
    ok(w.reageer(bijgelegd, w.IenW, "akkoord"), 201)  # replaces the objection before the termijn
    klok.verzet(days=2)
    for v in (stil, eens, bijgelegd):
        assert w.lees_voorstel(v)["status"] == "ingediend"
        assert status_in_db(engine, v["id"]) == "ingediend"
    w.lees(doc)
    assert _systeem_escalaties(w, doc) == []
    assert ok(w.actie(stil, "overnemen"))["status"] == "overgenomen"


# --- ronde termijn -------------------------------------------------------------------------------


def _ronde(w: Wereld, doc: dict, departementen=("DEF", "IenW"), stilzwijgend=True) -> dict:
    return w.ronde(doc, departementen, stilzwijgend=stilzwijgend, hours=1)


def _lees_ronde(w: Wereld, ronde: dict) -> dict:
    return ok(w.als(w.opsteller).get(f"/afstemmingsrondes/{ronde['id']}"))


def test_stilzwijgend_akkoord_na_de_termijn(w, klok, engine):
    doc = w.document(parafenlijn=())
    ronde = _ronde(w, doc)
    assert ronde["stilzwijgend_akkoord"] is True
    ok(w.oordeel(ronde, w.DEF), 201)  # DEF agrees, IenW stays silent
    klok.verzet(minutes=59)
    assert _lees_ronde(w, ronde)["status"] == "open"
    assert w.status(doc) == "in_afstemming"
    klok.verzet(minutes=2)
    assert document_status_in_db(engine, doc["id"]) == "in_afstemming"
    # The next read of the document applies the termijn: silence counts as akkoord.
    assert w.lees(doc)["status"] == "afgestemd"
    assert document_status_in_db(engine, doc["id"]) == "afgestemd"
    r = _lees_ronde(w, ronde)
    assert r["status"] == "afgerond"
    ienw = next(d for d in r["departementen"] if d["code"] == "IenW")
    assert ienw["oordeel"] is None and ienw["tijdstip"] is None  # silence is not an oordeel
    # Afgestemd; but IenW is mede namens, and silence is no akkoord of a co-signing minister.
    body = probleem(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"), 409)
    assert "IenW (mede namens)" in body["detail"]
    ok(
        w.als(w.minister).post(
            f"/documenten/{doc['id']}/afwijkingen", json={"departement": "IenW", "reden": "Stilzwijgend akkoord volstaat."}
        ),
        201,
    )
    assert ok(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"))["status"] == "vastgesteld"


def test_stilzwijgend_met_niet_akkoord_verloopt(w, klok):
    doc = w.document(parafenlijn=())
    ronde = _ronde(w, doc)
    ok(w.oordeel(ronde, w.IenW, "niet_akkoord", opmerkingen="Zo niet."), 201)
    klok.verzet(hours=2)
    assert _lees_ronde(w, ronde)["status"] == "verlopen"
    assert w.status(doc) == "in_afstemming"
    # A late akkoord of IenW settles it.
    assert ok(w.oordeel(ronde, w.IenW), 201)["status"] == "afgerond"
    assert w.status(doc) == "afgestemd"


def test_stilzwijgend_telt_een_vervallen_niet_akkoord_niet(w, klok):
    doc = w.document(parafenlijn=())
    ronde = _ronde(w, doc)
    ok(w.oordeel(ronde, w.IenW, "niet_akkoord"), 201)
    w.wijzig_ok(doc, TEKST + " Aangepast op verzoek van IenW.")  # voids IenW's oordeel
    klok.verzet(hours=2)
    r = _lees_ronde(w, ronde)
    assert next(d for d in r["departementen"] if d["code"] == "IenW")["geldig"] is False
    assert r["status"] == "afgerond"
    assert w.status(doc) == "afgestemd"


def test_zonder_stilzwijgend_verloopt_de_ronde(w, klok):
    doc = w.document(parafenlijn=())
    ronde = _ronde(w, doc, stilzwijgend=False)
    ok(w.oordeel(ronde, w.DEF), 201)
    assert _lees_ronde(w, ronde)["status"] == "open"
    klok.verzet(hours=2)
    assert _lees_ronde(w, ronde)["status"] == "verlopen"
    rondes = ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/afstemmingsrondes"))
    assert [r["status"] for r in rondes] == ["verlopen"]
    assert w.status(doc) == "in_afstemming"
    probleem(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"), 409)


def test_termijn_in_het_verleden_is_422(w, klok):
    doc = w.document(parafenlijn=())
    verleden = over(klok, minutes=-1)
    body = probleem(w.dien_in(doc, w.DEF, reactietermijn=verleden), 422)
    assert "reactietermijn" in [p["name"] for p in body["invalid_params"]]
    body = probleem(
        w.als(w.opsteller).post(
            f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["DEF"], "termijn": verleden}
        ),
        422,
    )
    assert "termijn" in [p["name"] for p in body["invalid_params"]]
    p = w.voorstel(doc)
    probleem(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING, reactietermijn=verleden), 422)
    # "Now" is the app's clock: a moment that is still ahead in real time but behind the
    # (moved) clock is in the past too.
    klok.verzet(days=1)
    morgen_echt = over(None, hours=1)
    probleem(w.dien_in(doc, w.DEF, "Het Rijk", "De Staat", reactietermijn=morgen_echt), 422)
    # Nothing of all that was stored.
    assert [v["id"] for v in ok(w.als(w.opsteller).get(f"/tekstvoorstellen?document={doc['id']}"))] == [p["id"]]
    assert ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/afstemmingsrondes")) == []


# --- no in-process timers ------------------------------------------------------------------------


def _tweede_app(settings, engine, klok, verschuiving):
    """Another worker: its own app and clock object (same offset), same database."""
    klok2 = type(klok)()
    klok2.verschuiving = verschuiving
    assert klok2 is not klok
    return TestClient(maak_app(settings, engine=engine, klok=klok2))


def test_tweede_worker_ziet_dezelfde_escalatie(api, w, klok, settings, engine):
    g = _geschil_met_termijn(w, klok)
    klok.verzet(hours=2)
    with _tweede_app(settings, engine, klok, klok.verschuiving) as client2:
        api2 = type(api)(client2)
        # The other worker reads first: it applies the termijn.
        gelezen = ok(api2.als(w.opsteller).get(f"/tekstvoorstellen/{g['t']['id']}"))
        assert gelezen["status"] == "geescaleerd"
    # The first worker agrees, and the escalation happened once.
    assert w.lees_voorstel(g["p"])["status"] == "geescaleerd"
    assert len(_systeem_escalaties(w, g["doc"])) == 1


def test_na_een_herstart_escaleert_het_lezen_alsnog(api, w, klok, settings):
    g = _geschil_met_termijn(w, klok)
    # The service "goes down"; meanwhile the termijn passes. A fresh app with a fresh engine
    # and a fresh clock object (same database clock) comes up and is read from.
    verschuiving = klok.verschuiving + timedelta(hours=3)
    nieuwe_engine = maak_engine(settings.database_url)
    try:
        with _tweede_app(settings, nieuwe_engine, klok, verschuiving) as client2:
            api2 = type(api)(client2)
            doc = ok(api2.als(w.minister).get(f"/documenten/{g['doc']['id']}"))
            assert doc["id"] == g["doc"]["id"]
            assert ok(api2.als(w.minister).get(f"/tekstvoorstellen/{g['p']['id']}"))["status"] == "geescaleerd"
            log = ok(api2.als(w.minister).get(f"/documenten/{doc['id']}/gebeurtenissen"))
            assert [x["actor"] for x in log if x["soort"] == "draad_geescaleerd"] == ["systeem"]
    finally:
        nieuwe_engine.dispose()


# --- reads that list -----------------------------------------------------------------------------


def test_lijst_zonder_documentfilter_past_termijn_toe(w, klok):
    g = _geschil_met_termijn(w, klok)
    klok.verzet(hours=2)
    ids = [v["id"] for v in ok(w.als(w.minister).get("/tekstvoorstellen?status=geescaleerd"))]
    assert sorted(ids) == sorted([g["p"]["id"], g["t"]["id"]])


def test_documentenlijst_past_termijn_toe(w, klok):
    doc = w.document(parafenlijn=())
    _ronde(w, doc)
    klok.verzet(hours=2)
    lijst = ok(w.als(w.opsteller).get("/documenten?status=afgestemd"))
    assert [d["id"] for d in lijst] == [doc["id"]]
