"""The ceiling: a bare FastAPI app that answers with bytes it holds in memory, no database.

    PLAFOND_BESTAND=<file> uvicorn bench.plafond_app:app

The file holds exactly the body Paraaf answered for the document (bench/plafond.py writes it),
and its ETag on the first line. `GET /doc` returns those bytes; with a matching `If-None-Match`
it answers 304. Nothing else: no auth, no database, no validation. Whatever Paraaf costs above
this is Paraaf's own work (and FastAPI's routing, which both pay).
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request, Response

_etag, _, _body = Path(os.environ["PLAFOND_BESTAND"]).read_bytes().partition(b"\n")
ETAG = _etag.decode()
BODY = _body

app = FastAPI(title="Paraaf-plafond", openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.get("/doc")
async def doc(request: Request):
    koppen = {"ETag": ETAG, "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") == ETAG:
        return Response(status_code=304, headers=koppen)
    return Response(BODY, media_type="application/json", headers=koppen)
