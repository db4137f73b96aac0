"""The set's rules in the domain core (workflow/), tested as classes with generated inputs:
standing dissent and the afwijking, sethash and setstand, beslispunten parsing, the status order
afhankelijkheden are measured against, and the document table's set events."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from workflow import beslispunten as punten
from workflow import stukken
from workflow.statussen import (
    BEVROREN,
    DOCUMENT,
    Afstemmingsfeiten,
    DocGebeurtenis,
    DocStatus,
    OordeelFeit,
    afgeleide_documentstatus,
    ronde_nodig,
    standhoudend_bezwaar,
    vaststellen_bezwaren,
)

T0 = datetime(2025, 6, 10, 9, 0, tzinfo=UTC)
DEPS = ["DEF", "IenW", "EZ", "KGG"]
OORDELEN = ["akkoord", "akkoord_met_opmerkingen", "niet_akkoord"]

# --- standing dissent ------------------------------------------------------------------------------


@st.composite
def afstemming(draw):
    """Rondes 1..n with oordelen in time order; some departments mede namens; some afwijkingen."""
    rondes = draw(st.integers(1, 4))
    feiten, minuut = [], 0
    for ronde in range(1, rondes + 1):
        for dep in draw(st.lists(st.sampled_from(DEPS), max_size=6)):
            minuut += draw(st.integers(1, 30))
            feiten.append(
                OordeelFeit(
                    dep, draw(st.sampled_from(OORDELEN)), T0 + timedelta(minutes=minuut), len(feiten), ronde, draw(st.booleans())
                )
            )
    mede = draw(st.lists(st.sampled_from(DEPS), unique=True, max_size=3))
    afwijkingen = {
        dep: T0 + timedelta(minutes=draw(st.integers(0, minuut + 10)))
        for dep in draw(st.lists(st.sampled_from(DEPS), unique=True, max_size=2))
    }
    return feiten, rondes, mede, afwijkingen


def _verwacht(feiten, laatste_ronde, mede, afwijkingen) -> set[str]:
    """docs/api.md written out: last oordeel over all rondes niet_akkoord, or mede namens without a
    valid akkoord in the latest ronde; unless set aside at or after that last oordeel."""
    laatste = {}
    for f in feiten:
        laatste[f.departement] = f
    uit = set()
    for dep in DEPS:
        f = laatste.get(dep)
        weg = dep in afwijkingen and (f is None or afwijkingen[dep] >= f.tijdstip)
        if weg:
            continue
        if f is not None and f.oordeel == "niet_akkoord":
            uit.add(dep)
        elif dep in mede and not (f is not None and f.ronde == laatste_ronde and f.geldig and f.oordeel != "niet_akkoord"):
            uit.add(dep)
    return uit


@given(afstemming())
@settings(max_examples=300, deadline=None)
def test_standhoudend_bezwaar_volgt_api_md(geval):
    feiten, rondes, mede, afwijkingen = geval
    uit = standhoudend_bezwaar(oordelen=feiten, laatste_ronde=rondes, mede_namens=mede, penvoerder="VRO", afwijkingen=afwijkingen)
    assert {d.departement for d in uit} == _verwacht(feiten, rondes, mede, afwijkingen)
    assert len(uit) == len({d.departement for d in uit})  # one line per department
    for d in uit:
        assert d.departement in d.tekst


@given(afstemming(), st.lists(st.sampled_from(DEPS), max_size=4))
@settings(max_examples=300, deadline=None)
def test_een_nieuwe_ronde_zonder_het_departement_laat_het_bezwaar_staan(geval, anderen):
    """The class of issue 12 item 5: whatever happens in a new ronde that leaves D out, D's
    niet akkoord stands (only D itself, or an afwijking, removes it)."""
    feiten, rondes, mede, afwijkingen = geval
    voor = {
        d.departement
        for d in standhoudend_bezwaar(
            oordelen=feiten, laatste_ronde=rondes, mede_namens=mede, penvoerder="VRO", afwijkingen=afwijkingen
        )
    }
    laatst = max((f.tijdstip for f in feiten), default=T0)
    for dep in voor:
        extra = [
            OordeelFeit(a, "akkoord", laatst + timedelta(minutes=i + 1), len(feiten) + i, rondes + 1, True)
            for i, a in enumerate(x for x in anderen if x != dep)
        ]
        na = standhoudend_bezwaar(
            oordelen=feiten + extra, laatste_ronde=rondes + 1, mede_namens=mede, penvoerder="VRO", afwijkingen=afwijkingen
        )
        assert dep in {d.departement for d in na}


def test_penvoerder_telt_niet_als_mede_namens():
    assert standhoudend_bezwaar(oordelen=[], laatste_ronde=None, mede_namens=["VRO"], penvoerder="VRO", afwijkingen={}) == []


def test_vaststellen_bezwaren_noemt_alles_wat_nog_open_staat():
    bezwaren = vaststellen_bezwaren(
        ronde_status="afgerond",
        open_draden=0,
        ontbrekende_parafen=[],
        afwijkend=["IenW is niet akkoord"],
        open_beslispunten=["beslispunt 2 van beslisnota 5 heeft nog geen besluit"],
        open_afhankelijkheden=["De MIRT-brief volgt."],
        leden_met_open_draden=["bijlage 7"],
    )
    assert bezwaren == [
        "op bijlage 7 staan nog tekstvoorstellen open",
        "IenW is niet akkoord",
        "beslispunt 2 van beslisnota 5 heeft nog geen besluit",
        "afhankelijkheid nog open: ‘De MIRT-brief volgt.’",
    ]
    assert vaststellen_bezwaren(ronde_status=None, open_draden=0, ontbrekende_parafen=[], ronde_nodig=False) == []


# --- sethash and setstand ----------------------------------------------------------------------------

leden_st = st.dictionaries(
    st.integers(1, 10_000), st.text(alphabet="0123456789abcdef", min_size=8, max_size=8), min_size=1, max_size=6
)


@given(leden_st, st.randoms())
def test_sethash_is_de_hash_over_id_en_inhoudshash_in_id_volgorde(leden, toeval):
    paren = list(leden.items())
    toeval.shuffle(paren)
    verwacht = (
        "sha256:"
        + hashlib.sha256(json.dumps([[i, h] for i, h in sorted(leden.items())], separators=(",", ":")).encode()).hexdigest()
    )
    assert stukken.sethash(paren) == verwacht


@given(leden_st, st.data())
def test_sethash_en_setstand_veranderen_met_elk_lid(leden, data):
    gekozen = data.draw(st.sampled_from(sorted(leden)))
    anders = {**leden, gekozen: leden[gekozen][::-1] + "x"}
    assert stukken.sethash(anders.items()) != stukken.sethash(leden.items())
    erbij = {**leden, max(leden) + 1: "ffffffff"}
    assert stukken.sethash(erbij.items()) != stukken.sethash(leden.items())
    revisies = {i: data.draw(st.integers(1, 50)) for i in leden}
    hoger = {**revisies, gekozen: revisies[gekozen] + 1}
    assert stukken.setstand(hoger.items()) != stukken.setstand(revisies.items())
    assert stukken.setstand({**revisies, max(leden) + 1: 1}.items()) != stukken.setstand(revisies.items())


# --- the status order ----------------------------------------------------------------------------------


def test_bereikt_is_de_levenscyclus_van_api_md():
    assert list(stukken.STATUSVOLGORDE) == ["concept", "in_afstemming", "afgestemd", "in_parafering", "vastgesteld", "verzonden"]
    for i, vereist in enumerate(stukken.STATUSVOLGORDE):
        assert [s for s in stukken.STATUSVOLGORDE if stukken.bereikt(s, vereist)] == list(stukken.STATUSVOLGORDE[i:])


@given(
    st.sampled_from(["open", "vervuld", "vervallen"]),
    st.sampled_from([None, *stukken.STATUSVOLGORDE]),
    st.sampled_from(stukken.STATUSVOLGORDE),
    st.booleans(),
)
def test_afhankelijkheid_status(opgeslagen, doel, vereist, bevroren):
    status = stukken.afhankelijkheid_status(opgeslagen=opgeslagen, doel_status=doel, vereiste_status=vereist, bevroren=bevroren)
    if opgeslagen != "open" or bevroren or doel is None:
        assert status == opgeslagen
    else:
        assert status == ("vervuld" if stukken.bereikt(doel, vereist) else "open")


def test_koppelregels():
    assert stukken.koppel_bezwaar(soort="beslisnota", doel_soort="kamerbrief", doel_gekoppeld=False) is None
    assert stukken.koppel_bezwaar(soort="bijlage", doel_soort="kamerbrief", doel_gekoppeld=False) is None
    assert stukken.koppel_bezwaar(soort="kamerbrief", doel_soort="kamerbrief", doel_gekoppeld=False)
    assert stukken.koppel_bezwaar(soort="bijlage", doel_soort="beslisnota", doel_gekoppeld=False)
    assert stukken.koppel_bezwaar(soort="bijlage", doel_soort="kamerbrief", doel_gekoppeld=True)


# --- beslispunten ------------------------------------------------------------------------------------------

woord = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëü’", min_size=1, max_size=8)
zin = st.lists(woord, min_size=1, max_size=8).map(" ".join)


@given(
    st.lists(st.tuples(zin, st.lists(zin, max_size=2), st.booleans()), min_size=0, max_size=6),
    st.sampled_from(["-", "•", "1."]),
    zin,
)
def test_beslispunten_zijn_de_buitenste_lijstitems(items, teken, inleiding):
    regels = [inleiding, ""]
    for tekst, genest, witregel in items:
        regels.append(f"{teken} {tekst}")
        regels.extend(f"  - {g}" for g in genest)
        if witregel:
            regels.append("")
    gevonden = punten.uit_tekst("\n".join(regels))
    assert [(p.nummer, p.tekst) for p in gevonden] == [(i, t) for i, (t, _, _) in enumerate(items, start=1)]


def test_beslispunten_uit_de_sectie_met_de_vraag():
    secties = [
        ("Aanleiding", "- Geen punt."),
        (
            "Aan de minister van VRO wordt gevraagd:",
            "- In te stemmen met **ondertekening**^[Zie bijlage.] en verzending.\n- Kennis te nemen van B.",
        ),
        ("Aan de minister wordt gevraagd", "- Een tweede sectie telt niet."),
    ]
    assert [(p.nummer, p.tekst) for p in punten.uit_secties(secties)] == [
        (1, "In te stemmen met ondertekening en verzending."),
        (2, "Kennis te nemen van B."),
    ]
    for kop in (
        "Aan de minister wordt gevraagd",
        "aan de staatssecretaris wordt  gevraagd:",
        "Aan de ministers van IenW en VRO wordt gevraagd",
    ):
        assert punten.is_vraagkop(kop), kop
    for kop in (None, "", "Geadviseerd besluit", "Kern", "Wat aan de minister wordt gevraagd", "Aan de minister gevraagd"):
        assert not punten.is_vraagkop(kop), kop
    assert punten.geldig_besluit("In te  stemmen\nmet A.", "In te stemmen met A.")
    assert not punten.geldig_besluit("In te stemmen met A.", "In te stemmen met B.")


# --- the document table's set events ----------------------------------------------------------------------

SET_EVENTS = [
    DocGebeurtenis.STUK_KOPPELEN,
    DocGebeurtenis.BESLISPUNT_BESLUITEN,
    DocGebeurtenis.AFHANKELIJKHEID_BIJWERKEN,
    DocGebeurtenis.AFWIJKEN,
]


def test_set_gebeurtenissen_in_de_documenttabel():
    for status in DocStatus:
        for g in SET_EVENTS:
            assert DOCUMENT.mag(status, g) == (status not in BEVROREN), (status, g)
        # A member is signed by its letter's vaststelling, from whatever status it had.
        if status in BEVROREN:
            assert not DOCUMENT.mag(status, DocGebeurtenis.VASTSTELLEN_MET_BRIEF)
        else:
            assert DOCUMENT.volgende(status, DocGebeurtenis.VASTSTELLEN_MET_BRIEF) == DocStatus.VASTGESTELD


def test_beslisnota_zonder_brief_heeft_geen_ronde_nodig():
    assert ronde_nodig("kamerbrief", False) and ronde_nodig("bijlage", False)
    assert ronde_nodig("beslisnota", True) and ronde_nodig("bijlage", True)
    assert not ronde_nodig("beslisnota", False)
    zonder = Afstemmingsfeiten(False, False, 0, 0, ronde_nodig=False)
    assert afgeleide_documentstatus("concept", zonder) == "afgestemd"
    assert afgeleide_documentstatus("afgestemd", Afstemmingsfeiten(False, False, 0, 1, ronde_nodig=False)) == "in_parafering"
    assert afgeleide_documentstatus("afgestemd", Afstemmingsfeiten(False, False, 1, 0, ronde_nodig=False)) == "in_afstemming"
    assert afgeleide_documentstatus("concept", Afstemmingsfeiten(False, False, 0, 0)) == "concept"
