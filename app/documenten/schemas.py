from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field

from app.schemas import Departementcode, Invoer, Model, Naam, Nummer, Regel, SectieKop, SectieTekst, Tekst, Tijdstip
from workflow.importeren import regels_fout
from workflow.statussen import Soort


def _zonder_dubbelen(waarden: list[str]) -> list[str]:
    dubbel = sorted({w for w in waarden if waarden.count(w) > 1})
    if dubbel:
        raise ValueError(f"komt dubbel voor: {', '.join(dubbel)}")
    return waarden


def _regels_binnen_grens(tekst: str) -> str:
    fout = regels_fout(tekst)
    if fout:
        raise ValueError(fout)
    return tekst


# A section's text: bounded in lines (paragraphs and list items) as well as by the body limit.
Sectietekst = Annotated[SectieTekst, AfterValidator(_regels_binnen_grens)]

Paraafniveau = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_\-]*$")]


class DocumentVelden(Invoer):
    soort: Soort
    titel: Regel
    kenmerk: Regel | None = None
    penvoerder: Departementcode
    ondertekenaar: Naam | None = None
    ondertekenaar_functie: Regel | None = None
    mede_namens: Annotated[list[Departementcode], AfterValidator(_zonder_dubbelen), Field(max_length=20)] = []
    gekoppeld_aan: Nummer | None = None
    parafenlijn: Annotated[list[Paraafniveau], AfterValidator(_zonder_dubbelen), Field(max_length=20)] = []
    bijlagen: Annotated[list[Regel], Field(max_length=50)] = []
    datum: date | None = None


class SectieNieuw(Invoer):
    kop: SectieKop | None = None
    tekst: Sectietekst = ""
    na: Nummer | None = Field(default=None, description="Id van de sectie waarna deze komt; zonder: achteraan.")
    niveau: int = Field(default=1, ge=1, le=3)


class SectieWijziging(Invoer):
    tekst: Sectietekst
    kop: SectieKop | None = None
    basisversie: Nummer | None = Field(default=None, description="De versie waarop deze wijziging is gemaakt (verplicht).")
    reden: Annotated[Tekst, Field(max_length=2000)] | None = None


class SectieUit(Model):
    id: int
    kop: str | None
    niveau: int
    positie: int
    versie: int
    tekst: str


class SectieGewijzigd(SectieUit):
    samengevoegd: bool = False
    gewijzigd: bool = True


class DocumentUit(Model):
    id: int
    soort: str
    titel: str
    kenmerk: str | None
    status: str
    penvoerder: str
    ondertekenaar: str | None
    ondertekenaar_functie: str | None
    mede_namens: list[str]
    gekoppeld_aan: int | None
    parafenlijn: list[str]
    bijlagen: list[str]
    datum: date | None
    revisie: int
    inhoudshash: str
    aangemaakt_op: Tijdstip
    secties: list[SectieUit]


class ImportMelding(Model):
    soort: str = Field(description="Bijvoorbeeld 'eindnoten', 'tabel', 'tekstvak', 'bijgehouden_wijzigingen'.")
    tekst: str


class NietVerwerkt(Model):
    soort: str = Field(description="Bijvoorbeeld 'afbeelding', 'tabel', 'opmerkingen', 'opmaak'.")
    reden: str
    tekst: str


class DocumentGeimporteerd(DocumentUit):
    meldingen: list[ImportMelding] = Field(
        default_factory=list, description="Wat in een andere vorm is ingelezen (eindnoten als voetnoten, een tabel als alinea's)."
    )
    niet_verwerkt: list[NietVerwerkt] = Field(
        default_factory=list,
        description="Wat de tekst niet kan bevatten en dus niet is overgenomen (afbeeldingen, tabelvorm, opmerkingen).",
    )


class DocumentKort(Model):
    id: int
    soort: str
    titel: str
    kenmerk: str | None
    status: str
    penvoerder: str
    revisie: int
    inhoudshash: str
    gekoppeld_aan: int | None


class Persoon(Model):
    id: int
    naam: str
    departement: str


class VersieUit(Model):
    versie: int
    revisie: int
    kop: str | None
    tekst: str
    auteur: Persoon | None
    reden: str | None
    tijdstip: Tijdstip


class VerschilUit(Model):
    van: int
    tot: int
    bewerkingen: list[tuple[int, str]]
    html: str
