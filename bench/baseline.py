"""The baseline: a bare FastAPI app doing the same database work as Paraaf's read and edit,
without auth, domain logic, events or validation beyond the body's one field.

    PARAAF_DATABASE_URL=... uvicorn bench.baseline:app --workers N

- GET  /doc/{id}   the document row and its sections (ordered by positie), as JSON.
- POST /edit/{sid} {"tekst"}: in one transaction, update the section row (text, versie + 1) and
  insert its version row into `sectieversie`: the same tables and indexes as a Paraaf edit.

Plain SQLAlchemy Core on the Paraaf tables. The engine comes from `app.db.maak_engine`, so the
connection settings are Paraaf's (SQLite: WAL, synchronous=NORMAL, busy timeout; PostgreSQL:
the same pool); reads use Paraaf's isolation (PostgreSQL: REPEATABLE READ) and writes Paraaf's
write mode (SQLite: BEGIN IMMEDIATE). Endpoints are sync `def`, run in the threadpool as Paraaf's.
"""

from __future__ import annotations

import os
import sys
import threading
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi import FastAPI, HTTPException  # noqa: E402
from pydantic import BaseModel  # noqa: E402
from sqlalchemy import insert, select, text, update  # noqa: E402

from app.config import get_settings  # noqa: E402
from app.db import maak_engine  # noqa: E402
from app.documenten.models import Document, Sectie, SectieVersie  # noqa: E402

document_t = Document.__table__
sectie_t = Sectie.__table__
versie_t = SectieVersie.__table__

engine = maak_engine(os.environ.get("PARAAF_DATABASE_URL") or get_settings().database_url)
if engine.dialect.name == "postgresql":
    lees_engine = engine.execution_options(isolation_level="REPEATABLE READ")
    schrijf_engine = engine
else:
    lees_engine = engine
    schrijf_engine = engine.execution_options(sqlite_begin="IMMEDIATE")

# Experiment (off by default, so the baseline does what Paraaf does): BENCH_SCHRIJFSLOT=1 makes the
# threads of this process queue for SQLite's single write lock on a mutex, instead of in
# SQLite's busy handler (which sleeps and retries, 1 ms .. 100 ms, so late arrivals can overtake).
schrijfslot = threading.Lock() if os.environ.get("BENCH_SCHRIJFSLOT") == "1" else nullcontext()

app = FastAPI(title="Paraaf-baseline", openapi_url=None, docs_url=None, redoc_url=None)


class Bewerking(BaseModel):
    tekst: str


@app.get("/health")
def health():
    with engine.connect() as c:
        c.execute(text("SELECT 1"))
    return {"status": "ok"}


@app.get("/doc/{document_id}")
def doc(document_id: int):
    with lees_engine.connect() as c:
        rij = c.execute(select(document_t).where(document_t.c.id == document_id)).mappings().first()
        if rij is None:
            raise HTTPException(404)
        secties = (
            c.execute(select(sectie_t).where(sectie_t.c.document_id == document_id).order_by(sectie_t.c.positie)).mappings().all()
        )
    return {**rij, "secties": [dict(s) for s in secties]}


@app.post("/edit/{sectie_id}")
def edit(sectie_id: int, bewerking: Bewerking):
    with schrijfslot, schrijf_engine.begin() as c:
        rij = c.execute(
            update(sectie_t)
            .where(sectie_t.c.id == sectie_id)
            .values(tekst=bewerking.tekst, versie=sectie_t.c.versie + 1)
            .returning(sectie_t.c.versie, sectie_t.c.positie, sectie_t.c.niveau, sectie_t.c.kop)
        ).first()
        if rij is None:
            raise HTTPException(404)
        c.execute(
            insert(versie_t).values(
                sectie_id=sectie_id,
                versie=rij.versie,
                revisie=rij.versie,
                positie=rij.positie,
                niveau=rij.niveau,
                kop=rij.kop,
                tekst=bewerking.tekst,
                auteur_id=None,
                reden=None,
                tijdstip=datetime.now(UTC),
            )
        )
    # The same payload as Paraaf's answer: the section as it is now.
    return {
        "id": sectie_id,
        "kop": rij.kop,
        "niveau": rij.niveau,
        "positie": rij.positie,
        "versie": rij.versie,
        "tekst": bewerking.tekst,
    }
