"""Which documents form a set, and the set's identity (sethash, setstand) as it is now.

Kept apart from app.stukken.service so the workflow state (app.afstemming.toestand) can ask
it without importing the set's services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from app.documenten.models import Document
from workflow import stukken as regels


def is_lid(document: Document) -> bool:
    """A member of a letter's set (a beslisnota or bijlage linked to the letter)."""
    return document.gekoppeld_aan is not None


def hoofd(session: Session, document: Document) -> Document:
    """The document that heads `document`'s set: its letter, or itself."""
    if document.gekoppeld_aan is None:
        return document
    return session.get(Document, document.gekoppeld_aan)


def leden(session: Session, kop: Document, *, vergrendelen: bool = False) -> list[Document]:
    """The set headed by `kop`, in id order (the letter first: it is always the oldest)."""
    query = select(Document).where(or_(col(Document.id) == kop.id, col(Document.gekoppeld_aan) == kop.id)).order_by(Document.id)
    if vergrendelen:
        query = query.with_for_update()
    return list(session.exec(query))


def stukken(session: Session, kop: Document) -> list[Document]:
    """The members without the head."""
    return [d for d in leden(session, kop) if d.id != kop.id]


@dataclass(frozen=True)
class Stand:
    sethash: str
    setstand: str


def stand(session: Session, kop: Document) -> Stand:
    """What the set says now (sethash) and which revisies it is made of (setstand)."""
    alle = leden(session, kop)
    return Stand(
        sethash=regels.sethash((d.id, d.inhoudshash) for d in alle),
        setstand=regels.setstand((d.id, d.revisie) for d in alle),
    )
