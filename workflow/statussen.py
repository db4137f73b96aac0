"""The state machines, as explicit transition tables.

Each table maps status -> {event: next status}. An event missing from a status's row is not
allowed there; the service turns that into a 409 naming the status and what is allowed.
`HERBEREKEN` as a target means: the next status follows from the facts (see `afgeleide_*`),
because it depends on things such as other departments' oordelen or a termijn that passed.
Both the API and the web UI ask `volgende(...)` / `toegestaan(...)`; no rule lives elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from workflow.labels import Gelabeld

HERBEREKEN = "herbereken"


class Overgang(Exception):
    """An event that the table does not allow in the current status."""

    def __init__(self, machine: str, status: str, gebeurtenis: str, toegestaan: Iterable[str]):
        self.machine, self.status, self.gebeurtenis = machine, status, gebeurtenis
        self.toegestaan = sorted(toegestaan)
        # The message is read by people: labels, not the table's identifiers (those stay in the
        # answer's fields `toegestaan` and the status).
        lijst = ", ".join(label(g) for g in self.toegestaan) if self.toegestaan else "niets meer"
        super().__init__(
            f"{machine} heeft de status '{label(status)}'; {label(gebeurtenis)} kan dan niet. Wel mogelijk: {lijst}."
        )


def label(waarde: str) -> str:
    """The Dutch label of a status or event value (the value itself when it has none)."""
    if isinstance(waarde, Gelabeld):
        return waarde.label
    for soort in _GELABELD:
        try:
            return soort(waarde).label
        except ValueError:
            continue
    return str(waarde)


@dataclass(frozen=True)
class Machine:
    naam: str
    tabel: Mapping[str, Mapping[str, str]]

    def toegestaan(self, status: str) -> list[str]:
        return sorted(self.tabel.get(status, {}))

    def mag(self, status: str, gebeurtenis: str) -> bool:
        return gebeurtenis in self.tabel.get(status, {})

    def volgende(self, status: str, gebeurtenis: str) -> str:
        rij = self.tabel.get(status, {})
        if gebeurtenis not in rij:
            raise Overgang(self.naam, status, gebeurtenis, rij)
        return rij[gebeurtenis]

    @property
    def statussen(self) -> list[str]:
        return list(self.tabel)

    @property
    def gebeurtenissen(self) -> list[str]:
        return sorted({g for rij in self.tabel.values() for g in rij})


# --- Document ---------------------------------------------------------------------------------


class Soort(Gelabeld):
    KAMERBRIEF = "kamerbrief", "Kamerbrief"
    BESLISNOTA = "beslisnota", "Beslisnota"
    BIJLAGE = "bijlage", "Bijlage"


class DocStatus(Gelabeld):
    CONCEPT = "concept", "Concept"
    IN_AFSTEMMING = "in_afstemming", "In afstemming"
    AFGESTEMD = "afgestemd", "Afgestemd"
    IN_PARAFERING = "in_parafering", "In parafering"
    VASTGESTELD = "vastgesteld", "Vastgesteld"
    VERZONDEN = "verzonden", "Verzonden"


class DocGebeurtenis(Gelabeld):
    TEKST_WIJZIGEN = "tekst_wijzigen", "tekst wijzigen"  # edit or add a section, adopt a proposal, a besluit
    TEKSTVOORSTEL_INDIENEN = "tekstvoorstel_indienen", "een tekstvoorstel indienen"
    RONDE_OPENEN = "ronde_openen", "een afstemmingsronde openen"
    OORDEEL_GEVEN = "oordeel_geven", "een oordeel geven"
    REAGEREN = "reageren", "reageren op een tekstvoorstel"  # a reactie, escalation, withdrawal or rejection of a proposal
    PARAFEREN = "paraferen", "paraferen"
    VASTSTELLEN = "vaststellen", "vaststellen"
    VERZENDEN = "verzenden", "verzenden"
    # The set (docs/api.md, Stukken): a document linked to the letter, the minister's besluit on a
    # beslispunt, an afhankelijkheid added or ticked off, dissent set aside. None changes the
    # text; all are refused once the set is frozen.
    STUK_KOPPELEN = "stuk_koppelen", "een stuk koppelen"
    BESLISPUNT_BESLUITEN = "beslispunt_besluiten", "besluiten over een beslispunt"
    AFHANKELIJKHEID_BIJWERKEN = "afhankelijkheid_bijwerken", "een afhankelijkheid bijwerken"
    AFWIJKEN = "afwijken", "afwijken van een bezwaar"
    # A member of a letter's set is signed by the letter's vaststelling, whatever its own status.
    VASTSTELLEN_MET_BRIEF = "vaststellen_met_brief", "vaststellen met de brief"


_WERK: dict[str, str] = {
    DocGebeurtenis.TEKST_WIJZIGEN: HERBEREKEN,
    DocGebeurtenis.TEKSTVOORSTEL_INDIENEN: HERBEREKEN,
    DocGebeurtenis.RONDE_OPENEN: HERBEREKEN,
    DocGebeurtenis.OORDEEL_GEVEN: HERBEREKEN,
    DocGebeurtenis.REAGEREN: HERBEREKEN,
    # Initialling may start while afstemming finishes; the status only becomes in_parafering
    # once the document is afgestemd (see afgeleide_documentstatus).
    DocGebeurtenis.PARAFEREN: HERBEREKEN,
    DocGebeurtenis.STUK_KOPPELEN: HERBEREKEN,
    DocGebeurtenis.BESLISPUNT_BESLUITEN: HERBEREKEN,
    DocGebeurtenis.AFHANKELIJKHEID_BIJWERKEN: HERBEREKEN,
    DocGebeurtenis.AFWIJKEN: HERBEREKEN,
    DocGebeurtenis.VASTSTELLEN_MET_BRIEF: DocStatus.VASTGESTELD,
}

DOCUMENT = Machine(
    "Het document",
    {
        DocStatus.CONCEPT: dict(_WERK),
        DocStatus.IN_AFSTEMMING: dict(_WERK),
        # Guards for vaststellen (ronde afgerond, no open thread, every paraaf valid) are in
        # `vaststellen_bezwaren`; an empty parafenlijn lets an afgestemd document be signed.
        DocStatus.AFGESTEMD: {**_WERK, DocGebeurtenis.VASTSTELLEN: DocStatus.VASTGESTELD},
        DocStatus.IN_PARAFERING: {**_WERK, DocGebeurtenis.VASTSTELLEN: DocStatus.VASTGESTELD},
        DocStatus.VASTGESTELD: {DocGebeurtenis.VERZENDEN: DocStatus.VERZONDEN},
        DocStatus.VERZONDEN: {},
    },
)

BEVROREN = frozenset({DocStatus.VASTGESTELD, DocStatus.VERZONDEN})


@dataclass(frozen=True)
class Afstemmingsfeiten:
    """What the non-terminal document status follows from."""

    heeft_ronde: bool
    ronde_afgerond: bool
    open_draden: int
    geldige_parafen: int
    # A beslisnota of its own (not a member of a letter's set) needs no afstemmingsronde:
    # it is internal to the penvoerder, so there is nobody to consult (docs/api.md, Stukken).
    ronde_nodig: bool = True


def ronde_nodig(soort: str, is_lid: bool) -> bool:
    """Whether a document must go through an afstemmingsronde before it can be signed. A
    member of a letter's set is signed with the letter, so its own afstemming never gates it."""
    return not (soort == "beslisnota" and not is_lid)


def afgeleide_documentstatus(huidig: str, feiten: Afstemmingsfeiten) -> str:
    if huidig in BEVROREN:
        return huidig
    if not feiten.heeft_ronde and feiten.ronde_nodig:
        return DocStatus.CONCEPT
    afgerond = feiten.ronde_afgerond if feiten.heeft_ronde else True
    if afgerond and feiten.open_draden == 0:
        return DocStatus.IN_PARAFERING if feiten.geldige_parafen else DocStatus.AFGESTEMD
    return DocStatus.IN_AFSTEMMING


def vaststellen_bezwaren(
    *,
    ronde_status: str | None,
    open_draden: int,
    ontbrekende_parafen: list[str],
    ronde_nodig: bool = True,
    afwijkend: Iterable[str] = (),
    open_beslispunten: Iterable[str] = (),
    open_afhankelijkheden: Iterable[str] = (),
    leden_met_open_draden: Iterable[str] = (),
) -> list[str]:
    """Why the document (for a letter: its whole set) cannot be signed yet (Dutch, for the 409
    and the disabled button). `afwijkend`: standing dissent (see `standhoudend_bezwaar`);
    `open_beslispunten`: beslispunten without besluit; `open_afhankelijkheden`: the omschrijving
    of every open afhankelijkheid; `leden_met_open_draden`: members with an open thread."""
    bezwaren = []
    if ronde_status is None:
        if ronde_nodig:
            bezwaren.append("er is nog geen afstemmingsronde gehouden")
    elif ronde_status != RondeStatus.AFGEROND:
        stand: dict[str, str] = {
            RondeStatus.OPEN: "nog niet alle oordelen zijn gegeven",
            RondeStatus.VERLOPEN: "de termijn is verlopen",
        }
        bezwaren.append(f"de laatste afstemmingsronde is niet afgerond ({stand.get(ronde_status, ronde_status)})")
    if open_draden:
        bezwaren.append(f"er {'staat' if open_draden == 1 else 'staan'} nog {open_draden} tekstvoorstel(draad/draden) open")
    for lid in leden_met_open_draden:
        bezwaren.append(f"op {lid} staan nog tekstvoorstellen open")
    bezwaren.extend(afwijkend)
    if ontbrekende_parafen:
        bezwaren.append("geldige paraaf ontbreekt van: " + ", ".join(ontbrekende_parafen))
    bezwaren.extend(open_beslispunten)
    for omschrijving in open_afhankelijkheden:
        bezwaren.append(f"afhankelijkheid nog open: ‘{omschrijving}’")
    return bezwaren


# --- dissent that cannot be dropped -------------------------------------------------------------


@dataclass(frozen=True)
class OordeelFeit:
    """One oordeel a department gave, in any ronde (`volgorde`: later oordelen sort higher)."""

    departement: str
    oordeel: str
    tijdstip: datetime
    volgorde: int
    ronde: int
    geldig: bool  # pinned to the text that is still current


@dataclass(frozen=True)
class Dissent:
    departement: str
    tekst: str  # Dutch, for the 409 and the page


def standhoudend_bezwaar(
    *,
    oordelen: Iterable[OordeelFeit],
    laatste_ronde: int | None,
    mede_namens: Iterable[str],
    penvoerder: str,
    afwijkingen: Mapping[str, datetime],
) -> list[Dissent]:
    """The dissent that blocks vaststellen (docs/api.md, Afstemming): a department whose last oordeel
    over all rondes is niet_akkoord, and a mede_namens department without a valid akkoord in the
    latest ronde. Leaving a department out of a new ronde drops neither. The bewindspersoon's
    afwijking (department -> when it was recorded) sets aside what stood at that moment; a
    niet_akkoord given after it is new dissent. One entry per department."""
    laatste: dict[str, OordeelFeit] = {}
    for o in sorted(oordelen, key=lambda o: (o.tijdstip, o.volgorde)):
        laatste[o.departement] = o

    def terzijde(dep: str) -> bool:
        afwijking = afwijkingen.get(dep)
        eigen = laatste.get(dep)
        return afwijking is not None and (eigen is None or afwijking >= eigen.tijdstip)

    bezwaren, genoemd = [], set()
    for dep, o in sorted(laatste.items()):
        if o.oordeel == "niet_akkoord" and not terzijde(dep):
            genoemd.add(dep)
            bezwaren.append(
                Dissent(
                    dep, f"{dep} is niet akkoord (oordeel in ronde {o.ronde}); dat bezwaar is niet ingetrokken of terzijde gelegd"
                )
            )
    for dep in mede_namens:
        if dep == penvoerder or dep in genoemd:
            continue
        eigen = laatste.get(dep)
        akkoord = eigen is not None and eigen.ronde == laatste_ronde and eigen.geldig and eigen.oordeel in INSTEMMEND
        if not akkoord and not terzijde(dep):
            genoemd.add(dep)
            bezwaren.append(Dissent(dep, f"{dep} (mede namens) heeft geen geldig akkoord gegeven in de laatste afstemmingsronde"))
    return bezwaren


# --- Tekstvoorstel ----------------------------------------------------------------------------


class VoorstelStatus(Gelabeld):
    INGEDIEND = "ingediend", "Ingediend"
    TEGENVOORSTEL_GEDAAN = "tegenvoorstel_gedaan", "Tegenvoorstel gedaan"
    OVERGENOMEN = "overgenomen", "Overgenomen"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"
    VERVALLEN = "vervallen", "Vervallen"
    GEESCALEERD = "geescaleerd", "Geëscaleerd"
    BESLOTEN = "besloten", "Besloten"


OPEN_VOORSTEL = frozenset({VoorstelStatus.INGEDIEND, VoorstelStatus.TEGENVOORSTEL_GEDAAN, VoorstelStatus.GEESCALEERD})


class VoorstelGebeurtenis(Gelabeld):
    AKKOORD = "akkoord", "akkoord geven"
    NIET_AKKOORD = "niet_akkoord", "niet akkoord geven"
    TEGENVOORSTEL = "tegenvoorstel", "een tegenvoorstel doen"
    OVERNEMEN = "overnemen", "overnemen"
    AFWIJZEN = "afwijzen", "afwijzen"
    INTREKKEN = "intrekken", "intrekken"
    ESCALEREN = "escaleren", "escaleren"
    TERMIJN_VERSTREKEN = "termijn_verstreken", "de termijn laten verstrijken"  # automatic, only with an open objection
    BESLUIT = "besluit", "besluiten"
    VERVALLEN = "vervallen", "laten vervallen"  # another wording was written into the same passage


_V = VoorstelGebeurtenis
_S = VoorstelStatus

TEKSTVOORSTEL = Machine(
    "Het tekstvoorstel",
    {
        _S.INGEDIEND: {
            _V.AKKOORD: _S.INGEDIEND,
            _V.NIET_AKKOORD: _S.INGEDIEND,
            _V.TEGENVOORSTEL: _S.TEGENVOORSTEL_GEDAAN,
            _V.OVERNEMEN: _S.OVERGENOMEN,
            _V.AFWIJZEN: _S.AFGEWEZEN,
            _V.INTREKKEN: _S.INGETROKKEN,
            _V.ESCALEREN: _S.GEESCALEERD,
            _V.TERMIJN_VERSTREKEN: _S.GEESCALEERD,
            _V.VERVALLEN: _S.VERVALLEN,
        },
        _S.TEGENVOORSTEL_GEDAAN: {
            _V.AKKOORD: _S.TEGENVOORSTEL_GEDAAN,
            _V.NIET_AKKOORD: _S.TEGENVOORSTEL_GEDAAN,
            _V.TEGENVOORSTEL: _S.TEGENVOORSTEL_GEDAAN,
            _V.OVERNEMEN: _S.OVERGENOMEN,
            _V.AFWIJZEN: _S.AFGEWEZEN,
            _V.INTREKKEN: _S.INGETROKKEN,
            _V.ESCALEREN: _S.GEESCALEERD,
            _V.TERMIJN_VERSTREKEN: _S.GEESCALEERD,
            _V.VERVALLEN: _S.VERVALLEN,
        },
        # Once escalated, the thread is the bewindspersoon's alone: only a besluit acts on it.
        # The indiener may still withdraw its own proposal (recorded), and a besluit on an
        # overlapping thread can make it lapse; the penvoerder can no longer adopt, reject or
        # overwrite it (the service refuses adoptions and edits that would lapse it).
        _S.GEESCALEERD: {
            _V.INTREKKEN: _S.INGETROKKEN,
            _V.BESLUIT: _S.BESLOTEN,
            _V.VERVALLEN: _S.VERVALLEN,
        },
        _S.OVERGENOMEN: {},
        _S.AFGEWEZEN: {},
        _S.INGETROKKEN: {},
        _S.VERVALLEN: {},
        _S.BESLOTEN: {},
    },
)


@dataclass(frozen=True)
class Reactie:
    departement: str
    oordeel: str  # akkoord | niet_akkoord | tegenvoorstel


@dataclass(frozen=True)
class DraadLid:
    """One proposal of a thread, as the objection rules see it."""

    id: int
    status: str
    departement: str
    reactie_op: int | None
    # The latest reactie per department on this proposal.
    reacties: tuple[Reactie, ...]
    reactietermijn: datetime | None


def open_bezwaren(leden: Iterable[DraadLid]) -> list[str]:
    """The unresolved objections on a thread (Dutch descriptions); empty when there are none.

    An objection is a department's latest `niet_akkoord` on an open proposal, or an open
    tegenvoorstel that the department it answers has not reacted to yet.
    """
    leden = list(leden)
    per_id = {lid.id: lid for lid in leden}
    bezwaren = []
    for lid in leden:
        if lid.status not in OPEN_VOORSTEL:
            continue
        for reactie in lid.reacties:
            if reactie.oordeel == VoorstelGebeurtenis.NIET_AKKOORD:
                bezwaren.append(f"{reactie.departement} is niet akkoord met voorstel {lid.id}")
        if lid.reactie_op is not None and lid.reactie_op in per_id:
            beantwoorder = per_id[lid.reactie_op].departement
            if not any(r.departement == beantwoorder for r in lid.reacties):
                bezwaren.append(f"tegenvoorstel {lid.id} van {lid.departement} is nog niet beantwoord door {beantwoorder}")
    return bezwaren


def termijn_verstreken(leden: Iterable[DraadLid], nu: datetime) -> bool:
    return any(lid.status in OPEN_VOORSTEL and lid.reactietermijn is not None and lid.reactietermijn <= nu for lid in leden)


def moet_escaleren(leden: Iterable[DraadLid], nu: datetime) -> bool:
    """A passed termijn with an open objection escalates the thread (no timers: asked at
    every read and write)."""
    leden = list(leden)
    nog_niet = any(lid.status in (_S.INGEDIEND, _S.TEGENVOORSTEL_GEDAAN) for lid in leden)
    return nog_niet and termijn_verstreken(leden, nu) and bool(open_bezwaren(leden))


# --- Afstemmingsronde ---------------------------------------------------------------------------


class RondeStatus(Gelabeld):
    OPEN = "open", "Open"
    AFGEROND = "afgerond", "Afgerond"
    VERLOPEN = "verlopen", "Verlopen"


class Oordeelwaarde(Gelabeld):
    """A department's oordeel in a ronde, or its reactie on a proposal."""

    AKKOORD = "akkoord", "Akkoord"
    AKKOORD_MET_OPMERKINGEN = "akkoord_met_opmerkingen", "Akkoord met opmerkingen"
    NIET_AKKOORD = "niet_akkoord", "Niet akkoord"
    TEGENVOORSTEL = "tegenvoorstel", "Tegenvoorstel"


class RondeGebeurtenis(Gelabeld):
    OORDEEL_GEVEN = "oordeel_geven", "een oordeel geven"


# A late oordeel is still welcome (it can complete a verlopen ronde), and a department may
# change its mind after the ronde was afgerond; the status then follows from the oordelen.
RONDE = Machine(
    "De afstemmingsronde",
    {
        RondeStatus.OPEN: {RondeGebeurtenis.OORDEEL_GEVEN: HERBEREKEN},
        RondeStatus.AFGEROND: {RondeGebeurtenis.OORDEEL_GEVEN: HERBEREKEN},
        RondeStatus.VERLOPEN: {RondeGebeurtenis.OORDEEL_GEVEN: HERBEREKEN},
    },
)

INSTEMMEND = frozenset({"akkoord", "akkoord_met_opmerkingen"})


@dataclass(frozen=True)
class Oordeel:
    departement: str
    oordeel: str
    geldig: bool  # pinned to the inhoudshash that is still current


def afgeleide_rondestatus(
    uitgenodigd: Iterable[str],
    oordelen: Iterable[Oordeel],
    termijn: datetime,
    nu: datetime,
    stilzwijgend_akkoord: bool,
) -> str:
    geldig = {o.departement: o.oordeel for o in oordelen if o.geldig}
    uitgenodigd = list(uitgenodigd)
    if all(geldig.get(dep) in INSTEMMEND for dep in uitgenodigd):
        return RondeStatus.AFGEROND
    if nu < termijn:
        return RondeStatus.OPEN
    if stilzwijgend_akkoord and not any(geldig.get(dep) == "niet_akkoord" for dep in uitgenodigd):
        return RondeStatus.AFGEROND
    return RondeStatus.VERLOPEN


# Statuses first: a value that is both (none today) reads as its status.
_GELABELD: tuple[type[Gelabeld], ...] = (
    DocStatus,
    VoorstelStatus,
    RondeStatus,
    DocGebeurtenis,
    VoorstelGebeurtenis,
    RondeGebeurtenis,
)
