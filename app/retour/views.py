from __future__ import annotations

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile

from app.db import leessessie
from app.deps import Verzoek, leesverzoek, schrijfverzoek
from app.documenten import service as documenten
from app.documenten.deps import leesbaar_document
from app.documenten.models import Document
from app.retour import service
from app.retour.schemas import OpmerkingUit, RetourUit
from app.routing import ParaafRoute, id_uit_pad
from app.weergave.views import DOCX, render_afstemmingsversie
from workflow.autorisatie import Actie

router = APIRouter(tags=["retour"], route_class=ParaafRoute)


@router.get(
    "/documenten/{document_id}/afstemmingsversie.docx",
    response_class=Response,
    responses={200: {"content": {DOCX: {}}, "description": "Het Word-bestand om in Word te bewerken en terug te sturen"}},
)
def afstemmingsversie(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    inhoud, naam = render_afstemmingsversie(v, document)
    return Response(
        inhoud, media_type=DOCX, headers={"Content-Disposition": f'attachment; filename="{naam}"', "Cache-Control": "no-store"}
    )


def retour_document(document_id: str, v: Verzoek = Depends(schrijfverzoek)) -> int:
    """404 and 403 before the file is looked at, in a read transaction (no write lock yet)."""
    v.gebruiker  # noqa: B018 - 401 first
    with leessessie(v.engine) as lees:
        document = documenten.haal(lees, id_uit_pad(document_id, "Document"))
        documenten.eis(Actie.DOCUMENT_LEZEN, v.actor, documenten.context(lees, document))
        service.eis_recht(lees, v.actor, document)
    return document.id


def verwerk_retour(v: Verzoek, document_id: int, inhoud: bytes, bestandsnaam: str | None, proef: bool) -> dict:
    """Read and align in a read transaction, then file under the document's lock (shared by
    the API and the web UI)."""
    with leessessie(v.engine) as lees:
        document = documenten.haal(lees, document_id)
        lezing = service.lees(inhoud, v.settings.max_import_uncompressed_bytes)
        gepland = service.plan(lees, document, inhoud, lezing)
        eerder = service.eerdere(lees, document, gepland.sha256)
        if eerder is not None:
            raise service._dubbel(eerder)
    document = documenten.vergrendel(v.sessie, document_id)
    service.eis_recht(v.sessie, v.actor, document)
    return service.verwerk(v.sessie, v.gebruiker, document, gepland, bestandsnaam=bestandsnaam, proef=proef, klok=v.klok)


@router.post("/documenten/{document_id}/retour", status_code=201, response_model=RetourUit)
def retour(
    response: Response,
    bestand: UploadFile = File(..., description="Het in Word bewerkte .docx-bestand (de afstemmingsversie)"),
    proef: bool = Query(False, description="Alleen laten zien wat er zou worden aangemaakt; er wordt niets opgeslagen."),
    document_id: int = Depends(retour_document),
    v: Verzoek = Depends(schrijfverzoek),
):
    antwoord = verwerk_retour(v, document_id, bestand.file.read(), bestand.filename, proef)
    if proef:
        response.status_code = 200
    return antwoord


@router.get("/documenten/{document_id}/opmerkingen", response_model=list[OpmerkingUit])
def opmerkingen(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return service.opmerkingen(v.sessie, document)
