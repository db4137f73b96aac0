"""Issue 16, item 2: SQLite writers of one process take the write lock in arrival order
(app.db.Schrijfrij), and a write transaction's end hands it to the next in line."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from app.db import Schrijfrij


def _wacht_tot(voorwaarde) -> None:
    gebeurd = threading.Event()
    while not voorwaarde():
        gebeurd.wait(0.001)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 12))
def test_schrijvers_krijgen_hun_beurt_in_volgorde_van_aankomst(aantal):
    rij = Schrijfrij()
    assert rij.neem(timeout=1)
    volgorde: list[int] = []
    draden = []
    for i in range(aantal):
        t = threading.Thread(target=lambda i=i: (rij.neem(timeout=30), volgorde.append(i), rij.geef()))
        t.start()
        draden.append(t)
        _wacht_tot(lambda i=i: len(rij._wachtenden) == i + 1)  # arrived: in the queue
    rij.geef()
    for t in draden:
        t.join(30)
    assert volgorde == list(range(aantal))
    assert rij.neem(timeout=0)  # free again once everyone is through


def test_wie_te_lang_wacht_verlaat_de_rij_zonder_haar_te_blokkeren():
    rij = Schrijfrij()
    assert rij.neem(timeout=1)
    assert rij.neem(timeout=0.01) is False  # gave up: not in the queue any more
    assert not rij._wachtenden
    rij.geef()
    assert rij.neem(timeout=0)


def test_een_sqlite_schrijftransactie_houdt_de_rij_tot_haar_einde(tmp_path):
    from sqlalchemy import text

    from app.db import maak_engine, nieuwe_schrijfsessie

    engine = maak_engine(f"sqlite:///{tmp_path / 'rij.db'}")
    with nieuwe_schrijfsessie(engine) as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
        s.commit()
    for einde in ("commit", "rollback", "close"):
        s = nieuwe_schrijfsessie(engine)
        s.execute(text("INSERT INTO t VALUES (1)"))
        tweede = nieuwe_schrijfsessie(engine)
        klaar = threading.Event()
        threading.Thread(
            target=lambda tweede=tweede, klaar=klaar: (tweede.execute(text("INSERT INTO t VALUES (2)")), klaar.set())
        ).start()
        assert not klaar.wait(0.2)  # waits behind the first
        getattr(s, einde)()
        # Handed over at the end of the first, whichever end: a turn never returned would keep
        # the second waiting for the queue's 60 s timeout.
        assert klaar.wait(30)
        tweede.commit()
        tweede.close()
        s.close()
    engine.dispose()
