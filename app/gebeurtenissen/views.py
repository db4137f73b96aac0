import json

from fastapi import APIRouter, Depends, Query

from app.deps import Verzoek, leesverzoek
from app.documenten.deps import leesbaar_document
from app.documenten.models import Document
from app.gebeurtenissen import service
from app.gebeurtenissen.schemas import GebeurtenisUit, VerificatieUit
from app.routing import ParaafRoute
from app.schemas import MAX_INT

router = APIRouter(tags=["gebeurtenissen"], route_class=ParaafRoute)


@router.get("/documenten/{document_id}/gebeurtenissen", response_model=list[GebeurtenisUit])
def gebeurtenissen(
    vanaf: int = Query(1, ge=1, le=MAX_INT, description="Eerste volgnummer"),
    limiet: int | None = Query(None, ge=1, le=10_000),
    document: Document = Depends(leesbaar_document),
    v: Verzoek = Depends(leesverzoek),
):
    rijen = service.lijst(v.sessie, service.document_keten(document.id), vanaf=vanaf, limiet=limiet)
    return [{**r.model_dump(), "gegevens": json.loads(r.gegevens)} for r in rijen]


@router.get("/documenten/{document_id}/gebeurtenissen/verificatie", response_model=VerificatieUit)
def verificatie(document: Document = Depends(leesbaar_document), v: Verzoek = Depends(leesverzoek)):
    uitkomst = service.verifieer_keten(v.sessie, service.document_keten(document.id))
    return uitkomst.__dict__
