"""Meldingen in the outbox: written in the transaction of the change that makes work wait
(issue 18, item 3), for exactly the people Mijn werk shows it to, once per person and piece of
work, to the vervanger while someone is away, never for a change that rolled back."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.helpers_afstemming import IENW_WORDING, Wereld, nu_volgens, ok, over, probleem
from workflow.werkdagen import AMSTERDAM


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


def uitbak(engine) -> list[dict]:
    with engine.connect() as c:
        rijen = c.execute(text("SELECT * FROM melding ORDER BY id")).mappings().all()
    return [{**r, "gegevens": json.loads(r["gegevens"])} for r in rijen]


def voor(engine, wie) -> list[dict]:
    return [r for r in uitbak(engine) if r["ontvanger_id"] == wie.id]


def sleutels(engine, wie) -> set[str]:
    return {r["sleutel"] for r in voor(engine, wie)}


def test_voorstel_meldt_de_andere_afstemmers_en_de_opsteller(w, api, engine):
    ienw2 = api.gebruiker("IenW", "afstemmer")
    def2 = api.gebruiker("DEF", "afstemmer")
    doc = w.document(parafenlijn=())
    w.opsteller, w.IenW  # noqa: B018 - both exist before the proposal
    p = w.voorstel(doc)  # by DEF
    for wie in (w.IenW, ienw2):
        (rij,) = voor(engine, wie)
        assert rij["sleutel"] == f"reageren:{p['id']}" and rij["werk"] == "reageren" and rij["aanleiding"] == "wachtend"
        assert rij["document_id"] == doc["id"] and rij["status"] == "wachtend"
        assert rij["gegevens"]["titel"] == "Testbrief" and rij["gegevens"]["pad"] == f"/tekstvoorstellen/{p['id']}"
        assert "Tekstvoorstel van DEF" in rij["gegevens"]["omschrijving"]
    assert sleutels(engine, w.opsteller) == {f"behandelen:{p['id']}"}
    # The filer and his own department have nothing to react to.
    assert voor(engine, w.DEF) == [] and voor(engine, def2) == []
    # A reactie that is no tegenvoorstel creates no work: nothing new.
    aantal = len(uitbak(engine))
    ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)
    assert len(uitbak(engine)) == aantal
    # A tegenvoorstel is a proposal: DEF (both) is asked to react, the other IenW afstemmer too.
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    assert f"reageren:{t['id']}" in sleutels(engine, w.DEF) and f"reageren:{t['id']}" in sleutels(engine, def2)
    assert f"reageren:{t['id']}" not in sleutels(engine, w.IenW)  # he made it
    assert f"behandelen:{t['id']}" in sleutels(engine, w.opsteller)


def test_ronde_escalatie_parafen_en_vaststellen(w, engine, klok):
    doc = w.document(mede_namens=("DEF",))  # a mede-namens department needs its own akkoord
    w.minister, w.afdelingshoofd, w.directeur, w.DEF  # noqa: B018
    ronde = w.ronde(doc, ("DEF",))
    (oordeel,) = voor(engine, w.DEF)
    assert (
        oordeel["sleutel"] == f"oordeel_geven:{ronde['id']}:0"
        and oordeel["gegevens"]["pad"] == f"/documenten/{doc['id']}/afstemming"
    )
    assert oordeel["gegevens"]["termijn"] is not None
    assert voor(engine, w.afdelingshoofd) == [] and voor(engine, w.minister) == []
    ok(w.oordeel(ronde, w.DEF), 201)  # afgestemd: the first paraaf is due
    (paraaf,) = voor(engine, w.afdelingshoofd)
    assert paraaf["werk"] == "paraferen" and "afdelingshoofd" in paraaf["gegevens"]["omschrijving"]
    assert voor(engine, w.directeur) == []
    ok(w.paraaf(doc, w.afdelingshoofd), 201)
    assert [r["werk"] for r in voor(engine, w.directeur)] == ["paraferen"]
    assert voor(engine, w.minister) == []
    ok(w.paraaf(doc, w.directeur), 201)
    assert [r["werk"] for r in voor(engine, w.minister)] == ["vaststellen"]


def test_escalatie_meldt_de_bewindspersoon_ook_als_de_termijn_verstrijkt(w, engine, klok):
    doc = w.document(parafenlijn=())
    w.minister  # noqa: B018
    p = w.voorstel(doc, reactietermijn=over(klok, hours=2))
    ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)
    assert voor(engine, w.minister) == []
    klok.verzet(hours=3)
    w.lees(doc)  # the read applies the termijn: the system escalates
    (besluit,) = voor(engine, w.minister)
    assert besluit["sleutel"] == f"besluiten:{p['id']}" and besluit["werk"] == "besluiten"
    assert besluit["gegevens"]["pad"] == f"/tekstvoorstellen/{p['id']}"


def test_tekstwijziging_vraagt_het_oordeel_opnieuw_eenmaal(w, engine):
    doc = w.document(parafenlijn=())
    ronde = w.ronde(doc, ("DEF", "IenW"))
    ok(w.oordeel(ronde, w.DEF), 201)
    voor_wijziging = len(uitbak(engine))
    w.wijzig_ok(doc, "Een nieuwe tekst.")
    w.wijzig_ok(doc, "Een nog nieuwere tekst.")
    nieuw = uitbak(engine)[voor_wijziging:]
    # DEF's oordeel was voided: asked again, once; IenW had none to void (already asked).
    assert [(r["ontvanger_id"], r["werk"]) for r in nieuw] == [(w.DEF.id, "oordeel_geven")]
    assert "gewijzigd" in nieuw[0]["gegevens"]["omschrijving"]


def test_afwezige_zijn_meldingen_gaan_naar_de_vervanger(w, api, engine, klok):
    ienw2 = api.gebruiker("IenW", "afstemmer", naam="Vera Vervanger")
    tot = nu_volgens(klok).astimezone(AMSTERDAM).date() + timedelta(days=2)
    ok(w.als(w.IenW).put("/gebruikers/ik/afwezigheid", json={"tot": tot.isoformat(), "vervanger": ienw2.id}))
    doc = w.document(parafenlijn=())
    p = w.voorstel(doc)
    assert voor(engine, w.IenW) == []
    # Her own, and the absent colleague's (the same work): one melding.
    (rij,) = voor(engine, ienw2)
    assert rij["sleutel"] == f"reageren:{p['id']}"
    # A paraaf at the absent person's level goes to the vervanger, marked namens.
    doc2 = w.document()
    ok(w.als(w.afdelingshoofd).put("/gebruikers/ik/afwezigheid", json={"tot": tot.isoformat(), "vervanger": w.directeur.id}))
    ronde = w.ronde(doc2, ("DEF",))
    ok(w.oordeel(ronde, w.DEF), 201)
    assert voor(engine, w.afdelingshoofd) == []
    (paraaf,) = [r for r in voor(engine, w.directeur) if r["document_id"] == doc2["id"]]
    assert paraaf["werk"] == "paraferen" and paraaf["gegevens"]["namens"]["id"] == w.afdelingshoofd.id


def test_geen_melding_voor_werk_dat_werd_teruggedraaid(w, engine, monkeypatch):
    from app.afstemming import toestand

    doc = w.document(parafenlijn=())
    w.IenW  # noqa: B018
    echt = toestand.bijwerken
    aanroepen = []

    def faalt_na_het_logboek(session, document, nu):
        aanroepen.append(1)
        if len(aanroepen) == 2:  # dien_in: after the event was appended
            raise RuntimeError("storing midden in de transactie")
        return echt(session, document, nu)

    monkeypatch.setattr(toestand, "bijwerken", faalt_na_het_logboek)
    with pytest.raises(RuntimeError):
        w.dien_in(doc)
    monkeypatch.setattr(toestand, "bijwerken", echt)
    assert uitbak(engine) == []
    assert ok(w.als(w.opsteller).get(f"/tekstvoorstellen?document={doc['id']}")) == []
    # The same change, committed this time, has its melding.
    w.voorstel(doc)
    assert [r["werk"] for r in voor(engine, w.IenW)] == ["reageren"]


def test_ongeldige_invoer_meldt_niets(w, engine):
    doc = w.document(parafenlijn=())
    w.IenW  # noqa: B018
    probleem(w.dien_in(doc, oorspronkelijk="bestaat niet"), 422)
    assert uitbak(engine) == []


def test_stukken_melden_afhankelijkheid_en_beslispunten(w, api, engine):
    """Issue 12: a new afhankelijkheid waits for the penvoerder's (other) opstellers; the last
    paraaf on a set whose nota's beslispunten are open tells the minister to decide them."""
    from tests.conftest import BESLISNOTA_MD, importeer

    collega = api.gebruiker("VRO", "opsteller")
    brief = w.document(parafenlijn=("afdelingshoofd",), mede_namens=("DEF",))
    nota = importeer(api, w.opsteller, BESLISNOTA_MD, gekoppeld_aan=str(brief["id"]))
    w.minister, w.afdelingshoofd  # noqa: B018
    a = ok(
        w.als(w.opsteller).post(f"/documenten/{brief['id']}/afhankelijkheden", json={"omschrijving": "De afsprakenlijst."}), 201
    )
    (rij,) = [r for r in voor(engine, collega) if r["werk"] == "afhankelijkheid"]
    assert (
        rij["sleutel"] == f"afhankelijkheid:{a['id']}"
        and rij["gegevens"]["pad"] == f"/documenten/{brief['id']}/stukken#afhankelijkheid-{a['id']}"
    )
    assert not [r for r in voor(engine, w.opsteller) if r["werk"] == "afhankelijkheid"]  # he made it
    ok(w.als(w.opsteller).post(f"/afhankelijkheden/{a['id']}/vervuld", json={"toelichting": "Klaar."}))
    ok(w.oordeel(w.ronde(brief, ("DEF",)), w.DEF), 201)
    ok(w.paraaf(brief, w.afdelingshoofd), 201)
    (beslis,) = voor(engine, w.minister)
    assert beslis["werk"] == "beslispunten" and f"beslisnota {nota['id']}" in beslis["gegevens"]["omschrijving"]
