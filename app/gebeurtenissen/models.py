from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Gebeurtenis(SQLModel, table=True):
    """One event of a chain ("document/<id>" or "systeem"), hash-linked to its predecessor."""

    __table_args__ = (UniqueConstraint("keten", "volgnummer"),)

    id: int | None = Field(default=None, primary_key=True)
    keten: str = Field(index=True)
    volgnummer: int
    document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    tijdstip: datetime = Field(sa_type=UTCDateTime)
    actor: str
    soort: str
    # Canonical JSON text, exactly as it was hashed.
    gegevens: str = Field(sa_column=Column(Text, nullable=False))
    vorige_hash: str
    hash: str


class Ketenkop(SQLModel, table=True):
    """The head of a chain that has no document (the "systeem" chain of users and tokens).
    Appending locks this row, so a chain never forks. A document's chain keeps its head on
    the document row (Document.keten_volgnummer / keten_hash)."""

    keten: str = Field(primary_key=True)
    volgnummer: int
    hash: str
