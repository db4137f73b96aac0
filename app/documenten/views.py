from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from app import representatie
from app.afstemming import toestand
from app.deps import Verzoek, leesverzoek, lezer, schrijfverzoek
from app.documenten import importeren, service
from app.documenten.deps import bewerkbare_sectie, leesbaar_document, leesbare_sectie, mag_document_aanmaken, schrijfbaar_document
from app.documenten.models import Document, Sectie
from app.documenten.schemas import (
    DocumentGeimporteerd,
    DocumentKort,
    DocumentUit,
    DocumentVelden,
    SectieGewijzigd,
    SectieNieuw,
    SectieUit,
    SectieWijziging,
    Soort,
    VerschilUit,
    VersieUit,
)
from app.problemen import OngeldigeInvoer, TeGroot, eis_basisversie
from app.routing import ParaafRoute
from app.schemas import MAX_INT, MAX_NAAM
from workflow.autorisatie import Actie
from workflow.importeren import ImportFout, ImportTeGroot, lijst_veld
from workflow.statussen import DocStatus

router = APIRouter(tags=["documenten"], route_class=ParaafRoute)


def document_uit(v: Verzoek, document: Document) -> dict:
    return {**document.model_dump(), "secties": [s.model_dump() for s in service.secties(v.sessie, document.id)]}


_DOCUMENT_VELDEN = tuple(naam for naam in DocumentUit.model_fields if naam != "secties")
_JSON = "application/json"


def _bevroren(waarde):
    return tuple(waarde) if isinstance(waarde, list) else waarde


def document_json(v: Verzoek, document: Document) -> tuple[bytes, str]:
    """The document's JSON and its ETag, cached under the row's shown fields (app.representatie:
    the sections change only with the revisie, which is one of them)."""
    sleutel = ("document", *(_bevroren(getattr(document, naam)) for naam in _DOCUMENT_VELDEN))
    return representatie.cache.haal(
        sleutel, lambda: DocumentUit.model_validate(document_uit(v, document)).model_dump_json().encode()
    )


@router.post("/documenten", status_code=201, response_model=DocumentUit, dependencies=[Depends(mag_document_aanmaken)])
def maak_document(velden: DocumentVelden, v: Verzoek = Depends(schrijfverzoek)):
    document = service.maak(v.sessie, v.gebruiker, v.actor, velden, v.klok)
    return document_uit(v, document)


@router.post(
    "/documenten/import", status_code=201, response_model=DocumentGeimporteerd, dependencies=[Depends(mag_document_aanmaken)]
)
def importeer_document(
    bestand: UploadFile = File(..., description=".md, .txt of .docx"),
    soort: Soort | None = Form(None),
    titel: str | None = Form(None, max_length=500),
    kenmerk: str | None = Form(None, max_length=500),
    penvoerder: str | None = Form(None, max_length=10),
    ondertekenaar: str | None = Form(None, max_length=MAX_NAAM),
    ondertekenaar_functie: str | None = Form(None, max_length=500),
    mede_namens: str | None = Form(None, max_length=400, description="Departementcodes, gescheiden door komma's"),
    gekoppeld_aan: str | None = Form(None, max_length=20),
    parafenlijn: str | None = Form(None, max_length=1100, description="Paraafniveaus in volgorde, gescheiden door komma's"),
    bijlagen: str | None = Form(None, max_length=25_100, description="Gescheiden door komma's"),
    datum: str | None = Form(None, max_length=40),
    v: Verzoek = Depends(schrijfverzoek),
):
    try:
        ingelezen = importeren.lees(
            bestand.filename or "", bestand.file.read(), max_uitgepakt=v.settings.max_import_uncompressed_bytes
        )
    except ImportTeGroot as e:
        raise TeGroot(
            f"Het bestand is te groot om als één document in te lezen: {e}.",
            invalid_params=[{"name": "bestand", "reason": str(e)}],
        ) from None
    except ImportFout as e:
        raise OngeldigeInvoer(f"Het bestand kan niet worden ingelezen: {e}.", veld="bestand", reden=str(e)) from None
    formulier = {
        "soort": soort,
        "titel": titel,
        "kenmerk": kenmerk,
        "penvoerder": penvoerder,
        "ondertekenaar": ondertekenaar,
        "ondertekenaar_functie": ondertekenaar_functie,
        "mede_namens": mede_namens,
        "gekoppeld_aan": gekoppeld_aan,
        "parafenlijn": parafenlijn,
        "bijlagen": bijlagen,
        "datum": datum,
    }
    velden = {k: w for k, w in ingelezen.velden.items() if k in formulier}
    velden.update({k: w for k, w in formulier.items() if w not in (None, "")})
    for lijstveld in ("mede_namens", "parafenlijn", "bijlagen"):
        if lijstveld in velden:
            velden[lijstveld] = lijst_veld(velden[lijstveld])
    try:
        documentvelden = DocumentVelden(**velden)
    except ValidationError as e:
        raise RequestValidationError([{**f, "loc": ("body", *f["loc"])} for f in e.errors()]) from None
    document = service.maak(
        v.sessie, v.gebruiker, v.actor, documentvelden, v.klok, secties_invoer=ingelezen.secties, bron=bestand.filename
    )
    return {**document_uit(v, document), "meldingen": ingelezen.meldingen, "niet_verwerkt": ingelezen.niet_verwerkt}


@router.get("/documenten", response_model=list[DocumentKort])
def documenten(
    soort: Soort | None = Query(None),
    status: DocStatus | None = Query(None),
    vanaf: int = Query(1, ge=1, le=MAX_INT, description="Eerste document-id (voor bladeren)"),
    limiet: int | None = Query(None, ge=1, le=1000, description="Hoogstens zoveel documenten; zonder: alle"),
    v: Verzoek = Depends(lezer),
):
    toestand.actualiseer_verlopen(v.engine, v.sessie, v.klok)
    return service.lijst(v.sessie, v.actor, soort=soort, status=status, vanaf=vanaf, limiet=limiet)


def leesbare_document_json(document_id: str, v: Verzoek = Depends(leesverzoek)) -> tuple[bytes, str]:
    """The document found, authorised and caught up (`leesbaar_document`, unchanged), then its
    JSON: one threadpool hop for the whole read, the snapshot released in it."""
    document = leesbaar_document(document_id, v)
    json = document_json(v, document)
    v.sluit()
    return json


@router.get(
    "/documenten/{document_id}", response_model=DocumentUit, responses={304: {"description": "Niet gewijzigd (If-None-Match)"}}
)
async def document(request: Request, json: tuple[bytes, str] = Depends(leesbare_document_json)):
    return representatie.antwoord(request, *json, _JSON)


@router.post("/documenten/{document_id}/secties", status_code=201, response_model=SectieUit)
def voeg_sectie_toe(
    invoer: SectieNieuw,
    document: Document = Depends(schrijfbaar_document(Actie.SECTIE_BEWERKEN)),
    v: Verzoek = Depends(schrijfverzoek),
):
    return service.voeg_sectie_toe(
        v.sessie, v.gebruiker, document, kop=invoer.kop, tekst=invoer.tekst, niveau=invoer.niveau, na=invoer.na, klok=v.klok
    )


@router.put("/documenten/{document_id}/secties/{sectie_id}", response_model=SectieGewijzigd)
def wijzig_sectie(
    invoer: SectieWijziging,
    doel: tuple[Document, Sectie] = Depends(bewerkbare_sectie),
    v: Verzoek = Depends(schrijfverzoek),
):
    basisversie = eis_basisversie(invoer.basisversie, "de versie van de sectie waarop uw wijziging is gemaakt")
    document, sectie = doel
    sectie, samengevoegd, gewijzigd = service.wijzig_sectie(
        v.sessie,
        v.gebruiker,
        document,
        sectie,
        tekst=invoer.tekst,
        kop=invoer.kop,
        kop_meegegeven="kop" in invoer.model_fields_set,
        basisversie=basisversie,
        reden=invoer.reden,
        klok=v.klok,
        lezen=v.lezen,
    )
    return {**sectie.model_dump(), "samengevoegd": samengevoegd, "gewijzigd": gewijzigd}


@router.get(
    "/documenten/{document_id}/secties/{sectie_id}",
    response_model=SectieUit,
    responses={304: {"description": "Niet gewijzigd (If-None-Match)"}},
)
def sectie(request: Request, sectie: Sectie = Depends(leesbare_sectie), v: Verzoek = Depends(leesverzoek)):
    # The row's shown fields, its text and heading by their hash (app.representatie).
    sleutel = ("sectie", sectie.id, sectie.versie, sectie.positie, sectie.niveau, sectie.inhoudshash)
    inhoud, tag = representatie.cache.haal(
        sleutel, lambda: SectieUit.model_validate(sectie.model_dump()).model_dump_json().encode()
    )
    return representatie.antwoord(request, inhoud, tag, _JSON)


@router.get("/documenten/{document_id}/secties/{sectie_id}/versies", response_model=list[VersieUit])
def versies(
    vanaf: int = Query(1, ge=1, le=MAX_INT, description="Eerste versie (voor bladeren)"),
    limiet: int | None = Query(None, ge=1, le=10_000, description="Hoogstens zoveel versies; zonder: alle"),
    sectie: Sectie = Depends(leesbare_sectie),
    v: Verzoek = Depends(leesverzoek),
):
    return service.versies_uit(v.sessie, sectie, vanaf=vanaf, limiet=limiet)


@router.get("/documenten/{document_id}/secties/{sectie_id}/verschil", response_model=VerschilUit)
def verschil(
    van: int = Query(..., ge=1, le=MAX_INT),
    tot: int = Query(..., ge=1, le=MAX_INT),
    sectie: Sectie = Depends(leesbare_sectie),
    v: Verzoek = Depends(leesverzoek),
):
    return service.verschil(v.sessie, sectie, van, tot)
