from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Melding(SQLModel, table=True):
    """The outbox: one e-mail to one person about one thing that waits for them.

    Rows are written in the same transaction as the change that causes them (or, for
    termijnen, by the sender), so a rolled-back change leaves none and a crash loses none.
    (ontvanger, sleutel) is unique: the same thing is never announced to a person twice, however
    many workers find it."""

    __table_args__ = (UniqueConstraint("ontvanger_id", "sleutel"),)

    id: int | None = Field(default=None, primary_key=True)
    ontvanger_id: int = Field(foreign_key="gebruiker.id", index=True)
    # What it is about, e.g. "reageren:12" or "herinnering:oordeel_geven:3:DEF:2025-06-11T15:00:00Z".
    sleutel: str = Field(index=True)
    # wachtend (something started waiting) | herinnering (one working day before the termijn) | verlopen (the termijn passed)
    aanleiding: str
    # The Mijn werk kind: reageren, oordeel_geven, paraferen, behandelen, besluiten, vaststellen.
    werk: str
    document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    # JSON: titel, omschrijving, termijn, pad (link), namens ({id, naam} when for an absent person).
    gegevens: str = Field(sa_column=Column(Text, nullable=False))
    aangemaakt_op: datetime = Field(sa_type=UTCDateTime)
    # wachtend -> bezig (claimed by one worker) -> verzonden | overgeslagen (preference 'uit') | mislukt
    status: str = Field(default="wachtend", index=True)
    pogingen: int = 0
    claim: str | None = Field(default=None, index=True)
    geclaimd_op: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verzonden_op: datetime | None = Field(default=None, sa_type=UTCDateTime)
    fout: str | None = None
