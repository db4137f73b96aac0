"""Tekstvoorstellen (issue items 2 and 4; docs/api.md "Tekstvoorstellen").

Anchoring to an exact passage of a section version, competing proposals, counter-proposal
threads, reactions, adopting with a rebase (all or nothing), lapsing, objections that block
adoption, the bewindspersoon's besluit, rejecting, withdrawing and the list filters.
"""

from __future__ import annotations

import pytest

from tests.helpers_afstemming import (
    BESLUIT_WORDING,
    CONCURRENT_PASSAGE,
    DEF_WORDING,
    IENW_WORDING,
    PASSAGE,
    TEKST,
    Wereld,
    ok,
    over,
    probleem,
)
from workflow.statussen import label

PAD = "/documenten/{doc}/secties/{sectie}/tekstvoorstellen"


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


@pytest.fixture
def doc(w) -> dict:
    return w.document(parafenlijn=())


def _namen(body: dict) -> list[str]:
    return [p["name"] for p in body.get("invalid_params", [])]


def _soorten(w: Wereld, doc: dict) -> list[str]:
    return [g["soort"] for g in w.gebeurtenissen(doc)]


# --- anchoring -------------------------------------------------------------------------------


def test_exacte_passage_wordt_gevonden(w, doc):
    sectie = doc["secties"][0]
    v = ok(
        w.dien_in(doc, w.DEF, PASSAGE, DEF_WORDING, toelichting="Defensie wil nauwer samenwerken."),
        201,
    )
    verwacht = {
        "document": doc["id"],
        "sectie": sectie["id"],
        "departement": "DEF",
        "status": "ingediend",
        "basisversie": 1,
        "oorspronkelijk": PASSAGE,
        "voorgesteld": DEF_WORDING,
        "toelichting": "Defensie wil nauwer samenwerken.",
        "reactietermijn": None,
        "reactie_op": None,
        "concurrerend_met": [],
    }
    assert {k: v[k] for k in verwacht} == verwacht
    assert isinstance(v["id"], int)
    assert v["indiener"]["id"] == w.DEF.id and v["indiener"]["departement"] == "DEF"
    assert v["positie"] == TEKST.index(PASSAGE)
    assert ok(w.als(w.IenW).get(f"/tekstvoorstellen/{v['id']}"))["reacties"] == []
    # Filing does not touch the text.
    na = w.lees(doc)
    assert na["secties"][0]["tekst"] == TEKST and na["revisie"] == 1
    ingediend = [g for g in w.gebeurtenissen(doc) if g["soort"] == "tekstvoorstel_ingediend"]
    assert len(ingediend) == 1 and ingediend[0]["actor"] == f"gebruiker/{w.DEF.id}"


@pytest.mark.parametrize(
    "passage",
    ["werken  samen", "Werken samen", "werken samen aan de kosten", "niet aanwezig", TEKST + " meer"],
)
def test_passage_niet_gevonden_422(w, doc, passage):
    body = probleem(w.dien_in(doc, w.DEF, passage, "iets anders"), 422)
    assert "oorspronkelijk" in _namen(body)
    assert ok(w.als(w.opsteller).get(f"/tekstvoorstellen?document={doc['id']}")) == []


def test_dubbelzinnige_passage_vraagt_positie(w):
    tekst = "De kosten stijgen in het westen. De kosten dalen in het oosten."
    doc = w.document(tekst, parafenlijn=())
    body = probleem(w.dien_in(doc, w.DEF, "De kosten", "De uitgaven"), 422)
    assert "oorspronkelijk" in _namen(body) or "positie" in _namen(body)
    tweede = tekst.index("De kosten", 1)
    v = ok(w.dien_in(doc, w.DEF, "De kosten", "De uitgaven", positie=tweede), 201)
    assert v["positie"] == tweede
    eerste = ok(w.dien_in(doc, w.IenW, "De kosten", "Alle kosten", positie=0), 201)
    assert eerste["positie"] == 0
    # The two are different passages: they do not compete.
    assert eerste["concurrerend_met"] == []
    # A positie where the passage is not: 422.
    probleem(w.dien_in(doc, w.DEF, "De kosten", "De uitgaven", positie=5), 422)


def test_zuivere_invoeging_met_positie(w, doc):
    eind = len(TEKST)
    v = ok(w.dien_in(doc, w.DEF, "", " Defensie doet mee.", positie=eind), 201)
    assert v["oorspronkelijk"] == "" and v["positie"] == eind
    # Without positie, or outside the text: 422.
    probleem(w.dien_in(doc, w.DEF, "", " Zonder plek."), 422)
    probleem(w.dien_in(doc, w.DEF, "", " Te ver.", positie=eind + 1), 422)
    # Adopting it appends the sentence.
    assert ok(w.actie(v, "overnemen"))["status"] == "overgenomen"
    assert w.sectie(doc)["tekst"] == TEKST + " Defensie doet mee."


def test_verouderde_basisversie_waarvan_de_passage_nog_bestaat(w, doc):
    w.wijzig_ok(doc, TEKST.replace("Het Rijk draagt", "Het Rijk draagt ruim"))
    assert w.sectie(doc)["versie"] == 2
    v = ok(w.dien_in(doc, w.DEF, PASSAGE, DEF_WORDING, basisversie=1), 201)
    assert v["basisversie"] == 1 and v["positie"] == TEKST.index(PASSAGE)
    # ... and it is adopted into the current text (version 2), keeping the other edit.
    ok(w.actie(v, "overnemen"))
    assert w.sectie(doc)["tekst"] == TEKST.replace("Het Rijk draagt", "Het Rijk draagt ruim").replace(PASSAGE, DEF_WORDING)


def test_onbekende_basisversie_422_en_ontbrekende_428(w, doc):
    sectie = doc["secties"][0]
    pad = PAD.format(doc=doc["id"], sectie=sectie["id"])
    for versie in (2, 0, 99):
        body = probleem(w.dien_in(doc, w.DEF, PASSAGE, DEF_WORDING, basisversie=versie), 422)
        assert "basisversie" in _namen(body), body
    body = probleem(w.als(w.DEF).post(pad, json={"oorspronkelijk": PASSAGE, "voorgesteld": DEF_WORDING}), 428)
    assert "basisversie" in body["detail"] or "basisversie" in _namen(body)
    assert ok(w.als(w.opsteller).get(f"/tekstvoorstellen?document={doc['id']}")) == []


def test_voorstel_gelijk_aan_passage_is_422(w, doc):
    probleem(w.dien_in(doc, w.DEF, PASSAGE, PASSAGE), 422)


# --- competing proposals -----------------------------------------------------------------------


def _concurrenten(w: Wereld, v: dict) -> list[int]:
    return w.lees_voorstel(v)["concurrerend_met"]


def test_concurrerend_met_is_symmetrisch(w, doc):
    p = w.voorstel(doc, w.DEF, PASSAGE, DEF_WORDING)
    q = ok(w.dien_in(doc, w.IenW, "samen aan de uitvoering", "samen aan de snelle uitvoering"), 201)
    # Touching is not overlapping: "provincies " ends where "werken samen" starts.
    raak = ok(w.dien_in(doc, w.IenW, "provincies ", "regio's "), 201)
    los = ok(w.dien_in(doc, w.IenW, "Het Rijk", "De Staat"), 201)
    assert q["concurrerend_met"] == [p["id"]]
    assert _concurrenten(w, p) == [q["id"]]
    assert raak["concurrerend_met"] == [] and los["concurrerend_met"] == []
    assert _concurrenten(w, raak) == [] and _concurrenten(w, los) == []
    # Three on one passage: each names the other two.
    r = ok(w.dien_in(doc, w.opsteller, "samen", "gezamenlijk"), 201)
    assert sorted(r["concurrerend_met"]) == sorted([p["id"], q["id"]])
    assert sorted(_concurrenten(w, p)) == sorted([q["id"], r["id"]])
    # Only open proposals count: after withdrawing p it is nobody's competitor.
    ok(w.actie(p, "intrekken"))
    assert _concurrenten(w, q) == [r["id"]] and _concurrenten(w, r) == [q["id"]]


def test_concurrerend_over_verschillende_basisversies(w, doc):
    p = w.voorstel(doc, w.DEF, PASSAGE, DEF_WORDING)  # on version 1
    nieuw = TEKST.replace("De minister neemt", "De minister neemt snel")  # shifts what follows by 5
    w.wijzig_ok(doc, nieuw)
    sectie = w.sectie(doc)
    assert sectie["versie"] == 2
    q = ok(w.dien_in(doc, w.IenW, "samen aan de uitvoering", "samen aan de snelle uitvoering", sectie=sectie), 201)
    assert q["basisversie"] == 2 and q["concurrerend_met"] == [p["id"]]
    assert _concurrenten(w, p) == [q["id"]]
    # In version 2, "provincies " ends right before "werken samen": in version-1 numbers its
    # range would overlap p's, but in the same text the two only touch.
    raak = ok(w.dien_in(doc, w.IenW, "provincies ", "regio's ", sectie=sectie), 201)
    assert raak["positie"] == nieuw.index("provincies ")
    assert nieuw.index("provincies ") < TEKST.index(PASSAGE) + len(PASSAGE)  # the trap is real
    assert raak["concurrerend_met"] == [] and q["id"] not in _concurrenten(w, raak)
    assert raak["id"] not in _concurrenten(w, p)


def test_invoegingen_op_dezelfde_plek_concurreren(w, doc):
    plek = TEKST.index(" Het Rijk")
    a = ok(w.dien_in(doc, w.DEF, "", " Defensie helpt.", positie=plek), 201)
    b = ok(w.dien_in(doc, w.IenW, "", " IenW helpt.", positie=plek), 201)
    elders = ok(w.dien_in(doc, w.IenW, "", " Slot.", positie=len(TEKST)), 201)
    assert b["concurrerend_met"] == [a["id"]] and _concurrenten(w, a) == [b["id"]]
    assert elders["concurrerend_met"] == []
    # An insertion strictly inside a replaced passage competes with it.
    binnen = ok(w.dien_in(doc, w.IenW, "", " nauw", positie=TEKST.index(PASSAGE) + len("werken")), 201)
    vervanging = w.voorstel(doc, w.DEF, PASSAGE, DEF_WORDING)
    assert binnen["id"] in _concurrenten(w, vervanging) and vervanging["id"] in _concurrenten(w, binnen)
    # Adopting one insertion makes the other at that place lapse.
    ok(w.actie(a, "overnemen"))
    assert w.lees_voorstel(b)["status"] == "vervallen"
    assert w.lees_voorstel(elders)["status"] == "ingediend"


# --- threads and reactions ---------------------------------------------------------------------


def test_tegenvoorstel_vormt_een_draad(w, doc, klok):
    termijn = over(klok, days=1)
    p = w.voorstel(doc, reactietermijn=termijn)
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING, toelichting="Liever zo."), 201)
    assert t["id"] != p["id"] and t["reactie_op"] == p["id"] and t["draad"] == p["id"]
    assert t["departement"] == "IenW" and t["status"] == "ingediend" and t["voorgesteld"] == IENW_WORDING
    assert (t["oorspronkelijk"], t["basisversie"], t["positie"], t["sectie"]) == (
        p["oorspronkelijk"],
        p["basisversie"],
        p["positie"],
        p["sectie"],
    )
    assert t["reactietermijn"] is not None  # without its own: the termijn of what it answers
    assert t["concurrerend_met"] == [p["id"]]
    p_nu = w.lees_voorstel(p)
    assert p_nu["status"] == "tegenvoorstel_gedaan" and p_nu["draad"] == p["id"]
    assert [(r["departement"], r["oordeel"], r["tegenvoorstel"]) for r in p_nu["reacties"]] == [
        ("IenW", "tegenvoorstel", t["id"])
    ]
    # DEF answers with a counter-counter-proposal: the thread grows, rooted at p.
    t2 = ok(w.reageer(t, w.DEF, "tegenvoorstel", "werken zo nodig nauw samen"), 201)
    assert t2["reactie_op"] == t["id"] and t2["draad"] == p["id"]
    assert w.lees_voorstel(t)["status"] == "tegenvoorstel_gedaan"
    draad = [v for v in ok(w.als(w.opsteller).get(f"/tekstvoorstellen?document={doc['id']}")) if v["draad"] == p["id"]]
    assert sorted(v["id"] for v in draad) == sorted([p["id"], t["id"], t2["id"]])
    # A tegenvoorstel needs its own wording, different from what it answers.
    body = probleem(w.reageer(t2, w.IenW, "tegenvoorstel"), 422)
    assert "voorgesteld" in _namen(body)
    probleem(w.reageer(t2, w.IenW, "tegenvoorstel", "werken zo nodig nauw samen"), 422)


def test_latere_reactie_vervangt_eerdere(w, doc):
    p = w.voorstel(doc)
    ok(w.reageer(p, w.IenW, "niet_akkoord", toelichting="Te ver."), 201)
    probleem(w.actie(p, "overnemen"), 409)
    r = ok(w.reageer(p, w.IenW, "akkoord", toelichting="Toch goed."), 201)
    reacties = r["reacties"]
    assert [(x["departement"], x["oordeel"], x["actueel"]) for x in reacties] == [
        ("IenW", "niet_akkoord", False),
        ("IenW", "akkoord", True),
    ]
    assert w.lees_voorstel(p)["reacties"] == reacties
    # The objection is gone with the replaced reactie: now it can be adopted.
    assert ok(w.actie(p, "overnemen"))["status"] == "overgenomen"


# --- adopting ----------------------------------------------------------------------------------


def test_overnemen_rebaset_op_de_actuele_tekst(w, doc):
    p = w.voorstel(doc)  # on version 1
    ander = TEKST.replace("De minister neemt", "De minister van VRO neemt").replace("draagt bij", "draagt fors bij")
    w.wijzig_ok(doc, ander)
    voor = w.lees(doc)
    na = ok(w.actie(p, "overnemen"))
    assert na["status"] == "overgenomen" and na["id"] == p["id"]
    sectie = w.sectie(doc)
    assert sectie["tekst"] == ander.replace(PASSAGE, DEF_WORDING)
    assert sectie["versie"] == 3 and na["verwerkt_in_versie"] == 3
    assert w.lees(doc)["revisie"] == voor["revisie"] + 1
    versies = ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/secties/{sectie['id']}/versies"))
    assert [v["versie"] for v in versies] == [1, 2, 3] and versies[-1]["auteur"]["id"] == w.opsteller.id
    assert "tekstvoorstel_overgenomen" in _soorten(w, doc)


def test_overnemen_rebaset_op_positie_niet_op_tekst(w):
    """The passage occurs twice in the current text: the rebase follows the position."""
    tekst = "De kosten stijgen. De kosten dalen."
    doc = w.document(tekst, parafenlijn=())
    v = ok(w.dien_in(doc, w.DEF, "De kosten", "De uitgaven", positie=tekst.index("De kosten", 1)), 201)
    w.wijzig_ok(doc, "Vooraf. " + tekst)
    ok(w.actie(v, "overnemen"))
    assert w.sectie(doc)["tekst"] == "Vooraf. De kosten stijgen. De uitgaven dalen."


def test_overnemen_als_de_passage_zelf_veranderde_is_409_en_schrijft_niets(w, doc):
    p = w.voorstel(doc)
    andere = TEKST.replace("werken samen", "werken soms samen")
    w.wijzig_ok(doc, andere)
    sectie = w.sectie(doc)
    voor_doc = w.lees(doc)
    voor_versies = ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/secties/{sectie['id']}/versies"))
    voor_gebeurtenissen = w.gebeurtenissen(doc)

    probleem(w.actie(p, "overnemen"), 409)

    assert w.lees(doc) == voor_doc
    assert ok(w.als(w.opsteller).get(f"/documenten/{doc['id']}/secties/{sectie['id']}/versies")) == voor_versies
    assert w.gebeurtenissen(doc) == voor_gebeurtenissen
    assert w.lees_voorstel(p)["status"] == "ingediend"
    assert w.lees_voorstel(p)["verwerkt_in_versie"] is None


def test_overnemen_laat_overlappende_vervallen_en_andere_open(w, doc):
    p = w.voorstel(doc, w.DEF, PASSAGE, DEF_WORDING)
    q = ok(w.dien_in(doc, w.IenW, "samen aan de uitvoering", "samen aan de snelle uitvoering"), 201)
    los = ok(w.dien_in(doc, w.IenW, "Het Rijk", "De Staat"), 201)
    ok(w.actie(q, "overnemen"))
    assert w.lees_voorstel(q)["status"] == "overgenomen"
    assert w.lees_voorstel(p)["status"] == "vervallen"
    los_nu = w.lees_voorstel(los)
    assert los_nu["status"] == "ingediend" and los_nu["concurrerend_met"] == []
    vervallen = [g for g in w.gebeurtenissen(doc) if g["soort"] == "tekstvoorstel_vervallen"]
    assert [g["gegevens"]["tekstvoorstel"] for g in vervallen] == [p["id"]]
    # A lapsed proposal can no longer be adopted; the other one still can.
    probleem(w.actie(p, "overnemen"), 409)
    ok(w.actie(los, "overnemen"))
    assert w.sectie(doc)["tekst"] == TEKST.replace("samen aan de uitvoering", "samen aan de snelle uitvoering").replace(
        "Het Rijk", "De Staat"
    )


def test_overnemen_laat_overlappende_van_oudere_basisversie_vervallen(w, doc):
    p = w.voorstel(doc, w.DEF, PASSAGE, DEF_WORDING)  # on version 1
    w.wijzig_ok(doc, TEKST.replace("De minister neemt", "De minister neemt snel"))
    sectie = w.sectie(doc)
    q = ok(w.dien_in(doc, w.IenW, "samen aan de uitvoering", "samen aan de snelle uitvoering", sectie=sectie), 201)
    raak = ok(w.dien_in(doc, w.IenW, "provincies ", "regio's ", sectie=sectie), 201)
    ok(w.actie(q, "overnemen"))
    assert w.lees_voorstel(p)["status"] == "vervallen"
    assert w.lees_voorstel(raak)["status"] == "ingediend"


def test_concurrerend_met_en_vervallen_zeggen_hetzelfde_als_een_passage_intussen_veranderde(w, doc):
    """One overlap rule: A on version 1, A's passage edited (version 2), B on version 2 over
    where A's passage was. B names A as its competitor exactly when adopting B lapses A (the
    two used to disagree: concurrerend_met said no, adopting B lapsed A)."""
    a = w.voorstel(doc, w.DEF, PASSAGE, DEF_WORDING)  # on version 1
    w.wijzig_ok(doc, TEKST.replace("werken samen", "werken soms samen"))
    sectie = w.sectie(doc)
    b = ok(w.dien_in(doc, w.IenW, CONCURRENT_PASSAGE, "samen aan de snelle uitvoering", sectie=sectie), 201)
    assert b["basisversie"] == 2
    assert b["concurrerend_met"] == [a["id"]] and _concurrenten(w, a) == [b["id"]]
    ok(w.actie(b, "overnemen"))
    assert w.lees_voorstel(a)["status"] == "vervallen"


def test_overnemen_geweigerd_bij_niet_akkoord_tot_akkoord(w, doc):
    p = w.voorstel(doc)
    ok(w.reageer(p, w.IenW, "niet_akkoord"), 201)
    body = probleem(w.actie(p, "overnemen"), 409)
    assert "IenW" in body["detail"]
    assert w.lees_voorstel(p)["open_bezwaren"]
    assert w.sectie(doc)["versie"] == 1
    ok(w.reageer(p, w.IenW, "akkoord"), 201)
    assert w.lees_voorstel(p)["open_bezwaren"] == []
    assert ok(w.actie(p, "overnemen"))["status"] == "overgenomen"
    assert w.sectie(doc)["tekst"] == TEKST.replace(PASSAGE, DEF_WORDING)


def test_overnemen_geweigerd_bij_onbeantwoord_tegenvoorstel(w, doc):
    p = w.voorstel(doc)
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    probleem(w.actie(p, "overnemen"), 409)
    probleem(w.actie(t, "overnemen"), 409)
    # DEF says niet akkoord with the counter-proposal: still an objection.
    ok(w.reageer(t, w.DEF, "niet_akkoord"), 201)
    probleem(w.actie(t, "overnemen"), 409)
    assert w.sectie(doc)["versie"] == 1
    # DEF agrees with IenW's wording: the penvoerder adopts it; DEF's own lapses.
    ok(w.reageer(t, w.DEF, "akkoord"), 201)
    assert ok(w.actie(t, "overnemen"))["status"] == "overgenomen"
    assert w.lees_voorstel(p)["status"] == "vervallen"
    assert w.sectie(doc)["tekst"] == TEKST.replace(PASSAGE, IENW_WORDING)


# --- besluit -----------------------------------------------------------------------------------


def test_overlappende_van_dezelfde_basisversie_vervalt_ook_als_haar_passage_tussendoor_veranderde(w):
    """Found by `make belasting`: two proposals on overlapping passages of one version; an edit
    touches only the second's passage, then the first is adopted. The second must lapse (it
    competes, docs/api.md), even though its passage can no longer be followed into the current text;
    else, once a later edit restores its passage, it could be adopted over the first."""
    tekst = "De gedeelde zin is ZZZ0 en verder niets."
    doc = w.document(tekst, parafenlijn=())
    a = ok(w.dien_in(doc, w.DEF, "gedeelde zin is ZZZ0", "gedeelde zin is ZZZ7"), 201)
    b = ok(w.dien_in(doc, w.IenW, "De gedeelde", "Het gedeelde"), 201)
    assert w.lees_voorstel(a)["concurrerend_met"] == [b["id"]]
    w.wijzig_ok(doc, tekst.replace("De ", "Die "))  # touches b's passage only
    ok(w.actie(a, "overnemen"))
    assert w.lees_voorstel(b)["status"] == "vervallen"
    w.wijzig_ok(doc, w.sectie(doc)["tekst"].replace("Die ", "De "))  # b's passage is back
    probleem(w.actie(b, "overnemen"), 409)
    assert w.sectie(doc)["tekst"] == "De gedeelde zin is ZZZ7 en verder niets."


def test_overlappende_van_een_latere_versie_vervalt_ook_als_haar_passage_tussendoor_veranderde(w):
    """The same hole across versions: the second proposal is on version 2, its passage is then
    edited, the first (version 1) is adopted: the written passage is followed back to version 2
    and compared there."""
    tekst = "De gedeelde zin is ZZZ0 en verder niets."
    doc = w.document(tekst, parafenlijn=())
    a = ok(w.dien_in(doc, w.DEF, "gedeelde zin is ZZZ0", "gedeelde zin is ZZZ7"), 201)
    w.wijzig_ok(doc, tekst + " Slot.")  # version 2
    b = ok(w.dien_in(doc, w.IenW, "De gedeelde", "Het gedeelde", sectie=w.sectie(doc)), 201)
    w.wijzig_ok(doc, w.sectie(doc)["tekst"].replace("De ", "Die "))  # touches b's passage only
    ok(w.actie(a, "overnemen"))
    assert w.lees_voorstel(b)["status"] == "vervallen"
    w.wijzig_ok(doc, w.sectie(doc)["tekst"].replace("Die ", "De "))
    probleem(w.actie(b, "overnemen"), 409)
    assert w.sectie(doc)["tekst"] == "De gedeelde zin is ZZZ7 en verder niets. Slot."


def _geschil(w: Wereld, doc: dict) -> tuple[dict, dict]:
    p = w.voorstel(doc)
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    assert ok(w.actie(p, "escaleren"))["status"] == "geescaleerd"
    assert w.lees_voorstel(t)["status"] == "geescaleerd"
    return p, t


def test_besluit_met_gekozen_voorstel(w, doc):
    p, t = _geschil(w, doc)
    # Meanwhile the penvoerder edits elsewhere: the decision is rebased onto that text.
    elders = TEKST.replace("draagt bij", "draagt fors bij")
    w.wijzig_ok(doc, elders)
    na = ok(w.actie(p, "besluit", gekozen=t["id"], toelichting="IenW heeft gelijk."))
    assert na["id"] == p["id"] and na["status"] == "besloten"
    for v in (p, t):
        lid = w.lees_voorstel(v)
        assert lid["status"] == "besloten" and lid["verwerkt_in_versie"] == 3
    sectie = w.sectie(doc)
    assert sectie["tekst"] == elders.replace(PASSAGE, IENW_WORDING) and sectie["versie"] == 3
    besluit = [g for g in w.gebeurtenissen(doc) if g["soort"] == "besluit_genomen"]
    assert len(besluit) == 1 and besluit[0]["actor"] == f"gebruiker/{w.minister.id}"
    assert besluit[0]["gegevens"]["formulering"] == IENW_WORDING


def test_besluit_met_eigen_formulering(w, doc):
    p, t = _geschil(w, doc)
    # Decided through any member of the thread: here the counter-proposal.
    na = ok(w.actie(t, "besluit", tekst=BESLUIT_WORDING))
    assert na["id"] == t["id"] and na["status"] == "besloten"
    assert w.lees_voorstel(p)["status"] == "besloten"
    assert w.sectie(doc)["tekst"] == TEKST.replace(PASSAGE, BESLUIT_WORDING)
    # A decided thread is closed: no second besluit, no adopting.
    probleem(w.actie(p, "besluit", tekst="werken anders samen"), 409)
    probleem(w.actie(p, "overnemen"), 409)


def test_besluit_als_de_passage_zelf_veranderde_is_409_en_schrijft_niets(w, doc):
    p = w.voorstel(doc)
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    # The passage changes while the thread is still open (after escalation the edit is refused:
    # see test_geescaleerde_passage_is_niet_te_bewerken).
    w.wijzig_ok(doc, TEKST.replace(PASSAGE, "werken soms samen"))
    ok(w.actie(p, "escaleren"))
    voor, log = w.lees(doc), w.gebeurtenissen(doc)
    probleem(w.actie(p, "besluit", tekst=BESLUIT_WORDING), 409)
    assert w.lees(doc) == voor and w.gebeurtenissen(doc) == log
    assert [w.lees_voorstel(v)["status"] for v in (p, t)] == ["geescaleerd", "geescaleerd"]


def test_geescaleerde_passage_is_niet_te_bewerken(w, doc):
    """After escalation the thread is the bewindspersoon's alone: the opsteller cannot rewrite
    its passage directly (409, nothing written); elsewhere in the section she can."""
    p, t = _geschil(w, doc)
    voor = w.lees(doc)
    body = probleem(w.wijzig(doc, TEKST.replace(PASSAGE, "werken soms samen")), 409)
    assert "bewindspersoon" in body["detail"] and str(p["draad"]) in body["detail"]
    assert w.lees(doc) == voor
    ok(w.wijzig(doc, TEKST.replace("draagt bij", "draagt fors bij")))
    assert [w.lees_voorstel(v)["status"] for v in (p, t)] == ["geescaleerd", "geescaleerd"]


@pytest.mark.parametrize("actie", ["afwijzen", "overnemen"])
def test_na_escalatie_beslist_alleen_de_bewindspersoon(w, doc, actie):
    """Issue 12 item 5: the opsteller can no longer reject or adopt an escalated proposal,
    departments no longer react; only the indiener may still withdraw its own (recorded)."""
    p, t = _geschil(w, doc)
    for voorstel in (p, t):
        body = probleem(w.actie(voorstel, actie), 409)
        assert label("geescaleerd") in body["detail"]
    probleem(w.reageer(t, w.DEF, "akkoord"), 409)
    probleem(w.reageer(p, w.IenW, "tegenvoorstel", "werken wellicht samen"), 409)
    assert [w.lees_voorstel(v)["status"] for v in (p, t)] == ["geescaleerd", "geescaleerd"]
    assert ok(w.actie(t, "intrekken", wie=w.IenW))["status"] == "ingetrokken"
    assert any(g["soort"] == "tekstvoorstel_ingetrokken" for g in w.gebeurtenissen(doc))
    assert ok(w.actie(p, "besluit", gekozen=p["id"]))["status"] == "besloten"


def test_overnemen_over_een_geescaleerde_passage_is_409(w, doc):
    """Adopting a competing wording would make the escalated thread lapse behind the
    minister's back: refused, nothing written."""
    p, _ = _geschil(w, doc)
    ander = ok(w.dien_in(doc, w.opsteller, "samen aan de uitvoering", "samen aan de uitvoering in 2026"), 201)
    voor = w.lees(doc)
    body = probleem(w.actie(ander, "overnemen"), 409)
    assert "bewindspersoon" in body["detail"]
    assert w.lees(doc) == voor and w.lees_voorstel(p)["status"] == "geescaleerd"


def test_besluit_maakt_overlappende_andere_draad_vervallen(w, doc):
    p, _ = _geschil(w, doc)
    ander = ok(w.dien_in(doc, w.opsteller, "samen aan de uitvoering", "samen aan de uitvoering in 2026"), 201)
    los = ok(w.dien_in(doc, w.opsteller, "Het Rijk", "De Staat"), 201)
    ok(w.actie(p, "besluit", tekst=BESLUIT_WORDING))
    assert w.lees_voorstel(ander)["status"] == "vervallen"
    assert w.lees_voorstel(los)["status"] == "ingediend"


@pytest.mark.parametrize("body", [{}, {"gekozen": "EIGEN", "tekst": BESLUIT_WORDING}, {"toelichting": "alleen dit"}])
def test_besluit_met_beide_of_geen_is_422(w, doc, body):
    p, _ = _geschil(w, doc)
    if body.get("gekozen") == "EIGEN":
        body = {**body, "gekozen": p["id"]}
    probleem(w.als(w.minister).post(f"/tekstvoorstellen/{p['id']}/besluit", json=body), 422)
    assert w.lees_voorstel(p)["status"] == "geescaleerd"
    assert w.sectie(doc)["versie"] == 1


def test_besluit_gekozen_buiten_de_draad_is_422(w, doc):
    p, _ = _geschil(w, doc)
    vreemd = ok(w.dien_in(doc, w.opsteller, "Het Rijk", "De Staat"), 201)
    body = probleem(w.actie(p, "besluit", gekozen=vreemd["id"]), 422)
    assert "gekozen" in _namen(body)
    probleem(w.actie(p, "besluit", gekozen=999999), 422)
    assert w.lees_voorstel(p)["status"] == "geescaleerd" and w.sectie(doc)["versie"] == 1


def test_besluit_op_niet_geescaleerde_draad_is_409(w, doc):
    p = w.voorstel(doc)
    t = ok(w.reageer(p, w.IenW, "tegenvoorstel", IENW_WORDING), 201)
    body = probleem(w.actie(p, "besluit", tekst=BESLUIT_WORDING), 409)
    assert label("tegenvoorstel_gedaan") in body["detail"]
    probleem(w.actie(t, "besluit", gekozen=p["id"]), 409)
    assert w.sectie(doc)["versie"] == 1


def test_besluit_gekozen_buiten_draad_gaat_voor_status(w, doc):
    p = w.voorstel(doc)
    vreemd = ok(w.dien_in(doc, w.opsteller, "Het Rijk", "De Staat"), 201)
    probleem(w.actie(p, "besluit", gekozen=vreemd["id"]), 422)


# --- rejecting, withdrawing, lists --------------------------------------------------------------


def test_afwijzen_en_intrekken(w, doc):
    p = w.voorstel(doc)
    q = ok(w.dien_in(doc, w.IenW, "Het Rijk", "De Staat"), 201)
    assert ok(w.actie(p, "afwijzen"))["status"] == "afgewezen"
    assert ok(w.actie(q, "intrekken", w.IenW))["status"] == "ingetrokken"
    assert w.lees(doc)["revisie"] == 1 and w.sectie(doc)["tekst"] == TEKST
    soorten = _soorten(w, doc)
    assert "tekstvoorstel_afgewezen" in soorten and "tekstvoorstel_ingetrokken" in soorten
    for v in (p, q):
        for actie in ("overnemen", "afwijzen", "escaleren"):
            probleem(w.actie(v, actie), 409)
        probleem(w.reageer(v, w.DEF if v is q else w.IenW, "akkoord"), 409)


def test_lijst_filtert_op_document_status_en_departement(w, doc):
    ander = w.document(parafenlijn=())
    p = w.voorstel(doc)
    q = ok(w.dien_in(doc, w.IenW, "Het Rijk", "De Staat"), 201)
    r = w.voorstel(ander, w.IenW)
    ok(w.actie(q, "afwijzen"))

    def ids(query: str) -> list[int]:
        return [v["id"] for v in ok(w.als(w.opsteller).get(f"/tekstvoorstellen{query}"))]

    assert ids("") == [p["id"], q["id"], r["id"]]
    assert ids(f"?document={doc['id']}") == [p["id"], q["id"]]
    assert ids(f"?document={ander['id']}") == [r["id"]]
    assert ids("?status=ingediend") == [p["id"], r["id"]]
    assert ids("?status=afgewezen") == [q["id"]]
    assert ids("?departement=IenW") == [q["id"], r["id"]]
    assert ids(f"?document={doc['id']}&status=ingediend&departement=DEF") == [p["id"]]
    assert ids(f"?document={ander['id']}&departement=DEF") == []
    # The list carries the same fields as the single read, reactions included.
    lijst = ok(w.als(w.opsteller).get(f"/tekstvoorstellen?document={doc['id']}"))
    assert lijst[0] == w.lees_voorstel(p)
    probleem(w.als(w.opsteller).get("/tekstvoorstellen?status=onzin"), 422)
    probleem(w.als(w.opsteller).get("/tekstvoorstellen?document=999999"), 404)


def test_ongeldige_passage_op_vastgesteld_document_is_422(w):
    doc = w.document_in("vastgesteld")["doc"]
    probleem(w.dien_in(doc, w.DEF, "bestaat niet", "iets"), 422)
