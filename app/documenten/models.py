from datetime import date, datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime
from workflow.keten import BEGIN_HASH


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    soort: str = Field(index=True)
    titel: str
    kenmerk: str | None = None
    status: str = Field(index=True)
    penvoerder: str = Field(index=True)
    ondertekenaar: str | None = None
    # "De minister van ...," above the signature; derived from the penvoerder when empty.
    ondertekenaar_functie: str | None = None
    mede_namens: list[str] = Field(sa_column=Column(JSON, nullable=False))
    gekoppeld_aan: int | None = Field(default=None, foreign_key="document.id", index=True)
    parafenlijn: list[str] = Field(sa_column=Column(JSON, nullable=False))
    bijlagen: list[str] = Field(sa_column=Column(JSON, nullable=False))
    # The letter's date; until it is set, renderings use the date of vaststelling or today.
    datum: date | None = None
    revisie: int = 1
    inhoudshash: str
    # Departments that see the document: penvoerder, mede namens, and every department
    # invited to a ronde (kept here so an access check needs no query).
    betrokken: list[str] = Field(sa_column=Column(JSON, nullable=False))
    # The earliest moment at which time alone can change the workflow state (a reactietermijn
    # with an open objection, a ronde with stilzwijgend akkoord). Reads catch up when it has
    # passed; there are no timers, so any worker after any restart does the same.
    wekker: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    # The head of this document's event chain (last volgnummer and hash). It lives on the
    # document row because every write holds that row's lock anyway: appending an event then
    # costs no extra lock and no extra statement.
    keten_volgnummer: int = 0
    keten_hash: str = Field(default=BEGIN_HASH)
    vastgesteld_op: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verzonden_op: datetime | None = Field(default=None, sa_type=UTCDateTime)
    aangemaakt_op: datetime = Field(sa_type=UTCDateTime)
    aangemaakt_door: int = Field(foreign_key="gebruiker.id")


class DocumentRevisie(SQLModel, table=True):
    """One row per revisie: when it came about, by whom, and the content hash it had."""

    document_id: int = Field(foreign_key="document.id", primary_key=True)
    revisie: int = Field(primary_key=True)
    inhoudshash: str
    tijdstip: datetime = Field(sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="gebruiker.id")


class Sectie(SQLModel, table=True):
    """The current state of a section; its history lives in SectieVersie."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    positie: int
    niveau: int = 1
    kop: str | None = None
    tekst: str = Field(sa_column=Column(Text, nullable=False))
    versie: int = 1
    # sha256 of (kop, tekst): the document's inhoudshash combines these (workflow.tekst).
    inhoudshash: str


class SectieVersie(SQLModel, table=True):
    """An immutable version of a section. (sectie_id, versie) is unique: versions are gapless."""

    __table_args__ = (UniqueConstraint("sectie_id", "versie"),)

    id: int | None = Field(default=None, primary_key=True)
    sectie_id: int = Field(foreign_key="sectie.id", index=True)
    versie: int
    # The document revisie this version belongs to: rebuilds the document at any revisie.
    revisie: int
    positie: int
    niveau: int = 1
    kop: str | None = None
    tekst: str = Field(sa_column=Column(Text, nullable=False))
    auteur_id: int | None = Field(default=None, foreign_key="gebruiker.id")
    reden: str | None = None
    tijdstip: datetime = Field(sa_type=UTCDateTime)
