"""The consistency checker itself (tests/betrouwbaarheid/controle.py) must see every kind of
damage the load, crash and schemathesis tests rely on it for: a consistent database passes,
and each corruption below, applied to a copy, is reported."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import inspect, text

from app.db import maak_engine

from . import controle
from .wereld import bouw, ok


@pytest.fixture
def kopie_van(request, backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("de controle zelf wordt op kopieën van een SQLite-bestand getest")
    api = request.getfixturevalue("api")
    settings = request.getfixturevalue("settings")
    w = bouw(api)
    m = w.mensen
    # Some more history: an edit, an adopted and a lapsed proposal, an oordeel.
    s = w.sectie
    ok(
        api.als(m["opsteller"]).put(
            f"/documenten/{w.doc['id']}/secties/{s['id']}", json={"tekst": s["tekst"] + " Slot.", "basisversie": s["versie"]}
        )
    )
    ok(api.als(m["DEF"]).post(f"/tekstvoorstellen/{w.tegenvoorstel['id']}/reacties", json={"oordeel": "niet_akkoord"}), 201)
    ok(api.als(m["DEF"]).post(f"/tekstvoorstellen/{w.tegenvoorstel['id']}/reacties", json={"oordeel": "akkoord"}), 201)
    ok(api.als(m["opsteller"]).post(f"/tekstvoorstellen/{w.tegenvoorstel['id']}/overnemen"))
    ok(api.als(m["IenW"]).post(f"/afstemmingsrondes/{w.ronde['id']}/oordelen", json={"oordeel": "akkoord"}), 201)
    bron = settings.database_url.removeprefix("sqlite:///")
    teller = iter(range(1000))

    def maak():
        pad = tmp_path / f"kopie{next(teller)}.db"
        with sqlite3.connect(bron) as a, sqlite3.connect(pad) as b:
            a.backup(b)
        return maak_engine(f"sqlite:///{pad}")

    return w, maak


def _kop_op_document(engine) -> bool:
    return "keten_volgnummer" in {k["name"] for k in inspect(engine).get_columns("document")}


def _na(maak, *sql: str, **params):
    engine = maak()
    with engine.begin() as c:
        for regel in sql:
            if regel == "@KOP_ACHTER":
                regel = (
                    "UPDATE document SET keten_volgnummer = keten_volgnummer - 1 WHERE id = 1"
                    if _kop_op_document(engine)
                    else "UPDATE ketenkop SET volgnummer = volgnummer - 1 WHERE keten = 'document/1'"
                )
            c.execute(text(regel), params)
    fouten = controle.inconsistenties(engine)
    engine.dispose()
    return fouten


def test_gave_database_is_consistent(kopie_van):
    _, maak = kopie_van
    engine = maak()
    assert controle.inconsistenties(engine) == []
    engine.dispose()


BESCHADIGINGEN = {
    "laatste versie weg": ["DELETE FROM sectieversie WHERE id = (SELECT MAX(id) FROM sectieversie)"],
    "versietekst gewijzigd": ["UPDATE sectieversie SET tekst = tekst || 'x' WHERE versie = 1"],
    "actuele tekst wijkt af": ["UPDATE sectie SET tekst = 'anders'"],
    "gebeurtenis uit het midden weg": ["DELETE FROM gebeurtenis WHERE keten = 'document/1' AND volgnummer = 2"],
    "gebeurtenis achteraf gewijzigd": ["UPDATE gebeurtenis SET actor = 'iemand' WHERE keten = 'document/1' AND volgnummer = 3"],
    # Both places a document chain's head has lived (ketenkop row, or the document row):
    # whichever this schema uses is moved back.
    "ketenkop loopt achter": ["@KOP_ACHTER"],
    "revisie zonder revisierij": ["UPDATE document SET revisie = revisie + 1"],
    "status zonder gebeurtenis": ["UPDATE tekstvoorstel SET status = 'afgewezen' WHERE status = 'vervallen'"],
    "reactie zonder gebeurtenis": [
        "INSERT INTO reactie (tekstvoorstel_id, departement, gebruiker_id, oordeel, tijdstip, actueel) "
        "SELECT id, 'KGG', indiener_id, 'akkoord', aangemaakt_op, 1 FROM tekstvoorstel LIMIT 1"
    ],
    "twee actuele reacties": ["UPDATE reactie SET actueel = 1"],
    "oordeel weg": ["DELETE FROM rondeoordeel"],
    "onbekende status": ["UPDATE tekstvoorstel SET status = 'zoekgeraakt' WHERE id = 1"],
    "verwerkt zonder versie": ["UPDATE tekstvoorstel SET verwerkt_in_versie = 99 WHERE status = 'overgenomen'"],
}


def test_elke_beschadiging_wordt_gezien(kopie_van):
    _, maak = kopie_van
    niet_gezien = [naam for naam, sql in BESCHADIGINGEN.items() if not _na(maak, *sql)]
    assert niet_gezien == []


def test_wees_gebeurtenis_met_geldige_hash_wordt_gezien(kopie_van):
    """An event naming a version that does not exist, correctly chained: only the one-to-one
    check of events and versions can see it."""
    w, maak = kopie_van
    engine = maak()
    keten = f"document/{w.doc['id']}"
    with engine.begin() as c:
        op_document = _kop_op_document(engine)
        if op_document:
            d = c.execute(text("SELECT keten_volgnummer, keten_hash FROM document WHERE id = :d"), {"d": w.doc["id"]}).one()
            kop = {"volgnummer": d[0], "hash": d[1]}
        else:
            kop = dict(c.execute(text("SELECT * FROM ketenkop WHERE keten = :k"), {"k": keten}).one()._mapping)
        laatste = dict(
            c.execute(text("SELECT * FROM gebeurtenis WHERE keten = :k ORDER BY volgnummer DESC LIMIT 1"), {"k": keten})
            .one()
            ._mapping
        )
        gegevens = json.dumps(
            {"sectie": w.sectie["id"], "versie": 99, "tekst_sha256": "0" * 64, "revisie": 99},
            sort_keys=True,
            separators=(",", ":"),
        )
        rij = {
            **laatste,
            "volgnummer": kop["volgnummer"] + 1,
            "gegevens": gegevens,
            "vorige_hash": kop["hash"],
            "soort": "sectie_gewijzigd",
        }
        rij["hash"] = controle.ketenhash(kop["hash"], rij)
        c.execute(
            text(
                "INSERT INTO gebeurtenis (keten, volgnummer, document_id, tijdstip, actor, soort, gegevens, vorige_hash, hash) "
                "VALUES (:keten, :volgnummer, :document_id, :tijdstip, :actor, :soort, :gegevens, :vorige_hash, :hash)"
            ),
            rij,
        )
        if op_document:
            c.execute(
                text("UPDATE document SET keten_volgnummer = :v, keten_hash = :h WHERE id = :d"),
                {"v": rij["volgnummer"], "h": rij["hash"], "d": w.doc["id"]},
            )
        else:
            c.execute(
                text("UPDATE ketenkop SET volgnummer = :v, hash = :h WHERE keten = :k"),
                {"v": rij["volgnummer"], "h": rij["hash"], "k": keten},
            )
    fouten = controle.inconsistenties(engine)
    engine.dispose()
    assert any("niet bestaat" in f for f in fouten), fouten
    assert not any(f.startswith("keten ") for f in fouten), fouten  # the chain itself is fine


def test_twee_overlappende_overgenomen_worden_gezien(kopie_van):
    w, maak = kopie_van
    fouten = _na(
        maak,
        "UPDATE tekstvoorstel SET status = 'overgenomen', verwerkt_in_versie = 1 WHERE id = :a",
        a=w.voorstel["id"],
    )
    assert any("allebei overgenomen" in f for f in fouten), fouten
