"""The set's own records: afhankelijkheden of a letter, the minister's besluiten on a nota's
beslispunten, and dissent the minister set aside (afwijkingen)."""

from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Afhankelijkheid(SQLModel, table=True):
    """What must happen before the letter may go: another document reaching a status, or a
    free item ticked off (or dropped) with a toelichting."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)  # the letter (head of the set)
    omschrijving: str = Field(sa_column=Column(Text, nullable=False))
    # The document it waits for; its status is read live until the set is signed.
    doel_document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    vereiste_status: str = "vastgesteld"
    verwacht_op: date | None = None
    # open | vervuld | vervallen; for a document-bound one "open" means "look at the document"
    # until the letter's vaststelling writes what it was then.
    status: str = "open"
    toelichting: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    aangemaakt_door: int = Field(foreign_key="gebruiker.id")
    aangemaakt_op: datetime = Field(sa_type=UTCDateTime)
    afgehandeld_door: int | None = Field(default=None, foreign_key="gebruiker.id")
    afgehandeld_op: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BeslispuntBesluit(SQLModel, table=True):
    """The bewindspersoon's besluit on beslispunt `nummer` of a nota, as worded then (`tekst`).
    A later besluit on the same point replaces it (actueel=False); both stay."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    nummer: int
    tekst: str = Field(sa_column=Column(Text, nullable=False))
    besluit: str
    aantekening: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    gebruiker_id: int = Field(foreign_key="gebruiker.id")
    tijdstip: datetime = Field(sa_type=UTCDateTime)
    actueel: bool = True


class Afwijking(SQLModel, table=True):
    """The bewindspersoon set a department's dissent (or missing akkoord) aside, with a reden."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    departement: str
    reden: str = Field(sa_column=Column(Text, nullable=False))
    gebruiker_id: int = Field(foreign_key="gebruiker.id")
    tijdstip: datetime = Field(sa_type=UTCDateTime)
