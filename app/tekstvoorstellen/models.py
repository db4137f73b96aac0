from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Tekstvoorstel(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    sectie_id: int = Field(foreign_key="sectie.id", index=True)
    departement: str = Field(index=True)
    indiener_id: int = Field(foreign_key="gebruiker.id")
    status: str = Field(index=True)
    basisversie: int
    # Where the passage starts in the text of `basisversie` (character offset).
    positie: int
    oorspronkelijk: str = Field(sa_column=Column(Text, nullable=False))
    voorgesteld: str = Field(sa_column=Column(Text, nullable=False))
    toelichting: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reactietermijn: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reactie_op: int | None = Field(default=None, foreign_key="tekstvoorstel.id", index=True)
    # The root of the thread this proposal belongs to (its own id for a root).
    draad_id: int | None = Field(default=None, index=True)
    aangemaakt_op: datetime = Field(sa_type=UTCDateTime)
    gewijzigd_op: datetime = Field(sa_type=UTCDateTime)
    # The section version this proposal's wording was written into (overnemen, besluit).
    verwerkt_in_versie: int | None = None
    # Read from a returned Word file (retour): the change's Word author and date, whether it
    # was made without change tracking, and the retour it came from.
    word_auteur: str | None = None
    word_tijdstip: datetime | None = Field(default=None, sa_type=UTCDateTime)
    zonder_bijhouden: bool = False
    retour_id: int | None = Field(default=None, foreign_key="retour.id", index=True)


class Reactie(SQLModel, table=True):
    """A department's reaction to a proposal. A later one of the same department replaces
    the earlier (actueel=False), which stays for the record."""

    id: int | None = Field(default=None, primary_key=True)
    tekstvoorstel_id: int = Field(foreign_key="tekstvoorstel.id", index=True)
    departement: str
    gebruiker_id: int = Field(foreign_key="gebruiker.id")
    oordeel: str
    toelichting: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    tegenvoorstel_id: int | None = Field(default=None, foreign_key="tekstvoorstel.id")
    tijdstip: datetime = Field(sa_type=UTCDateTime)
    actueel: bool = True


class Besluit(SQLModel, table=True):
    """The bewindspersoon's decision on an escalated thread."""

    id: int | None = Field(default=None, primary_key=True)
    draad_id: int = Field(foreign_key="tekstvoorstel.id", index=True)
    gebruiker_id: int = Field(foreign_key="gebruiker.id")
    gekozen_id: int | None = Field(default=None, foreign_key="tekstvoorstel.id")
    tekst: str = Field(sa_column=Column(Text, nullable=False))
    toelichting: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    sectie_versie: int
    tijdstip: datetime = Field(sa_type=UTCDateTime)
