"""Meldingen: which event may make work wait for whom, and what a termijn melding is due.

Every write appends an event to the document's log in its own transaction
(app.gebeurtenissen.service.bij_document). This table says, per kind of event, which groups
of people may now have new work in that document and of which kinds; what exactly waits is
then asked of Mijn werk (app.werk.service), the one place that knows it. So a melding is
never a second opinion on what waits: it is Mijn werk's answer, announced once.

An event kind that is not in the table announces nothing (new kinds from other parts of the
service are silent until they are added here; see docs/meldingen.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from workflow.werkdagen import werkdag_voor

# Which departments a group is drawn from.
BETROKKEN = "betrokken"  # every department that sees the document
PENVOERDER = "penvoerder"
# The departments of the document's latest ronde whose oordeel the text no longer matches.
OORDEEL_VERVALLEN = "oordeel_vervallen"
GENOEMD = "genoemd"  # the departments the event itself names (gegevens["departementen"])


@dataclass(frozen=True)
class Doelgroep:
    rol: str  # opsteller | afstemmer | parafeerder | bewindspersoon
    departementen: str  # BETROKKEN | PENVOERDER | OORDEEL_VERVALLEN | GENOEMD
    werk: frozenset[str]  # the Mijn werk kinds that may now wait for them


def _groep(rol: str, departementen: str, *werk: str) -> Doelgroep:
    return Doelgroep(rol, departementen, frozenset(werk))


_REAGEREN = (_groep("afstemmer", BETROKKEN, "reageren"), _groep("opsteller", PENVOERDER, "behandelen"))
# A text change voids the oordelen given on the text before: the departments are asked again.
_TEKST = (_groep("afstemmer", OORDEEL_VERVALLEN, "oordeel_geven"),)
# The last paraaf may leave the set ready to sign, or waiting only for the minister's besluiten
# on the nota's beslispunten (issue 12).
_KLAAR = _groep("bewindspersoon", PENVOERDER, "vaststellen", "beslispunten")
_PARAAF = (_groep("parafeerder", PENVOERDER, "paraferen"), _KLAAR)

TABEL: dict[str, tuple[Doelgroep, ...]] = {
    "tekstvoorstel_ingediend": _REAGEREN,
    "draad_geescaleerd": (_groep("bewindspersoon", PENVOERDER, "besluiten"),),
    "ronde_geopend": (_groep("afstemmer", GENOEMD, "oordeel_geven"),),
    "sectie_gewijzigd": _TEKST,
    "sectie_toegevoegd": _TEKST,
    "tekstvoorstel_overgenomen": _TEKST,
    "besluit_genomen": _TEKST,
    "geparafeerd": _PARAAF,
    # The set (issue 12): an afhankelijkheid waits for the penvoerder's opstellers; one fewer
    # afhankelijkheid, or dissent set aside, may leave the set ready for the minister.
    "afhankelijkheid_toegevoegd": (_groep("opsteller", PENVOERDER, "afhankelijkheid"),),
    "afhankelijkheid_vervuld": (_KLAAR,),
    "afhankelijkheid_vervallen": (_KLAAR,),
    "bezwaar_terzijde_gelegd": (_KLAAR,),
}


def doelgroepen(soort: str, gegevens: dict[str, object], documentstatus: str) -> tuple[Doelgroep, ...]:
    """Who may have new work in the document after event `soort` (with `gegevens`), given the
    document's status when the event was written."""
    if soort == "reactie_gegeven":
        # Akkoord or niet akkoord gives nobody new work; a tegenvoorstel is a new proposal.
        return _REAGEREN if gegevens.get("tegenvoorstel") else ()
    if soort == "documentstatus_gewijzigd":
        return _PARAAF if gegevens.get("naar") in ("afgestemd", "in_parafering") else ()
    if (
        soort in ("sectie_gewijzigd", "sectie_toegevoegd", "tekstvoorstel_overgenomen", "besluit_genomen")
        and documentstatus == "concept"
    ):
        return ()  # no ronde yet, so no oordeel to void
    return TABEL.get(soort, ())


# --- termijnen -----------------------------------------------------------------------------------

# Work whose termijn is announced one working day before and when it passed. (An escalation
# for the bewindspersoon is announced when it happens: its termijn has passed by nature.)
MET_TERMIJN = frozenset({"reageren", "oordeel_geven", "behandelen"})
# A termijn that passed longer ago than this is not announced any more (a worker that was down
# over a long weekend still catches up; a fresh installation does not mail about old history).
VERLOPEN_VENSTER = timedelta(days=7)


def termijnmelding(termijn: datetime, nu: datetime) -> str | None:
    """Which termijn melding is due at `nu`: "herinnering" from one working day before the
    termijn until it passes, "verlopen" once it passed (for a while), else None."""
    if termijn <= nu:
        return "verlopen" if nu - termijn <= VERLOPEN_VENSTER else None
    return "herinnering" if werkdag_voor(termijn) <= nu else None
