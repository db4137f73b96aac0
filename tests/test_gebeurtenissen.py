"""The event log: one event per write, in the same transaction as the change; a gapless hash
chain whose hashes this test recomputes itself (sha256 over the previous hash and the event's
canonical JSON, the format of workflow/keten.py re-implemented in helpers_fundament.ketenhash);
GET .../verificatie detects rows changed behind the service's back with plain SQL.

The event kinds (`soort`) and the actor format are not fixed by docs/api.md; the names below are the
implementation's and are kept in one place.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.conftest import importeer
from tests.helpers_fundament import (
    NUL_HASH,
    RFC3339,
    aantal_gebeurtenissen,
    actor_van,
    canoniek,
    document_keten,
    gebeurtenis_rijen,
    ketenhash,
    momentopname,
    probleem,
    utc_stempel,
    verschil_momentopnamen,
)

AANGEMAAKT = "document_aangemaakt"
GEIMPORTEERD = "document_geimporteerd"
SECTIE_TOEGEVOEGD = "sectie_toegevoegd"
SECTIE_GEWIJZIGD = "sectie_gewijzigd"
GEBRUIKER_AANGEMAAKT = "gebruiker_aangemaakt"
SYSTEEM = "systeem"


def gebeurtenissen(api, wie, doc_id: int) -> list[dict]:
    r = api.als(wie).get(f"/documenten/{doc_id}/gebeurtenissen")
    assert r.status_code == 200, r.text
    return r.json()


def verificatie(api, wie, doc_id: int) -> dict:
    r = api.als(wie).get(f"/documenten/{doc_id}/gebeurtenissen/verificatie")
    assert r.status_code == 200, r.text
    return r.json()


def controleer_keten_uit_api(doc_id: int, lijst: list[dict]) -> None:
    """Gapless from 1, and every hash recomputed independently from what the API shows."""
    assert [g["volgnummer"] for g in lijst] == list(range(1, len(lijst) + 1))
    vorige = NUL_HASH
    for g in lijst:
        verwacht = ketenhash(
            vorige,
            keten=document_keten(doc_id),
            volgnummer=g["volgnummer"],
            tijdstip=g["tijdstip"],
            actor=g["actor"],
            soort=g["soort"],
            gegevens=canoniek(g["gegevens"]),
        )
        assert g["hash"] == verwacht, f"hash van gebeurtenis {g['volgnummer']} klopt niet"
        vorige = g["hash"]


def controleer_keten_uit_database(engine, keten: str) -> list[dict]:
    rijen = gebeurtenis_rijen(engine, keten)
    assert [r["volgnummer"] for r in rijen] == list(range(1, len(rijen) + 1))
    vorige = NUL_HASH
    for r in rijen:
        assert r["vorige_hash"] == vorige
        assert r["hash"] == ketenhash(
            vorige,
            keten=keten,
            volgnummer=r["volgnummer"],
            tijdstip=r["tijdstip"],
            actor=r["actor"],
            soort=r["soort"],
            gegevens=r["gegevens"],
        ), f"{keten} #{r['volgnummer']}"
        vorige = r["hash"]
    return rijen


# --- one event per write ----------------------------------------------------------------------------


def test_elke_schrijfactie_voegt_precies_een_gebeurtenis_toe(api, opsteller, engine):
    collega = api.gebruiker("VRO", "opsteller")
    r = api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"})
    doc_id = r.json()["id"]
    verwacht = [(AANGEMAAKT, opsteller)]
    assert [(g["soort"], g["actor"]) for g in gebeurtenissen(api, opsteller, doc_id)] == [(s, actor_van(w)) for s, w in verwacht]

    s = api.als(opsteller).post(f"/documenten/{doc_id}/secties", json={"kop": "A", "tekst": "een twee drie"}).json()
    verwacht.append((SECTIE_TOEGEVOEGD, opsteller))
    api.als(collega).post(f"/documenten/{doc_id}/secties", json={"kop": "B", "tekst": "b", "na": s["id"]})
    verwacht.append((SECTIE_TOEGEVOEGD, collega))
    api.als(collega).put(f"/documenten/{doc_id}/secties/{s['id']}", json={"tekst": "een twee drie vier", "basisversie": 1})
    verwacht.append((SECTIE_GEWIJZIGD, collega))
    samen = api.als(opsteller).put(
        f"/documenten/{doc_id}/secties/{s['id']}", json={"tekst": "nul een twee drie", "basisversie": 1}
    )
    assert samen.json()["samengevoegd"] is True
    verwacht.append((SECTIE_GEWIJZIGD, opsteller))

    lijst = gebeurtenissen(api, opsteller, doc_id)
    assert [(g["soort"], g["actor"]) for g in lijst] == [(s, actor_van(w)) for s, w in verwacht]
    for g in lijst:
        assert isinstance(g["volgnummer"], int) and isinstance(g["gegevens"], dict)
        assert isinstance(g["hash"], str) and RFC3339.match(g["tijdstip"]), g
    tijden = [g["tijdstip"] for g in lijst]
    assert [utc_stempel(t) for t in tijden] == sorted(utc_stempel(t) for t in tijden)
    controleer_keten_uit_api(doc_id, lijst)
    assert verificatie(api, opsteller, doc_id) == {**verificatie(api, opsteller, doc_id), "geldig": True, "aantal": len(lijst)}
    # The rows in the database are that same chain.
    rijen = controleer_keten_uit_database(engine, document_keten(doc_id))
    assert [r["hash"] for r in rijen] == [g["hash"] for g in lijst]


def test_import_is_een_gebeurtenis(api, opsteller):
    doc = importeer(api, opsteller)
    lijst = gebeurtenissen(api, opsteller, doc["id"])
    assert [(g["soort"], g["actor"]) for g in lijst] == [(GEIMPORTEERD, actor_van(opsteller))]
    controleer_keten_uit_api(doc["id"], lijst)
    assert verificatie(api, opsteller, doc["id"])["geldig"] is True


def test_gebruikersbeheer_in_de_systeemketen(api, engine):
    opsteller = api.gebruiker("VRO", "opsteller")
    beheerder = api.beheerder.get("/gebruikers/ik").json()
    voor = aantal_gebeurtenissen(engine, SYSTEEM)
    alle_voor = aantal_gebeurtenissen(engine)
    nieuw = api.gebruiker("EZ", "afstemmer")
    assert aantal_gebeurtenissen(engine, SYSTEEM) == voor + 1
    assert aantal_gebeurtenissen(engine) == alle_voor + 1
    laatste = gebeurtenis_rijen(engine, SYSTEEM)[-1]
    assert laatste["soort"] == GEBRUIKER_AANGEMAAKT
    assert laatste["actor"] == f"gebruiker/{beheerder['id']}"
    assert str(nieuw.id) in laatste["gegevens"]
    api.beheerder.post(f"/gebruikers/{opsteller.id}/token")
    api.beheerder.delete(f"/gebruikers/{nieuw.id}/token")
    assert aantal_gebeurtenissen(engine, SYSTEEM) == voor + 3
    controleer_keten_uit_database(engine, SYSTEEM)


# --- verification and tampering ---------------------------------------------------------------------


def _keten(api, opsteller) -> int:
    """A document with six events."""
    doc = api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}).json()
    s = api.als(opsteller).post(f"/documenten/{doc['id']}/secties", json={"kop": "A", "tekst": "v1"}).json()
    for versie in range(1, 5):
        r = api.als(opsteller).put(
            f"/documenten/{doc['id']}/secties/{s['id']}", json={"tekst": f"v{versie + 1}", "basisversie": versie}
        )
        assert r.status_code == 200
    assert len(gebeurtenissen(api, opsteller, doc["id"])) == 6
    return doc["id"]


@pytest.fixture
def keten(api, opsteller):
    return _keten(api, opsteller)


def _sql(engine, opdracht: str, **params) -> None:
    with engine.begin() as c:
        c.execute(text(opdracht), params)


def _tijd_een_seconde_later(engine, keten: str, volgnummer: int) -> None:
    if engine.dialect.name == "sqlite":
        _sql(
            engine,
            "UPDATE gebeurtenis SET tijdstip = strftime('%Y-%m-%d %H:%M:%f', tijdstip, '+1 second') "
            "WHERE keten = :k AND volgnummer = :v",
            k=keten,
            v=volgnummer,
        )
    else:
        _sql(
            engine,
            "UPDATE gebeurtenis SET tijdstip = tijdstip + interval '1 second' WHERE keten = :k AND volgnummer = :v",
            k=keten,
            v=volgnummer,
        )


def test_verificatie_van_een_ongeschonden_keten(api, opsteller, keten):
    uitkomst = verificatie(api, opsteller, keten)
    assert uitkomst["geldig"] is True
    assert uitkomst["aantal"] == 6
    assert uitkomst.get("eerste_fout") is None


VERVALSINGEN = {
    "gegevens-van-2": 2,
    "tijdstip-van-3": 3,
    "actor-van-1": 1,
    "soort-van-4": 4,
    "laatste-verwijderd": 6,
    "middelste-verwijderd": 3,
    "2-en-3-verwisseld": 2,
    "hash-van-5": 5,
}


def test_verificatie_ziet_wijzigingen_achter_de_dienst_om(api, opsteller, engine):
    """Each kind of tampering on its own document (six events each), with plain SQL."""
    for geval, eerste_fout in VERVALSINGEN.items():
        _vervals(api, opsteller, engine, _keten(api, opsteller), geval, eerste_fout)


def _vervals(api, opsteller, engine, keten, geval, eerste_fout):
    k = document_keten(keten)
    if geval == "gegevens-van-2":
        _sql(engine, "UPDATE gebeurtenis SET gegevens = :g WHERE keten = :k AND volgnummer = 2", g='{"kop":"vervalst"}', k=k)
    elif geval == "tijdstip-van-3":
        _tijd_een_seconde_later(engine, k, 3)
    elif geval == "actor-van-1":
        _sql(engine, "UPDATE gebeurtenis SET actor = 'gebruiker/999' WHERE keten = :k AND volgnummer = 1", k=k)
    elif geval == "soort-van-4":
        _sql(engine, "UPDATE gebeurtenis SET soort = 'iets_anders' WHERE keten = :k AND volgnummer = 4", k=k)
    elif geval == "laatste-verwijderd":
        _sql(engine, "DELETE FROM gebeurtenis WHERE keten = :k AND volgnummer = 6", k=k)
    elif geval == "middelste-verwijderd":
        _sql(engine, "DELETE FROM gebeurtenis WHERE keten = :k AND volgnummer = 3", k=k)
    elif geval == "2-en-3-verwisseld":
        _sql(engine, "UPDATE gebeurtenis SET volgnummer = -2 WHERE keten = :k AND volgnummer = 2", k=k)
        _sql(engine, "UPDATE gebeurtenis SET volgnummer = 2 WHERE keten = :k AND volgnummer = 3", k=k)
        _sql(engine, "UPDATE gebeurtenis SET volgnummer = 3 WHERE keten = :k AND volgnummer = -2", k=k)
    elif geval == "hash-van-5":
        _sql(engine, "UPDATE gebeurtenis SET hash = :h WHERE keten = :k AND volgnummer = 5", h="sha256:" + "ab" * 32, k=k)
    uitkomst = verificatie(api, opsteller, keten)
    assert uitkomst["geldig"] is False, (geval, uitkomst)
    assert uitkomst["eerste_fout"] == eerste_fout, (geval, uitkomst)
    # Reading the tampered log is still a normal read, not an error.
    assert api.als(opsteller).get(f"/documenten/{keten}/gebeurtenissen").status_code == 200


def test_verificatie_ziet_ook_een_herberekende_vervalsing(api, opsteller, engine, keten):
    """A forger who knows the hash format rewrites the last event and recomputes its hash."""
    k = document_keten(keten)
    laatste = gebeurtenis_rijen(engine, k)[-1]
    gegevens = canoniek({"vervalst": True})
    nieuwe_hash = ketenhash(
        laatste["vorige_hash"],
        keten=k,
        volgnummer=laatste["volgnummer"],
        tijdstip=laatste["tijdstip"],
        actor=laatste["actor"],
        soort=laatste["soort"],
        gegevens=gegevens,
    )
    _sql(engine, "UPDATE gebeurtenis SET gegevens = :g, hash = :h WHERE id = :i", g=gegevens, h=nieuwe_hash, i=laatste["id"])
    uitkomst = verificatie(api, opsteller, keten)
    assert uitkomst["geldig"] is False, uitkomst


def test_andere_documenten_blijven_geldig_na_vervalsing(api, opsteller, engine, keten):
    ander = api.als(opsteller).post("/documenten", json={"soort": "bijlage", "titel": "B", "penvoerder": "VRO"}).json()
    _sql(engine, "UPDATE gebeurtenis SET actor = 'x' WHERE keten = :k AND volgnummer = 1", k=document_keten(keten))
    assert verificatie(api, opsteller, keten)["geldig"] is False
    assert verificatie(api, opsteller, ander["id"]) == {**verificatie(api, opsteller, ander["id"]), "geldig": True, "aantal": 1}


# --- failed requests append nothing -----------------------------------------------------------------


def test_mislukte_verzoeken_voegen_geen_gebeurtenis_toe(api, opsteller, engine):
    doc = api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}).json()
    pad = f"/documenten/{doc['id']}/secties"
    s = api.als(opsteller).post(pad, json={"kop": "A", "tekst": "een twee drie"}).json()
    api.als(opsteller).put(f"{pad}/{s['id']}", json={"tekst": "een 2 drie", "basisversie": 1})
    afstemmer = api.gebruiker("VRO", "afstemmer")
    voor_aantal = aantal_gebeurtenissen(engine)
    voor = momentopname(engine)
    pogingen = [
        (409, api.als(opsteller).put(f"{pad}/{s['id']}", json={"tekst": "een zwei drie", "basisversie": 1})),
        (422, api.als(opsteller).put(f"{pad}/{s['id']}", json={"tekst": "x\x00", "basisversie": 2})),
        (422, api.als(opsteller).post(pad, json={"kop": "B", "tekst": 5})),
        (428, api.als(opsteller).put(f"{pad}/{s['id']}", json={"tekst": "nieuw"})),
        (403, api.als(afstemmer).put(f"{pad}/{s['id']}", json={"tekst": "nieuw", "basisversie": 2})),
        (403, api.als(afstemmer).post(pad, json={"kop": "B", "tekst": "b"})),
        (404, api.als(opsteller).put(f"{pad}/999999", json={"tekst": "nieuw", "basisversie": 2})),
        (401, api.als("fout-token").post(pad, json={"kop": "B", "tekst": "b"})),
        (422, api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "", "penvoerder": "VRO"})),
        (403, api.als(afstemmer).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"})),
        (
            409,
            api.beheerder.post(
                "/gebruikers",
                json={"naam": "X", "email": "gebruiker1.vro@minvro.test", "departement": "VRO", "rollen": ["opsteller"]},
            ),
        ),
    ]
    for status, r in pogingen:
        probleem(r, status)
    assert aantal_gebeurtenissen(engine) == voor_aantal
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}
    assert verificatie(api, opsteller, doc["id"]) == {**verificatie(api, opsteller, doc["id"]), "geldig": True, "aantal": 3}


def test_gebeurtenis_en_wijziging_in_een_transactie(app, api, opsteller, engine):
    """If appending the event fails, the change it records is not written either: the chain's
    head is set back with SQL, so the next append collides with an existing volgnummer."""
    doc = api.als(opsteller).post("/documenten", json={"soort": "kamerbrief", "titel": "T", "penvoerder": "VRO"}).json()
    s = api.als(opsteller).post(f"/documenten/{doc['id']}/secties", json={"kop": "A", "tekst": "een"}).json()
    k = document_keten(doc["id"])
    with engine.begin() as c:
        # A document chain keeps its head on the document row.
        kop = c.execute(text("SELECT keten_volgnummer, keten_hash FROM document WHERE id = :d"), {"d": doc["id"]}).one()
        assert kop.keten_volgnummer == 2
        eerste = c.execute(text("SELECT hash FROM gebeurtenis WHERE keten = :k AND volgnummer = 1"), {"k": k}).scalar_one()
        c.execute(text("UPDATE document SET keten_volgnummer = 1, keten_hash = :h WHERE id = :d"), {"h": eerste, "d": doc["id"]})
    voor = momentopname(engine)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.put(
            f"/api/v1/documenten/{doc['id']}/secties/{s['id']}",
            headers={"Authorization": f"Bearer {opsteller.token}"},
            json={"tekst": "twee", "basisversie": 1},
        )
    assert r.status_code >= 400, r.text
    assert verschil_momentopnamen(voor, momentopname(engine)) == {}


def test_gebeurtenissen_lezen_vraagt_token_en_bestaand_document(api, opsteller, keten):
    probleem(api.als(None).get(f"/documenten/{keten}/gebeurtenissen"), 401)
    probleem(api.als(None).get(f"/documenten/{keten}/gebeurtenissen/verificatie"), 401)
    probleem(api.als(opsteller).get("/documenten/999999/gebeurtenissen"), 404)
    probleem(api.als(opsteller).get("/documenten/999999/gebeurtenissen/verificatie"), 404)
