from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from app.documenten.schemas import Persoon
from app.schemas import (
    Formulering,
    Invoer,
    InvoerTijdstip,
    Model,
    Nummer,
    Passage,
    Positie,
    Tekst,
    Tijdstip,
    Werkdagen,
    termijn_uit,
)

Toelichting = Annotated[Tekst, Field(max_length=5000)]


class TekstvoorstelNieuw(Invoer):
    basisversie: Nummer | None = Field(default=None, description="De sectieversie waarin de passage staat (verplicht).")
    oorspronkelijk: Passage = Field(description="De exacte passage uit de basisversie; leeg voor een invoeging.")
    voorgesteld: Formulering
    positie: Positie | None = Field(default=None, description="Begin van de passage; verplicht bij een invoeging.")
    toelichting: Toelichting | None = None
    reactietermijn: InvoerTijdstip | None = None
    reactietermijn_werkdagen: Werkdagen | None = None

    def reactietermijn_op(self, nu):
        return termijn_uit(self.reactietermijn, self.reactietermijn_werkdagen, nu, veld="reactietermijn", verplicht=False)


class ReactieNieuw(Invoer):
    oordeel: Literal["akkoord", "niet_akkoord", "tegenvoorstel"]
    toelichting: Toelichting | None = None
    voorgesteld: Formulering | None = Field(default=None, description="Verplicht bij een tegenvoorstel.", validate_default=True)
    reactietermijn: InvoerTijdstip | None = Field(
        default=None, description="Termijn voor het tegenvoorstel; zonder: die van het voorstel waarop het reageert."
    )
    reactietermijn_werkdagen: Werkdagen | None = None

    # Rules on the schema, so the API and the web form refuse alike (422 on the field).
    @field_validator("voorgesteld", mode="after")
    @classmethod
    def _formulering_alleen_bij_tegenvoorstel(cls, voorgesteld: str | None, info: ValidationInfo) -> str | None:
        if "oordeel" not in info.data:
            return voorgesteld  # the oordeel itself is refused
        if info.data["oordeel"] == "tegenvoorstel" and voorgesteld is None:
            raise ValueError("Een tegenvoorstel heeft een eigen formulering nodig.")
        if info.data["oordeel"] != "tegenvoorstel" and voorgesteld is not None:
            raise ValueError("Alleen een tegenvoorstel heeft een eigen formulering.")
        return voorgesteld

    def reactietermijn_op(self, nu):
        return termijn_uit(self.reactietermijn, self.reactietermijn_werkdagen, nu, veld="reactietermijn", verplicht=False)


class BesluitNieuw(Invoer):
    gekozen: Nummer | None = Field(default=None, description="Id van het gekozen voorstel uit de draad.")
    tekst: Formulering | None = Field(default=None, description="Of: een eigen formulering.", validate_default=True)
    toelichting: Toelichting | None = None

    @field_validator("tekst", mode="after")
    @classmethod
    def _een_keuze(cls, tekst: str | None, info: ValidationInfo) -> str | None:
        if "gekozen" in info.data and (info.data["gekozen"] is None) == (tekst is None):
            raise ValueError("Kies één voorstel ('gekozen') of geef een eigen formulering ('tekst').")
        return tekst


class ReactieUit(Model):
    id: int
    departement: str
    gebruiker: Persoon | None
    oordeel: str
    toelichting: str | None
    tegenvoorstel: int | None
    tijdstip: Tijdstip
    actueel: bool


class TekstvoorstelUit(Model):
    id: int
    document: int
    sectie: int
    departement: str
    indiener: Persoon | None
    status: str
    basisversie: int
    positie: int
    oorspronkelijk: str
    voorgesteld: str
    toelichting: str | None
    reactietermijn: Tijdstip | None
    reactie_op: int | None
    draad: int
    concurrerend_met: list[int]
    passage_actueel: bool = Field(description="Staat de passage nog ongewijzigd in de actuele tekst?")
    open_bezwaren: list[str]
    verwerkt_in_versie: int | None
    aangemaakt_op: Tijdstip
    gewijzigd_op: Tijdstip
    reacties: list[ReactieUit]
    word_auteur: str | None = Field(default=None, description="Auteur van de wijziging in Word (retour).")
    word_tijdstip: Tijdstip | None = Field(default=None, description="Tijdstip van de wijziging in Word (retour).")
    zonder_bijhouden: bool = Field(default=False, description="In Word gewijzigd zonder 'Wijzigingen bijhouden' (retour).")
    retour: int | None = Field(default=None, description="De retour waaruit dit voorstel is gelezen.")
