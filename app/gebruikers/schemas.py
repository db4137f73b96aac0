from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from app.schemas import Departementcode, Email, Invoer, Model, Naam, Nummer
from workflow.autorisatie import Rol


class GebruikerNieuw(Invoer):
    naam: Naam
    email: Email
    departement: Departementcode
    rollen: Annotated[list[Rol], Field(min_length=1, max_length=5)]
    paraafniveau: Annotated[
        str | None, Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_\-]*$", validate_default=True)
    ] = None
    telefoon: Annotated[str, Field(max_length=40, pattern=r"^[0-9+() \-.]{6,40}$")] | None = None

    # On the schema, so the API, the web forms and the CLI (`paraaf gebruiker toevoegen`) refuse it alike.
    @field_validator("paraafniveau", mode="after")
    @classmethod
    def _parafeerder_heeft_niveau(cls, niveau: str | None, info: ValidationInfo) -> str | None:
        return parafeerder_heeft_niveau(niveau, info)


def parafeerder_heeft_niveau(niveau: str | None, info: ValidationInfo) -> str | None:
    """A parafeerder needs a paraafniveau: the one rule for creating a user and changing roles."""
    if niveau is None and "parafeerder" in (info.data.get("rollen") or ()):
        raise ValueError("Een parafeerder heeft een paraafniveau nodig.")
    return niveau


class RollenWijziging(Invoer):
    rollen: Annotated[list[Rol], Field(min_length=1, max_length=5)]
    paraafniveau: Annotated[
        str | None, Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_\-]*$", validate_default=True)
    ] = None

    @field_validator("paraafniveau", mode="after")
    @classmethod
    def _parafeerder_heeft_niveau(cls, niveau: str | None, info: ValidationInfo) -> str | None:
        return parafeerder_heeft_niveau(niveau, info)


class GebruikerUit(Model):
    id: int
    naam: str
    email: str
    departement: str
    rollen: list[str]
    paraafniveau: str | None
    telefoon: str | None = None


class PersoonKort(Model):
    id: int
    naam: str
    departement: str


class AfwezigheidNieuw(Invoer):
    tot: date = Field(description="Laatste dag van de afwezigheid (inclusief).")
    vervanger: Nummer = Field(description="Id van de vervanger: zelfde departement en een gedeelde rol.")


class AfwezigheidUit(Model):
    tot: date | None = None
    vervanger: PersoonKort | None = None


MeldingVoorkeur = Literal["direct", "dagelijks", "uit"]


class MeldingenInstelling(Invoer):
    voorkeur: MeldingVoorkeur


class MeldingenInstellingUit(Model):
    voorkeur: MeldingVoorkeur


class GebruikerIk(GebruikerUit):
    afwezigheid: AfwezigheidUit | None = None
    vervangt: list[PersoonKort] = Field(default_factory=list, description="Afwezigen voor wie u vandaag vervanger bent.")
    meldingen: MeldingenInstellingUit | None = None


class GebruikerMetToken(GebruikerUit):
    token: str


class DepartementUit(Model):
    code: str
    naam: str
