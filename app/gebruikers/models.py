from datetime import date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime


class Gebruiker(SQLModel, table=True):
    # One Paraaf account per person at the identity provider (issuer + subject).
    __table_args__ = (UniqueConstraint("oidc_issuer", "oidc_sub"),)

    id: int | None = Field(default=None, primary_key=True)
    naam: str
    email: str = Field(unique=True)
    departement: str = Field(index=True)
    rollen: list[str] = Field(sa_column=Column(JSON, nullable=False))
    paraafniveau: str | None = None
    # Withheld (5.1.2e) in the Woo version wherever it occurs, like name and e-mail address.
    telefoon: str | None = None
    aangemaakt_op: datetime = Field(sa_type=UTCDateTime)
    # Meldingen by e-mail: direct, dagelijks (one digest a day) or uit.
    meldingen_voorkeur: str = Field(default="direct", sa_column_kwargs={"server_default": "direct"})
    # Afwezigheid: absent up to and including this date (Dutch calendar); the vervanger gets
    # the waiting items and meldingen and may act in this person's place.
    afwezig_tot: date | None = None
    vervanger_id: int | None = Field(default=None, foreign_key="gebruiker.id")
    # Linked at the first single sign-on (OpenID Connect) of this person's e-mail address.
    oidc_issuer: str | None = None
    oidc_sub: str | None = None


class Token(SQLModel, table=True):
    """A bearer token, kept only as its SHA-256; a revoked one stays so it can never return."""

    id: int | None = Field(default=None, primary_key=True)
    gebruiker_id: int = Field(foreign_key="gebruiker.id", index=True)
    hash: str = Field(unique=True)
    uitgegeven_op: datetime = Field(sa_type=UTCDateTime)
    ingetrokken_op: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # "api": a bearer token, shown once. "sessie": a web session opened by single sign-on; its
    # hash is of no token anyone holds, so it can never be presented as a bearer token.
    soort: str = Field(default="api", sa_column_kwargs={"server_default": "api"})
    # A session ends when the identity provider's does (the ID token's exp).
    verloopt_op: datetime | None = Field(default=None, sa_type=UTCDateTime)
