"""Route dependencies that find and authorise a document (and section) before the body is
validated, so errors come in docs/api.md's order: 401 -> 404 -> 403 -> 413/422/428 -> 409.

Existence is checked for everything in the path before any permission is. Each takes the lazy
context (`leesverzoek`/`schrijfverzoek`): its first use of the session authenticates the caller,
so 401 still comes first, in the same threadpool hop as the lookup (app/deps.py)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends

from app.afstemming import toestand
from app.deps import Verzoek, leesverzoek, schrijfverzoek
from app.documenten import service
from app.documenten.models import Document, Sectie
from app.routing import id_uit_pad
from workflow.autorisatie import Actie, Context, reden_tegen


def _mag(v: Verzoek, document: Document, *acties: Actie) -> None:
    ctx = service.context(v.sessie, document)
    if acties:
        # A vervanger acts in an absent person's place only where he cannot act himself.
        v.handel_namens(lambda gebruiker, actor: kan(v, document, ctx, gebruiker, actor, acties))
    for actie in (Actie.DOCUMENT_LEZEN, *acties):
        service.eis(actie, v.actor, ctx, f"Document {document.id}")


def kan(v: Verzoek, document: Document, ctx, gebruiker, actor, acties) -> bool:
    """May `actor` do `acties` on `document` now? The matrix, and for a paraaf also whether it
    is this paraafniveau's turn (a vervanger initials at the absent person's level)."""
    from app.afstemming.service import paraaf_bezwaar

    if any(reden_tegen(actie, actor, ctx) for actie in (Actie.DOCUMENT_LEZEN, *acties)):
        return False
    return Actie.PARAFEREN not in acties or paraaf_bezwaar(v.sessie, gebruiker, document) is None


def leesbaar_document(document_id: str, v: Verzoek = Depends(leesverzoek)) -> Document:
    """The document as of now: a termijn that passed since the last write is applied first."""
    document = service.haal(v.sessie, id_uit_pad(document_id, "Document"))
    _mag(v, document)
    return toestand.actualiseer(v.engine, v.sessie, document, v.klok)


def leesbare_sectie(document_id: str, sectie_id: str, v: Verzoek = Depends(leesverzoek)) -> Sectie:
    document = service.haal(v.sessie, id_uit_pad(document_id, "Document"))
    sectie = service.haal_sectie(v.sessie, document, id_uit_pad(sectie_id, "Sectie"))
    _mag(v, document)
    return sectie


def schrijfbaar_document(actie: Actie) -> Callable[..., Document]:
    """The document locked for writing, after checking that the caller may do `actie` on it."""

    def afhankelijkheid(document_id: str, v: Verzoek = Depends(schrijfverzoek)) -> Document:
        document = service.vergrendel(v.sessie, id_uit_pad(document_id, "Document"))
        _mag(v, document, actie)
        return document

    return afhankelijkheid


def bewerkbare_sectie(document_id: str, sectie_id: str, v: Verzoek = Depends(schrijfverzoek)) -> tuple[Document, Sectie]:
    """The document and section as a read snapshot (`v.lezen`), after the caller's right to
    edit: an edit works out its merge there before it locks the document (service.wijzig_sectie)."""
    document = service.haal(v.lezen, id_uit_pad(document_id, "Document"))
    sectie = service.haal_sectie(v.lezen, document, id_uit_pad(sectie_id, "Sectie"))
    ctx = service.context(v.lezen, document)
    v.handel_namens(lambda gebruiker, actor: kan(v, document, ctx, gebruiker, actor, (Actie.SECTIE_BEWERKEN,)))
    for actie in (Actie.DOCUMENT_LEZEN, Actie.SECTIE_BEWERKEN):
        service.eis(actie, v.actor, ctx)
    return document, sectie


def mag_document_aanmaken(v: Verzoek = Depends(schrijfverzoek)) -> None:
    """The role check before the body is read (403 before 422); the department the body names
    as penvoerder is checked by the service."""
    service.eis(Actie.DOCUMENT_AANMAKEN, v.actor, Context())


def verzendbaar_document(document_id: str, v: Verzoek = Depends(leesverzoek)) -> Document:
    """Found and authorised for verzenden without a lock: sending renders and seals a PDF
    first, and only its last step writes (app.zegel.verzenden)."""
    document = service.haal(v.sessie, id_uit_pad(document_id, "Document"))
    _mag(v, document, Actie.VERZENDEN)
    return document
