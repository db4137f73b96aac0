"""Migration 0010_stukken carries an existing database forward (issue 12).

An old-schema database (the revision before: 0009_zegel_pdf) with data in it: letters
with and without a beslisnota,
parafen given before parafen covered the set, a nota with parafen of its own, and links the new
rules do not allow (a letter linked to a letter, a bijlage linked to a nota, a bijlage linked to
a nota of its own). The data is made through the API, the schema taken back to that revision and the
legacy shapes written in SQL as an old version would have left them; then `alembic upgrade
head`, and the service must carry on with it: what the migration docstring promises, each
change in the document's own (still valid) event chain.
"""

from __future__ import annotations

from sqlalchemy import text

from alembic import command
from tests.conftest import BESLISNOTA_MD, alembic_config, importeer
from tests.helpers_afstemming import Wereld, ok


def _naar(engine, revisie: str, richting) -> None:
    config = alembic_config()
    with engine.begin() as verbinding:
        config.attributes["connection"] = verbinding
        richting(config, revisie)
    engine.dispose()  # no pooled connection (or cached plan) survives a schema change


def _migratie_gebeurtenis(w: Wereld, doc_id: int) -> dict:
    g = [g for g in ok(w.als(w.opsteller).get(f"/documenten/{doc_id}/gebeurtenissen")) if g["soort"] == "migratie_stukken"]
    assert len(g) == 1, g
    assert g[0]["actor"] == "systeem"
    return g[0]["gegevens"]


def test_bestaande_database_wordt_meegenomen(api, klok, engine):
    w = Wereld(api, klok)
    # A: a letter with its nota, afgestemd, one paraaf (in_parafering).
    a = w.document(parafenlijn=("afdelingshoofd", "directeur"), mede_namens=("DEF",))
    nota = importeer(api, w.opsteller, BESLISNOTA_MD)  # linked below, as an old version allowed
    ok(w.oordeel(w.ronde(a, ("DEF",)), w.DEF), 201)
    # B: a letter alone, initialled by its afdelingshoofd (in_parafering).
    b = w.document(parafenlijn=("afdelingshoofd",), mede_namens=("DEF",))
    ok(w.oordeel(w.ronde(b, ("DEF",)), w.DEF), 201)
    ok(w.paraaf(b, w.afdelingshoofd), 201)
    # Legacy shapes: a letter linked to a letter, a bijlage linked to a (member) nota, a bijlage
    # linked to a nota that heads nothing.
    k2 = w.document(parafenlijn=())
    x = ok(w.als(w.opsteller).post("/documenten", json={"soort": "bijlage", "titel": "Aan de nota", "penvoerder": "VRO"}), 201)
    los = ok(
        w.als(w.opsteller).post("/documenten", json={"soort": "beslisnota", "titel": "Losse nota", "penvoerder": "VRO"}), 201
    )
    y = ok(
        w.als(w.opsteller).post("/documenten", json={"soort": "bijlage", "titel": "Aan de losse nota", "penvoerder": "VRO"}), 201
    )

    _naar(engine, "0009_zegel_pdf", command.downgrade)
    with engine.begin() as c:
        koppel = text("UPDATE document SET gekoppeld_aan = :doel WHERE id = :id")
        c.execute(koppel, {"doel": a["id"], "id": nota["id"]})
        c.execute(koppel, {"doel": b["id"], "id": k2["id"]})
        c.execute(koppel, {"doel": nota["id"], "id": x["id"]})
        c.execute(koppel, {"doel": los["id"], "id": y["id"]})
        # A paraaf on A at its current revisie (the old rule: valid), and one on the nota itself.
        a_nu = c.execute(text("SELECT revisie, inhoudshash FROM document WHERE id = :id"), {"id": a["id"]}).one()
        n_nu = c.execute(text("SELECT revisie, inhoudshash FROM document WHERE id = :id"), {"id": nota["id"]}).one()
        c.execute(text("UPDATE document SET status = 'in_parafering' WHERE id = :id"), {"id": a["id"]})
        nieuw = text(
            "INSERT INTO paraaf (document_id, niveau, gebruiker_id, inhoudshash, revisie, tijdstip) "
            "VALUES (:d, :n, :g, :h, :r, :t)"
        )
        nu = c.execute(text("SELECT MAX(tijdstip) FROM gebeurtenis")).scalar_one()
        c.execute(
            nieuw,
            {"d": a["id"], "n": "afdelingshoofd", "g": w.afdelingshoofd.id, "h": a_nu.inhoudshash, "r": a_nu.revisie, "t": nu},
        )
        c.execute(
            nieuw,
            {"d": nota["id"], "n": "afdelingshoofd", "g": w.afdelingshoofd.id, "h": n_nu.inhoudshash, "r": n_nu.revisie, "t": nu},
        )
        parafen = {r.document_id: r.id for r in c.execute(text("SELECT id, document_id FROM paraaf"))}
    _naar(engine, "head", command.upgrade)

    # 1. Links: one level under a letter.
    lees = {d["id"]: d for d in ok(w.als(w.opsteller).get("/documenten"))}
    assert lees[nota["id"]]["gekoppeld_aan"] == a["id"]  # a member of A's set
    assert lees[x["id"]]["gekoppeld_aan"] == a["id"]  # re-linked to the set's letter
    assert lees[k2["id"]]["gekoppeld_aan"] is None  # a letter heads its own set
    assert lees[y["id"]]["gekoppeld_aan"] is None  # the nota it named heads no letter's set
    stukken = ok(w.als(w.opsteller).get(f"/documenten/{x['id']}/stukken"))
    assert [d["id"] for d in stukken["documenten"]] == [a["id"], nota["id"], x["id"]]
    assert _migratie_gebeurtenis(w, x["id"])["koppeling"] == {
        "was": nota["id"],
        "wordt": a["id"],
        "reden": "gekoppeld aan de Kamerbrief van de stukken",
    }
    assert _migratie_gebeurtenis(w, k2["id"])["koppeling"]["wordt"] is None
    assert _migratie_gebeurtenis(w, y["id"])["koppeling"] == {
        "was": los["id"],
        "wordt": None,
        "reden": "het gekoppelde document is geen Kamerbrief van een set stukken",
    }

    # 2. Parafen: A's did not cover its nota: void, and A is afgestemd again.
    a_parafen = ok(w.als(w.opsteller).get(f"/documenten/{a['id']}/parafen"))
    assert [(p["niveau"], p["geldig"]) for p in a_parafen] == [("afdelingshoofd", False)]
    assert a_parafen[0]["sethash"].startswith("sha256:")
    assert w.status(a) == "afgestemd"
    gegevens = _migratie_gebeurtenis(w, a["id"])
    assert gegevens["parafen_vervallen"]["parafen"] == [{"paraaf": parafen[a["id"]], "niveau": "afdelingshoofd"}]
    assert gegevens["status"] == {"van": "in_parafering", "naar": "afgestemd"}
    assert gegevens["stukken"] == [nota["id"], x["id"]]
    # The nota's own paraaf no longer counts (parafen go on the letter); its chain says so.
    n_gegevens = _migratie_gebeurtenis(w, nota["id"])
    assert n_gegevens["lid_van"] == a["id"]
    assert n_gegevens["parafen_vervallen"]["reden"] == "de parafen gaan op de Kamerbrief van de stukken"
    assert [p["document"] for p in ok(w.als(w.opsteller).get(f"/documenten/{nota['id']}/parafen"))] == [a["id"]]
    # B's paraaf saw all there was: still valid, B still in_parafering, nothing written to B.
    assert [(p["niveau"], p["geldig"]) for p in ok(w.als(w.opsteller).get(f"/documenten/{b['id']}/parafen"))] == [
        ("afdelingshoofd", True)
    ]
    assert w.status(b) == "in_parafering"
    assert "migratie_stukken" not in [g["soort"] for g in ok(w.als(w.opsteller).get(f"/documenten/{b['id']}/gebeurtenissen"))]

    # Every chain is intact.
    for doc_id in (a["id"], b["id"], nota["id"], k2["id"], x["id"], y["id"], los["id"]):
        assert ok(w.als(w.opsteller).get(f"/documenten/{doc_id}/gebeurtenissen/verificatie"))["geldig"] is True, doc_id

    # And the service carries on: B can be signed; A's set is initialled and signed as one.
    assert ok(w.als(w.minister).post(f"/documenten/{b['id']}/vaststellen"))["status"] == "vastgesteld"
    for niveau in ("afdelingshoofd", "directeur"):
        ok(w.paraaf(a, w.parafeerder(niveau)), 201)
    for nummer in (1, 2):
        ok(w.als(w.minister).post(f"/documenten/{nota['id']}/beslispunten/{nummer}/besluit", json={"besluit": "akkoord"}), 201)
    assert ok(w.als(w.minister).post(f"/documenten/{a['id']}/vaststellen"))["status"] == "vastgesteld"
    assert [w.status(d) for d in (nota, x)] == ["vastgesteld", "vastgesteld"]
