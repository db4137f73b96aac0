from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from app.deps import Verzoek, leesverzoek
from app.documenten import service as documenten
from app.documenten.deps import leesbaar_document
from app.documenten.models import Document
from app.publicatie import service
from app.routing import ParaafRoute
from app.weergave.views import bestand_antwoord
from workflow.autorisatie import Actie

router = APIRouter(tags=["publicatie"], route_class=ParaafRoute)

ZIP = "application/zip"


def pakket_maken(v: Verzoek, document: Document) -> tuple[bytes, str]:
    """The package of `document`'s set, for the API and the web UI (opsteller or bewindspersoon
    of the penvoerder)."""
    documenten.eis(Actie.WOO_PAKKET, v.actor, documenten.context(v.sessie, document))
    return service.woo_pakket(v, document)


@router.get(
    "/documenten/{document_id}/woo-pakket.zip",
    response_class=Response,
    responses={
        200: {"content": {ZIP: {}}, "description": "Woo-publicatiepakket: PDF/A's, inventarislijst, DiWoo-metadata, manifest"},
        409: {"description": "De Kamerbrief is nog niet vastgesteld, of het document hoort niet bij een Kamerbrief"},
        503: {"description": "LibreOffice is bezet of faalde; zie Retry-After"},
    },
)
def woo_pakket(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    return bestand_antwoord(*pakket_maken(v, document), ZIP)
