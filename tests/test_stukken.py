"""Stukken (issue 12, docs/api.md "Stukken"): the letter, its beslisnota and bijlagen as one set.

Through the HTTP API on both databases: the set and its sethash; parafen pinned to the set (a
change in any member, or a member added, voids them, and the letter's status follows); a member
is initialled and signed only through its letter (409 naming it); one vaststelling freezes every
member; the beslisnota is internal (404 for every other department, left out of lists, and its
render shows no live state of a letter its reader may not read); who may link what; the
beslispunten and the minister's besluiten; afhankelijkheden; and dissent that cannot be dropped
by leaving a department out of a new ronde.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from tests.conftest import BESLISNOTA_MD, importeer
from tests.helpers_afstemming import Wereld, ok, over, probleem

PUNT_1 = "In te stemmen met ondertekening en verzending aan de Tweede Kamer van de Kamerbrief Uitkomsten BO’s Leefomgeving 2025"
PUNT_2 = "In te stemmen met verzending aan de Tweede Kamer van de MIRT-brief voorjaar 2025, mede namens u."


@pytest.fixture
def w(api, klok) -> Wereld:
    return Wereld(api, klok)


def _verwachte_sethash(leden: list[dict]) -> str:
    """docs/api.md: a hash over the members' ids and inhoudshashes in id order (written out here
    independently of the service's code)."""
    paren = [[d["id"], d["inhoudshash"]] for d in sorted(leden, key=lambda d: d["id"])]
    inhoud = json.dumps(paren, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(inhoud.encode("utf-8")).hexdigest()


class Set:
    """A letter of VRO (mede namens DEF), its beslisnota from drafts/ and a bijlage."""

    def __init__(self, w: Wereld, *, bijlage: bool = True, parafenlijn=("afdelingshoofd", "directeur")):
        self.w = w
        self.brief = w.document(parafenlijn=parafenlijn, mede_namens=("DEF",))
        self.nota = importeer(w.api, w.opsteller, BESLISNOTA_MD, gekoppeld_aan=str(self.brief["id"]))
        self.bijlage = None
        if bijlage:
            self.bijlage = ok(
                w.als(w.opsteller).post(
                    "/documenten",
                    json={"soort": "bijlage", "titel": "Afsprakenlijst", "penvoerder": "VRO", "gekoppeld_aan": self.brief["id"]},
                ),
                201,
            )
            ok(
                w.als(w.opsteller).post(
                    f"/documenten/{self.bijlage['id']}/secties", json={"kop": "Noord", "tekst": "Afspraken."}
                ),
                201,
            )
        self.parafenlijn = parafenlijn

    def stukken(self, wie=None, via: int | None = None) -> dict:
        return ok(self.w.als(wie or self.w.opsteller).get(f"/documenten/{via or self.brief['id']}/stukken"))

    def afgestemd(self) -> None:
        ronde = self.w.ronde(self.brief, ("DEF",))
        ok(self.w.oordeel(ronde, self.w.DEF), 201)
        assert self.w.status(self.brief) == "afgestemd"

    def parafen(self) -> None:
        for niveau in self.parafenlijn:
            ok(self.w.paraaf(self.brief, self.w.parafeerder(niveau)), 201)

    def besluit(self, nummer: int, besluit: str = "akkoord", **extra):
        return self.w.als(self.w.minister).post(
            f"/documenten/{self.nota['id']}/beslispunten/{nummer}/besluit", json={"besluit": besluit, **extra}
        )

    def klaar(self) -> None:
        """Everything but the vaststelling."""
        self.afgestemd()
        self.parafen()
        ok(self.besluit(1), 201)
        ok(self.besluit(2), 201)

    def vaststellen(self):
        return self.w.als(self.w.minister).post(f"/documenten/{self.brief['id']}/vaststellen")


@pytest.fixture
def s(w) -> Set:
    return Set(w)


# --- 1. the set is one unit ------------------------------------------------------------------------


def test_stukken_vanuit_elk_lid_met_sethash(w, s):
    via_brief = s.stukken()
    for lid in (s.nota, s.bijlage):
        assert s.stukken(via=lid["id"]) == via_brief
    assert via_brief["brief"] == via_brief["hoofd"] == s.brief["id"]
    leden = via_brief["documenten"]
    assert [(d["id"], d["soort"]) for d in leden] == [
        (s.brief["id"], "kamerbrief"),
        (s.nota["id"], "beslisnota"),
        (s.bijlage["id"], "bijlage"),
    ]
    for d in leden:
        assert set(d) == {"id", "soort", "titel", "status", "revisie", "inhoudshash"}
    assert via_brief["sethash"] == _verwachte_sethash(leden)
    assert [p["nummer"] for p in via_brief["beslispunten"]] == [1, 2]
    assert via_brief["afhankelijkheden"] == [] and via_brief["bezwaren"]


def test_paraaf_op_de_set_vervalt_bij_wijziging_van_elk_lid(w, s):
    s.afgestemd()
    paraaf = ok(w.paraaf(s.brief, w.afdelingshoofd), 201)
    stukken = s.stukken()
    assert paraaf["sethash"] == stukken["sethash"] and paraaf["inhoudshash"] == w.lees(s.brief)["inhoudshash"]
    assert paraaf["document"] == s.brief["id"] and paraaf["geldig"] is True
    assert w.status(s.brief) == "in_parafering"

    # The nota's text changes: the paraaf no longer covers the set; the letter is afgestemd again
    # (its own afstemming is untouched: oordelen are pinned to the letter's own text).
    sectie = next(x for x in s.nota["secties"] if x["kop"] == "Communicatie")
    ok(
        w.als(w.opsteller).put(
            f"/documenten/{s.nota['id']}/secties/{sectie['id']}",
            json={"tekst": sectie["tekst"] + " Extra.", "basisversie": sectie["versie"]},
        )
    )
    assert [p["geldig"] for p in ok(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/parafen"))] == [False]
    assert w.status(s.brief) == "afgestemd"
    assert s.stukken()["sethash"] != stukken["sethash"]

    # Initialled again; then a member is added: void again.
    assert ok(w.paraaf(s.brief, w.afdelingshoofd), 201)["geldig"] is True
    assert w.status(s.brief) == "in_parafering"
    ok(
        w.als(w.opsteller).post(
            "/documenten", json={"soort": "bijlage", "titel": "Kaart", "penvoerder": "VRO", "gekoppeld_aan": s.brief["id"]}
        ),
        201,
    )
    assert [p["geldig"] for p in ok(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/parafen"))] == [False, False]
    assert w.status(s.brief) == "afgestemd"
    soorten = [g["soort"] for g in w.gebeurtenissen(s.brief)]
    assert soorten.count("stuk_gekoppeld") == 3  # nota, bijlage, kaart


def test_sethash_volgt_de_inhoud_van_de_leden(w, s):
    begin = s.stukken()["sethash"]
    sectie = ok(w.als(w.opsteller).post(f"/documenten/{s.bijlage['id']}/secties", json={"kop": "K", "tekst": "Een."}), 201)
    na = s.stukken()["sethash"]
    assert na != begin
    ok(w.als(w.opsteller).put(f"/documenten/{s.bijlage['id']}/secties/{sectie['id']}", json={"tekst": "Twee.", "basisversie": 1}))
    assert s.stukken()["sethash"] not in (begin, na)
    ok(w.als(w.opsteller).put(f"/documenten/{s.bijlage['id']}/secties/{sectie['id']}", json={"tekst": "Een.", "basisversie": 2}))
    # The same texts again: the same sethash (it identifies content; a paraaf's validity does not
    # come back, see test_paraaf_op_de_set_vervalt_bij_wijziging_van_elk_lid).
    assert s.stukken()["sethash"] == na


def test_paraferen_en_vaststellen_op_een_lid_is_409_met_de_brief(w, s):
    s.afgestemd()
    ok(w.paraaf(s.brief, w.afdelingshoofd), 201)
    for lid in (s.nota, s.bijlage):
        body = probleem(w.paraaf(lid, w.directeur), 409)
        assert str(s.brief["id"]) in body["detail"] and body["brief"] == s.brief["id"]
        body = probleem(w.als(w.minister).post(f"/documenten/{lid['id']}/vaststellen"), 409)
        assert f"Kamerbrief {s.brief['id']}" in body["detail"]
        body = probleem(w.als(w.opsteller).post(f"/documenten/{lid['id']}/verzenden"), 409)
        assert f"Kamerbrief {s.brief['id']}" in body["detail"]
        # The role is checked first: who may not initial at all gets 403.
        probleem(w.paraaf(lid, w.DEF), 403 if lid is s.bijlage else 404)
        # GET .../parafen on a member lists the letter's.
        parafen = ok(w.als(w.opsteller).get(f"/documenten/{lid['id']}/parafen"))
        assert [(p["document"], p["niveau"], p["geldig"]) for p in parafen] == [(s.brief["id"], "afdelingshoofd", True)]
        kan = ok(w.als(w.minister).get(f"/documenten/{lid['id']}/vaststellen"))
        assert kan["kan"] is False and f"Kamerbrief {s.brief['id']}" in kan["bezwaren"][0]
    assert w.status(s.nota) == "concept"


def test_een_vaststelling_bevriest_elk_lid(w, s):
    s.klaar()
    assert w.status(s.nota) == "concept"  # no ronde of its own, and none needed
    brief = ok(s.vaststellen())
    assert brief["status"] == "vastgesteld"
    for lid in (s.nota, s.bijlage):
        gelezen = w.lees(lid)
        assert gelezen["status"] == "vastgesteld"
        sectie = gelezen["secties"][0]
        probleem(
            w.als(w.opsteller).put(
                f"/documenten/{lid['id']}/secties/{sectie['id']}", json={"tekst": "Anders.", "basisversie": sectie["versie"]}
            ),
            409,
        )
        probleem(w.als(w.opsteller).post(f"/documenten/{lid['id']}/secties", json={"kop": "Nieuw", "tekst": "x"}), 409)
        assert any(g["soort"] == "vastgesteld" for g in w.gebeurtenissen(lid))
    # Nothing joins a signed letter; the minister's besluiten are final.
    body = probleem(
        w.als(w.opsteller).post(
            "/documenten", json={"soort": "bijlage", "titel": "Te laat", "penvoerder": "VRO", "gekoppeld_aan": s.brief["id"]}
        ),
        409,
    )
    assert "vastgesteld" in body["detail"].lower()
    probleem(s.besluit(1, "niet_akkoord"), 409)
    # Sending: the bijlage goes with the letter; the nota stays internal (vastgesteld).
    ok(w.als(w.opsteller).post(f"/documenten/{s.brief['id']}/verzenden"))
    assert w.status(s.bijlage) == "verzonden" and w.status(s.nota) == "vastgesteld"
    vastgesteld = next(g for g in w.gebeurtenissen(s.brief) if g["soort"] == "vastgesteld")
    assert vastgesteld["gegevens"]["stukken"] == [s.nota["id"], s.bijlage["id"]]
    assert vastgesteld["gegevens"]["sethash"] == s.stukken()["sethash"]


def test_nota_toont_de_parafen_van_de_brief(w, s):
    s.afgestemd()
    s.parafen()
    tekst = _docx_tekst(ok_bytes(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/docx")))
    for niveau in s.parafenlijn:
        naam = w.parafeerder(niveau).naam
        assert re.search(rf"{niveau.capitalize()} {re.escape(naam)} \d{{1,2}} \w+ \d{{4}}, \d\d\.\d\d uur geparafeerd", tekst), (
            tekst[:600]
        )
    html = w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/html").text
    assert w.parafeerder("directeur").naam in html and "nog niet geparafeerd" not in html


# --- the beslisnota is internal -------------------------------------------------------------------


def test_beslisnota_bestaat_niet_voor_andere_departementen(api, w, s):
    ienw_minister = api.gebruiker("IenW", "bewindspersoon")
    for wie in (w.DEF, w.IenW, ienw_minister):
        for pad in (
            "",
            "/docx",
            "/html",
            "/docx?variant=woo",
            "/stukken",
            "/beslispunten",
            "/parafen",
            "/gebeurtenissen",
            "/afstemmingsrondes",
            "/vaststellen",
            "/afhankelijkheden",
            "/afwijkingen",
        ):
            probleem(w.als(wie).get(f"/documenten/{s.nota['id']}{pad}"), 404)
        body = probleem(w.als(wie).post(f"/documenten/{s.nota['id']}/beslispunten/1/besluit", json={"besluit": "akkoord"}), 404)
        assert str(s.nota["id"]) in body["detail"] and "intern" not in body["detail"]
    # DEF reads the letter (mede namens): the set it sees has no nota and no beslispunten.
    stukken = s.stukken(w.DEF)
    assert [d["soort"] for d in stukken["documenten"]] == ["kamerbrief", "bijlage"]
    assert stukken["beslispunten"] == []
    assert all("beslisnota" not in b for b in stukken["bezwaren"])
    assert s.nota["id"] not in [d["id"] for d in ok(w.als(w.DEF).get("/documenten"))]
    assert ok(w.als(w.DEF).get("/documenten?soort=beslisnota")) == []
    # A proposal on the nota (by the penvoerder's own opsteller) is invisible too.
    sectie = s.nota["secties"][0]
    voorstel = ok(w.dien_in(s.nota, w.opsteller, "Op 2, 10 en 11 juni", "Op 2, 10 én 11 juni", sectie=sectie), 201)
    probleem(w.als(w.DEF).get(f"/tekstvoorstellen/{voorstel['id']}"), 404)
    assert voorstel["id"] not in [v["id"] for v in ok(w.als(w.DEF).get("/tekstvoorstellen"))]
    # The penvoerder's people see it all.
    assert s.nota["id"] in [d["id"] for d in ok(w.als(w.afdelingshoofd).get("/documenten"))]
    assert len(s.stukken(w.minister)["documenten"]) == 3


def test_geen_ronde_over_een_beslisnota(w, s):
    body = probleem(
        w.als(w.opsteller).post(
            f"/documenten/{s.nota['id']}/afstemmingsrondes", json={"departementen": ["DEF"], "termijn": over(w.klok, days=2)}
        ),
        409,
    )
    assert "intern" in body["detail"]


def test_nota_toont_geen_levende_staat_aan_wie_de_brief_niet_leest(api, w, engine):
    """A nota linked to a letter its reader may not read (as existing databases can hold: a
    nota of another department, carried forward by the migration) renders without the letter's
    passages, proposals, oordelen and parafen."""
    brief = w.document(mede_namens=("DEF",))
    ok(w.dien_in(brief, w.DEF), 201)
    ezo = api.gebruiker("EZ", "opsteller")
    nota = ok(w.als(ezo).post("/documenten", json={"soort": "beslisnota", "titel": "Nota van EZ", "penvoerder": "EZ"}), 201)
    ok(w.als(ezo).post(f"/documenten/{nota['id']}/secties", json={"kop": "Aanleiding", "tekst": "Iets."}), 201)
    with engine.begin() as c:
        c.execute(text("UPDATE document SET gekoppeld_aan = :b WHERE id = :n"), {"b": brief["id"], "n": nota["id"]})
    probleem(w.als(ezo).get(f"/documenten/{brief['id']}"), 403)
    for pad in ("html", "docx"):
        antwoord = w.als(ezo).get(f"/documenten/{nota['id']}/{pad}")
        assert antwoord.status_code == 200
        inhoud = antwoord.text if pad == "html" else _docx_tekst(antwoord.content)
        for geheim in (
            "werken nauw samen",
            "Tekstvoorstel",
            "Proces van afstemming",
            "Stand van de interdepartementale",
            brief["titel"],
        ):
            assert geheim not in inhoud, geheim
    # The stukken of the letter: EZ may read its own nota, not the letter.
    stukken = ok(w.als(ezo).get(f"/documenten/{nota['id']}/stukken"))
    assert [d["id"] for d in stukken["documenten"]] == [nota["id"]]


# --- linking ---------------------------------------------------------------------------------------


def test_alleen_opsteller_van_de_penvoerder_koppelt(api, w):
    brief = w.document(mede_namens=("DEF", "IenW"))
    ienw_opsteller = api.gebruiker("IenW", "opsteller")  # sees the letter (mede namens)
    body = probleem(
        w.als(ienw_opsteller).post(
            "/documenten", json={"soort": "bijlage", "titel": "Van IenW", "penvoerder": "IenW", "gekoppeld_aan": brief["id"]}
        ),
        403,
    )
    assert "VRO" in body["detail"]
    vreemd = api.gebruiker("EZ", "opsteller")  # does not see the letter: as if it did not exist
    probleem(
        w.als(vreemd).post(
            "/documenten", json={"soort": "bijlage", "titel": "Van EZ", "penvoerder": "EZ", "gekoppeld_aan": brief["id"]}
        ),
        422,
    )
    probleem(
        w.als(ienw_opsteller).post(
            "/documenten/import",
            files={"bestand": ("b.md", b"# K\n\nt\n", "text/markdown")},
            data={"soort": "bijlage", "titel": "Via import", "penvoerder": "IenW", "gekoppeld_aan": str(brief["id"])},
        ),
        403,
    )
    assert [d["soort"] for d in ok(w.als(w.opsteller).get(f"/documenten/{brief['id']}/stukken"))["documenten"]] == ["kamerbrief"]


def test_alleen_een_kamerbrief_heeft_stukken(w, s):
    for doel in (s.nota, s.bijlage):
        body = probleem(
            w.als(w.opsteller).post(
                "/documenten", json={"soort": "bijlage", "titel": "Genest", "penvoerder": "VRO", "gekoppeld_aan": doel["id"]}
            ),
            422,
        )
        assert body["invalid_params"][0]["name"] == "gekoppeld_aan"
    probleem(
        w.als(w.opsteller).post(
            "/documenten",
            json={"soort": "kamerbrief", "titel": "Brief bij brief", "penvoerder": "VRO", "gekoppeld_aan": s.brief["id"]},
        ),
        422,
    )


# --- 2. beslispunten --------------------------------------------------------------------------------


def test_beslispunten_uit_de_nota_en_het_besluit(w, s):
    punten = ok(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/beslispunten"))
    assert [(p["nummer"], p["tekst"], p["besluit"]) for p in punten] == [(1, PUNT_1, None), (2, PUNT_2, None)]
    assert ok(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/beslispunten")) == []

    body = ok(s.besluit(2, "akkoord_met_aantekening", aantekening="Graag de MIRT-brief eerst zien."), 201)
    assert body == {
        "document": s.nota["id"],
        "nummer": 2,
        "tekst": PUNT_2,
        "besluit": "akkoord_met_aantekening",
        "aantekening": "Graag de MIRT-brief eerst zien.",
        "door": w.minister.naam,
        "gebruiker": body["gebruiker"],
        "tijdstip": body["tijdstip"],
    }
    assert body["gebruiker"]["id"] == w.minister.id
    # A later besluit replaces it; both stay in the event log.
    assert ok(s.besluit(2, "niet_akkoord"), 201)["besluit"] == "niet_akkoord"
    punten = ok(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/beslispunten"))
    assert [(p["besluit"], p["aantekening"]) for p in punten] == [(None, None), ("niet_akkoord", None)]
    log = [g["gegevens"] for g in w.gebeurtenissen(s.nota) if g["soort"] == "beslispunt_besloten"]
    assert [(g["nummer"], g["besluit"]) for g in log] == [(2, "akkoord_met_aantekening"), (2, "niet_akkoord")]


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"besluit": "misschien"}, "besluit"),
        ({}, "besluit"),
        ({"besluit": "akkoord_met_aantekening"}, "body"),
        ({"besluit": "akkoord_met_aantekening", "aantekening": "   "}, "body"),
        ({"besluit": "akkoord", "aantekening": "x" * 5001}, "aantekening"),
        ({"besluit": "akkoord", "door": "iemand"}, "door"),
        ({"besluit": "akkoord", "aantekening": "nul\x00teken"}, "aantekening"),
    ],
)
def test_ongeldig_besluit_is_422_en_schrijft_niets(w, s, body, veld):
    antwoord = w.als(w.minister).post(f"/documenten/{s.nota['id']}/beslispunten/1/besluit", json=body)
    fout = probleem(antwoord, 422)
    assert any(veld in p["name"] for p in fout["invalid_params"]), fout
    assert ok(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/beslispunten"))[0]["besluit"] is None


def test_besluit_volgorde_van_fouten(api, w, s):
    pad = f"/documenten/{s.nota['id']}/beslispunten"
    probleem(w.als(None).post(f"{pad}/1/besluit", json={"besluit": "akkoord"}), 401)
    for nummer in ("3", "0", "abc", "99999999999"):
        probleem(w.als(w.minister).post(f"{pad}/{nummer}/besluit", json={"besluit": "akkoord"}), 404)
    probleem(w.als(w.minister).post(f"/documenten/{s.brief['id']}/beslispunten/1/besluit", json={"besluit": "akkoord"}), 404)
    # Same department, not the bewindspersoon: 403 before the body is looked at.
    probleem(w.als(w.opsteller).post(f"{pad}/1/besluit", json={"besluit": "misschien"}), 403)
    probleem(w.als(w.minister).post(f"{pad}/1/besluit", json={}), 422)


def test_besluit_geldt_voor_de_formulering_van_het_punt(w, s):
    ok(s.besluit(1), 201)
    ok(s.besluit(2), 201)
    vraag = next(x for x in s.nota["secties"] if x["kop"] == "Aan de minister wordt gevraagd")
    nieuw = vraag["tekst"].replace("MIRT-brief voorjaar 2025", "MIRT-brief najaar 2025")
    ok(
        w.als(w.opsteller).put(
            f"/documenten/{s.nota['id']}/secties/{vraag['id']}", json={"tekst": nieuw, "basisversie": vraag["versie"]}
        )
    )
    punten = ok(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/beslispunten"))
    assert [p["besluit"] for p in punten] == ["akkoord", None]  # point 2 must be decided again
    assert "najaar" in punten[1]["tekst"]


def test_vaststellen_wacht_op_elk_beslispunt(w, s):
    s.afgestemd()
    s.parafen()
    ok(s.besluit(1), 201)
    body = probleem(s.vaststellen(), 409)
    assert f"beslispunt 2 van beslisnota {s.nota['id']} heeft nog geen besluit" in body["detail"]
    ok(s.besluit(2, "niet_akkoord", aantekening="De MIRT-brief gaat later."), 201)
    assert ok(s.vaststellen())["status"] == "vastgesteld"


def test_nota_toont_de_besluiten_ook_in_de_woo_versie(w, s):
    ok(s.besluit(1), 201)
    ok(s.besluit(2, "akkoord_met_aantekening", aantekening="Na overleg met de minister van IenW."), 201)
    for variant in ("intern", "woo"):
        tekst = _docx_tekst(ok_bytes(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/docx?variant={variant}")))
        datum = r"\d{1,2} \w+ \d{4}"
        assert re.search(rf"{re.escape(PUNT_1)} Besluit: akkoord \({w.minister.naam}, {datum}\)", tekst), tekst[:1500]
        assert re.search(
            rf"{re.escape(PUNT_2)} Besluit: akkoord met aantekening \({w.minister.naam}, {datum}\) "
            r"Aantekening: Na overleg met de minister van IenW\.",
            tekst,
        ), tekst[:1500]
        html = w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/html?variant={variant}").text
        assert "akkoord met aantekening" in html and w.minister.naam in html


# --- 4. afhankelijkheden ------------------------------------------------------------------------------


def _mirt_brief(api, w) -> tuple[dict, object]:
    """IenW's MIRT-brief, mede namens VRO (so VRO sees it)."""
    ienw = api.gebruiker("IenW", "opsteller", naam="Opsteller IenW")
    mirt = ok(
        w.als(ienw).post(
            "/documenten",
            json={"soort": "kamerbrief", "titel": "MIRT-brief voorjaar 2025", "penvoerder": "IenW", "mede_namens": ["VRO"]},
        ),
        201,
    )
    return mirt, ienw


def test_afhankelijkheid_op_een_document_wordt_vervuld(api, w, s):
    mirt, ienw = _mirt_brief(api, w)
    verwacht = (datetime.now(UTC) + timedelta(days=1)).date()
    a = ok(
        w.als(w.opsteller).post(
            f"/documenten/{s.brief['id']}/afhankelijkheden",
            json={
                "omschrijving": "De finale versie van de MIRT-brief volgt.",
                "document": mirt["id"],
                "verwacht_op": verwacht.isoformat(),
            },
        ),
        201,
    )
    assert {k: a[k] for k in ("omschrijving", "document", "vereiste_status", "verwacht_op", "status", "toelichting")} == {
        "omschrijving": "De finale versie van de MIRT-brief volgt.",
        "document": mirt["id"],
        "vereiste_status": "vastgesteld",
        "verwacht_op": verwacht.isoformat(),
        "status": "open",
        "toelichting": None,
    }
    assert a["document_titel"] == "MIRT-brief voorjaar 2025"
    s.klaar()
    body = probleem(s.vaststellen(), 409)
    assert "‘De finale versie van de MIRT-brief volgt.’" in body["detail"]
    # Ticking it off by hand is not how a document-bound one is fulfilled.
    probleem(w.als(w.opsteller).post(f"/afhankelijkheden/{a['id']}/vervuld", json={"toelichting": "Is er."}), 409)
    # IenW signs the MIRT-brief (no parafenlijn; VRO's akkoord as mede namens, in a ronde).
    ronde = ok(
        w.als(ienw).post(
            f"/documenten/{mirt['id']}/afstemmingsrondes", json={"departementen": ["VRO"], "termijn": over(w.klok, days=1)}
        ),
        201,
    )
    vro_afstemmer = api.gebruiker("VRO", "afstemmer")
    ok(w.oordeel(ronde, vro_afstemmer), 201)
    ok(w.als(api.gebruiker("IenW", "bewindspersoon")).post(f"/documenten/{mirt['id']}/vaststellen"))
    assert ok(w.als(w.DEF).get(f"/documenten/{s.brief['id']}/afhankelijkheden"))[0]["status"] == "vervuld"
    assert ok(s.vaststellen())["status"] == "vastgesteld"
    # Recorded at vaststelling: it stays vervuld whatever happens to the MIRT-brief later.
    assert ok(w.als(w.opsteller).get(f"/afhankelijkheden/{a['id']}"))["status"] == "vervuld"


def test_vrije_afhankelijkheid_afvinken_en_laten_vervallen(w, s):
    pad = f"/documenten/{s.brief['id']}/afhankelijkheden"
    a = ok(w.als(w.opsteller).post(pad, json={"omschrijving": "De afsprakenlijst is definitief."}), 201)
    b = ok(w.als(w.opsteller).post(pad, json={"omschrijving": "Persbericht klaar."}), 201)
    assert a["document"] is None and a["status"] == "open"
    probleem(w.als(w.opsteller).post(f"/afhankelijkheden/{a['id']}/vervuld", json={}), 422)
    probleem(w.als(w.opsteller).post(f"/afhankelijkheden/{a['id']}/vervuld", json={"toelichting": " "}), 422)
    probleem(w.als(w.DEF).post(f"/afhankelijkheden/{a['id']}/vervuld", json={"toelichting": "x"}), 403)
    probleem(w.als(w.minister).post(f"/afhankelijkheden/{a['id']}/vervuld", json={"toelichting": "x"}), 403)
    probleem(w.als(w.opsteller).post("/afhankelijkheden/999999/vervuld", json={"toelichting": "x"}), 404)
    vervuld = ok(
        w.als(w.opsteller).post(f"/afhankelijkheden/{a['id']}/vervuld", json={"toelichting": "Door het BO vastgesteld op 11-6."})
    )
    assert vervuld["status"] == "vervuld" and vervuld["toelichting"] == "Door het BO vastgesteld op 11-6."
    assert vervuld["afgehandeld_door"]["id"] == w.opsteller.id
    probleem(w.als(w.opsteller).post(f"/afhankelijkheden/{a['id']}/vervallen", json={"toelichting": "x"}), 409)
    assert (
        ok(w.als(w.opsteller).post(f"/afhankelijkheden/{b['id']}/vervallen", json={"toelichting": "Niet nodig."}))["status"]
        == "vervallen"
    )
    soorten = [g["soort"] for g in w.gebeurtenissen(s.brief)]
    assert (
        soorten.count("afhankelijkheid_toegevoegd") == 2
        and "afhankelijkheid_vervuld" in soorten
        and "afhankelijkheid_vervallen" in soorten
    )


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({}, "omschrijving"),
        ({"omschrijving": ""}, "omschrijving"),
        ({"omschrijving": "x" * 2001}, "omschrijving"),
        ({"omschrijving": "x", "vereiste_status": "klaar"}, "vereiste_status"),
        ({"omschrijving": "x", "verwacht_op": "2025-13-01"}, "verwacht_op"),
        ({"omschrijving": "x", "verwacht_op": "GISTEREN"}, "verwacht_op"),
        ({"omschrijving": "x", "verwacht_op": "OVER_731_DAGEN"}, "verwacht_op"),
        ({"omschrijving": "x", "document": 999999}, "document"),
        ({"omschrijving": "x", "document": "NOTA"}, "document"),
        ({"omschrijving": "x", "onbekend": 1}, "onbekend"),
    ],
)
def test_ongeldige_afhankelijkheid_is_422(w, s, body, veld):
    vandaag = datetime.now(UTC).date()
    vervang = {"GISTEREN": vandaag - timedelta(days=2), "OVER_731_DAGEN": vandaag + timedelta(days=732)}
    body = {k: (vervang[v].isoformat() if v in vervang else (s.nota["id"] if v == "NOTA" else v)) for k, v in body.items()}
    fout = probleem(w.als(w.opsteller).post(f"/documenten/{s.brief['id']}/afhankelijkheden", json=body), 422)
    assert any(veld == p["name"] for p in fout["invalid_params"]), fout
    assert ok(w.als(w.opsteller).get(f"/documenten/{s.brief['id']}/afhankelijkheden")) == []


def test_afhankelijkheid_op_een_lid_is_409_en_alleen_opsteller(w, s):
    probleem(w.als(w.opsteller).post(f"/documenten/{s.nota['id']}/afhankelijkheden", json={"omschrijving": "x"}), 409)
    probleem(w.als(w.minister).post(f"/documenten/{s.brief['id']}/afhankelijkheden", json={"omschrijving": "x"}), 403)
    probleem(w.als(w.DEF).post(f"/documenten/{s.brief['id']}/afhankelijkheden", json={"omschrijving": "x"}), 403)
    # Readable for whoever reads the letter, also through a member.
    ok(w.als(w.opsteller).post(f"/documenten/{s.brief['id']}/afhankelijkheden", json={"omschrijving": "x"}), 201)
    assert len(ok(w.als(w.DEF).get(f"/documenten/{s.bijlage['id']}/afhankelijkheden"))) == 1


# --- 5. authority follows the process: dissent --------------------------------------------------------


def test_bezwaar_valt_niet_weg_door_een_nieuwe_ronde_zonder_het_departement(w, s):
    eerste = w.ronde(s.brief, ("DEF", "IenW"))
    ok(w.oordeel(eerste, w.DEF), 201)
    ok(w.oordeel(eerste, w.IenW, "niet_akkoord", opmerkingen="Zo niet."), 201)
    # The opsteller opens a new ronde without IenW: it is afgerond, but IenW's dissent stands.
    ok(w.oordeel(w.ronde(s.brief, ("DEF",)), w.DEF), 201)
    assert w.status(s.brief) == "afgestemd"
    s.parafen()
    ok(s.besluit(1), 201)
    ok(s.besluit(2), 201)
    body = probleem(s.vaststellen(), 409)
    assert "IenW is niet akkoord" in body["detail"]
    # Only the bewindspersoon sets it aside, with a reden; 422 for nonsense; 409 for nothing to set aside.
    probleem(w.als(w.opsteller).post(f"/documenten/{s.brief['id']}/afwijkingen", json={"departement": "IenW", "reden": "x"}), 403)
    probleem(w.als(w.minister).post(f"/documenten/{s.brief['id']}/afwijkingen", json={"departement": "IenW"}), 422)
    probleem(w.als(w.minister).post(f"/documenten/{s.brief['id']}/afwijkingen", json={"departement": "XYZ", "reden": "x"}), 422)
    probleem(w.als(w.minister).post(f"/documenten/{s.brief['id']}/afwijkingen", json={"departement": "VRO", "reden": "x"}), 422)
    probleem(w.als(w.minister).post(f"/documenten/{s.brief['id']}/afwijkingen", json={"departement": "DEF", "reden": "x"}), 409)
    probleem(w.als(w.minister).post(f"/documenten/{s.nota['id']}/afwijkingen", json={"departement": "IenW", "reden": "x"}), 409)
    afwijking = ok(
        w.als(w.minister).post(
            f"/documenten/{s.brief['id']}/afwijkingen",
            json={"departement": "IenW", "reden": "De minister van IenW is telefonisch akkoord."},
        ),
        201,
    )
    assert {k: afwijking[k] for k in ("departement", "reden")} == {
        "departement": "IenW",
        "reden": "De minister van IenW is telefonisch akkoord.",
    }
    assert afwijking["door"] == w.minister.naam and afwijking["gebruiker"]["id"] == w.minister.id and afwijking["tijdstip"]
    assert ok(w.als(w.DEF).get(f"/documenten/{s.brief['id']}/afwijkingen"))[0]["id"] == afwijking["id"]
    # Shown with its reden in the nota's Proces van afstemming.
    tekst = _docx_tekst(ok_bytes(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/docx")))
    assert re.search(
        rf"Afwijking: {w.minister.naam} heeft op .*? het bezwaar van Infrastructuur en Waterstaat \(IenW\) terzijde gelegd\. "
        r"Reden: De minister van IenW is telefonisch akkoord\.",
        tekst,
    ), tekst
    assert ok(s.vaststellen())["status"] == "vastgesteld"


def test_nieuw_bezwaar_na_de_afwijking_telt_weer(w, s):
    ronde = w.ronde(s.brief, ("DEF", "IenW"))
    ok(w.oordeel(ronde, w.DEF), 201)
    ok(w.oordeel(ronde, w.IenW, "niet_akkoord"), 201)
    ok(w.als(w.minister).post(f"/documenten/{s.brief['id']}/afwijkingen", json={"departement": "IenW", "reden": "Door."}), 201)
    w.klok.verzet(minutes=1)
    ok(w.oordeel(ronde, w.IenW, "niet_akkoord", opmerkingen="Nog steeds niet."), 201)
    kan = ok(w.als(w.minister).get(f"/documenten/{s.brief['id']}/vaststellen"))
    assert any("IenW is niet akkoord" in b for b in kan["bezwaren"]), kan
    # IenW withdrawing its dissent (a later akkoord) resolves it.
    ok(w.oordeel(ronde, w.IenW), 201)
    kan = ok(w.als(w.minister).get(f"/documenten/{s.brief['id']}/vaststellen"))
    assert not any("IenW" in b for b in kan["bezwaren"]), kan


def test_mede_namens_zonder_akkoord_in_de_laatste_ronde(w):
    doc = w.document(parafenlijn=(), mede_namens=("DEF", "IenW"))
    ok(w.oordeel(w.ronde(doc, ("DEF", "IenW")), w.IenW), 201)
    ok(w.oordeel(w.ronde(doc, ("DEF",)), w.DEF), 201)  # IenW left out of the latest ronde
    body = probleem(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"), 409)
    assert "IenW (mede namens) heeft geen geldig akkoord gegeven in de laatste afstemmingsronde" in body["detail"]
    ok(
        w.als(w.minister).post(
            f"/documenten/{doc['id']}/afwijkingen", json={"departement": "IenW", "reden": "Akkoord in ronde 1."}
        ),
        201,
    )
    assert ok(w.als(w.minister).post(f"/documenten/{doc['id']}/vaststellen"))["status"] == "vastgesteld"


# --- the standalone beslisnota ------------------------------------------------------------------------


def test_beslisnota_zonder_brief_heeft_geen_ronde_nodig(w):
    # Mede namens on a nota asks nobody's akkoord: nobody is consulted on an internal document.
    nota = importeer(w.api, w.opsteller, BESLISNOTA_MD, parafenlijn="afdelingshoofd", mede_namens="DEF")
    assert nota["status"] == "afgestemd" and nota["gekoppeld_aan"] is None
    stukken = ok(w.als(w.opsteller).get(f"/documenten/{nota['id']}/stukken"))
    assert stukken["brief"] is None and stukken["hoofd"] == nota["id"]
    ok(w.paraaf(nota, w.afdelingshoofd), 201)
    assert w.status(nota) == "in_parafering"
    body = probleem(w.als(w.minister).post(f"/documenten/{nota['id']}/vaststellen"), 409)
    assert "beslispunten 1, 2" in body["detail"] and "afstemmingsronde" not in body["detail"] and "DEF" not in body["detail"]
    probleem(w.als(w.DEF).get(f"/documenten/{nota['id']}"), 404)
    for nummer in (1, 2):
        ok(w.als(w.minister).post(f"/documenten/{nota['id']}/beslispunten/{nummer}/besluit", json={"besluit": "akkoord"}), 201)
    assert ok(w.als(w.minister).post(f"/documenten/{nota['id']}/vaststellen"))["status"] == "vastgesteld"
    body = probleem(w.als(w.opsteller).post(f"/documenten/{nota['id']}/verzenden"), 409)
    assert "intern" in body["detail"]


# --- helpers -------------------------------------------------------------------------------------------


def ok_bytes(antwoord) -> bytes:
    assert antwoord.status_code == 200, antwoord.text[:500]
    return antwoord.content


def _docx_tekst(inhoud: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    alineas = ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)]
    tekst = " ".join(a for a in alineas if a.strip())
    return re.sub(r"\s+", " ", tekst.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'"))


# --- 3. decisions stay on record; nothing else does ---------------------------------------------------


def test_ingetrokken_en_afgewezen_draden_staan_niet_in_de_nota(w, s):
    """Only open, escalated and decided threads are NB points: a withdrawn or rejected one, or
    one the penvoerder adopted, is not (the decided one stays, as the record)."""
    sectie = s.brief["secties"][0]
    ingetrokken = w.voorstel(s.brief, sectie=sectie)
    ok(w.actie(ingetrokken, "intrekken"))
    afgewezen = ok(w.dien_in(s.brief, w.DEF, "Het Rijk", "De Staat", sectie=sectie), 201)
    ok(w.actie(afgewezen, "afwijzen"))
    besloten = ok(w.dien_in(s.brief, w.DEF, "De minister", "De bewindspersoon", sectie=sectie), 201)
    ok(w.actie(besloten, "escaleren"))
    ok(w.actie(besloten, "besluit", gekozen=besloten["id"]))
    tekst = _docx_tekst(ok_bytes(w.als(w.opsteller).get(f"/documenten/{s.nota['id']}/docx")))
    nb = re.findall(r"NB \d", tekst)
    assert nb == ["NB 1", "NB 2"], tekst  # the decided thread, then the draft's static NB point
    assert "De Staat" not in tekst and "werken nauw samen" not in tekst
    assert re.search(r"NB 1 Defensie heeft een tekstvoorstel gedaan waarover geen overeenstemming werd bereikt\.", tekst), tekst
    assert re.search(r"gekozen voor het tekstvoorstel van Defensie: De bewindspersoon", tekst), tekst
