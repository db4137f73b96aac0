from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from app.documenten.schemas import Persoon
from app.schemas import Departementcode, Invoer, Model, Nummer, Tekst, Tijdstip, _niet_leeg
from workflow.statussen import DocStatus

Besluitwaarde = Literal["akkoord", "niet_akkoord", "akkoord_met_aantekening"]

Omschrijving = Annotated[Tekst, Field(max_length=2000), AfterValidator(_niet_leeg)]
Toelichting = Annotated[Tekst, Field(max_length=5000), AfterValidator(_niet_leeg)]
Aantekening = Annotated[Tekst, Field(max_length=5000)]


class AfhankelijkheidNieuw(Invoer):
    omschrijving: Omschrijving
    document: Nummer | None = Field(default=None, description="Id van het document waarop wordt gewacht.")
    vereiste_status: DocStatus = Field(
        default=DocStatus.VASTGESTELD, description="Met `document`: de status die het moet bereiken."
    )
    verwacht_op: date | None = Field(
        default=None, description="Wanneer het naar verwachting zover is (vandaag tot over twee jaar)."
    )


class Afhandeling(Invoer):
    toelichting: Toelichting


class BeslispuntBesluitNieuw(Invoer):
    besluit: Besluitwaarde
    aantekening: Aantekening | None = None

    @model_validator(mode="after")
    def _aantekening_bij_aantekening(self):
        if self.besluit == "akkoord_met_aantekening" and not (self.aantekening or "").strip():
            raise ValueError("'akkoord_met_aantekening' vraagt om een aantekening")
        return self


class AfwijkingNieuw(Invoer):
    departement: Departementcode
    reden: Toelichting


class AfhankelijkheidUit(Model):
    id: int
    brief: int
    omschrijving: str
    document: int | None
    document_titel: str | None = Field(default=None, description="Alleen als u dat document mag lezen.")
    document_status: str | None = Field(default=None, description="Alleen als u dat document mag lezen.")
    vereiste_status: str
    verwacht_op: date | None
    status: Literal["open", "vervuld", "vervallen"]
    toelichting: str | None
    aangemaakt_door: Persoon | None
    aangemaakt_op: Tijdstip
    afgehandeld_door: Persoon | None
    afgehandeld_op: Tijdstip | None


class BeslispuntUit(Model):
    document: int
    nummer: int
    tekst: str
    besluit: Besluitwaarde | None
    aantekening: str | None
    door: str | None = Field(description="De naam van de bewindspersoon die besloot.")
    gebruiker: Persoon | None
    tijdstip: Tijdstip | None


class AfwijkingUit(Model):
    id: int
    document: int
    departement: str
    reden: str
    door: str | None = Field(description="De naam van de bewindspersoon die het bezwaar terzijde legde.")
    gebruiker: Persoon | None
    tijdstip: Tijdstip


class StukUit(Model):
    id: int
    soort: str
    titel: str
    status: str
    revisie: int
    inhoudshash: str


class StukkenUit(Model):
    brief: int | None = Field(description="De Kamerbrief die de stukken aanvoert (null: een beslisnota zonder brief).")
    hoofd: int
    documenten: list[StukUit]
    sethash: str
    afhankelijkheden: list[AfhankelijkheidUit]
    beslispunten: list[BeslispuntUit]
    afwijkingen: list[AfwijkingUit]
    bezwaren: list[str] = Field(description="Waarom de stukken nog niet kunnen worden vastgesteld (leeg: dat kan).")
