from __future__ import annotations

from pydantic import Field

from app.documenten.schemas import NietVerwerkt
from app.schemas import Model, Tijdstip
from app.tekstvoorstellen.schemas import TekstvoorstelUit


class RetourVoorstelUit(TekstvoorstelUit):
    id: int | None = Field(description="Leeg bij ?proef=true: dan is er niets aangemaakt.")
    draad: int | None


class OpmerkingUit(Model):
    id: int | None
    retour: int | None
    sectie: int | None = Field(description="De sectie waarin de opmerking staat (leeg: buiten de secties).")
    basisversie: int | None
    positie: int | None = Field(description="Begin van de passage in die versie van de sectie.")
    passage: str = Field(description="De passage waarop de opmerking in Word stond (hele woorden).")
    tekst: str = Field(description="De tekst van de opmerking, met de antwoorden erop.")
    auteur: str = Field(description="Auteur van de opmerking in Word.")
    word_tijdstip: Tijdstip | None
    departement: str


class RetourUit(Model):
    id: int | None = Field(description="Leeg bij ?proef=true.")
    document: int
    revisie: int = Field(description="De revisie waaruit het Word-bestand is geëxporteerd.")
    departement: str
    voorstellen: list[RetourVoorstelUit]
    opmerkingen: list[OpmerkingUit]
    niet_verwerkt: list[NietVerwerkt]
