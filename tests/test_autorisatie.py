"""Who may do what (issue item 7).

Pure: workflow.autorisatie.MATRIX is checked cell by cell (action x role x department) against
an expected matrix written down here from docs/api.md/DOMAIN.md. API: the cells that matter most,
through the endpoints, including the order 401 -> 404 -> 403 -> ... -> 409.
"""

from __future__ import annotations

import pytest

from tests.helpers_afstemming import DEF_WORDING, PASSAGE, TEKST, Wereld, ok, probleem
from workflow.autorisatie import MATRIX, Actie, Actor, Context, Rol, mag, reden_tegen, verborgen

# --- the expected matrix -------------------------------------------------------------------------
#
# The document: penvoerder VRO; DEF and IenW are betrokken and invited to the ronde; the
# proposal reacted to / withdrawn was filed by DEF; EZ has nothing to do with it.
PENVOERDER, INDIENER, ANDER, VREEMD = "VRO", "DEF", "IenW", "EZ"
DEPARTEMENTEN = [PENVOERDER, INDIENER, ANDER, VREEMD]
BETROKKEN = {PENVOERDER, INDIENER, ANDER}
CONTEXT = Context(
    penvoerder=PENVOERDER,
    betrokken=frozenset(BETROKKEN),
    indiener_departement=INDIENER,
    uitgenodigd=frozenset({INDIENER, ANDER}),
    gevraagde_penvoerder=PENVOERDER,
)
ROLLEN = [r.value for r in Rol]


def _cellen(rol: str, deps) -> set[tuple[str, str]]:
    return {(rol, d) for d in deps}


VERWACHT: dict[Actie, set[tuple[str, str]]] = {
    # only a beheerder, of whatever department
    Actie.GEBRUIKERS_BEHEREN: _cellen("beheerder", DEPARTEMENTEN),
    # an opsteller, for their own department as penvoerder
    Actie.DOCUMENT_AANMAKEN: _cellen("opsteller", [PENVOERDER]),
    # everyone of a department that is betrokken; nobody else
    Actie.DOCUMENT_LEZEN: {(r, d) for r in ROLLEN for d in BETROKKEN},
    # "Nobody else edits text directly": the penvoerder's opstellers
    Actie.SECTIE_BEWERKEN: _cellen("opsteller", [PENVOERDER]),
    Actie.OVERNEMEN: _cellen("opsteller", [PENVOERDER]),
    Actie.AFWIJZEN: _cellen("opsteller", [PENVOERDER]),
    Actie.ESCALEREN: _cellen("opsteller", [PENVOERDER]),
    Actie.RONDE_OPENEN: _cellen("opsteller", [PENVOERDER]),
    # afstemmers of betrokken departments, and the penvoerder's opstellers
    Actie.TEKSTVOORSTEL_INDIENEN: _cellen("afstemmer", BETROKKEN) | _cellen("opsteller", [PENVOERDER]),
    # an afstemmer of another department than the indiener (and betrokken)
    Actie.REAGEREN: _cellen("afstemmer", [PENVOERDER, ANDER]),
    # the indiener's department
    Actie.INTREKKEN: _cellen("afstemmer", [INDIENER]),
    # the bewindspersoon (of the penvoerder: the minister who signs)
    Actie.BESLUITEN: _cellen("bewindspersoon", [PENVOERDER]),
    Actie.VASTSTELLEN: _cellen("bewindspersoon", [PENVOERDER]),
    # docs/api.md "Retour uit Word": an afstemmer of an invited department, or the penvoerder's opsteller
    Actie.RETOUR_INDIENEN: _cellen("afstemmer", [INDIENER, ANDER]) | _cellen("opsteller", [PENVOERDER]),
    # an afstemmer of an invited department
    Actie.OORDEEL_GEVEN: _cellen("afstemmer", [INDIENER, ANDER]),
    # a parafeerder (with a level) of the penvoerder; level and turn are checked elsewhere
    Actie.PARAFEREN: _cellen("parafeerder", [PENVOERDER]),
    # docs/api.md does not say who sends; the code lets the penvoerder's opsteller or bewindspersoon
    Actie.VERZENDEN: _cellen("opsteller", [PENVOERDER]) | _cellen("bewindspersoon", [PENVOERDER]),
    # The Woo publication package of a set (issue 17).
    Actie.WOO_PAKKET: _cellen("opsteller", [PENVOERDER]) | _cellen("bewindspersoon", [PENVOERDER]),
    # docs/api.md, Stukken: only an opsteller of the letter's penvoerder links a document to it and
    # keeps its afhankelijkheden; the bewindspersoon decides beslispunten and sets dissent aside
    Actie.STUK_KOPPELEN: _cellen("opsteller", [PENVOERDER]),
    Actie.AFHANKELIJKHEID_BEHEREN: _cellen("opsteller", [PENVOERDER]),
    Actie.BESLISPUNT_BESLUITEN: _cellen("bewindspersoon", [PENVOERDER]),
    Actie.AFWIJKEN: _cellen("bewindspersoon", [PENVOERDER]),
}

# Cells that cannot occur, so either answer is fine: an opsteller of a department other than the
# penvoerder cannot file a proposal, so there is nothing for them to withdraw.
ONVERSCHILLIG = {(Actie.INTREKKEN, "opsteller", INDIENER)}


def _actor(rol: str, dep: str) -> Actor:
    return Actor(id=1, departement=dep, rollen=frozenset({rol}), paraafniveau="directeur" if rol == "parafeerder" else None)


def _cellen_alle():
    for actie in Actie:
        for rol in ROLLEN:
            for dep in DEPARTEMENTEN:
                if (actie, rol, dep) in ONVERSCHILLIG:
                    continue
                yield pytest.param(actie, rol, dep, id=f"{actie.value}-{rol}-{dep}")


def test_elke_actie_staat_in_de_matrix():
    assert set(MATRIX) == set(Actie) == set(VERWACHT)


@pytest.mark.parametrize(("actie", "rol", "dep"), list(_cellen_alle()))
def test_matrixcel(actie, rol, dep):
    reden = reden_tegen(actie, _actor(rol, dep), CONTEXT)
    if (rol, dep) in VERWACHT[actie]:
        assert reden is None, f"{rol} van {dep} zou {actie.value} mogen: {reden}"
        assert mag(actie, _actor(rol, dep), CONTEXT)
    else:
        assert isinstance(reden, str) and reden.strip(), f"{rol} van {dep} zou {actie.value} niet mogen"
        assert not mag(actie, _actor(rol, dep), CONTEXT)


def test_parafeerder_zonder_niveau_mag_niet_paraferen():
    zonder = Actor(id=1, departement=PENVOERDER, rollen=frozenset({"parafeerder"}), paraafniveau=None)
    assert reden_tegen(Actie.PARAFEREN, zonder, CONTEXT)


def test_meerdere_rollen():
    # An afstemmer who is also opsteller of a betrokken department files as afstemmer.
    beide = Actor(id=1, departement=ANDER, rollen=frozenset({"opsteller", "afstemmer"}))
    assert mag(Actie.TEKSTVOORSTEL_INDIENEN, beide, CONTEXT)
    assert not mag(Actie.SECTIE_BEWERKEN, beide, CONTEXT)
    # Roles add up: the penvoerder's opsteller who is also bewindspersoon may sign.
    minister = Actor(id=2, departement=PENVOERDER, rollen=frozenset({"opsteller", "bewindspersoon"}))
    assert mag(Actie.VASTSTELLEN, minister, CONTEXT) and mag(Actie.SECTIE_BEWERKEN, minister, CONTEXT)
    # No role, no right (except reading the document of one's department).
    niemand = Actor(id=3, departement=PENVOERDER, rollen=frozenset())
    assert [a for a in Actie if mag(a, niemand, CONTEXT)] == [Actie.DOCUMENT_LEZEN]


def test_beslisnota_is_intern_voor_de_penvoerder():
    """A beslisnota is read by the penvoerder's people only, whoever else is betrokken (mede
    namens, a ronde); for anyone else it does not exist (404, not 403)."""
    intern = Context(penvoerder=PENVOERDER, betrokken=frozenset(BETROKKEN), intern=True)
    for rol in ROLLEN:
        for dep in DEPARTEMENTEN:
            actor = _actor(rol, dep)
            assert mag(Actie.DOCUMENT_LEZEN, actor, intern) == (dep == PENVOERDER), (rol, dep)
            assert verborgen(actor, intern) == (dep != PENVOERDER), (rol, dep)
            assert not verborgen(actor, CONTEXT)


def test_reden_noemt_het_departement_bij_lezen():
    reden = reden_tegen(Actie.DOCUMENT_LEZEN, _actor("afstemmer", VREEMD), CONTEXT)
    assert VREEMD in reden


# --- through the API -----------------------------------------------------------------------------


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


@pytest.fixture
def brief(w) -> dict:
    """A VRO document that DEF and IenW see (mede namens), with a DEF proposal on it."""
    doc = w.document()
    return {"doc": doc, "p": w.voorstel(doc)}


def test_afstemmer_reageert_op_ander_departement_niet_op_eigen(api, w, brief):
    p = brief["p"]
    collega = api.gebruiker("DEF", "afstemmer")
    body = probleem(w.reageer(p, collega, "akkoord"), 403)
    assert "eigen" in body["detail"] or "DEF" in body["detail"]
    probleem(w.reageer(p, w.DEF, "niet_akkoord"), 403)
    probleem(w.reageer(p, w.DEF, "tegenvoorstel", "werken anders samen"), 403)
    assert w.lees_voorstel(p)["reacties"] == []
    r = ok(w.reageer(p, w.IenW, "akkoord"), 201)
    assert r["id"] == p["id"] and [x["departement"] for x in r["reacties"]] == ["IenW"]
    # The penvoerder's own afstemmer is another department than DEF too.
    vro = api.gebruiker("VRO", "afstemmer")
    ok(w.reageer(p, vro, "akkoord"), 201)
    # Reacting is an afstemmer's job: not the opsteller's, not the minister's.
    probleem(w.reageer(p, w.opsteller, "akkoord"), 403)
    probleem(w.reageer(p, w.minister, "akkoord"), 403)


def test_niet_betrokken_departement_ziet_niets(api, w, brief):
    doc, p = brief["doc"], brief["p"]
    probleem(w.als(w.EZ).get(f"/documenten/{doc['id']}"), 403)
    probleem(w.als(w.EZ).get(f"/tekstvoorstellen/{p['id']}"), 403)
    probleem(w.als(w.EZ).get(f"/documenten/{doc['id']}/gebeurtenissen"), 403)
    probleem(w.als(w.EZ).get(f"/tekstvoorstellen?document={doc['id']}"), 403)
    assert ok(w.als(w.EZ).get("/tekstvoorstellen")) == []
    assert ok(w.als(w.EZ).get("/documenten")) == []
    # Not even reacting or filing: reading comes first.
    probleem(w.reageer(p, w.EZ, "akkoord"), 403)
    probleem(w.dien_in(doc, w.EZ), 403)
    # 404 before 403: an unknown document is unknown to everyone.
    probleem(w.als(w.EZ).get("/documenten/999999"), 404)
    # Inviting EZ to a ronde makes the document visible to EZ.
    w.ronde(doc, ("EZ",))
    assert ok(w.als(w.EZ).get(f"/documenten/{doc['id']}"))["id"] == doc["id"]
    assert [v["id"] for v in ok(w.als(w.EZ).get("/tekstvoorstellen"))] == [p["id"]]


def test_opsteller_van_ander_departement_bewerkt_en_neemt_niet_over(api, w):
    doc = w.document(mede_namens=("DEF", "IenW"))
    p = w.voorstel(doc)
    sectie = doc["secties"][0]
    def_opsteller = api.gebruiker("DEF", "opsteller")
    probleem(
        w.als(def_opsteller).put(f"/documenten/{doc['id']}/secties/{sectie['id']}", json={"tekst": "Anders.", "basisversie": 1}),
        403,
    )
    probleem(w.als(def_opsteller).post(f"/documenten/{doc['id']}/secties", json={"kop": "Nieuw", "tekst": "x"}), 403)
    for actie in ("overnemen", "afwijzen", "escaleren"):
        probleem(w.actie(p, actie, def_opsteller), 403)
    # Nor can the afstemmers, however involved.
    probleem(w.actie(p, "overnemen", w.DEF), 403)
    probleem(w.actie(p, "overnemen", w.IenW), 403)
    probleem(
        w.als(w.DEF).put(f"/documenten/{doc['id']}/secties/{sectie['id']}", json={"tekst": "Anders.", "basisversie": 1}),
        403,
    )
    probleem(
        w.als(w.DEF).post(
            f"/documenten/{doc['id']}/afstemmingsrondes", json={"departementen": ["DEF"], "termijn": "2027-01-01T00:00:00+00:00"}
        ),
        403,
    )
    # An opsteller of DEF files no proposal as opsteller either.
    probleem(w.dien_in(doc, def_opsteller), 403)
    # Nothing was written.
    assert w.lees(doc)["revisie"] == 1 and w.lees_voorstel(p)["status"] == "ingediend"
    # The penvoerder's opsteller may.
    assert ok(w.actie(p, "overnemen"))["status"] == "overgenomen"


def test_parafeerder_verkeerd_niveau_403_niet_aan_de_beurt_409(api, w):
    doc = w.document(parafenlijn=("afdelingshoofd", "directeur"))
    dg = api.gebruiker("VRO", "parafeerder", paraafniveau="dg")
    probleem(w.paraaf(doc, dg), 403)
    # The right level of another department: 403 as well.
    def_hoofd = api.gebruiker("DEF", "parafeerder", paraafniveau="afdelingshoofd")
    doc_def = w.document(parafenlijn=("afdelingshoofd",), mede_namens=("DEF",))
    probleem(w.paraaf(doc_def, def_hoofd), 403)
    # In the list but not their turn: 409 naming who is next.
    body = probleem(w.paraaf(doc, w.directeur), 409)
    assert "afdelingshoofd" in body["detail"]
    # Nobody else initials: not the opsteller, not the minister.
    probleem(w.paraaf(doc, w.opsteller), 403)
    probleem(w.paraaf(doc, w.minister), 403)
    assert ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/parafen")) == []
    assert ok(w.paraaf(doc, w.afdelingshoofd), 201)["niveau"] == "afdelingshoofd"
    # Once afdelingshoofd did, the same level again is a conflict, and the directeur's turn has come.
    probleem(w.paraaf(doc, w.afdelingshoofd), 409)
    assert ok(w.paraaf(doc, w.directeur), 201)["niveau"] == "directeur"


def test_bewindspersoon_van_ander_departement_besluit_en_stelt_niet_vast(api, w, brief):
    doc, p = brief["doc"], brief["p"]
    ok(w.actie(p, "escaleren"))
    def_minister = api.gebruiker("DEF", "bewindspersoon")
    probleem(w.actie(p, "besluit", def_minister, tekst="werken heel anders samen"), 403)
    # Only a bewindspersoon decides: not the opsteller.
    probleem(w.actie(p, "besluit", w.opsteller, tekst="werken heel anders samen"), 403)
    assert w.lees_voorstel(p)["status"] == "geescaleerd"
    assert ok(w.actie(p, "besluit", tekst="werken heel anders samen"))["status"] == "besloten"

    ronde = w.ronde(doc, ("DEF", "IenW"))
    ok(w.oordeel(ronde, w.DEF), 201)
    ok(w.oordeel(ronde, w.IenW), 201)
    for niveau in ("afdelingshoofd", "directeur"):
        ok(w.paraaf(doc, w.parafeerder(niveau)), 201)
    probleem(w.als(def_minister).post(f"/documenten/{doc['id']}/vaststellen"), 403)
    probleem(w.als(w.opsteller).post(f"/documenten/{doc['id']}/vaststellen"), 403)
    assert w.status(doc) == "in_parafering"
    assert ok(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"))["status"] == "vastgesteld"
    # Sending: not an afstemmer, nor another department's minister.
    probleem(w.als(w.DEF).post(f"/documenten/{doc['id']}/verzenden"), 403)
    probleem(w.als(def_minister).post(f"/documenten/{doc['id']}/verzenden"), 403)
    assert ok(w.als(w.minister).post(f"/documenten/{doc['id']}/verzenden"))["status"] == "verzonden"


def test_alleen_departement_van_indiener_trekt_in(api, w, brief):
    p = brief["p"]
    probleem(w.actie(p, "intrekken", w.IenW), 403)
    probleem(w.actie(p, "intrekken", w.opsteller), 403)
    assert w.lees_voorstel(p)["status"] == "ingediend"
    collega = api.gebruiker("DEF", "afstemmer")
    assert ok(w.actie(p, "intrekken", collega))["status"] == "ingetrokken"


def test_403_gaat_voor_409(api, w, brief):
    """docs/api.md: 401 -> 404 -> 403 -> ... -> 409. A withdrawn proposal is a 409 for whoever may
    act on it, but a 403 for whoever may not."""
    p = brief["p"]
    ok(w.actie(p, "intrekken"))
    probleem(w.reageer(p, api.gebruiker("DEF", "afstemmer"), "akkoord"), 403)
    probleem(w.actie(p, "overnemen", w.DEF), 403)
    probleem(w.actie(p, "besluit", w.opsteller, tekst="x"), 403)
    probleem(w.reageer(p, w.IenW, "akkoord"), 409)
    probleem(w.actie(p, "overnemen"), 409)
    # 401 before everything, 404 before 403.
    probleem(api.als(None).post(f"/tekstvoorstellen/{p['id']}/overnemen"), 401)
    probleem(api.als("onbekend-token").post(f"/tekstvoorstellen/{p['id']}/overnemen"), 401)
    probleem(w.actie(999999, "overnemen", w.EZ), 404)


def test_alleen_beheerder_beheert_gebruikers(api, w):
    nieuw = {"naam": "Nieuwe", "email": "nieuw@minvro.test", "departement": "VRO", "rollen": ["afstemmer"]}
    for wie in (w.opsteller, w.minister, w.DEF):
        probleem(w.als(wie).post("/gebruikers", json=nieuw), 403)
        probleem(w.als(wie).get("/gebruikers"), 403)
        probleem(w.als(wie).post(f"/gebruikers/{w.IenW.id}/token"), 403)
        probleem(w.als(wie).delete(f"/gebruikers/{w.IenW.id}/token"), 403)
    # The IenW token still works: nothing was revoked.
    assert ok(w.als(w.IenW).get("/gebruikers/ik"))["departement"] == "IenW"
    gemaakt = ok(api.beheerder.post("/gebruikers", json=nieuw), 201)
    assert gemaakt["rollen"] == ["afstemmer"] and gemaakt["token"]
    # A beheerder of any department (docs/api.md, Users and departments: the beheerder administers users).
    beheerder_ez = api.gebruiker("EZ", "beheerder")
    ok(w.als(beheerder_ez).post("/gebruikers", json={**nieuw, "email": "nieuw2@minvro.test"}), 201)


def test_afstemmer_geeft_geen_oordeel_voor_niet_uitgenodigd_departement(api, w):
    doc = w.document(mede_namens=("DEF", "IenW"))
    ronde = w.ronde(doc, ("DEF",))
    probleem(w.oordeel(ronde, w.IenW), 403)  # betrokken (mede namens), not invited
    probleem(w.oordeel(ronde, w.EZ), 403)  # not betrokken at all
    probleem(w.oordeel(ronde, w.opsteller), 403)  # not an afstemmer
    assert ok(w.oordeel(ronde, w.DEF), 201)["status"] == "afgerond"


def test_opsteller_van_penvoerder_mag_zelf_voorstellen_en_ermee_werken(w):
    """The penvoerder's opsteller may file; an afstemmer of another department reacts to it."""
    doc = w.document()
    v = w.voorstel(doc, w.opsteller, PASSAGE, DEF_WORDING)
    assert v["departement"] == "VRO" and v["indiener"]["id"] == w.opsteller.id
    ok(w.reageer(v, w.DEF, "akkoord"), 201)
    probleem(w.actie(v, "intrekken", w.DEF), 403)  # DEF is not the indiener here
    assert ok(w.actie(v, "intrekken", w.opsteller))["status"] == "ingetrokken"
    assert w.sectie(doc)["tekst"] == TEKST
