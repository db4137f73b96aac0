"""`paraaf wachtend` (issue item 9): what waits for a department's afstemmers or for one
official, with termijnen, overdue first.

The dispute is set up through the API; the CLI then reads the same database through its own
settings (PARAAF_DATABASE_URL). The CLI uses the real database clock; "later" is simulated
with PARAAF_KLOK_VERSCHUIVING_UREN, which app.db.database_nu honours.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from app import config, db
from app.cli import cli
from tests.helpers_afstemming import IENW_WORDING, Wereld, ok, over

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


def _caches_legen() -> None:
    if db.engine.cache_info().currsize:
        db.engine().dispose()
    db.engine.cache_clear()
    config.get_settings.cache_clear()


@pytest.fixture
def paraaf(monkeypatch, settings):
    """Run the CLI against the test database; `uren` moves its clock forward."""
    monkeypatch.setenv("PARAAF_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("PARAAF_KLOK_VERSCHUIVING_UREN", raising=False)
    _caches_legen()
    runner = CliRunner()

    def run(*args: str, uren: float | None = None):
        if uren is not None:
            monkeypatch.setenv("PARAAF_KLOK_VERSCHUIVING_UREN", str(uren))
            config.get_settings.cache_clear()
        return runner.invoke(cli, ["wachtend", *args])

    yield run
    _caches_legen()


def _email(w: Wereld, wie) -> str:
    return ok(w.als(wie).get("/gebruikers/ik"))["email"]


def _termijn(iso: str) -> str:
    """How the CLI shows a termijn: Amsterdam time, dd-mm-yyyy hh:mm."""
    return datetime.fromisoformat(iso).astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def _regels(uitvoer: str) -> list[str]:
    return [r.strip() for r in uitvoer.splitlines() if r.startswith("  ")]


def _geschil(w: Wereld, klok) -> dict:
    """VRO's letter in a ronde for DEF and IenW (termijn in 1 day); DEF proposes (answer in
    3 days), IenW counters: DEF must answer the counter-proposal and give its oordeel."""
    doc = w.document(parafenlijn=())
    ronde_termijn = over(klok, days=1)
    ronde = ok(
        w.als(w.opsteller).post(
            f"/documenten/{doc['id']}/afstemmingsrondes",
            json={"departementen": ["DEF", "IenW"], "termijn": ronde_termijn},
        ),
        201,
    )
    reactietermijn = over(klok, days=3)
    p = w.voorstel(doc, reactietermijn=reactietermijn)
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    zonder = ok(w.dien_in(doc, w.IenW, "Het Rijk", "De Staat"), 201)  # no termijn: listed last
    return {
        "doc": doc,
        "ronde": ronde,
        "p": p,
        "t": t,
        "zonder": zonder,
        "ronde_termijn": ronde_termijn,
        "reactietermijn": reactietermijn,
    }


def test_wachtend_voor_departement_met_termijnen(w, klok, paraaf):
    g = _geschil(w, klok)
    r = paraaf("--departement", "DEF")
    assert r.exit_code == 0, r.output
    regels = _regels(r.stdout)
    assert len(regels) == 3, r.stdout
    ronde, tegen, zonder = regels
    assert "oordeel_geven" in ronde and f"[ronde {g['ronde']['id']}]" in ronde and _termijn(g["ronde_termijn"]) in ronde
    assert "reageren" in tegen and f"[voorstel {g['t']['id']}]" in tegen and "IenW" in tegen
    assert _termijn(g["reactietermijn"]) in tegen
    assert f"[voorstel {g['zonder']['id']}]" in zonder and "geen termijn" in zonder
    assert not any("VERLOPEN" in x for x in regels)
    # DEF's own proposal is not something DEF reacts to.
    assert not any(f"[voorstel {g['p']['id']}]" in x for x in regels)

    # 30 hours later the ronde termijn has passed: it comes first, marked overdue.
    r = paraaf("--departement", "DEF", uren=30)
    assert r.exit_code == 0, r.output
    regels = _regels(r.stdout)
    assert [("VERLOPEN" in x) for x in regels] == [True, False, False], r.stdout
    assert f"[ronde {g['ronde']['id']}]" in regels[0] and f"[voorstel {g['t']['id']}]" in regels[1]

    # Once DEF answered and gave its oordeel, nothing waits for DEF.
    ok(w.reageer(g["t"], w.DEF, "akkoord"), 201)
    ok(w.reageer(g["zonder"], w.DEF, "akkoord"), 201)
    ok(w.oordeel(g["ronde"], w.DEF), 201)
    r = paraaf("--departement", "DEF")
    assert r.exit_code == 0 and _regels(r.stdout) == [] and "niets" in r.stdout


def test_wachtend_voor_ander_departement(w, klok, paraaf):
    g = _geschil(w, klok)
    r = paraaf("--departement", "IenW")
    regels = _regels(r.stdout)
    # IenW reacts to DEF's proposal? It did (tegenvoorstel). It still owes its oordeel.
    assert len(regels) == 1 and f"[ronde {g['ronde']['id']}]" in regels[0], r.stdout
    # A department that is not involved sees nothing.
    r = paraaf("--departement", "EZ")
    assert r.exit_code == 0 and _regels(r.stdout) == []


def test_wachtend_voor_parafeerder_aan_de_beurt(w, paraaf):
    doc = w.document(parafenlijn=("afdelingshoofd", "directeur"))
    ok(w.oordeel(w.ronde(doc, ("DEF",)), w.DEF), 201)
    assert w.status(doc) == "afgestemd"
    hoofd, directeur = _email(w, w.afdelingshoofd), _email(w, w.directeur)
    r = paraaf("--gebruiker", hoofd)
    assert r.exit_code == 0, r.output
    regels = _regels(r.stdout)
    assert len(regels) == 1 and "paraferen" in regels[0] and f"document {doc['id']}" in regels[0]
    assert _regels(paraaf("--gebruiker", directeur).stdout) == []
    ok(w.paraaf(doc, w.afdelingshoofd), 201)
    assert _regels(paraaf("--gebruiker", hoofd).stdout) == []
    regels = _regels(paraaf("--gebruiker", directeur).stdout)
    assert len(regels) == 1 and "paraferen" in regels[0]


def test_wachtend_voor_bewindspersoon_met_geescaleerde_draad(w, klok, paraaf):
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc, reactietermijn=over(klok, days=2))
    ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)
    minister = _email(w, w.minister)
    assert not any("besluiten" in x for x in _regels(paraaf("--gebruiker", minister).stdout))
    ok(w.actie(p, "escaleren"))
    r = paraaf("--gebruiker", minister)
    assert r.exit_code == 0, r.output
    regels = [x for x in _regels(r.stdout) if "besluiten" in x]
    assert len(regels) == 1 and f"[voorstel {p['id']}]" in regels[0] and f"document {doc['id']}" in regels[0]
    # Decided: nothing left to decide.
    ok(w.actie(p, "besluit", tekst="werken soms samen"))
    assert not any("besluiten" in x for x in _regels(paraaf("--gebruiker", minister).stdout))


def test_wachtend_bewindspersoon_na_verstreken_termijn_zonder_lezen(w, klok, paraaf):
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc, reactietermijn=over(klok, hours=1))
    ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)
    r = paraaf("--gebruiker", _email(w, w.minister), uren=2)
    assert r.exit_code == 0, r.output
    assert any("besluiten" in x and f"[voorstel {p['id']}]" in x for x in _regels(r.stdout)), r.stdout


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (("--departement", "XYZ"), "Onbekend departement"),
        ((), "--departement"),
        (("--departement", "DEF", "--gebruiker", "iemand@minvro.test"), "--departement"),
        (("--gebruiker", "niemand@minvro.test"), "niemand@minvro.test"),
    ],
)
def test_wachtend_foute_invoer(paraaf, args, melding):
    r = paraaf(*args)
    assert r.exit_code == 1, r.output
    assert melding in r.output
