"""Crash: kill -9 the server during a stream of writes, restart it (issue item 3).

The 24 workers of tests/betrouwbaarheid/werklast.py stream edits, proposals, reactions,
adoptions and oordelen at a real server (SQLite with one worker; PostgreSQL with two) while
the test kills the server's whole process group with SIGKILL at random moments, several
times, and starts it again on the same database. Workers wait out the gap and go on.

Afterwards:
- every write that was acknowledged (a 2xx reached the client) is there: the section version
  with exactly the answered text, the proposal, the reaction, the oordeel, the adoption;
- writes whose answer was lost in the crash are either wholly there or wholly absent: no
  section version without its revisie and event, no event without its change (event
  gegevens "sectie"/"versie"/"tekst_sha256" cross-checked with the sectieversie rows), no
  reaction or oordeel without its event or the other way round, versions and revisies gapless
  (tests/betrouwbaarheid/controle.py);
- the chain verifies through GET .../gebeurtenissen/verificatie and through `paraaf verifieer`.

The normal suite kills 3 times per backend; PARAAF_LANG=1 (`make crash`) kills 12 times.
"""

from __future__ import annotations

import os
import random
import secrets
import subprocess
import threading
import time
from collections import Counter

import httpx
import pytest

from app.db import maak_engine

from . import controle
from .server import ROOT, VENV_BIN, Server, database, postgres_reden
from .werklast import Opzet, Werklast

pytestmark = pytest.mark.traag

LANG = os.environ.get("PARAAF_LANG") == "1"
KILLS = int(os.environ.get("PARAAF_CRASH_KILLS", "12" if LANG else "3"))
# Errors that mean: the request never reached the server (so it certainly did nothing).
NIET_VERSTUURD = {"ConnectError", "ConnectTimeout"}


@pytest.mark.parametrize(
    "backend, workers",
    [pytest.param("sqlite", 1, id="sqlite"), pytest.param("postgres", 2, id="postgres-2-workers", marks=pytest.mark.postgres)],
)
def test_kill9_tijdens_schrijven(tmp_path, backend, workers):
    if backend == "postgres" and (reden := postgres_reden()):
        pytest.skip(reden)
    admin = "admin-" + secrets.token_urlsafe(24)
    rng = random.Random(20250612)
    with database(backend, tmp_path) as url:
        srv = Server(url, admin, workers=workers, log=tmp_path / "uvicorn.log")
        srv.start()
        try:
            o = Opzet.maak(srv.basis, admin)
            stop = threading.Event()
            w = Werklast(o, stappen=10**9, zaad=11, stop=stop, verdraag_uitval=True)
            stroom = threading.Thread(target=w.draai, kwargs={"timeout": 3600}, daemon=True)
            begin = time.monotonic()
            stroom.start()
            kills = []
            for _ in range(KILLS):
                # Mid-stream: after a random number of answered writes since the (re)start.
                _wacht_op_antwoorden(w, rng.randint(5, 60))
                time.sleep(rng.uniform(0.0, 0.3))
                tijdens = len(w.antwoorden)
                srv.kill9()
                kills.append(tijdens)
                time.sleep(rng.uniform(0.0, 0.5))
                srv.start()
            time.sleep(1.5)  # some writes after the last restart too
            stop.set()
            stroom.join(timeout=120)
            assert not stroom.is_alive(), "de schrijvers stoppen niet"
            duur = time.monotonic() - begin
            with httpx.Client(base_url=srv.api, timeout=60, headers={"Authorization": f"Bearer {o.opstellers[0]['token']}"}) as c:
                document = c.get(f"/documenten/{o.doc_id}").json()
                verificatie = c.get(f"/documenten/{o.doc_id}/gebeurtenissen/verificatie").json()
                versies = {
                    s["id"]: c.get(f"/documenten/{o.doc_id}/secties/{s['id']}/versies").json() for s in document["secties"]
                }
        finally:
            srv.stop()
        cli = subprocess.run(
            [str(VENV_BIN / "paraaf"), "verifieer", str(o.doc_id)],
            cwd=ROOT,
            env={**os.environ, "PARAAF_DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=120,
        )
        engine = maak_engine(url)
        try:
            onzeker = [a for a in w.antwoorden if isinstance(a.status, str) and a.status not in NIET_VERSTUURD]
            print(
                f"\ncrash {backend}: {KILLS} keer kill -9 (na {kills} verzoeken), {len(w.antwoorden)} schrijfverzoeken in {duur:.1f} s, "
                f"{sum(a.gelukt for a in w.antwoorden)} bevestigd, {len(onzeker)} zonder antwoord onderbroken, "
                f"{sum(1 for a in w.antwoorden if a.status in NIET_VERSTUURD)} niet verstuurd, "
                f"{w.onbereikbaar} leesacties tijdens uitval, revisie {document.get('revisie')}"
            )
            _controleer(o, w, document, verificatie, versies, cli, engine)
        finally:
            engine.dispose()


def _wacht_op_antwoorden(w: Werklast, aantal: int, timeout: float = 120) -> None:
    def beantwoord() -> int:
        return sum(1 for a in list(w.antwoorden) if isinstance(a.status, int))

    doel = beantwoord() + aantal
    einde = time.monotonic() + timeout
    while beantwoord() < doel and time.monotonic() < einde and not w.fouten:
        time.sleep(0.02)


def _controleer(o, w, document, verificatie, versies, cli, engine) -> None:
    assert w.fouten == [], w.fouten
    assert sum(a.gelukt for a in w.antwoorden) > 30, "te weinig bevestigde schrijfacties: de test oefent niets"
    # Answers that did arrive: 2xx, 409 or 422 only (also right after a restart).
    anders = [
        (a.draad, a.actie, a.status, str(a.body)[:200])
        for a in w.antwoorden
        if isinstance(a.status, int) and not a.gelukt and a.status not in (409, 422)
    ]
    assert anders == [], anders[:10]

    # Every acknowledged edit is there with exactly the answered text.
    tekst_van = {sid: {v["versie"]: v["tekst"] for v in lijst} for sid, lijst in versies.items()}
    for a in w.antwoorden:
        if a.actie == "wijzig" and a.gelukt and a.body.get("gewijzigd") is not False:
            sid = int(a.pad.rsplit("/", 1)[1])
            assert tekst_van[sid].get(a.body["versie"]) == a.body["tekst"], ("bevestigde wijziging verloren", a.draad, a.body)
    for s in document["secties"]:
        assert sorted(tekst_van[s["id"]]) == list(range(1, s["versie"] + 1)), s["id"]
        assert s["tekst"] == tekst_van[s["id"]][s["versie"]]

    # Every acknowledged proposal action, reaction and oordeel is there.
    voorstellen = {v["id"]: v for v in controle.rijen(engine, "tekstvoorstel")}
    for a in w.antwoorden:
        if not a.gelukt:
            continue
        if a.actie == "dien_in":
            assert a.body["id"] in voorstellen and voorstellen[a.body["id"]]["voorgesteld"] == a.verzoek["voorgesteld"], a.body
        elif a.actie == "reageer" and a.verzoek["oordeel"] == "tegenvoorstel":
            assert a.body["id"] in voorstellen, a.body
        elif a.actie == "overnemen":
            assert voorstellen[a.body["id"]]["status"] == "overgenomen", a.body
        elif a.actie in ("afwijzen", "intrekken"):
            assert voorstellen[a.body["id"]]["status"] == {"afwijzen": "afgewezen", "intrekken": "ingetrokken"}[a.actie]
    reacties_db = Counter((r["tekstvoorstel_id"], r["departement"], r["oordeel"]) for r in controle.rijen(engine, "reactie"))
    bevestigd = Counter(
        (int(a.pad.split("/")[2]), a.departement, a.verzoek["oordeel"]) for a in w.antwoorden if a.actie == "reageer" and a.gelukt
    )
    assert bevestigd - reacties_db == Counter(), "bevestigde reacties ontbreken"
    # Rows beyond the acknowledged ones may only come from requests whose answer was lost.
    onderbroken = Counter(
        (int(a.pad.split("/")[2]), a.departement, a.verzoek["oordeel"])
        for a in w.antwoorden
        if a.actie == "reageer" and isinstance(a.status, str) and a.status not in NIET_VERSTUURD
    )
    assert reacties_db - bevestigd - onderbroken == Counter(), "reacties die niemand heeft gegeven"
    oordelen_db = Counter((r["departement"], r["opmerkingen"]) for r in controle.rijen(engine, "rondeoordeel"))
    bevestigd = Counter((a.departement, a.verzoek["opmerkingen"]) for a in w.antwoorden if a.actie == "oordeel" and a.gelukt)
    assert bevestigd - oordelen_db == Counter(), "bevestigde oordelen ontbreken"

    # No partial write anywhere; the chain verifies (API, CLI, plain SQL).
    assert controle.inconsistenties(engine) == []
    assert verificatie["geldig"] is True, verificatie
    assert cli.returncode == 0 and "intact" in cli.stdout, (cli.returncode, cli.stdout, cli.stderr)
