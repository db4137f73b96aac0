"""The seed's NB 1 dispute, played end to end through the API (DOMAIN.md).

Defensie adds a sentence committing IenW; IenW is niet akkoord and counters; the termijn
passes; the thread escalates; the minister decides a third wording — the one in the letter as
sent; every department agrees; the parafenlijn initials; the minister signs; it is sent. The
record shows who proposed, objected, countered, decided and signed what, and when.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import importeer

DEF_WORDING = (
    " Het ministerie van Defensie, het Ministerie van Infrastructuur en Waterstaat, de provincie Overijssel en "
    "gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan voor een veilige verkeersontsluiting "
    "van de grootschalige munitieopslag."
)
IENW_WORDING = (
    " Het ministerie van Defensie, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke "
    "inspanningsverplichting aan voor een veilige verkeersontsluiting van de grootschalige munitieopslag. "
    "Het Ministerie van Infrastructuur en Waterstaat participeert waar nodig in het onderzoek."
)
BESLUIT_WORDING = (
    " Het Rijk, de Provincie Overijssel en Gemeente Staphorst gaan een gezamenlijke inspanningsverplichting aan "
    "voor een veilige verkeersontsluiting van de grootschalige munitieopslag."
)
RONDE = ["IenW", "EZ", "KGG", "LVVN", "DEF", "OCW", "BZK"]
ANKER = "in overleg met hen uit te werken."


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


@pytest.fixture
def mensen(api):
    m = {
        "opsteller": api.gebruiker("VRO", "opsteller", naam="Sanne Visser"),
        "minister": api.gebruiker("VRO", "bewindspersoon", naam="Mona Keijzer"),
    }
    for dep in RONDE:
        m[dep] = api.gebruiker(dep, "afstemmer", naam=f"Afstemmer {dep}")
    for niveau in ("afdelingshoofd", "directeur", "dg", "sg"):
        m[niveau] = api.gebruiker("VRO", "parafeerder", paraafniveau=niveau, naam=f"Parafeerder {niveau}")
    return m


def seed_zin() -> str:
    """The paragraph of the letter as sent, straight from the seed text."""
    from pathlib import Path

    seed = Path(__file__).parent / "data" / "seeds" / "kamerbrief-uitkomsten-bo-leefomgeving-2025.txt"
    tekst = re.sub(r"\s+", " ", seed.read_text(encoding="utf-8"))
    start = tekst.index("Het Rijk, de Provincie Overijssel")
    return tekst[start : tekst.index("munitieopslag.", start) + len("munitieopslag.")]


def test_nb1_dispuut_van_voorstel_tot_verzending(api, mensen, klok):
    m = mensen
    brief = importeer(api, m["opsteller"])
    doc_id = brief["id"]
    assert brief["status"] == "concept" and brief["revisie"] == 1
    defensie = next(s for s in brief["secties"] if s["kop"] == "Defensie")
    assert "munitieopslag" not in defensie["tekst"]
    nu = datetime.now(UTC)

    # The round of consultation opens for the seven departments, termijn in three days.
    r = api.als(m["opsteller"]).post(
        f"/documenten/{doc_id}/afstemmingsrondes",
        json={"departementen": RONDE, "termijn": _iso(nu + timedelta(days=3))},
    )
    assert r.status_code == 201, r.text
    ronde = r.json()
    assert ronde["status"] == "open" and [d["code"] for d in ronde["departementen"]] == RONDE
    assert api.als(m["DEF"]).get(f"/documenten/{doc_id}").json()["status"] == "in_afstemming"

    # Defensie proposes its sentence right after the anchor, answer wanted within a day.
    positie = defensie["tekst"].index(ANKER) + len(ANKER)
    r = api.als(m["DEF"]).post(
        f"/documenten/{doc_id}/secties/{defensie['id']}/tekstvoorstellen",
        json={
            "basisversie": defensie["versie"],
            "oorspronkelijk": "",
            "positie": positie,
            "voorgesteld": DEF_WORDING,
            "toelichting": "Afspraak uit het BO met Overijssel.",
            "reactietermijn": _iso(nu + timedelta(days=1)),
        },
    )
    assert r.status_code == 201, r.text
    def_voorstel = r.json()
    assert def_voorstel["departement"] == "DEF" and def_voorstel["status"] == "ingediend"
    assert def_voorstel["concurrerend_met"] == []

    # DEF cannot react to its own proposal; IenW counters with its own wording.
    eigen = api.als(m["DEF"]).post(f"/tekstvoorstellen/{def_voorstel['id']}/reacties", json={"oordeel": "akkoord"})
    assert eigen.status_code == 403
    r = api.als(m["IenW"]).post(
        f"/tekstvoorstellen/{def_voorstel['id']}/reacties",
        json={
            "oordeel": "tegenvoorstel",
            "voorgesteld": IENW_WORDING,
            "toelichting": "IenW committeert zich niet aan een inspanningsverplichting.",
        },
    )
    assert r.status_code == 201, r.text
    ienw_voorstel = r.json()
    assert ienw_voorstel["reactie_op"] == def_voorstel["id"] and ienw_voorstel["departement"] == "IenW"
    assert ienw_voorstel["concurrerend_met"] == [def_voorstel["id"]]
    def_nu = api.als(m["opsteller"]).get(f"/tekstvoorstellen/{def_voorstel['id']}").json()
    assert def_nu["status"] == "tegenvoorstel_gedaan"
    assert def_nu["concurrerend_met"] == [ienw_voorstel["id"]]
    assert [(x["departement"], x["oordeel"]) for x in def_nu["reacties"]] == [("IenW", "tegenvoorstel")]

    # With an objection open, the penvoerder cannot adopt either wording.
    for voorstel in (def_voorstel, ienw_voorstel):
        r = api.als(m["opsteller"]).post(f"/tekstvoorstellen/{voorstel['id']}/overnemen")
        assert r.status_code == 409, r.text

    # The termijn passes without Defensie's answer: the thread escalates by itself.
    klok.verzet(days=1, hours=2)
    for voorstel in (def_voorstel, ienw_voorstel):
        assert api.als(m["minister"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["status"] == "geescaleerd"

    # The minister decides a third wording: the sentence of the letter as sent.
    r = api.als(m["DEF"]).post(f"/tekstvoorstellen/{def_voorstel['id']}/besluit", json={"tekst": BESLUIT_WORDING})
    assert r.status_code == 403
    r = api.als(m["minister"]).post(f"/tekstvoorstellen/{ienw_voorstel['id']}/besluit", json={"tekst": BESLUIT_WORDING})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "besloten"
    for voorstel in (def_voorstel, ienw_voorstel):
        assert api.als(m["opsteller"]).get(f"/tekstvoorstellen/{voorstel['id']}").json()["status"] == "besloten"
    na_besluit = api.als(m["opsteller"]).get(f"/documenten/{doc_id}").json()
    defensie_nu = next(s for s in na_besluit["secties"] if s["id"] == defensie["id"])
    assert seed_zin() in defensie_nu["tekst"]
    assert f"{ANKER}{BESLUIT_WORDING} Koppelkansen" in defensie_nu["tekst"]
    assert defensie_nu["versie"] == defensie["versie"] + 1
    assert na_besluit["revisie"] == 2

    # Every department agrees with the text as it now stands.
    for dep in RONDE:
        r = api.als(m[dep]).post(f"/afstemmingsrondes/{ronde['id']}/oordelen", json={"oordeel": "akkoord"})
        assert r.status_code == 201, r.text
    ronde_nu = r.json()
    assert ronde_nu["status"] == "afgerond"
    assert all(d["geldig"] and d["oordeel"] == "akkoord" for d in ronde_nu["departementen"])
    assert api.als(m["opsteller"]).get(f"/documenten/{doc_id}").json()["status"] == "afgestemd"

    # Parafen in order: a DG out of turn is refused, then the chain goes through.
    assert api.als(m["dg"]).post(f"/documenten/{doc_id}/parafen").status_code == 409
    for niveau in ("afdelingshoofd", "directeur", "dg", "sg"):
        r = api.als(m[niveau]).post(f"/documenten/{doc_id}/parafen")
        assert r.status_code == 201, r.text
        assert r.json()["niveau"] == niveau and r.json()["geldig"] is True
        assert r.json()["inhoudshash"] == na_besluit["inhoudshash"]
    assert api.als(m["opsteller"]).get(f"/documenten/{doc_id}").json()["status"] == "in_parafering"

    # The minister signs; from then on the text is frozen.
    assert api.als(m["opsteller"]).post(f"/documenten/{doc_id}/vaststellen").status_code == 403
    r = api.als(m["minister"]).post(f"/documenten/{doc_id}/vaststellen")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "vastgesteld"
    r = api.als(m["opsteller"]).put(
        f"/documenten/{doc_id}/secties/{defensie['id']}", json={"tekst": "Iets anders.", "basisversie": defensie_nu["versie"]}
    )
    assert r.status_code == 409
    r = api.als(m["EZ"]).post(
        f"/documenten/{doc_id}/secties/{defensie['id']}/tekstvoorstellen",
        json={"basisversie": defensie_nu["versie"], "oorspronkelijk": "Koppelkansen", "voorgesteld": "Kansen"},
    )
    assert r.status_code == 409

    r = api.als(m["opsteller"]).post(f"/documenten/{doc_id}/verzenden")
    assert r.status_code == 200 and r.json()["status"] == "verzonden"

    # The record: who proposed, countered, escalated (the system, at the termijn), decided, agreed,
    # initialled, signed and sent — and the chain is intact.
    gebeurtenissen = api.als(m["opsteller"]).get(f"/documenten/{doc_id}/gebeurtenissen").json()
    soorten = [g["soort"] for g in gebeurtenissen]
    volgorde = ["document_geimporteerd", "ronde_geopend", "tekstvoorstel_ingediend", "reactie_gegeven", "draad_geescaleerd", "besluit_genomen"]
    posities = [soorten.index(s) for s in volgorde]
    assert posities == sorted(posities), soorten
    assert soorten.count("oordeel_gegeven") == 7 and soorten.count("geparafeerd") == 4
    assert soorten[-3:] == ["vastgesteld", "verzonden", "verzegeld"]
    wie = {g["soort"]: g["actor"] for g in gebeurtenissen}
    assert wie["tekstvoorstel_ingediend"] == f"gebruiker/{m['DEF'].id}"
    assert wie["reactie_gegeven"] == f"gebruiker/{m['IenW'].id}"
    assert wie["draad_geescaleerd"] == "systeem"
    assert wie["besluit_genomen"] == f"gebruiker/{m['minister'].id}"
    assert wie["vastgesteld"] == f"gebruiker/{m['minister'].id}"
    besluit = next(g for g in gebeurtenissen if g["soort"] == "besluit_genomen")
    assert besluit["gegevens"]["formulering"] == BESLUIT_WORDING
    assert [g["volgnummer"] for g in gebeurtenissen] == list(range(1, len(gebeurtenissen) + 1))
    assert api.als(m["opsteller"]).get(f"/documenten/{doc_id}/gebeurtenissen/verificatie").json()["geldig"] is True
