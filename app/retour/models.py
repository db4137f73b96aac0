from datetime import datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Retour(SQLModel, table=True):
    """One returned Word file, read once: the same bytes for the same document are refused."""

    __table_args__ = (UniqueConstraint("document_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    sha256: str
    bestandsnaam: str | None = None
    revisie: int  # the revisie the file was exported from
    departement: str
    ingediend_door: int = Field(foreign_key="gebruiker.id")
    tijdstip: datetime = Field(sa_type=UTCDateTime)
    niet_verwerkt: list[dict] = Field(sa_column=Column(JSON, nullable=False))


class Opmerking(SQLModel, table=True):
    """A Word comment that is not on a change: a remark on a passage of a section."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    retour_id: int = Field(foreign_key="retour.id", index=True)
    sectie_id: int | None = Field(default=None, foreign_key="sectie.id")
    basisversie: int | None = None
    positie: int | None = None
    passage: str = Field(sa_column=Column(Text, nullable=False))
    tekst: str = Field(sa_column=Column(Text, nullable=False))
    auteur: str  # the Word comment's author
    word_tijdstip: datetime | None = Field(default=None, sa_type=UTCDateTime)
    departement: str
