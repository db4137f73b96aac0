"""Every action a person takes, once: who may (the authorisation matrix), in which status (the
transition tables) and under which guards. `waarom_niet` answers "may this happen now, and if
not, why" in Dutch, or None.

The three parts stay where they are defined (workflow.autorisatie, workflow.statussen, and the
guards below); this table says which of them each action asks, in the order the API answers:
first who (403), then the status (409, naming what is allowed), then the guards (409). The
services raise the same answers; the web UI shows a button only when the answer is None, or
disabled with the reason when only a guard stands in the way (`Weigering.bewaking`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workflow.autorisatie import Actie, Actor, Context, reden_tegen
from workflow.statussen import (
    DOCUMENT,
    RONDE,
    TEKSTVOORSTEL,
    DocGebeurtenis,
    Machine,
    Overgang,
    RondeGebeurtenis,
    VoorstelGebeurtenis,
)


class Handeling(StrEnum):
    SECTIE_BEWERKEN = "sectie_bewerken"
    TEKSTVOORSTEL_INDIENEN = "tekstvoorstel_indienen"
    REAGEREN = "reageren"  # akkoord or niet akkoord on a proposal
    TEGENVOORSTEL = "tegenvoorstel"
    OVERNEMEN = "overnemen"
    AFWIJZEN = "afwijzen"
    INTREKKEN = "intrekken"
    ESCALEREN = "escaleren"
    BESLUITEN = "besluiten"
    RONDE_OPENEN = "ronde_openen"
    OORDEEL_GEVEN = "oordeel_geven"
    PARAFEREN = "paraferen"
    VASTSTELLEN = "vaststellen"
    VERZENDEN = "verzenden"
    STUK_KOPPELEN = "stuk_koppelen"
    BESLISPUNT_BESLUITEN = "beslispunt_besluiten"
    AFHANKELIJKHEID_BEHEREN = "afhankelijkheid_beheren"
    AFWIJKEN = "afwijken"


@dataclass(frozen=True)
class Rij:
    """What one action asks: the matrix entry, and the event of each table it moves."""

    recht: Actie
    document: DocGebeurtenis | None = None
    voorstel: VoorstelGebeurtenis | None = None
    ronde: RondeGebeurtenis | None = None


_H, _A, _D, _V = Handeling, Actie, DocGebeurtenis, VoorstelGebeurtenis

TABEL: Mapping[Handeling, Rij] = {
    _H.SECTIE_BEWERKEN: Rij(_A.SECTIE_BEWERKEN, _D.TEKST_WIJZIGEN),
    _H.TEKSTVOORSTEL_INDIENEN: Rij(_A.TEKSTVOORSTEL_INDIENEN, _D.TEKSTVOORSTEL_INDIENEN),
    _H.REAGEREN: Rij(_A.REAGEREN, _D.REAGEREN, _V.AKKOORD),
    _H.TEGENVOORSTEL: Rij(_A.REAGEREN, _D.REAGEREN, _V.TEGENVOORSTEL),
    _H.OVERNEMEN: Rij(_A.OVERNEMEN, _D.TEKST_WIJZIGEN, _V.OVERNEMEN),
    _H.AFWIJZEN: Rij(_A.AFWIJZEN, _D.REAGEREN, _V.AFWIJZEN),
    _H.INTREKKEN: Rij(_A.INTREKKEN, _D.REAGEREN, _V.INTREKKEN),
    _H.ESCALEREN: Rij(_A.ESCALEREN, _D.REAGEREN, _V.ESCALEREN),
    _H.BESLUITEN: Rij(_A.BESLUITEN, _D.TEKST_WIJZIGEN, _V.BESLUIT),
    _H.RONDE_OPENEN: Rij(_A.RONDE_OPENEN, _D.RONDE_OPENEN),
    _H.OORDEEL_GEVEN: Rij(_A.OORDEEL_GEVEN, _D.OORDEEL_GEVEN, ronde=RondeGebeurtenis.OORDEEL_GEVEN),
    _H.PARAFEREN: Rij(_A.PARAFEREN, _D.PARAFEREN),
    _H.VASTSTELLEN: Rij(_A.VASTSTELLEN, _D.VASTSTELLEN),
    _H.VERZENDEN: Rij(_A.VERZENDEN, _D.VERZENDEN),
    _H.STUK_KOPPELEN: Rij(_A.STUK_KOPPELEN, _D.STUK_KOPPELEN),
    _H.BESLISPUNT_BESLUITEN: Rij(_A.BESLISPUNT_BESLUITEN, _D.BESLISPUNT_BESLUITEN),
    _H.AFHANKELIJKHEID_BEHEREN: Rij(_A.AFHANKELIJKHEID_BEHEREN, _D.AFHANKELIJKHEID_BIJWERKEN),
    _H.AFWIJKEN: Rij(_A.AFWIJKEN, _D.AFWIJKEN),
}


@dataclass(frozen=True)
class Stand:
    """The state an action is asked in: the statuses of what it moves, and what its guards
    found (Dutch sentences, see the *_bezwaren functions below)."""

    document: str
    voorstel: str | None = None
    ronde: str | None = None
    bezwaren: tuple[str, ...] = ()


@dataclass(frozen=True)
class Weigering:
    status: int  # 403: not this person; 409: not now
    reden: str
    toegestaan: tuple[str, ...] = ()  # for a status refusal: what the table allows instead
    bewaking: bool = False  # refused by a guard only (the person and the status would do)


def _tabel(machine: Machine, status: str | None, gebeurtenis: str | None) -> Weigering | None:
    if gebeurtenis is None or status is None or machine.mag(status, gebeurtenis):
        return None
    fout = Overgang(machine.naam, status, gebeurtenis, machine.toegestaan(status))
    return Weigering(409, str(fout), tuple(fout.toegestaan))


def waarom_niet(handeling: Handeling, actor: Actor, ctx: Context, stand: Stand) -> Weigering | None:
    """None when `actor` may do `handeling` in `stand`, else the first refusal: who (403), then
    the document's, proposal's and ronde's status (409), then the guards (409)."""
    rij = TABEL[handeling]
    reden = reden_tegen(rij.recht, actor, ctx)
    if reden is not None:
        return Weigering(403, reden)
    for weigering in (
        _tabel(DOCUMENT, stand.document, rij.document),
        _tabel(TEKSTVOORSTEL, stand.voorstel, rij.voorstel),
        _tabel(RONDE, stand.ronde, rij.ronde),
    ):
        if weigering is not None:
            return weigering
    if stand.bezwaren:
        return Weigering(409, " ".join(stand.bezwaren), bewaking=True)
    return None


def wie_niet(handeling: Handeling, actor: Actor, ctx: Context) -> str | None:
    """Only the first part of `waarom_niet`: is this the right person (the 403), whatever the state."""
    return reden_tegen(TABEL[handeling].recht, actor, ctx)


# --- guards ---------------------------------------------------------------------------------------


def overnemen_bezwaren(open_bezwaren: Sequence[str], passage_actueel: bool) -> tuple[str, ...]:
    """Adopting waits for every objection on the thread to be resolved, and needs the passage
    to be still in the current text (otherwise the wording cannot be written into it)."""
    if open_bezwaren:
        return ("Overnemen kan niet zolang er een bezwaar openstaat: " + "; ".join(open_bezwaren) + ".",)
    if not passage_actueel:
        return ("De passage is sinds dit voorstel gewijzigd; het kan niet automatisch worden ingevoegd.",)
    return ()


def ronde_openen_bezwaren(soort: str) -> tuple[str, ...]:
    """A beslisnota is internal to the penvoerder: inviting other departments would show it to them."""
    if soort == "beslisnota":
        return (
            "Over een beslisnota wordt niet afgestemd: zij is intern voor de penvoerder. De afstemming gaat over de Kamerbrief.",
        )
    return ()


def volgend_niveau(parafenlijn: Sequence[str], geldig: Collection[str]) -> str | None:
    """The paraafniveau whose turn it is: the first of the parafenlijn without a valid paraaf."""
    return next((niveau for niveau in parafenlijn if niveau not in geldig), None)


def paraafniveau_bezwaar(niveau: str | None, parafenlijn: Sequence[str]) -> str | None:
    """A parafeerder initials only at a level of the document's parafenlijn (a 403)."""
    if niveau in parafenlijn:
        return None
    return f"Uw paraafniveau ({niveau}) staat niet in de parafenlijn van dit document ({', '.join(parafenlijn) or 'leeg'})."


def paraafbeurt_bezwaren(niveau: str | None, parafenlijn: Sequence[str], geldig: Collection[str]) -> tuple[str, ...]:
    """Parafen go in the order of the parafenlijn, one valid paraaf per level (409s)."""
    if niveau in geldig:
        return (f"Er staat al een geldige paraaf van niveau {niveau} op deze tekst.",)
    volgend = volgend_niveau(parafenlijn, geldig)
    if volgend != niveau:
        return (f"U bent nog niet aan de beurt: eerst parafeert niveau {volgend}.",)
    return ()
