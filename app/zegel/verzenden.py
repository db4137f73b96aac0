"""Verzenden: the vastgestelde document goes out as a sealed PDF/A.

The slow part (LibreOffice, the signature, a timestamp server) runs outside any write
transaction: first a read checks that the document may be sent and renders it, then the PDF is
made and sealed, and only then one short write transaction locks the document, checks that
nothing changed meanwhile, and stores the status, the sealed PDF and the events together. A
failure anywhere before that write leaves the document vastgesteld, with nothing written.
"""

from __future__ import annotations

import dataclasses
import hashlib

from sqlalchemy import Engine
from sqlmodel import Session

from app.afstemming import service as afstemming
from app.config import Settings
from app.db import Klok, leessessie, schrijfsessie
from app.documenten import service as documenten
from app.documenten.models import Document
from app.gebeurtenissen import service as gebeurtenissen
from app.gebruikers.models import Gebruiker
from app.problemen import Conflict
from app.weergave import service as weergave
from app.weergave.docx import document_docx
from app.weergave.pdf import omzetter
from app.zegel import service as zegel
from app.zegel.models import Verzegeling
from workflow.statussen import DocGebeurtenis, DocStatus
from workflow.statussen import label as statuslabel


def verzenddocx(session: Session, document: Document, klok: Klok) -> bytes:
    """The Word file of the letter as it is sent: the current (frozen) revisie, status
    verzonden, no internal Woo marking."""
    weergave_ = weergave.document_weergave(session, document, klok.nu(session))
    return document_docx(dataclasses.replace(weergave_, status=DocStatus.VERZONDEN.value), markeren=False)


def verzend(
    engine: Engine, settings: Settings, gebruiker: Gebruiker, document_id: int, klok: Klok, *, namens: tuple | None = None
) -> Document:
    """`namens`: (vervanger, absent person) when the request acts in an absent person's place
    (app.deps.Verzoek.handel_namens); the write session carries it to the event log."""
    with leessessie(engine) as s:
        document = documenten.haal(s, document_id)
        # 409 before any work: a member of a letter's set goes with its letter (issue 12), and
        # the table must allow it (it names the status).
        afstemming.eis_verzendbaar(s, document)
        documenten.overgang(document, DocGebeurtenis.VERZENDEN)
        revisie, inhoudshash = document.revisie, document.inhoudshash
        docx = verzenddocx(s, document, klok)
        nu = klok.nu(s)
    pdf = omzetter(settings).naar_pdf(docx)
    zegelaar = zegel.zegelaar(settings, engine, nu=nu)
    try:
        getekend = zegel.verzegel(pdf, zegelaar)
    finally:
        zegelaar.sluit()

    with schrijfsessie(engine) as s:
        if namens is not None:
            s.info["namens"] = namens
        document = documenten.vergrendel(s, document_id)
        if (document.revisie, document.inhoudshash) != (revisie, inhoudshash):
            raise Conflict("Het document is gewijzigd terwijl het werd verzegeld; probeer het opnieuw.")
        # The status change and its event, as before; then the seal and its event.
        document = afstemming.verzend(s, gebruiker, document, klok, commit=False)
        nu = klok.nu(s)
        pdf_sha256 = hashlib.sha256(getekend).hexdigest()
        s.add(
            Verzegeling(
                document_id=document.id,
                revisie=revisie,
                inhoudshash=inhoudshash,
                zegel=zegelaar.naam,
                certificaat_sha256=zegelaar.certificaat_sha256,
                niveau=zegelaar.niveau,
                pdf=getekend,
                pdf_sha256=pdf_sha256,
                tijdstip=nu,
            )
        )
        gebeurtenissen.bij_document(
            s,
            document,
            gebruiker,
            "verzegeld",
            nu,
            zegel=zegelaar.naam,
            certificaat_sha256=zegelaar.certificaat_sha256,
            niveau=zegelaar.niveau,
            tijdstempeldienst=zegelaar.tsa_url,
            pdf_sha256=pdf_sha256,
            revisie=revisie,
            ontwikkelzegel=zegelaar.ontwikkeling,
        )
        s.commit()
        return document


def verzegeling(session: Session, document: Document) -> Verzegeling:
    rij = session.get(Verzegeling, document.id)
    if rij is None:
        raise Conflict(
            f"Document {document.id} heeft de status '{statuslabel(document.status)}': er is pas een verzegelde PDF nadat het is verzonden."
        )
    return rij
