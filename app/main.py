"""The FastAPI application: `uvicorn app.main:app`."""

from __future__ import annotations

import logging

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, text

from app import API_VERSION, problemen
from app.afstemming.views import router as afstemming_router
from app.config import PROJECT_ROOT, Settings, get_settings
from app.db import Klok, maak_engine
from app.documenten.views import router as documenten_router
from app.gebeurtenissen.views import router as gebeurtenissen_router
from app.gebruikers.views import router as gebruikers_router
from app.middleware import ApiVersie, BodyLimiet
from app.publicatie.views import router as publicatie_router
from app.retour.views import router as retour_router
from app.routing import ParaafRoute
from app.stukken.views import router as stukken_router
from app.tekstvoorstellen.views import router as tekstvoorstellen_router
from app.web.fouten import web_fout
from app.web.views import router as web_router
from app.weergave.views import router as weergave_router

API_PREFIX = "/api/v1"


def maak_app(settings: Settings | None = None, *, engine: Engine | None = None, klok: Klok | None = None) -> FastAPI:
    settings = settings or get_settings()
    logging.getLogger("paraaf").setLevel(settings.log_level.upper())
    app = FastAPI(
        title="Paraaf",
        summary="Afstemming, parafering en vaststelling van Kamerbrieven en beslisnota's",
        version=API_VERSION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine or maak_engine(settings.database_url)
    app.state.klok = klok or Klok()
    problemen.installeer(app)

    api = APIRouter(prefix=API_PREFIX, route_class=ParaafRoute)

    @api.get("/gezondheid", tags=["beheer"])
    def gezondheid():
        try:
            with app.state.engine.connect() as verbinding:
                verbinding.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse({"status": "fout", "database": "onbereikbaar"}, status_code=503)
        return {"status": "ok", "database": "ok"}

    for router in (
        gebruikers_router,
        documenten_router,
        tekstvoorstellen_router,
        afstemming_router,
        stukken_router,
        gebeurtenissen_router,
        weergave_router,
        retour_router,
        publicatie_router,
    ):
        api.include_router(router)
    app.include_router(api)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=PROJECT_ROOT / "static"), name="static")
    app.state.web_fout = web_fout

    problemen.documenteer(app, vrij={f"{API_PREFIX}/gezondheid"})
    app.add_middleware(BodyLimiet, limiet=settings.max_body_bytes)
    app.add_middleware(ApiVersie)
    return app


app = maak_app()
