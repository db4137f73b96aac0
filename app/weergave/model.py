"""What a rendering needs, as plain data: the service layer fills these from the database,
the renderers turn them into bytes. Nothing here touches the database or FastAPI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class SectieWeergave:
    kop: str | None
    niveau: int  # 1 = '#', 2 = '##', 3 = '###'
    tekst: str  # the Markdown dialect of docs/api.md (paragraphs, lists, **, *, ^[...], [[woo:..|..]])


@dataclass(frozen=True)
class NbVoorstel:
    departement: str  # code, e.g. "DEF"
    departement_naam: str
    tekst: str  # the proposed wording (may be empty: a proposal to delete the passage)
    status: str
    reactietermijn: datetime | None


@dataclass(frozen=True)
class NbBesluit:
    """The bewindspersoon's decision on an escalated thread: kept in the nota as the record."""

    door: str | None  # the bewindspersoon's name (public, also in the Woo version)
    tijdstip: datetime
    tekst: str  # the decided wording
    gekozen_departement: str | None = None  # code, when one department's wording was chosen
    toelichting: str | None = None


@dataclass(frozen=True)
class NbPunt:
    """One open, escalated or decided proposal thread of the linked kamerbrief."""

    sectie_kop: str | None
    context_voor: str  # text before the passage, for the "(…) ..." quote
    passage: str  # the passage as it stands in the base version (empty for an insertion)
    context_na: str
    voorstellen: list[NbVoorstel]  # root first, then the counter-proposals in order
    status: str  # "open", "geescaleerd" or "besloten"
    reactietermijn: datetime | None  # the earliest running termijn of an open thread
    samenvatting: str  # e.g. "IenW is niet akkoord met het tekstvoorstel van DEF en deed een tegenvoorstel."
    besluit: NbBesluit | None = None  # for a decided thread


@dataclass(frozen=True)
class AfhankelijkheidPunt:
    """An afhankelijkheid of the letter: an NB point while open, and on record once vervuld."""

    omschrijving: str
    status: str  # open | vervuld
    verwacht_op: date | None = None
    document_titel: str | None = None  # the document waited for, if any
    document_penvoerder: str | None = None
    vereiste_status: str | None = None
    toelichting: str | None = None
    afgehandeld_op: datetime | None = None


@dataclass(frozen=True)
class AfwijkingRegel:
    """Dissent the bewindspersoon set aside, with the reden (shown in Proces van afstemming)."""

    departement: str
    departement_naam: str
    reden: str
    door: str | None
    tijdstip: datetime


@dataclass(frozen=True)
class BeslispuntWeergave:
    """A point of "Aan de minister wordt gevraagd" and the minister's besluit on it, if any."""

    nummer: int
    tekst: str
    besluit: str | None = None  # akkoord | niet_akkoord | akkoord_met_aantekening
    aantekening: str | None = None
    door: str | None = None  # the bewindspersoon's name (public, also in the Woo version)
    tijdstip: datetime | None = None


@dataclass(frozen=True)
class AfstemmingRegel:
    departement: str
    departement_naam: str
    oordeel: str | None  # akkoord | akkoord_met_opmerkingen | niet_akkoord | None (nog geen)
    tijdstip: datetime | None
    geldig: bool
    opmerkingen: str | None = None


@dataclass(frozen=True)
class ParafRegel:
    niveau: str  # afdelingshoofd, directeur, dg, sg, ...
    naam: str | None  # who initialled, None when not yet
    tijdstip: datetime | None
    geldig: bool


@dataclass(frozen=True)
class BeslisnotaBlokken:
    """Generated from the live workflow state of the kamerbrief a beslisnota is linked to."""

    kamerbrief_titel: str
    nb_punten: list[NbPunt]
    afstemming: list[AfstemmingRegel]
    ronde_status: str | None  # open | afgerond | verlopen | None (no ronde yet)
    ronde_termijn: datetime | None
    parafen: list[ParafRegel]  # the letter's parafenlijn: the parafen go on the whole set
    afhankelijkheden: list[AfhankelijkheidPunt] = field(default_factory=list)
    afwijkingen: list[AfwijkingRegel] = field(default_factory=list)
    standhoudend: list[str] = field(default_factory=list)  # dissent not (yet) set aside


@dataclass(frozen=True)
class DocumentWeergave:
    id: int
    soort: str  # kamerbrief | beslisnota | bijlage
    titel: str
    kenmerk: str | None
    datum: date
    revisie: int
    penvoerder: str  # code
    penvoerder_naam: str  # "Ministerie van Volkshuisvesting en Ruimtelijke Ordening"
    ondertekenaar: str | None  # name
    ondertekenaar_functie: str  # "De minister van Volkshuisvesting en Ruimtelijke Ordening"
    mede_namens: list[str]  # department codes
    mede_namens_namen: list[str]  # their names
    bijlagen: list[str]
    secties: list[SectieWeergave]
    status: str
    blokken: BeslisnotaBlokken | None = None  # only for a beslisnota linked to a kamerbrief
    beslispunten: list[BeslispuntWeergave] = field(default_factory=list)  # only for a beslisnota


@dataclass(frozen=True)
class WooContext:
    """What the publication version withholds (names, e-mail addresses and phone numbers of the
    service's own civil servants) on top of what the text itself marks with [[woo:..|..]]."""

    ambtenaren_namen: list[str] = field(default_factory=list)
    ambtenaren_emails: list[str] = field(default_factory=list)
    ambtenaren_telefoons: list[str] = field(default_factory=list)
    # Public persons registered in the service (bewindspersonen): a surname they share with a
    # civil servant is, written alone, theirs (workflow.woo, the rule for names).
    publieke_namen: list[str] = field(default_factory=list)


# --- tracked changes between two revisions (wijzigingen.docx?van=R&tot=S) ----------------------


@dataclass(frozen=True)
class SectieStap:
    """One version step of a section after revision R, up to and including revision S: the
    section as that step left it (None: the step removed the section), by whom and when."""

    sectie: SectieWeergave | None
    auteur: str
    tijdstip: datetime


@dataclass(frozen=True)
class SectieWijzigingen:
    """One section from revision R to revision S."""

    van: SectieWeergave | None  # the section at R; None when it is new after R
    stappen: list[SectieStap] = field(default_factory=list)  # in order; empty: unchanged


@dataclass(frozen=True)
class WijzigingenWeergave:
    document: DocumentWeergave  # the document's metadata at revision S (its secties are not used)
    van_revisie: int
    tot_revisie: int
    secties: list[SectieWijzigingen]  # in the order of revision S (removed sections where they stood)
