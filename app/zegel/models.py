from datetime import datetime

from sqlalchemy import Column, LargeBinary, Text
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Ontwikkelzegel(SQLModel, table=True):
    """The development seal, made on first use when no real one is configured. One row (id 1):
    every worker signs with the same key. Its certificate says it is not for production."""

    id: int = Field(default=1, primary_key=True)
    naam: str
    sleutel_pem: str = Field(sa_column=Column(Text, nullable=False))  # PKCS#8, unencrypted: a development key
    certificaat_pem: str = Field(sa_column=Column(Text, nullable=False))
    aangemaakt_op: datetime = Field(sa_type=UTCDateTime)


class Verzegeling(SQLModel, table=True):
    """The sealed PDF/A of a sent document (one per document: a sent document is frozen)."""

    document_id: int = Field(foreign_key="document.id", primary_key=True)
    revisie: int
    inhoudshash: str
    zegel: str  # the seal certificate's common name
    certificaat_sha256: str
    niveau: str  # PAdES-B-B | PAdES-B-T
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    pdf_sha256: str
    tijdstip: datetime = Field(sa_type=UTCDateTime)
