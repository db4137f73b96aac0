"""No lost update under load (issue item 2), against real server processes: PostgreSQL with
`--workers 4`, and SQLite with one worker.

24 threads work on one document at once (tests/betrouwbaarheid/werklast.py): four edit the
same word of one section, six edit their own line of another, four edit a section each (now
and then from a stale base), eight afstemmers of four departments react to the same proposals
(akkoord / niet_akkoord / tegenvoorstel), file new ones, withdraw their own and give
oordelen, and two opstellers adopt and reject proposals. Every request and answer is recorded.

Afterwards, from the API and from the database:
- every answer was 2xx, 409 or 422 — never a 5xx, never anything else — and every error was
  problem+json; every 409 on an edit carried the then-current version and text;
- every accepted edit's version exists with exactly the text that was answered; versions
  are 1..N without gaps and the section's text is that of version N; revisie equals the
  number of revisions and they are gapless (tests/betrouwbaarheid/controle.py);
- every accepted reaction, oordeel, proposal, adoption, rejection and withdrawal is in the
  database; every proposal has exactly one status of docs/api.md's list, reached through
  workflow/statussen.py's table; of competing passages at most one was adopted;
- the event log verifies (API and database) and has exactly one event per accepted write,
  counted by soort.

The normal suite runs 8 actions per thread; PARAAF_LANG=1 (`make belasting`) runs 60.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter

import httpx
import pytest

from app.db import maak_engine

from . import controle
from .server import Server, database, postgres_reden
from .werklast import Opzet, Werklast

pytestmark = pytest.mark.traag

LANG = os.environ.get("PARAAF_LANG") == "1"
STAPPEN = int(os.environ.get("PARAAF_BELASTING_STAPPEN", "60" if LANG else "8"))

# What a 2xx of each action must leave in the event log.
SOORT = {
    "dien_in": "tekstvoorstel_ingediend",
    "reageer": "reactie_gegeven",
    "overnemen": "tekstvoorstel_overgenomen",
    "afwijzen": "tekstvoorstel_afgewezen",
    "intrekken": "tekstvoorstel_ingetrokken",
    "oordeel": "oordeel_gegeven",
}


@pytest.mark.parametrize(
    "backend, workers",
    [
        pytest.param("sqlite", 1, id="sqlite-1-worker"),
        pytest.param("postgres", 4, id="postgres-4-workers", marks=pytest.mark.postgres),
    ],
)
def test_geen_verloren_schrijfactie_onder_belasting(tmp_path, backend, workers):
    if backend == "postgres" and (reden := postgres_reden()):
        pytest.skip(reden)
    admin = "admin-" + secrets.token_urlsafe(24)
    with database(backend, tmp_path) as url:
        with Server(url, admin, workers=workers, log=tmp_path / "uvicorn.log") as srv:
            o = Opzet.maak(srv.basis, admin)
            w = Werklast(o, stappen=STAPPEN, zaad=7)
            duur = w.draai()
            with httpx.Client(base_url=srv.api, timeout=60, headers={"Authorization": f"Bearer {o.opstellers[0]['token']}"}) as c:
                document = c.get(f"/documenten/{o.doc_id}").json()
                verificatie = c.get(f"/documenten/{o.doc_id}/gebeurtenissen/verificatie").json()
                gebeurtenissen = c.get(f"/documenten/{o.doc_id}/gebeurtenissen").json()
                versies = {
                    s["id"]: c.get(f"/documenten/{o.doc_id}/secties/{s['id']}/versies").json() for s in document["secties"]
                }
                voorstellen = {v["id"]: v for v in c.get("/tekstvoorstellen", params={"document": o.doc_id}).json()}
        engine = maak_engine(url)
        try:
            _controleer(o, w, document, verificatie, gebeurtenissen, versies, voorstellen, engine)
        finally:
            per_actie = {k: dict(v) for k, v in sorted(w.per_actie().items())}
            print(
                f"\nbelasting {backend} ({workers} worker(s)): {len(w.antwoorden)} schrijfverzoeken in {duur:.1f} s, "
                f"{sum(a.gelukt for a in w.antwoorden)} 2xx, per actie {per_actie}"
            )
            engine.dispose()


def _controleer(o, w, document, verificatie, gebeurtenissen, versies, voorstellen, engine) -> None:
    assert w.fouten == [], w.fouten
    assert len(w.antwoorden) >= 24 * STAPPEN * 0.6, len(w.antwoorden)

    # 1. Only 2xx, 409 and 422, and every error a problem.
    anders = [
        (a.draad, a.actie, a.status, str(a.body)[:200]) for a in w.antwoorden if not a.gelukt and a.status not in (409, 422)
    ]
    assert anders == [], anders[:10]
    geen_probleem = [(a.draad, a.actie, a.status) for a in w.antwoorden if not a.gelukt and "_geen_problem_json" in a.body]
    assert geen_probleem == [], geen_probleem[:10]
    # The workload must really have contended: conflicts and merges, and accepted work of every kind.
    per_actie = w.per_actie()
    for actie in ("wijzig", "reageer", "dien_in", "overnemen", "oordeel"):
        assert sum(n for s, n in per_actie.get(actie, Counter()).items() if isinstance(s, int) and s < 300) > 0, (
            actie,
            per_actie,
        )
    assert per_actie["wijzig"][409] > 0, "geen enkel conflict: de test oefent niets"
    wijzigingen = [a for a in w.antwoorden if a.actie == "wijzig" and a.gelukt]
    assert any(a.body.get("samengevoegd") for a in wijzigingen), "geen enkele samenvoeging"

    # 2. Every accepted edit is in the history with exactly the answered text.
    tekst_van = {sid: {v["versie"]: v["tekst"] for v in lijst} for sid, lijst in versies.items()}
    for a in wijzigingen:
        sid = int(a.pad.rsplit("/", 1)[1])
        if a.body.get("gewijzigd") is False:
            continue
        assert tekst_van[sid].get(a.body["versie"]) == a.body["tekst"], (a.draad, a.body)
    # Accepted edits of a section are distinct versions (no two writes claim one version).
    geclaimd = Counter(
        (int(a.pad.rsplit("/", 1)[1]), a.body["versie"]) for a in wijzigingen if a.body.get("gewijzigd") is not False
    )
    assert [k for k, n in geclaimd.items() if n > 1] == []
    # Every 409 on an edit carried the version and text as they were then.
    for a in w.antwoorden:
        if a.actie == "wijzig" and a.status == 409 and "actuele_versie" in a.body:
            sid = int(a.pad.rsplit("/", 1)[1])
            assert tekst_van[sid][a.body["actuele_versie"]] == a.body["actuele_tekst"], a.body
    # Versions gapless, current text = last version (from the API).
    for s in document["secties"]:
        nummers = sorted(tekst_van[s["id"]])
        assert nummers == list(range(1, s["versie"] + 1)), (s["id"], nummers)
        assert s["tekst"] == tekst_van[s["id"]][s["versie"]]
    assert document["revisie"] == 1 + sum(s["versie"] - 1 for s in document["secties"])

    # 3. Every accepted proposal action is in the database.
    db_voorstellen = {v["id"]: v for v in controle.rijen(engine, "tekstvoorstel")}
    for a in w.antwoorden:
        if not a.gelukt:
            continue
        if a.actie == "dien_in":
            assert db_voorstellen[a.body["id"]]["voorgesteld"] == a.verzoek["voorgesteld"]
        elif a.actie == "overnemen":
            v = db_voorstellen[a.body["id"]]
            assert v["status"] == "overgenomen" and v["verwerkt_in_versie"] is not None, v
            assert v["voorgesteld"] in tekst_van[v["sectie_id"]][v["verwerkt_in_versie"]]
        elif a.actie in ("afwijzen", "intrekken"):
            assert db_voorstellen[a.body["id"]]["status"] == {"afwijzen": "afgewezen", "intrekken": "ingetrokken"}[a.actie]
    reacties_201 = Counter(
        (int(a.pad.split("/")[2]), a.departement, a.verzoek["oordeel"]) for a in w.antwoorden if a.actie == "reageer" and a.gelukt
    )
    reacties_db = Counter((r["tekstvoorstel_id"], r["departement"], r["oordeel"]) for r in controle.rijen(engine, "reactie"))
    assert reacties_201 == reacties_db
    oordelen_201 = Counter(
        (a.departement, a.verzoek["oordeel"], a.verzoek["opmerkingen"]) for a in w.antwoorden if a.actie == "oordeel" and a.gelukt
    )
    oordelen_db = Counter((r["departement"], r["oordeel"], r["opmerkingen"]) for r in controle.rijen(engine, "rondeoordeel"))
    assert oordelen_201 == oordelen_db
    # Every proposal in exactly one status (API and database agree).
    assert set(voorstellen) == set(db_voorstellen)
    for vid, v in voorstellen.items():
        assert v["status"] in controle.API_STATUSSEN and v["status"] == db_voorstellen[vid]["status"], v

    # 4. The event log: verifies, gapless, and one event per accepted write.
    assert verificatie["geldig"] is True, verificatie
    assert verificatie["aantal"] == len(gebeurtenissen)
    assert [g["volgnummer"] for g in gebeurtenissen] == list(range(1, len(gebeurtenissen) + 1))
    soorten = Counter(g["soort"] for g in gebeurtenissen)
    gelukt = Counter(a.actie for a in w.antwoorden if a.gelukt)
    verwacht = {soort: gelukt[actie] for actie, soort in SOORT.items()}
    verwacht["tekstvoorstel_ingediend"] += len(o.gezaaid)
    verwacht["sectie_gewijzigd"] = sum(1 for a in wijzigingen if a.body.get("gewijzigd") is not False)
    verwacht["tekstvoorstel_vervallen"] = sum(1 for v in db_voorstellen.values() if v["status"] == "vervallen")
    verwacht["document_geimporteerd"] = 1
    verwacht["ronde_geopend"] = 1
    gekregen = {soort: soorten.get(soort, 0) for soort in verwacht}
    assert gekregen == verwacht
    onverwacht = set(soorten) - set(verwacht) - {"documentstatus_gewijzigd"}
    assert onverwacht == set(), onverwacht

    # 5. The whole database, checked with plain SQL.
    assert controle.inconsistenties(engine) == []
