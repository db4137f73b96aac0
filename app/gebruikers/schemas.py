from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from app.schemas import Departementcode, Email, Invoer, Model, Regel

RolNaam = Literal["opsteller", "afstemmer", "parafeerder", "bewindspersoon", "beheerder"]


class GebruikerNieuw(Invoer):
    naam: Regel
    email: Email
    departement: Departementcode
    rollen: Annotated[list[RolNaam], Field(min_length=1, max_length=5)]
    paraafniveau: Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_\-]*$")] | None = None
    telefoon: Annotated[str, Field(max_length=40, pattern=r"^[0-9+() \-.]{6,40}$")] | None = None


class GebruikerUit(Model):
    id: int
    naam: str
    email: str
    departement: str
    rollen: list[str]
    paraafniveau: str | None
    telefoon: str | None = None


class GebruikerMetToken(GebruikerUit):
    token: str


class DepartementUit(Model):
    code: str
    naam: str
