"""Issue 16, item 1: cached representations are never stale, and a 304 goes only to a reader.

app/representatie.py keeps a document's JSON, a section's JSON and the renders (/docx, /html)
under the data they are made from. The property tested here, after every kind of write (text
edits, sections added, proposals filed, countered, adopted, rejected, escalated and decided,
rondes and oordelen, parafen, afhankelijkheden, beslispunten, time passing a termijn, a new
user changing the Woo context): for every reader and representation,

- the answer with the cache equals the answer built from scratch (the cache emptied), body
  and ETag alike: so neither the body nor the ETag is ever stale;
- the ETag changes exactly when the body does, and `If-None-Match` with the previous ETag is
  304 exactly when the body did not change;
- a caller who may not read (a revoked token, another department, an internal nota) gets
  401/404/403 even when sending the current ETag: authorisation runs before the 304.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import representatie
from tests.conftest import BESLISNOTA_MD, importeer
from tests.helpers_afstemming import Wereld

pytestmark = pytest.mark.usefixtures("backend")


class Stel:
    """A VRO letter (mede namens DEF, IenW invited) with its beslisnota, and the writes on it."""

    def __init__(self, w: Wereld):
        self.w = w
        self.brief = w.document(parafenlijn=("afdelingshoofd",), mede_namens=("DEF",))
        self.nota = importeer(w.api, w.opsteller, BESLISNOTA_MD, gekoppeld_aan=str(self.brief["id"]))
        self.ronde = None
        self.voorstellen: list[int] = []
        self.teller = 0

    def paden(self) -> list[str]:
        b, n = self.brief["id"], self.nota["id"]
        sectie = self.w.lees(self.brief)["secties"][0]["id"]
        return [
            f"/documenten/{b}",
            f"/documenten/{b}/secties/{sectie}",
            f"/documenten/{n}",
            f"/documenten/{b}/html",
            f"/documenten/{b}/docx?variant=woo",
            f"/documenten/{n}/html",
            f"/documenten/{n}/docx",
        ]

    def lezers(self):
        return [self.w.opsteller, self.w.DEF, self.w.minister]

    # --- the writes: each may be refused (4xx) in the state it meets; a 500 never passes -----

    def bewerk(self):
        self.teller += 1
        sectie = self.w.lees(self.brief)["secties"][0]
        tekst = sectie["tekst"].replace("Gemeenten", f"Gemeenten ({self.teller})", 1)
        return self.w.wijzig(self.brief, tekst, sectie=sectie)

    def sectie_erbij(self):
        self.teller += 1
        return self.w.als(self.w.opsteller).post(
            f"/documenten/{self.brief['id']}/secties", json={"kop": f"Nieuw {self.teller}", "tekst": "Een alinea."}
        )

    def nota_bewerken(self):
        self.teller += 1
        sectie = self.w.lees(self.nota)["secties"][0]
        return self.w.als(self.w.opsteller).put(
            f"/documenten/{self.nota['id']}/secties/{sectie['id']}",
            json={"tekst": sectie["tekst"] + f" Aanvulling {self.teller}.", "basisversie": sectie["versie"]},
        )

    def ronde_open(self):
        r = self.w.als(self.w.opsteller).post(
            f"/documenten/{self.brief['id']}/afstemmingsrondes",
            json={"departementen": ["DEF", "IenW"], "termijn": _over(self.w, days=2)},
        )
        if r.status_code == 201:
            self.ronde = r.json()["id"]
        return r

    def oordeel(self, wie: str, oordeel: str):
        if self.ronde is None:
            return None
        return self.w.oordeel(self.ronde, getattr(self.w, wie), oordeel)

    def voorstel(self):
        brief = self.w.lees(self.brief)
        sectie = brief["secties"][0]
        self.teller += 1
        r = self.w.dien_in(
            brief, self.w.DEF, "Gemeenten", f"Gemeenten en provincies {self.teller}", sectie=sectie,
            reactietermijn=_over(self.w, days=1),
        )  # fmt: skip
        if r.status_code == 201:
            self.voorstellen.append(r.json()["id"])
        return r

    def op_voorstel(self, naam: str, **body):
        if not self.voorstellen:
            return None
        vid = self.voorstellen[-1]
        if naam == "tegenvoorstel":
            return self.w.reageer(vid, self.w.IenW, "tegenvoorstel", voorgesteld="Gemeenten en waterschappen")
        if naam == "niet_akkoord":
            return self.w.reageer(vid, self.w.IenW, "niet_akkoord", toelichting="Liever niet.")
        return self.w.actie(vid, naam, **body)

    def paraaf(self):
        return self.w.paraaf(self.brief, self.w.afdelingshoofd)

    def beslispunt(self):
        return self.w.als(self.w.minister).post(
            f"/documenten/{self.nota['id']}/beslispunten/1/besluit", json={"besluit": "akkoord"}
        )

    def afhankelijkheid(self):
        self.teller += 1
        return self.w.als(self.w.opsteller).post(
            f"/documenten/{self.brief['id']}/afhankelijkheden", json={"omschrijving": f"Eerst stap {self.teller}."}
        )

    def tijd(self):
        self.w.klok.verzet(days=3)  # past every reactietermijn and ronde termijn set above
        return None

    def nieuwe_ambtenaar(self):
        # Changes the Woo context (whose names the publication version withholds).
        self.teller += 1
        self.w.api.gebruiker("VRO", "afstemmer", naam=f"Ambtenaar Nummer{self.teller} Jansen")
        return None


def _over(w: Wereld, **delta) -> str:
    from tests.helpers_afstemming import over

    return over(w.klok, **delta)


SCHRIJVEN = {
    "bewerk": lambda s: s.bewerk(),
    "sectie_erbij": lambda s: s.sectie_erbij(),
    "nota_bewerken": lambda s: s.nota_bewerken(),
    "ronde_open": lambda s: s.ronde_open(),
    "oordeel_def_akkoord": lambda s: s.oordeel("DEF", "akkoord"),
    "oordeel_ienw_niet_akkoord": lambda s: s.oordeel("IenW", "niet_akkoord"),
    "voorstel": lambda s: s.voorstel(),
    "tegenvoorstel": lambda s: s.op_voorstel("tegenvoorstel"),
    "niet_akkoord": lambda s: s.op_voorstel("niet_akkoord"),
    "overnemen": lambda s: s.op_voorstel("overnemen"),
    "afwijzen": lambda s: s.op_voorstel("afwijzen", toelichting="Nee."),
    "escaleren": lambda s: s.op_voorstel("escaleren"),
    "besluit": lambda s: s.op_voorstel("besluit"),
    "intrekken": lambda s: s.op_voorstel("intrekken"),
    "paraaf": lambda s: s.paraaf(),
    "beslispunt": lambda s: s.beslispunt(),
    "afhankelijkheid": lambda s: s.afhankelijkheid(),
    "tijd": lambda s: s.tijd(),
    "nieuwe_ambtenaar": lambda s: s.nieuwe_ambtenaar(),
}


def _lees(s: Stel, wie, pad: str, etag: str | None = None):
    kop = {"If-None-Match": etag} if etag else {}
    return s.w.als(wie).get(pad, headers=kop)


def _controleer(s: Stel, vorige: dict) -> dict:
    """Every reader, every representation: the answers with the cache as the previous writes
    left it equal the answers built from scratch; 304 exactly when nothing changed."""
    gevraagd = [(wie, pad) for wie in s.lezers() for pad in s.paden()]
    uit_cache = [_lees(s, wie, pad) for wie, pad in gevraagd]
    representatie.cache.leeg()
    vers = [_lees(s, wie, pad) for wie, pad in gevraagd]
    nu = {}
    for (wie, pad), r, v in zip(gevraagd, uit_cache, vers, strict=True):
        assert r.status_code == v.status_code, (pad, r.status_code, v.status_code)
        assert r.status_code < 500, (pad, r.text[:500])
        if r.status_code != 200:
            continue
        assert r.content == v.content, f"{pad}: het antwoord uit de cache wijkt af van een vers antwoord"
        assert r.headers["etag"] == v.headers["etag"] == representatie.etag(r.content), pad
        assert r.headers["cache-control"] == "no-store", pad
        sleutel = (wie.token, pad)
        if sleutel in vorige:
            oud_etag, oud_inhoud = vorige[sleutel]
            voorwaardelijk = _lees(s, wie, pad, oud_etag)
            if oud_inhoud == r.content:
                assert voorwaardelijk.status_code == 304 and voorwaardelijk.content == b"", pad
                assert voorwaardelijk.headers["etag"] == oud_etag
            else:
                assert r.headers["etag"] != oud_etag, f"{pad}: ander antwoord, zelfde ETag"
                assert voorwaardelijk.status_code == 200 and voorwaardelijk.content == r.content, pad
        nu[sleutel] = (r.headers["etag"], r.content)
    return nu


@pytest.fixture
def stel(api, klok) -> Stel:
    return Stel(Wereld(api, klok))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(SCHRIJVEN)), min_size=3, max_size=7))
def test_na_elke_schrijfactie_nooit_een_verouderd_antwoord(stel, schrijfacties):
    vorige = _controleer(stel, {})
    for naam in schrijfacties:
        r = SCHRIJVEN[naam](stel)
        assert r is None or r.status_code < 500, (naam, r.text[:500])
        vorige = _controleer(stel, vorige)


def test_elke_soort_schrijfactie_in_een_vaste_volgorde(stel):
    """The same check along one sequence that reaches every kind of write in a state where it
    is accepted (the Hypothesis test samples; this one guarantees coverage)."""
    vorige = _controleer(stel, {})
    geaccepteerd = set()
    for naam in [
        "bewerk", "sectie_erbij", "nota_bewerken", "ronde_open", "voorstel", "overnemen", "voorstel",
        "tegenvoorstel", "afwijzen", "voorstel", "intrekken", "afhankelijkheid", "oordeel_ienw_niet_akkoord",
        "voorstel", "niet_akkoord", "escaleren", "besluit", "tijd", "nieuwe_ambtenaar", "ronde_open",
        "oordeel_def_akkoord", "beslispunt", "paraaf",
    ]:  # fmt: skip
        r = SCHRIJVEN[naam](stel)
        assert r is None or r.status_code < 500, (naam, r.text[:500])
        if r is None or r.status_code < 300:
            geaccepteerd.add(naam)

        vorige = _controleer(stel, vorige)
    assert geaccepteerd == set(SCHRIJVEN), set(SCHRIJVEN) - geaccepteerd


def test_een_304_alleen_voor_wie_mag_lezen(stel, api):
    w = stel.w
    b, n = stel.brief["id"], stel.nota["id"]
    wegwerp = api.gebruiker("DEF", "afstemmer")
    r = w.als(wegwerp).get(f"/documenten/{b}")
    etag = r.headers["etag"]
    assert w.als(wegwerp).get(f"/documenten/{b}", headers={"If-None-Match": etag}).status_code == 304
    # A revoked token is 401 at once, the ETag notwithstanding.
    assert api.beheerder.delete(f"/gebruikers/{wegwerp.id}/token").status_code in (200, 204)
    assert w.als(wegwerp).get(f"/documenten/{b}", headers={"If-None-Match": etag}).status_code == 401
    # Another department knows the ETag (the bytes are the same for every reader): still 404/403.
    nota = w.als(w.opsteller).get(f"/documenten/{n}")
    for pad, tag in ((f"/documenten/{b}", etag), (f"/documenten/{n}", nota.headers["etag"])):
        for wie in (w.EZ,):
            assert w.als(wie).get(pad, headers={"If-None-Match": tag}).status_code in (403, 404)
    # The nota is internal to VRO: DEF, reader of the letter, gets 404 with the nota's ETag.
    assert w.als(w.DEF).get(f"/documenten/{n}", headers={"If-None-Match": nota.headers["etag"]}).status_code == 404
    for pad in (f"/documenten/{n}/html", f"/documenten/{n}/docx"):
        tag = w.als(w.opsteller).get(pad).headers["etag"]
        assert w.als(w.DEF).get(pad, headers={"If-None-Match": tag}).status_code == 404
        assert w.als(w.opsteller).get(pad, headers={"If-None-Match": tag}).status_code == 304
