"""Every table, imported in one place for Alembic and for metadata checks."""

from sqlmodel import SQLModel

from app.documenten.models import Document, DocumentRevisie, Sectie, SectieVersie
from app.gebeurtenissen.models import Gebeurtenis, Ketenkop
from app.gebruikers.models import Gebruiker, Token

metadata = SQLModel.metadata

__all__ = [
    "Document",
    "DocumentRevisie",
    "Gebeurtenis",
    "Gebruiker",
    "Ketenkop",
    "Sectie",
    "SectieVersie",
    "Token",
    "metadata",
]
