from datetime import datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Afstemmingsronde(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    departementen: list[str] = Field(sa_column=Column(JSON, nullable=False))
    termijn: datetime = Field(sa_type=UTCDateTime)
    stilzwijgend_akkoord: bool = False
    geopend_door: int = Field(foreign_key="gebruiker.id")
    geopend_op: datetime = Field(sa_type=UTCDateTime)


class RondeOordeel(SQLModel, table=True):
    """A department's oordeel, pinned to the text it was given on (inhoudshash, revisie)."""

    id: int | None = Field(default=None, primary_key=True)
    ronde_id: int = Field(foreign_key="afstemmingsronde.id", index=True)
    departement: str
    gebruiker_id: int = Field(foreign_key="gebruiker.id")
    oordeel: str
    opmerkingen: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    inhoudshash: str
    revisie: int
    tijdstip: datetime = Field(sa_type=UTCDateTime)
    actueel: bool = True


class Paraaf(SQLModel, table=True):
    """Initials on one exact set of texts (workflow.stukken): the letter at `revisie` with
    `inhoudshash`, and every member of its set as `setstand` says; valid while that holds."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    niveau: str
    gebruiker_id: int = Field(foreign_key="gebruiker.id")
    inhoudshash: str
    revisie: int
    sethash: str
    setstand: str = Field(sa_column=Column(Text, nullable=False))
    tijdstip: datetime = Field(sa_type=UTCDateTime)
