from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Gebruiker(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    naam: str
    email: str = Field(unique=True)
    departement: str = Field(index=True)
    rollen: list[str] = Field(sa_column=Column(JSON, nullable=False))
    paraafniveau: str | None = None
    # Withheld (5.1.2e) in the Woo version wherever it occurs, like name and e-mail address.
    telefoon: str | None = None
    aangemaakt_op: datetime = Field(sa_type=UTCDateTime)


class Token(SQLModel, table=True):
    """A bearer token, kept only as its SHA-256; a revoked one stays so it can never return."""

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int = Field(foreign_key="gebruiker.id", index=True)
    hash: str = Field(unique=True)
    uitgegeven_op: datetime = Field(sa_type=UTCDateTime)
    ingetrokken_op: datetime | None = Field(default=None, sa_type=UTCDateTime)
