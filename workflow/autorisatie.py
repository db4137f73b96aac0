"""Who may do what: the authorisation matrix (role x department x action), in one place.

The API and the web UI both ask `reden_tegen(actie, actor, context)`; None means allowed,
otherwise the Dutch reason for the 403. Turn order for parafen and status rules live in the
transition tables; this module only answers "is this person, in this role, the right one?".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from workflow.labels import Gelabeld


class Rol(Gelabeld):
    OPSTELLER = "opsteller"
    AFSTEMMER = "afstemmer"
    PARAFEERDER = "parafeerder"
    BEWINDSPERSOON = "bewindspersoon"
    BEHEERDER = "beheerder"


class Actie(StrEnum):
    GEBRUIKERS_BEHEREN = "gebruikers_beheren"
    DOCUMENT_AANMAKEN = "document_aanmaken"
    DOCUMENT_LEZEN = "document_lezen"
    SECTIE_BEWERKEN = "sectie_bewerken"
    TEKSTVOORSTEL_INDIENEN = "tekstvoorstel_indienen"
    REAGEREN = "reageren"
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
    RETOUR_INDIENEN = "retour_indienen"
    WOO_PAKKET = "woo_pakket"
    STUK_KOPPELEN = "stuk_koppelen"
    AFHANKELIJKHEID_BEHEREN = "afhankelijkheid_beheren"
    BESLISPUNT_BESLUITEN = "beslispunt_besluiten"
    AFWIJKEN = "afwijken"


@dataclass(frozen=True)
class Actor:
    id: int
    departement: str
    rollen: frozenset[str]
    paraafniveau: str | None = None

    def heeft(self, rol: Rol) -> bool:
        return rol.value in self.rollen


@dataclass(frozen=True)
class Context:
    """What the decision depends on. Only the fields an action needs are filled in."""

    penvoerder: str | None = None
    # Departments that see the document: penvoerder, mede namens, and those invited to a ronde.
    betrokken: frozenset[str] = field(default_factory=frozenset)
    # For reactions and withdrawals: who filed the proposal reacted to.
    indiener_departement: str | None = None
    # For oordelen: the departments invited to the ronde.
    uitgenodigd: frozenset[str] = field(default_factory=frozenset)
    # For document creation: the requested penvoerder.
    gevraagde_penvoerder: str | None = None
    # An internal document (a beslisnota): it exists only for its penvoerder's people.
    intern: bool = False


def _penvoerder_rol(actor: Actor, ctx: Context, rol: Rol, wie: str) -> str | None:
    if not actor.heeft(rol):
        return f"Alleen {wie} mag dit."
    if actor.departement != ctx.penvoerder:
        return f"Alleen {wie} van de penvoerder ({ctx.penvoerder}) mag dit; u bent van {actor.departement}."
    return None


def ziet(departement: str, ctx: Context) -> bool:
    """Does `departement` see the document at all? A beslisnota is internal to the penvoerder
    (docs/api.md, Stukken) whoever else was ever involved; any other document is seen by the
    departments involved in it."""
    if ctx.intern:
        return departement == ctx.penvoerder
    return departement in ctx.betrokken


def verborgen(actor: Actor, ctx: Context) -> bool:
    """A document that does not exist for `actor`: an internal one of another department.
    Its routes answer 404 (not 403), and lists leave it out."""
    return ctx.intern and actor.departement != ctx.penvoerder


def _lezen(actor: Actor, ctx: Context) -> str | None:
    if ziet(actor.departement, ctx):
        return None
    if ctx.intern:
        return f"Deze beslisnota is intern voor {ctx.penvoerder}."
    return f"Uw departement ({actor.departement}) is niet betrokken bij dit document."


def _aanmaken(actor: Actor, ctx: Context) -> str | None:
    if not actor.heeft(Rol.OPSTELLER):
        return "Alleen een opsteller mag een document aanmaken."
    if ctx.gevraagde_penvoerder is not None and actor.departement != ctx.gevraagde_penvoerder:
        return f"Een opsteller van {actor.departement} kan geen document aanmaken met {ctx.gevraagde_penvoerder} als penvoerder."
    return None


def _indienen(actor: Actor, ctx: Context) -> str | None:
    if not (actor.heeft(Rol.AFSTEMMER) or actor.heeft(Rol.OPSTELLER)):
        return "Alleen een afstemmer of opsteller mag een tekstvoorstel indienen."
    if actor.heeft(Rol.OPSTELLER) and not actor.heeft(Rol.AFSTEMMER) and actor.departement != ctx.penvoerder:
        return "Alleen opstellers van de penvoerder mogen als opsteller tekstvoorstellen indienen."
    return _lezen(actor, ctx)


def _reageren(actor: Actor, ctx: Context) -> str | None:
    if not actor.heeft(Rol.AFSTEMMER):
        return "Alleen een afstemmer mag reageren op een tekstvoorstel."
    if actor.departement == ctx.indiener_departement:
        return "U kunt niet reageren op een tekstvoorstel van uw eigen departement."
    return _lezen(actor, ctx)


def _intrekken(actor: Actor, ctx: Context) -> str | None:
    if actor.departement != ctx.indiener_departement or not (actor.heeft(Rol.AFSTEMMER) or actor.heeft(Rol.OPSTELLER)):
        return "Alleen de indiener (of een collega-afstemmer van hetzelfde departement) mag dit voorstel intrekken."
    return None


def _oordelen(actor: Actor, ctx: Context) -> str | None:
    if not actor.heeft(Rol.AFSTEMMER):
        return "Alleen een afstemmer mag een oordeel geven."
    if actor.departement not in ctx.uitgenodigd:
        return f"{actor.departement} is niet uitgenodigd voor deze afstemmingsronde."
    return None


def _paraferen(actor: Actor, ctx: Context) -> str | None:
    if not actor.heeft(Rol.PARAFEERDER) or not actor.paraafniveau:
        return "Alleen een parafeerder met een paraafniveau mag paraferen."
    if actor.departement != ctx.penvoerder:
        return f"Alleen parafeerders van de penvoerder ({ctx.penvoerder}) paraferen dit document."
    return None


def _retour(actor: Actor, ctx: Context) -> str | None:
    """A returned Word file: an afstemmer of a department invited to one of the document's
    rondes (for that department), or an opsteller of the penvoerder."""
    if actor.heeft(Rol.OPSTELLER) and actor.departement == ctx.penvoerder:
        return None
    if actor.heeft(Rol.AFSTEMMER) and actor.departement in ctx.uitgenodigd:
        return None
    return (
        "Alleen een afstemmer van een departement dat voor een afstemmingsronde van dit document is "
        "uitgenodigd, of een opsteller van de penvoerder, mag een Word-bestand terugsturen."
    )


def _verzenden(actor: Actor, ctx: Context) -> str | None:
    if actor.departement == ctx.penvoerder and (actor.heeft(Rol.OPSTELLER) or actor.heeft(Rol.BEWINDSPERSOON)):
        return None
    return "Alleen een opsteller of de bewindspersoon van de penvoerder mag het document verzenden."


def _woo_pakket(actor: Actor, ctx: Context) -> str | None:
    if actor.departement == ctx.penvoerder and (actor.heeft(Rol.OPSTELLER) or actor.heeft(Rol.BEWINDSPERSOON)):
        return None
    return "Alleen een opsteller of de bewindspersoon van de penvoerder mag het Woo-publicatiepakket maken."


Regel = Callable[[Actor, Context], str | None]

MATRIX: dict[Actie, Regel] = {
    Actie.GEBRUIKERS_BEHEREN: lambda a, c: None if a.heeft(Rol.BEHEERDER) else "Alleen een beheerder mag dit.",
    Actie.DOCUMENT_AANMAKEN: _aanmaken,
    Actie.DOCUMENT_LEZEN: _lezen,
    Actie.SECTIE_BEWERKEN: lambda a, c: _penvoerder_rol(a, c, Rol.OPSTELLER, "opstellers"),
    Actie.TEKSTVOORSTEL_INDIENEN: _indienen,
    Actie.REAGEREN: _reageren,
    Actie.OVERNEMEN: lambda a, c: _penvoerder_rol(a, c, Rol.OPSTELLER, "opstellers"),
    Actie.AFWIJZEN: lambda a, c: _penvoerder_rol(a, c, Rol.OPSTELLER, "opstellers"),
    Actie.INTREKKEN: _intrekken,
    Actie.ESCALEREN: lambda a, c: _penvoerder_rol(a, c, Rol.OPSTELLER, "opstellers"),
    Actie.BESLUITEN: lambda a, c: _penvoerder_rol(a, c, Rol.BEWINDSPERSOON, "de bewindspersoon"),
    Actie.RONDE_OPENEN: lambda a, c: _penvoerder_rol(a, c, Rol.OPSTELLER, "opstellers"),
    Actie.OORDEEL_GEVEN: _oordelen,
    Actie.PARAFEREN: _paraferen,
    Actie.VASTSTELLEN: lambda a, c: _penvoerder_rol(a, c, Rol.BEWINDSPERSOON, "de bewindspersoon"),
    Actie.VERZENDEN: _verzenden,
    Actie.RETOUR_INDIENEN: _retour,
    Actie.WOO_PAKKET: _woo_pakket,
    # Only an opsteller of the letter's penvoerder adds a document to its set (ctx: the letter).
    Actie.STUK_KOPPELEN: lambda a, c: _penvoerder_rol(a, c, Rol.OPSTELLER, "opstellers"),
    Actie.AFHANKELIJKHEID_BEHEREN: lambda a, c: _penvoerder_rol(a, c, Rol.OPSTELLER, "opstellers"),
    Actie.BESLISPUNT_BESLUITEN: lambda a, c: _penvoerder_rol(a, c, Rol.BEWINDSPERSOON, "de bewindspersoon"),
    Actie.AFWIJKEN: lambda a, c: _penvoerder_rol(a, c, Rol.BEWINDSPERSOON, "de bewindspersoon"),
}


def reden_tegen(actie: Actie, actor: Actor, context: Context) -> str | None:
    """None when `actor` may perform `actie` in `context`, else why not (Dutch, for a 403)."""
    return MATRIX[actie](actor, context)


def mag(actie: Actie, actor: Actor, context: Context) -> bool:
    return reden_tegen(actie, actor, context) is None


# --- afwezigheid: a vervanger acts in an absent person's place ---------------------------------
#
# A person who is away names a vervanger of the same department who shares a role with them.
# Until the date they gave (inclusive), the vervanger may act in their place: with the absent
# person's standing (roles and paraafniveau), never with their beheerder right. Who acted, and
# for whom, is recorded in the event log ("namens").

WERKROLLEN = frozenset({Rol.OPSTELLER, Rol.AFSTEMMER, Rol.PARAFEERDER, Rol.BEWINDSPERSOON})


def vervanger_bezwaar(afwezige: Actor, vervanger: Actor) -> str | None:
    """Why `vervanger` cannot be named as `afwezige`'s vervanger (a 422), or None."""
    if vervanger.id == afwezige.id:
        return "U kunt uzelf niet als vervanger aanwijzen."
    if vervanger.departement != afwezige.departement:
        return f"De vervanger moet van uw departement ({afwezige.departement}) zijn, niet van {vervanger.departement}."
    if not any(r in WERKROLLEN for r in afwezige.rollen & vervanger.rollen):
        return "De vervanger moet een rol met u delen (opsteller, afstemmer, parafeerder of bewindspersoon)."
    return None


def vervangt(vervanger: Actor, afwezige: Actor, *, vervanger_id: int | None, tot: date | None, vandaag: date) -> bool:
    """Does `vervanger` stand in for `afwezige` today? Only while the absence lasts, only the
    person named, and only within the department (checked again: departments can change)."""
    return (
        tot is not None
        and vandaag <= tot
        and vervanger_id == vervanger.id
        and vervanger.id != afwezige.id
        and vervanger.departement == afwezige.departement
    )


def namens(afwezige: Actor) -> Actor:
    """The standing a vervanger acts with: the absent person's, without the beheerder role."""
    return replace(afwezige, rollen=frozenset(r for r in afwezige.rollen if r in WERKROLLEN))
