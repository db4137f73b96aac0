"""workflow.handelingen on its own: one row per action, and `waarom_niet` answers who (403)
before when (409, the transition tables) before the guards (409), for every action x role x
status. The page-and-API walk is tests/web/test_handelingen_web.py."""

from __future__ import annotations

import pytest

from workflow import handelingen
from workflow.autorisatie import Actor, Context, reden_tegen
from workflow.handelingen import TABEL, Handeling, Stand, waarom_niet
from workflow.statussen import DOCUMENT, RONDE, TEKSTVOORSTEL, DocStatus, RondeStatus, VoorstelStatus

ACTOREN = {
    "opsteller": Actor(1, "VRO", frozenset({"opsteller"})),
    "bewindspersoon": Actor(2, "VRO", frozenset({"bewindspersoon"})),
    "parafeerder": Actor(3, "VRO", frozenset({"parafeerder"}), paraafniveau="dg"),
    "afstemmer_def": Actor(4, "DEF", frozenset({"afstemmer"})),
    "afstemmer_ienw": Actor(5, "IenW", frozenset({"afstemmer"})),
    "opsteller_ez": Actor(6, "EZ", frozenset({"opsteller"})),
}
CTX = Context(
    penvoerder="VRO",
    betrokken=frozenset({"VRO", "DEF", "IenW"}),
    indiener_departement="DEF",
    uitgenodigd=frozenset({"DEF", "IenW"}),
)


def test_elke_handeling_heeft_een_rij():
    assert set(TABEL) == set(Handeling)


@pytest.mark.parametrize("handeling", list(Handeling))
@pytest.mark.parametrize("rol", list(ACTOREN))
@pytest.mark.parametrize("document", list(DocStatus))
@pytest.mark.parametrize("voorstel", [VoorstelStatus.INGEDIEND, VoorstelStatus.GEESCALEERD, VoorstelStatus.OVERGENOMEN])
def test_wie_dan_wanneer_dan_bewaking(handeling, rol, document, voorstel):
    rij, actor = TABEL[handeling], ACTOREN[rol]
    stand = Stand(document, voorstel, RondeStatus.OPEN, bezwaren=("Een bewaking.",))
    antwoord = waarom_niet(handeling, actor, CTX, stand)
    wie = reden_tegen(rij.recht, actor, CTX)
    tabellen_ok = (
        (rij.document is None or DOCUMENT.mag(document, rij.document))
        and (rij.voorstel is None or TEKSTVOORSTEL.mag(voorstel, rij.voorstel))
        and (rij.ronde is None or RONDE.mag(RondeStatus.OPEN, rij.ronde))
    )
    if wie is not None:
        assert (antwoord.status, antwoord.reden, antwoord.bewaking) == (403, wie, False)
    elif not tabellen_ok:
        assert antwoord.status == 409 and not antwoord.bewaking and "kan dan niet" in antwoord.reden
    else:
        assert (antwoord.status, antwoord.reden, antwoord.bewaking) == (409, "Een bewaking.", True)
        assert waarom_niet(handeling, actor, CTX, Stand(document, voorstel, RondeStatus.OPEN)) is None
    assert handelingen.wie_niet(handeling, actor, CTX) == wie


@pytest.mark.parametrize(
    ("niveau", "geldig", "verwacht"),
    [
        ("afdelingshoofd", set(), ()),
        ("directeur", set(), ("U bent nog niet aan de beurt: eerst parafeert niveau afdelingshoofd.",)),
        ("directeur", {"afdelingshoofd"}, ()),
        ("afdelingshoofd", {"afdelingshoofd"}, ("Er staat al een geldige paraaf van niveau afdelingshoofd op deze tekst.",)),
    ],
)
def test_paraafbeurt_volgt_de_parafenlijn(niveau, geldig, verwacht):
    assert handelingen.paraafbeurt_bezwaren(niveau, ["afdelingshoofd", "directeur"], geldig) == verwacht


def test_overnemen_wacht_op_bezwaren_dan_op_de_passage():
    assert handelingen.overnemen_bezwaren(["DEF is niet akkoord"], False)[0].startswith("Overnemen kan niet zolang")
    assert "gewijzigd" in handelingen.overnemen_bezwaren([], False)[0]
    assert handelingen.overnemen_bezwaren([], True) == ()
