"""`make run`'s demo data (app/demo.py): the seed letter and its beslisnota as one set, the
NB 1 dispute under way, NB 2 as an afhankelijkheid on IenW's MIRT-brief; loading twice adds
nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from app.config import PROJECT_ROOT
from app.demo import NB2, laad_demo


def test_demo_toont_de_stukken(api, engine):
    laad_demo(engine, PROJECT_ROOT / "drafts")
    regels = laad_demo(engine, PROJECT_ROOT / "drafts")
    opsteller = api.als("demo-opsteller-vro")
    documenten = opsteller.get("/documenten").json()
    assert [(d["soort"], d["titel"]) for d in documenten] == [
        ("kamerbrief", "Uitkomsten BO’s Leefomgeving 2025"),
        ("beslisnota", "Kamerbrief Uitkomsten BO’s Leefomgeving 2025"),
        ("kamerbrief", "MIRT-brief voorjaar 2025"),
    ]
    assert sum("kamerbrief" in r or "beslisnota" in r for r in regels) == 3
    brief, nota, mirt = documenten
    # One timeline: no document is dated in the past while its termijnen count from today; the
    # letter and nota get their date when they are vastgesteld.
    assert [opsteller.get(f"/documenten/{d['id']}").json().get("datum", "ontbreekt") for d in documenten] == [None, None, None]
    rondes = opsteller.get(f"/documenten/{brief['id']}/afstemmingsrondes").json()
    assert rondes and all(r["termijn"] > r["geopend_op"] for r in rondes)
    stukken = opsteller.get(f"/documenten/{nota['id']}/stukken").json()
    assert stukken["brief"] == brief["id"] and [d["id"] for d in stukken["documenten"]] == [brief["id"], nota["id"]]
    assert [p["nummer"] for p in stukken["beslispunten"]] == [1, 2] and all(p["besluit"] is None for p in stukken["beslispunten"])
    assert [(a["omschrijving"], a["document"], a["status"]) for a in stukken["afhankelijkheden"]] == [(NB2, mirt["id"], "open")]
    # The dispute: Defensie's proposal, IenW's counter-proposal, waiting for Defensie.
    voorstellen = opsteller.get(f"/tekstvoorstellen?document={brief['id']}").json()
    assert [(v["departement"], v["status"]) for v in voorstellen] == [("DEF", "tegenvoorstel_gedaan"), ("IenW", "ingediend")]
    # The nota renders both NB points, and the minister sees the beslispunten to decide.
    html = api.als("demo-minister-vro").get(f"/documenten/{nota['id']}/html").text
    zichtbaar = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "NB 1 Tussen Defensie en IenW wordt nog afgestemd" in zichtbaar and "Tekstvoorstel IenW" in zichtbaar
    assert f"NB 2 {NB2} Wacht op: MIRT-brief voorjaar 2025 (IenW) moet vastgesteld zijn" in zichtbaar
    assert "NB 3" not in zichtbaar  # the draft's static NB text went: NB 2 is the afhankelijkheid


def test_make_run_laadt_de_demo_in_een_eigen_proces(tmp_path):
    """What `make run` does, in a fresh interpreter: migrate, then `paraaf demo laden` (the CLI
    alone imports what it needs; in-process tests have every model imported already)."""
    omgeving = {**os.environ, "PARAAF_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    for opdracht in ([sys.executable, "-m", "alembic", "upgrade", "head"], [sys.executable, "-m", "app.cli", "demo", "laden"]):
        klaar = subprocess.run(opdracht, cwd=PROJECT_ROOT, env=omgeving, capture_output=True, text=True, timeout=300)
        assert klaar.returncode == 0, klaar.stdout[-2000:] + klaar.stderr[-4000:]
    assert "Demogebruikers" in klaar.stdout
