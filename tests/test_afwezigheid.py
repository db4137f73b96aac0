"""Afwezigheid (docs/api.md): "afwezig tot" with a vervanger of the same department and a shared
role; the vervanger sees the absent person's waiting items and may act in their place (a
paraaf at their level); the event log says "namens"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers_afstemming import Wereld, nu_volgens, ok, probleem
from workflow.werkdagen import AMSTERDAM


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


def _vandaag(klok):
    return nu_volgens(klok).astimezone(AMSTERDAM).date()


def _afwezig(w, wie, vervanger, tot):
    return w.als(wie).put("/gebruikers/ik/afwezigheid", json={"tot": tot.isoformat(), "vervanger": vervanger.id})


def test_afwezigheid_zetten_lezen_en_beeindigen(w, klok):
    tot = _vandaag(klok) + timedelta(days=7)
    r = ok(_afwezig(w, w.afdelingshoofd, w.directeur, tot))
    assert r == {"tot": tot.isoformat(), "vervanger": {"id": w.directeur.id, "naam": w.directeur.naam, "departement": "VRO"}}
    assert ok(w.als(w.afdelingshoofd).get("/gebruikers/ik/afwezigheid")) == r
    ik = ok(w.als(w.afdelingshoofd).get("/gebruikers/ik"))
    assert ik["afwezigheid"] == r and ik["meldingen"] == {"voorkeur": "direct"}
    assert [p["id"] for p in ok(w.als(w.directeur).get("/gebruikers/ik"))["vervangt"]] == [w.afdelingshoofd.id]
    d = w.als(w.afdelingshoofd).delete("/gebruikers/ik/afwezigheid")
    assert d.status_code == 204, d.text
    assert ok(w.als(w.afdelingshoofd).get("/gebruikers/ik/afwezigheid")) == {"tot": None, "vervanger": None}
    assert ok(w.als(w.directeur).get("/gebruikers/ik"))["vervangt"] == []


def test_vervanger_moet_passen(w, api, klok):
    tot = _vandaag(klok) + timedelta(days=3)
    opsteller_vro = w.opsteller
    afstemmer_vro = api.gebruiker("VRO", "afstemmer")
    parafeerder_def = api.gebruiker("DEF", "parafeerder", paraafniveau="directeur")
    beheerder_vro = api.gebruiker("VRO", "beheerder")
    gevallen = [
        (w.afdelingshoofd, parafeerder_def, "vervanger"),  # other department
        (w.afdelingshoofd, afstemmer_vro, "vervanger"),  # no shared role
        (w.afdelingshoofd, w.afdelingshoofd, "vervanger"),  # oneself
        (opsteller_vro, beheerder_vro, "vervanger"),  # beheerder is no shared working role
    ]
    for wie, vervanger, veld in gevallen:
        fout = probleem(_afwezig(w, wie, vervanger, tot), 422)
        assert fout["invalid_params"][0]["name"] == veld, fout
    assert (
        probleem(_afwezig(w, w.afdelingshoofd, w.directeur, _vandaag(klok) - timedelta(days=1)), 422)["invalid_params"][0]["name"]
        == "tot"
    )
    onbekend = w.als(w.afdelingshoofd).put("/gebruikers/ik/afwezigheid", json={"tot": tot.isoformat(), "vervanger": 99999})
    assert probleem(onbekend, 422)["invalid_params"][0]["name"] == "vervanger"
    for slecht in ({"tot": "morgen", "vervanger": w.directeur.id}, {"vervanger": w.directeur.id}, {"tot": tot.isoformat()}):
        probleem(w.als(w.afdelingshoofd).put("/gebruikers/ik/afwezigheid", json=slecht), 422)
    # A vervanger who is away himself is refused (one step, never a chain).
    ok(_afwezig(w, w.directeur, w.afdelingshoofd, tot))
    assert probleem(_afwezig(w, w.afdelingshoofd, w.directeur, tot), 422)["invalid_params"][0]["name"] == "vervanger"
    # Nothing was written by the refusals.
    assert ok(w.als(w.afdelingshoofd).get("/gebruikers/ik/afwezigheid")) == {"tot": None, "vervanger": None}
    assert w.api.client.put("/api/v1/gebruikers/ik/afwezigheid", json={}).status_code == 401


def test_vervanger_parafeert_op_het_niveau_van_de_afwezige_en_het_logboek_zegt_namens(w, klok):
    doc = w.document_in("afgestemd")["doc"]
    # The directeur cannot initial first: it is the afdelingshoofd's turn.
    assert probleem(w.paraaf(doc, w.directeur), 409)
    ok(_afwezig(w, w.afdelingshoofd, w.directeur, _vandaag(klok) + timedelta(days=2)))
    # Mijn werk of the directeur (the CLI's list, as the web UI's) now holds the afdelingshoofd's paraaf.
    paraaf = ok(w.paraaf(doc, w.directeur), 201)
    assert paraaf["niveau"] == "afdelingshoofd"
    log = w.gebeurtenissen(doc)
    laatste = [g for g in log if g["soort"] == "geparafeerd"][-1]
    assert laatste["actor"] == f"gebruiker/{w.directeur.id}"
    assert laatste["gegevens"]["niveau"] == "afdelingshoofd"
    assert laatste["gegevens"]["namens"] == {"id": w.afdelingshoofd.id, "naam": w.afdelingshoofd.naam}
    # Then at his own level, in his own name.
    eigen = ok(w.paraaf(doc, w.directeur), 201)
    assert eigen["niveau"] == "directeur"
    laatste = [g for g in w.gebeurtenissen(doc) if g["soort"] == "geparafeerd"][-1]
    assert laatste["actor"] == f"gebruiker/{w.directeur.id}" and "namens" not in laatste["gegevens"]
    assert w.status(doc) == "in_parafering"
    assert ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/gebeurtenissen/verificatie"))["geldig"] is True


def test_na_de_afwezigheid_vervalt_het_recht(w, klok):
    doc = w.document_in("afgestemd")["doc"]
    ok(_afwezig(w, w.afdelingshoofd, w.directeur, _vandaag(klok)))  # absent today only
    klok.verzet(days=1)
    assert probleem(w.paraaf(doc, w.directeur), 409)
    # Ended early: the same.
    doc2 = w.document_in("afgestemd")["doc"]
    ok(_afwezig(w, w.afdelingshoofd, w.directeur, _vandaag(klok) + timedelta(days=5)))
    assert w.als(w.afdelingshoofd).delete("/gebruikers/ik/afwezigheid").status_code == 204
    assert probleem(w.paraaf(doc2, w.directeur), 409)
    assert not [g for g in w.gebeurtenissen(doc2) if g["soort"] == "geparafeerd"]


def test_alleen_de_aangewezen_vervanger(w, api, klok):
    doc = w.document_in("afgestemd")["doc"]
    ander = api.gebruiker("VRO", "parafeerder", paraafniveau="dg")
    ok(_afwezig(w, w.afdelingshoofd, w.directeur, _vandaag(klok) + timedelta(days=2)))
    fout = probleem(w.paraaf(doc, ander), 403)  # dg is not in this parafenlijn, and he is no vervanger
    assert "dg" in fout["detail"]


def test_wachtend_van_de_vervanger_bevat_het_werk_van_de_afwezige(w, klok, monkeypatch, settings):
    from typer.testing import CliRunner

    from app.cli import cli
    from tests.test_cli_wachtend import _caches_legen

    doc = w.document_in("afgestemd")["doc"]
    ok(_afwezig(w, w.afdelingshoofd, w.directeur, _vandaag(klok) + timedelta(days=2)))
    email = ok(w.als(w.directeur).get("/gebruikers/ik"))["email"]
    monkeypatch.setenv("PARAAF_DATABASE_URL", settings.database_url)
    _caches_legen()
    try:
        uit = CliRunner().invoke(cli, ["wachtend", "--gebruiker", email])
    finally:
        _caches_legen()
    assert uit.exit_code == 0, uit.output
    regels = [r for r in uit.output.splitlines() if "paraferen" in r]
    assert len(regels) == 1 and f"document {doc['id']}" in regels[0], uit.output
    assert f"namens {w.afdelingshoofd.naam}" in regels[0] and "afdelingshoofd" in regels[0]
